"""How the build scales: each phase's time and the peak memory at growing sizes.

    .venv/bin/python benchmarks/build_scaling.py [--sizes 1,10,50] [--extend]

Each size is the real data plus N thousand synthetic twinning partnerships (with their authorities,
territories and a source graph), valid under the shapes, so the build runs its full path. Each
size runs in a fresh process (peak RSS is per process). Times are for comparison side by side on
the same machine (ratios to the smallest size), never asserted. `--extend` also compares filling an
on-disk store with `bulk_extend` (what the build uses) against transactional `extend`.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

HEADER = """@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix schema: <https://schema.org/> .
@prefix geo: <http://www.w3.org/2003/01/geo/wgs84_pos#> .
@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
@prefix coop: <https://w3id.org/coopkg/ontology#> .
@prefix cgraph: <https://w3id.org/coopkg/graph/> .
@prefix csrc: <https://w3id.org/coopkg/source/> .
@prefix auth: <https://w3id.org/coopkg/id/authority/> .
@prefix place: <https://w3id.org/coopkg/id/place/> .
@prefix country: <https://w3id.org/coopkg/id/country/> .
@prefix organisation: <https://w3id.org/coopkg/id/org/> .
@prefix partnership: <https://w3id.org/coopkg/id/partnership/> .
@prefix pkind: <https://w3id.org/coopkg/vocab/partnership-kind/> .
@prefix akind: <https://w3id.org/coopkg/vocab/authority-kind/> .

GRAPH cgraph:metadata {
  cgraph:benchmark a prov:Entity, sd:Graph ; prov:wasDerivedFrom csrc:benchmark ;
    dct:title "Synthetic benchmark data"@en ;
    dct:license <https://creativecommons.org/licenses/by/4.0/> ; prov:wasAttributedTo organisation:coopkg-editors .
  csrc:benchmark a prov:Entity, foaf:Document ; dct:title "Synthetic benchmark data"@en ;
    dct:publisher organisation:coopkg-editors .
}
"""


def synthetic_trig(thousands: int) -> str:
    """N thousand partnerships between synthetic French and Russian cities."""
    parts = [HEADER, "GRAPH cgraph:benchmark {"]
    for i in range(thousands * 1000):
        for side, country, kind in (("fr", "fr", "commune"), ("ru", "ru", "city")):
            slug = f"{side}-bench-{i}"
            parts.append(
                f'auth:{slug} a coop:LocalAuthority ; skos:prefLabel "Ville {i} {side}"@fr, "Town {i} {side}"@en'
                + (f', "Город {i}"@ru' if side == "ru" else "")
                + f' ; org:classification akind:{kind} ; coop:country country:{country} ; dct:spatial place:{slug} .\n'
                f'place:{slug} a coop:Territory ; skos:prefLabel "Ville {i} {side}"@fr, "Town {i} {side}"@en'
                + (f', "Город {i}"@ru' if side == "ru" else "")
                + f' ; geo:lat "{45 + i % 10}.5"^^xsd:decimal ; geo:long "{5 + i % 30}.25"^^xsd:decimal .'
            )
        parts.append(
            f'partnership:bench-{i} a coop:Partnership ; skos:prefLabel "Jumelage {i}"@fr, "Twinning {i}"@en ; '
            f'coop:partner auth:fr-bench-{i}, auth:ru-bench-{i} ; coop:partnershipKind pkind:twinning ; '
            f'schema:startDate "{1960 + i % 60}-01-01"^^xsd:date ; schema:endDate "2022-01-01"^^xsd:date .'
        )
    parts.append("}")
    return "\n".join(parts)


def run_one(thousands: int, compare_extend: bool) -> dict:
    """Build the real data plus the synthetic data in a fresh temporary project (child process)."""
    import pyoxigraph as ox

    from coopkg.build import pipeline as builder
    from coopkg.build.loading import discover_files, parse_files

    home = Path(tempfile.mkdtemp(prefix="coopkg-bench-"))
    try:
        for name in ("ontology", "queries", "data"):
            shutil.copytree(ROOT / name, home / name)
        if thousands:
            (home / "data" / "benchmark.trig").write_text(synthetic_trig(thousands), encoding="utf-8")
        os.environ["COOPKG_HOME"] = str(home)
        started = time.perf_counter()
        outcome = builder.build(root=home / "store")
        total = time.perf_counter() - started
        if not outcome.ok:
            raise SystemExit(builder.format_report(outcome))
        row = {"thousands": thousands, "triples": outcome.triple_count, "total": total, **outcome.timings,
               "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
               "store_mb": _size(outcome.store_path) / 2**20}
        if compare_extend:
            files, _ = parse_files(discover_files())
            quads = [q for f in files for q in f.quads]
            for method in ("bulk_extend", "extend"):
                path = home / f"cmp-{method}"
                t0 = time.perf_counter()
                store = ox.Store(str(path))
                getattr(store, method)(quads)
                store.flush()
                store.optimize()
                del store
                row[f"{method}_s"] = time.perf_counter() - t0
                row[f"{method}_mb"] = _size(path) / 2**20
        return row
    finally:
        shutil.rmtree(home, ignore_errors=True)


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in Path(path).rglob("*") if p.is_file())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="0,5,20", help="thousands of synthetic partnerships (comma-separated)")
    parser.add_argument("--extend", action="store_true", help="also compare bulk_extend with extend")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        print(json.dumps(run_one(args.child, args.extend)))
        return
    rows = []
    for size in (int(s) for s in args.sizes.split(",")):
        cmd = [sys.executable, __file__, "--child", str(size)] + (["--extend"] if args.extend else [])
        done = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if done.returncode:
            raise SystemExit(done.stderr or done.stdout)
        rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
    base = rows[0]
    columns = ["triples", "parse", "merge", "shacl", "write", "checks", "optimize", "total", "peak_rss_mb", "store_mb"]
    if args.extend:
        columns += ["bulk_extend_s", "extend_s", "bulk_extend_mb", "extend_mb"]
    print("| synthetic (k) | " + " | ".join(columns) + " | total ratio | triples ratio |")
    print("|" + "---|" * (len(columns) + 3))
    for row in rows:
        cells = [f"{row.get(c, 0):.2f}" if isinstance(row.get(c), float) else str(row.get(c, "")) for c in columns]
        print(f"| {row['thousands']} | " + " | ".join(cells)
              + f" | {row['total'] / base['total']:.1f}x | {row['triples'] / base['triples']:.1f}x |")


if __name__ == "__main__":
    main()
