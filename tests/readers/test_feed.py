from pathlib import Path

from geoclaims.errors import Reject
from geoclaims.readers.feed import read_feed

RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>World Wire</title>
<item><guid>urn:1</guid><title>Talks resume</title><link>http://ex.org/1</link>
<pubDate>Mon, 21 Oct 2024 08:00:00 GMT</pubDate>
<description>&lt;p&gt;Ministers &lt;b&gt;met&lt;/b&gt; in Astana.&lt;/p&gt;&lt;p&gt;More talks follow.&lt;/p&gt;</description></item>
<item><title>No body</title><link>http://ex.org/2</link></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<title>Atom Wire</title><id>urn:feed</id><updated>2024-10-22T10:00:00Z</updated>
<entry><id>urn:a1</id><title>Grain dispute</title><link href="http://ex.org/a1"/>
<updated>2024-10-22T10:00:00Z</updated><author><name>J. Doe</name></author>
<content type="html">&lt;p&gt;Moscow restricted imports.&lt;/p&gt;</content></entry></feed>"""


def test_rss_entries(tmp_path: Path):
    path = tmp_path / "wire.rss"
    path.write_text(RSS, encoding="utf-8")
    first, second = list(read_feed(path))
    assert first.id == "urn:1" and first.title == "Talks resume" and first.source == "World Wire"
    assert first.text == "Ministers met in Astana.\n\nMore talks follow."
    assert first.published == "2024-10-21T08:00:00Z" and first.url == "http://ex.org/1"
    assert isinstance(second, Reject) and second.code == "GC105"


def test_atom_entry(tmp_path: Path):
    path = tmp_path / "wire.atom"
    path.write_text(ATOM, encoding="utf-8")
    (entry,) = list(read_feed(path))
    assert entry.id == "urn:a1" and entry.text == "Moscow restricted imports."
    assert entry.author == "J. Doe" and entry.published == "2024-10-22T10:00:00Z"


def test_not_a_feed(tmp_path: Path):
    path = tmp_path / "x.xml"
    path.write_text("plain words, no feed here", encoding="utf-8")
    assert [r.code for r in read_feed(path)] == ["GC113"]
