"""Meeting and visit constructions (attendance, "the two leaders", companions, separate
meetings, trips dated by their first day), each on invented sentences."""

from __future__ import annotations

from datetime import date

from extract.extraction import Extractor
from extract.gazetteer import Gazetteer
from tests.extraction.conftest import article


def _pairs(ex) -> set[frozenset[str]]:  # type: ignore[no-untyped-def]
    return {frozenset(p.name for p in m.participants) for m in ex.meetings}


def _visits(ex) -> dict[tuple[str, str], object]:  # type: ignore[no-untyped-def]
    return {(v.visitor.name, v.host_country): v for v in ex.visits}


def test_ambiguous_alias_flag_survives_country_row() -> None:
    gz = Gazetteer.load()
    for name in ("Georgia", "Jordan", "Chad", "Niger"):
        place = gz.place(name)
        if place is not None:
            assert place.ambiguous, name


def test_generic_org_alias_has_no_fixed_country() -> None:
    gz = Gazetteer.load()
    org = gz.org("Foreign Office")
    assert org is None or org.iso3 is None


def test_name_particles_and_portfolio_titles(extractor: Extractor) -> None:
    ex = extractor.extract(article(
        "Dutch Trade Minister Anna van der Linden met Minister for Digital Development and Information "
        "Marcus Ong Wei in Singapore on Monday.\n"
        "Van der Linden said the talks were useful."))
    names = {a.name for a in ex.actors}
    assert "Anna van der Linden" in names
    assert "Marcus Ong Wei" in names
    assert not any(n.startswith(("Information", "Digital")) for n in names)
    assert frozenset({"Anna van der Linden", "Marcus Ong Wei"}) in _pairs(ex)


def test_attendance_lists_join_the_meeting(extractor: Extractor) -> None:
    ex = extractor.extract(article(
        "OSLO - Prime Minister Erik Haugland received Kenyan President Daniel Mwangi Otieno on Monday.\n"
        "Also present were Foreign Minister Sigrid Aasen and Kenyan Trade Minister Grace Wanjiku Njeri."))
    assert any({"Erik Haugland", "Daniel Mwangi Otieno", "Sigrid Aasen", "Grace Wanjiku Njeri"}
               <= {p.name for p in m.participants} for m in ex.meetings)
    got = _visits(ex)
    assert ("Daniel Mwangi Otieno", "NOR") in got and ("Grace Wanjiku Njeri", "NOR") in got
    assert ("Sigrid Aasen", "NOR") not in got  # a local official, by the dateline


def test_joined_by_adds_participants_and_visitors(extractor: Extractor) -> None:
    ex = extractor.extract(article(
        "Chilean President Tomas Riquelme Vidal met President Ahmed Farouk Nabil in Cairo on Sunday.\n"
        "Riquelme Vidal was joined by Peruvian Prime Minister Lucia Paredes Soto."))
    assert any({"Tomas Riquelme Vidal", "Ahmed Farouk Nabil", "Lucia Paredes Soto"}
               <= {p.name for p in m.participants} for m in ex.meetings)
    assert ("Lucia Paredes Soto", "EGY") in _visits(ex)


def test_separate_meetings_with_both_leaders(extractor: Extractor) -> None:
    ex = extractor.extract(article(
        "Brazilian President Joao Mendes Pereira and Argentine President Rafael Quiroga Diaz held talks in "
        "Lisbon on Tuesday.\n"
        "Portuguese Prime Minister Tiago Fonseca Lima had held separate meetings with both leaders on Monday.",
        published=date(2024, 3, 6)))
    pairs = _pairs(ex)
    assert frozenset({"Tiago Fonseca Lima", "Joao Mendes Pereira"}) in pairs
    assert frozenset({"Tiago Fonseca Lima", "Rafael Quiroga Diaz"}) in pairs
    assert not any(len(p) == 3 for p in pairs)


def test_the_two_men_refers_to_this_sentence_pair(extractor: Extractor) -> None:
    ex = extractor.extract(article(
        "Italian Culture Minister Paolo Ferri Conti attended the inauguration of Maltese Prime Minister "
        "Joseph Borg Attard in Valletta, and the two men held talks the following day."))
    assert frozenset({"Paolo Ferri Conti", "Joseph Borg Attard"}) in _pairs(ex)


def test_meeting_place_from_city_of_and_visits_of_both_guests(extractor: Extractor) -> None:
    ex = extractor.extract(article(
        "Indonesian President Budi Santoso Wirawan and Thai Prime Minister Somchai Rattanakul held talks on "
        "Wednesday on the sidelines of a summit in the Uzbek city of Samarkand."))
    m = next(iter(ex.meetings))
    assert m.country == "UZB"
    got = _visits(ex)
    assert ("Budi Santoso Wirawan", "UZB") in got and ("Somchai Rattanakul", "UZB") in got


def test_topic_place_is_not_a_venue(extractor: Extractor) -> None:
    ex = extractor.extract(article(
        "Austrian Chancellor Lukas Berger Hofmann held talks with Swiss President Anna Keller Brunner on "
        "Monday about the war in Ukraine."))
    assert all(m.country != "UKR" for m in ex.meetings)
    assert all(v.host_country != "UKR" for v in ex.visits)


def test_departed_for_and_relative_visitor(extractor: Extractor) -> None:
    ex = extractor.extract(article(
        "President Kofi Mensah Boateng on Monday departed Accra for Madrid on a state visit.\n"
        "ROME - President Marco Galli Rossi received Ali Hassan Karimi, Prime Minister of Jordan, who is on "
        "an official visit to Italy."))
    got = _visits(ex)
    assert ("Kofi Mensah Boateng", "ESP") in got
    assert ("Ali Hassan Karimi", "ITA") in got
    assert ("Marco Galli Rossi", "ITA") not in got


def test_cancelled_stops_are_not_visits(extractor: Extractor) -> None:
    ex = extractor.extract(article(
        "Canadian Prime Minister Owen Tremblay Roy is scrapping planned stops in Fiji and Samoa to return home."))
    assert not ex.visits


def test_delegation_arrival_dates_its_members(extractor: Extractor) -> None:
    ex = extractor.extract(article(
        "HAVANA - President Miguel Soto Vega on Thursday received the delegation of Vietnam led by Vietnamese "
        "Defence Minister Tran Quoc Binh.\n"
        "The Vietnamese delegation arrived in Havana on Tuesday.", published=date(2024, 5, 10)))
    v = _visits(ex)[("Tran Quoc Binh", "CUB")]
    assert (v.date, v.date_precision) == (date(2024, 5, 7), "day")


def test_pronoun_subject_of_coordinated_meeting(extractor: Extractor) -> None:
    ex = extractor.extract(article(
        "Kenyan President Samuel Kiprono Ruto arrived in Atlanta on Monday.\n"
        "On Tuesday, he toured the Emory Institute and met Mayor Andre Dickens Walker."))
    assert frozenset({"Samuel Kiprono Ruto", "Andre Dickens Walker"}) in _pairs(ex)
    assert not any("Emory Institute" in p for p in _pairs(ex))


def test_with_whom_and_joined_for_a_meeting(extractor: Extractor) -> None:
    ex = extractor.extract(article(
        "GENEVA — Danish Foreign Minister Lars Holm Berg held bilateral meetings on Tuesday.\n"
        "Among them was Peruvian Foreign Minister Rosa Quispe Mamani, with whom Berg discussed fisheries.\n"
        "Berg also joined the foreign ministers of Ghana and Fiji, Kwame Boateng Asare and Ratu Inoke "
        "Vunivalu, for a dinner on climate finance."))
    pairs = _pairs(ex)
    assert frozenset({"Lars Holm Berg", "Rosa Quispe Mamani"}) in pairs
    assert any({"Lars Holm Berg", "Kwame Boateng Asare", "Ratu Inoke Vunivalu"} <= p for p in pairs)
    got = _visits(ex)
    assert ("Kwame Boateng Asare", "CHE") in got and ("Ratu Inoke Vunivalu", "CHE") in got


def test_companions_in_relative_clause_and_accompanying(extractor: Extractor) -> None:
    ex = extractor.extract(article(
        "Mexican President Elena Ruiz Ortega arrived in Ottawa on Monday.\n"
        "She gestured towards businessman Carlos Peña Vidal, who had flown in with the delegation.\n"
        "Accompanying Ruiz Ortega on the trip is Foreign Minister Tomas Vela Ibarra."))
    got = _visits(ex)
    assert ("Carlos Peña Vidal", "CAN") in got
    assert ("Tomas Vela Ibarra", "CAN") in got


def test_arrival_and_passive_welcome_at_the_airport(extractor: Extractor) -> None:
    ex = extractor.extract(article(
        "HANOI — Lao Prime Minister Sonexay Phomvihane arrived in Hanoi on Monday for a two-day visit, "
        "his first since taking office, and was welcomed at Noi Bai airport by Deputy Prime Minister "
        "Tran Luu Quang.", published=date(2024, 3, 5)))
    assert frozenset({"Sonexay Phomvihane", "Tran Luu Quang"}) in _pairs(ex)
    assert ("Sonexay Phomvihane", "VNM") in _visits(ex)


def test_bilateral_on_the_sidelines_is_not_merged_into_the_summit(extractor: Extractor) -> None:
    ex = extractor.extract(article(
        "Spanish Prime Minister Jorge Lleida Mas opened the summit alongside President Ana Costa Reis, "
        "President Omar Haddad Saleh and Prime Minister Lena Strand Berg.\n"
        "On the sidelines, Haddad Saleh held talks with Strand Berg on Monday."))
    assert frozenset({"Omar Haddad Saleh", "Lena Strand Berg"}) in _pairs(ex)


def test_pronoun_in_event_sentence_is_not_the_last_speaker(extractor: Extractor) -> None:
    ex = extractor.extract(article(
        "\"We are ready,\" Kremlin spokesman Pavel Orlov Ivanov said.\n"
        "After Rome, Indian Prime Minister Arjun Mehta Rao will travel to Vienna on Tuesday. "
        "He is scheduled to hold talks with Chancellor Karl Weber Huber on Wednesday."))
    assert all("Pavel Orlov Ivanov" not in p for p in _pairs(ex))


def test_speech_verbs_with_an_object_are_not_statements(extractor: Extractor) -> None:
    ex = extractor.extract(article(
        "Finnish President Aino Virtanen Koski confirmed the pause on her website and hailed the "
        "agreement as a step.\n"
        "Virtanen Koski said the talks would resume in May."))
    quotes = [s.quote for s in ex.statements]
    assert quotes == ["the talks would resume in May"]


def test_told_object_and_according_to_tail(extractor: Extractor) -> None:
    ex = extractor.extract(article(
        "Prime Minister Mateus Lopes Faria told Rasmussen the two sides had \"made real progress\", "
        "according to state broadcaster RTP."))
    assert [s.quote for s in ex.statements][:1] == ['the two sides had "made real progress"']


def test_possessive_country_before_a_titled_run(extractor: Extractor) -> None:
    ex = extractor.extract(article(
        "LIMA — Chile's Foreign Minister Ines Araya Soto held talks in Lima on Tuesday with her Peruvian "
        "counterpart Javier Quispe Luna."))
    got = _visits(ex)
    assert ("Ines Araya Soto", "PER") in got
    assert ("Javier Quispe Luna", "PER") not in got


def test_speech_abroad_and_sent_to_are_visits(extractor: Extractor) -> None:
    ex = extractor.extract(article(
        "Chinese diplomat Wei Ming Hao told a seminar in Seoul on Tuesday that trade must grow.\n"
        "Brazil sent Energy Minister Paulo Dias Neto to the inauguration in Montevideo in March."))
    got = _visits(ex)
    assert ("Wei Ming Hao", "KOR") in got
    assert ("Paulo Dias Neto", "URY") in got


def test_summit_alongside_and_represented_by(extractor: Extractor) -> None:
    ex = extractor.extract(article(
        "NAIROBI — Kenyan President Samuel Otieno Wafula opened the summit alongside Ghanaian President "
        "Kofi Mensah Boateng and Nigerian President Musa Bello Danjuma, while Egypt was represented by "
        "Foreign Minister Omar Fathy Salem."))
    parts = [{p.name for p in m.participants} for m in ex.meetings]
    assert any({"Samuel Otieno Wafula", "Kofi Mensah Boateng", "Musa Bello Danjuma", "Omar Fathy Salem"} <= p
               for p in parts)
    got = _visits(ex)
    assert ("Kofi Mensah Boateng", "KEN") in got and ("Musa Bello Danjuma", "KEN") in got


def test_delegation_leader_takes_the_delegations_country(extractor: Extractor) -> None:
    ex = extractor.extract(article(
        "HAVANA — President Miguel Soto Vega received the delegation of Vietnam headed by Tran Van Binh on "
        "Tuesday.", published=date(2024, 5, 10)))
    assert ("Tran Van Binh", "CUB") in _visits(ex)


def test_anaphoric_dates(extractor: Extractor) -> None:
    ex = extractor.extract(article(
        "ACCRA — President Kofi Mensah Boateng received Togolese President Yao Agbeko Mensah on March 3.\n"
        "The same day Boateng received Beninese President Romuald Houngbo Adjovi.",
        published=date(2024, 3, 5)))
    by = {frozenset(p.name for p in m.participants): m for m in ex.meetings}
    m = by[frozenset({"Kofi Mensah Boateng", "Romuald Houngbo Adjovi"})]
    assert (m.date, m.date_precision) == (date(2024, 3, 3), "day")


def test_since_year_is_not_the_event_date(extractor: Extractor) -> None:
    ex = extractor.extract(article(
        "Mr Hollis, who arrived in Hanoi on Friday on the first visit by a Danish minister since 2015, met "
        "Vietnamese Foreign Minister Bui Thanh Son.", published=date(2024, 10, 19)))
    by = {frozenset(p.name for p in m.participants): m for m in ex.meetings}
    assert all(m.date != date(2015, 1, 1) for m in by.values())


def _said(ex) -> set[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return {(s.speaker.name, s.quote) for s in ex.statements}


def test_trailing_attribution_to_a_named_body_after_the(extractor: Extractor) -> None:
    ex = extractor.extract(article(
        "President Luis Moreno Vega will skip the summit to deal with the budget, the White House said Monday."))
    assert ("White House", "President Luis Moreno Vega will skip the summit to deal with the budget") in _said(ex)


def test_lowercase_and_possessive_bodies_speak(extractor: Extractor) -> None:
    ex = extractor.extract(article(
        "The two ministers met in Oslo on Friday, according to the Norwegian foreign ministry.\n"
        "Sweden's foreign ministry criticised the plan, saying it was \"premature\"."))
    speakers = {s.speaker.name for s in ex.statements}
    assert "Norwegian foreign ministry" in speakers
    assert any(n.endswith("foreign ministry") and "Sweden" in n for n in speakers)


def test_participle_speech_after_the_subjects_action(extractor: Extractor) -> None:
    ex = extractor.extract(article(
        "OSLO — Danish Prime Minister Mette Lund Hansen on Monday became the first Danish leader to address "
        "the Storting, pledging that Copenhagen would double its Arctic funding."))
    assert ("Mette Lund Hansen", "Copenhagen would double its Arctic funding") in _said(ex)


def test_expressed_needs_a_that_clause(extractor: Extractor) -> None:
    ex = extractor.extract(article(
        "Kenyan President Samuel Otieno Wafula expressed thanks for the welcome and said ties were strong.\n"
        "Otieno Wafula expressed hope that trade would grow."))
    quotes = {q for _, q in _said(ex)}
    assert "thanks for the welcome" not in quotes
    assert "ties were strong" in quotes and "trade would grow" in quotes


def test_plural_capitalised_sources_are_unnamed(extractor: Extractor) -> None:
    ex = extractor.extract(article(
        "Forecasters said heavy rain would continue until Friday.\n"
        "Organisers said 9,000 people attended."))
    assert not ex.statements
