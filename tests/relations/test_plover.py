"""CAMEO -> PLOVER mapping: renames of the 2021 table to the 18 current types."""
from __future__ import annotations

import pytest

from geoclaims.records import PLOVER_TYPES
from geoclaims.relations.plover import cameo_to_plover, current_type, load_mapping, parse_table

pytestmark = pytest.mark.shared("plover")  # skipped without ../shared, run under CI


@pytest.mark.parametrize("code, expected", [
    ("163", "SANCTION"), ("172", "COERCE"), ("190", "FIGHT"), ("180", "ASSAULT"), ("090", "INVESTIGATE"),
    ("111", "DISAPPROVE"), ("020", "DEMAND"), ("100", "DEMAND"), ("1121", "DISAPPROVE"), ("195", "FIGHT"),
    ("200", "ASSAULT"), ("0874", "RETREAT"), ("080", "CONCEDE"), ("036", "AGREE"), ("042", "CONSULT"),
    ("173", "COERCE"), ("191", "COERCE"), ("141", "PROTEST"), ("154", "MOBILIZE"), ("073", "AID"),
])
def test_known_codes(code, expected):
    assert cameo_to_plover(code) == expected


def test_all_18_types_reachable():
    assert set(load_mapping().values()) == set(PLOVER_TYPES)


def test_statements_and_junk_map_to_none():
    assert cameo_to_plover("010") is None
    assert cameo_to_plover("01") is None
    assert cameo_to_plover("017") is None
    assert cameo_to_plover("") is None
    assert cameo_to_plover("---") is None


def test_parent_fallback_and_short_codes():
    assert cameo_to_plover("1952") == "FIGHT"  # not in the table: falls back to 195
    assert cameo_to_plover("0819") == "CONCEDE"  # falls back to 081
    assert cameo_to_plover("19") == "FIGHT"
    assert cameo_to_plover("16") == "SANCTION"
    assert cameo_to_plover("02") == "DEMAND"
    assert cameo_to_plover("[080!]") == "CONCEDE"


def test_current_type_renames():
    assert current_type("112", "ACCUSE", "disapprove") == "DISAPPROVE"
    assert current_type("091", "ACCUSE", "investigate") == "INVESTIGATE"
    assert current_type("101", "REQUEST", "assist") == "DEMAND"
    assert current_type("193", "ASSAULT", "firearms") == "FIGHT"
    assert current_type("182", "ASSAULT", "beat") == "ASSAULT"


def test_parse_table_rejects_unknown_names():
    with pytest.raises(ValueError):
        parse_table("999: BOGUS, , # nothing")
