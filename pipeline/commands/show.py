"""``geoclaims show STORE``: claims highlighted in their article's text, as self-contained HTML.

``--article ID --html FILE`` writes one article's page; ``--html-dir DIR`` writes ``index.html``
and one page per article. The texts come from ``--input`` (any input format extract reads) or, by
default, from the inputs the store's manifest records; an article whose text cannot be found (or
does not match the claims' offsets) is shown with the evidence stored in its claims only.
"""
from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from ..errors import GeoclaimsError
from ..records import Article
from ..show.articles import (claims_by_article, describe_inputs, find_article, iter_articles,
                             mismatch_note, recorded_inputs, rejected_articles, text_fits_claims)
from ..show.index import INDEX_FILE, IndexEntry, page_name, render_index
from ..show.render import ArticleMeta, render_article
from ..store import ClaimStore


EXAMPLES = """\
examples:
  geoclaims show out/demo --article trend-2024-10-21-kazakhstan-middle-power --html demo.html
  geoclaims show out/demo --html-dir out/pages
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("store", type=Path, metavar="STORE", help="a claim store written by extract")
    parser.add_argument("--input", type=Path, nargs="+", default=None, metavar="INPUT",
                        help="the articles the store was extracted from "
                             "(default: the inputs its manifest records)")
    parser.add_argument("--format", default=None, help="format of --input: jsonl|text|html|feed|warc")
    parser.add_argument("--article", default=None, metavar="ID",
                        help="the article to show (with --html; optional when the store has one article)")
    target = parser.add_mutually_exclusive_group(required=True)
    target.add_argument("--html", type=Path, metavar="FILE", help="write one article's page here")
    target.add_argument("--html-dir", type=Path, metavar="DIR",
                        help="write index.html and one page per article into this folder")


def resolve_inputs(args: argparse.Namespace, store: ClaimStore) -> tuple[list[dict], str | None]:
    """The inputs to read texts from, and a note when the recorded ones are gone."""
    if args.input:
        return describe_inputs(args.input, args.format), None
    found, missing = recorded_inputs(store)
    if missing:
        return found, (f"Input{'s' if len(missing) > 1 else ''} recorded in the store's manifest not "
                       f"found ({', '.join(missing)}); pass --input to show the full text.")
    return found, None


def meta_of(article: Article | None) -> ArticleMeta:
    if article is None:
        return ArticleMeta()
    return ArticleMeta(article.title, article.published, article.source, article.url)


def page_for(article_id: str, claims: list[dict], article: Article | None, note: str | None,
             index_href: str | None = None) -> tuple[str, bool]:
    """The page's HTML and whether it shows the full text."""
    text = article.text if article is not None else None
    if text is not None and not text_fits_claims(text, claims):
        text, note = None, mismatch_note(article_id)
    elif article is None:
        note = note or "The article was not found in the inputs; pass --input with the articles."
    html = render_article(claims, text, article_id=article_id, meta=meta_of(article), note=note,
                          index_href=index_href)
    return html, text is not None


def write_text(path: Path, html: str) -> None:
    """Write ``html`` to ``path`` (parents created); GC217 when it cannot."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(html, encoding="utf-8")
    except OSError as err:
        raise GeoclaimsError("GC217", f"{str(path)!r}: {err.strerror or err}") from None


def rejected_note(reason: str | None) -> str | None:
    return f"extract rejected this article ({reason}), so it has no claims." if reason else None


def show_one(args: argparse.Namespace, grouped: dict[str, list[dict]], inputs: list[dict],
             note: str | None, rejected: dict[str, str]) -> int:
    article_id = args.article
    if article_id is None:
        if len(grouped) != 1:
            raise GeoclaimsError("GC216", f"the store has claims of {len(grouped)} articles; "
                                          "pass --article ID")
        article_id = next(iter(grouped))
    claims = grouped.get(article_id, [])
    article = find_article(inputs, article_id) if inputs else None
    if article is None and not claims:
        raise GeoclaimsError("GC216", f"no claims and no input article with id {article_id!r}")
    html, full = page_for(article_id, claims, article, rejected_note(rejected.get(article_id)) or note)
    write_text(args.html, html)
    print(f"wrote {args.html}: {article_id}, {len(claims)} claims, "
          f"{'full text' if full else 'evidence only'}")
    return 0


def show_all(args: argparse.Namespace, grouped: dict[str, list[dict]], inputs: list[dict],
             note: str | None, rejected: dict[str, str], store_label: str) -> int:
    out: Path = args.html_dir
    entries: list[IndexEntry] = []

    def add(article_id: str, article: Article | None) -> None:
        claims = grouped.get(article_id, [])
        reason = rejected.get(article_id) if not claims else None
        html, full = page_for(article_id, claims, article, rejected_note(reason) or note,
                              index_href=INDEX_FILE)
        name = page_name(article_id)
        write_text(out / name, html)
        types = Counter(str((c.get("predicate") or {}).get("type")) for c in claims)
        entries.append(IndexEntry(article_id, name, types, article.title if article else None, full,
                                  reason.split(":")[0] if reason else None))

    seen: set[str] = set()
    for article in iter_articles(inputs):
        if args.article is None or article.id == args.article:
            add(article.id, article)
            seen.add(article.id)
    for article_id in grouped:
        if article_id not in seen and (args.article is None or article_id == args.article):
            add(article_id, None)
    if args.article is not None and not entries:
        raise GeoclaimsError("GC216", f"no claims and no input article with id {args.article!r}")
    write_text(out / INDEX_FILE, render_index(entries, store_label=store_label))
    full = sum(e.full_text for e in entries)
    print(f"wrote {out / INDEX_FILE} and {len(entries)} article pages ({full} with full text, "
          f"{len(entries) - full} evidence only), {sum(e.claims for e in entries)} claims")
    return 0


def run(args: argparse.Namespace) -> int:
    store = ClaimStore.open_for_read(args.store)
    grouped = claims_by_article(store.iter_claims())
    inputs, note = resolve_inputs(args, store)
    rejected = rejected_articles(store)
    if args.html is not None:
        return show_one(args, grouped, inputs, note, rejected)
    return show_all(args, grouped, inputs, note, rejected, str(args.store))
