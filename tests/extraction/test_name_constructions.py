"""Name constructions of real news: initials, particles, titles that are name words, towns
that are name words, portfolios before names, all-capitals transcripts, title-case headlines.
Invented people and sentences only; each construction has a negative case."""

from __future__ import annotations

from extract.extraction.document import Document
from extract.gazetteer import Gazetteer
from tests.extraction.conftest import article

_GZ = Gazetteer.load()


def _people(body: str) -> list[tuple[str, str]]:
    """(mention text, entity name) of every person mention of the body, in order."""
    doc = Document(article(body), _GZ)
    return [(m.text, m.entity.name) for m in doc.mentions.person_mentions]


def _names(body: str) -> list[str]:
    return [name for _, name in _people(body)]


def _orgs(body: str) -> list[str]:
    return [m.text for m in Document(article(body), _GZ).mentions.org_mentions]


def test_a_middle_initial_after_a_title_that_is_also_a_title_word() -> None:
    assert _names("Deputy Secretary Dean R. Varnholt met Foreign Minister Ama Osei in Accra.") == [
        "Dean R. Varnholt", "Ama Osei"]
    assert _people("Deputy Secretary Dean R. Varnholt arrived.\nMr Dean Varnholt said the talks went well.") == [
        ("Dean R. Varnholt", "Dean R. Varnholt"), ("Dean Varnholt", "Dean R. Varnholt")]
    # negative: a title before a name without an initial stays a title, and a government
    # title before an initial is a title
    assert _names("University Dean Kofi Mensah met the students.") == ["Kofi Mensah"]
    assert _names("Minister Counsellor A. Kofi met the envoy.") == ["A. Kofi"]


def test_a_royal_title_between_two_name_words_is_a_name_word() -> None:
    people = _people("Iranian Foreign Minister Hossein Amir Tavakolian arrived in Muscat on Monday.\n"
                     "Tavakolian said the talks were useful.")
    assert people == [("Hossein Amir Tavakolian", "Hossein Amir Tavakolian"),
                      ("Tavakolian", "Hossein Amir Tavakolian")]
    # negative: before a name, the royal title is a title ("Emir Tamim"), not a name word
    assert _names("Qatar's Emir Tamim Al Harbi received the envoy.") == ["Tamim Al Harbi"]


def test_a_royal_title_before_a_patronymic_is_the_given_name() -> None:
    assert _names("Crown Prince Sultan bin Faisal Al Harbi received the delegation in Riyadh.") == [
        "Sultan bin Faisal Al Harbi"]
    # negative: a royal title before a given name stays a title
    assert _names("Sultan Haitham bin Tariq Al Nuri received the delegation.") == ["Haitham bin Tariq Al Nuri"]


def test_a_town_name_continuing_a_name_is_a_name_word() -> None:
    assert _names("Deputy Minister Caio Lima met the delegation on Tuesday.") == ["Caio Lima"]
    assert _names("Foreign Minister Caio Lima Torres met the delegation.") == ["Caio Lima Torres"]
    # negative: a preposition or a comma separates a place from the name
    doc = Document(article("President Rui Bastos arrived in Lima on Monday. Rui Bastos, Lima officials said, "
                           "would stay two days."), _GZ)
    assert {m.entity.name for m in doc.mentions.person_mentions} == {"Rui Bastos"}
    assert [p.text for p in doc.mentions.places if p.text == "Lima"] == ["Lima", "Lima"]


def test_a_ministry_portfolio_does_not_swallow_the_name_after_it() -> None:
    body = "Secretary of State at the Ministry of Foreign Affairs Zoran Petrovac received the envoy."
    assert _names(body) == ["Zoran Petrovac"]
    assert _orgs(body) == ["Ministry of Foreign Affairs"]
    # negative: words after a portfolio that name a unit stay the organisation's
    assert _names("The Ministry of Foreign Affairs Consular Department issued visas.") == []


def test_the_name_after_a_title_portfolio_is_the_words_after_its_last_portfolio_word() -> None:
    assert _names("Acting Assistant Secretary for Near East Affairs Tomas Welland met the envoy.") == [
        "Tomas Welland"]
    # negative: a two-word name holding a portfolio word is kept whole ("Power")
    assert _names("Ambassador Janet Power met the envoy.") == ["Janet Power"]


def test_all_capitals_names_in_transcripts_and_captions() -> None:
    people = _people("FOREIGN MINISTER AMA OSEI: We agreed on trade.\nOsei said the deal was fair.")
    assert people == [("Ama Osei", "Ama Osei"), ("Osei", "Ama Osei")]
    assert _names("SECRETARY VARNHOLT: Thank you.") == ["Varnholt"]
    # negative: an all-capitals dateline without a title names nobody
    assert _names("KUALA LUMPUR, June 5 - The talks began.") == []
    assert _names("NEW YORK - UN SECRETARY-GENERAL SPOKE.") == []


def test_title_case_headline_words_end_a_name() -> None:
    assert _names("Lavrov Meets Wang Yi In Beijing") == ["Lavrov", "Wang Yi"]
    assert _names("Minister Calls On Acting President") == ["Calls"]  # no "Calls On"
    assert _names("President Ruto Nairobi Visit") == ["Ruto"]
    # negative: a meeting noun inside a name of a thing or body stays there
    assert _orgs("Economist Asha Rahman of the Centre for Policy Dialogue said trade grew.") == [
        "The Economist", "Centre for Policy Dialogue"]


def test_capitalised_abstract_words_are_no_person() -> None:
    assert _names("Traditional Religions were discussed.") == []
    assert _names("Constitutional Affairs were discussed.") == []
    # negative: a surname ending like a plural noun stays a name
    assert _names("Ambassador Rhys Clements met the envoy.") == ["Rhys Clements"]


def test_honours_before_malaysian_names() -> None:
    people = _people("Prime Minister Datuk Seri Amran Yusof met Tun Kassim Omar in Putrajaya.\n"
                     "Amran said ties were strong.")
    assert people == [("Amran Yusof", "Amran Yusof"), ("Kassim Omar", "Kassim Omar"),
                      ("Amran", "Amran Yusof")]
    # negative: inside a name the same word is a name word ("Kyaw Tun Aung")
    assert _names("Foreign Minister Kyaw Tun Aung met the envoy.") == ["Kyaw Tun Aung"]


def test_particles_stay_in_the_full_name_and_short_forms_resolve() -> None:
    people = _people("Foreign Minister Ali ibn Yusuf al-Hashimi met Ambassador Karel van der Broek.\n"
                     "Van der Broek said the talks were good. Al-Hashimi agreed.")
    names = {name for _, name in people}
    assert names == {"Ali ibn Yusuf al-Hashimi", "Karel van der Broek"}


def test_region_and_rank_adjectives_are_no_name() -> None:
    # vocabulary: "Supreme", "Greater" in non_names.txt
    assert _names("Sheikh Rashid Al Nuri, Deputy Supreme Commander of the Armed Forces, received the envoy.") == [
        "Rashid Al Nuri"]
    assert _names("The Greater Accra Regional Minister met chiefs.") == []
    # negative: a name beside them is still found
    assert _names("Greater Accra Regional Minister Kojo Mensah met chiefs.") == ["Kojo Mensah"]


def test_a_two_letter_name_syllable_after_a_title_or_place() -> None:
    people = _people("General Secretary To Binh met Vice Premier He Jiahao in Hanoi.\n"
                     "He said ties were strong. To Binh agreed.")
    assert people == [("To Binh", "To Binh"), ("He Jiahao", "He Jiahao"), ("Binh", "To Binh")]
    assert _names("The minister received the envoy of China to Vietnam He Jiahao.") == ["He Jiahao"]
    # negative: a function word before a verb of the headline stays one ("In Beijing He Says")
    assert _names("In Beijing He Says") == []


def _countries(body: str) -> dict[str, str | None]:
    doc = Document(article(body), _GZ)
    return {m.entity.name: m.entity.country for m in doc.mentions.person_mentions}


def test_the_place_of_an_ambassador_posting_is_not_the_ambassador_country() -> None:
    assert _countries("Foreign Minister Aigerim Sultanova met the Ambassador to Kazakhstan Pavel Orlov.")[
        "Pavel Orlov"] != "KAZ"
    assert _countries("The Ambassador Extraordinary and Plenipotentiary of Chile to Kenya Rosa Vidal "
                      "presented her credentials.")["Rosa Vidal"] != "KEN"
    # negative: after a verb's "to" the place is the person's country
    assert _countries("Prime Minister Ravi Menon spoke to US President Tom Hale by phone.")["Tom Hale"] == "USA"
