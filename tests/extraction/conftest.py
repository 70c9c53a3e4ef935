"""Shared helpers for the extraction tests."""

from __future__ import annotations

from datetime import date

import pytest

from extract.articles import Article, make_article, parse_seed_text
from extract.extraction import Extractor

# An example article (the task's reference example, kept inline).
LIU_ARTICLE = """ date 2024-01-09 Chinese diplomat Liu Jianchao pledges stronger ties with US as both countries pursue thaw in relations
- International Department chief pledges to promote ‘Track 1.5 diplomacy’ during exchange with US think tank
- Liu is highest-ranking official to visit US since Xi Jinping met his US counterpart in San Francisco in November
At a talk hosted by the Asia Society in New York on Monday, Liu said the US and China “should do more to enhance understanding and promote cooperation and continue the positive momentum created by the leaders’ meetings”.
Liu, who heads the International Department, the Communist Party’s diplomatic arm, is leading a delegation to the United States, and is the highest-ranking official to visit the US since Chinese President Xi Jinping met his US counterpart Joe Biden in San Francisco in November.
Liu said the two leaders reached an important consensus in November, which created direction and added momentum for promoting the development of China-US relations, the department said in a statement.
He also urged the two countries to promote practical cooperation in various fields, such as economy and trade, to achieve visible results and improve public confidence in China-US relations.
According to the statement, the Asia Society said the two sides could improve communication, exchanges and cooperation, and gradually remove obstacles in bilateral relations.
The exchange was part of the “Track 1.5 dialogue”, which involves government officials and non-government figures.
It has gradually become a channel for countries and diplomats seeking to manage complex policy challenges, together with Track 2 dialogue, which brings together non-governmental representatives from both countries.
“The two sides should strengthen mutual trust and cooperation … encourage close interaction between all sectors of society, especially young people, and build bridges of long-term friendship and cooperation,” the statement said.
Liu’s US visit comes as voters in Taiwan, a major flashpoint in bilateral relations, are set to elect a new president and legislators on January 13.
Also on Monday, Shanghai Communist Party boss Chen Jining held talks with an American delegation led by former US treasury secretary Lawrence Summers.
“China and the United States should have a new vision, and work together to build together the five pillars of China-US relations,” Chen said, adding that he welcomed Summers to play a greater role in strengthening people-to-people and academic exchanges.
"""


def article(body: str, published: date = date(2024, 1, 9), title: str = "Test article") -> Article:
    paras = body.strip("\n").split("\n")
    made = make_article(source_name="test", source_uri="test.txt", url=None, published=published,
                        title=title, body_paragraphs=paras, raw_text=body)
    assert isinstance(made, Article)
    return made


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor()


@pytest.fixture(scope="session")
def liu_article() -> Article:
    parsed = parse_seed_text(LIU_ARTICLE.encode(), source_name="test", source_uri="liu-jianchao-2024-01-09.txt")
    assert isinstance(parsed, Article)
    return parsed


@pytest.fixture(scope="session")
def liu(extractor: Extractor, liu_article: Article):  # type: ignore[no-untyped-def]
    return extractor.extract(liu_article)


def statement_triples(ex) -> list[tuple[str, str, bool]]:  # type: ignore[no-untyped-def]
    """(speaker, quote, is_direct) of every statement of one extraction, for assertions."""
    return [(s.speaker.name, s.quote, s.is_direct) for s in ex.statements]
