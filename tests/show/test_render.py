"""The pure renderer: highlights at the right offsets, escaping, overlaps, motive elsewhere, nulls."""
from __future__ import annotations

import re

import pytest
from show_fixtures import TEXT, build_claims, read_marks

from geoclaims.show.render import ArticleMeta, claim_fragments, merge_fragments, render_article
from geoclaims.show.spans import Highlight, highlights_for_claim, merge_highlights, render_fragment


@pytest.fixture
def article_text() -> str:
    return TEXT


@pytest.fixture
def claims() -> list[dict]:
    return build_claims()


def all_highlights(claims):
    return merge_highlights(h for n, c in enumerate(claims, 1) for h in highlights_for_claim(n, c))


def article_div(html: str) -> str:
    return html.split('<div class="article">', 1)[1].rsplit("</div>", 1)[0]


def test_every_span_is_marked_at_its_offsets(article_text, claims):
    reader = read_marks(render_fragment(article_text, 0, all_highlights(claims)))
    assert reader.text == article_text  # nothing lost, nothing added but labels
    full, inner = claims[0], claims[1]
    for kind in ("subject", "predicate", "object", "motive", "attribution", "time", "evidence"):
        number = "1 3" if kind in ("subject", "evidence") else "1"
        assert (kind, full[kind]["start"], full[kind]["end"], number) in reader.spans, kind
    for kind in ("subject", "predicate", "object"):
        assert (kind, inner[kind]["start"], inner[kind]["end"], "2") in reader.spans, kind


def test_marked_text_is_the_span_text(article_text, claims):
    reader = read_marks(render_fragment(article_text, 0, all_highlights(claims)))
    texts = {kind: reader.text[s:e] for kind, s, e, n in reader.spans if n == "1"}
    assert texts == {"predicate": "imposed sanctions", "object": "Ukraine",
                     "motive": "Kyiv's refusal to join the customs union",
                     "attribution": "a Kremlin spokesman", "time": "on Monday"}


def test_article_text_is_escaped(article_text, claims):
    html = render_article(claims, article_text, article_id="a1")
    body = article_div(html)
    assert "<script>alert" not in body and "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in body
    assert "&amp; more" in body
    assert html.count("<script>") == 1  # only the page's own hover script


def test_ids_titles_and_urls_are_escaped():
    claim = build_claims()[1]
    claim["subject"]["code"] = '"><img src=x onerror=alert(1)>'
    meta = ArticleMeta(title="<i>T</i>", url="javascript:alert(1)")
    html = render_article([claim], None, article_id='<b id="x">', meta=meta)
    assert "<img" not in html and '<b id="x">' not in html and "<i>T" not in html
    assert 'href="javascript' not in html
    web = render_article([claim], None, article_id="a", meta=ArticleMeta(url="https://x.org/?a=1&b=2"))
    assert '<a href="https://x.org/?a=1&amp;b=2">' in web


def test_crossing_spans_nest_properly():
    text = "abcdefghij"
    spans = [Highlight(2, 6, "subject", "subject A", (1,)), Highlight(4, 8, "predicate", "X", (2,))]
    html = render_fragment(text, 0, spans)
    reader = read_marks(html)
    assert reader.text == text
    assert reader.spans == {("subject", 2, 6, "1"), ("predicate", 4, 8, "2")}
    opened = [m.group(1) or "close" for m in re.finditer(r'<mark class="hl hl-(\w+)|</mark>', html)]
    depth = 0
    for event in opened:  # never closes more than it opened
        depth += -1 if event == "close" else 1
        assert depth >= 0
    assert depth == 0
    assert html.count('<span class="lbl">') == 2  # one label per span, after its last segment
    assert html.index('<span class="lbl"><b>1</b> subject A</span>') < html.index("<b>2</b> X")


def test_same_span_of_two_claims_is_one_mark_with_both_numbers():
    merged = merge_highlights([Highlight(0, 3, "subject", "subject RUS", (1,)),
                               Highlight(0, 3, "subject", "subject RUS", (4,))])
    assert merged == [Highlight(0, 3, "subject", "subject RUS", (1, 4))]
    assert '<b>1,4</b> subject RUS' in render_fragment("Foo bar", 0, merged)


def test_fragment_offset_and_clipping():
    spans = [Highlight(100, 105, "object", "object X", (1,)), Highlight(108, 130, "motive", "motive", (1,))]
    reader = read_marks(render_fragment("Hello world", 100, spans))
    assert reader.text == "Hello world"
    assert ("object", 0, 5, "1") in reader.spans and ("motive", 8, 11, "1") in reader.spans


def test_motive_in_another_sentence_gets_its_own_snippet(article_text, claims):
    pieces = claim_fragments(claims[0], article_text)
    evidence, motive = claims[0]["evidence"], claims[0]["motive"]
    assert pieces == [(evidence["start"], evidence["text"]), (motive["start"], motive["text"])]
    html = render_article(claims, article_text, article_id="a1")
    block = html.split('id="claim-1"', 1)[1].split("</section>", 1)[0]
    assert block.count('class="snippet"') == 2 and "hl-motive" in block
    assert f'href="#s-motive-{motive["start"]}-{motive["end"]}"' in block
    assert f'id="s-motive-{motive["start"]}-{motive["end"]}"' in article_div(html)


def test_claims_with_null_fields_render(article_text, claims):
    html = render_article([claims[2]], article_text, article_id="a1")
    row = html.split('<tr data-claims="1">', 1)[1].split("</tr>", 1)[0]
    assert "COERCE" in row and "Ukraine" in row and "0." not in row
    reader = read_marks(article_div(html))
    kinds = {kind for kind, *_ in reader.spans}
    assert kinds == {"evidence", "subject"}  # predicate and object have no offsets


def test_claims_table_columns(article_text, claims):
    html = render_article(claims, article_text, article_id="a1")
    row = html.split('<tr data-claims="1">', 1)[1].split("</tr>", 1)[0]
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row)
    assert len(cells) == 10
    assert "Russia <code>RUS</code>" in cells[1] and cells[2] == "SANCTION" and "UKR" in cells[3]
    assert cells[4] == "no" and cells[5] == "reported" and "Kremlin" in cells[6]
    assert "2024-03-04" in cells[7] and "refusal to join" in cells[8] and cells[9] == "0.87"
    assert "not REJECT" in html  # negated claim 2 labelled as such


def test_without_text_only_the_claims_pieces_are_shown(claims):
    html = render_article(claims, None, article_id="a1")
    assert "Evidence sentences only" in html and "<script>alert" not in html
    body = article_div(html)
    reader = read_marks(body)
    assert "Russia imposed sanctions on Ukraine" in reader.text and "Moscow, March" not in reader.text
    motive = claims[0]["motive"]
    assert f'id="s-motive-{motive["start"]}-{motive["end"]}"' in body
    assert f"[{motive['start'] - len('The move followed ')}:" in body  # evidence 2 holds the motive


def test_merge_fragments_joins_overlapping_pieces():
    assert merge_fragments([(10, "cdef"), (8, "abcd"), (20, "xy")]) == [(8, "abcdef"), (20, "xy")]


def test_article_without_claims_says_so(article_text):
    html = render_article([], article_text, article_id="a1")
    assert "No claims were extracted" in html and "<mark" not in article_div(html)
