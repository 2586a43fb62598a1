"""One writer per claim store: ``DIR/.lock``, held for the whole ``extract`` run.

The lock is an exclusive ``flock`` on ``DIR/.lock``, which also holds the writer's PID, host and start
time. The kernel releases a ``flock`` when its process dies, so a lock left by a crashed or killed run
(the file is still there, its PID no longer runs) is stale and simply taken over; a second run while
the first is alive stops at once with GC223, naming the other run. On file systems without ``flock``
the PID is the test: a lock whose PID is alive on this host counts as held. On release the file is
removed. Within one process ``store_lock`` is re-entrant (the command and the driver both take it).
"""
from __future__ import annotations

import fcntl
import json
import os
import socket
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from .errors import GeoclaimsError
from .store import LOCK_FILE, ClaimStore

_HELD: dict[Path, "StoreLock"] = {}  # store root -> the lock this process holds on it


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # it exists, owned by someone else
        return True
    return True


@contextmanager
def store_lock(root: Path) -> Iterator["StoreLock"]:
    """Hold the writer lock of the store at ``root`` for the ``with`` block (re-entrant in one process)."""
    root = Path(root).resolve()
    if root in _HELD:
        yield _HELD[root]
        return
    lock = StoreLock(root)
    lock.acquire()
    try:
        yield lock
    finally:
        lock.release()


class StoreLock:
    """The writer lock of one store: GC202 when ``root`` cannot be written, GC223 when another run holds it."""

    def __init__(self, root: Path):
        self.root = Path(root).resolve()
        self.path = self.root / LOCK_FILE
        self.fd: int | None = None
        self.stale: dict | None = None  # the holder of a stale lock this run took over

    def acquire(self) -> None:
        ClaimStore(self.root).check_writable()
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            self.fd = self._open_locked()
        except OSError as err:
            raise GeoclaimsError("GC202", f"{self.root}: {err.strerror or err}") from None
        previous = _holder(self.fd)
        if previous and previous.get("pid") != os.getpid():
            self.stale = previous
        me = {"pid": os.getpid(), "host": socket.gethostname(), "since": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
        os.ftruncate(self.fd, 0)
        os.pwrite(self.fd, (json.dumps(me) + "\n").encode(), 0)
        _HELD[self.root] = self

    def _open_locked(self) -> int:
        while True:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            try:
                self._lock(fd)
            except BaseException:
                os.close(fd)
                raise
            if _same_file(fd, self.path):  # not removed by a releasing holder meanwhile
                return fd
            os.close(fd)

    def _lock(self, fd: int) -> None:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            holder = _holder(fd)
        except OSError:  # no flock here (some network file systems): the PID decides
            holder = _holder(fd)
            if not holder or holder.get("host") != socket.gethostname() or not pid_alive(holder.get("pid", 0)):
                return
        who = f"pid {holder.get('pid')} on {holder.get('host')} since {holder.get('since')}" if holder else "another process"
        raise GeoclaimsError("GC223", f"{self.root} is locked by a running extract ({who}; {self.path})")

    def release(self) -> None:
        if self.fd is None:
            return
        _HELD.pop(self.root, None)
        try:
            self.path.unlink(missing_ok=True)
        finally:
            os.close(self.fd)  # closing drops the flock
            self.fd = None


def _same_file(fd: int, path: Path) -> bool:
    try:
        return os.path.samestat(os.fstat(fd), os.stat(path))
    except FileNotFoundError:
        return False


def _holder(fd: int) -> dict | None:
    try:
        data = os.pread(fd, 4096, 0)
        return json.loads(data.decode("utf-8")) if data.strip() else None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return None
