"""A small store of the explorer's own, built from tests/fixtures/explorer/*.trig.

Used while the real data is in progress and for what the real data must never hold (labels
that are HTML or Markdown). Import the fixtures into a test module to use them.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "explorer"
IDS = "https://w3id.org/coopkg/id/"
XSS_LABEL = "<img src=x onerror=alert(1)>"
MD_LABEL = "[x](javascript:alert(1))"


def build_fixture_store(root: Path) -> Path:
    """Parse the fixture files and swap a store built from them into ``root`` (the same layout
    as ``coopkg build``); returns the build folder."""
    from coopkg.build.loading import parse_files
    from coopkg.store.embedded import fill
    from coopkg.store.layout import new_build_dir, swap_in

    files, errors = parse_files(sorted(FIXTURES.glob("*.trig")))
    assert not errors, errors
    partial = new_build_dir(root)
    store = ox.Store(str(partial))
    fill(store, (q for f in files for q in f.quads))
    del store
    return swap_in(partial, root)


@pytest.fixture(scope="session")
def fixture_root(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("explorer-store")
    build_fixture_store(root)
    return root


@pytest.fixture(scope="session")
def fixture_build(fixture_root) -> Path:
    from coopkg.store.layout import current_build

    return current_build(fixture_root)


@pytest.fixture(scope="session")
def fixture_repo(fixture_build):
    from coopkg.store.embedded import EmbeddedRepository

    return EmbeddedRepository.open(fixture_build)
