"""Atomic writes, used by every tool that writes a file: a temporary file beside the target,
flushed to disk, then renamed over it.

A run killed at any moment leaves either the old file or the new one, never half of one. The
temporary file is named `.NAME.XXXX.tmp`, so no loader (which reads `*.yml`) ever picks it up.
A new file gets ordinary permissions (0666 less the umask), not a temporary file's 0600, so CI
steps and other users (LinkChecker drops to `nobody`, a web server) can read it; an existing
file keeps its mode.
"""
from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

# For the kill test only (tests/resources/test_atomic.py): pause after the temporary file is
# complete and before the rename, so a test can kill the process at the worst moment.
PAUSE_ENV = "BEYOND_DETOX_PAUSE_BEFORE_RENAME"


def atomic_write_text(path: Path | str, text: str) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    umask = os.umask(0)
    os.umask(umask)
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~umask
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        pause = os.environ.get(PAUSE_ENV)
        if pause:
            print(f"paused before rename: {tmp}", file=sys.stderr, flush=True)
            time.sleep(float(pause))
        os.replace(tmp, path)
        _fsync_dir(path.parent)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _fsync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:  # pragma: no cover - not every platform can open a directory
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(fd)
