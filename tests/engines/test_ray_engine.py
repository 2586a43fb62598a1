"""``--engine ray``: the store written through Ray Data is the one-process store, byte for byte."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from geoclaims.config import validate
from geoclaims.extract import run_extract

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from parallel_cases import SMALL_CHUNKS, WordPairProcessor, make_processor, reuters_input, store_files  # noqa: E402

ray = pytest.importorskip("ray")
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def local_ray():
    import parallel_cases
    from ray import cloudpickle

    cloudpickle.register_pickle_by_value(parallel_cases)  # Ray workers cannot import the tests folder
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield
    ray.shutdown()


def test_ray_writes_the_one_process_store_and_resumes(tmp_path: Path, local_ray):
    from geoclaims.engines.ray_engine import STAGING, run_extract_ray

    source = reuters_input(tmp_path)
    config = validate(dict(SMALL_CHUNKS))
    run_extract([source], tmp_path / "one", WordPairProcessor(), config)
    result = run_extract_ray([source], tmp_path / "ray", make_processor, config, workers=2)
    assert result.counts.rejected["GC115"] >= 1
    assert not (tmp_path / "ray" / STAGING).exists()
    assert store_files(tmp_path / "one") == store_files(tmp_path / "ray")

    markers = sorted((tmp_path / "ray" / "done").glob("part-*.json"))
    for marker in markers[1:3]:
        marker.unlink()
    again = run_extract_ray([source], tmp_path / "ray", make_processor, config, workers=2)
    assert (again.chunks_processed, again.chunks_done_before) == (2, len(markers) - 2)
    assert store_files(tmp_path / "one") == store_files(tmp_path / "ray")
