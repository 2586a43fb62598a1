"""Training and dev pairs for the event classifier, drawn the way ``geoclaims.relations.v2`` draws them.

For each gold sentence (Wikinews event gold, PLV train) the sentence is parsed, the v2 event
candidates are generated (``geoclaims.events.candidates``) and each is labelled from the gold:
- a pair (s, o) takes the type of a gold event with s among its sources and o among its targets (for
  mutual types also o -> s, and two co-sources); else NONE;
- a no-target candidate (s, trigger) takes the type of a gold event with s among its sources whose
  trigger overlaps the candidate's predicate words (PLV's coded pairs have no trigger: any); else NONE;
- a gold (source, target) or (source, trigger) that no candidate covers is added as it stands, so
  the classifier learns the event even where the candidate generator misses it.
Mentions match when their character spans overlap. Offsets are relative to the sentence, whose text
is the example's ``text`` (as ``geoclaims.events.candidates.classifier_item`` gives it at run time).
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from geoclaims.relations.encoding import RelationExample

MUTUAL_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE", "FIGHT"})


@lru_cache(maxsize=1)
def _nlp():
    from geoclaims.nlp import build_nlp

    return build_nlp()


def _overlaps(a, b) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _in(span, mentions) -> bool:
    return any(_overlaps(span, m["span"]) for m in mentions)


def pair_label(events: list[dict], subject, obj) -> str:
    for e in events:
        if _in(subject, e["sources"]) and _in(obj, e["targets"]):
            return e["type"]
        if e["type"] in MUTUAL_TYPES and ((_in(obj, e["sources"]) and _in(subject, e["targets"]))
                                          or (_in(subject, e["sources"]) and _in(obj, e["sources"]))):
            return e["type"]
    return "NONE"


def single_label(events: list[dict], subject, trigger) -> str:
    for e in events:
        if _in(subject, e["sources"]) and (e["trigger"] is None or _overlaps(trigger, e["trigger"])):
            return e["type"]
    return "NONE"


def sentence_examples(text: str, events: list[dict], *, key: str, doc_id: str, source: str,
                      object_in_trigger: bool = False) -> list[RelationExample]:
    """Labelled candidates of one sentence plus the gold pairs no candidate covers (``object_in_trigger``:
    the no-target triggers of ``geoclaims.relations.v3``)."""
    from geoclaims.events.candidates import classifier_item, event_candidates

    doc = _nlp()(text)
    examples, covered = [], set()
    for n, event in enumerate(event_candidates(doc, object_in_trigger=object_in_trigger)):
        _, subject, other = classifier_item(event.candidate)
        no_target = event.candidate.object is None
        label = single_label(events, subject, other) if no_target else pair_label(events, subject, other)
        if label != "NONE":
            covered.add((tuple(subject), tuple(other) if not no_target else "trigger", label))
        examples.append(RelationExample(f"{key}-c{n}", text, tuple(subject), tuple(other), label,
                                        source=source, doc_id=doc_id))
    for m, event in enumerate(events):
        for source_mention in event["sources"]:
            seconds = [t["span"] for t in event["targets"]] or ([event["trigger"]] if event["trigger"] else [])
            for k, second in enumerate(seconds):
                mark = tuple(second) if event["targets"] else "trigger"
                if any(c[2] == event["type"] and _overlaps(c[0], source_mention["span"])
                       and (c[1] == mark == "trigger" or (mark != "trigger" and c[1] != "trigger" and _overlaps(c[1], second)))
                       for c in covered):
                    continue
                examples.append(RelationExample(f"{key}-g{m}-{k}", text, tuple(source_mention["span"]), tuple(second),
                                                event["type"], source=source, doc_id=doc_id))
    return examples


def sentence_key(example_id: str) -> str:
    """The sentence an example id belongs to (``<key>-c<n>`` and ``<key>-g<m>-<k>`` -> ``<key>``)."""
    return re.sub(r"-(c\d+|g\d+-\d+)$", "", example_id)


def _hashed_share(key: str, salt: str = "") -> float:
    import hashlib

    return int(hashlib.sha1((salt + key).encode()).hexdigest()[:8], 16) / 0xFFFFFFFF


def kept(examples: Iterable[RelationExample], keep_none: float, share: float = 1.0) -> Iterator[RelationExample]:
    """All events, and NONE examples whose stable hash falls in the ``keep_none`` share (1.0: all); of
    those, the ``share`` of sentences (by document and sentence key, another stable hash) — a
    reproducible sample for short continued-training runs."""
    for example in examples:
        if share < 1.0 and _hashed_share(sentence_key(example.example_id), "share:") >= share:
            continue
        if example.label != "NONE" or keep_none >= 1.0:
            yield example
        elif _hashed_share(example.example_id) < keep_none:
            yield example


def load_event_examples(split: str = "train", keep_none: float = 1.0, share: float = 1.0) -> Iterator[RelationExample]:
    """``geoclaims.datasets.events.v1``: the Wikinews event gold of one split as classifier pairs."""
    yield from kept(_event_examples(split), keep_none, share)


def load_event_examples_v2(split: str = "train", keep_none: float = 1.0, share: float = 1.0) -> Iterator[RelationExample]:
    """``geoclaims.datasets.events.v2``: v1 with the candidates of ``geoclaims.relations.v3`` (no-target
    triggers with the verb's direct object)."""
    yield from kept(_event_examples(split, object_in_trigger=True), keep_none, share)


def _event_examples(split: str, object_in_trigger: bool = False) -> Iterator[RelationExample]:
    from .event_gold import iter_event_records, resolve

    for record in iter_event_records(split):
        if record["skip"]:
            continue
        item = resolve(record)
        yield from sentence_examples(item["text"], item["events"], key=record["id"], doc_id=record["doc_id"],
                                     source="wikinews", object_in_trigger=object_in_trigger)


def load_plv_examples(split: str = "train", keep_none: float = 1.0, share: float = 1.0) -> Iterator[RelationExample]:
    """``geoclaims.datasets.plv.v1``: PLV train's coded pairs (our types) and the other events, as pairs."""
    yield from kept(_plv_examples(split), keep_none, share)


def load_plv_examples_v2(split: str = "train", keep_none: float = 1.0, share: float = 1.0) -> Iterator[RelationExample]:
    """``geoclaims.datasets.plv.v2``: v1 with the candidates of ``geoclaims.relations.v3``."""
    yield from kept(_plv_examples(split, object_in_trigger=True), keep_none, share)


def _plv_examples(split: str, object_in_trigger: bool = False) -> Iterator[RelationExample]:
    from .plv import iter_plv_sentences

    for sentence in iter_plv_sentences(split):
        yield from sentence_examples(sentence["text"], sentence["events"], key=f"plv-{sentence['sentence_id']}",
                                     doc_id=f"plv-{sentence['sentence_id']}", source="plv",
                                     object_in_trigger=object_in_trigger)


def label_counts(examples: Iterable[RelationExample]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for e in examples:
        counts[e.label] = counts.get(e.label, 0) + 1
    return dict(sorted(counts.items()))
