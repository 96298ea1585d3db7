"""Atomic site builds: the site is written to a folder beside site/ and swapped in whole on success.

A build that fails for any reason (bad plans, a warning with --strict, a crash, Ctrl-C) leaves the
previous site/ exactly as it was, and removes the half-written folder. Nothing here knows about
MkDocs: hooks/plansite_hooks.py decides when a build has succeeded.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import tempfile
from pathlib import Path

_RENAME_EXCHANGE = 2  # Linux renameat2 flag: swap two paths in one step
_AT_FDCWD = -100


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _exchange(a: Path, b: Path) -> bool:
    """Swap two directories in one step (Linux 3.15+, glibc 2.28+), so site/ is never missing.
    False where the system cannot, and the caller renames twice instead."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    return renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0


class StagedSite:
    """A new build of `target`, written to `staging` until it is committed or abandoned."""

    def __init__(self, target: Path, *, keep_existing: bool = False):
        # Beside the real folder (following a link, if site/ is one), so the swap is a rename on one disk.
        self.target = Path(os.path.realpath(target))
        self.target.parent.mkdir(parents=True, exist_ok=True)
        self.staging = Path(tempfile.mkdtemp(prefix=f".{self.target.name}.new-", dir=self.target.parent))
        # mkdtemp makes the folder private (0700); the site must stay readable by the web server.
        os.chmod(self.staging, self.target.stat().st_mode & 0o7777 if self.target.is_dir() else 0o777 & ~_umask())
        if keep_existing and self.target.is_dir():
            # A --dirty build adds to the previous site: start from a copy (not links, which the
            # build would write through into the live site).
            shutil.copytree(self.target, self.staging, symlinks=True, dirs_exist_ok=True)

    def commit(self) -> None:
        """Put the new build in place of the old one, then remove the old one."""
        if not self.target.exists():
            os.rename(self.staging, self.target)
            return
        if _exchange(self.staging, self.target):
            shutil.rmtree(self.staging, ignore_errors=True)  # now holds the previous site
            return
        old = self.target.with_name(f".{self.target.name}.old-{os.getpid()}")
        shutil.rmtree(old, ignore_errors=True)
        os.rename(self.target, old)
        try:
            os.rename(self.staging, self.target)
        except OSError:
            os.rename(old, self.target)
            raise
        shutil.rmtree(old, ignore_errors=True)

    def abandon(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)


def is_private_temporary(site_dir: Path) -> bool:
    """True for the throwaway folder `mkdocs serve` builds into (it makes one with mkdtemp,
    prefix 'mkdocs_'): nobody is served from it but the preview, so it needs no staging."""
    folder = Path(os.path.realpath(site_dir))
    return folder.parent == Path(os.path.realpath(tempfile.gettempdir())) and folder.name.startswith("mkdocs_")
