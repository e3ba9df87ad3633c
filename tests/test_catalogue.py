"""The catalogue mechanism of coopkg.sparql.catalogue: query headers, parameters bound as RDF terms.

These tests use query files written into a temporary folder and a small in-memory store, so they
check the mechanism itself; tests/test_queries.py checks the project's own queries on the real data.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from coopkg.sparql.catalogue import CatalogueError, Param, load_catalogue, parse_query_file, to_term
from coopkg.sparql.reader import query_form
from coopkg.store.embedded import EmbeddedRepository

XSD = "http://www.w3.org/2001/XMLSchema#"
ID = "https://w3id.org/coopkg/id/"

HEADER = """\
#+ title@en: Partnerships of an authority
#+ title@fr: Partenariats d'une collectivité
#+ description@en: Every partnership of an authority.
#+ description@fr: Tous les partenariats d'une collectivité.
#+ param: authority iri coop:LocalAuthority auth:fr-nice
#+ param@label@en: authority: Local authority
#+ param@label@fr: authority: Collectivité
#+ param: note string - a default note
#+ param: day date - 2016-07-05
#+ param: n integer
#+ param: lang lang - fr
"""
BODY = """\
SELECT ?authority ?note ?day ?n ?lang ?partner
WHERE { ?p coop:partner ?authority , ?partner . FILTER(?partner != ?authority) }
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / f"{name}.rq"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def query(tmp_path):
    return parse_query_file(write(tmp_path, "partnerships", HEADER + BODY))


# --- Header parsing --------------------------------------------------------------------------------

def test_header_gives_titles_descriptions_and_parameters(query):
    assert query.name == "partnerships"
    assert query.titles == {"en": "Partnerships of an authority", "fr": "Partenariats d'une collectivité"}
    assert query.description("fr") == "Tous les partenariats d'une collectivité."
    assert query.title("ru") == "Partnerships of an authority"  # falls back on English
    assert [p.name for p in query.params] == ["authority", "note", "day", "n", "lang"]
    authority = query.params[0]
    assert (authority.type, authority.of_class, authority.default) == ("iri", "coop:LocalAuthority", "auth:fr-nice")
    assert authority.label("fr") == "Collectivité" and authority.label("ru") == "Local authority"
    note = query.params[1]
    assert (note.of_class, note.default) == (None, "a default note")  # a default may contain spaces
    assert query.params[3].default is None
    assert query.form == "SELECT"


def test_load_catalogue_reads_the_folder_not_its_subfolders(tmp_path):
    write(tmp_path, "one", HEADER + BODY)
    (tmp_path / "checks").mkdir()
    write(tmp_path / "checks", "two-violation", "SELECT * WHERE { ?s ?p ?o }\n")
    assert list(load_catalogue(tmp_path)) == ["one"]


@pytest.mark.parametrize("line, message", [
    ("#+ title@en Partnerships", "expected '#+ key: value'"),
    ("#+ param: authority", "expected 'param: NAME TYPE"),
    ("#+ param: authority uri - auth:fr-nice", "TYPE one of iri, string, date, integer, lang"),
    ("#+ colour: blue", "unknown header key 'colour'"),
    ("#+ param@label@en: country: Country", "label for undeclared parameter 'country'"),
    ("#+ column@en: partner", "expected '#+ column@LANG: VARIABLE: title'"),
])
def test_a_malformed_header_names_the_file_and_the_line(tmp_path, line, message):
    text = HEADER.replace("#+ param: lang lang - fr\n", "#+ param: lang lang - fr\n" + line + "\n")
    path = write(tmp_path, "broken", text + BODY)
    with pytest.raises(CatalogueError) as error:
        parse_query_file(path)
    line_number = text.splitlines().index(line) + 1
    assert f"{path}:{line_number}:" in str(error.value)
    assert message in str(error.value)


def test_column_titles_by_language(tmp_path):
    text = HEADER + "#+ column@en: n: Number\n#+ column@fr: n: Nombre\n#+ column@ru: n: Число\n" + BODY
    query = parse_query_file(write(tmp_path, "titled", text))
    assert query.column_title("n", "ru") == "Число" and query.column_title("n", "fr") == "Nombre"
    assert query.column_title("n", "de") == "Number" and query.column_title("note", "en") is None
    with pytest.raises(CatalogueError, match="column title for 'nothing', which is not a variable"):
        parse_query_file(write(tmp_path, "wrong", HEADER + "#+ column@en: nothing: Nothing\n" + BODY))


def test_every_catalogue_query_speaks_three_languages_and_titles_its_columns():
    """The catalogue as the explorer shows it: title, description, parameters and every column
    shown (an ?xLabel beside an ?x, and the lang parameter, aside) in en, fr and ru."""
    import re

    for name, query in load_catalogue().items():
        for lang in ("en", "fr", "ru"):
            assert query.titles.get(lang) and query.descriptions.get(lang), (name, lang)
            for param in query.params:
                assert param.labels.get(lang), (name, param.name, lang)
        select = re.search(r"SELECT\s+(?:DISTINCT\s+)?(.*?)\bWHERE", query.body, re.S).group(1)
        variables = [a or b for a, b in re.findall(r"\(.*?AS\s+\?(\w+)\)|\?(\w+)", select, re.S)]
        for variable in variables:
            if variable == "lang" or (variable.endswith("Label") and variable[:-5] in variables):
                continue
            assert set(query.columns.get(variable, {})) == {"en", "fr", "ru"}, (name, variable)


def test_a_declared_parameter_must_be_a_variable_of_the_query(tmp_path):
    path = write(tmp_path, "unused", HEADER + BODY.replace("?n ", ""))
    with pytest.raises(CatalogueError, match=r"unused\.rq: parameter 'n' is not a variable of the query"):
        parse_query_file(path)


def test_a_parameter_whose_name_prefixes_a_variable_is_not_taken_for_it(tmp_path):
    # ?authorityLabel must not count as a use of ?auth.
    text = ("#+ title@en: t\n#+ param: auth iri - auth:fr-nice\n"
            "SELECT ?authorityLabel WHERE { ?x ?p ?authorityLabel }\n")
    with pytest.raises(CatalogueError, match="parameter 'auth' is not a variable"):
        parse_query_file(write(tmp_path, "prefix", text))


def test_query_form_ignores_comments_and_keywords_inside_iris():
    text = "#+ title@en: SELECT this\n# CONSTRUCT nothing\nPREFIX x: <http://e/SELECT/>\nCONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    assert query_form(text) == "CONSTRUCT"
    assert query_form("ASK { ?s ?p ?o }") == "ASK"


# --- Binding parameters as RDF terms --------------------------------------------------------------

def test_bind_turns_values_into_terms_and_fills_defaults(query):
    bound = query.bind({"authority": "auth:fr-bordeaux", "day": "2019-07-03", "n": "12"})
    assert bound["authority"] == ox.NamedNode(ID + "authority/fr-bordeaux")
    assert bound["day"] == ox.Literal("2019-07-03", datatype=ox.NamedNode(XSD + "date"))
    assert bound["n"] == ox.Literal("12", datatype=ox.NamedNode(XSD + "integer"))
    assert bound["note"] == ox.Literal("a default note")
    assert bound["lang"] == ox.Literal("fr")
    # No value and no default: the variable stays free.
    assert "n" not in query.bind({})
    # An empty value falls back on the default, as an empty form field does.
    assert query.bind({"authority": ""})["authority"] == ox.NamedNode(ID + "authority/fr-nice")


def test_bind_accepts_full_iris_and_lower_cases_language_tags(query):
    bound = query.bind({"authority": "<https://example.org/a>", "lang": "EN"})
    assert bound["authority"] == ox.NamedNode("https://example.org/a")
    assert bound["lang"] == ox.Literal("en")
    assert query.bind({"authority": "https://example.org/b"})["authority"] == ox.NamedNode("https://example.org/b")


def test_an_unknown_parameter_is_refused_with_the_known_ones(query):
    with pytest.raises(CatalogueError) as error:
        query.bind({"country": "country:fr"})
    assert "partnerships: unknown parameter(s) country" in str(error.value)
    assert "known: authority, note, day, n, lang" in str(error.value)


@pytest.mark.parametrize("name, value, message", [
    ("authority", "not an iri", "is not an IRI or a known prefixed name"),
    ("authority", "auth:x> } ; DROP ALL ; <y", "is not an IRI"),
    ("day", "2016-02-30", "is not a date (YYYY-MM-DD)"),
    ("day", "05/07/2016", "is not a date"),
    ("n", "12; DROP ALL", "is not an integer"),
    ("lang", 'fr") } DROP ALL', "is not a language tag"),
])
def test_an_invalid_value_is_refused_naming_the_query_and_the_parameter(query, name, value, message):
    with pytest.raises(CatalogueError) as error:
        query.bind({name: value})
    assert f"partnerships: parameter {name}" in str(error.value)
    assert message in str(error.value)


INJECTION = '> } ; DROP ALL ; INSERT DATA { <urn:a> <urn:b> "c" } #'

DATA = """
@prefix coop: <https://w3id.org/coopkg/ontology#> .
@prefix auth: <https://w3id.org/coopkg/id/authority/> .
@prefix partnership: <https://w3id.org/coopkg/id/partnership/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<https://w3id.org/coopkg/graph/test> {
  partnership:twinning-nice-saint-petersburg coop:partner auth:fr-nice , auth:ru-saint-petersburg .
  partnership:twinning-bordeaux-saint-petersburg coop:partner auth:fr-bordeaux , auth:ru-saint-petersburg .
  auth:fr-nice skos:note "> } ; DROP ALL ; INSERT DATA { <urn:a> <urn:b> \\"c\\" } #" .
}
"""


@pytest.fixture
def repo():
    store = ox.Store()
    store.load(DATA.encode(), format=ox.RdfFormat.TRIG)
    return EmbeddedRepository(store)


def test_parameters_reach_the_query_as_terms(repo, query):
    rows = list(repo.query(query.text, query.bind({})))
    assert {row["partner"].value for row in rows} == {ID + "authority/ru-saint-petersburg"}
    rows = list(repo.query(query.text, query.bind({"authority": "auth:ru-saint-petersburg"})))
    assert {row["partner"].value for row in rows} == {ID + "authority/fr-nice", ID + "authority/fr-bordeaux"}


def test_a_value_full_of_sparql_syntax_is_one_literal_and_cannot_change_the_query(tmp_path, repo):
    text = ("#+ title@en: Things with a note\n#+ param: text string - x\n"
            "SELECT ?thing ?text WHERE { ?thing skos:note ?text }\n")
    named = parse_query_file(write(tmp_path, "notes", text))
    bound = named.bind({"text": INJECTION})
    assert bound["text"] == ox.Literal(INJECTION)
    before = len(repo.store)
    rows = list(repo.query(named.text, bound))
    # The value is matched as the literal it is (the note holds exactly that text), nothing else.
    assert [(row["thing"].value, row["text"].value) for row in rows] == [(ID + "authority/fr-nice", INJECTION)]
    assert len(repo.store) == before
    assert not list(repo.store.quads_for_pattern(ox.NamedNode("urn:a"), None, None))
    # And it never became part of the query text.
    assert INJECTION not in named.text


def test_to_term_of_each_type():
    assert to_term(Param("x", "iri"), " cid:authority/fr-nice ") == ox.NamedNode(ID + "authority/fr-nice")
    assert to_term(Param("x", "string"), "Nice") == ox.Literal("Nice")
    assert to_term(Param("x", "integer"), "-3") == ox.Literal("-3", datatype=ox.NamedNode(XSD + "integer"))
    assert to_term(Param("x", "lang"), "fr-CA") == ox.Literal("fr-ca")
