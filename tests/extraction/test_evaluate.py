from extract.evaluate import date_correct, names_match, quote_overlap, score


def test_name_matching_rules() -> None:
    assert names_match("Blinken", "Antony Blinken")
    assert names_match("President Xi Jinping", "xi jinping")
    assert names_match("Chinese Foreign Ministry", "Foreign Ministry")
    assert names_match("Ministry of Foreign Affairs", "Foreign Ministry")  # words contained
    assert names_match("Defence Ministry", "Foreign Office") is False
    assert names_match("Lee Hsien Loong", "Lee Jae-myung") is False
    assert names_match("Mr. Lavrov", "Sergei Lavrov")


def test_quote_overlap_both_ways() -> None:
    assert quote_overlap("the two sides should talk", "the two sides should talk more") >= 0.5
    assert quote_overlap("short", "a very long prediction that goes on and on about short") < 0.5


def test_date_compared_at_predicted_precision() -> None:
    assert date_correct("2023-11-14", "2023-11")
    assert not date_correct("2023-11", "2023-11-14")
    assert not date_correct("2023-11-14", None)
    assert date_correct(None, None)


def test_score_counts_planned_as_neutral_and_greedy_matching() -> None:
    gold = [{"article": "a", "visits": [
        {"visitor": "Antony Blinken", "host_country": "CHN", "date": "2023-06-18", "planned": False},
        {"visitor": "Antony Blinken", "host_country": "JPN", "date": None, "planned": True},
        {"visitor": "Wang Yi", "host_country": "USA", "date": None, "planned": False}],
        "meetings": [{"participants": ["Antony Blinken", "Xi Jinping", "Wang Yi"], "planned": False}],
        "statements": [{"speaker": "Xi Jinping", "quote": "the world needs a stable China-US relationship"}]}]
    pred = [{"article": "a", "visits": [
        {"visitor": "Blinken", "host_country": "CHN", "date": "2023-06"},
        {"visitor": "Blinken", "host_country": "JPN", "date": None},
        {"visitor": "Blinken", "host_country": "KOR", "date": None}],
        "meetings": [{"participants": ["Xi", "Blinken"]}],
        "statements": [{"speaker": "President Xi", "quote": "the world needs a stable China-US relationship, Xi said"},
                       {"speaker": "Blinken", "quote": "nothing"}]}]
    rep = score(gold, pred)
    v, m, s = rep.scores["visits"], rep.scores["meetings"], rep.scores["statements"]
    assert (v.tp, v.fp, v.fn, v.neutral) == (1, 1, 1, 1)
    assert (v.dates_correct, v.dates_total) == (1, 1)
    assert (m.tp, m.fp, m.fn) == (1, 0, 0)
    assert (s.tp, s.fp, s.fn) == (1, 1, 0)
    assert "visits" in rep.table() and rep.to_dict()["visits"]["tp"] == 1
