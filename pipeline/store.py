"""The claim store: per-chunk claims/rejects files and commit markers, the manifest, resume, ``cat``.

Layout of DIR (see docs/DESIGN.md "The claim store"):
``store.json`` (identity: config hash + extractor, written first), ``claims/part-NNNNN-<key>.jsonl.gz``,
``rejects/part-NNNNN-<key>.jsonl``, ``done/part-NNNNN-<key>.json`` (the commit marker, written last),
and at the end ``rejects.jsonl`` and ``manifest.json``. Every file is written atomically and
deterministically (no timestamps, gzip mtime 0), and only when its bytes change; file and folder are
fsynced before a file counts. Checksums chain: the marker holds the sha256 of its chunk's claims and
rejects files, the manifest the sha256 of every marker and of ``rejects.jsonl``. Reading verifies them
and refuses a damaged file (GC222); a write that fails (disk full, I/O error) is GC221.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import os
from pathlib import Path
from typing import Iterator

from .errors import GeoclaimsError

STORE_SCHEMA_VERSION = 1
IDENTITY_FILE = "store.json"
MANIFEST_FILE = "manifest.json"
REJECTS_FILE = "rejects.jsonl"
LOCK_FILE = ".lock"  # held by the run writing the store (geoclaims.store_lock)
SUBDIRS = ("claims", "rejects", "done")
TMP_MARK = ".tmp-"
CLAIM_KEYS = ("schema_version", "claim_id", "article_id", "subject", "predicate", "object", "motive",
              "attribution", "confidence", "evidence", "extractor")


def canonical_json(data: object, *, indent: int | None = None) -> str:
    """JSON with sorted keys, UTF-8 characters kept: the same data always gives the same bytes."""
    separators = (",", ":") if indent is None else (",", ": ")
    return json.dumps(data, sort_keys=True, ensure_ascii=False, indent=indent, separators=separators)


# characters JSON leaves raw inside strings that str.splitlines() (and many line readers) take for line breaks
LINE_BREAKS_IN_STRINGS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def jsonl_bytes(records: list[dict]) -> bytes:
    """Records as JSON Lines (keys in the order given), UTF-8; a record is always one line, whatever reads it."""
    lines = [json.dumps(r, ensure_ascii=False, separators=(",", ":")).translate(LINE_BREAKS_IN_STRINGS) + "\n"
             for r in records]
    return "".join(lines).encode("utf-8")


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temp file in the same folder, fsync, ``os.replace``, fsync the folder.

    On any failure (or an interrupt) the temp file is removed and ``path`` keeps its old bytes.
    """
    tmp = path.with_name(f".{path.name}{TMP_MARK}{os.getpid()}")
    try:
        with tmp.open("wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


def fsync_dir(folder: Path) -> None:
    """Make a rename or unlink in ``folder`` durable."""
    dir_fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def write_if_changed(path: Path, data: bytes) -> bool:
    """``atomic_write`` unless ``path`` already holds exactly ``data``; True when it wrote."""
    if path.is_file() and path.read_bytes() == data:
        return False
    atomic_write(path, data)
    return True


def chunk_key(input_fingerprint: str, index: int, config_hash: str, extractor: dict) -> str:
    """The key of one chunk: it changes when its inputs, position, config or model change."""
    material = canonical_json([input_fingerprint, index, config_hash, extractor])
    return hashlib.sha256(material.encode("utf-8")).hexdigest()[:16]


def part_name(index: int, key: str) -> str:
    return f"part-{index:05d}-{key}"


def order_claim(record: dict) -> dict:
    """A claim dict with the contract's keys first, in contract order."""
    ordered = {k: record[k] for k in CLAIM_KEYS if k in record}
    ordered.update((k, v) for k, v in record.items() if k not in ordered)
    return ordered


class ClaimStore:
    """A claim store directory."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self._manifest_checksums: dict | None = None

    # ---- writing -------------------------------------------------------------------------
    @classmethod
    def open_for_write(cls, root: Path, identity: dict) -> "ClaimStore":
        """The store at ``root``, created if needed; GC202 if unwritable, GC205 if another config's."""
        store = cls(root)
        store.check_writable()
        existing = store.read_identity()
        if existing is not None and existing != identity:
            raise GeoclaimsError("GC205", f"{root} was written with {canonical_json(existing)}, "
                                          f"this run is {canonical_json(identity)}")
        try:
            for sub in SUBDIRS:
                (store.root / sub).mkdir(parents=True, exist_ok=True)
            store.remove_stale_temp_files()
            write_if_changed(store.root / IDENTITY_FILE, (canonical_json(identity, indent=2) + "\n").encode())
        except OSError as err:
            raise GeoclaimsError("GC202", f"{root}: {err.strerror or err}") from None
        return store

    def check_writable(self) -> None:
        """GC202 unless the store directory can be created or written here."""
        root = self.root
        if root.exists() and not root.is_dir():
            raise GeoclaimsError("GC202", f"{str(root)!r} exists and is not a directory")
        if root.is_dir():
            if not os.access(root, os.W_OK | os.X_OK):
                raise GeoclaimsError("GC202", f"{str(root)!r} is not writable")
            if any(p.name != LOCK_FILE for p in root.iterdir()) and not (root / IDENTITY_FILE).is_file():
                raise GeoclaimsError("GC202", f"{str(root)!r} is not empty and not a claim store")
            return
        parent = next((p for p in root.parents if p.exists()), None)
        if parent is None or not parent.is_dir() or not os.access(parent, os.W_OK | os.X_OK):
            raise GeoclaimsError("GC202", f"cannot create {str(root)!r}")

    def remove_stale_temp_files(self) -> list[Path]:
        """Delete temp files left by a killed run; the files removed."""
        stale = [p for d in ("", *SUBDIRS) for p in (self.root / d).glob(f".*{TMP_MARK}*")]
        for path in stale:
            path.unlink(missing_ok=True)
        return stale

    def read_identity(self) -> dict | None:
        path = self.root / IDENTITY_FILE
        return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None

    def read_marker(self, index: int, key: str) -> dict | None:
        """The commit marker of a chunk, or None when the chunk is not done."""
        path = self.root / "done" / f"{part_name(index, key)}.json"
        if not path.is_file():
            return None
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError):
            return None  # cannot happen with atomic writes; redo the chunk if it does

    def write_chunk(self, index: int, key: str, claims: list[dict], rejects: list[dict],
                    marker: dict) -> dict:
        """The chunk's claims, its rejects, then its marker (the commit, with their sha256); the marker."""
        name = part_name(index, key)
        claims_bytes = gzip.compress(jsonl_bytes(claims), mtime=0)
        rejects_bytes = jsonl_bytes(rejects)
        marker = dict(marker, sha256={"claims": sha256_hex(claims_bytes), "rejects": sha256_hex(rejects_bytes)})
        self._write(self.root / "claims" / f"{name}.jsonl.gz", claims_bytes)
        self._write(self.root / "rejects" / f"{name}.jsonl", rejects_bytes)
        self._write(self.root / "done" / f"{name}.json", (canonical_json(marker) + "\n").encode())
        return marker

    def _write(self, path: Path, data: bytes, *, only_if_changed: bool = False) -> bool:
        """``atomic_write`` (or ``write_if_changed``); GC221 when the disk refuses it."""
        try:
            if only_if_changed:
                return write_if_changed(path, data)
            atomic_write(path, data)
            return True
        except OSError as err:
            raise GeoclaimsError("GC221", f"writing {path}: {err.strerror or err}") from None

    def committed_marker(self, index: int, key: str) -> tuple[dict | None, str | None]:
        """(the chunk's marker, None) when it is committed and intact; (None, why) when it is damaged."""
        if self.read_marker(index, key) is None:
            return None, None
        part = part_name(index, key)
        try:
            marker = self.verify_part(part)
            for sub in ("claims", "rejects"):
                self.part_bytes(sub, part, marker)
            return marker, None
        except GeoclaimsError as err:
            return None, err.detail

    def finish(self, parts: list[str], manifest: dict) -> bool:
        """Drop parts of other runs, rebuild ``rejects.jsonl``, write the manifest; True if it wrote."""
        keep = set(parts)
        for sub in SUBDIRS:
            for path in (self.root / sub).glob("part-*"):
                if path.name.split(".")[0] not in keep:
                    path.unlink()
        rejects = b"".join((self.root / "rejects" / f"{p}.jsonl").read_bytes() for p in parts)
        wrote = self._write(self.root / REJECTS_FILE, rejects, only_if_changed=True)
        checksums = {f"done/{p}.json": sha256_hex((self.root / "done" / f"{p}.json").read_bytes()) for p in parts}
        checksums[REJECTS_FILE] = sha256_hex(rejects)
        data = (canonical_json(dict(manifest, checksums=checksums), indent=2) + "\n").encode("utf-8")
        return self._write(self.root / MANIFEST_FILE, data, only_if_changed=True) or wrote

    # ---- reading -------------------------------------------------------------------------
    @classmethod
    def open_for_read(cls, root: Path) -> "ClaimStore":
        """The store at ``root``; GC207 when it is not one."""
        store = cls(root)
        if not (store.root / IDENTITY_FILE).is_file() and not (store.root / MANIFEST_FILE).is_file():
            raise GeoclaimsError("GC207", f"{str(root)!r} has no {MANIFEST_FILE}")
        return store

    def manifest(self) -> dict | None:
        path = self.root / MANIFEST_FILE
        if not path.is_file():
            return None
        try:
            return json.loads(path.read_bytes().decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise _damaged(path, "is not readable JSON") from None

    def is_complete(self) -> bool:
        return self.manifest() is not None

    def parts(self) -> list[str]:
        """The store's parts in order: the manifest's list, else every committed chunk."""
        manifest = self.manifest()
        if manifest is not None:
            return list(manifest.get("parts", []))
        return sorted(p.name[: -len(".json")] for p in (self.root / "done").glob("part-*.json"))

    def iter_claims(self) -> Iterator[dict]:
        """Every claim, in part order then write order, keys in contract order (checksums verified)."""
        for part in self.parts():
            for line in self._part_lines("claims", part):
                yield order_claim(json.loads(line))

    def iter_rejects(self) -> Iterator[dict]:
        for part in self.parts():
            for line in self._part_lines("rejects", part):
                yield json.loads(line)

    def verify(self) -> None:
        """GC222 naming the first file whose bytes do not match the checksum kept for it."""
        for part in self.parts():
            marker = self.verify_part(part)
            for sub in ("claims", "rejects"):
                self.part_bytes(sub, part, marker)
        expected = self._checksums().get(REJECTS_FILE)
        path = self.root / REJECTS_FILE
        if expected and (not path.is_file() or sha256_hex(path.read_bytes()) != expected):
            raise _damaged(path, "does not match the checksum in manifest.json")

    def verify_part(self, part: str) -> dict:
        """The part's commit marker, checked against the manifest's checksum when there is one."""
        path = self.root / "done" / f"{part}.json"
        if not path.is_file():
            raise _damaged(path, "is missing")
        data = path.read_bytes()
        expected = self._checksums().get(f"done/{part}.json")
        if expected and sha256_hex(data) != expected:
            raise _damaged(path, "does not match the checksum in manifest.json")
        try:
            return json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise _damaged(path, "is not readable JSON") from None

    def part_bytes(self, sub: str, part: str, marker: dict | None = None) -> bytes:
        """The raw bytes of a part's claims or rejects file, verified against the marker's sha256."""
        marker = self.verify_part(part) if marker is None else marker
        for suffix in (".jsonl.gz", ".jsonl"):
            path = self.root / sub / f"{part}{suffix}"
            if path.is_file():
                data = path.read_bytes()
                expected = marker.get("sha256", {}).get(sub)
                if expected and sha256_hex(data) != expected:
                    raise _damaged(path, f"does not match the checksum in done/{part}.json")
                return data
        if marker.get("sha256", {}).get(sub):
            raise _damaged(self.root / sub / f"{part}.jsonl*", "is missing")
        return b""

    def _part_lines(self, sub: str, part: str) -> Iterator[str]:
        data = self.part_bytes(sub, part)
        if data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
        yield from (line for line in data.decode("utf-8").splitlines() if line.strip())

    def _checksums(self) -> dict:
        if self._manifest_checksums is None:
            self._manifest_checksums = (self.manifest() or {}).get("checksums", {})
        return self._manifest_checksums


def _damaged(path: Path, what: str) -> GeoclaimsError:
    return GeoclaimsError("GC222", f"{path} {what}: it was changed or damaged after it was written")
