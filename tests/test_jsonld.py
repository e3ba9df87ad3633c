"""The published JSON-LD context keeps IRIs as IRIs: its coercions come from the ontology's ranges
and, for the annotation properties (Dublin Core, schema.org), from the shapes; checked with two
processors the project did not write, PyLD (Digital Bazaar's JSON-LD API) and Jena riot."""

from __future__ import annotations

import json
import subprocess

import pyoxigraph as ox
import pytest
from debian_tools import jena_classpath, require
from pyld import jsonld

from coopkg.build import context
from coopkg.rdf.namespaces import PREFIXES, expand
from coopkg.read import export

PUBLISHED = json.loads(context.context_path().read_text(encoding="utf-8"))["@context"]
# IRI-valued annotation properties of the data: no OWL range says so, the shapes do.
IRI_VALUED = ("spatial", "subject", "license", "language", "creator", "organizer", "agent", "location",
              "containedInPlace", "superEvent", "sameAs", "rights", "purpose")
HAND_WRITTEN = {  # what a consumer writes with the published context
    "@context": PUBLISHED,
    "id": "auth:fr-example",
    "spatial": "country:fr",
    "license": "https://creativecommons.org/licenses/by/4.0/",
    "organizer": "organisation:cites-unies-france",
    "subject": "theme:culture",
    "startDate": "2020-05-01",
}


def pyld_triples(document: dict) -> set[ox.Triple]:
    nquads = jsonld.to_rdf(document, {"format": "application/n-quads", "documentLoader": _no_network})
    return {ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(nquads.encode(), format=ox.RdfFormat.N_QUADS)}


def _no_network(url, options=None):
    raise jsonld.JsonLdError(f"no network access in the tests: {url}", "loading document failed")


def test_iri_valued_annotation_properties_are_coerced_to_iris():
    for key in IRI_VALUED:
        assert PUBLISHED[key].get("@type") == "@id", key
    assert PUBLISHED["startDate"] == {"@id": "schema:startDate", "@type": "xsd:date"}
    assert "@type" not in PUBLISHED["date"], "dct:date takes three datatypes: no coercion"
    assert PUBLISHED["title"] == {"@id": "dct:title", "@container": "@language"}


def test_a_document_written_with_the_context_reads_as_iris_in_pyld():
    triples = pyld_triples(HAND_WRITTEN)
    subject = ox.NamedNode(expand("auth:fr-example"))
    assert ox.Triple(subject, ox.NamedNode(PREFIXES["dct"] + "spatial"), ox.NamedNode(expand("country:fr"))) in triples
    assert ox.Triple(subject, ox.NamedNode(PREFIXES["dct"] + "license"),
                     ox.NamedNode("https://creativecommons.org/licenses/by/4.0/")) in triples
    assert ox.Triple(subject, ox.NamedNode(PREFIXES["schema"] + "organizer"),
                     ox.NamedNode(expand("organisation:cites-unies-france"))) in triples
    assert ox.Triple(subject, ox.NamedNode(PREFIXES["schema"] + "startDate"),
                     ox.Literal("2020-05-01", datatype=ox.NamedNode(PREFIXES["xsd"] + "date"))) in triples


def test_a_document_written_with_the_context_reads_as_iris_in_riot(tmp_path_factory):
    classpath = jena_classpath(tmp_path_factory.mktemp("jena"))
    require("Jena riot (Debian package libapache-jena-java) with java", classpath is not None,
            "apt-get install libapache-jena-java default-jre-headless")
    path = tmp_path_factory.mktemp("jsonld") / "written.jsonld"
    path.write_text(json.dumps(HAND_WRITTEN), encoding="utf-8")
    result = subprocess.run(["java", "-cp", classpath, "riotcmd.riot", "--syntax=jsonld10", "--output=ntriples", str(path)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    triples = {ox.Triple(t.subject, t.predicate, t.object) for t in ox.parse(result.stdout.encode(), format=ox.RdfFormat.N_TRIPLES)}
    assert ox.Triple(ox.NamedNode(expand("auth:fr-example")), ox.NamedNode(PREFIXES["dct"] + "spatial"),
                     ox.NamedNode(expand("country:fr"))) in triples


@pytest.mark.parametrize("entity", ["auth:fr-nice", "event:groupe-pays-russie-meeting-3", "cid:dataset/coopkg"])
def test_exports_round_trip_through_pyld(repo, entity):
    """The export, compacted with the context, expands back in PyLD to the same triples, and the
    IRI-valued keys are written as plain (compact) IRIs: the coercions are in force."""
    quads = export.entity_quads(repo, entity)
    document = json.loads(export.serialize(quads, "jsonld"))
    expected = {ox.Triple(q.subject, q.predicate, q.object) for q in quads}
    back = pyld_triples(document)
    named = lambda ts: {t for t in ts if not isinstance(t.subject, ox.BlankNode) and not isinstance(t.object, ox.BlankNode)}  # noqa: E731
    assert named(back) == named(expected)
    assert len(back) == len(expected)
    plain = [value for node in document["@graph"] for key in IRI_VALUED if key in node
             for value in (node[key] if isinstance(node[key], list) else [node[key]])]
    blank = [v for v in plain if isinstance(v, dict) and set(v) == {"id"} and v["id"].startswith("_:")]  # a node of its own
    assert plain and all(isinstance(v, str) for v in plain if v not in blank), [v for v in plain if not isinstance(v, str)]
