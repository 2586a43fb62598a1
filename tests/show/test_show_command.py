"""``geoclaims show``: one page, the index folder, inputs from the manifest, fallbacks and errors."""
from __future__ import annotations

import os

import pytest
from show_fixtures import TEXT, build_claims, write_articles, write_store

from geoclaims import cli
from geoclaims.show.index import page_name


@pytest.fixture
def store_and_input(tmp_path):
    source = write_articles(tmp_path / "in.jsonl", {"a1": TEXT, "a2": "Nothing happened here at all."})
    orphan = dict(build_claims()[1], article_id="a3", claim_id="c9")
    reject = {"code": "GC112", "reason": "not English", "message": "detected language 'xx'",
              "source": f"{source}:2", "id": "a2", "excerpt": None}
    store = write_store(tmp_path / "store", build_claims() + [orphan], inputs=[source], rejects=[reject])
    return store, source


def test_one_article_page_from_input(tmp_path, store_and_input, capsys):
    store, source = store_and_input
    out = tmp_path / "page.html"
    assert cli.main(["show", str(store), "--input", str(source), "--article", "a1", "--html", str(out)]) == 0
    assert capsys.readouterr().out == f"wrote {out}: a1, 3 claims, full text\n"
    html = out.read_text(encoding="utf-8")
    assert "Title of a1" in html and '<h2>Article text</h2>' in html and "&lt;script&gt;" in html


def test_input_defaults_to_the_manifest_inputs(tmp_path, store_and_input, capsys):
    store, _ = store_and_input
    out = tmp_path / "page.html"
    assert cli.main(["show", str(store), "--article", "a1", "--html", str(out)]) == 0
    assert "full text" in capsys.readouterr().out


def test_missing_recorded_input_falls_back_to_evidence(tmp_path, store_and_input, capsys):
    store, source = store_and_input
    os.remove(source)
    out = tmp_path / "page.html"
    assert cli.main(["show", str(store), "--article", "a1", "--html", str(out)]) == 0
    assert "evidence only" in capsys.readouterr().out
    html = out.read_text(encoding="utf-8")
    assert "Evidence sentences only" in html and "pass --input" in html


def test_changed_text_falls_back_to_evidence(tmp_path, store_and_input, capsys):
    store, _ = store_and_input
    other = write_articles(tmp_path / "other.jsonl", {"a1": "X" + TEXT})
    out = tmp_path / "page.html"
    assert cli.main(["show", str(store), "--input", str(other), "--article", "a1", "--html", str(out)]) == 0
    assert "evidence only" in capsys.readouterr().out
    assert "does not match the claims" in out.read_text(encoding="utf-8")


def test_html_dir_writes_index_and_pages(tmp_path, store_and_input, capsys):
    store, _ = store_and_input
    out = tmp_path / "site"
    assert cli.main(["show", str(store), "--html-dir", str(out)]) == 0
    assert capsys.readouterr().out == (f"wrote {out / 'index.html'} and 3 article pages (2 with full text, "
                                       "1 evidence only), 4 claims\n")
    index = (out / "index.html").read_text(encoding="utf-8")
    for article_id, count in (("a1", 3), ("a2", 0), ("a3", 1)):
        name = page_name(article_id)
        assert (out / name).is_file() and f'href="{name}"' in index
        assert f'<code>{article_id}</code></a></td><td class="num">{count}</td>' in index
    assert 'href="index.html"' in (out / page_name("a3")).read_text(encoding="utf-8")
    assert "rejected: GC112 not English" in index
    assert "extract rejected this article (GC112" in (out / page_name("a2")).read_text(encoding="utf-8")


def test_page_names_are_safe_and_unique():
    names = {page_name(i) for i in ("a/b", "a b", "a?b", "../../etc/passwd", "")}
    assert len(names) == 5 and all("/" not in n and n.endswith(".html") for n in names)


def test_unknown_article_is_gc216(tmp_path, store_and_input, capsys):
    store, _ = store_and_input
    assert cli.main(["show", str(store), "--article", "nope", "--html", str(tmp_path / "x.html")]) == 2
    assert "GC216" in capsys.readouterr().err


def test_several_articles_need_article_option(tmp_path, store_and_input, capsys):
    store, _ = store_and_input
    assert cli.main(["show", str(store), "--html", str(tmp_path / "x.html")]) == 2
    assert "pass --article ID" in capsys.readouterr().err


def test_unwritable_output_is_gc217(tmp_path, store_and_input, capsys):
    store, _ = store_and_input
    blocker = tmp_path / "file"
    blocker.write_text("")
    assert cli.main(["show", str(store), "--article", "a1", "--html", str(blocker / "x.html")]) == 2
    assert "GC217" in capsys.readouterr().err
