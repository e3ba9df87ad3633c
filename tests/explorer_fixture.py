"""A small store of the explorer's own, built from tests/fixtures/explorer/*.trig: for what the
real data must never hold (labels that are HTML or Markdown). Its pytest fixtures
(``fixture_root``, ``fixture_build``, ``fixture_repo``) are in conftest.py with the others."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "explorer"
IDS = "https://w3id.org/coopkg/id/"
XSS_LABEL = "<img src=x onerror=alert(1)>"
MD_LABEL = "[x](javascript:alert(1))"
LINK_LABEL = "see http://evil.example/x now"  # an autolink, were it Markdown
BIDI_LABEL = "trusted\u202eexe.txt"  # a right-to-left override: would show "trustedtxt.exe"


def build_fixture_store(root: Path) -> Path:
    """Parse the fixture files and swap a store built from them into ``root`` (the same layout
    as ``coopkg build``, with the report of their validation against the ontology, which the
    fixture does not hold, unlike a real build); returns the build folder."""
    from coopkg.build.loading import parse_files
    from coopkg.build.pipeline import load_and_validate
    from coopkg.config import ontology_dir
    from coopkg.store.embedded import fill
    from coopkg.store.layout import STORE, new_build_dir, swap_in
    from coopkg.store.report import REPORT_FILE

    paths = sorted(FIXTURES.glob("*.trig"))
    files, errors = parse_files(paths)
    assert not errors, errors
    partial = new_build_dir(root)
    store = ox.Store(str(partial / STORE))
    fill(store, (q for f in files for q in f.quads))
    del store
    ontology = [ontology_dir() / "coopkg.ttl", ontology_dir() / "vocabularies.ttl"]
    load_and_validate(ontology + paths).report.save(partial / REPORT_FILE)
    return swap_in(partial, root)
