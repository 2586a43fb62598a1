"""Shared fixtures. ``relation_model_dir``: the trained relation model, or a tiny one trained here.

Tests that read ``../shared`` data say so with ``@pytest.mark.shared("reuters21578", ...)`` (paths
under the shared data folder) or call ``need_shared(...)``: when the data is absent they skip with a
one-line reason, except under CI (``CI=true``), where the data is laid out and a missing path fails
(``tests/environment_checks.py``).
"""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from environment_checks import need_shared

from geoclaims.resources import shipped as shipped_path

# hypothesis: a few examples per property in `make test`, 10,000 in `make fuzz` (--hypothesis-profile=fuzz)
_PROFILE = dict(deadline=None, database=None, suppress_health_check=list(HealthCheck))
settings.register_profile("geoclaims", max_examples=10, **_PROFILE)
settings.register_profile("fuzz", max_examples=10_000, **_PROFILE)
settings.load_profile("geoclaims")

REPO_ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
TINY_RELATIONS = FIXTURES / "relations_tiny.jsonl"


# "gold": the corpora the team's stand-off gold resolves against (corpora/annotations/)
ALIASES = {"gold": ("reuters21578", "bbc_news", "multicoped_cameo", "causal_news_corpus")}


def pytest_configure(config) -> None:
    config.addinivalue_line("markers", "shared(*paths): reads these paths of the ../shared data folder "
                                       "('gold': the corpora the gold resolves against)")


def pytest_runtest_setup(item) -> None:
    for mark in item.iter_markers("shared"):
        for part in mark.args:
            for path in ALIASES.get(part, (part,)):
                need_shared(*Path(path).parts)


@pytest.fixture(name="need_shared", scope="session")
def need_shared_fixture():
    """``need_shared`` for fixtures: ``folder = need_shared("bbc_news", "bbc")``."""
    return need_shared


def tiny_training_config(output: Path, **overrides) -> dict:
    """A few-step training config on tests/fixtures/relations_tiny.jsonl (16 train, 8 dev examples)."""
    data = {"name": "geoclaims.datasets.jsonl.v1", "path": str(TINY_RELATIONS)}
    config = {"seed": 7, "epochs": 2, "batch_size": 8, "learning_rate": 3e-4, "max_length": 48,
              "warmup_ratio": 0.0, "train": [dict(data, limit=16)], "dev": [dict(data, limit=8)],
              "output": str(output), "device": "cpu",
              "log_every": 0, "quiet": True}
    config.update(overrides)
    return config


@pytest.fixture(scope="session")
def relation_model_dir(tmp_path_factory) -> Path:
    """models/relations if it has been trained, else a tiny model fine-tuned for a few steps."""
    shipped = shipped_path("models/relations")
    if (shipped / "model.json").is_file():
        return shipped
    from geoclaims.relations.train import train_relations

    output = tmp_path_factory.mktemp("relations-model") / "model"
    train_relations(tiny_training_config(output))
    return output


@pytest.fixture
def tiny_relations_config():
    """Factory: ``tiny_relations_config(output, **overrides)`` -> a few-step training config."""
    return tiny_training_config


@pytest.fixture
def tiny_relations_path() -> Path:
    return TINY_RELATIONS
