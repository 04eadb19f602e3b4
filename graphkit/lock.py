"""One writer at a time per store: an advisory lock file that names its holder.

The lock is ``.NAME.lock`` beside the store folder ``NAME`` (beside, not inside: a first build
has no folder yet, and a failed one must leave none). It is held with ``fcntl.flock``, so the
kernel releases it when the holder dies, even by ``kill -9``: there is never a stale lock to
clear by hand. While held, the file names the holder (pid, command, since when), which is what
another writer reports when it has to wait or give up.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from graphkit.errors import StoreError

POLL_SECONDS = 0.05


@dataclass(frozen=True)
class Holder:
    """Who holds a store's writer lock."""

    pid: int
    command: str
    since: str

    def describe(self) -> str:
        return f"pid {self.pid} ({self.command}) since {self.since}"


def lock_path(store: Path) -> Path:
    """The writer lock file of a store folder."""
    store = Path(store).absolute()
    return store.parent / f".{store.name}.lock"


def read_holder(store: Path) -> Holder | None:
    """The current holder as written in the lock file, or None (no file, or unreadable)."""
    try:
        data = json.loads(lock_path(store).read_text(encoding="utf-8"))
        return Holder(int(data["pid"]), str(data["command"]), str(data["since"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _command_name() -> str:
    args = [os.path.basename(sys.argv[0]) if sys.argv and sys.argv[0] else "python", *sys.argv[1:2]]
    return " ".join(a for a in args if a)


@contextmanager
def writer_lock(store: Path, *, timeout: float = 0.0, command: str | None = None) -> Iterator[Holder]:
    """Hold the store's writer lock for a ``with`` block.

    Waits up to ``timeout`` seconds for another writer to finish, then raises StoreError naming
    the holder ("store ... is being written by pid N (graphkit build) since ..."). Raises
    StoreError too when the lock file cannot be created (a missing or read-only folder).
    """
    path = lock_path(store)
    if not path.parent.is_dir():
        raise StoreError(f"cannot lock the store {store}: folder {path.parent} does not exist")
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW, 0o644)
    except OSError as exc:
        raise StoreError(f"cannot lock the store {store}: {exc.strerror} ({path})") from None
    try:
        deadline = time.monotonic() + max(timeout, 0.0)
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = read_holder(store)
                    who = holder.describe() if holder else "another process"
                    raise StoreError(f"store {store} is being written by {who}; try again later, "
                                     f"or wait with --wait SECONDS") from None
                time.sleep(POLL_SECONDS)
        me = Holder(os.getpid(), command or _command_name(),
                    dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"))
        try:
            os.ftruncate(fd, 0)
            os.pwrite(fd, json.dumps(me.__dict__).encode("utf-8"), 0)
        except OSError:
            pass  # the lock holds without its label (a full disk); waiters then say "another process"
        try:
            yield me
        finally:
            try:
                os.ftruncate(fd, 0)
            except OSError:
                pass
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def pid_alive(pid: int) -> bool:
    """True when a process with this id exists (on this machine)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
