"""`coopkg` as a user runs it from a terminal: subcommands, formats, and messages for bad input."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pyoxigraph as ox
import pytest

from coopkg.cli import main as cli

SUBCOMMANDS = ["build", "validate", "query", "stats", "docs", "import-reference"]


def run(capsys, *args):
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("command", SUBCOMMANDS)
def test_every_subcommand_has_help(command):
    done = subprocess.run([sys.executable, "-m", "coopkg", command, "--help"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0
    assert f"coopkg {command}" in done.stdout and "--lang" in done.stdout


def test_stats_counts_classes_and_graphs(built, capsys):
    code, out, _ = run(capsys, "stats")
    assert code == 0
    assert "coop:Partnership" in out and "foaf:Person" in out
    assert "cgraph:cuf-groupe-pays-russie" in out and "cgraph:wikidata-p190-2017" in out
    total = [line for line in out.splitlines() if line.strip().startswith("total")]
    assert total and int(total[0].split()[-1]) > 5000


SELECT_MEETINGS = """
SELECT ?event ?date WHERE {
  GRAPH cgraph:cuf-groupe-pays-russie { ?event schema:superEvent event:groupe-pays-russie-meetings ; schema:startDate ?date }
} ORDER BY ?date"""


def test_inline_select_as_table(built, capsys):
    code, out, _ = run(capsys, "query", SELECT_MEETINGS)
    assert code == 0
    assert "event:groupe-pays-russie-meeting-1" in out and "2014-02-12" in out
    assert out.strip().endswith("(7 rows)")


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json", "xml"])
def test_select_in_sparql_results_formats(built, capsys, fmt):
    code, out, _ = run(capsys, "query", SELECT_MEETINGS, "--format", fmt)
    assert code == 0
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(out)))
        assert len(rows) == 7 and rows[0]["date"] == "2014-02-12"
    elif fmt == "tsv":
        lines = out.strip().splitlines()
        assert lines[0] == "?event\t?date" and len(lines) == 8
    elif fmt == "json":
        doc = json.loads(out)
        assert doc["head"]["vars"] == ["event", "date"] and len(doc["results"]["bindings"]) == 7
    else:
        ns = {"r": "http://www.w3.org/2005/sparql-results#"}
        assert len(ET.fromstring(out).findall(".//r:result", ns)) == 7


@pytest.mark.parametrize("fmt,rdf_format", [("turtle", ox.RdfFormat.TURTLE), ("ntriples", ox.RdfFormat.N_TRIPLES),
                                            ("jsonld", ox.RdfFormat.JSON_LD), ("rdfxml", ox.RdfFormat.RDF_XML)])
def test_construct_in_rdf_formats(built, capsys, fmt, rdf_format):
    query = "CONSTRUCT { ?p coop:partner ?a } WHERE { ?p a coop:Partnership ; coop:partner ?a }"
    code, out, _ = run(capsys, "query", query, "--format", fmt)
    assert code == 0
    triples = list(ox.parse(out.encode(), format=rdf_format))
    assert len(triples) >= 120  # 60 twinnings and more, two partners each


def test_output_file(built, capsys, tmp_path):
    target = tmp_path / "meetings.csv"
    code, out, _ = run(capsys, "query", SELECT_MEETINGS, "--format", "csv", "--output", str(target))
    assert code == 0 and out == ""
    assert target.read_text(encoding="utf-8").count("\n") == 8


def test_syntax_error_names_line_and_column(built, capsys):
    code, out, err = run(capsys, "query", "SELECT ?s\nWHERE { ?s ?p }")
    assert code == 2
    assert "query:2:" in err and "SPARQL syntax error" in err
    assert "Traceback" not in err


def test_unknown_query_name(built, capsys):
    code, _, err = run(capsys, "query", "no-such-query.rq")
    assert code == 2
    assert "no query named 'no-such-query.rq'" in err


def test_update_is_refused(built, capsys):
    code, _, err = run(capsys, "query", "DELETE WHERE { ?s ?p ?o }")
    assert code == 2
    assert "DELETE (SPARQL Update or LOAD) is refused" in err  # said so by the reader, before anything runs
    # and the store still holds its data
    code, out, _ = run(capsys, "query", "ASK { ?s a coop:Partnership }")
    assert out.strip() == "true"


def test_param_on_inline_query_is_refused(built, capsys):
    code, _, err = run(capsys, "query", "SELECT * WHERE { ?s ?p ?o } LIMIT 1", "-p", "x=1")
    assert code == 2 and "--param is for named queries" in err


def test_no_store_gives_a_clear_message(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("COOPKG_STORE", str(tmp_path / "nothing-here"))
    code, _, err = run(capsys, "stats")
    assert code == 2
    assert "no store has been built" in err and "coopkg build" in err


def test_docs_generates_html_in_one_language(capsys, tmp_path):
    target = tmp_path / "ontology.html"
    code, out, _ = run(capsys, "docs", "--output", str(target))
    assert code == 0
    html = target.read_text(encoding="utf-8")
    assert "Local authority" in html and "Partnership" in html
    assert "Collectivité territoriale" not in html  # one language per page, not run together
    code, out, _ = run(capsys, "docs", "--lang", "fr", "--output", str(tmp_path / "fr.html"))
    french = (tmp_path / "fr.html").read_text(encoding="utf-8")
    assert code == 0 and "Collectivité territoriale" in french and "Local authority" not in french


def test_stats_per_graph_counts_are_the_graphs_sizes(repo):
    from coopkg.read.stats import compute

    stats = compute(repo)
    for graph, count, title in stats.by_graph:
        assert count == sum(1 for _ in repo.quads(graph)), graph
    titles = dict((g, t) for g, _, t in stats.by_graph)
    assert titles["https://w3id.org/coopkg/graph/cuf-groupe-pays-russie"].startswith("“Groupe-pays Russie”")


def test_the_queries_the_documentation_names_exist():
    """Every `coopkg query NAME` in the README and docs/ runs a query of the catalogue."""
    import re

    from coopkg.sparql.catalogue import load_catalogue

    root = Path(__file__).resolve().parent.parent
    texts = [root / "README.md", *sorted((root / "docs").glob("*.md"))]
    named = {name for path in texts for name in re.findall(r"coopkg query ([a-z][a-z0-9-]+)(?![/.\w])", path.read_text(encoding="utf-8"))}
    assert named and named - set(load_catalogue()) == set()
    files = {name for path in texts for name in re.findall(r"\b(queries/[\w/.-]+\.rq)\b", path.read_text(encoding="utf-8"))}
    assert {name for name in files if "*" not in name and not (root / name).is_file()} == set()


def test_long_inline_queries_are_text_not_file_names(built, capsys):
    long_query = "SELECT ?s WHERE{?s<https://w3id.org/coopkg/ontology#partner>?o}" + "#" + "x" * 400
    assert cli.main(["query", long_query, "--format", "csv"]) == 0
    assert capsys.readouterr().out.startswith("s\r\n")
