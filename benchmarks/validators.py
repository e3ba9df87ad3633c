"""The build's two SHACL engines side by side on generated graphs with injected errors.

    .venv/bin/python benchmarks/validators.py                      # 10k and 100k triples
    .venv/bin/python benchmarks/validators.py --sizes 10000,100000,1000000 --runs 1

For each size, ``benchmarks/generate.py --inject-errors`` writes a graph; each engine then
validates it as ``coopkg validate`` does (``load_and_validate``: the one-pass parse into the
validators' N-Triples, then SHACL), in a fresh process per run, so that the peak memory is the
engine's own. Prints CPU and wall seconds (medians), peak RSS, the number of results and how many
differ from pyshacl's (the reference). Never asserted anywhere.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENGINES = ("shacl", "pyshacl")

ONE_RUN = r"""
import json, resource, sys, time
from pathlib import Path
from coopkg.build.loading import discover_files
from coopkg.build.pipeline import load_and_validate
folder, engine = Path(sys.argv[1]), sys.argv[2]
paths = discover_files(folder / "ontology", folder / "data")
cpu, wall = time.process_time(), time.perf_counter()
outcome = load_and_validate(paths, engine=engine)
cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
blank = lambda n3: "_:" if n3 and n3.startswith("_:") else (n3 or "")  # labels differ between engines
results = sorted({(r.severity, blank(r.focus_node), r.result_path or "", r.constraint, r.source_shape, blank(r.value))
                  for r in outcome.report.results})
print(json.dumps({"cpu": cpu, "wall": wall, "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "results": results, "quads": outcome.triple_count}))
"""


def run(folder: Path, engine: str) -> dict:
    done = subprocess.run([sys.executable, "-c", ONE_RUN, str(folder), engine], capture_output=True, text=True,
                          check=True, cwd=ROOT)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000", help="triples per generated graph, comma-separated")
    parser.add_argument("--runs", type=int, default=3, help="runs per engine and size (medians are printed)")
    args = parser.parse_args()
    print(f"{'triples':>9}  {'engine':<8} {'CPU s':>8} {'wall s':>8} {'peak MB':>8} {'results':>8} "
          f"{'not in pyshacl':>15} {'missed':>7} {'CPU vs pyshacl':>15}")
    for size in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory(prefix="coopkg-validators-") as tmp:
            folder = Path(tmp) / "graph"
            subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate.py"), "--triples", str(size),
                            "--seed", "1", "-o", str(folder), "--inject-errors"], check=True, capture_output=True)
            measured = {engine: [run(folder, engine) for _ in range(args.runs)] for engine in ENGINES}
        reference = {tuple(r) for r in measured["pyshacl"][0]["results"]}
        base_cpu = statistics.median(m["cpu"] for m in measured["pyshacl"])
        for engine in ENGINES:
            runs = measured[engine]
            cpu = statistics.median(m["cpu"] for m in runs)
            found = {tuple(r) for r in runs[0]["results"]}
            print(f"{runs[0]['quads']:>9,}  {engine:<8} {cpu:>8.2f} {statistics.median(m['wall'] for m in runs):>8.2f} "
                  f"{max(m['rss_mb'] for m in runs):>8.0f} {len(found):>8} {len(found - reference):>15} "
                  f"{len(reference - found):>7} {cpu / base_cpu:>14.3f}x")
    print("\n'not in pyshacl': the fast engine's results beyond the reference (docs/validation.md, divergence A);"
          " 'missed': the reference's results an engine lacks.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
