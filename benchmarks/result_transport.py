"""What it costs to bring a query's results from a worker process to the service, per way of encoding.

    .venv/bin/python benchmarks/result_transport.py [--rows 10,1000,100000]

The first way is the sandbox before issue 11: the worker turned each term into a dict and the rows
into one JSON text, and the parent decoded the JSON and built each term again in Python (the
query service now does the TSV way). The alternatives let pyoxigraph
do both ends in Rust: ``QuerySolutions.serialize`` in the worker, ``parse_query_results`` in the
parent (JSON, or TSV, whose one line per row gives an exact row count while streaming), or no
parsing at all where the parent only forwards the bytes to an HTTP client. Each way runs the same
query on the current build (the real data; rows past its size come from a cross product with a
VALUES block) and ends with the rows as tuples of pyoxigraph terms, except the forwarding ones.
A second table gives the whole round trip through the query service (a warm worker process,
the request and the answer over its socket pair), beside the same query run in this process: the
difference is the fixed cost of the sandbox per query. Medians of CPU and wall seconds, side by
side in one run; never asserted. CPU is this process's only (the worker's is not counted).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("COOPKG_PAGE_MAX_BYTES", str(2 * 10 ** 9))  # the rows are what is measured, not the cap

import pyoxigraph as ox  # noqa: E402

from coopkg.service.sandbox import QueryService, run_query, term_from_json, term_to_json  # noqa: E402
from coopkg.store.embedded import EmbeddedRepository  # noqa: E402
from coopkg.store.layout import current_build  # noqa: E402

JSON, TSV = ox.QueryResultsFormat.JSON, ox.QueryResultsFormat.TSV


def query_for(rows: int) -> str:
    copies = " ".join(str(i) for i in range(1, 12))
    return f"SELECT * WHERE {{ GRAPH ?g {{ ?s ?p ?o }} VALUES ?copy {{ {copies} }} }} LIMIT {rows}"


def today(result):
    names = [v.value for v in result.variables]
    bindings = [{n: term_to_json(row[n]) for n in names if row[n] is not None} for row in result]
    payload = json.dumps({"head": {"vars": names}, "results": {"bindings": bindings}}, ensure_ascii=False)
    # ... sent as a str; the parent:
    decoded = json.loads(payload)
    columns = decoded["head"]["vars"]
    rows = [tuple(term_from_json(b[c]) if c in b else None for c in columns) for b in decoded["results"]["bindings"]]
    return rows, len(payload.encode())


def serialized(fmt):
    def run(result):
        payload = result.serialize(format=fmt)
        rows = [tuple(solution) for solution in ox.parse_query_results(payload, format=fmt)]
        return rows, len(payload)
    return run


def forwarded(result):
    payload = result.serialize(format=JSON)
    return None, len(payload)


def tsv_to_json(result):
    payload = result.serialize(format=TSV)
    body = ox.parse_query_results(payload, format=TSV).serialize(format=JSON)
    return None, len(payload) + len(body)


def iterate_only(result):
    return [tuple(solution) for solution in result], 0


WAYS = {
    "rows only (query and iteration, no transport)": iterate_only,
    "today: dict per term + json both ways": today,
    "serialize JSON -> parse_query_results JSON": serialized(JSON),
    "serialize TSV -> parse_query_results TSV": serialized(TSV),
    "endpoint: serialize JSON, forward the bytes": forwarded,
    "endpoint: serialize TSV, parent converts to JSON": tsv_to_json,
}


def timed(run, rows: int) -> tuple[float, float, int]:
    repeats = 200 if rows <= 10 else 20 if rows <= 1000 else 3
    cpu, wall, size = [], [], 0
    for _ in range(repeats):
        c0, w0 = time.process_time(), time.perf_counter()
        got, size = run()
        cpu.append(time.process_time() - c0)
        wall.append(time.perf_counter() - w0)
        if got is not None:
            assert len(got) == rows, (len(got), rows)
    return statistics.median(cpu), statistics.median(wall), size


def measure(repository, way, rows: int) -> tuple[float, float, int]:
    return timed(lambda: way(repository.query(query_for(rows))), rows)


def round_trip(service, store, rows: int) -> tuple[float, float, int]:
    def run():
        outcome = run_query(query_for(rows), row_limit=rows, timeout_s=600, store_path=store, service=service)
        assert outcome.ok, outcome.error
        return outcome.rows, len(outcome.payload.encode())
    return timed(run, rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", default="10,1000,100000", help="comma-separated row counts")
    args = parser.parse_args()
    repository = EmbeddedRepository.open()
    sizes = [int(n) for n in args.rows.split(",")]
    print(f"{'rows':>7}  {'way':<50} {'CPU ms':>9} {'wall ms':>9} {'vs today':>9} {'bytes':>11}")
    for rows in sizes:
        results = {name: measure(repository, way, rows) for name, way in WAYS.items()}
        reference = results["today: dict per term + json both ways"][0]
        for name, (cpu, wall, size) in results.items():
            print(f"{rows:>7}  {name:<50} {cpu * 1000:>9.2f} {wall * 1000:>9.2f} {cpu / reference:>8.2f}× {size:>11}")
        print()
    store = current_build()
    service = QueryService(workers=1, spare=0)
    try:
        run_query("ASK {}", store_path=store, service=service)  # start the worker and open the store
        print(f"{'rows':>7}  {'whole query':<50} {'CPU ms':>9} {'wall ms':>9} {'wall vs':>9}")
        for rows in sizes:
            cpu, wall, _ = measure(repository, iterate_only, rows)
            sandboxed = round_trip(service, store, rows)
            print(f"{rows:>7}  {'in this process (no sandbox)':<50} {cpu * 1000:>9.2f} {wall * 1000:>9.2f} {1:>8.2f}×")
            label = "through the query service (warm worker)"
            print(f"{rows:>7}  {label:<50} {sandboxed[0] * 1000:>9.2f} "
                  f"{sandboxed[1] * 1000:>9.2f} {sandboxed[1] / wall:>8.2f}×")
    finally:
        service.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
