"""The layout of the store folder, which lets a build write a new store beside the one being
served and swap it in atomically:

    <store root>/builds/<build id>/          one folder per successful build:
        store/                               its Oxigraph store
        report.ttl                           its validation report (coopkg.store.report)
    <store root>/current                     symlink to the build being served

Readers resolve ``current`` once and open that build read-only, so a build never writes into a
store that someone reads (Oxigraph leaves that undefined).
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from coopkg.config import store_root
from coopkg.store.base import StoreMissing

CURRENT = "current"
BUILDS = "builds"
KEEP_BUILDS = 2  # the served build and the previous one, for readers still holding it
STORE = "store"  # the Oxigraph store inside a build folder


def store_dir(build: Path) -> Path:
    """The Oxigraph store of a build folder (a build made before builds had folders is its store)."""
    inner = Path(build) / STORE
    return inner if inner.is_dir() else Path(build)


def build_of(location: str | Path) -> Path:
    """The build folder a store location belongs to (the inverse of ``store_dir``)."""
    location = Path(location)
    return location.parent if location.name == STORE else location


def current_build(root: Path | None = None) -> Path:
    """The build being served; ``StoreMissing`` if none has been built."""
    root = root or store_root()
    link = root / CURRENT
    if not link.exists():
        raise StoreMissing(f"no store has been built in {root}: run `coopkg build` first")
    return link.resolve()


def new_build_dir(root: Path | None = None) -> Path:
    """A fresh, not yet served folder for a build (a dot-name, so it is never mistaken for one)."""
    root = root or store_root()
    builds = root / BUILDS
    builds.mkdir(parents=True, exist_ok=True)
    clean_stray_links(root)
    stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
    path = builds / f".partial-{stamp}-{os.getpid()}"
    if path.exists():
        shutil.rmtree(path)
    path.mkdir()
    return path


def swap_in(partial: Path, root: Path | None = None) -> Path:
    """Rename a finished build into place and point ``current`` at it in one atomic step."""
    root = root or store_root()
    final = partial.with_name(partial.name.removeprefix(".partial-"))
    partial.rename(final)
    tmp_link = root / f".{CURRENT}.{os.getpid()}"
    if tmp_link.is_symlink() or tmp_link.exists():
        tmp_link.unlink()
    tmp_link.symlink_to(Path(BUILDS) / final.name)
    os.replace(tmp_link, root / CURRENT)  # atomic on POSIX: readers see the old or the new build
    prune_builds(root)
    return final


def clean_stray_links(root: Path | None = None) -> list[Path]:
    """Remove the ``.current.PID`` links that a build killed during its swap left behind (its
    process is gone). ``current`` itself is never touched: the build it points to keeps being
    served, whether the kill came before the swap (the old build) or after it (the new one)."""
    root = root or store_root()
    removed = []
    for link in root.glob(f".{CURRENT}.*"):
        pid = link.name.rsplit(".", 1)[-1]
        if link.is_symlink() and pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
            link.unlink(missing_ok=True)
            removed.append(link)
    return removed


def discard(partial: Path) -> None:
    shutil.rmtree(partial, ignore_errors=True)


def prune_builds(root: Path | None = None, keep: int = KEEP_BUILDS) -> None:
    """Remove old builds and abandoned partial ones, never the served build."""
    root = root or store_root()
    builds = root / BUILDS
    served = (root / CURRENT).resolve() if (root / CURRENT).exists() else None
    finished = sorted((p for p in builds.iterdir() if p.is_dir() and not p.name.startswith(".")),
                      key=lambda p: p.name, reverse=True)
    for old in finished[keep:]:
        if old != served:
            shutil.rmtree(old, ignore_errors=True)
    clean_stray_links(root)
    for partial in builds.glob(".partial-*"):
        pid = partial.name.rsplit("-", 1)[-1]
        if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
            shutil.rmtree(partial, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
