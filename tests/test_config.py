from pathlib import Path

import pytest

from geoclaims.config import config_hash, defaults, load_config, validate
from geoclaims.errors import GeoclaimsError
from geoclaims.resources import shipped


def test_repo_config_is_valid():
    config = load_config(shipped("configs/extract.toml"))
    assert config == defaults()
    assert config["chunk_size"] == 64 and config["limits"]["max_chars"] == 1_000_000


@pytest.mark.parametrize("raw,key", [
    ({"chunk_sise": 3}, "chunk_sise"),
    ({"chunk_size": 0}, "chunk_size"),
    ({"chunk_size": "64"}, "chunk_size"),
    ({"chunk_size": True}, "chunk_size"),
    ({"limits": {"max_chars": -1}}, "limits.max_chars"),
    ({"limits": {"max_char": 5}}, "limits.max_char"),
    ({"limits": 5}, "limits"),
    ({"language": {"min_confidence": 1.5}}, "language.min_confidence"),
    ({"language": {"allowed": []}}, "language.allowed"),
    ({"schema": "geoclaims.config.extract.v9"}, "schema"),
])
def test_bad_values_name_the_key(raw, key):
    with pytest.raises(GeoclaimsError, match="GC203") as err:
        validate(raw)
    assert f"'{key}'" in str(err.value)


def test_defaults_fill_and_hash_is_stable(tmp_path: Path):
    path = tmp_path / "c.toml"
    path.write_text("chunk_size = 8\n[language]\nmin_confidence = 1\n", encoding="utf-8")
    config = load_config(path)
    assert config["chunk_size"] == 8 and config["language"]["min_confidence"] == 1.0
    assert config["batch_size"] == 16
    assert config_hash(config) == config_hash(load_config(path)) != config_hash(defaults())


def test_missing_or_broken_file(tmp_path: Path):
    with pytest.raises(GeoclaimsError, match="GC203"):
        load_config(tmp_path / "none.toml")
    bad = tmp_path / "bad.toml"
    bad.write_text("chunk_size = = 3", encoding="utf-8")
    with pytest.raises(GeoclaimsError, match="GC203"):
        load_config(bad)


def test_a_v1_file_keeps_v1_meaning_and_rejects_v2_sections():
    old = validate({"schema": "geoclaims.config.extract.v1", "chunk_size": 8})
    assert old["relations"] == {"backend": "torch", "threads": 1, "component": "geoclaims.relations.v1"}
    assert old["motive"] == {"model": ""}
    assert old["chunk_size"] == 8
    with pytest.raises(GeoclaimsError, match="unknown key 'motive'"):
        validate({"schema": "geoclaims.config.extract.v1", "motive": {"model": "models/motive"}})
    current = validate({})
    assert current["schema"] == "geoclaims.config.extract.v3" and current["motive"]["model"] == "models/motive"
    assert current["relations"]["component"] == "geoclaims.relations.v2"


def test_a_v2_file_keeps_the_v1_pair_component_and_rejects_the_v3_key():
    v2 = validate({"schema": "geoclaims.config.extract.v2", "relations": {"backend": "onnx"}})
    assert v2["relations"] == {"backend": "onnx", "threads": 1, "component": "geoclaims.relations.v1"}
    assert v2["motive"] == {"model": "models/motive", "component": "geoclaims.motive.v1", "backend": "torch", "threads": 1}
    with pytest.raises(GeoclaimsError, match="unknown key 'motive.component'"):
        validate({"schema": "geoclaims.config.extract.v2", "motive": {"component": "geoclaims.motive.v2"}})
    with pytest.raises(GeoclaimsError, match="unknown key 'relations.component'"):
        validate({"schema": "geoclaims.config.extract.v2", "relations": {"component": "geoclaims.relations.v2"}})
    with pytest.raises(GeoclaimsError, match="relations.component"):
        validate({"relations": {"component": "geoclaims.relations.v9"}})


def test_the_v3_event_component_is_a_known_name_with_its_own_factory():
    from geoclaims.nlp import relation_factory

    assert validate({"relations": {"component": "geoclaims.relations.v3"}})["relations"]["component"] == \
        "geoclaims.relations.v3"
    assert relation_factory("geoclaims.relations.v3") == "geoclaims_relations_v3"
    with pytest.raises(GeoclaimsError, match="relations.component"):
        validate({"relations": {"component": "geoclaims.relations.v4"}})


def test_the_motive_component_is_chosen_by_name_and_defaults_to_v2():
    assert validate({})["motive"]["component"] == "geoclaims.motive.v2"
    assert validate({"motive": {"component": "geoclaims.motive.v1"}})["motive"]["component"] == "geoclaims.motive.v1"
    with pytest.raises(GeoclaimsError, match="motive.component"):
        validate({"motive": {"component": "geoclaims.motive.v3"}})


def test_the_backends_default_to_int8_on_cpu_and_old_files_keep_theirs():
    from geoclaims.ml.onnx_backends import resolve_backend

    current = validate({})
    assert current["relations"]["backend"] == current["motive"]["backend"] == "auto-int8"
    assert (resolve_backend("auto-int8", "cpu"), resolve_backend("auto-int8", "cuda")) == ("onnx-int8", "torch")
    assert validate({"motive": {"backend": "torch", "threads": 2}})["motive"]["backend"] == "torch"
    v2 = validate({"schema": "geoclaims.config.extract.v2"})
    assert v2["relations"]["backend"] == "auto" and (v2["motive"]["backend"], v2["motive"]["threads"]) == ("torch", 1)
    with pytest.raises(GeoclaimsError, match="unknown key 'motive.backend'"):
        validate({"schema": "geoclaims.config.extract.v2", "motive": {"backend": "onnx"}})
    with pytest.raises(GeoclaimsError, match="'motive.backend' must be one of"):
        validate({"motive": {"backend": "tensorrt"}})
