"""Broad rules of news attribution and opposition, each tested on a sentence of our own."""
import pytest

from factcheck.analysis import analyze

from .helpers import assertions, only


@pytest.mark.parametrize("text, speaker", [
    ("In a letter sent on Monday, the landlord said the boiler had been repaired.", "the landlord"),
    ("About the missing files, she said they had been archived in March.", "she"),
    ("In his report to the board, Okafor claimed the audit had been rushed.", "Okafor"),
    ("When the council later said the road was safe, residents were surprised.", "the council"),
    ("The airline, however, said the delay was caused by the weather.", "The airline"),
])
def test_a_fronted_adverbial_a_subordinator_or_a_connector_is_not_the_speaker(text, speaker):
    found = [a for a in assertions(text) if a.cue.endswith(("said", "claimed"))]
    assert found and found[0].speaker == speaker


def test_a_connector_opening_the_content_is_not_what_was_said():
    a = only("Moreover, the second gate had been locked all night, the guards said.")
    assert a.quote == "the second gate had been locked all night"


@pytest.mark.parametrize("text", [
    "China launched a trade dispute against the United States on Tuesday, the WTO said.",
    "The dispute over pay has lasted six weeks, the union said.",
    "A legal challenge was filed on Friday, the court said.",
])
def test_a_cue_word_used_as_a_noun_opens_no_frame(text):
    a = only(text)
    assert a.cue == "said"


def test_the_same_word_as_a_verb_still_opens_a_frame():
    a = [x for x in assertions("The company disputes the figures published by the regulator.")]
    assert a and a[0].stance == "dispute" and a[0].quote == "the figures published by the regulator"
