"""The one catalogue of error and reject codes.

Every error a user can see carries a code from ``CATALOGUE``: what went wrong and what to do.
Reject codes mark input records that were not processed; they land in the store's rejects file.
"""
from __future__ import annotations

from dataclasses import dataclass

CATALOGUE: dict[str, tuple[str, str]] = {
    # input records (rejects): (what went wrong, what to do)
    "GC101": ("malformed JSON line", "fix the line so that it is one JSON object"),
    "GC102": ("record is not a JSON object", "write one JSON object per line"),
    "GC103": ("missing or non-string 'id'", "give every article a string 'id'"),
    "GC104": ("missing or non-string 'text'", "give every article a string 'text'"),
    "GC105": ("empty text", "drop the record or fill its 'text'"),
    "GC106": ("duplicate id", "give every article a unique 'id'; the first one was kept"),
    "GC107": ("duplicate text", "the same normalised text was already read under another id; the first one was kept"),
    "GC108": ("invalid UTF-8", "re-encode the input as UTF-8"),
    "GC109": ("article too large", "split the article or raise limits.max_chars in the config"),
    "GC110": ("binary or non-text content", "pass text, JSON Lines, HTML, feeds or WARC files only"),
    "GC111": ("truncated or corrupt compressed file", "re-download or re-compress the file; records before the damage were read"),
    "GC112": ("not English", "geoclaims v0.1 reads English only; translate the article or leave it out"),
    "GC113": ("no main text found", "the page holds no article text that could be extracted"),
    "GC114": ("invalid optional field", "fix the field to the type the contract gives (strings; 'published' ISO 8601)"),
    "GC115": ("processing failed", "report this record with the message; the rest of the batch went on"),
    # run-level errors (non-zero exit)
    "GC201": ("input path not found", "check the path; nothing was written"),
    "GC202": ("output directory not writable", "choose another --out or fix its permissions"),
    "GC203": ("invalid configuration", "fix the config file as the message says"),
    "GC204": ("model not found or invalid", "check models/ or the --model path"),
    "GC205": ("store belongs to another configuration", "use a new --out directory, or the same config and model"),
    "GC206": ("unknown input format", "pass --format jsonl|text|html|feed|warc"),
    "GC207": ("not a claim store", "point at a directory written by 'geoclaims extract'"),
    "GC208": ("dataset not found or invalid", "check the --data path and its format"),
    "GC212": ("not an aggregation directory", "point --out/--agg at a directory written by 'geoclaims aggregate', or at a new one"),
    "GC213": ("export target not writable", "choose another --out (a new or empty directory, or a file path for rdf/graphml)"),
    "GC214": ("invalid SPARQL query", "fix the query as the message says"),
    "GC215": ("RDF graph unreadable", "point 'graph query' at a claim store or at a .ttl/.nt file written by 'geoclaims export --to rdf'"),
    "GC216": ("article not found", "check the id against 'geoclaims cat STORE' or the --input articles; ids are case-sensitive"),
    "GC217": ("HTML output not writable", "choose another --html file or --html-dir folder, or fix its permissions"),
    "GC218": ("invalid backend or device", "use [relations] backend auto|torch|onnx-int8|onnx and --device cpu|cuda (onnx-int8 is CPU only)"),
    "GC219": ("device not available", "install the CUDA build of torch / onnxruntime-gpu, or run with --device cpu"),
    "GC220": ("parallel engine failed", "see the message; rerun the same command to resume from the last committed chunk"),
    "GC221": ("cannot write the claim store (disk full or I/O error)", "free space or fix the disk, then run the same command again: the chunks committed so far are kept and the unfinished one is redone"),
    "GC222": ("store file damaged (checksum mismatch)", "run the same extract command again: it redoes the damaged chunks (or restore the file from a copy); nothing was read from the damaged file"),
    "GC223": ("store is being written by another run", "wait for the other extract to finish or stop it, then run this command again, or choose another --out"),
    "GC224": ("optional package not installed", "install the package the message names (pip install NAME) into the same environment"),
}


@dataclass(frozen=True)
class Reject:
    """An input record that was not processed, with its reason."""

    code: str
    message: str
    source: str  # input file (and line or member) the record came from
    record_id: str | None = None
    excerpt: str | None = None  # at most a few hundred characters of the raw record

    def to_dict(self) -> dict:
        what = CATALOGUE[self.code][0]
        return {
            "code": self.code,
            "reason": what,
            "message": self.message,
            "source": self.source,
            "id": self.record_id,
            "excerpt": self.excerpt,
        }


class GeoclaimsError(Exception):
    """A run-level failure: the CLI prints it without a traceback and exits non-zero."""

    def __init__(self, code: str, detail: str):
        if code not in CATALOGUE:
            raise ValueError(f"unknown error code {code}")
        self.code = code
        self.detail = detail
        what, todo = CATALOGUE[code]
        super().__init__(f"{code} {what}: {detail}. {todo[0].upper()}{todo[1:]}.")


def require(package: str) -> None:
    """GC224 naming ``package`` when an optional package a call needs cannot be imported."""
    import importlib.util

    if importlib.util.find_spec(package) is None:
        raise GeoclaimsError("GC224", f"{package} is needed for this (pip install {package})")
