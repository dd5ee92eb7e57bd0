"""Speakers and sides: titles, appositions, pronouns, short forms, capitals and seats of government."""
from factcheck.analysis import analyze

from .helpers import assertions


def test_a_capital_and_its_seat_of_government_speak_for_the_country():
    found = assertions("Moscow said the talks had failed. The Kremlin said new talks were possible. "
                       "Russia's Foreign Ministry said a date would be set.")
    assert {a.side for a in found} == {"russia"}


def test_a_person_with_a_national_title_takes_the_country_side():
    a = assertions("General Mark Hale, head of operations for the British Army, said the exercise was over.")[0]
    assert a.side == "united-kingdom"
    assert a.speaker_name == "Mark Hale"


def test_a_person_joins_the_organisation_named_in_the_apposition():
    a = assertions("Lena Fox, director of the Baltic Monitoring Centre, said the tanker had turned back.")[0]
    assert a.side == "baltic-monitoring-centre"


def test_a_based_in_qualifier_does_not_make_a_monitor_national():
    a = assertions("Omar Said, head of the London-based Syrian Network for Human Rights, said 12 people died.")[0]
    assert a.side == "syrian-network-for-human-rights"


def test_it_resolves_it_said_to_the_last_organisation():
    found = assertions("Washington said the convoy was attacked. It said two trucks burned. "
                       "Jane Roe said she saw smoke. It said the route would close.")
    assert [a.side for a in found] == ["united-states", "united-states", "person-jane-roe", "united-states"]


def test_it_resolves_he_added_to_the_last_named_person():
    found = assertions("Coach Tom Hardy said the team was tired. The league said the match would go ahead. "
                       "He added that two players were injured.")
    assert found[2].speaker_name == "Tom Hardy"


def test_it_resolves_a_short_form_to_the_full_name():
    found = assertions("The Arctic Observatory for Climate Data said ice cover fell. "
                       "The observatory said March was the warmest on record.")
    assert found[1].speaker_name == "Arctic Observatory for Climate Data"
    assert found[0].side == found[1].side


def test_it_resolves_the_company_to_a_company_named_in_the_narration():
    found = assertions("Halden Motors recalled 9,000 trucks on Monday. The company said no one was hurt.")
    assert found[0].speaker_name == "Halden Motors"


def test_a_misspelt_surname_resolves_to_the_person_named_before():
    found = assertions("Colonel Viktor Baranovsky, head of the Belarusian Air Force, said the jets were grounded. "
                       "Baranovski said repairs would take a week.")
    assert found[1].speaker_name == "Viktor Baranovsky"
    assert found[1].side == "belarus"


def test_monitors_activists_and_witnesses_form_their_own_sides():
    found = assertions("Monitoring groups said the town was shelled. Activists said a school was hit. "
                       "Witnesses said they heard jets.")
    assert [a.side for a in found] == ["monitors", "activists", "witnesses"]


def test_a_spokesperson_for_an_organisation_speaks_for_it():
    found = assertions("The Harbour Authority said the port was open. A spokeswoman for the authority, "
                       "Mia Stone, said two berths were closed.")
    assert found[1].side == found[0].side
    assert found[1].speaker_name == "Mia Stone"


def test_a_role_before_a_name_links_to_the_organisation():
    found = assertions("Ostra Airlines said 30 flights were cancelled. Ostra chief executive Paul Lind "
                       "said the strike would end soon.")
    assert found[1].side == found[0].side


def test_an_unknown_speaker_without_affiliation_is_their_own_side():
    a = analyze("Maria Keller, a nurse who lives nearby, said she heard three shots.").assertions[0]
    assert a.side == "person-maria-keller"


def test_an_indefinite_speaker_is_someone_new_not_a_short_form():
    found = assertions("The Harbour Agency said the pier was safe. A consumer group said the pier was unsafe.")
    assert found[0].side != found[1].side


def test_a_document_from_an_organisation_speaks_for_it():
    a = assertions("According to a statement from the Interior Ministry, four officers were injured.")[0]
    assert a.side == "interior-ministry"


def test_officials_with_an_agency_speak_for_it():
    a = assertions("Officials with the Department of Health said 12 cases had been confirmed.")[0]
    assert a.side == "department-of-health"


def test_the_statement_said_speaks_for_whoever_issued_it():
    found = assertions("The Interior Ministry said 40 people died. Most were women, the statement said.")
    assert found[1].side == found[0].side


def test_an_acronym_names_the_organisation_spelled_out_before():
    found = assertions("The Federal Trade Commission (FTC) sued the carrier on Monday. "
                       "The FTC said customers were overcharged.")
    assert found[0].speaker_name.startswith("Federal Trade Commission")


def test_a_chief_executive_speaks_for_the_company():
    found = assertions("Ostra Motors said the recall was voluntary. CEO Ivan Lind said no one was hurt.")
    assert found[1].side == found[0].side


def test_an_unnamed_spokesman_then_named_is_one_side():
    found = assertions("A rebel spokesman denied the reports. Ivan Sorokin told Interfax the claims were lies.")
    assert found[1].side == found[0].side == "rebels"


def test_an_office_run_by_a_group_speaks_for_it():
    found = assertions("Hamas said the strike hit a school. Ismail Thawabta, director of the Hamas-run "
                       "government media office, said 30 people died.")
    assert found[1].side == found[0].side


def test_a_firm_named_before_a_title_is_the_speakers_side():
    found = assertions("Boeing Chief Executive Dave Calhoun said the company would take responsibility. "
                       "Federal Aviation Administration chief Mike Whitaker said audits found failures.")
    assert found[0].speaker_name == "Dave Calhoun" and found[0].side == "boeing"
    assert found[1].side == "federal-aviation-administration"


def test_a_former_aide_no_longer_speaks_for_the_boss():
    found = assertions("Senator Robert Hale said he broke no rules. "
                       "A former aide to Senator Robert Hale said the senator approved the payments.")
    assert found[1].side != found[0].side


def test_a_generic_head_with_a_named_apposition_is_that_organisation():
    found = assertions("The agency said the payments were illegal. "
                       "The consulting firm, Bayline Strategies, said it had done all the work.")
    assert found[1].speaker_name == "Bayline Strategies"


def test_a_spokesman_named_after_his_title_speaks_for_the_body_in_the_title():
    r = analyze('"We have no indication that civilians died," U.S. Central Command spokesman, '
                "Maj. Carl Dent told reporters. Dent said the village was empty.")
    first, second = r.assertions
    assert first.side == second.side == "united-states"
    assert first.speaker_name == "Carl Dent"


def test_initials_name_an_organisation_met_before():
    found = assertions("The Securities and Exchange Commission said the firm inflated trading. "
                       "The SEC said the firm opened accounts.")
    assert found[0].side == found[1].side


def test_a_police_chief_speaks_for_the_police():
    found = assertions("Police said the man refused orders. Police Chief Ann Lowe said no gun was found.")
    assert found[0].side == found[1].side


def test_a_spokesman_of_a_country_in_apposition_speaks_for_it():
    a = assertions('"We were fired upon," said Col. Greg Dunn, the top U.S. spokesman in Afghanistan.')[0]
    assert a.side == "united-states"


def test_a_minister_titled_after_a_ministry_met_before_speaks_for_it():
    found = assertions("The Nicaraguan Health Ministry said 17 people had died. "
                       "Health Minister Ana Ruiz said nine people died in the past week.")
    assert found[0].side == found[1].side == "nicaragua"


def test_he_after_a_rebel_spokesman_is_the_rebel_spokesman():
    found = assertions("The army spokesman Colonel Ali Omar said the convoy was safe. "
                       "The rebel spokesman reported clashes in the town. He said rebels had killed two officers.")
    assert found[1].side == found[2].side != found[0].side


def test_a_place_in_apposition_gives_no_affiliation():
    a = assertions("A witness in Abu Kershola, in the east of the Sudanese province of South Kordofan, "
                   "said the clashes did take place.")[0]
    assert a.side != "sudan"


def test_a_person_named_again_in_full_keeps_the_side_of_their_fuller_first_mention():
    from factcheck.analysis import analyze

    text = ("The chairman of the Transport Authority Maria Okonjo said the tunnel was safe. "
            "Residents said the tunnel walls were cracking. "
            "Maria Okonjo said that claim was false.")
    first, _, last = analyze(text).assertions
    assert last.side == first.side
