from pathlib import Path

from geoclaims.errors import Reject
from geoclaims.readers.html import read_html

PARAGRAPH = ("The foreign minister said on Monday that the talks with the neighbouring state would "
             "continue next week despite the dispute over grain imports. ")
PAGE = f"""<!DOCTYPE html><html lang="en"><head><title>Talks to go on | Example News</title>
<meta property="og:title" content="Talks to go on">
<meta name="date" content="2024-10-21"><meta name="author" content="Jane Doe"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Talks to go on</h1><p>{PARAGRAPH * 3}</p><p>{PARAGRAPH * 2}</p></article>
<footer>Copyright Example News</footer></body></html>"""


def test_main_text_title_and_date(tmp_path: Path):
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    (article,) = list(read_html(path))
    assert not isinstance(article, Reject)
    assert article.id == "page.html"
    assert "talks with the neighbouring state" in article.text
    assert "Copyright" not in article.text and "Home" not in article.text
    assert article.title == "Talks to go on"
    assert article.published == "2024-10-21"


def test_page_without_text_is_rejected(tmp_path: Path):
    path = tmp_path / "empty.html"
    path.write_text("<html><head><title>x</title></head><body><script>var a = 1;</script></body></html>", encoding="utf-8")
    (reject,) = list(read_html(path))
    assert reject.code == "GC113"
