from __future__ import annotations

import pytest

from geoclaims.relations.agreement import agreement_report, cohen_kappa


def test_kappa_hand_computed():
    # 10 items; observed agreement 8/10; marginals A: 6 NONE 4 SANCTION, B: 6 NONE 4 SANCTION
    a = ["NONE"] * 6 + ["SANCTION"] * 4
    b = ["NONE"] * 5 + ["SANCTION"] + ["SANCTION"] * 3 + ["NONE"]
    # p_o = 0.8; p_e = 0.6*0.6 + 0.4*0.4 = 0.52; kappa = (0.8-0.52)/(1-0.52) = 0.28/0.48
    assert cohen_kappa(a, b) == pytest.approx(0.28 / 0.48)
    assert cohen_kappa(a, a) == pytest.approx(1.0)


def test_kappa_rejects_mismatched_input():
    with pytest.raises(ValueError):
        cohen_kappa(["A"], ["A", "B"])


def test_report_pairs_items_by_id():
    main = [{"id": "1", "label": "NONE"}, {"id": "2", "label": "REJECT"}, {"id": "3", "label": "AID"}]
    second = [{"id": "2", "label": "REJECT"}, {"id": "3", "label": "AGREE"}]
    report = agreement_report(main, second)
    assert report["items"] == 2 and report["observed_agreement"] == 0.5
    assert report["kappa_event_vs_none"] == 1.0
