"""The query service under load: the SPARQL endpoint and the explorer's query service at once, with
a few runaway clients, for a bounded time. Prints throughput, latency percentiles and errors per
kind of request, the peak memory of each server, and whether the service answers normally after.

    .venv/bin/python benchmarks/load.py [--seconds 60] [--clients 50] [--sessions 20] [--runaways 3]

- ``coopkg serve`` on the current build (a subprocess, its default limits and 3 workers); each of
  the ``--clients`` endpoint clients has its own loopback address (127.0.0.x), so that each is a
  client of its own for the fair share; it loops over cheap queries (catalogue queries, ASK,
  counts), entity descriptions (DESCRIBE) and label searches (a FILTER over labels), with a pause
  between requests (``--think``, 0.2 to 1 s: a program, not a person).
- ``--runaways`` more endpoint clients send only queries that never yield a row (a COUNT over a
  cross product with a FILTER), one after the other.
- ``--sessions`` explorer sessions in a process of their own, as the explorer's server runs them
  (without Streamlit's rendering): each runs the SPARQL page's and the catalogue's queries through
  ``coopkg.service.sandbox`` (its own pool of 3 workers, the session as client), searches the
  label index and builds entity pages (``coopkg.read``), in a loop with a person's pauses (0.5 to
  2 s); one of them also sends a runaway query now and then.

Memory: the peak resident size of each server with its worker processes (sampled every 0.5 s).
Figures on this machine are in the README's reliability section; never asserted in tests.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import resource
import socket
import subprocess
import sys
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))

from hostile_corpus import NO_ROW_RUNAWAY  # noqa: E402

CHEAP = [
    "ASK { ?s a coop:Partnership }",
    "SELECT (COUNT(*) AS ?n) WHERE { ?p a coop:Partnership }",
    "SELECT ?a ?label WHERE { ?a a coop:LocalAuthority ; skos:prefLabel ?label FILTER(LANG(?label) = 'fr') } LIMIT 50",
    "SELECT ?e ?organizer WHERE { ?e schema:organizer ?organizer } ORDER BY ?e LIMIT 20",
    "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
]
ENTITIES = ["auth:fr-nice", "auth:ru-nizhny-novgorod", "auth:fr-bordeaux", "auth:ru-saint-petersburg", "organisation:fr-cncd"]
WORDS = ["nice", "moscou", "bordeaux", "jumelage", "коопер", "saint", "région", "forum"]


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and its descendants, in MB."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
            for task in Path(f"/proc/{current}/task").iterdir():
                stack.extend(int(c) for c in (task / "children").read_text().split())
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return total / 1024


class Peak(threading.Thread):
    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.peak, self.stopped = pid, 0.0, threading.Event()

    def run(self):
        while not self.stopped.wait(0.5):
            self.peak = max(self.peak, tree_rss_mb(self.pid))


# --- the endpoint's clients ---------------------------------------------------------------------------

THINK = (0.2, 1.0)


async def endpoint_client(number: int, url: str, until: float, runaway: bool, results: list) -> None:
    import httpx

    rng = random.Random(number)
    transport = httpx.AsyncHTTPTransport(local_address=f"127.0.{1 + number // 250}.{2 + number % 250}")
    async with httpx.AsyncClient(transport=transport, timeout=120) as client:
        while time.monotonic() < until:
            if runaway:
                kind, query = "runaway", NO_ROW_RUNAWAY
            else:
                kind = rng.choice(["cheap", "cheap", "cheap", "entity", "search"])
                if kind == "cheap":
                    query = rng.choice(CHEAP)
                elif kind == "entity":
                    query = f"DESCRIBE {rng.choice(ENTITIES)}"
                else:
                    query = ("SELECT ?s ?label WHERE { ?s skos:prefLabel ?label "
                             f"FILTER(CONTAINS(LCASE(STR(?label)), \"{rng.choice(WORDS)}\")) }} LIMIT 20")
            started = time.monotonic()
            try:
                response = await client.post(url, data={"query": query})
                status = response.status_code
            except httpx.HTTPError as exc:
                status = type(exc).__name__
            results.append(("endpoint " + kind, status, time.monotonic() - started, started))
            if not runaway:
                await asyncio.sleep(rng.uniform(*THINK))


def endpoint_load(url: str, seconds: float, clients: int, runaways: int) -> list:
    results: list = []
    until = time.monotonic() + seconds

    async def everyone():
        await asyncio.gather(*(endpoint_client(i, url, until, i >= clients, results)
                               for i in range(clients + runaways)))

    asyncio.run(everyone())
    return results


# --- the explorer's sessions (run with --role explorer in a process of their own) ---------------------

def explorer_role(seconds: float, sessions: int, out: Path) -> None:
    import pyoxigraph as ox

    from coopkg.read.entity import describe_entity
    from coopkg.read.labels import load_labels
    from coopkg.read.search import load_index
    from coopkg.service import sandbox
    from coopkg.service.core import get_service
    from coopkg.sparql.catalogue import load_catalogue
    from coopkg.store import open_repository

    repository = open_repository()
    labels, index = load_labels(repository), load_index(repository)
    catalogue = []
    for named in load_catalogue().values():
        try:
            catalogue.append((named.text, named.bind({})))  # each with its parameters' defaults
        except ValueError:
            continue
    service = get_service()
    service.start()
    results, lock = [], threading.Lock()
    until = time.monotonic() + seconds

    def session(number: int) -> None:
        rng = random.Random(1000 + number)
        client = f"explorer session {number}"
        while time.monotonic() < until:
            kind = rng.choice(["sparql", "catalogue", "search", "entity"])
            if number == 0 and rng.random() < 0.2:
                kind = "runaway"
            started = time.monotonic()
            status = "ok"
            if kind in ("sparql", "runaway", "catalogue"):
                text, values = ((NO_ROW_RUNAWAY, None) if kind == "runaway" else (rng.choice(CHEAP), None)
                                if kind == "sparql" else rng.choice(catalogue))
                outcome = sandbox.run_query(text, values, client=client)
                status = outcome.error_kind or "ok"
            elif kind == "search":
                index.search(rng.choice(WORDS), "fr")
            else:
                iri = "https://w3id.org/coopkg/id/authority/" + rng.choice(["fr-nice", "ru-nizhny-novgorod", "fr-bordeaux"])
                describe_entity(repository, iri, "fr", labels)
            with lock:
                results.append(("explorer " + kind, status, time.monotonic() - started, started))
            time.sleep(rng.uniform(0.5, 2.0))

    threads = [threading.Thread(target=session, args=(i,)) for i in range(sessions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    service.close()
    usage = resource.getrusage(resource.RUSAGE_SELF)
    out.write_text(json.dumps({"results": results, "cpu": usage.ru_utime + usage.ru_stime}))
    del ox


# --- the run ------------------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, process) -> None:
    import httpx

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the endpoint exited: {process.stderr.read()}")
        try:
            httpx.get(url, params={"query": "ASK {}"}, timeout=2)
            return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise SystemExit("the endpoint did not start")


def table(results: list, seconds: float) -> list[str]:
    by_kind = defaultdict(list)
    for kind, status, elapsed, _ in results:
        by_kind[kind].append((status, elapsed))
    lines = ["| requests | n | per s | p50 ms | p95 ms | p99 ms | max ms | answers |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |"]
    for kind in sorted(by_kind):
        rows = by_kind[kind]
        latencies = [e * 1000 for _, e in rows]
        statuses = Counter(str(s) for s, _ in rows)
        lines.append(f"| {kind} | {len(rows):,} | {len(rows) / seconds:,.1f} | {percentile(latencies, 50):,.0f} | "
                     f"{percentile(latencies, 95):,.0f} | {percentile(latencies, 99):,.0f} | {max(latencies):,.0f} | "
                     + ", ".join(f"{s}: {n:,}" for s, n in statuses.most_common()) + " |")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--runaways", type=int, default=3)
    parser.add_argument("--think", default="0.2-1.0", help="pause of the endpoint clients between requests (s)")
    parser.add_argument("--role", choices=["explorer"], help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    global THINK
    THINK = tuple(float(x) for x in args.think.split("-"))
    if args.role == "explorer":
        explorer_role(args.seconds, args.sessions, args.out)
        return

    load_before = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    port = free_port()
    url = f"http://127.0.0.1:{port}/query"
    server = subprocess.Popen([sys.executable, "-m", "coopkg", "serve", "--port", str(port)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    out = Path(f"/tmp/coopkg-load-explorer-{os.getpid()}.json")
    try:
        wait_for(url, server)
        server_peak = Peak(server.pid)
        server_peak.start()
        explorer = subprocess.Popen([sys.executable, __file__, "--role", "explorer", "--seconds", str(args.seconds),
                                     "--sessions", str(args.sessions), "--out", str(out)], env=env)
        explorer_peak = Peak(explorer.pid)
        explorer_peak.start()
        started, cpu_started = time.monotonic(), os.times()
        results = endpoint_load(url, args.seconds, args.clients, args.runaways)
        explorer.wait()
        wall = time.monotonic() - started
        server_peak.stopped.set()
        explorer_peak.stopped.set()
        explorer_data = json.loads(out.read_text())
        results += [tuple(r) for r in explorer_data["results"]]
        import httpx

        after = httpx.post(url, data={"query": CHEAP[1]}, timeout=30)
        server_cpu = sum(float(x) for x in Path(f"/proc/{server.pid}/stat").read_text().rsplit(")", 1)[1].split()[11:15]) \
            / os.sysconf("SC_CLK_TCK")
    finally:
        server.terminate()
        server.wait(30)
        out.unlink(missing_ok=True)
    cheap = [e for k, s, e, _ in results if k in ("endpoint cheap", "endpoint entity", "endpoint search")]
    failures = Counter(str(s) for k, s, _, _ in results if k.startswith("endpoint") and k != "endpoint runaway"
                       and s != 200)
    print(f"{args.clients} endpoint clients (pauses {args.think} s), {args.runaways} runaway clients, "
          f"{args.sessions} explorer sessions, {args.seconds:g} s; load average before {load_before} (wall {wall:.1f} s; CPU s: endpoint server and workers {server_cpu:.1f}, explorer "
          f"process {explorer_data['cpu']:.1f}; load generator {os.times().user - cpu_started.user:.1f})")
    print()
    print("\n".join(table(results, args.seconds)))
    print()
    print(f"endpoint cheap/entity/search: {len(cheap) / args.seconds:,.1f} requests/s, p95 {percentile(cheap, 95) * 1000:,.0f} ms, "
          f"failures {dict(failures) or 0}")
    print(f"peak memory: endpoint with its workers {server_peak.peak:,.0f} MB, explorer process with its workers "
          f"{explorer_peak.peak:,.0f} MB")
    print(f"after the load: {after.status_code} {after.text.strip()[:80]}")


if __name__ == "__main__":
    main()
