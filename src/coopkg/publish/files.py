"""Files the dereferencing server makes from the served build on first request and keeps for that
build: the dumps the dataset description announces (``dumps/coopkg.{trig,nq,ttl,nt,jsonld,rdf}``)
and the Répertoire (``repertoire/{lang}.{html,pdf}``).

An embedded build keeps them in its own folder (``builds/<id>/published/``), written atomically
(a temporary file, then a rename), so that they survive a restart and go with the build when
``coopkg build`` prunes it; where that folder cannot be written, or for a remote endpoint, they
are kept in memory for the version of the data they were made from. One lock per file: two
requests for a file not yet made make it once.
"""

from __future__ import annotations

import os
import tempfile
import threading
from pathlib import Path
from typing import Callable

from coopkg.rdf.formats import FILE_EXTENSIONS
from coopkg.read import export

PUBLISHED = "published"  # the folder of a build that holds what the server made from it
DUMP_NAME = "coopkg"
# dump file name -> export format, as data/curation/metadata.trig announces them
DUMPS = {f"{DUMP_NAME}.{FILE_EXTENSIONS[fmt]}": fmt for fmt in export.FORMATS}


class BuildFiles:
    """Made once per version of the served data, then read from disk or memory."""

    def __init__(self):
        self._lock = threading.Lock()
        self._locks: dict[tuple[str, str], threading.Lock] = {}
        self._memory: dict[tuple[str, str], bytes] = {}

    def get(self, version: str, folder: Path | None, name: str, make: Callable[[], bytes]) -> bytes:
        """The content of ``name`` for ``version``: from ``folder/published/`` or memory, else made."""
        key = (version, name)
        with self._lock:
            lock = self._locks.setdefault(key, threading.Lock())
            for old in [k for k in self._memory if k[0] != version]:  # another build's: never asked again
                del self._memory[old]
        with lock:
            if key in self._memory:
                return self._memory[key]
            path = folder / PUBLISHED / name if folder is not None else None
            if path is not None and path.is_file():
                return path.read_bytes()
            content = make()
            if path is None or not _write(path, content):
                self._memory[key] = content
            return content


def _write(path: Path, content: bytes) -> bool:
    """Write atomically; False if the build folder cannot be written (kept in memory instead)."""
    try:
        path.parent.mkdir(exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
        with os.fdopen(handle, "wb") as out:
            out.write(content)
        os.replace(temporary, path)
        return True
    except OSError:
        return False
