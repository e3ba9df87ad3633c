"""Every class and property the data uses is named in French and English by the ontology graph,
so the explorer and the exports can label it."""

from __future__ import annotations

META = ("http://www.w3.org/1999/02/22-rdf-syntax-ns#", "http://www.w3.org/2000/01/rdf-schema#",
        "http://www.w3.org/2002/07/owl#")

UNLABELLED_TERMS = """
SELECT DISTINCT ?term ?lang WHERE {
  { ?s ?term ?o } UNION { ?s a ?term }
  VALUES ?lang { "fr" "en" }
  FILTER NOT EXISTS { GRAPH cgraph:ontology { ?term rdfs:label ?l FILTER(LANG(?l) = ?lang) } }
}"""


def test_every_term_the_data_uses_has_french_and_english_labels(repo):
    missing = sorted((row["term"].value, row["lang"].value) for row in repo.query(UNLABELLED_TERMS)
                     if not row["term"].value.startswith(META))
    assert missing == []
