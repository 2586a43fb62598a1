import gzip
from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from geoclaims.errors import Reject
from geoclaims.readers.warc import read_warc

BODY = ("<html><head><title>Border talks</title></head><body><article><p>"
        + "Officials from both states met at the border to discuss the new checkpoint rules. " * 6
        + "</p></article></body></html>")


def _write_warc(path: Path, n: int) -> None:
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for i in range(n):
            for ctype, body in (("text/html; charset=utf-8", BODY.replace("Border", f"Border {i}")),
                                ("image/png", "PNGDATA")):
                headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.0")
                record = writer.create_warc_record(f"http://ex.org/{i}.{ctype[:4]}", "response",
                                                   payload=BytesIO(body.encode()), http_headers=headers)
                writer.write_record(record)


def test_html_responses_become_articles(tmp_path: Path):
    path = tmp_path / "crawl.warc.gz"
    _write_warc(path, 3)
    items = list(read_warc(path))
    assert [i.id for i in items] == [f"http://ex.org/{i}.text" for i in range(3)]
    assert "checkpoint rules" in items[0].text and items[1].title == "Border 1 talks"


def test_truncated_warc_keeps_records_before_damage(tmp_path: Path):
    path = tmp_path / "crawl.warc.gz"
    _write_warc(path, 6)
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * 0.6)])
    items = list(read_warc(path))
    assert isinstance(items[-1], Reject) and items[-1].code == "GC111"
    assert len(items) >= 2 and not isinstance(items[0], Reject)
