"""How close to its time limit a runaway query is cut, on each face, and how soon after its client
hangs up. Prints one table; never asserted in tests.

    .venv/bin/python benchmarks/runaway.py [--limit 10] [--repeat 3]

Shapes (on the current build): a COUNT over a three-way cross product (no row before the end), the
same over two patterns with a FILTER (issue 11's 70 s case on Oxigraph's server), a streaming
``SELECT *`` over a cross product with caps high enough that only the time limit stops it (the
case Oxigraph's server answered 200 with a cut body), and an ORDER BY over a cross product.
Faces: the SPARQL endpoint (``coopkg.service.endpoint`` in uvicorn, over HTTP) and the explorer's
query service (``coopkg.service.sandbox``). "cut after" is the wall time from sending the query
to the answer, "past limit" what it took beyond the limit; "hang-up to kill" is the time from the
client closing its connection to the parent seeing the worker gone. CPU seconds: this process
(the server's event loop and the service), beside the wall.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

SHAPES = {
    "COUNT, 3-way cross product": "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
    "COUNT, cross product + FILTER": "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f FILTER(STR(?c) != STR(?f)) }",
    "streaming SELECT *": "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
    "ORDER BY a cross product": "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?f ?c LIMIT 10",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=float, default=10.0)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    # Caps high enough that only the time limit can stop the streaming shape.
    os.environ.update({"COOPKG_DOWNLOAD_LIMIT": str(10 ** 9), "COOPKG_RESULT_MAX_BYTES": str(2 * 10 ** 9),
                       "COOPKG_PAGE_MAX_BYTES": str(2 * 10 ** 9), "COOPKG_ROW_LIMIT": str(10 ** 9),
                       "COOPKG_LONG_QUERY_S": "3600"})
    import httpx
    import uvicorn

    from coopkg.service import sandbox
    from coopkg.service.core import QueryService
    from coopkg.service.endpoint import create_app

    service = QueryService(workers=2)
    service.start()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}/query"
    server = uvicorn.Server(uvicorn.Config(create_app(service, url, args.limit), host="127.0.0.1", port=port,
                                           log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    print(f"time limit {args.limit:g} s, {args.repeat} runs each (median, max); CPU s of this process beside wall s")
    print()
    print("| face | shape | answer | cut after s (median / max) | past limit s (max) | CPU s |")
    print("| --- | --- | --- | ---: | ---: | ---: |")
    for shape, query in SHAPES.items():
        for face in ("endpoint", "explorer"):
            walls, answers = [], set()
            cpu = time.process_time()
            for _ in range(args.repeat):
                started = time.monotonic()
                if face == "endpoint":
                    response = httpx.post(url, data={"query": query}, timeout=args.limit * 10)
                    answers.add(f"{response.status_code} {response.headers.get('retry-after', '')}".strip())
                else:
                    outcome = sandbox.run_query(query, service=service, timeout_s=args.limit)
                    answers.add(outcome.error_kind or "ok")
                walls.append(time.monotonic() - started)
            cpu = time.process_time() - cpu
            print(f"| {face} | {shape} | {', '.join(sorted(answers))} | {statistics.median(walls):.2f} / "
                  f"{max(walls):.2f} | {max(walls) - args.limit:.2f} | {cpu:.2f} |")
    # Hang-ups: the time from closing the connection to the worker's death.
    delays = []
    query = str(httpx.QueryParams({"query": SHAPES["COUNT, 3-way cross product"]})).encode()
    for _ in range(args.repeat):
        before = len(service.deaths)
        conn = socket.create_connection(("127.0.0.1", port))
        conn.sendall(b"POST /query HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                     b"Content-Length: %d\r\n\r\n%s" % (len(query), query))
        while len(service.pool.busy_pids()) == 0:
            time.sleep(0.01)
        time.sleep(1.0)  # the query is well under way
        closed = time.monotonic()
        conn.close()
        while len(service.deaths) == before:
            time.sleep(0.005)
        delays.append(service.deaths[-1].at - closed)
        assert service.deaths[-1].kind == "cancelled", service.deaths[-1]
    print()
    print(f"endpoint, client hangs up 1 s into a query: killed {statistics.median(delays) * 1000:.0f} ms later "
          f"(median; max {max(delays) * 1000:.0f} ms) of {args.repeat}")
    server.should_exit = True
    service.close()


if __name__ == "__main__":
    main()
