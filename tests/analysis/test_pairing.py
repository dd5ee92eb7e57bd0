"""Oppositions: only between sides, with a reason; the kinds of evidence the engine reads."""
from factcheck.analysis import analyze, group_disputes, pair_across
from factcheck.analysis.types import Assertion

from .helpers import by_quote


def pairs(result):
    by_id = {a.id: a for a in result.assertions}
    return {frozenset((by_id[o.a].quote, by_id[o.b].quote)) for o in result.oppositions}


def test_a_denial_that_points_back_is_paired_with_what_it_denies():
    r = analyze("Residents said the factory dumped waste into the river. The company denied the allegations.")
    assert len(r.oppositions) == 1
    o = r.oppositions[0]
    assert o.relation == "denies" and 0 < o.score <= 1
    assert "refers to" in o.reason


def test_assertions_of_one_side_are_never_paired():
    r = analyze("Moscow said the convoy carried aid. The Kremlin denied those reports.")
    assert r.oppositions == []


def test_different_casualty_figures_for_the_same_event_contradict():
    r = analyze("Police said two people were killed in the blast in Ostrava. "
                "Hospital officials in Ostrava said nine people were killed in the blast.")
    assert len(r.oppositions) == 1
    assert "figures" in r.oppositions[0].reason


def test_hit_against_not_hit_contradicts():
    r = analyze("The militia said its drones hit the Zelva fuel depot. "
                "The defence ministry said the drones did not hit the Zelva fuel depot.")
    assert len(r.oppositions) == 1


def test_armed_against_unarmed_contradicts():
    r = analyze("Police said the suspect was armed with a knife. His lawyer said he was unarmed.")
    assert len(r.oppositions) == 1


def test_military_targets_against_civilians_after_but_contradicts():
    r = analyze("The army said its strikes destroyed a weapons depot and a bunker. "
                "But residents said homes and a school were destroyed.")
    assert len(r.oppositions) == 1


def test_cooperation_against_attack_on_the_same_party_contradicts():
    r = analyze("The Turkish government said it had set up joint patrols with Kurdish militia units. "
                "Washington accused Turkey of attacking Kurdish militia units.")
    assert len(r.oppositions) == 1


def test_a_denial_of_coordination_opposes_a_claim_of_a_joint_operation():
    r = analyze("The United States has ruled out any military coordination with Moscow. "
                "Russia described the flight as a joint military exercise.")
    assert len(r.oppositions) == 1


def test_unrelated_claims_of_different_sides_are_not_paired():
    r = analyze("The union said its members voted for the deal. The weather office said rain would fall on Sunday.")
    assert r.oppositions == []


def test_connected_oppositions_form_one_dispute_titled_by_the_event():
    r = analyze("The army said its strikes near Tarvik destroyed a bunker. "
                "But activists said civilians were killed in the strikes near Tarvik. "
                "The defence ministry denied those reports.")
    assert len(r.disputes) == 1
    d = r.disputes[0]
    assert d.title == "Strikes near Tarvik"
    assert set(d.assertion_ids) == {a.id for a in r.assertions}
    assert group_disputes(r.assertions, r.oppositions) == r.disputes


def test_pair_across_opposes_a_new_article_to_stored_assertions():
    stored = analyze("Firefighters said the blaze at the Merrow warehouse was started by faulty wiring.")
    new = analyze("The owner of the Merrow warehouse denied that faulty wiring started the blaze.")
    old = [Assertion(**{**vars(a), "id": "db1"}) for a in stored.assertions]
    fresh = [Assertion(**{**vars(a), "id": "new1"}) for a in new.assertions]
    assert set(old[0].keys) & set(fresh[0].keys)
    found = pair_across(fresh, old)
    assert [(o.a, o.b) for o in found] == [("db1", "new1")]
    assert found[0].reason.startswith("Across articles")


def test_pair_across_ignores_candidates_of_the_same_side():
    a = analyze("Moscow said the plant was hit.").assertions[0]
    b = analyze("The Kremlin said the plant was not hit.").assertions[0]
    assert pair_across([Assertion(**{**vars(b), "id": "n"})], [Assertion(**{**vars(a), "id": "s"})]) == []


def test_two_rival_causes_for_one_fire_contradict():
    r = analyze("Investigators said the fire was started by a faulty heater. "
                "The landlord said the fire started in a neighbour's kitchen.")
    assert len(r.oppositions) == 1
    assert "causes" in r.oppositions[0].reason


def test_only_returning_fire_answers_a_claim_of_being_attacked():
    r = analyze("Serbia's army said Kosovo police opened fire on its patrol near Jarinje. "
                "Pristina said its officers had only returned fire after coming under attack.")
    assert len(r.oppositions) == 1
    assert "fired first" in r.oppositions[0].reason


def test_a_lower_bound_far_below_another_count_still_differs():
    r = analyze("The agency said at least 20 crashes were linked to the defect in the Vanta van. "
                "A consumer group said 45 crashes were linked to the defect in the Vanta van.")
    assert len(r.oppositions) == 1


def test_a_hedged_negation_asserts_nothing():
    r = analyze("Kyiv said its soldiers had not fired a shot near Bakhmut. "
                "Monitors said they could not confirm which side fired first near Bakhmut.")
    assert r.oppositions == []


def test_a_first_person_denial_answers_the_other_sides_account():
    r = analyze("Villagers said six people were killed by the army's shelling near Dera. "
                'But an army spokesman said: "We did not fire on the village."')
    assert len(r.oppositions) == 1
    assert "first-person" in r.oppositions[0].reason


def test_blaming_the_other_side_themselves_contradicts_their_account():
    r = analyze("Kyiv said rebels shelled the convoy near Luhansk. "
                'A rebel leader said "the Ukrainians themselves have shelled the road."')
    assert len(r.oppositions) == 1


def test_a_pretext_claim_opposes_the_stated_purpose():
    r = analyze("Moscow said the trucks carried humanitarian aid. NATO expressed concern that Russia "
                "would send troops under the guise of humanitarian deliveries.")
    assert len(r.oppositions) == 1


def test_zero_civilian_casualties_does_not_deny_militants_killed():
    r = analyze('A U.S. spokesman said: "There was zero chance of civilian casualties." '
                "A spokesman for Afghanistan's defense ministry said the strike killed five insurgents.")
    assert r.oppositions == []


def test_only_military_targets_across_articles_opposes_civilian_deaths_at_the_same_place():
    one = analyze('The ministry said: "Our jets struck only fortified positions near Tarvik."').assertions
    two = analyze("Monitors said strikes near Tarvik killed seven civilians.").assertions
    old = [Assertion(**{**vars(a), "id": "s" + a.id}) for a in one]
    new = [Assertion(**{**vars(a), "id": "n" + a.id}) for a in two]
    assert [(o.a, o.b) for o in pair_across(new, old)] == [("sa1", "na1")]


def test_no_fighters_there_opposes_a_claim_of_militants_present():
    r = analyze("The army said it targeted militants operating from the school. "
                '"There were no fighters there, only women and children," said a local official, Omar Aziz.')
    assert len(r.oppositions) == 1


def test_no_indication_that_civilians_died_opposes_civilians_killed():
    r = analyze("Rebels said the air raid on Tarvo killed nine civilians. "
                "An army spokesman said there was no indication that any civilians were killed in the raid.")
    assert len(r.oppositions) == 1


def test_people_who_recovered_are_not_a_rival_death_toll():
    r = analyze("The ministry said 17 people had died from the virus in Lerna. "
                "Doctors said 199 people had recovered from the virus in Lerna.")
    assert r.oppositions == []


def test_counts_of_children_and_of_women_are_not_rival_figures():
    r = analyze("Activists said at least 31 children were killed in the raid on Oskar. "
                "Medics said 19 women were killed in the raid on Oskar.")
    assert r.oppositions == []


def test_free_and_fair_opposes_a_claim_of_fraud():
    r = analyze("The opposition party accused the government of fraud in the vote. "
                "Election monitors said the vote was free and fair.")
    assert len(r.oppositions) == 1


def test_without_warning_opposes_ignoring_orders():
    r = analyze("Police said the man refused officers' orders to stop. "
                "Witnesses said officers shot the man without warning.")
    assert len(r.oppositions) == 1


def test_a_bare_negated_auxiliary_answers_the_claim_before_it():
    r = analyze("Police say the driver was drunk, but his sister says he wasn't.")
    assert len(r.oppositions) == 1


def test_dead_said_to_be_attacking_oppose_dead_said_to_be_civilians():
    r = analyze('"The men who were killed were firing at us," an army colonel said. '
                "Village elders said the six killed were farmers and civilians.")
    assert len(r.oppositions) == 1


def test_denying_civilian_deaths_does_not_deny_that_the_strikes_happened():
    r = analyze("The army denied reports that civilians were killed in airstrikes on the village of Hosta. "
                "Monitors said the airstrikes on the village of Hosta happened overnight.")
    assert r.oppositions == []


def test_a_side_denying_its_own_troops_attacked_opposes_the_attack_claim():
    r = analyze("Kiev said there were militia attacks in Avdeyevka overnight. "
                "A DPR spokesman said DPR troops were not launching any attacks.")
    assert len(r.oppositions) == 1


def test_having_no_information_is_not_a_denial():
    r = analyze("Warsaw said the diplomat was the fourth spy caught this year. "
                "Kremlin spokesman Dmitry Peskov said Russia had no information about the spy.")
    assert r.oppositions == []


def test_only_one_warning_opposes_repeated_warnings():
    r = analyze("Police said the officer warned the man repeatedly before firing. "
                "A witness said the officer gave only one warning before he fired.")
    assert len(r.oppositions) == 1


def test_no_women_or_children_opposes_children_treated():
    r = analyze("Doctors at the clinic said at least two children had been treated for burns after the strike. "
                "The army said images showed there were no women or children at the site.")
    assert len(r.oppositions) == 1


def test_polarity_results_do_not_depend_on_set_order():
    from factcheck.analysis.features import features
    from factcheck.analysis.pairing import _polarity
    fa = features("the strike killed civilians")
    fb = features("no civilians were killed in the strike")
    assert _polarity(fa, fb) == "civilian"


def test_emptied_of_civilians_opposes_civilians_hit():
    r = analyze("Monitors said the airstrikes hit civilians in their homes in Tesk. "
                "The coalition said the village of Tesk had been emptied of civilians for weeks.")
    assert len(r.oppositions) == 1


def test_a_denial_in_the_lede_answers_a_claim_told_paragraphs_later():
    r = analyze("The army denied reports that civilians were killed in its strikes on Hosta.\n\n"
                "The strikes began at dawn.\n\nResidents fled.\n\nThe roads were closed.\n\n"
                "Shops stayed shut.\n\nSchools sent pupils home.\n\nAid groups arrived.\n\n"
                "Monitors said the dead in Hosta include 16 girls and 19 women.")
    assert len(r.oppositions) == 1


def test_there_were_no_clashes_opposes_clashes_and_an_emphatic_did_take_place():
    r = analyze("The rebel commander reported clashes with government troops in the town. "
                'The army spokesman said "there were no clashes". '
                "But a witness in the town said the incidents did take place.")
    assert len(r.oppositions) == 2


def test_shot_down_opposes_a_crash_blamed_on_a_technical_fault():
    r = analyze("Rebels said they had shot down an army helicopter near Tarvo. "
                "The army said the helicopter crashed due to a technical fault.")
    assert len(r.oppositions) == 1
    assert "accident" in r.oppositions[0].reason


def test_a_lede_denial_of_an_act_is_answered_by_later_accounts_of_it():
    r = analyze("Police denied shooting at protesters in Tarsk.\n\n"
                "Protests spread to other cities.\n\nThe crowds chanted slogans.\n\n"
                'One witness told the Courier: "A young girl beside me was shot in the leg."')
    assert len(r.oppositions) == 1


def test_a_poll_conducted_in_a_regular_manner_opposes_ballot_tampering():
    r = analyze("Observers said the vote was conducted in a regular manner. "
                "The opposition leader alleged that ballot boxes were tampered with.")
    assert len(r.oppositions) == 1


def test_a_negated_restatement_with_many_shared_words_contradicts():
    from factcheck.analysis.features import features
    from factcheck.analysis.pairing import _negated_restatement
    fa = features("the inspectors found no leak in the cooling pipes of the reactor")
    fb = features("the inspectors found a leak in the cooling pipes of the reactor")
    assert _negated_restatement(fa, fb)
    assert _negated_restatement(features("the pipes were old"), fb) is None
