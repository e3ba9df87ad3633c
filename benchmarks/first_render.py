"""First and warm render of each explorer page on the real data, with streamlit.testing.

Each page is rendered in a fresh Python process (nothing cached; Streamlit and pandas are
imported before the clock starts): what the first visitor after a start waits for. Then it is
rendered again in the same process, as a new visitor would open it (a fresh AppTest: a new
session, the store, labels and views cached): what every later visitor waits for, the figure
that must stay under 1 s. Wall and CPU seconds of the rendering thread's process are printed
side by side (the machine is shared: CPU seconds are the steadier figure).

    PYTHONPATH=src .venv/bin/python benchmarks/first_render.py            # on the current build
    PYTHONPATH=src .venv/bin/python benchmarks/first_render.py --build    # build into a temp folder first

Not asserted anywhere: it prints a table.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "app"
PAGES = {  # name -> (page, query parameters of a typical visit)
    "overview": ("overview", {}),
    "search": ("search", {"q": "Nizhny"}),
    "entity (authority)": ("entity", {"iri": "auth:fr-nice"}),
    "entity (event)": ("entity", {"iri": "event:rencontre-franco-russe-3"}),
    "views: map": ("views", {"view": "map"}),
    "views: map, facets": ("views", {"view": "map", "country": "country:ru", "period": "1990-2010"}),
    "views: timeline": ("views", {"view": "timeline"}),
    "views: network": ("views", {"view": "network"}),
    "views: themes": ("views", {"view": "themes"}),
    "catalogue": ("catalogue", {"q": "authority-partnerships", "p.authority": "auth:fr-nice"}),
    "sparql": ("sparql", {"query": "SELECT ?s ?label WHERE { ?s skos:prefLabel ?label } LIMIT 200"}),
    "quality": ("quality", {}),
}


def render(name: str, lang: str) -> dict:
    """Runs in the child process: a first render of one page, then a warm one in a new session."""
    sys.path.insert(0, str(APP))
    import common
    from streamlit.testing.v1 import AppTest

    page, params = PAGES[name]

    def once() -> tuple[float, float, list]:
        wall, cpu = time.perf_counter(), time.process_time()
        at = AppTest.from_file(str(APP / "Home.py"), default_timeout=300)
        at.switch_page(common.PAGES[page])
        for key, value in {**params, "lang": lang}.items():
            at.query_params[key] = value
        at.run()
        problems = [e.value for e in at.exception] + [e.value for e in at.error]
        return time.perf_counter() - wall, time.process_time() - cpu, problems

    first_wall, first_cpu, problems = once()
    warm = [once() for _ in range(3)]
    warm_wall, warm_cpu, more = sorted(warm)[1]  # the median of three
    return {"first": first_wall, "first_cpu": first_cpu, "warm": warm_wall, "warm_cpu": warm_cpu,
            "problems": problems + more}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", action="store_true", help="build the real data into a temporary store first")
    parser.add_argument("--lang", default="fr", choices=("fr", "en", "ru"), help="interface language (default fr)")
    parser.add_argument("--json", action="store_true", help="print one JSON object (page -> figures) instead of the table")
    parser.add_argument("--page", help=argparse.SUPPRESS)  # the child's job
    args = parser.parse_args()
    if args.page:
        print(json.dumps(render(args.page, args.lang)))
        return 0

    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]))
    temporary = None
    if args.build:
        temporary = tempfile.TemporaryDirectory(prefix="coopkg-bench-")
        env["COOPKG_STORE"] = temporary.name
        subprocess.run([sys.executable, "-m", "coopkg", "build"], env=env, check=True, stdout=subprocess.DEVNULL)
    rows = []
    for name in PAGES:
        done = subprocess.run([sys.executable, __file__, "--page", name, "--lang", args.lang], env=env,
                              capture_output=True, text=True)
        if done.returncode != 0:
            print(f"{name}: failed\n{done.stderr[-2000:]}", file=sys.stderr)
            return 1
        rows.append((name, json.loads(done.stdout.strip().splitlines()[-1])))
    if temporary:
        temporary.cleanup()
    if args.json:
        print(json.dumps(dict(rows)))
        return 0
    print(f"interface language: {args.lang}; warm = median of 3 renders in new sessions of a warm process")
    print(f"{'page':<20} {'first wall s':>12} {'first CPU s':>12} {'warm wall s':>12} {'warm CPU s':>11} {'warm < 1 s':>11}")
    for name, r in rows:
        note = f"  problems: {r['problems']}" if r["problems"] else ""
        ok = "yes" if r["warm"] < 1.0 else "NO"
        print(f"{name:<20} {r['first']:>12.2f} {r['first_cpu']:>12.2f} {r['warm']:>12.3f} {r['warm_cpu']:>11.3f} {ok:>11}{note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
