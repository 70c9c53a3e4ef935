"""Meeting constructions of real news, each on invented sentences: multilateral sessions
reported by their attendees, calls reported as phrases, co-signatories, a second verb of
a programme with a date of its own, and the precision guards beside them."""

from __future__ import annotations

from extract.extraction import Extractor
from tests.extraction.conftest import article


def _meetings(extractor: Extractor, body: str) -> set[tuple[frozenset[str], str, bool]]:
    ex = extractor.extract(article(body))
    return {(frozenset(p.name for p in m.participants), m.mode, m.is_planned) for m in ex.meetings}


def _pair(*names: str) -> frozenset[str]:
    return frozenset(names)


def test_named_members_of_a_list_subject_gathered(extractor: Extractor) -> None:
    got = _meetings(extractor, "Leaders of the bloc, including President Amara Kone and Prime Minister "
                               "Lise Haugen, gathered in Rio on Monday.")
    assert got == {(_pair("Amara Kone", "Lise Haugen"), "in_person", False)}


def test_one_named_person_gathering_is_no_meeting(extractor: Extractor) -> None:
    assert _meetings(extractor, "President Amara Kone gathered in Rio with supporters on Monday.") == set()


def test_attendees_who_took_part_in_consultations(extractor: Extractor) -> None:
    ex = extractor.extract(article(
        "Political consultations between the foreign ministries of Norway and Peru were held in Oslo on Monday.\n"
        "Deputy Minister Tomas Rivera and State Secretary Lise Haugen took part in the consultations."))
    assert [(sorted(p.name for p in m.participants), m.country, str(m.date)) for m in ex.meetings] == [
        (["Lise Haugen", "Tomas Rivera"], "NOR", "2024-01-08")]


def test_two_subjects_attended_the_summit(extractor: Extractor) -> None:
    got = _meetings(extractor, "President Amara Kone and Prime Minister Lise Haugen attended the summit in Lima on Monday.")
    assert got == {(_pair("Amara Kone", "Lise Haugen"), "in_person", False)}


def test_attending_a_funeral_is_no_meeting(extractor: Extractor) -> None:
    assert _meetings(extractor, "President Amara Kone and Prime Minister Lise Haugen attended the funeral "
                                "in Lima on Monday.") == set()


def test_addressing_a_session_is_no_meeting(extractor: Extractor) -> None:
    assert _meetings(extractor, "President Amara Kone and Prime Minister Lise Haugen addressed the session "
                                "in Lima on Monday.") == set()


def test_the_meeting_was_attended_by(extractor: Extractor) -> None:
    got = _meetings(extractor, "The meeting was also attended by Foreign Minister Tomas Rivera and "
                               "Foreign Minister Hana Sato.")
    assert got == {(_pair("Tomas Rivera", "Hana Sato"), "in_person", False)}


def test_consultations_attended_by_in_a_video_format(extractor: Extractor) -> None:
    got = _meetings(extractor, "The two ministries held consultations by video conference on Monday.\n"
                               "The consultations attended by Deputy Minister Tomas Rivera and Deputy Minister "
                               "Lise Haugen focused on trade.")
    assert got == {(_pair("Tomas Rivera", "Lise Haugen"), "video", False)}


def test_a_speech_attended_by_is_no_meeting(extractor: Extractor) -> None:
    assert _meetings(extractor, "President Amara Kone delivered a speech to the National Assembly, which was "
                                "attended by Prime Minister Lise Haugen.") == set()


def test_key_attendees_over_two_sentences(extractor: Extractor) -> None:
    got = _meetings(extractor, "The summit in Lima drew leaders from across the region.\n"
                               "Key attendees include President Amara Kone and Prime Minister Lise Haugen.\n"
                               "Among the attendees are Chancellor Rolf Brandt and President Ines Duarte.")
    assert got == {(_pair("Amara Kone", "Lise Haugen", "Rolf Brandt", "Ines Duarte"), "in_person", False)}


def test_attendees_without_an_occasion_are_no_meeting(extractor: Extractor) -> None:
    assert _meetings(extractor, "The list of donors is long.\n"
                                "Key attendees include President Amara Kone and Prime Minister Lise Haugen.") == set()


def test_the_delegations_were_headed_by(extractor: Extractor) -> None:
    got = _meetings(extractor, "The delegations were headed by Foreign Minister Tomas Rivera and Foreign "
                               "Minister Lise Haugen.")
    assert got == {(_pair("Tomas Rivera", "Lise Haugen"), "in_person", False)}


def test_a_think_tank_hosting_a_dialogue_attended_by(extractor: Extractor) -> None:
    ex = extractor.extract(article(
        "The Brookings Institution hosted a Track II dialogue on Monday, attended by Professor Wei Lin "
        "and researcher Mark Doyle."))
    assert [(sorted(p.name for p in m.participants), m.track) for m in ex.meetings] == [
        (["Brookings Institution", "Mark Doyle", "Wei Lin"], "2")]


def test_spoke_over_the_phone_with(extractor: Extractor) -> None:
    got = _meetings(extractor, "Foreign Minister Tomas Rivera on Monday spoke over the phone with Foreign "
                               "Minister Hana Sato.")
    assert got == {(_pair("Tomas Rivera", "Hana Sato"), "phone", False)}


def test_a_conversation_over_the_telephone_with(extractor: Extractor) -> None:
    got = _meetings(extractor, "Foreign Minister Tomas Rivera had a conversation over the telephone with "
                               "Foreign Minister Hana Sato on Monday.")
    assert got == {(_pair("Tomas Rivera", "Hana Sato"), "phone", False)}


def test_in_a_phone_call_with_then_the_subject(extractor: Extractor) -> None:
    got = _meetings(extractor, "In a phone call with Foreign Minister Hana Sato on Monday, Foreign Minister "
                               "Tomas Rivera said trade would grow.")
    assert got == {(_pair("Tomas Rivera", "Hana Sato"), "phone", False)}


def test_a_phone_call_with_reporters_is_no_meeting(extractor: Extractor) -> None:
    assert _meetings(extractor, "In a phone call with reporters on Monday, Foreign Minister Tomas Rivera "
                                "said trade would grow.") == set()


def test_co_signatories_without_with(extractor: Extractor) -> None:
    got = _meetings(extractor, "Foreign Minister Tomas Rivera and his Peruvian counterpart Hana Sato signed "
                               "an agreement on visas on Monday.")
    assert got == {(_pair("Tomas Rivera", "Hana Sato"), "in_person", False)}


def test_a_lone_signatory_is_no_meeting(extractor: Extractor) -> None:
    assert _meetings(extractor, "Foreign Minister Tomas Rivera signed an agreement on visas on Monday.") == set()


def test_talks_were_held_between(extractor: Extractor) -> None:
    got = _meetings(extractor, "The talks, the first since 2019, were held between Foreign Minister Tomas "
                               "Rivera and Foreign Minister Hana Sato in Oslo.")
    assert got == {(_pair("Tomas Rivera", "Hana Sato"), "in_person", False)}


def test_a_second_verb_with_a_date_of_its_own(extractor: Extractor) -> None:
    got = _meetings(extractor, "Foreign Minister Tomas Rivera met Foreign Minister Hana Sato, and on "
                               "Wednesday held talks with Chancellor Rolf Brandt.")
    assert got == {(_pair("Tomas Rivera", "Hana Sato"), "in_person", False),
                   (_pair("Tomas Rivera", "Rolf Brandt"), "in_person", False)}


def test_a_press_conference_and_a_plan_are_no_meeting(extractor: Extractor) -> None:
    assert _meetings(extractor, "President Amara Kone told a press conference on Monday that he had "
                                "nothing to add.") == set()
    assert _meetings(extractor, "President Amara Kone will meet Chancellor Rolf Brandt on Friday.") == {
        (_pair("Amara Kone", "Rolf Brandt"), "in_person", True)}


def test_attendees_join_the_virtual_meeting_before(extractor: Extractor) -> None:
    got = _meetings(extractor, "Minister Tomas Rivera held a virtual meeting with Foreign Minister Hana Sato on Monday.\n"
                               "The meeting, which was also attended by Ambassador Lise Haugen, discussed trade.")
    assert got == {(_pair("Tomas Rivera", "Hana Sato", "Lise Haugen"), "video", False)}


def test_this_came_in_a_meeting(extractor: Extractor) -> None:
    ex = extractor.extract(article(
        "Foreign Minister Tomas Rivera and Foreign Minister Hana Sato reviewed bilateral relations on Monday. "
        "This came in a meeting in Oslo where they exchanged views on regional developments."))
    assert [(sorted(p.name for p in m.participants), m.country, str(m.date)) for m in ex.meetings] == [
        (["Hana Sato", "Tomas Rivera"], "NOR", "2024-01-08")]


def test_this_came_during_a_meeting_with(extractor: Extractor) -> None:
    got = _meetings(extractor, "Foreign Minister Tomas Rivera reviewed bilateral relations on Monday. "
                               "This came during a phone call with Foreign Minister Hana Sato.")
    assert got == {(_pair("Tomas Rivera", "Hana Sato"), "phone", False)}


def test_this_came_in_a_speech_is_no_meeting(extractor: Extractor) -> None:
    assert _meetings(extractor, "Foreign Minister Tomas Rivera and Mayor Lise Haugen praised the reforms. "
                                "This came in a speech at the university.") == set()


def test_a_courtesy_call_on_a_title_and_a_name_in_apposition(extractor: Extractor) -> None:
    got = _meetings(extractor, "The Charge d'Affaires of the Embassy of Peru, Tomas Rivera, has paid a courtesy "
                               "call on Minister-designate for Foreign Affairs, Hana Sato.")
    assert got == {(_pair("Tomas Rivera", "Hana Sato"), "in_person", False)}


def test_ambassador_extraordinary_is_a_title(extractor: Extractor) -> None:
    got = _meetings(extractor, "Foreign Minister Hana Sato received Ambassador Extraordinary and Plenipotentiary "
                               "of Peru Tomas Rivera on Monday.")
    assert got == {(_pair("Hana Sato", "Tomas Rivera"), "in_person", False)}


def test_a_press_conference_attended_by_two_is_no_meeting(extractor: Extractor) -> None:
    assert _meetings(extractor, "President Amara Kone and Prime Minister Lise Haugen attended the press "
                                "conference in Lima on Monday.") == set()


def test_a_crowd_gathering_is_no_meeting(extractor: Extractor) -> None:
    assert _meetings(extractor, "Fans, including Amara Kone and Lise Haugen, gathered at the stadium on Monday.") == set()


def test_a_first_call_since_taking_office_then_its_day(extractor: Extractor) -> None:
    ex = extractor.extract(article(
        "Foreign Minister Cho Min-ho held his first phone call since taking office with his Japanese "
        "counterpart, Yoko Kamiyama, to discuss bilateral relations. Cho and Kamiyama spoke for over "
        "30 minutes on Monday afternoon."))
    assert [(sorted(p.name for p in m.participants), m.mode, str(m.date)) for m in ex.meetings] == [
        (["Cho Min-ho", "Yoko Kamiyama"], "phone", "2024-01-08")]


def test_attendees_of_a_summit_convened_sentences_before(extractor: Extractor) -> None:
    ex = extractor.extract(article(
        "The regional summit convened on Monday in the Peruvian city of Lima.\n"
        "The host thanked the guests.\n"
        "Among the attendees were President Amara Kone and Prime Minister Lise Haugen.\n"
        "Chancellor Rolf Brandt and President Ines Duarte were among the attendees."))
    assert [(sorted(p.name for p in m.participants), m.country, str(m.date)) for m in ex.meetings] == [
        (["Amara Kone", "Ines Duarte", "Lise Haugen", "Rolf Brandt"], "PER", "2024-01-08")]


def test_taking_part_in_the_meeting_were(extractor: Extractor) -> None:
    got = _meetings(extractor, "Taking part in the meeting were Foreign Minister Tomas Rivera, Foreign Minister "
                               "Hana Sato and Foreign Minister Lise Haugen.")
    assert got == {(_pair("Tomas Rivera", "Hana Sato", "Lise Haugen"), "in_person", False)}


def test_named_ministers_gathered_for_a_virtual_meeting(extractor: Extractor) -> None:
    got = _meetings(extractor, "Tomas Rivera, Hana Sato and Lise Haugen gathered for a virtual meeting on Monday.")
    assert got == {(_pair("Tomas Rivera", "Hana Sato", "Lise Haugen"), "video", False)}


def test_the_talks_took_place_in_a_meeting_between(extractor: Extractor) -> None:
    got = _meetings(extractor, "The talks took place in a meeting between Deputy Minister Tomas Rivera and "
                               "Director General Hana Sato.")
    assert got == {(_pair("Tomas Rivera", "Hana Sato"), "in_person", False)}


def test_talks_with_a_group_end_at_the_next_met_with(extractor: Extractor) -> None:
    got = _meetings(extractor, "Before meeting Sergei Volkov on Tuesday night, Amir Tehrani who is the second man "
                               "in the nuclear talks with the world powers met with envoy Lise Haugen.")
    assert (_pair("Sergei Volkov", "Lise Haugen"), "in_person", False) not in got


def test_the_next_verbs_place_is_not_this_meetings(extractor: Extractor) -> None:
    ex = extractor.extract(article(
        "Foreign Minister Tomas Rivera met Prime Minister Lise Haugen on Monday, and held talks with "
        "President Amara Kone in Paris on Thursday."))
    got = {(frozenset(p.name for p in m.participants), m.country) for m in ex.meetings}
    assert got == {(_pair("Tomas Rivera", "Lise Haugen"), None), (_pair("Tomas Rivera", "Amara Kone"), "FRA")}


def test_an_honorific_does_not_end_the_object(extractor: Extractor) -> None:
    got = _meetings(extractor, "On Monday, Mr. Tomas Rivera, Minister for Foreign Affairs, had a conversation over "
                               "the telephone with Mr. Hana Sato, Minister of Trade.")
    assert got == {(_pair("Tomas Rivera", "Hana Sato"), "phone", False)}
