"""``geoclaims show`` pages in a real headless Chromium: a screenshot with content, the labels in the DOM.

Needs Chromium from Debian's packages (``make browser`` installs it). Skipped when it is missing
outside CI; with CI=true a missing browser fails the test.
"""
from __future__ import annotations

import subprocess
from pathlib import Path

import numpy as np
import pytest
from show_fixtures import TEXT, build_claims, write_articles, write_store

from geoclaims import cli
from geoclaims.show.index import page_name

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def chromium() -> str:
    from environment_checks import find_chromium

    return find_chromium()


def run_chromium(binary: str, page: Path, *extra: str) -> subprocess.CompletedProcess:
    """Headless Chromium on the file ``page`` with its own profile folder; asserts it succeeded."""
    profile = page.parent / ".chromium-profile"
    command = [binary, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
               f"--user-data-dir={profile}", "--window-size=1200,1600", *extra, page.as_uri()]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    return result


def screenshot_pixels(binary: str, page: Path, png: Path) -> np.ndarray:
    from PIL import Image

    run_chromium(binary, page, f"--screenshot={png}")
    assert png.is_file() and png.stat().st_size > 0
    with Image.open(png) as image:
        return np.asarray(image.convert("RGB"))


def dump_dom(binary: str, page: Path) -> str:
    return run_chromium(binary, page, "--dump-dom").stdout


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """A store of the hand-made article, its one-page HTML and the --html-dir folder."""
    root = tmp_path_factory.mktemp("show-browser")
    source = write_articles(root / "in.jsonl", {"a1": TEXT})
    store = write_store(root / "store", build_claims(), inputs=[source])
    assert cli.main(["show", str(store), "--article", "a1", "--html", str(root / "a1.html")]) == 0
    assert cli.main(["show", str(store), "--html-dir", str(root / "site")]) == 0
    return root


def test_page_screenshot_is_not_empty(chromium, site):
    pixels = screenshot_pixels(chromium, site / "a1.html", site / "a1.png")
    assert pixels.shape == (1600, 1200, 3)
    colours = np.unique(pixels.reshape(-1, 3), axis=0)
    assert len(colours) > 50  # text, highlights and labels, not a blank page
    subject_blue = np.array([0x2F, 0x6F, 0xDB])  # the subject label's background
    assert (np.abs(pixels.astype(int) - subject_blue).sum(axis=2) < 12).sum() > 100


def test_page_dom_has_the_claim_labels(chromium, site):
    dom = dump_dom(chromium, site / "a1.html")
    claim = build_claims()[0]
    assert '<mark class="hl hl-subject" id="s-subject-' in dom
    for needle in ("1,3</b> subject RUS", "1</b> object UKR", "SANCTION (reported)", "not REJECT",
                   claim["motive"]["text"], "a Kremlin spokesman", "2024-03-04"):
        assert needle in dom, needle
    assert "alert('x')" in dom and "<script>alert" not in dom  # shown as text, never run


def test_index_page_in_the_browser(chromium, site):
    dom = dump_dom(chromium, site / "site" / "index.html")
    assert f'href="{page_name("a1")}"' in dom and "Title of a1" in dom
    assert '<td class="num">3</td>' in dom and "SANCTION 1" in dom
    pixels = screenshot_pixels(chromium, site / "site" / "index.html", site / "index.png")
    assert len(np.unique(pixels.reshape(-1, 3), axis=0)) > 20
