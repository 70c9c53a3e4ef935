"""Statement constructions of real news: transcripts, organisations speaking through
"it" and their offices, quotation-only verbs, and the guards that keep them precise."""

from __future__ import annotations

from tests.extraction.conftest import article, statement_triples


def test_briefing_transcript_labels(extractor) -> None:  # type: ignore[no-untyped-def]
    ex = extractor.extract(article(
        "Foreign Ministry Spokesperson Lina Orvath held a regular press conference on Monday.\n"
        "Q: Reports say the border talks have stalled. What is your comment?\n"
        "A: The talks are continuing and both sides remain in close contact on the next round.\n"
        "Daily Courier: Will the minister travel to the region this month?\n"
        "Lina Orvath: We will release information about any visit in due course."))
    got = statement_triples(ex)
    assert ("Lina Orvath", "The talks are continuing and both sides remain in close contact on the next round",
            False) in got
    assert ("Lina Orvath", "We will release information about any visit in due course", False) in got
    # questions are no statements, neither "Q:" nor an outlet asking
    assert not any(q.startswith(("Reports say", "Will the minister")) for _, q, _ in got)


def test_briefing_label_by_surname(extractor) -> None:  # type: ignore[no-untyped-def]
    ex = extractor.extract(article(
        "State Department spokesman Peter Kowalczyk briefed reporters in Washington.\n"
        "MR. KOWALCZYK: Good afternoon. The Secretary will travel to the region next week.\n"
        "QUESTION: Is the trip confirmed?\n"
        "MR. KOWALCZYK: The dates are still being worked out with our partners."))
    got = statement_triples(ex)
    assert ("Peter Kowalczyk", "The dates are still being worked out with our partners", False) in got
    assert ("Peter Kowalczyk", "Good afternoon. The Secretary will travel to the region next week", False) in got


def test_one_label_is_no_transcript(extractor) -> None:  # type: ignore[no-untyped-def]
    # a single "Name: words" line in an ordinary story is a heading, not a transcript
    ex = extractor.extract(article(
        "Foreign Minister Lina Orvath arrived in Vienna on Monday.\n"
        "Lina Orvath: a career diplomat with three decades of service in Europe."))
    assert not any(q.startswith("a career diplomat") for _, q, _ in statement_triples(ex))


def test_it_said_after_a_quote_is_the_organisation(extractor) -> None:  # type: ignore[no-untyped-def]
    ex = extractor.extract(article(
        "The Tanzanian Foreign Ministry summoned the envoy on Monday. "
        "“This is unacceptable,” it said in a statement."))
    assert ("Foreign Ministry", "This is unacceptable", True) in statement_triples(ex)


def test_it_said_without_an_organisation_gives_nothing(extractor) -> None:  # type: ignore[no-untyped-def]
    ex = extractor.extract(article(
        "Farmers blocked the highway on Monday. “This is unacceptable,” it said in a statement."))
    assert statement_triples(ex) == []


def test_office_of_a_person_speaks_for_the_person(extractor) -> None:  # type: ignore[no-untyped-def]
    ex = extractor.extract(article(
        "Ghanaian President Kofi Mensah spoke at the summit. "
        "Kofi Mensah's office said the president would travel to Lome on Friday."))
    assert ("Kofi Mensah", "the president would travel to Lome on Friday", False) in statement_triples(ex)


def test_quotation_only_verb(extractor) -> None:  # type: ignore[no-untyped-def]
    ex = extractor.extract(article(
        "“We never gave up,” coach Pedro Alves said. “The boys fought to the end,” Alves continued."))
    got = statement_triples(ex)
    assert ("Pedro Alves", "We never gave up", True) in got
    assert ("Pedro Alves", "The boys fought to the end", True) in got


def test_quotation_only_verb_without_quotation_gives_nothing(extractor) -> None:  # type: ignore[no-untyped-def]
    ex = extractor.extract(article(
        "Coach Pedro Alves said the team was tired. Alves continued to train the squad through the winter."))
    assert statement_triples(ex) == [("Pedro Alves", "the team was tired", False)]


def test_called_on_with_a_quoted_infinitive(extractor) -> None:  # type: ignore[no-untyped-def]
    ex = extractor.extract(article(
        "The Ruritanian Foreign Ministry condemned the shelling on Monday. "
        "The ministry called on the council to “act now and stop the fighting”."))
    got = statement_triples(ex)
    assert any(sp.endswith("Foreign Ministry") and "act now and stop the fighting" in q for sp, q, _ in got)


def test_told_an_audience_of_investors(extractor) -> None:  # type: ignore[no-untyped-def]
    ex = extractor.extract(article(
        "Chief executive Laura Kim told investors the company would cut 500 jobs."))
    assert statement_triples(ex) == [("Laura Kim", "the company would cut 500 jobs", False)]


def test_anonymous_sources_stay_out(extractor) -> None:  # type: ignore[no-untyped-def]
    ex = extractor.extract(article(
        "“The deal is fair,” a senior official said on condition of anonymity. "
        "“The deal is fair,” said an official who asked not to be named. Diplomats said the deal was fair."))
    assert statement_triples(ex) == []



def test_statement_from_an_organisation(extractor) -> None:  # type: ignore[no-untyped-def]
    ex = extractor.extract(article(
        "A statement from the Ghanaian presidency said the two leaders had agreed to deepen cooperation."))
    assert statement_triples(ex) == [("Ghanaian presidency", "the two leaders had agreed to deepen cooperation", False)]


def test_the_communique_of_the_organisation_that_issued_it(extractor) -> None:  # type: ignore[no-untyped-def]
    ex = extractor.extract(article(
        "The Ghanaian presidency issued a statement after the talks. “The region needs calm,” the communique said."))
    assert statement_triples(ex) == [("Ghanaian presidency", "The region needs calm", True)]


def test_a_communique_nobody_issued_gives_nothing(extractor) -> None:  # type: ignore[no-untyped-def]
    ex = extractor.extract(article("Farmers marched on Monday. “The region needs calm,” the communique said."))
    assert statement_triples(ex) == []


def test_said_in_a_call_with_analysts(extractor) -> None:  # type: ignore[no-untyped-def]
    ex = extractor.extract(article(
        "Chief executive Tim Ross said in a call with analysts that demand remained strong."))
    assert statement_triples(ex) == [("Tim Ross", "demand remained strong", False)]


def test_inverted_verb_with_a_lowercase_role_or_age(extractor) -> None:  # type: ignore[no-untyped-def]
    ex = extractor.extract(article(
        "“It's a dream come true,” said sprinter Maya Obi after the final. "
        "“I could not sleep,” said 19-year-old Jonas Berg."))
    got = statement_triples(ex)
    assert ("Maya Obi", "It's a dream come true", True) in got
    assert ("Jonas Berg", "I could not sleep", True) in got


def test_inverted_verb_before_a_clause_is_no_role(extractor) -> None:  # type: ignore[no-untyped-def]
    # "said the ..." / "said that ...": no role words, the words after are no speaker
    ex = extractor.extract(article("“We are ready,” said that Maya Obi would start the race."))
    assert not any(sp == "Maya Obi" for sp, _, _ in statement_triples(ex))


def test_a_described_organisation_named_again_by_its_head(extractor) -> None:  # type: ignore[no-untyped-def]
    ex = extractor.extract(article(
        "MOSCOW — President Andrei Voronin held a call with President Rustam Karimbekov on Thursday, "
        "the Kremlin press service said.\n“The sides discussed energy,” the press service said."))
    assert ("Kremlin press service", "The sides discussed energy", True) in statement_triples(ex)


def test_a_head_no_organisation_had_gives_nothing(extractor) -> None:  # type: ignore[no-untyped-def]
    ex = extractor.extract(article("Farmers marched on Monday. “The sides discussed energy,” the press service said."))
    assert statement_triples(ex) == []


def test_a_quotation_closing_the_clause_before_an_inverted_verb(extractor) -> None:  # type: ignore[no-untyped-def]
    ex = extractor.extract(article(
        "Foreign Minister Lina Orvath spoke on Monday. "
        "The decision “is a mistake that we will regret,” said Orvath."))
    got = statement_triples(ex)
    assert len(got) == 1 and got[0][0] == "Lina Orvath" and got[0][2] is True
    assert got[0][1].startswith("The decision “is a mistake that we will regret")


def test_speaker_lines_before_their_messages(extractor) -> None:  # type: ignore[no-untyped-def]
    ex = extractor.extract(article(
        "Leaders sent messages to the new president on Monday.\n"
        "Gambian President Adama Kebbeh:\n"
        "Your election shows the trust your people have placed in your leadership.\n"
        "Malawian President Peter Chirwa, leader of the Progressive Party:\n"
        "I believe you will lead your country toward a brighter future."))
    got = statement_triples(ex)
    assert ("Adama Kebbeh", "Your election shows the trust your people have placed in your leadership", False) in got
    assert ("Peter Chirwa", "I believe you will lead your country toward a brighter future", False) in got


def test_said_colon_before_a_quoted_paragraph(extractor) -> None:  # type: ignore[no-untyped-def]
    ex = extractor.extract(article(
        "Foreign Minister Lina Orvath said:\n“We will not accept this. The ruling is wrong and we will appeal it.”"))
    assert statement_triples(ex) == [("Lina Orvath", "We will not accept this. The ruling is wrong and we will appeal it", True)]


def test_one_name_line_without_speech_is_no_label(extractor) -> None:  # type: ignore[no-untyped-def]
    ex = extractor.extract(article(
        "The delegation included the following officials:\nForeign Minister Lina Orvath:\n"
        "a career diplomat with three decades of service in Europe."))
    ex2 = extractor.extract(article(
        "Among the guests was this minister:\nForeign Minister Lina Orvath arrived in Vienna on Monday for talks."))
    assert not any(q.startswith("a career diplomat") for _, q, _ in statement_triples(ex))
    assert statement_triples(ex2) == []


def test_a_label_paragraph_that_attributes_its_own_words(extractor) -> None:  # type: ignore[no-untyped-def]
    ex = extractor.extract(article(
        "Gambian President Adama Kebbeh:\n“We are ready to work together,” said Peter Chirwa.\n"
        "Malawian President Peter Chirwa:\nWe will strengthen our partnership in every field."))
    got = statement_triples(ex)
    assert ("Peter Chirwa", "We are ready to work together", True) in got
    assert not any(sp == "Adama Kebbeh" for sp, _, _ in got)


def test_the_spokesman_for_an_office_is_not_its_holder(extractor) -> None:  # type: ignore[no-untyped-def]
    ex = extractor.extract(article(
        "Stefan Durand, Spokesman for the Secretary-General, briefed reporters in New York. "
        "Speaking in Geneva, the Secretary-General said the talks must resume."))
    assert not any(sp == "Stefan Durand" for sp, _, _ in statement_triples(ex))


def test_a_quoted_block_left_open_to_the_next_paragraph(extractor) -> None:  # type: ignore[no-untyped-def]
    ex = extractor.extract(article(
        "“We will not accept this,” Foreign Minister Lina Orvath said. “The ruling is wrong. We studied it for "
        "weeks. The judges ignored the evidence.\n“We will appeal it in every court we can find.”"))
    got = statement_triples(ex)
    assert ("Lina Orvath", "The ruling is wrong. We studied it for weeks. The judges ignored the evidence", True) in got
    assert ("Lina Orvath", "We will appeal it in every court we can find", True) in got


def test_a_person_at_a_firm_or_in_a_place(extractor) -> None:  # type: ignore[no-untyped-def]
    ex = extractor.extract(article(
        "Shipping analyst Lars Eide at Pareto Securities said the outlook was weak. "
        "Tea farmer Grace Chebet in Kericho said prices had not yet risen."))
    got = statement_triples(ex)
    assert ("Lars Eide", "the outlook was weak", False) in got
    assert ("Grace Chebet", "prices had not yet risen", False) in got


def test_a_person_of_a_country(extractor) -> None:  # type: ignore[no-untyped-def]
    ex = extractor.extract(article("President Maria Lopez of Peru said the deal was fair."))
    assert statement_triples(ex) == [("Maria Lopez", "the deal was fair", False)]


def test_the_speakers_next_act_ends_the_words(extractor) -> None:  # type: ignore[no-untyped-def]
    ex = extractor.extract(article(
        "Captain Usman Ghani said his side had nothing to be ashamed of and praised the fight shown by the tail."))
    assert statement_triples(ex)[0] == ("Usman Ghani", "his side had nothing to be ashamed of", False)


def test_a_coordinated_verb_of_the_reported_clause_stays(extractor) -> None:  # type: ignore[no-untyped-def]
    ex = extractor.extract(article(
        "Foreign Minister Lina Orvath said Vienna valued the partnership and hoped trade would grow."))
    assert ("Lina Orvath", "Vienna valued the partnership and hoped trade would grow", False) in statement_triples(ex)


def test_player_ratings_and_profiles_are_no_transcript(extractor) -> None:  # type: ignore[no-untyped-def]
    ex = extractor.extract(article(
        "Striker Jonas Berg and winger Maya Obi starred in the win on Saturday.\n"
        "Jonas Berg: Lively throughout and took his goal well, 8 out of 10.\n"
        "Maya Obi: Created two chances and tracked back with energy, 7 out of 10.\n"
        "Foreign Minister Lina Orvath:\nA career diplomat, she served in Paris and Rome before taking office."))
    assert statement_triples(ex) == []


def test_here_between_the_speaker_and_the_verb(extractor) -> None:  # type: ignore[no-untyped-def]
    ex = extractor.extract(article(
        "BEIJING — The Foreign Ministry here said on Friday that details of the visit would be released soon."))
    assert statement_triples(ex) == [("Foreign Ministry", "details of the visit would be released soon", False)]
