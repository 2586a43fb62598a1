"""Per-type thresholds, the overlap rule and the expansion of events into (source, target) claims."""
from __future__ import annotations

import numpy as np
from test_event_candidates import coordinated_meeting

from geoclaims.events.candidates import EventCandidate, event_candidates
from geoclaims.events.decide import claim_triples, decide_per_type, fit_type_thresholds, overlap_filtered

LABELS = ["AGREE", "CONSULT", "PROTEST", "NONE"]


def test_each_type_is_decided_against_its_own_threshold():
    probs = np.array([[0.05, 0.50, 0.05, 0.40], [0.05, 0.05, 0.50, 0.40]])
    decided = decide_per_type(probs, LABELS, {"CONSULT": 0.6, "PROTEST": 0.3}, default=0.45)
    assert [label for label, _ in decided] == ["NONE", "PROTEST"]


def test_fitted_thresholds_separate_the_dev_events_of_a_type():
    rng = np.random.default_rng(0)
    gold, rows = [], []
    for n in range(40):  # CONSULT events score 0.55..0.75, NONE rows put 0.35..0.5 on CONSULT
        event = n % 2 == 0
        p = rng.uniform(0.55, 0.75) if event else rng.uniform(0.35, 0.5)
        rows.append([0.0, p, 0.0, 1 - p])
        gold.append("CONSULT" if event else "NONE")
    thresholds = fit_type_thresholds(np.array(rows), gold, LABELS, default=0.3)
    assert 0.5 <= thresholds["CONSULT"] <= 0.55
    assert "PROTEST" not in thresholds  # fewer than 5 dev events: the default stays


def test_mutual_event_of_coordinated_sources_gives_both_directions():
    events = [e for e in event_candidates(coordinated_meeting()) if e.candidate.object is None]
    claims = claim_triples([(e, "CONSULT", 0.9) for e in events])
    assert sorted((c.subject.text, c.object.text) for c, _, _ in claims) == [("France", "Germany"), ("Germany", "France")]


def test_a_one_sided_event_of_coordinated_sources_has_no_object():
    events = [e for e in event_candidates(coordinated_meeting()) if e.candidate.object is None]
    claims = claim_triples([(e, "PROTEST", 0.9) for e in events])
    assert sorted((c.subject.text, c.object) for c, _, _ in claims) == [("France", None), ("Germany", None)]


def test_a_kept_pair_drops_the_no_target_reading_of_the_same_source_and_trigger():
    events = event_candidates(coordinated_meeting())
    pair = next(e for e in events if e.candidate.subject.text == "France" and e.candidate.object is not None)
    single = next(e for e in events if e.candidate.subject.text == "France" and e.candidate.object is None)
    kept = overlap_filtered([(pair, "CONSULT", 0.6), (single, "CONSULT", 0.9)])
    assert kept == [(pair, "CONSULT", 0.6)]


def test_a_mutual_pair_also_gives_its_reverse_once():
    events = event_candidates(coordinated_meeting())
    pair = next(e for e in events if e.candidate.subject.text == "France" and e.candidate.object is not None)
    claims = claim_triples([(EventCandidate(pair.candidate), "CONSULT", 0.8)])
    assert [(c.subject.text, c.object.text) for c, _, _ in claims] == [("France", "Berlin"), ("Berlin", "France")]
