"""Reading a store part by part: article metadata from markers, re-read inputs, or ids only; dates."""
import hashlib
import json

from geoclaims.graph.source import actor_key, claim_date, iso_day, iter_parts

from graph_stores import build_store


def test_articles_come_from_the_inputs_when_the_markers_lack_them(full_store):
    parts = list(iter_parts(full_store))
    assert [len(p.claims) for p in parts] == [3, 2, 2]
    meta = parts[0].articles["a1"]
    assert (meta["published"], meta["source"], meta["title"]) == ("1987-03-02T10:00:00", "Reuters", "Title of a1")


def test_articles_come_from_the_marker_when_it_has_them(full_store):
    marker_path = sorted((full_store / "done").glob("*.json"))[0]
    marker = json.loads(marker_path.read_text())
    marker["articles"] = [{"id": "a1", "title": "From marker", "published": "1999-01-01"},
                          {"id": "a2", "title": "Two"}]
    marker_path.write_text(json.dumps(marker))
    manifest = json.loads((full_store / "manifest.json").read_text())  # as if extract had written it so
    manifest["checksums"][f"done/{marker_path.name}"] = hashlib.sha256(marker_path.read_bytes()).hexdigest()
    (full_store / "manifest.json").write_text(json.dumps(manifest))
    assert next(iter_parts(full_store)).articles["a1"]["title"] == "From marker"


def test_article_metadata_survives_the_inputs_being_changed(tmp_path, first_input, capsys):
    """The chunk markers keep each article's metadata (no text), so exports need no inputs."""
    store = build_store(tmp_path / "store", [first_input])
    first_input.write_text("changed\n")
    parts = list(iter_parts(store))
    article = parts[0].articles["a1"]
    assert (article["id"], article["published"], article["source"]) == ("a1", "1987-03-02T10:00:00", "Reuters")
    assert "known by id only" not in capsys.readouterr().err


def test_the_same_claims_give_the_same_digest(tmp_path, first_input, later_input):
    one = build_store(tmp_path / "one", [first_input])
    two = build_store(tmp_path / "two", [first_input, later_input])
    assert [p.digest for p in iter_parts(one)] == [p.digest for p in iter_parts(two)][:2]
    assert [p.name for p in iter_parts(one)] != [p.name for p in iter_parts(two)][:2]


def test_dates_and_keys():
    assert iso_day("1987-02-23/1987-03-01") == "1987-02-23"
    assert (iso_day("1987-03"), iso_day("1987"), iso_day("soon"), iso_day(None)) == ("1987-03-01", "1987-01-01", None, None)
    claim = {"time": {"value": "1987-03"}}
    assert claim_date(claim, {"published": "1987-04-02T10:00:00"}) == "1987-03-01"
    assert claim_date({"time": None}, {"published": "1987-04-02T10:00:00"}) == "1987-04-02"
    assert actor_key({"text": "the demand", "name": None, "code": None}) == "|the demand"
    assert actor_key({"text": "Moscow", "name": "Russia", "code": "RUS"}) == "RUS|Russia"
