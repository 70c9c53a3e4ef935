from tests.extraction.conftest import article, statement_triples


def test_example_article_statements(liu, liu_article) -> None:  # type: ignore[no-untyped-def]
    got = statement_triples(liu)
    body = liu_article.body
    for s in liu.statements:
        assert body[s.quote_start:s.quote_end] == s.quote
        assert body[s.evidence.char_start:s.evidence.char_end] == s.evidence.sentence
        assert -1.0 <= s.tone <= 1.0
    speakers = [g[0] for g in got]
    # nested attribution: "Liu said ..., the department said" is Liu's
    assert ("Liu Jianchao", "the two leaders reached an important consensus in November, which created "
            "direction and added momentum for promoting the development of China-US relations", False) in got
    # a pronoun resolves to the last speaker
    assert any(sp == "Liu Jianchao" and q.startswith("the two countries to promote") for sp, q, _ in got)
    # "According to the statement, the Asia Society said ...": innermost named speaker
    assert any(sp == "Asia Society" and q.startswith("the two sides could improve") for sp, q, _ in got)
    # "..., Chen said, adding that ...": two statements
    assert [q[:20] for sp, q, _ in got if sp == "Chen Jining"] == ["China and the United", "he welcomed Summers "]
    assert any(d for sp, q, d in got if sp == "Chen Jining")
    assert "Xi Jinping" not in speakers


def test_direct_quote_forms() -> None:
    from extract.extraction import Extractor

    ex = Extractor().extract(article(
        'Foreign Minister Wang Yi told reporters: "We oppose any interference." '
        '"It is a red line," said Wang.\n'
        "“We will keep talking,” German Chancellor Olaf Scholz said. “There is no alternative.”"))
    got = statement_triples(ex)
    assert ("Wang Yi", "We oppose any interference", True) in got
    assert ("Wang Yi", "It is a red line", True) in got
    assert ("Olaf Scholz", "We will keep talking", True) in got
    assert ("Olaf Scholz", "There is no alternative", True) in got


def test_reported_speech_according_to_and_skips() -> None:
    from extract.extraction import Extractor

    ex = Extractor().extract(article(
        "Indian Prime Minister Narendra Modi stressed that dialogue was the only way forward.\n"
        "Officials said the talks would resume next week.\n"
        "The two sides said they were satisfied.\n"
        "According to customs data, exports rose 5 percent.\n"
        "The visit was productive, according to Japanese Foreign Minister Yoko Kamikawa."))
    got = statement_triples(ex)
    assert got == [
        ("Narendra Modi", "dialogue was the only way forward", False),
        ("Yoko Kamikawa", "The visit was productive", False),
    ]
    assert ex.statements[0].named_countries == ()


def test_speech_breadth_and_attribution_frames() -> None:
    from extract.extraction import Extractor
    from tests.extraction.conftest import article

    ex = Extractor().extract(article(
        "Foreign Minister Amina Diallo said Somalia needed steady funding and called on partners to honour their pledges.\n"
        "Shipping analyst Lars Berg at Nordic Capital Bank said the outlook was weak.\n"
        "“We value this partnership,” Prime Minister Ivo Marek said in his opening remarks.\n"
        "Prime Minister Ivo Marek spoke to President Ana Ruiz on Monday, Downing Street said in a readout of the call."))
    got = {(s.speaker.name, s.quote) for s in ex.statements}
    assert ("Amina Diallo", "Somalia needed steady funding") in got
    assert ("Amina Diallo", "partners to honour their pledges") in got
    assert ("Lars Berg", "the outlook was weak") in got
    assert ("Ivo Marek", "We value this partnership") in got
    assert any(sp == "Downing Street" and q.startswith("Prime Minister Ivo Marek spoke") for sp, q in got)


def test_bare_titles_resolve_to_the_right_holder() -> None:
    from extract.extraction import Extractor
    from tests.extraction.conftest import article

    ex = Extractor().extract(article(
        "ISLAMABAD: Prime Minister Aslam Rana held talks with Saudi Crown Prince and Prime Minister "
        "Faisal bin Turki in Riyadh on Monday.\n"
        "The prime minister said Pakistan was grateful for the kingdom's support.\n"
        "The crown prince stressed the historic ties between the two countries."))
    got = {s.speaker.name: s.quote for s in ex.statements}
    assert got.get("Aslam Rana", "").startswith("Pakistan was grateful")
    assert got.get("Faisal bin Turki", "").startswith("the historic ties")


def test_trailing_attributions_of_bodies_and_descriptions() -> None:
    from extract.extraction import Extractor
    from tests.extraction.conftest import article

    ex = Extractor().extract(article(
        "ASTANA, March 12 (Agency) -- President Nurlan Amanov received a call on Tuesday from "
        "President Dovlet Sarov, the presidential press service Akorda said.\n"
        "The Chinese embassy in Manila said in a statement that the pact would raise tensions.\n"
        "Mongolia will not choose sides, President Batu Ganbold said on Wednesday, ahead of a visit to Tokyo.\n"
        "Energy Minister Sipho Ndlovu said the government would comply."))
    got = {(s.speaker.name, s.quote) for s in ex.statements}
    assert any(sp == "Akorda" and q.startswith("President Nurlan Amanov received") for sp, q in got)
    assert any(sp.lower().endswith("embassy") and q == "the pact would raise tensions" for sp, q in got)
    assert ("Batu Ganbold", "Mongolia will not choose sides") in got
    assert ("Sipho Ndlovu", "the government would comply") in got


def test_frames_roles_and_relays() -> None:
    from extract.extraction import Extractor
    from tests.extraction.conftest import article

    ex = Extractor().extract(article(
        "The new price takes effect on Monday, chief executive Yaw Mensah told a news conference in Accra on Tuesday.\n"
        "“Four in a row, I still can't believe it,” halfback Jake Moore said on the field after the siren.\n"
        "Analyst Lars Holm said the outlook was weak and cut his price target.\n"
        "Minister Zoltan Varga, who has repeatedly called for faster cuts, said the decision was welcome.\n"
        "Envoy Kim Sol-ji was greeted at the airport by Minister Ri Chol, according to the Korean Central News Agency."))
    got = {(s.speaker.name, s.quote) for s in ex.statements}
    assert ("Yaw Mensah", "The new price takes effect on Monday") in got
    assert ("Jake Moore", "Four in a row, I still can't believe it") in got
    assert ("Lars Holm", "the outlook was weak") in got
    assert ("Zoltan Varga", "faster cuts") in got and ("Zoltan Varga", "the decision was welcome") in got
    assert not any(sp == "Korean Central News Agency" for sp, _ in got)


def test_offices_and_press_offices_speak() -> None:
    from extract.extraction import Extractor
    from tests.extraction.conftest import article

    ex = Extractor().extract(article(
        "MALÉ — President Ibrahim Nasir received a telephone call from Prime Minister Raj Varma on "
        "Saturday, the President's Office said."))
    assert any(s.speaker.name.endswith("Office") and s.quote.startswith("President Ibrahim Nasir") for s in ex.statements)
    ex = Extractor().extract(article(
        "VATICAN CITY (Agency) - President Martin Aguero was received by the Pope on Monday, the Holy "
        "See press office said."))
    assert any(s.speaker.name == "Holy See press office" for s in ex.statements)


def test_settings_after_the_verb_and_subjects_after_it() -> None:
    from extract.extraction import Extractor
    from tests.extraction.conftest import article

    ex = Extractor().extract(article(
        "“We are ready,” President Juan Bautista said at Malacañang on Monday.\n"
        "The weather bureau said Typhoon Pepe could make landfall on Friday.\n"
        "Foreign Minister Rana Aslam chaired the talks. The Deputy Prime Minister underscored the need "
        "for a joint response, the Foreign Office said."))
    got = {(s.speaker.name, s.quote) for s in ex.statements}
    assert ("Juan Bautista", "We are ready") in got
    assert not any(sp.startswith("Typhoon") for sp, _ in got)
    assert not any(q == "at Malacañang" for _, q in got)


def test_it_continues_the_organisation_just_quoted(extractor) -> None:  # type: ignore[no-untyped-def]
    ex = extractor.extract(article(
        "The Peruvian Foreign Ministry issued a statement on Monday.\n"
        "It said the border talks had been frank. It also said a new round would follow in May.\n"
        "It was raining in Lima."))
    said = [s for s in ex.statements if s.speaker is not None and s.speaker.name.endswith("Foreign Ministry")]
    assert len(said) == 2
    assert not any("raining" in s.evidence.sentence for s in ex.statements)


def test_an_organisation_name_starts_at_its_demonym(extractor) -> None:  # type: ignore[no-untyped-def]
    ex = extractor.extract(article(
        "The Brazilian Space Exploration Agency said the launch had gone well.\n"
        "The Brazilian Foreign Ministry said the envoy had left."))
    names = {s.speaker.name for s in ex.statements if s.speaker is not None}
    assert "Brazilian Space Exploration Agency" in names
    assert not any(n.startswith("Brazilian") and "Ministry" in n for n in names)
