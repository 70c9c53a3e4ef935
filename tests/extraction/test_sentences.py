from extract.extraction.sentences import Segmentation


def test_sentences_split_on_end_punctuation_and_keep_offsets() -> None:
    body = "Mr. Smith met Dr. Jones in the U.S. capital. They talked.\nJohn F. Kennedy spoke. Done!"
    seg = Segmentation(body)
    texts = [s.text for s in seg.sentences]
    assert texts == [
        "Mr. Smith met Dr. Jones in the U.S. capital.",
        "They talked.",
        "John F. Kennedy spoke.",
        "Done!",
    ]
    for s in seg.sentences:
        assert body[s.start:s.end] == s.text
    assert [s.para for s in seg.sentences] == [0, 0, 1, 1]


def test_quoted_block_is_one_sentence_and_quotes_are_found() -> None:
    body = "“We are ready. We want peace,” he said. “We will not give up.”"
    seg = Segmentation(body)
    assert [s.text for s in seg.sentences] == ["“We are ready. We want peace,” he said.", "“We will not give up.”"]
    inside = [body[q.start:q.end] for q in seg.quotes]
    assert inside == ["We are ready. We want peace,", "We will not give up."]


def test_straight_and_unbalanced_quotes() -> None:
    body = 'She said "yes" and left.\n"This quote never closes. It runs on'
    seg = Segmentation(body)
    assert [body[q.start:q.end] for q in seg.quotes] == ["yes", "This quote never closes. It runs on"]
    assert seg.quotes[1].close == -1
    assert seg.quoted_chars(0, len("She said \"yes\"")) == 3
