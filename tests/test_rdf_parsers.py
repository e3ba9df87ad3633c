"""A second RDF parser outside Python: every data file (Turtle files in Raptor too) and every format
of `coopkg export` (JSON-LD in riot only) parse cleanly in Raptor (rapper, Debian's raptor2-utils)
and Apache Jena riot (libapache-jena-java), with
no warning (a bad IRI, an ill-typed literal, an unknown language tag), and each tool reads exactly
as many statements as pyoxigraph does."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pyoxigraph as ox
import pytest
from debian_tools import jena_classpath, require

from coopkg.read import export

ROOT = Path(__file__).resolve().parent.parent
DATA_FILES = sorted((ROOT / "ontology").glob("*.ttl")) + sorted((ROOT / "data").rglob("*.trig"))
# coopkg export format -> (file suffix, rapper's parser name or None when Raptor has none, riot's syntax)
FORMATS = {"turtle": ("ttl", "turtle", "turtle"), "ntriples": ("nt", "ntriples", "ntriples"),
           "nquads": ("nq", "nquads", "nquads"), "trig": ("trig", "trig", "trig"),
           "jsonld": ("jsonld", None, "jsonld10"), "rdfxml": ("rdf", "rdfxml", "rdfxml")}
# riot reads JSON-LD with its JSON-LD 1.0 reader (jsonld-java): Debian ships no jakarta.json
# implementation for the 1.1 reader (titanium), which then fails on any document; the export uses
# no JSON-LD 1.1 feature.


@pytest.fixture(scope="module")
def rapper():
    require("rapper (Debian package raptor2-utils)", shutil.which("rapper") is not None, "apt-get install raptor2-utils")

    def run(path: Path, parser: str) -> int:
        result = subprocess.run(["rapper", "--count", "-i", parser, str(path)], capture_output=True, text=True, timeout=300)
        problems = [line for line in result.stderr.splitlines() if " - Warning - " in line or " - Error - " in line]
        assert result.returncode == 0 and not problems, f"{path.name}: {result.stderr[-2000:]}"
        return int(re.search(r"returned (\d+) (?:triples|statements)", result.stderr).group(1))

    return run


@pytest.fixture(scope="module")
def riot(tmp_path_factory):
    classpath = jena_classpath(tmp_path_factory.mktemp("jena"))
    require("Jena riot (Debian package libapache-jena-java) with java", classpath is not None,
            "apt-get install libapache-jena-java default-jre-headless")

    def run(path: Path, syntax: str) -> int:
        result = subprocess.run(["java", "-cp", classpath, "riotcmd.riot", "--strict", f"--syntax={syntax}", "--count",
                                 str(path)], capture_output=True, text=True, timeout=300)
        problems = [line for line in result.stderr.splitlines() if " WARN " in line or " ERROR " in line]
        assert result.returncode == 0 and not problems, f"{path.name}: {result.stderr[-2000:]}"
        counted = re.search(r": (?:Triples|Quads) = ([\d,]+)", result.stdout + result.stderr)
        assert counted, result.stdout[-500:] + result.stderr[-500:]
        return int(counted.group(1).replace(",", ""))

    return run


def oxigraph_count(data: bytes, fmt) -> int:
    return sum(1 for _ in ox.parse(data, format=fmt))


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_data_file_parses_in_riot_and_the_turtle_files_in_rapper(path, rapper, riot):
    trig = path.suffix == ".trig"
    expected = oxigraph_count(path.read_bytes(), ox.RdfFormat.TRIG if trig else ox.RdfFormat.TURTLE)
    assert riot(path, "trig" if trig else "turtle") == expected
    if not trig:  # Raptor 2.0's TriG parser predates TriG 1.1 and rejects its GRAPH keyword
        assert rapper(path, "turtle") == expected


@pytest.fixture(scope="module")
def exports(repo, tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("exports")
    written = {}
    for fmt, (suffix, _, _) in FORMATS.items():
        written[fmt] = folder / f"coopkg.{suffix}"
        written[fmt].write_bytes(export.export(repo, fmt))
    return written


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_export_format_parses_in_rapper_and_riot(fmt, exports, rapper, riot):
    assert set(FORMATS) == set(export.FORMATS)  # every format the command offers is checked
    path = exports[fmt]
    expected = oxigraph_count(path.read_bytes(), export.RDF_FORMATS[fmt])
    assert expected > 8000
    _, parser, syntax = FORMATS[fmt]
    if parser:  # Raptor reads no JSON-LD
        assert rapper(path, parser) == expected
    assert riot(path, syntax) == expected


def test_the_parsers_report_what_they_should(tmp_path, rapper, riot):
    """A file with an ill-typed date: both tools must complain, or the checks above prove nothing."""
    bad = tmp_path / "bad.ttl"
    bad.write_text('<http://example.org/a> <http://example.org/b> "15/07/1979"^^<http://www.w3.org/2001/XMLSchema#date> .\n',
                   encoding="utf-8")
    with pytest.raises(AssertionError):
        riot(bad, "turtle")
    broken = tmp_path / "broken.ttl"
    broken.write_text('<http://example.org/a> <http://example.org/b> "unterminated .\n', encoding="utf-8")
    with pytest.raises(AssertionError):
        rapper(broken, "turtle")
