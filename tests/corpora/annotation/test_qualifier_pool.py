"""The qualifier round's pool and merge: context windows, quote location, stand-off records."""
from geoclaims.corpora.annotation.qualifier_pool import context_window, locate, standoff_record
from geoclaims.corpora.standoff import text_sha1

TEXT = ("Officials met on Monday. Russia restricted Kazakh grain imports on Tuesday, a ministry said. "
        "The restrictions followed Kazakhstan's refusal to join BRICS, the ministry said.")
SENTENCE = (25, 93)  # "Russia restricted ... a ministry said."
RECORD = {"id": "p1", "corpus": "reuters21578", "doc_id": "d1", "sentence": list(SENTENCE)}


def test_context_window_keeps_whole_words_and_contains_the_sentence():
    lo, hi = context_window(TEXT, *SENTENCE)
    assert lo <= SENTENCE[0] and hi >= SENTENCE[1]
    assert lo == 0 or TEXT[lo - 1].isspace()
    assert hi == len(TEXT) or TEXT[hi].isspace()


def test_locate_prefers_the_occurrence_inside_the_sentence():
    assert TEXT[SENTENCE[0]:SENTENCE[1]].startswith("Russia restricted")
    start, end = locate(TEXT, "a ministry said", SENTENCE)
    assert SENTENCE[0] <= start < SENTENCE[1] and TEXT[start:end] == "a ministry said"
    nearest = locate(TEXT, "the ministry", SENTENCE)
    assert TEXT[nearest[0]:nearest[1]] == "the ministry" and nearest[0] > SENTENCE[1]


def test_locate_returns_none_for_words_not_in_the_window():
    assert locate(TEXT, "Beijing", SENTENCE) is None


def test_standoff_record_stores_offsets_and_drops_values_without_span():
    answer = {"pair": "p1", "negated": False, "modality": "reported", "attribution": "a ministry",
              "attribution_code": "RUS", "time": "on Tuesday", "time_value": "1987-03-24",
              "motive": "Kazakhstan's refusal to join BRICS", "annotator": "q9"}
    problems: list[str] = []
    record = standoff_record(answer, RECORD, TEXT, problems)
    assert problems == []
    assert record["sha1"] == text_sha1(TEXT[SENTENCE[0]:SENTENCE[1]])
    for key, quote in (("attribution", "a ministry"), ("time", "on Tuesday"),
                       ("motive", "Kazakhstan's refusal to join BRICS")):
        start, end = record[key]
        assert TEXT[start:end] == quote
    assert record["time_value"] == "1987-03-24" and record["attribution_code"] == "RUS"
    no_time = standoff_record({**answer, "time": None}, RECORD, TEXT, problems)
    assert no_time["time"] is None and no_time["time_value"] is None


def test_standoff_record_reports_a_quote_it_cannot_find():
    problems: list[str] = []
    answer = {"pair": "p1", "negated": False, "modality": "asserted", "attribution": None,
              "time": "on Wednesday", "motive": None}
    assert standoff_record(answer, RECORD, TEXT, problems) is None
    assert problems and "on Wednesday" in problems[0]
