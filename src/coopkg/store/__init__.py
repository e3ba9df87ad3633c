"""The repository layer: where queries are answered.

An embedded on-disk Oxigraph store by default (``coopkg.store.embedded``, in the folder layout of
``coopkg.store.layout``), or any SPARQL 1.1 Protocol endpoint (``coopkg.store.remote``) when
``COOPKG_ENDPOINT`` is set. ``open_repository`` picks the one the configuration asks for.
"""

from __future__ import annotations

from pathlib import Path

from coopkg.config import settings
from coopkg.store.base import Repository
from coopkg.store.embedded import EmbeddedRepository
from coopkg.store.layout import current_build

# The key of a remote repository: the endpoint's address itself may carry credentials.
REMOTE_KEY = "remote endpoint (COOPKG_ENDPOINT)"


def repository_key() -> str:
    """What names the configured repository, for caches and worker processes: the current build's
    folder (which changes when a build is swapped in), or REMOTE_KEY if ``COOPKG_ENDPOINT`` is set."""
    if settings().remote:
        return REMOTE_KEY
    return str(current_build())


def open_repository(key: str | None = None) -> Repository:
    """The repository the configuration asks for (or that ``key`` names): a remote endpoint if
    ``COOPKG_ENDPOINT`` is set, else the current embedded build, opened read-only."""
    key = key or repository_key()
    if key == REMOTE_KEY:
        from coopkg.store.remote import RemoteRepository  # httpx is only needed for remote stores

        return RemoteRepository.from_settings(settings())
    return EmbeddedRepository.open(Path(key))
