"""The actor table and alias lookup (no model)."""
from __future__ import annotations

import pytest

from geoclaims.actors.gazetteer import TABLE_PATH, Actor, load_gazetteer, normalise, read_table, ruler_patterns


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


@pytest.mark.parametrize(
    "text, code, sector, name",
    [
        ("Kazakhstan", "KAZ", None, "Kazakhstan"),
        ("Kazakh", "KAZ", None, "Kazakhstan"),
        ("Kazakhs", "KAZ", None, "Kazakhstan"),
        ("Russia's", "RUS", None, "Russia"),
        ("Russia\u2019s", "RUS", None, "Russia"),
        ("Russians", "RUS", None, "Russia"),
        ("the Kremlin", "RUS", "GOV", "Russia"),
        ("Moscow", "RUS", None, "Russia"),
        ("Astana", "KAZ", None, "Kazakhstan"),
        ("Washington", "USA", None, "United States"),
        ("the White House", "USA", "GOV", "United States"),
        ("Beijing", "CHN", None, "China"),
        ("Rosselkhoznadzor", "RUS", "GOV", "Russia"),
        ("Pentagon", "USA", "MIL", "United States"),
        ("Bundesbank", "DEU", "GOV", "Germany"),
        ("Tokayev", "KAZ", "GOV", "Kazakhstan"),
        ("Kassym-Jomart Tokayev", "KAZ", "GOV", "Kazakhstan"),
        ("President Putin", "RUS", "GOV", "Russia"),
        ("Gorbachev", "SUN", "GOV", "Soviet Union"),
        ("Schröder", "DEU", "GOV", "Germany"),
        ("U.S.", "USA", None, "United States"),
        ("UK", "GBR", None, "United Kingdom"),
        ("Turkey", "TUR", None, "Turkey"),
        ("RUS", "RUS", None, "Russia"),
    ],
)
def test_lookup_states(gaz, text, code, sector, name):
    actor = gaz.lookup(text)
    assert actor is not None, text
    assert (actor.code, actor.sector, actor.name) == (code, sector, name)


@pytest.mark.parametrize(
    "text, name",
    [
        ("BRICS", "BRICS"),
        ("the UN", "United Nations"),
        ("U.N.", "United Nations"),
        ("EAEU", "Eurasian Economic Union"),
        ("Eurasian Economic Union", "Eurasian Economic Union"),
        ("SCO", "Shanghai Cooperation Organisation"),
        ("CSTO", "Collective Security Treaty Organization"),
        ("Nato", "NATO"),
        ("OPEC", "OPEC"),
        ("Brussels", "European Union"),
        ("European Commission", "European Union"),
        ("World Health Organization", "World Health Organization"),
        ("Guterres", "United Nations"),
    ],
)
def test_lookup_igos(gaz, text, name):
    actor = gaz.lookup(text)
    assert actor == Actor(name, "IGO", None, actor.type)


def test_american_is_the_united_states_never_american_samoa(gaz):
    assert gaz.lookup("American").code == "USA"
    assert gaz.lookup("Americans").code == "USA"
    assert gaz.lookup("American Samoa").code == "ASM"


@pytest.mark.parametrize("text", ["us", "china", "turkey", "guinea", "chad", "who", "man", "", "the", "Ministry"])
def test_common_words_do_not_resolve(gaz, text):
    assert gaz.lookup(text) is None


def test_people_named_like_countries_keep_the_country(gaz):
    assert gaz.lookup("Jordan").code == "JOR"
    assert gaz.lookup("Georgia").code == "GEO"
    assert gaz.lookup("Chad").code == "TCD"


def test_normalise_strips_article_possessive_accents_and_dots():
    assert normalise("the U.S.'s") == "US"
    assert normalise("Élysée") == "Elysee"
    assert normalise("Kassym-Jomart") == "Kassym Jomart"


def test_table_rows_are_well_formed():
    entries = read_table(TABLE_PATH)
    assert len(entries) > 2000
    kinds = {e.kind for e in entries}
    assert {"country", "demonym", "capital", "seat", "leader", "agency", "igo", "ngo", "img", "region"} <= kinds
    for entry in entries:
        assert entry.actor.type in {"GPE", "NORP", "ORG", "PERSON", "LOC"}, entry
        assert entry.actor.code is None or len(entry.actor.code) == 3, entry
        assert entry.actor.name and entry.key


def test_every_g20_and_central_asian_state_has_a_leader():
    codes = {e.actor.code for e in read_table() if e.kind == "leader"}
    g20 = "ARG AUS BRA CAN CHN FRA DEU IND IDN ITA JPN MEX RUS SAU ZAF KOR TUR GBR USA"
    assert set(g20.split()) | {"KAZ", "KGZ", "TJK", "TKM", "UZB", "IGO"} <= codes


def test_ruler_patterns_are_cased_for_acronyms_and_lower_for_names():
    patterns = ruler_patterns()
    by_id = {}
    for pattern in patterns:
        by_id.setdefault(pattern["id"], []).append(pattern)
    assert {"label": "ORG", "pattern": [{"ORTH": "BRICS"}], "id": "igo:brics"} in by_id["igo:brics"]
    assert {"label": "GPE", "pattern": [{"ORTH": "US"}], "id": "usa"} in by_id["usa"]
    assert {"label": "GPE", "pattern": [{"LOWER": "united"}, {"LOWER": "states"}], "id": "usa"} in by_id["usa"]
    assert any(p["pattern"] == [{"ORTH": "Rosselkhoznadzor"}] for p in by_id["rus:rosselkhoznadzor"])
    assert not any(p["pattern"] == [{"LOWER": "us"}] for p in patterns)
    assert all(p["label"] in {"GPE", "NORP", "ORG", "PERSON", "LOC"} for p in patterns)
