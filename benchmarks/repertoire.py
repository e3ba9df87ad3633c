"""Time and memory of `coopkg repertoire` on the real data: HTML and PDF in each language.

    .venv/bin/python benchmarks/repertoire.py              # after `coopkg build`
    .venv/bin/python benchmarks/repertoire.py --runs 3 --phases
    .venv/bin/python benchmarks/repertoire.py --compare-map  # map: vl-convert vs matplotlib + cartopy

Each measurement runs in a fresh Python process (as the command does), which reports its own wall
seconds, CPU seconds and peak resident memory; the table prints the median of --runs. The machine
is shared: the load average before and after is printed beside the figures, and CPU seconds are the
ones to compare across runs. --phases splits one PDF into its steps (queries, map, HTML, layout,
writing, and the one garbage collection that frees the document: render_pdf keeps Python's
cyclic collector paused while WeasyPrint works). --compare-map draws the same map with the other
library, if it is installed (it is not a dependency of coopkg: `pip install matplotlib cartopy` in
a scratch environment).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

CHILD = r"""
import json, resource, sys, time
wall, cpu = time.perf_counter(), time.process_time()
from coopkg.store import open_repository
from coopkg.publish.repertoire.gathering import gather
from coopkg.publish.repertoire.render import render_document
lang, fmt, out = sys.argv[1], sys.argv[2], sys.argv[3]
content = render_document(gather(open_repository(), lang), fmt)
open(out, "wb").write(content)
print(json.dumps({"wall": time.perf_counter() - wall, "cpu": time.process_time() - cpu,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "kb": len(content) / 1024}))
"""

PHASES = r"""
import gc, json, time
T = time.process_time
from coopkg.store import open_repository
import coopkg.publish.repertoire.render as R
from coopkg.publish.repertoire.gathering import gather
from weasyprint.text.fonts import FontConfiguration
phases = {}
t = T(); d = gather(open_repository(), "fr"); phases["queries"] = T() - t
with R.cyclic_gc_paused():  # as render_pdf does
    t = T(); m = R.make_map(d.arcs); phases["map (vl-convert)"] = T() - t
    t = T(); source = R.pdf_source(d, m); phases["HTML (Jinja2, then parsed)"] = T() - t
    t = T(); document = source.render(font_config=FontConfiguration()); phases["layout (WeasyPrint)"] = T() - t
    t = T(); document.write_pdf(full_fonts=True); phases["PDF writing (WeasyPrint)"] = T() - t
    pages = len(document.pages)
    del document
t = T(); gc.collect(); phases["freeing the document (cyclic GC)"] = T() - t
phases["pages"] = pages
print(json.dumps(phases))
"""

COMPARE_MAP = r"""
import io, json, resource, sys, time
from coopkg.store import open_repository
from coopkg.publish.repertoire.gathering import gather
from coopkg.publish.repertoire.mapsvg import basemap_features, make_map
arcs = [a for a in gather(open_repository(), "fr").arcs if a.french and a.partner]
which = sys.argv[1]
wall, cpu = time.perf_counter(), time.process_time()
if which == "vl-convert":
    svg = make_map(arcs).svg
else:
    import matplotlib
    matplotlib.use("svg")
    import matplotlib.pyplot as plt
    import cartopy.crs as ccrs
    from shapely.geometry import shape
    ax = plt.figure(figsize=(9, 4.7)).add_subplot(projection=ccrs.LambertConformal(62, standard_parallels=(45, 62)))
    ax.set_extent([-6, 137, 41, 68.5], crs=ccrs.PlateCarree())
    for f in basemap_features() or []:
        ax.add_geometries([shape(f["geometry"])], crs=ccrs.PlateCarree(), facecolor="#eceef1", edgecolor="white", linewidth=0.5)
    for a in arcs:
        ax.plot([a.french[0], a.partner[0]], [a.french[1], a.partner[1]], transform=ccrs.Geodetic(), color="#35558a", lw=1)
    buffer = io.BytesIO(); plt.savefig(buffer, format="svg"); svg = buffer.getvalue()
print(json.dumps({"wall": time.perf_counter() - wall, "cpu": time.process_time() - cpu,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "kb": len(svg) / 1024}))
"""


def child(code: str, *args: str) -> dict:
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"benchmark child failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=1, help="runs per cell (the median is printed)")
    parser.add_argument("--langs", default="fr,en,ru")
    parser.add_argument("--formats", default="html,pdf")
    parser.add_argument("--phases", action="store_true", help="also split one French PDF into its steps")
    parser.add_argument("--compare-map", action="store_true", help="also draw the map with matplotlib + cartopy")
    parser.add_argument("--out", default=None, help="folder for the documents (default: a temporary one)")
    args = parser.parse_args(argv)

    import tempfile

    out = Path(args.out or tempfile.mkdtemp(prefix="repertoire-bench-"))
    out.mkdir(parents=True, exist_ok=True)
    print(f"load average before: {load()}  (2 cores; figures are medians of {args.runs} run(s))\n")
    print("| language | format | wall s | CPU s | peak RSS MB | size KB |")
    print("|---|---|---|---|---|---|")
    for fmt in args.formats.split(","):
        for lang in args.langs.split(","):
            results = [child(CHILD, lang, fmt, str(out / f"repertoire-{lang}.{fmt}")) for _ in range(args.runs)]
            median = {k: statistics.median(r[k] for r in results) for k in results[0]}
            print(f"| {lang} | {fmt} | {median['wall']:.2f} | {median['cpu']:.2f} | {median['rss_mb']:.0f} | {median['kb']:.0f} |")
    if args.phases:
        phases = child(PHASES)
        pages = phases.pop("pages")
        print(f"\nOne French PDF ({pages} pages), CPU seconds per step:\n")
        print("| step | CPU s |")
        print("|---|---|")
        for step, seconds in phases.items():
            print(f"| {step} | {seconds:.2f} |")
    if args.compare_map:
        print("\nThe map alone (same arcs, same base map), fresh process each:\n")
        print("| library | wall s | CPU s | peak RSS MB | SVG KB |")
        print("|---|---|---|---|---|")
        for which in ("vl-convert", "matplotlib+cartopy"):
            try:
                r = child(COMPARE_MAP, which)
            except SystemExit as exc:
                print(f"| {which} | not run: {str(exc).splitlines()[-1][:60]} | | | |")
                continue
            print(f"| {which} | {r['wall']:.2f} | {r['cpu']:.2f} | {r['rss_mb']:.0f} | {r['kb']:.0f} |")
    print(f"\nload average after: {load()}; documents in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
