"""Output files written whole or not at all, and only where a regular file may go.

``-o FILE`` in every command goes through :func:`atomic_write`: the target must be a regular file
(or not exist yet) in an existing folder; devices, folders, FIFOs and sockets are refused with one
line (``-o /dev/full`` once replaced the device with a regular file). Data goes to a temporary
file beside the target (``.NAME.partial-PID``), which is renamed over the target only when the
writer finished without error, and removed otherwise. Temporary files left by a process that died
(kill -9, power loss) are removed the next time anyone writes that target.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import IO, Literal, cast, overload

from graphkit.errors import GraphkitError
from graphkit.lock import pid_alive

_PARTIAL = re.compile(r"^\.(?P<name>.+)\.partial-(?P<pid>\d+)$")


class OutputError(GraphkitError):
    """An output file cannot be written where asked (exit code 1, one line)."""


def check_target(path: str | os.PathLike[str]) -> Path:
    """The path an output may be written to, resolved through symlinks; OutputError otherwise.

    Accepts a regular file (replaced) or a new name in an existing, writable folder.
    """
    target = Path(path)
    if str(path) == "" or str(path).endswith(("\n", "\r")):
        raise OutputError(f"not a usable file name: {str(path)!r}")
    try:
        st = os.stat(target)
    except FileNotFoundError:
        st = None
    except NotADirectoryError:
        raise OutputError(f"{target}: a part of the path is not a folder") from None
    except OSError as exc:
        raise OutputError(f"cannot write {target}: {exc.strerror}") from None
    if st is not None:
        if not stat.S_ISREG(st.st_mode):
            what = ("a folder" if stat.S_ISDIR(st.st_mode) else "a device" if stat.S_ISCHR(st.st_mode)
                    or stat.S_ISBLK(st.st_mode) else "a pipe" if stat.S_ISFIFO(st.st_mode)
                    else "a socket" if stat.S_ISSOCK(st.st_mode) else "not a regular file")
            raise OutputError(f"{target} is {what}; give the name of a regular file")
        target = Path(os.path.realpath(target))
    elif target.is_symlink():
        raise OutputError(f"{target} is a dangling symbolic link; give the name of a regular file")
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.is_dir():
        raise OutputError(f"cannot write {target}: folder {parent} does not exist")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise OutputError(f"cannot write {target}: folder {parent} is not writable")
    return target


def partial_path(target: Path) -> Path:
    """The temporary file this process writes beside ``target``."""
    return target.with_name(f".{target.name}.partial-{os.getpid()}")


def clean_partials(target: Path) -> list[Path]:
    """Remove ``.NAME.partial-PID`` files beside ``target`` whose writer is no longer running."""
    removed: list[Path] = []
    try:
        entries = list(target.parent.iterdir())
    except OSError:
        return removed
    for entry in entries:
        m = _PARTIAL.match(entry.name)
        if m and m["name"] == target.name and int(m["pid"]) != os.getpid() and not pid_alive(int(m["pid"])):
            try:
                if entry.is_file() and not entry.is_symlink():
                    entry.unlink()
                    removed.append(entry)
            except OSError:
                pass
    return removed


@overload
def atomic_write(path: str | os.PathLike[str], mode: Literal["wb"] = "wb") -> AbstractContextManager[IO[bytes]]: ...
@overload
def atomic_write(path: str | os.PathLike[str], mode: Literal["w"]) -> AbstractContextManager[IO[str]]: ...


def atomic_write(path: str | os.PathLike[str],
                 mode: str = "wb") -> AbstractContextManager[IO[bytes]] | AbstractContextManager[IO[str]]:
    """A context manager giving a handle on a temporary file that replaces ``path`` on success.

    ``mode`` is "wb" (bytes) or "w" (UTF-8 text, newlines as written). Raises OutputError, one
    line, when the target is not a place for a regular file or the disk refuses the data
    (full, read-only); the target is then as it was and no temporary file stays behind.

    Example::

        with atomic_write("graph.gexf") as fh:
            fh.write(data)
    """
    if mode not in ("wb", "w"):
        raise ValueError(f"mode must be 'wb' or 'w', not {mode!r}")
    out = _atomic(check_target(path), mode)
    return cast(AbstractContextManager[IO[bytes]], out) if mode == "wb" else cast(AbstractContextManager[IO[str]], out)


@contextmanager
def _atomic(target: Path, mode: str) -> Iterator[IO[bytes] | IO[str]]:
    clean_partials(target)
    tmp = partial_path(target)
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
    except OSError as exc:
        raise OutputError(f"cannot write {target}: {exc.strerror}") from None
    done = False
    try:
        handle: IO[bytes] | IO[str] = (os.fdopen(fd, "wb") if mode == "wb"
                                        else os.fdopen(fd, "w", encoding="utf-8", newline=""))
        try:
            with handle:
                yield handle
                handle.flush()
                os.fsync(handle.fileno())
        except OSError as exc:
            raise OutputError(f"cannot write {target}: {exc.strerror or exc}") from None
        try:
            os.replace(tmp, target)
        except OSError as exc:
            raise OutputError(f"cannot write {target}: {exc.strerror}") from None
        done = True
    finally:
        if not done:
            tmp.unlink(missing_ok=True)
