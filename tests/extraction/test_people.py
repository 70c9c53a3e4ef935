from extract.extraction.document import Document
from extract.gazetteer import Gazetteer


def _entities(liu_article):  # type: ignore[no-untyped-def]
    doc = Document(liu_article, Gazetteer.load())
    return doc, {e.name: e for e in doc.mentions.table.entities}


def test_names_after_titles_and_appositions(liu_article) -> None:  # type: ignore[no-untyped-def]
    _, ents = _entities(liu_article)
    assert ents["Liu Jianchao"].kind == "person" and ents["Liu Jianchao"].country == "CHN"
    assert ents["Liu Jianchao"].title == "diplomat"
    assert ents["Lawrence Summers"].country == "USA"
    assert ents["Lawrence Summers"].is_government is False  # a *former* treasury secretary
    assert ents["Chen Jining"].country == "CHN"  # "Shanghai Communist Party boss"
    assert ents["Joe Biden"].country == "USA"  # "his US counterpart Joe Biden"
    assert ents["Xi Jinping"].role == "head_of_state"
    assert ents["Asia Society"].kind == "organization"


def test_short_forms_and_pronouns_resolve(liu_article) -> None:  # type: ignore[no-untyped-def]
    doc, _ = _entities(liu_article)
    body = liu_article.body
    liu_mentions = [m for m in doc.mentions.person_mentions if m.text == "Liu"]
    assert liu_mentions and all(m.entity.name == "Liu Jianchao" for m in liu_mentions)
    sent = next(s for s in doc.sentences if s.text.startswith("He also urged"))
    agent = doc.resolve.agent_before(sent, body.index("urged"))
    assert agent is not None and agent.how == "pronoun" and agent.entity.name == "Liu Jianchao"


def test_descriptions_resolve(extractor) -> None:  # type: ignore[no-untyped-def]
    from tests.extraction.conftest import article

    art = article("Kenyan President William Ruto arrived in Berlin on Monday.\n"
                  "The Kenyan leader said the visit would deepen trade ties.")
    ex = extractor.extract(art)
    assert [(s.speaker.name, s.quote) for s in ex.statements] == [
        ("William Ruto", "the visit would deepen trade ties")]


def test_a_lone_thing_word_is_a_short_form_only_when_a_full_name_holds_it() -> None:
    from extract.extraction import Extractor
    from tests.extraction.conftest import article

    ex = Extractor().extract(article(
        "South Korean President Park Min-ho arrived in Hanoi on Wednesday.\n"
        "Park, whose trip is his first to the region, said Seoul would train engineers.\n"
        "Park officials said the lake was clean."))
    assert any(s.speaker.name == "Park Min-ho" and s.quote.startswith("Seoul would") for s in ex.statements)
    ex = Extractor().extract(article("Park said the lake was clean."))
    assert not ex.statements


def test_he_after_a_subject_with_a_relative_clause() -> None:
    from extract.extraction import Extractor
    from tests.extraction.conftest import article

    ex = Extractor().extract(article(
        "DHAKA — Prime Minister Farida Rahman said the talks were useful.\n"
        "The ministers then toured a port.\n"
        "Maldivian Foreign Minister Ahmed Didi, who arrived here on Sunday, conveyed greetings to the Prime Minister.\n"
        "He said the Maldives wanted to import more vegetables."))
    assert any(s.speaker.name == "Ahmed Didi" and s.quote.startswith("the Maldives") for s in ex.statements)


def test_a_demonym_before_a_modifier_and_a_title() -> None:
    from extract.extraction import Extractor
    from tests.extraction.conftest import article

    ex = Extractor().extract(article(
        "ANKARA — President Kemal Ay welcomed Syrian interim President Ahmad Hamwi on Wednesday."))
    hamwi = [a for a in ex.actors if a.name == "Ahmad Hamwi"]
    assert hamwi and hamwi[0].country == "SYR"
    assert any(v.visitor.name == "Ahmad Hamwi" and v.host_country == "TUR" for v in ex.visits)
