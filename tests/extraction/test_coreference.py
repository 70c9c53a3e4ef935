"""Office, acronym, landmark and "here" coreference, on invented sentences."""

from __future__ import annotations

from extract.extraction import Extractor
from tests.extraction.conftest import article


def _meetings(ex):  # type: ignore[no-untyped-def]
    return [frozenset(p.name for p in m.participants) for m in ex.meetings]


def test_the_visiting_minister_is_the_foreign_office_holder(extractor: Extractor) -> None:
    ex = extractor.extract(article(
        "ACCRA — Kenyan Foreign Minister Amara Odhiambo arrived in Accra on Monday for talks.\n"
        "Ghanaian President Kwesi Mensah received the visiting minister at the Jubilee House on Tuesday."))
    assert frozenset({"Amara Odhiambo", "Kwesi Mensah"}) in _meetings(ex)


def test_his_counterpart_is_the_other_side(extractor: Extractor) -> None:
    ex = extractor.extract(article(
        "Uzbek Foreign Minister Timur Rashidov and Latvian Foreign Minister Ilze Kalnina signed a visa accord.\n"
        "Rashidov later held talks with his counterpart on transport links."))
    assert frozenset({"Timur Rashidov", "Ilze Kalnina"}) in _meetings(ex)


def test_a_demonym_filters_the_office_holder(extractor: Extractor) -> None:
    ex = extractor.extract(article(
        "Chilean Foreign Minister Rosa Vidal met Peruvian Foreign Minister Hugo Quispe in Lima on Monday.\n"
        "The Chilean foreign minister said the border talks would resume in June."))
    st = [s for s in ex.statements if s.quote.startswith("the border talks")]
    assert st and st[0].speaker.name == "Rosa Vidal"


def test_the_top_diplomat_and_the_two_ministers(extractor: Extractor) -> None:
    ex = extractor.extract(article(
        "Norway's Foreign Minister Eva Lund phoned Turkish Foreign Minister Kemal Aydin on Friday.\n"
        "The top diplomat said the call had been constructive.\n"
        "The two ministers agreed to stay in touch."))
    assert any(s.speaker.name in ("Eva Lund", "Kemal Aydin") for s in ex.statements)
    assert not any(s.quote.startswith("agreed") for s in ex.statements)


def test_an_acronym_introduced_in_the_text_speaks_for_its_organisation(extractor: Extractor) -> None:
    ex = extractor.extract(article(
        "The National Disaster Coordination Agency (NDCA) counted 41 deaths on Saturday.\n"
        "The NDCA said rescue teams had reached the northern villages."))
    assert any(s.speaker.name == "National Disaster Coordination Agency" for s in ex.statements)


def test_a_landmark_places_the_meeting_and_makes_the_guest_a_visitor(extractor: Extractor) -> None:
    ex = extractor.extract(article(
        "Indonesian President Budi Santoso met Prime Minister Alan Carter at No 10 on Thursday."))
    assert any(m.country == "GBR" for m in ex.meetings)
    assert any(v.visitor.name == "Budi Santoso" and v.host_country == "GBR" for v in ex.visits)


def test_here_is_the_dateline_city(extractor: Extractor) -> None:
    ex = extractor.extract(article(
        "ISLAMABAD: Visiting Nepalese Foreign Minister Hari Sharma held talks with Pakistani Prime "
        "Minister Ali Raza here on Tuesday."))
    assert any(m.country == "PAK" and m.city == "Islamabad" for m in ex.meetings)
    assert any(v.visitor.name == "Hari Sharma" and v.host_country == "PAK" for v in ex.visits)


def test_dotted_and_metonym_modifiers_of_offices(extractor: Extractor) -> None:
    ex = extractor.extract(article(
        "RIYADH — U.S. special envoy Michael Dunn and Kremlin aide Grigory Sobol held talks on Monday.\n"
        "“We made progress,” the U.S. envoy told reporters.\n"
        "“We are ready to continue,” the Kremlin aide said.\n"
        "MOSCOW, February 7. /TASS/. The talks ended, the Kremlin press service said."))
    got = {(s.speaker.name, s.quote) for s in ex.statements}
    assert ("Michael Dunn", "We made progress") in got
    assert ("Grigory Sobol", "We are ready to continue") in got
