"""Shared fixtures: one store built from the real data for the whole test session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("COOPKG_HOME", str(ROOT))


@pytest.fixture(scope="session")
def store_root(tmp_path_factory) -> Path:
    """A store folder of the session's own, so tests never touch the user's store."""
    root = tmp_path_factory.mktemp("store")
    os.environ["COOPKG_STORE"] = str(root)
    return root


@pytest.fixture(scope="session")
def built(store_root):
    """The real data built and swapped in once (the same path as `coopkg build`)."""
    from coopkg.build import pipeline as builder
    from coopkg.cli.text import format_report

    outcome = builder.build(root=store_root)
    assert outcome.ok, format_report(outcome)
    return outcome


@pytest.fixture(scope="session")
def repo(built):
    """A read-only repository on the session's built store."""
    from coopkg.store.embedded import EmbeddedRepository

    return EmbeddedRepository.open(built.store_path)
