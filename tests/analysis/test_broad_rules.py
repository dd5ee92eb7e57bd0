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


@pytest.mark.parametrize("cue, stance", [
    ("declared", "assert"), ("observed", "assert"), ("pointed out", "assert"), ("cautioned", "assert"),
    ("indicated", "assert"), ("feared", "assert"), ("recalled", "assert"), ("recounted", "assert"),
    ("retorted", "assert"), ("responded", "assert"), ("protested", "assert"), ("hinted", "assert"),
    ("commented", "assert"), ("remarked", "assert"), ("corroborated", "confirm"), ("doubted", "dispute"),
    ("has long maintained", "assert"), ("had previously declared", "assert"),
])
def test_the_wider_vocabulary_of_attribution_reports_a_that_clause(cue, stance):
    a = only(f"The port authority {cue} that the tanker had left without clearance.")
    assert a.speaker == "The port authority"
    assert a.cue.endswith(cue.split()[-1]) or a.cue == cue
    assert a.quote == "the tanker had left without clearance"
    assert a.stance == stance


@pytest.mark.parametrize("text, quote", [
    ("The mayor contradicted the police account of the crash.", "the police account of the crash"),
    ("The company characterised the strike as illegal.", "the strike as illegal"),
    ("The union branded the offer an insult.", "the offer an insult"),
    ("The minister labelled the report a fabrication.", "the report a fabrication"),
])
def test_contradicting_and_characterising_verbs_take_their_object(text, quote):
    assert only(text).quote == quote


@pytest.mark.parametrize("text", [
    "The firm branded its new range of sofas last spring.",
    "The ministry responded to the letter within a week.",
    "The terms of the deal were not disclosed.",
    "The club vowed to appeal.",
])
def test_the_same_verbs_without_reported_content_open_no_frame(text):
    assert assertions(text) == []


def test_more_participles_carry_the_subjects_content():
    found = assertions("The firm denied wrongdoing, stating that all rules were followed.")
    assert [(a.speaker, a.quote) for a in found] == [("The firm", "wrongdoing"), ("The firm", "all rules were followed")]
    a = only("The group released a report stating that 40 people had died.")
    assert a.quote == "40 people had died"


@pytest.mark.parametrize("text, speaker", [
    ("Petrov was quoted as saying the plant was safe.", "Petrov"),
    ("The governor was quoted by state media as saying that the fire was under control.", "The governor"),
])
def test_the_passive_quoted_as_saying_reports_its_subject(text, speaker):
    a = only(text)
    assert a.speaker == speaker
    assert a.quote.startswith("the ")


def test_a_cue_between_commas_inside_the_clause_reports_the_clause():
    a = only("The strike, the union said, would go ahead on Monday.")
    assert a.speaker == "the union"
    assert a.quote.startswith("The strike") and a.quote.endswith("would go ahead on Monday")


def test_a_cue_between_commas_after_a_fronted_adverbial_reports_what_follows():
    a = only("Since the ward reopened in May, the nurses' union says, 40 patients have caught the infection.")
    assert a.speaker == "the nurses' union"
    assert a.quote == "40 patients have caught the infection"


def test_a_named_speaker_with_a_role_apposition_is_not_an_inverted_attribution():
    a = only("Lt Col Jane Okoro, the fire service's director of operations, said the warehouse, built in 1990, "
             "only had two exits.")
    assert a.speaker.startswith("Lt Col Jane Okoro")
    assert a.quote.startswith("the warehouse") and a.quote.endswith("only had two exits")


@pytest.mark.parametrize("obj", ["that number", "that figure", "this toll", "that version"])
def test_that_before_a_noun_of_account_is_a_demonstrative_not_a_complementiser(obj):
    a = only(f"The hospital disputed {obj} Monday, but gave no figure of its own.")
    assert a.quote == obj
    assert a.stance == "dispute"


def test_a_dateline_is_not_part_of_the_content():
    a = only("GENEVA (Reuters) - The talks collapsed on Tuesday, the mediators said.")
    assert a.quote == "The talks collapsed on Tuesday"


def test_a_lowercase_role_before_a_full_name_is_a_person_whom_a_later_he_names():
    r = analyze("Club striker Tomas Lind has denied the referee's claim that he swore. "
                "The referee, Mark Hale, said Lind had sworn twice. "
                "Lind disputes the official's account. "
                "\"I never swore at anyone,\" he told the club site.")
    lind = [a for a in r.assertions if "Lind" in a.speaker or a.speaker == "he"]
    assert len({a.side for a in lind}) == 1
    hale = [a for a in r.assertions if "Hale" in a.speaker]
    assert hale and hale[0].side != lind[0].side


def test_a_name_with_a_role_of_an_organisation_is_a_person_speaking_for_it():
    r = analyze("Rita Osei, administrative officer of parent company Lumen Group, said the alarms had worked. "
                "\"We had extinguishers on every floor,\" said Rita Osei.")
    sides = {a.side for a in r.assertions}
    assert len(sides) == 1 and "lumen" in sides.pop()


def _pairs(text):
    r = analyze(text)
    q = {a.id: a.quote for a in r.assertions}
    return {frozenset((q[o.a][:25], q[o.b][:25])) for o in r.oppositions}


def test_one_side_negating_what_the_other_affirms_is_a_contradiction():
    pairs = _pairs("The school did not have any working smoke alarms, fire inspectors said. "
                   "The blaze spread from the kitchen, residents said. "
                   "\"We had working smoke alarms in every corridor,\" said the school's head, Maria Lund.")
    assert any(any("did not have" in x for x in p) and any("We had working" in x for x in p) for p in pairs)


def test_a_negation_of_a_word_beside_the_matter_is_no_contradiction():
    pairs = _pairs("The agency said the cables can fray within three years. "
                   "The company said it had received no customer complaints about the cables in 2023.")
    assert pairs == set()


def test_one_side_never_contradicts_itself_by_negation():
    assert _pairs("The ministry said the road was not closed. The ministry said the road was closed for repairs.") == set()


def test_a_second_cue_inside_a_reported_clause_does_not_repeat_the_clause():
    found = assertions("In his report, the umpire claimed the bowler said 'You are blind', and that he later "
                       "added, 'You should retire'.")
    assert len(found) == 1 and found[0].speaker == "the umpire"


def test_two_sides_set_against_each_other_by_but_about_one_subject_are_paired():
    assert _pairs("The company said the fire started in a storage room. "
                  "But firefighters said it began in the boiler room.")


def test_two_rival_causes_in_adjacent_sentences_are_paired_even_through_a_pronoun():
    assert _pairs("The factory owner said the fire was caused by an electrical fault. "
                  "Workers said it was caused by a gas leak.")


def test_but_between_claims_about_different_things_pairs_nothing():
    assert _pairs("The mayor said the bridge would reopen in May. "
                  "But residents said they wanted a new bus route.") == set()


def test_an_organisation_named_with_a_generic_org_word_is_not_a_person_and_owns_its_statement():
    r = analyze("Texas Health Resources said all staff wore protective gear. "
                "Specimens were sealed, according to the statement.")
    assert r.assertions[0].speaker_kind == "org"
    assert len({a.side for a in r.assertions}) == 1


def test_an_inner_subject_and_cue_win_over_a_trailing_according_to_the_statement():
    a = only("The hospital confirmed that the tube system was used on his first visit, according to the statement.")
    assert a.speaker == "The hospital" and a.stance == "confirm"
    assert a.quote == "the tube system was used on his first visit"


@pytest.mark.parametrize("text, speaker, quote", [
    ("The company is saying it did nothing wrong.", "The company", "it did nothing wrong"),
    ("The union has been claiming that the mine is unsafe.", "The union", "the mine is unsafe"),
    ("Officials were insisting the bridge was safe.", "Officials", "the bridge was safe"),
])
def test_the_progressive_reports_like_the_simple_tenses(text, speaker, quote):
    a = only(text)
    assert (a.speaker, a.quote) == (speaker, quote)


def test_a_progressive_without_a_reported_clause_reports_nothing():
    assert assertions("He was saying goodbye when the shots were fired.") == []


def test_a_quotation_before_said_adding_is_what_was_said():
    found = assertions('"The dam is safe," the engineer said, adding that inspections were done monthly.')
    assert [a.quote for a in found] == ['"The dam is safe,"', "inspections were done monthly"]


def test_an_object_relative_cue_reports_only_the_relative_clause():
    a = only("The plan, which officials say will cost $2 billion, was approved.")
    assert a.quote == "will cost $2 billion"


def test_complained_of_reports_its_object():
    assert only("Residents complained of a strong smell of gas.").quote == "a strong smell of gas"


@pytest.mark.parametrize("text", [
    "Activists said the prisoners were beaten. The prison service rejected that.",
    "The ministry said the fire was an accident. Witnesses said the fire was set deliberately.",
    "Organisers said 50,000 people attended the rally. Police said about 8,000 people attended.",
    "Residents said the plant leaked toxic waste into the river. The company dismissed such claims.",
    "The family said the boy was unarmed. Police questioned that account.",
])
def test_two_sides_on_one_event_are_paired(text):
    assert len(_pairs(text)) == 1


@pytest.mark.parametrize("text, speaker, quote", [
    ("Reuters reported, citing two sources, that the deal had collapsed.", "Reuters", "the deal had collapsed"),
    ("State media, citing the health ministry, said 30 people had died.", "State media", "30 people had died"),
    ("The minister, in a post on X, said the border would reopen.", "The minister", "the border would reopen"),
    ("The union warned of further strikes.", "The union", "further strikes"),
])
def test_citing_and_a_medium_between_speaker_and_content_belong_to_neither(text, speaker, quote):
    a = only(text)
    assert (a.speaker, a.quote) == (speaker, quote)


def test_estimated_the_crowd_at_gives_a_figure_against_another_sides_figure():
    r = analyze("Organisers said 50,000 people attended the rally. Police estimated the crowd at 8,000.")
    assert [a.quote for a in r.assertions] == ["50,000 people attended the rally", "8,000"]
    assert len(r.oppositions) == 1 and r.oppositions[0].reason.startswith("Different figures")
