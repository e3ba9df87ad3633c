"""Every figure of issue 12 in one command: coopkg's path beside its baseline, at growing sizes.

    .venv/bin/python benchmarks/harness.py                               # 10k and 100k, 3 runs
    .venv/bin/python benchmarks/harness.py --sizes 10000,100000,1000000 --runs 3 --csv var/bench/harness.csv
    .venv/bin/python benchmarks/harness.py --parts build,queries --reference   # + the real reference layer

Cases: graphs made by ``benchmarks/generate.py`` (deterministic, valid under the shapes) at each
size, and with ``--reference`` the repository's own data (the national reference layer). Parts,
each measured against its baseline in the same run (the ratio is the figure to read):

- ``build``: ``coopkg build`` end to end against the bare ``pyoxigraph.Store.bulk_load`` of the same
  files (the floor) and, up to ``--usual-max`` triples, rdflib parse + pyshacl (the usual stack);
- ``validate``: validation alone, the default engine against pyshacl (up to ``--usual-max``);
- ``queries``: every catalogue question and view, the path a page takes (the query service, its
  worker and transport included) against the same SPARQL through bare pyoxigraph; search and an
  entity page through the library (no bare counterpart: several queries and Python);
- ``exports``: ``coopkg export`` in each format against pyoxigraph's own serialiser;
- ``render``: first and warm render of the explorer's pages (``first_render.py``).

Every measurement runs in a fresh process (peak RSS is that process's); a query's CPU seconds
include the query worker's. Medians of ``--runs``. The machine is shared: CPU seconds are the
steadier figure. ``exp`` is the exponent fitted to a figure over the generated sizes (CPU seconds
against triples, least squares on logarithms): 1 is linear. Queries that reach ``--limit`` seconds
are cut and shown as ``cut``. Nothing here is asserted by a test.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import math
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PARTS = ("build", "validate", "queries", "exports", "render")
EXPORT_FORMATS = {  # coopkg export's format -> pyoxigraph's serialiser of the same data
    "trig": "TRIG", "nquads": "N_QUADS", "turtle": "TURTLE", "ntriples": "N_TRIPLES", "rdfxml": "RDF_XML",
    "jsonld": "JSON_LD",
}
GRAPHLESS = {"turtle", "ntriples", "rdfxml", "jsonld"}  # formats of one graph: the union of the dataset


# --- measuring ---------------------------------------------------------------------------------------

def _children_cpu() -> float:
    """CPU seconds of this process's live children (the query service's workers), from /proc."""
    me, total, tick = str(os.getpid()), 0.0, os.sysconf("SC_CLK_TCK")
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[1] == me:  # after the name: state, ppid, ..., utime (12), stime (13)
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


class Clock:
    """Wall and CPU seconds of a block, this process's and its workers'."""

    def __enter__(self):
        self.wall, self.cpu = time.perf_counter(), time.process_time() + _children_cpu()
        return self

    def __exit__(self, *_):
        self.wall = time.perf_counter() - self.wall
        self.cpu = time.process_time() + _children_cpu() - self.cpu


def _peak_mb() -> float:
    """This process's peak resident memory (VmHWM: ru_maxrss would keep the forking parent's peak)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _rdf_format(path: Path):
    import pyoxigraph as ox

    name = path.name.removesuffix(".gz")
    return {".ttl": ox.RdfFormat.TURTLE, ".trig": ox.RdfFormat.TRIG, ".nq": ox.RdfFormat.N_QUADS,
            ".nt": ox.RdfFormat.N_TRIPLES}[Path(name).suffix]


def _opened(path: Path):
    return gzip.open(path, "rb") if path.suffix == ".gz" else path.open("rb")


# --- what each child process does -----------------------------------------------------------------

def case_files(case: dict) -> list[Path]:
    """The RDF files of a case, in the build's order."""
    from coopkg.build.loading import discover_files

    return discover_files(Path(case["ontology"]), Path(case["data"]))


def child_build(case: dict, keep: bool = False) -> dict:
    """``coopkg build`` of the case; with ``keep``, the build stays (in the case's ``served`` root)
    for the parts that read a store, and its store folder is returned."""
    from coopkg.build.pipeline import build
    from coopkg.store.layout import store_dir

    root = Path(case["scratch"]) / ("served" if keep else "build")
    with Clock() as clock:
        outcome = build(case_files(case), root=root)
    measured = {"cpu": clock.cpu, "wall": clock.wall, "peak_mb": _peak_mb(), "ok": outcome.ok}
    if keep and outcome.ok:
        return {**measured, "store_root": str(root), "store": str(store_dir(outcome.store_path))}
    shutil.rmtree(root, ignore_errors=True)
    return measured


def child_bulk_load(case: dict) -> dict:
    """The floor: the same files into an on-disk store by pyoxigraph alone (the ontology's Turtle
    into one named graph, as the build puts it)."""
    import pyoxigraph as ox
    paths = case_files(case)
    folder = Path(case["scratch"]) / "bulk"
    with Clock() as clock:
        store = ox.Store(str(folder))
        for path in paths:
            fmt = _rdf_format(path)
            graph = ox.NamedNode("https://w3id.org/coopkg/graph/ontology") if fmt == ox.RdfFormat.TURTLE else None
            with _opened(path) as stream:
                store.bulk_load(stream, format=fmt, to_graph=graph) if graph else store.bulk_load(stream, format=fmt)
        store.optimize()
        store.flush()
        del store
    shutil.rmtree(folder, ignore_errors=True)
    return {"cpu": clock.cpu, "wall": clock.wall, "peak_mb": _peak_mb(), "ok": True}


def child_usual_stack(case: dict) -> dict:
    """rdflib parse of every file into one graph, then pyshacl (as most RDF projects do it)."""
    from rdflib import Graph

    from coopkg.build.validation import load_shapes, validate_graph

    paths = case_files(case)
    with Clock() as clock:
        graph = Graph()
        for path in paths:
            fmt = {"ttl": "turtle", "trig": "trig", "nq": "nquads", "nt": "nt"}[_rdf_format(path).file_extension]
            with _opened(path) as stream:
                if fmt in ("trig", "nquads"):
                    from rdflib import Dataset

                    dataset = Dataset()
                    dataset.parse(stream, format=fmt)
                    for s, p, o, _g in dataset.quads():
                        graph.add((s, p, o))
                else:
                    graph.parse(stream, format=fmt)
        report = validate_graph(graph, load_shapes())
    return {"cpu": clock.cpu, "wall": clock.wall, "peak_mb": _peak_mb(), "ok": not report.violations}


def child_validate(case: dict, engine: str) -> dict:
    from coopkg.build.pipeline import load_and_validate

    with Clock() as clock:
        outcome = load_and_validate(case_files(case), engine=engine)
    return {"cpu": clock.cpu, "wall": clock.wall, "peak_mb": _peak_mb(), "ok": not outcome.report.violations,
            "results": len(outcome.report.results)}


def _named(kind: str, name: str):
    """A catalogue question, a view, or (kind "text") a bare SPARQL text without parameters."""
    if kind == "text":
        from types import SimpleNamespace

        return SimpleNamespace(text=name, bind=lambda _values: {})
    from coopkg.read.views import view_query
    from coopkg.sparql.catalogue import load_catalogue

    return view_query(name) if kind == "view" else load_catalogue()[name]


def child_query_library(case: dict, kind: str, name: str, runs: int) -> dict:
    """A catalogue question or view as a page runs it: through the query service (worker, caps,
    transport), the parameters' defaults bound."""
    from coopkg.service.sandbox import run_query

    query = _named(kind, name)
    substitutions = query.bind({})
    run_query("ASK {}")  # the explorer's service is running before a page asks: start it first
    measured = []
    for _ in range(runs):
        with Clock() as clock:
            outcome = run_query(query.text, substitutions, timeout_s=case["limit"])
        if outcome.error:
            return {"cut": outcome.error_kind in ("timeout",), "error": outcome.error_kind, "cpu": clock.cpu,
                    "wall": clock.wall, "peak_mb": _peak_mb()}
        measured.append((clock.cpu, clock.wall))
    return {"cpu": statistics.median(c for c, _ in measured), "wall": statistics.median(w for _, w in measured),
            "peak_mb": _peak_mb(), "rows": outcome.total}


def child_query_bare(case: dict, kind: str, name: str, runs: int) -> dict:
    """The same SPARQL and bindings through pyoxigraph alone, every row read into Python."""
    import pyoxigraph as ox
    from coopkg.rdf.namespaces import PREFIXES
    from coopkg.store.embedded import has_default_graph

    query = _named(kind, name)
    substitutions = {ox.Variable(k): v for k, v in query.bind({}).items()}
    store = ox.Store.read_only(case["store"])
    union = not has_default_graph(store)  # as the library opens it: the build merges into the default graph
    measured = []
    for _ in range(runs):
        with Clock() as clock:
            result = store.query(query.text, prefixes=PREFIXES, substitutions=substitutions,
                                 use_default_graph_as_union=union)
            if isinstance(result, ox.QueryBoolean):
                rows = 1 if bool(result) else 0
            else:
                rows = len([tuple(row) for row in result])
        measured.append((clock.cpu, clock.wall))
    return {"cpu": statistics.median(c for c, _ in measured), "wall": statistics.median(w for _, w in measured),
            "peak_mb": _peak_mb(), "rows": rows}


def child_library_read(case: dict, what: str, runs: int) -> dict:
    """Search and an entity page as the explorer asks the library for them (the first run opens
    the labels and the index; the median of the later ones is what a visitor waits for)."""
    from coopkg.read.entity import describe_entity
    from coopkg.read.labels import load_labels
    from coopkg.read.search import search
    from coopkg.store import open_repository

    repository = open_repository(case["store"])
    with Clock() as opening:
        labels = load_labels(repository)
        if what.startswith("search"):
            search(repository, "a")
    measured = []
    for _ in range(runs):
        with Clock() as clock:
            if what.startswith("search"):
                search(repository, what.split(":", 1)[1])
            else:
                iri = next(iter(sorted(i for i in labels.things() if "/authority/" in i)))
                describe_entity(repository, iri, labels=labels)
        measured.append((clock.cpu, clock.wall))
    return {"cpu": statistics.median(c for c, _ in measured), "wall": statistics.median(w for _, w in measured),
            "peak_mb": _peak_mb(), "open_cpu": opening.cpu}


def child_export(case: dict, fmt: str) -> dict:
    from coopkg.read.export import export
    from coopkg.store import open_repository

    repository = open_repository(case["store"])
    with Clock() as clock:
        size = len(export(repository, fmt))
    return {"cpu": clock.cpu, "wall": clock.wall, "peak_mb": _peak_mb(), "mb": size / 1e6}


def child_export_bare(case: dict, fmt: str) -> dict:
    import pyoxigraph as ox

    from coopkg.store.embedded import has_default_graph

    store = ox.Store.read_only(case["store"])
    target = getattr(ox.RdfFormat, EXPORT_FORMATS[fmt])
    merged = has_default_graph(store)  # the build writes the named graphs' merge in the default graph
    with Clock() as clock, tempfile.TemporaryFile() as out:
        if fmt in GRAPHLESS:  # the same triples as the export: the merge, each triple once
            quads = store.quads_for_pattern(None, None, None, ox.DefaultGraph()) if merged else store
            ox.serialize((ox.Triple(q.subject, q.predicate, q.object) for q in quads), out, target)
        else:  # the named graphs, as the export writes them (not the merge again)
            ox.serialize((q for q in store if not isinstance(q.graph_name, ox.DefaultGraph)), out, target)
        size = out.tell()
    return {"cpu": clock.cpu, "wall": clock.wall, "peak_mb": _peak_mb(), "mb": size / 1e6}


CHILDREN = {"build": child_build, "bulk_load": child_bulk_load, "usual_stack": child_usual_stack,
            "validate": child_validate, "query_library": child_query_library, "query_bare": child_query_bare,
            "library_read": child_library_read, "export": child_export, "export_bare": child_export_bare}


# --- the parent: cases, runs, table -------------------------------------------------------------------

def _env(case: dict) -> dict:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT / "src"), str(ROOT / "app")]))
    if case.get("store_root"):
        env["COOPKG_STORE"] = case["store_root"]
    return env


def spawn(action: str, case: dict, *args, timeout: float | None = None) -> dict:
    command = [sys.executable, __file__, "--child", json.dumps([action, case, *args])]
    try:
        done = subprocess.run(command, capture_output=True, text=True, env=_env(case), cwd=ROOT, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"cut": True, "cpu": math.nan, "wall": timeout, "peak_mb": math.nan}
    if done.returncode != 0:
        return {"error": done.stderr.strip().splitlines()[-1] if done.stderr.strip() else f"exit {done.returncode}",
                "cpu": math.nan, "wall": math.nan, "peak_mb": math.nan}
    return json.loads(done.stdout.strip().splitlines()[-1])


def median_of(action: str, case: dict, runs: int, *args, timeout: float | None = None) -> dict:
    measured = [spawn(action, case, *args, timeout=timeout) for _ in range(runs)]
    good = [m for m in measured if not m.get("cut") and not m.get("error")]
    if not good:
        return measured[0]
    return {**good[0], "cpu": statistics.median(m["cpu"] for m in good),
            "wall": statistics.median(m["wall"] for m in good), "peak_mb": max(m["peak_mb"] for m in good)}


def prepare_cases(args) -> list[dict]:
    work = Path(args.workdir)
    work.mkdir(parents=True, exist_ok=True)
    cases = []
    for size in args.sizes:
        folder = work / f"generated-{size}"
        if not (folder / "manifest.json").exists():
            subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate.py"), "--triples", str(size),
                            "--seed", "1", "-o", str(folder)], check=True, capture_output=True)
        cases.append({"name": f"generated {size:,}", "size": size, "ontology": str(folder / "ontology"),
                      "data": str(folder / "data"), "generated": True})
    if args.reference:
        cases.append({"name": "reference layer", "size": None, "ontology": str(ROOT / "ontology"),
                      "data": str(ROOT / "data"), "generated": False})
    for case in cases:
        case["scratch"] = tempfile.mkdtemp(prefix="coopkg-harness-", dir=work)
        case["limit"] = args.limit
    return cases


def built_store(case: dict) -> None:
    """Build the case once into its own store root for the parts that read a store."""
    if case.get("store"):
        return
    built = spawn("build", case, True)
    if not built.get("ok") or built.get("error"):
        raise SystemExit(f"{case['name']}: the build failed: {built.get('error') or 'it reported violations'}")
    case["store_root"], case["store"] = built["store_root"], built["store"]


def row(case, part, item, mine, base=None, base_name="") -> dict:
    def figure(m, key):
        return None if m is None or m.get("cut") or m.get("error") else m.get(key)

    note = "; ".join(f"{who} {m.get('error') or 'cut'}" for who, m in (("coopkg", mine), (base_name, base))
                     if m and (m.get("cut") or m.get("error")))
    cpu, base_cpu = figure(mine, "cpu"), figure(base, "cpu")
    return {"case": case["name"], "triples": case.get("triples"), "part": part, "item": item,
            "cpu_s": cpu, "wall_s": figure(mine, "wall"), "peak_mb": figure(mine, "peak_mb"),
            "baseline": base_name, "base_cpu_s": base_cpu, "base_wall_s": figure(base, "wall"),
            "base_peak_mb": figure(base, "peak_mb"),
            "ratio": cpu / base_cpu if cpu is not None and base_cpu else None, "note": note}


def measure(case: dict, parts: set[str], args) -> list[dict]:
    rows, runs = [], args.runs
    manifest = Path(case["data"]).parent / "manifest.json"
    if manifest.exists():
        case["triples"] = json.loads(manifest.read_text()).get("quads")
    small = case.get("size") is not None and case["size"] <= args.usual_max
    if "build" in parts:
        mine = median_of("build", case, runs)
        rows.append(row(case, "build", "end to end", mine, median_of("bulk_load", case, runs), "bulk_load"))
        if small:
            rows.append(row(case, "build", "end to end", mine, median_of("usual_stack", case, runs), "rdflib+pyshacl"))
    if "validate" in parts and small:
        rows.append(row(case, "validate", "SHACL", median_of("validate", case, runs, "shacl"),
                        median_of("validate", case, runs, "pyshacl"), "pyshacl"))
    needs_store = parts & {"queries", "exports", "render"}
    if needs_store:
        built_store(case)
        import pyoxigraph as ox

        case["triples"] = case.get("triples") or len(ox.Store.read_only(case["store"]))
    if "queries" in parts:
        sys.path.insert(0, str(ROOT / "src"))
        from coopkg.read.views import view_queries
        from coopkg.sparql.catalogue import load_catalogue

        named = [("text", "ASK {}")] + [("catalogue", n) for n in sorted(load_catalogue())] + [("view", n) for n in sorted(view_queries())]
        budget = args.limit * runs + 30
        for kind, name in named:
            mine = spawn("query_library", case, kind, name, runs, timeout=budget)
            base = spawn("query_bare", case, kind, name, runs, timeout=budget)
            rows.append(row(case, f"query ({kind})", name, mine, base, "pyoxigraph"))
        for what in ("search:nizh", "search:saint", "search:Нижн", "entity"):
            rows.append(row(case, "library", what, spawn("library_read", case, what, runs, timeout=budget)))
    if "exports" in parts:
        for fmt in EXPORT_FORMATS:
            rows.append(row(case, "export", fmt, median_of("export", case, runs, fmt),
                            median_of("export_bare", case, runs, fmt), "pyoxigraph"))
    if "render" in parts:
        env = _env(case)
        done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "first_render.py"), "--json"],
                              capture_output=True, text=True, env=env, cwd=ROOT)
        if done.returncode == 0:
            for name, r in json.loads(done.stdout.strip().splitlines()[-1]).items():
                rows.append(row(case, "render (first)", name, {"cpu": r["first_cpu"], "wall": r["first"]}))
                rows.append(row(case, "render (warm)", name, {"cpu": r["warm_cpu"], "wall": r["warm"]}))
        else:
            rows.append(row(case, "render", "pages", {"error": (done.stderr.strip() or "failed").splitlines()[-1]}))
    return rows


def fit_exponents(rows: list[dict]) -> None:
    """For each figure measured at several generated sizes, the slope of log CPU on log triples."""
    series: dict[tuple, list[tuple[float, float]]] = {}
    for r in rows:
        if r["case"].startswith("generated") and r["cpu_s"] and r["triples"]:
            series.setdefault((r["part"], r["item"], r["baseline"]), []).append((r["triples"], r["cpu_s"]))
    for r in rows:
        points = series.get((r["part"], r["item"], r["baseline"]), [])
        r["exp"] = None
        if len(points) >= 2 and all(cpu > 0.005 for _, cpu in points):
            xs, ys = [math.log(n) for n, _ in points], [math.log(c) for _, c in points]
            mx, my = statistics.fmean(xs), statistics.fmean(ys)
            spread = sum((x - mx) ** 2 for x in xs)
            r["exp"] = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / spread if spread else None


def print_table(rows: list[dict]) -> None:
    def num(value, fmt=".2f"):
        return "" if value is None else format(value, fmt)

    print(f"{'case':<17} {'triples':>9} {'part':<17} {'item':<30} {'CPU s':>8} {'wall s':>8} {'peak MB':>8} "
          f"{'baseline':<15} {'CPU s':>8} {'wall s':>8} {'peak MB':>8} {'ratio':>7} {'exp':>5}  note")
    for r in rows:
        print(f"{r['case']:<17} {num(r['triples'], ',') if r['triples'] else '':>9} {r['part']:<17} {r['item'][:30]:<30} "
              f"{num(r['cpu_s'], '.3f'):>8} {num(r['wall_s'], '.3f'):>8} {num(r['peak_mb'], '.0f'):>8} "
              f"{r['baseline']:<15} {num(r['base_cpu_s'], '.3f'):>8} {num(r['base_wall_s'], '.3f'):>8} "
              f"{num(r['base_peak_mb'], '.0f'):>8} {num(r['ratio']):>7} {num(r['exp']):>5}  {r['note']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000", help="triples of each generated graph, comma-separated")
    parser.add_argument("--reference", action="store_true", help="also the repository's own data (reference layer)")
    parser.add_argument("--parts", default=",".join(PARTS), help=f"comma-separated, among {', '.join(PARTS)}")
    parser.add_argument("--runs", type=int, default=3, help="runs of each measurement (medians are printed)")
    parser.add_argument("--limit", type=float, default=10.0, help="seconds a query may take before it is cut")
    parser.add_argument("--usual-max", type=int, default=100_000,
                        help="largest size at which rdflib+pyshacl run (they take minutes beyond)")
    parser.add_argument("--workdir", default=str(ROOT / "var" / "bench"), help="generated graphs and scratch stores")
    parser.add_argument("--csv", type=Path, help="write every row to this CSV file")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        action, *rest = json.loads(args.child)
        print(json.dumps(CHILDREN[action](*rest)))
        return 0
    parts = {p.strip() for p in args.parts.split(",") if p.strip()}
    unknown = parts - set(PARTS)
    if unknown:
        parser.error(f"--parts: unknown {', '.join(sorted(unknown))}; choose among {', '.join(PARTS)}")
    try:
        args.sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    except ValueError:
        parser.error(f"--sizes: {args.sizes!r} is not a comma-separated list of numbers")
    cases = prepare_cases(args)
    rows = []
    started = os.getloadavg()[0]
    try:
        for case in cases:
            rows += measure(case, parts, args)
            print(f"... {case['name']} measured", file=sys.stderr)
    finally:
        for case in cases:
            shutil.rmtree(case["scratch"], ignore_errors=True)
    fit_exponents(rows)
    print(f"load average {started:.2f} before, {os.getloadavg()[0]:.2f} after; {os.cpu_count()} cores; "
          f"medians of {args.runs} run(s); ratio = CPU s / baseline CPU s")
    print_table(rows)
    if args.csv:
        args.csv.parent.mkdir(parents=True, exist_ok=True)
        with args.csv.open("w", newline="", encoding="utf-8") as out:
            writer = csv.DictWriter(out, fieldnames=list(rows[0]) if rows else ["case"])
            writer.writeheader()
            writer.writerows(rows)
        print(f"written: {args.csv}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
