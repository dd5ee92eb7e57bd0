"""Stance, denials that point back, check-worthiness and blocking keys."""
import pytest

from factcheck.analysis import analyze

from .helpers import by_quote, only


@pytest.mark.parametrize("cue", ["denied", "rejected", "dismissed", "has ruled out"])
def test_denial_verbs_give_a_deny_stance(cue):
    assert only(f"The embassy {cue} any role in the protest.").stance == "deny"


@pytest.mark.parametrize("cue", ["disputed", "contested"])
def test_dispute_verbs_give_a_dispute_stance(cue):
    assert only(f"The club {cue} the league's figures.").stance == "dispute"


@pytest.mark.parametrize("cue", ["confirmed", "acknowledged", "admitted"])
def test_confirming_verbs_give_a_confirm_stance(cue):
    assert only(f"The hospital {cue} that two patients had died.").stance == "confirm"


def test_saying_a_claim_is_incorrect_is_a_dispute():
    a = only("The regulator said calling the spill minor was incorrect.")
    assert a.stance == "dispute"


def test_calling_it_false_is_a_denial():
    a = only("The minister called the report false.")
    assert a.stance == "deny"


def test_denied_those_reports_refers_to_the_reports_of_other_sides():
    r = analyze("Local activists said the dam had cracked. Engineers from a citizens' group said water "
                "was leaking, but the state utility denied those reports.")
    denial = by_quote(r, "those reports")
    assert denial.refers_to == (by_quote(r, "dam had cracked").id, by_quote(r, "water was leaking").id)


def test_rejected_the_claim_refers_to_the_nearest_claim_only():
    r = analyze("The Alpine Club said the trail was closed. Hikers said the bridge had collapsed. "
                "The park service rejected the claim.")
    assert by_quote(r, "the claim").refers_to == (by_quote(r, "bridge had collapsed").id,)


def test_a_denial_does_not_refer_back_to_its_own_side():
    r = analyze("The army said the convoy was hit. Rebels said they shot down a drone. The army denied the reports.")
    assert by_quote(r, "the reports").refers_to == (by_quote(r, "shot down a drone").id,)


def test_a_possessive_points_at_the_owner_of_the_claim():
    r = analyze("The Port Agency said 40 ships were delayed. Dockers said the cranes were idle. "
                "The shipping company rejected the agency's figures.")
    assert by_quote(r, "agency's figures").refers_to == (by_quote(r, "40 ships").id,)


def test_specific_claims_are_more_check_worthy_than_vague_ones():
    r = analyze("The ministry said at least 14 people were killed in Kharkiv on March 3. "
                "The mayor said the mood was calm.")
    specific, vague = r.assertions
    assert 0 <= vague.checkworthiness < specific.checkworthiness <= 1


def test_blocking_keys_are_few_lower_case_and_typed():
    a = only("Officials in Kyiv said shelling hit a power plant near Brovary on March 3.")
    assert 0 < len(a.keys) <= 10
    assert all(k == k.lower() and k.split(":")[0] in {"place", "actor", "date", "term"} for k in a.keys)
    assert "date:mar-3" in a.keys
    assert any(k.startswith("place:") for k in a.keys)


def test_calling_claims_propaganda_in_quotes_is_a_dispute_of_them():
    r = analyze("Ukraine's air force said it shot down 20 drones. "
                'Russian Foreign Ministry spokeswoman Maria Zakharova said the claims were "pure propaganda."')
    d = by_quote(r, "pure propaganda")
    assert d.stance == "dispute"
    assert d.refers_to == (by_quote(r, "shot down").id,)


def test_calling_someones_account_a_fabrication_denies_their_claims():
    r = analyze("\"He signed off on every invoice,\" Laura Kim told the jury. "
                "Hale's lawyer, Daniel Ortiz, called Kim's account \"a fabrication.\"")
    d = by_quote(r, "Kim's account")
    assert d.stance == "deny"
    assert d.refers_to == (by_quote(r, "signed off").id,)


def test_not_producing_evidence_for_charges_disputes_every_claim_of_the_party_named():
    r = analyze("The electoral board said the opposition has not produced evidence to back up charges of "
                "rigging. On Friday the main opposition leader accused the ruling party of fraud. "
                "Opposition parties also charged that ballot boxes were stolen.")
    d = by_quote(r, "has not produced evidence")
    assert d.stance == "dispute"
    assert len(d.refers_to) == 2


def test_a_dismissal_of_the_charges_covers_the_same_party_charges_told_after_it():
    r = analyze("The regulator said the bank rigged the interest rate benchmark. "
                'The bank said the charges were "without merit." '
                "The regulator said the bank traded to move the benchmark rate on six days.")
    d = by_quote(r, "without merit")
    assert len(d.refers_to) == 2


def test_that_is_not_true_after_a_denial_answers_what_the_denial_answers():
    r = analyze("The Daily Courier said the boxer failed a drugs test. "
                "His trainer Tom Hale denied the Courier report. "
                '"That is not true," Hale said.')
    deny = by_quote(r, "the Courier report")
    short = by_quote(r, "That is not true")
    assert deny.refers_to and short.refers_to == deny.refers_to


def test_saying_the_evidence_contradicts_the_allegations_is_a_dispute():
    a = only("The company said all of the evidence it has seen contradicts the agency's allegations.")
    assert a.stance == "dispute"


def test_a_denial_of_civilian_deaths_answers_the_victim_claims_only():
    r = analyze("Hospital officials in Marat said nearly 40 civilians had been brought in with wounds. "
                "The army said it struck rebel positions. "
                "General Ivan Sokol denied media reports that scores of civilians were killed in the raid on Marat.")
    d = by_quote(r, "scores of civilians")
    assert d.refers_to == (by_quote(r, "nearly 40 civilians").id,)


def test_far_fetched_accusations_dispute_the_accusation_before():
    r = analyze("The State Department said Moscow had sent troops into the region. "
                '"By far-fetched accusations, the official is trying to divert attention," '
                "a Foreign Ministry spokeswoman said.")
    d = by_quote(r, "far-fetched")
    assert d.stance == "dispute" and d.refers_to == (by_quote(r, "sent troops").id,)


def test_a_dismissal_of_claims_by_parties_covers_each_party_claim():
    r = analyze("The electoral commission dismissed most of the claims of irregularities by five political "
                "parties. The New Unity Party said ballot boxes had been tampered with. "
                "The Freedom Party alleged systematic fraud in the count.")
    assert len(by_quote(r, "claims of irregularities").refers_to) == 2


def test_that_allegation_lacks_substance_disputes_the_allegation():
    r = analyze("The opposition alleged that the ruling party bought votes in Tarsk. "
                "The party's secretary said that allegation lacks substance.")
    d = by_quote(r, "lacks substance")
    assert d.stance == "dispute" and d.refers_to


def test_a_lede_dismissal_of_charges_reaches_the_party_charges_further_down():
    r = analyze("The election board said the opposition has not produced evidence to back up charges of rigging.\n\n"
                "The board met on Thursday.\n\nIt published results.\n\nTurnout was high.\n\n"
                "Opposition parties have repeatedly charged numerous instances of irregularities.")
    d = by_quote(r, "not produced evidence")
    assert d.refers_to == (by_quote(r, "irregularities").id,)


def test_dismissing_claims_of_fraud_reaches_the_party_fraud_claims_further_down():
    r = analyze("Lena Ortiz of the Unity Party alleged that party agents were kept out of polling stations.\n\n"
                "The election commission has dismissed the claims of fraud.\n\nResults came on Friday.\n\n"
                "Turnout was low.\n\nOrtiz alleged that ballot boxes were tampered with.")
    d = by_quote(r, "claims of fraud")
    assert by_quote(r, "tampered").id in d.refers_to


def test_allegations_of_a_thing_answer_the_claim_about_that_thing():
    r = analyze("The opposition alleged that ballot boxes were stuffed in Tarsk. "
                "The US embassy said irregularities raise doubts about the results. "
                "The commission chief said allegations of fake ballot papers were unsubstantiated.")
    d = by_quote(r, "fake ballot papers")
    assert d.refers_to == (by_quote(r, "ballot boxes").id,)


def test_a_dispute_naming_the_union_answers_the_workers_account():
    r = analyze("The steel company said the union is spreading misleading information on the talks. "
                "Workers said pension cuts are the reason for the strike.")
    d = by_quote(r, "misleading information")
    assert d.refers_to == (by_quote(r, "pension cuts").id,)


def test_having_solid_evidence_answers_the_denials_just_before():
    r = analyze("Belarus said its envoy had never approached the base. "
                'Polish Interior Minister Tomasz Siemoniak said the police had "solid evidence," including photographs.')
    d = by_quote(r, "solid evidence")
    assert d.stance == "dispute" and d.refers_to == (by_quote(r, "never approached").id,)
