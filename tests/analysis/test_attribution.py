"""Finding who says what: reporting verbs, quotations, 'according to', spans without speaker and cue."""
import pytest

from .helpers import assertions, only


@pytest.mark.parametrize("cue", ["said", "says", "claimed", "stated", "added", "insisted", "alleged",
                                 "reported", "warned", "has said", "had claimed", "will say"])
def test_it_reads_indirect_speech_with_any_reporting_verb_and_tense(cue):
    a = only(f"The harbour authority {cue} the ferry left port two hours late.")
    assert a.speaker == "The harbour authority"
    assert a.cue == cue
    assert a.quote == "the ferry left port two hours late"


def test_the_span_is_the_content_without_speaker_and_cue():
    text = "The mayor said on Monday that the bridge would reopen in May."
    a = only(text)
    assert text[a.start:a.end] == "the bridge would reopen in May"
    assert text[a.speaker_start:a.speaker_end] == "The mayor"
    assert text[a.cue_start:a.cue_end] == "said"


def test_it_skips_the_audience_of_told():
    a = only("The coach told reporters after the match that the referee had lost control.")
    assert a.quote == "the referee had lost control"


def test_it_reads_according_to_at_the_start_and_at_the_end():
    first = only("According to the fire service, three homes were destroyed overnight.")
    last = only("Three homes were destroyed overnight, according to the fire service.")
    assert first.speaker == last.speaker == "the fire service"
    assert first.quote == "three homes were destroyed overnight"
    assert last.quote == "Three homes were destroyed overnight"


def test_it_reads_a_sentence_final_attribution():
    a = only("The factory will close by the end of the year, the company said.")
    assert a.speaker == "the company"
    assert a.quote == "The factory will close by the end of the year"


def test_it_reads_an_inverted_attribution():
    a = only("The factory will close by the end of the year, said Anna Berg, a union organiser.")
    assert a.speaker.startswith("Anna Berg")
    assert a.quote.startswith("The factory will close")


@pytest.mark.parametrize("text", [
    'The minister said: "We will not raise taxes this year."',
    'The minister said: “We will not raise taxes this year.”',
    '"We will not raise taxes this year," the minister said.',
    '“We will not raise taxes this year,” said the minister.',
])
def test_it_reads_direct_quotes_in_straight_or_curly_marks_before_or_after_the_speaker(text):
    a = only(text)
    assert "We will not raise taxes this year" in a.quote
    assert "minister" in a.speaker


def test_a_quote_can_run_over_more_than_one_sentence():
    a = only('The minister said: "We will not raise taxes. We will cut spending instead."')
    assert "We will not raise taxes. We will cut spending instead." in a.quote


def test_a_quote_interrupted_by_the_attribution_is_one_assertion():
    text = '"The strikes," he said, "were precise."'
    a = only("Colonel Ivan Petrov spoke on Monday. " + text)
    assert a.quote.startswith('"The strikes,"') and a.quote.endswith('"were precise."')


def test_a_quotation_standing_alone_continues_the_last_quoted_speaker():
    found = assertions('"We acted within the law," the agency said. "Nobody was put at risk."')
    assert len(found) == 2
    assert found[1].speaker_name == found[0].speaker_name
    assert "Nobody was put at risk" in found[1].quote


def test_the_journalists_narration_is_not_an_assertion():
    assert assertions("The storm reached the coast on Friday. Roads were closed.") == []


def test_a_negated_or_passive_reporting_verb_is_not_a_cue():
    assert assertions("The company did not say when the plant would reopen.") == []
    assert assertions("Two people were reported missing after the flood.") == []
    assert assertions("The ministry declined to comment.") == []


def test_a_noun_that_looks_like_a_verb_is_not_a_cue():
    assert assertions("The reports were circulated widely on social media.") == []


def test_it_reads_accusation_description_and_ruling_out():
    acc = only("The opposition accused the government of rigging the count.")
    assert acc.quote == "the government of rigging the count"
    desc = only("Officials described the blast as an accident.")
    assert desc.quote == "the blast as an accident"
    ruled = only("The club has ruled out any sale of the stadium.")
    assert ruled.cue == "has ruled out" and ruled.stance == "deny"


def test_two_attributions_in_one_sentence_split_the_content():
    found = assertions("Witnesses said the car was speeding, but police denied those reports.")
    assert [a.quote for a in found] == ["the car was speeding", "those reports"]
    assert found[1].speaker == "police"


def test_a_coordinated_verb_keeps_the_subject():
    found = assertions("The utility denied any fault and said its lines had been inspected in July.")
    assert [a.stance for a in found] == ["deny", "assert"]
    assert found[1].speaker == "The utility"
    assert found[0].quote == "any fault"


def test_an_introductory_phrase_is_not_part_of_the_speaker():
    a = only("In a statement on Tuesday, the health ministry said the outbreak was contained.")
    assert a.speaker == "the health ministry"


def test_a_participle_attribution_belongs_to_the_subject():
    found = assertions("The airline cancelled 40 flights, saying the storm made landing unsafe.")
    assert found[-1].speaker == "The airline"
    assert found[-1].quote == "the storm made landing unsafe"


def test_a_wire_dateline_is_not_part_of_the_speaker():
    a = only("KYIV (Reuters) - Ukraine's air force said on Tuesday that it shot down 20 drones.")
    assert a.speaker == "Ukraine's air force"
    assert a.side == "ukraine"


def test_according_to_a_standard_is_not_a_source():
    assert len(assertions("She said the sample was stored according to international standards.")) == 1


def test_a_bare_weekday_after_the_cue_is_not_content():
    assert only("The Pentagon said Thursday the strike killed two militants.").quote == \
        "the strike killed two militants"


def test_claiming_responsibility_is_not_an_assertion():
    assert assertions("The group claimed responsibility for the attack on the convoy.") == []


def test_quoted_as_saying_names_the_speaker():
    a = only("Interfax quoted Ivan Petrov as saying the convoy had turned back.")
    assert a.speaker == "Ivan Petrov"
    assert a.quote == "the convoy had turned back"


def test_not_ruling_something_out_is_a_claim_of_its_own():
    found = assertions("The minister said talks had failed and did not rule out new sanctions.")
    assert [a.quote for a in found] == ["talks had failed", "new sanctions"]
    assert found[1].stance == "assert"


def test_according_to_inside_a_quotation_belongs_to_the_quoted_speaker():
    a = only('"According to our staff, eight people died," Pederson said.')
    assert a.speaker == "Pederson"


def test_presenting_evidence_is_an_attribution():
    assert only("The ministry presented evidence of the attack on the convoy.").cue == "presented"


def test_content_first_with_a_be_verb_and_a_final_cue():
    a = only("Five civilians were killed when the shells hit the market, the ministry claimed.")
    assert a.speaker == "the ministry"
    assert a.quote.startswith("Five civilians were killed")


@pytest.mark.parametrize("text,speaker,quote", [
    ("The mayor posted on social media that the water was safe.", "The mayor", "the water was safe"),
    ('"We are not leaving," the statement read.', "the statement", '"We are not leaving,"'),
    ("The attack killed 12 people, officials said, and wounded dozens more.", "officials",
     "The attack killed 12 people"),
    ("The audit found that the agency had ignored warnings.", "The audit", "the agency had ignored warnings"),
])
def test_it_reads_more_reporting_forms(text, speaker, quote):
    a = only(text)
    assert (a.speaker, a.quote) == (speaker, quote)


def test_a_second_source_after_though_is_its_own_claim():
    found = assertions("Officials said 12 people were killed, though local media put the toll at 20.")
    assert [a.speaker for a in found] == ["Officials", "local media"]


def test_reading_and_finding_things_is_not_reporting():
    assert assertions("She read the book. The police found the car.") == []


def test_a_paper_said_on_its_website_ends_a_content_first_sentence():
    a = only("The striker has failed a drugs test, the Daily Courier said on its website on Thursday.")
    assert a.quote == "The striker has failed a drugs test"
    assert a.speaker == "the Daily Courier"


def test_a_named_report_and_a_weekday_report_are_nouns_not_cues():
    found = assertions("The army denied Monday reports that civilians were killed. "
                       "The coach had not heard of it until informed of the Courier report.")
    assert [a.cue for a in found] == ["denied"]


def test_cast_doubt_on_is_a_dispute_cue():
    a = assertions("Health workers cast doubt on official tallies of deaths.")[0]
    assert (a.cue, a.stance, a.quote) == ("cast doubt on", "dispute", "official tallies of deaths")


def test_charged_that_reports_a_claim():
    a = only("Opposition parties charged that ballot boxes were stolen.")
    assert a.quote == "ballot boxes were stolen"


def test_in_a_statement_before_the_speaker_is_not_part_of_it():
    a = only('In a statement Norvex said the charges were "without merit."')
    assert a.speaker == "Norvex"


def test_a_previously_reported_count_and_reports_of_are_not_cues():
    found = assertions("The ministry confirmed 17 deaths, compared with a previously reported count of eight. "
                       "Officers came after receiving reports of a man walking in traffic, police said.")
    assert [a.cue for a in found] == ["confirmed", "said"]
    assert found[1].speaker == "police"


def test_an_object_relative_is_not_a_source():
    found = assertions("He called for a new vote in the north -- a demand the commission has rejected.")
    assert found == []


def test_a_speaker_quoted_after_a_bare_adverbial_is_nested_in_the_outer_claim():
    a = only("Dent said that prior to the strikes, Kurdish forces said the village was empty.")
    assert a.speaker == "Dent"
    assert a.quote.endswith("the village was empty")


def test_not_fully_acknowledge_is_a_negated_cue():
    assert assertions("The army has been known to not fully acknowledge when it killed civilians.") == []


def test_in_order_to_does_not_open_reported_content():
    assert assertions("Villagers have been known to exaggerate death claims in order to receive compensation.") == []


def test_charged_with_a_noun_of_wrongdoing_reports_the_charge():
    a = only("Opposition parties have repeatedly charged numerous instances of irregularities.")
    assert a.quote == "numerous instances of irregularities"
    assert assertions("The company charged customers for texts.") == []


def test_witnesses_say_then_according_to_keeps_the_witnesses_as_source():
    a = only("Witnesses say they saw people get shot, according to the Daily Courier.")
    assert a.speaker == "Witnesses" and a.quote == "they saw people get shot"


def test_content_stops_before_a_narrated_clause_with_another_source():
    found = assertions("The police denied shooting at protesters after Iran admitted to downing the plane.")
    assert found[0].quote == "shooting at protesters"


def test_content_stops_at_but_the_company_issued():
    found = assertions("Workers said pensions are the reason for the dispute, but the company issued a release.")
    assert found[0].quote == "pensions are the reason for the dispute"


def test_last_week_is_not_part_of_the_speaker():
    a = only("The army last week said it had recaptured the town.")
    assert a.speaker == "The army"


def test_saying_after_a_statement_without_a_comma_reports_the_subject():
    a = only("The observer mission has endorsed the conduct of the poll saying it was conducted in a regular manner.")
    assert a.speaker == "The observer mission" and a.quote == "it was conducted in a regular manner"


def test_a_relative_who_said_that_reports_the_noun_before_it():
    a = only("The governor called the elders, who said that all those killed were civilians.")
    assert a.speaker == "the elders" and a.quote == "all those killed were civilians"
