"""Synthetic event sentences (issue 11 item 3): markup, train-only refusal, and the data file itself."""
from __future__ import annotations

import itertools
import re
from collections import Counter

import pycountry
import pytest

from geoclaims.corpora.synthetic import (SYNTHETIC, iter_synthetic_records, iter_synthetic_sentences,
                                         load_synthetic_examples, parse_markup, parse_record)
from geoclaims.errors import GeoclaimsError
from geoclaims.records import MODALITIES, PLOVER_TYPES


def _record(markup, type_="SANCTION", **extra):
    return {"id": "syn-test", "source": "synthetic", "type": type_, "negated": False, "modality": "asserted",
            "markup": markup, **extra}


def _words(text, span):
    return text[span[0]:span[1]]


def test_markup_offsets_point_at_the_words():
    text, marks = parse_markup("In 2019 [[USA|Washington]] {{raised tariffs on}} <<CHN|Chinese steel>>.")
    assert text == "In 2019 Washington raised tariffs on Chinese steel."
    assert _words(text, marks["trigger"]) == "raised tariffs on"
    assert [(_words(text, m["span"]), m["code"]) for m in marks["sources"]] == [("Washington", "USA")]
    assert [(_words(text, m["span"]), m["code"]) for m in marks["targets"]] == [("Chinese steel", "CHN")]


def test_null_codes_and_special_codes():
    text, marks = parse_markup("[[null|Gunmen]] and [[IMG|al-Shabaab]] {{threatened}} <<IGO|the AU mission>>.")
    assert text == "Gunmen and al-Shabaab threatened the AU mission."
    assert [m["code"] for m in marks["sources"]] == [None, "IMG"]
    assert marks["targets"][0]["code"] == "IGO"


def test_coordination_gives_one_event_with_several_mentions():
    text, events = parse_record(_record(
        "[[ARM|Armenia]] and [[AZE|Azerbaijan]] {{agreed to cooperate on}} <<null|border demarcation>>.",
        type_="COOPERATE"))
    assert len(events) == 1
    event = events[0]
    assert [_words(text, m["span"]) for m in event["sources"]] == ["Armenia", "Azerbaijan"]
    assert event["type"] == "COOPERATE" and event["negated"] is False and event["modality"] == "asserted"
    assert set(event) == {"type", "trigger", "sources", "targets", "negated", "modality"}


def test_passive_and_no_target_events():
    text, events = parse_record(_record("<<IRN|Iranian oil>> was {{sanctioned}} by [[USA|the Treasury]] in 2012."))
    assert _words(text, events[0]["sources"][0]["span"]) == "the Treasury"
    assert _words(text, events[0]["targets"][0]["span"]) == "Iranian oil"
    text, events = parse_record(_record("[[KOR|Seoul]] {{put its forces on alert}} on Tuesday.", type_="MOBILIZE"))
    assert events[0]["targets"] == [] and _words(text, events[0]["trigger"]) == "put its forces on alert"


def test_hard_negative_has_no_event_and_no_marks():
    text, events = parse_record(_record("Japan is the largest buyer of Australian coal.", type_=None))
    assert text == "Japan is the largest buyer of Australian coal." and events == []
    with pytest.raises(GeoclaimsError, match="syn-test"):
        parse_record(_record("[[JPN|Japan]] is a buyer of Australian coal.", type_=None))


def test_negation_and_modality_are_kept():
    _, events = parse_record(_record("[[FRA|Paris]] {{did not expel}} <<IRN|Iranian diplomats>>.", negated=True))
    assert events[0]["negated"] is True
    _, events = parse_record(_record("[[GBR|London]] {{may ban}} <<CHN|Chinese cameras>>.", modality="hedged"))
    assert events[0]["modality"] == "hedged"


@pytest.mark.parametrize("markup", [
    "[[USA|Washington {{banned}} <<CHN|Chinese chips>>.",      # unclosed source
    "[[usa|Washington]] {{banned}} <<CHN|Chinese chips>>.",    # lower-case code
    "[[US|Washington]] {{banned}} <<CHN|Chinese chips>>.",     # two-letter code
    "[[USA|Washington]] {{banned}} {{blocked}} <<CHN|Chinese chips>>.",  # two triggers
    "[[USA| Washington]] {{banned}} <<CHN|Chinese chips>>.",   # padded mention
    "[[USA|Washington]] {{banned}} CHN|Chinese chips>>.",      # stray closing mark
    "",
])
def test_malformed_markup_names_the_record(markup):
    with pytest.raises(GeoclaimsError) as err:
        parse_record(_record(markup))
    assert err.value.code == "GC208" and "syn-test" in str(err.value)


def test_bad_records_are_refused():
    for bad in (_record("[[USA|Washington]] {{banned}} <<CHN|Chinese chips>>.", type_="BOYCOTT"),
                _record("[[USA|Washington]] banned <<CHN|Chinese chips>>."),          # no trigger
                _record("Washington {{banned}} Chinese chips."),                      # no actor
                _record("[[USA|Washington]] {{banned}} <<CHN|chips>>.", modality="likely"),
                _record("[[USA|Washington]] {{banned}} <<CHN|chips>>.", source="wikinews")):
        with pytest.raises(GeoclaimsError, match="GC208"):
            parse_record(bad)


@pytest.mark.parametrize("split", ["dev", "test", "validation", ""])
def test_synthetic_sentences_are_train_only(split):
    with pytest.raises(GeoclaimsError, match="train-only"):
        load_synthetic_examples(split)
    with pytest.raises(GeoclaimsError, match="train-only"):
        next(iter_synthetic_sentences(split))


def test_registered_as_a_dataset():
    from geoclaims import registry
    from geoclaims.relations import datasets

    reader = registry.get(registry.datasets, datasets.full_name("synthetic"))
    with pytest.raises(GeoclaimsError, match="train-only"):
        reader(split="dev")


# --- the data file -------------------------------------------------------------------------------

RECORDS = list(iter_synthetic_records())
CODES = {c.alpha_3 for c in pycountry.countries} | {"IGO", "NGO", "IMG"}


def test_every_record_parses_with_valid_types_codes_and_modalities():
    assert len(RECORDS) >= 300
    for record in RECORDS:
        assert record["source"] == "synthetic"
        assert set(record) == {"id", "source", "type", "negated", "modality", "markup"}, record["id"]
        assert record["type"] is None or record["type"] in PLOVER_TYPES, record["id"]
        assert record["modality"] in MODALITIES, record["id"]
        text, events = parse_record(record)
        assert len(events) == (0 if record["type"] is None else 1)
        for event in events:
            for mention in event["sources"] + event["targets"]:
                assert mention["code"] is None or mention["code"] in CODES, (record["id"], mention)
        assert re.fullmatch(r"[A-Z0-9\"'‘“(].*[.!?\"'’”)]", text), (record["id"], text)
        assert "  " not in text and " ," not in text and " ." not in text, (record["id"], text)


def test_ids_are_unique_and_ordered():
    ids = [r["id"] for r in RECORDS]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"syn-\d{4}", i) for i in ids)
    assert ids == sorted(ids)


def test_no_sentence_duplicates_another():
    texts = [re.sub(r"\W+", " ", parse_record(r)[0].lower()).strip() for r in RECORDS]
    duplicated = [t for t, n in Counter(texts).items() if n > 1]
    assert not duplicated, duplicated[:5]


def test_seed_article_pair_stays_out():
    """Russia-Kazakhstan sentences are left out, so that the seed article stays an honest check."""
    for record in RECORDS:
        text, _ = parse_record(record)
        assert not ("Kazakh" in text and re.search(r"Russia|Moscow|Kremlin|Rosselkhoznadzor", text)), record["id"]


def test_most_events_have_a_source():
    """Agentless passives are written only rarely: the pipeline emits no claim without a subject."""
    events = [e for r in RECORDS for e in parse_record(r)[1]]
    agentless = sum(1 for e in events if not e["sources"])
    assert agentless <= 0.05 * len(events)


@pytest.mark.slow
def test_examples_are_labelled_from_the_markup():
    examples = list(itertools.islice(load_synthetic_examples("train"), 200))
    assert examples and all(e.source == "synthetic" for e in examples)
    assert {e.label for e in examples} - {"NONE"} <= set(PLOVER_TYPES)
    assert any(e.label != "NONE" for e in examples)
