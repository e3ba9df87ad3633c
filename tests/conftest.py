"""Every shared fixture of the tests: the real data built once for the session (``built``,
``repo``), and the explorer's small hostile store (``fixture_root``, ``fixture_build``,
``fixture_repo``, from tests/fixtures/explorer/).

Markers: ``browser`` (headless Chromium) and ``slow``, given here to every test that needs the real
build, a server, Java or a PDF. ``pytest -m "not slow and not browser"`` is the edit-test loop over
the library (seconds); ``./test.sh`` runs everything.
"""

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


@pytest.fixture(scope="session")
def fixture_root(tmp_path_factory) -> Path:
    from explorer_fixture import build_fixture_store

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


# Modules whose tests start servers, run Java or lay out PDFs, or build stores of their own.
SLOW_MODULES = {"test_endpoint", "test_publish", "test_remote", "test_netdeny", "test_repertoire", "test_owl_profile",
                "test_rdf_parsers", "test_dcat_ap", "test_shapes", "test_refdata", "test_build", "test_cli",
                "test_config", "test_app_pages", "test_vocabularies", "test_docs", "test_jsonld", "test_service",
                "test_store_faults", "test_build_kills", "test_hostile_faces", "test_fuzz", "test_publish_http"}
SLOW_FIXTURES = {"built", "repo", "store_root"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        module = item.module.__name__.rsplit(".", 1)[-1]
        if module in SLOW_MODULES or SLOW_FIXTURES & set(item.fixturenames):
            item.add_marker(pytest.mark.slow)
