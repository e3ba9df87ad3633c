"""What an attacker sends to the public faces (issue 11), one named case each, for every face's
tests: updates in every form, SERVICE / LOAD / FROM towards a listener on this machine in every
spelling and trick, and texts made to exhaust the engine (nesting, size, rows).

Imported by the tests of each face (not a conftest: the corpus is data).
"""

from __future__ import annotations

AUTH = "https://w3id.org/coopkg/id/authority/"

# SPARQL 1.1 Update in every form, and behind comments, escapes and letter case.
UPDATES = {
    "insert-data": "INSERT DATA { <urn:x:s> <urn:x:p> <urn:x:o> }",
    "insert-data-graph": "INSERT DATA { GRAPH <urn:x:g> { <urn:x:s> <urn:x:p> <urn:x:o> } }",
    "delete-data": "DELETE DATA { <urn:x:s> <urn:x:p> <urn:x:o> }",
    "delete-where": "DELETE WHERE { ?s ?p ?o }",
    "delete-insert": "DELETE { ?s ?p ?o } INSERT { ?s ?p 1 } WHERE { ?s ?p ?o }",
    "insert-where": "INSERT { ?s <urn:x:p> 1 } WHERE { ?s ?p ?o }",
    "with": "WITH <urn:x:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "using": "DELETE { ?s ?p ?o } USING <urn:x:g> WHERE { ?s ?p ?o }",
    "load": "LOAD <http://127.0.0.1:9/data.ttl>",
    "load-silent-into": "LOAD SILENT <http://127.0.0.1:9/data.ttl> INTO GRAPH <urn:x:g>",
    "clear-all": "CLEAR ALL",
    "clear-default": "CLEAR DEFAULT",
    "clear-graph": "CLEAR GRAPH <https://w3id.org/coopkg/graph/curation>",
    "drop-all": "DROP ALL",
    "drop-silent": "DROP SILENT GRAPH <urn:x:g>",
    "create": "CREATE GRAPH <urn:x:g>",
    "copy": "COPY DEFAULT TO <urn:x:g>",
    "move": "MOVE <urn:x:a> TO <urn:x:b>",
    "add": "ADD <urn:x:a> TO DEFAULT",
    "sequence": "INSERT DATA { <urn:x:s> <urn:x:p> 1 } ; DELETE WHERE { ?s ?p ?o }",
    "prologue": "PREFIX ex: <urn:x:>\nBASE <urn:x:>\nINSERT DATA { ex:s ex:p ex:o }",
    "lower-case": "insert data { <urn:x:s> <urn:x:p> <urn:x:o> }",
    "mixed-case": "InSeRt DaTa { <urn:x:s> <urn:x:p> <urn:x:o> }",
    "behind-comment": "# SELECT * WHERE { ?s ?p ?o }\nDROP ALL",
    "escaped-keyword": "\\u0049NSERT DATA { <urn:x:s> <urn:x:p> <urn:x:o> }",
    "escaped-uppercase": "\\U00000044ELETE WHERE { ?s ?p ?o }",
}


def service_spellings(port: int) -> dict[str, str]:
    """Each way of making Oxigraph open a connection to 127.0.0.1:``port`` (SERVICE, LOAD, FROM),
    each with its own path so that a hit on the listener names it."""
    at = f"127.0.0.1:{port}"
    cases = {
        "plain": f"SELECT * WHERE {{ SERVICE <http://{at}/plain> {{ ?s ?p ?o }} }}",
        "silent": f"SELECT * WHERE {{ SERVICE SILENT <http://{at}/silent> {{ ?s ?p ?o }} }}",
        "lower-case": f"select * where {{ service <http://{at}/lower-case> {{ ?s ?p ?o }} }}",
        "glued-silent": f"SELECT * WHERE {{ SERVICESILENT<http://{at}/glued-silent> {{ ?s ?p ?o }} }}",
        "glued-prefix": f"PREFIX x: <http://{at}/> SELECT * WHERE {{ SERVICEx:glued-prefix {{ ?s ?p ?o }} }}",
        "prefix": f"PREFIX x: <http://{at}/> SELECT * WHERE {{ SERVICE x:prefix {{ ?s ?p ?o }} }}",
        "base": f"BASE <http://{at}/> SELECT * WHERE {{ SERVICE <base> {{ ?s ?p ?o }} }}",
        "escaped-quote": f"PREFIX auth: <{AUTH}> SELECT * WHERE {{ VALUES ?z {{ auth:x.\\'y }} "
                         f"SERVICE <http://{at}/escaped-quote> {{ ?s ?p ?o }} }}",
        "middle-dot": f"PREFIX auth: <{AUTH}> SELECT * WHERE {{ VALUES ?z {{ auth:x\u00b7\\'y }} "
                      f"SERVICE <http://{at}/middle-dot> {{ ?s ?p ?o }} }}",
        "comment-trick": f"SELECT * WHERE {{ FILTER(1<2)SERVICE#>\n<http://{at}/comment-trick> {{ ?s ?p ?o }} }}",
        "escape-in-iri": f"SELECT * WHERE {{ SERVICE <http\\u003A//{at}/escape-in-iri> {{ ?s ?p ?o }} }}",
        "escaped-keyword": f"SELECT * WHERE {{ \\u0053ERVICE <http://{at}/escaped-keyword> {{ ?s ?p ?o }} }}",
        "hexadecimal-ip": f"SELECT * WHERE {{ SERVICE <http://0x7f000001:{port}/hexadecimal-ip> {{ ?s ?p ?o }} }}",
        "decimal-ip": f"SELECT * WHERE {{ SERVICE <http://2130706433:{port}/decimal-ip> {{ ?s ?p ?o }} }}",
        "short-ip": f"SELECT * WHERE {{ SERVICE <http://127.1:{port}/short-ip> {{ ?s ?p ?o }} }}",
        "host-name": f"SELECT * WHERE {{ SERVICE <http://localhost:{port}/host-name> {{ ?s ?p ?o }} }}",
        "ipv6-mapped": f"SELECT * WHERE {{ SERVICE <http://[::ffff:127.0.0.1]:{port}/ipv6-mapped> {{ ?s ?p ?o }} }}",
        "ask": f"ASK {{ SERVICE <http://{at}/ask> {{ ?s ?p ?o }} }}",
        "construct": f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE <http://{at}/construct> {{ ?s ?p ?o }} }}",
        "describe": f"DESCRIBE ?s WHERE {{ SERVICE <http://{at}/describe> {{ ?s ?p ?o }} }}",
        "nested": f"SELECT * WHERE {{ OPTIONAL {{ {{ SERVICE <http://{at}/nested> {{ ?s ?p ?o }} }} }} }}",
        "in-exists": f"SELECT * WHERE {{ ?s ?p ?o FILTER EXISTS {{ SERVICE <http://{at}/in-exists> {{ ?s ?p ?o }} }} }}",
        "in-subquery": f"SELECT * WHERE {{ {{ SELECT * WHERE {{ SERVICE <http://{at}/in-subquery> {{ ?s ?p ?o }} }} }} }}",
        "from": f"SELECT * FROM <http://{at}/from> WHERE {{ ?s ?p ?o }}",
        "from-named": f"SELECT * FROM NAMED <http://{at}/from-named> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
        "load": f"LOAD <http://{at}/load>",
        "file": "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }",
    }
    return cases


def nested(depth: int) -> str:
    return "SELECT * WHERE { FILTER(" + "(" * depth + "1" + ")" * depth + ") }"


# Texts made to cost the engine: refused by the bounds (size, nesting) before it sees them, or
# answered within the caps (rows, bytes, time).
DEEP = {
    "parentheses-5000": nested(5000),
    "unclosed-parentheses": "SELECT * WHERE { FILTER(" + "(" * 5000 + "1 }",
    "braces-3000": "SELECT * WHERE " + "{ " * 3000 + "}" * 3000,
    "exists-1000": "SELECT * WHERE { " + "FILTER EXISTS { " * 1000 + "}" * 1000 + " }",
}
HUGE = {
    "literal-1mb": 'SELECT * WHERE { BIND("' + "x" * 1_000_000 + '" AS ?x) }',
    "values-100k": "SELECT * WHERE { VALUES ?x { " + " ".join(str(i) for i in range(100_000)) + " } }",
    "chain-a.a.a": "SELECT * WHERE { ?s ?p " + ".".join("a" for _ in range(20_000)) + " }",
    "plus-chain": "SELECT * WHERE { FILTER(" + "+".join("1" for _ in range(16_000)) + ") }",
}
# Millions of rows: cut by the caps (the endpoint refuses, a page truncates), never a cut 200.
MILLIONS_OF_ROWS = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }"
# Runs past any time limit without ever yielding a row.
NO_ROW_RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f FILTER(STR(?c) != STR(?f)) }"
# Aborts Oxigraph 0.5.13 (docs/upstream/oxigraph-order-by-panic.md).
ORDER_BY_PANIC = ('SELECT ?o WHERE { VALUES ?o { 9 "5" 10 "5" 9 "5" 10 10 9 9 "5" 10 "5" 10 9 10 "5" 9 9 "5" "5" } } '
                  'ORDER BY ?o')

# Labels that must show as the characters they hold, never run or render.
HOSTILE_LABELS = {
    "html": "<img src=x onerror=alert(1)>",
    "script": "<script>alert(1)</script>",
    "markdown-link": "[x](javascript:alert(1))",
    "autolink": "see http://evil.example/ and <http://evil.example/>",
    "javascript-url": "javascript:alert(document.cookie)",
    "escape": "red\x1b[31m text\x1b[0m",
    "bell-backspace-cr": "ring\x07 back\x08\x08 over\rwrite",
    "bidi-override": "abc\u202edcba\u202c",
    "bidi-isolate": "\u2067evil\u2069",
}

# Searches holding SPARQL syntax: bound as a literal, never pasted into the query.
HOSTILE_SEARCHES = ['"} } INSERT DATA { <urn:x:s> <urn:x:p> 1 } #', "') } ; DROP ALL #", "\\u0022 } LIMIT 0 #",
                    "?s ?p ?o", "*", "((((((((", "a" * 5000]

# Paths a dereferencing request may try.
TRAVERSALS = ["/doc/id/../../../../etc/passwd", "/doc/id/%2e%2e/%2e%2e/etc/passwd", "/id/..%2f..%2fetc%2fpasswd",
              "/ontology/../../pyproject.toml", "/context.jsonld/../../pyproject.toml", "/shapes/..%2F..%2Fpyproject.toml",
              "/doc/id/authority/fr-nice%00.ttl", "/id/authority/%2e%2e%5c%2e%2e%5cetc", "//etc/passwd",
              "/doc/graph/..%252f..%252fetc%252fpasswd", "/id/authority/fr%20nice", "/id/authority/%3Cscript%3E",
              "/id/authority/%22x%22", "/id/authority/%FF", "/id/authority/%00"]
