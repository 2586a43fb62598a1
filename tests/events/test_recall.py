"""Candidate recall: which candidate offsets cover a gold event (hand-built spans, no model)."""
from geoclaims.events.recall import covered


def event(type_, sources, targets):
    return {"type": type_, "sources": [{"span": list(s), "code": None} for s in sources],
            "targets": [{"span": list(t), "code": None} for t in targets]}


SANCTION = event("SANCTION", [(0, 6)], [(20, 30)])


def test_a_pair_with_the_source_and_the_target_covers_the_event():
    assert covered(SANCTION, [((0, 6), (22, 28), ())])


def test_the_wrong_target_or_the_reverse_of_a_one_sided_event_does_not():
    assert not covered(SANCTION, [((0, 6), (40, 45), ())])
    assert not covered(SANCTION, [((20, 30), (0, 6), ())])
    assert not covered(SANCTION, [((0, 6), None, ())])


def test_a_mutual_event_is_covered_in_either_direction_and_by_co_sources():
    talks = event("CONSULT", [(0, 6)], [(11, 18)])
    assert covered(talks, [((11, 18), (0, 6), ())])
    meet = event("CONSULT", [(0, 6)], [(11, 18)])
    assert covered(meet, [((0, 6), None, ((11, 18),))])


def test_an_event_without_a_target_is_covered_by_any_candidate_of_its_source():
    protest = event("PROTEST", [(0, 10)], [])
    assert covered(protest, [((2, 8), None, ())])
    assert covered(protest, [((2, 8), (30, 40), ())])
    assert not covered(protest, [((12, 20), None, ())])
