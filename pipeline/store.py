"""The claim store: per-chunk claims/rejects files and commit markers, the manifest, resume, ``cat``.

Layout of DIR (see docs/DESIGN.md "The claim store"):
``store.json`` (identity: config hash + extractor, written first), ``claims/part-NNNNN-<key>.jsonl.gz``,
``rejects/part-NNNNN-<key>.jsonl``, ``done/part-NNNNN-<key>.json`` (the commit marker, written last),
and at the end ``rejects.jsonl`` and ``manifest.json``. Every file is written atomically and
deterministically (no timestamps, gzip mtime 0), and only when its bytes change.
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
SUBDIRS = ("claims", "rejects", "done")
TMP_MARK = ".tmp-"
CLAIM_KEYS = ("schema_version", "claim_id", "article_id", "subject", "predicate", "object", "motive",
              "attribution", "confidence", "evidence", "extractor")


def canonical_json(data: object, *, indent: int | None = None) -> str:
    """JSON with sorted keys, UTF-8 characters kept: the same data always gives the same bytes."""
    separators = (",", ":") if indent is None else (",", ": ")
    return json.dumps(data, sort_keys=True, ensure_ascii=False, indent=indent, separators=separators)


def jsonl_bytes(records: list[dict]) -> bytes:
    """Records as JSON Lines (keys in the order given), UTF-8."""
    lines = [json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n" for r in records]
    return "".join(lines).encode("utf-8")


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temp file in the same folder, fsync and ``os.replace``."""
    tmp = path.with_name(f".{path.name}{TMP_MARK}{os.getpid()}")
    with tmp.open("wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)
    dir_fd = os.open(path.parent, os.O_RDONLY)
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
            if any(root.iterdir()) and not (root / IDENTITY_FILE).is_file():
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
                    marker: dict) -> None:
        """The chunk's claims, its rejects, then its marker (the commit), each atomically."""
        name = part_name(index, key)
        atomic_write(self.root / "claims" / f"{name}.jsonl.gz", gzip.compress(jsonl_bytes(claims), mtime=0))
        atomic_write(self.root / "rejects" / f"{name}.jsonl", jsonl_bytes(rejects))
        atomic_write(self.root / "done" / f"{name}.json", (canonical_json(marker) + "\n").encode())

    def finish(self, parts: list[str], manifest: dict) -> bool:
        """Drop parts of other runs, rebuild ``rejects.jsonl``, write the manifest; True if it wrote."""
        keep = set(parts)
        for sub in SUBDIRS:
            for path in (self.root / sub).glob("part-*"):
                if path.name.split(".")[0] not in keep:
                    path.unlink()
        rejects = b"".join((self.root / "rejects" / f"{p}.jsonl").read_bytes() for p in parts)
        wrote = write_if_changed(self.root / REJECTS_FILE, rejects)
        data = (canonical_json(manifest, indent=2) + "\n").encode("utf-8")
        return write_if_changed(self.root / MANIFEST_FILE, data) or wrote

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
        return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None

    def is_complete(self) -> bool:
        return self.manifest() is not None

    def parts(self) -> list[str]:
        """The store's parts in order: the manifest's list, else every committed chunk."""
        manifest = self.manifest()
        if manifest is not None:
            return list(manifest.get("parts", []))
        return sorted(p.name[: -len(".json")] for p in (self.root / "done").glob("part-*.json"))

    def iter_claims(self) -> Iterator[dict]:
        """Every claim, in part order then write order, keys in contract order."""
        for part in self.parts():
            for line in self._part_lines("claims", part):
                yield order_claim(json.loads(line))

    def iter_rejects(self) -> Iterator[dict]:
        for part in self.parts():
            for line in self._part_lines("rejects", part):
                yield json.loads(line)

    def _part_lines(self, sub: str, part: str) -> Iterator[str]:
        for suffix in (".jsonl.gz", ".jsonl"):
            path = self.root / sub / f"{part}{suffix}"
            if path.is_file():
                data = gzip.decompress(path.read_bytes()) if suffix.endswith(".gz") else path.read_bytes()
                yield from (line for line in data.decode("utf-8").splitlines() if line.strip())
                return
