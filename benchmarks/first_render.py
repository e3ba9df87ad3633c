"""First and second render of each explorer page on the real data, with streamlit.testing.

Each page is rendered in a fresh Python process (nothing cached; Streamlit and pandas are
imported before the clock starts): what the first visitor after a start waits for. Then it is
rendered again in the same process: what every later visitor waits for, with the store, the
labels and the views cached.

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
PAGES = {  # page -> query parameters of a typical visit
    "overview": {},
    "search": {"q": "Nizhny"},
    "entity": {"iri": "event:rencontre-franco-russe-3"},
    "views": {"view": "map"},
    "catalogue": {},
    "sparql": {"query": "SELECT ?s ?label WHERE { ?s skos:prefLabel ?label } LIMIT 200"},
    "quality": {},
}


def render(page: str) -> dict:
    """Runs in the child process: two renders of one page, timed."""
    sys.path.insert(0, str(APP))
    import common
    from streamlit.testing.v1 import AppTest

    timings = {}
    started = time.perf_counter()
    at = AppTest.from_file(str(APP / "Home.py"), default_timeout=300)
    at.switch_page(common.PAGES[page])
    for key, value in PAGES[page].items():
        at.query_params[key] = value
    at.run()
    timings["first"] = time.perf_counter() - started
    problems = [e.value for e in at.exception] + [e.value for e in at.error]
    started = time.perf_counter()
    at.run()
    timings["second"] = time.perf_counter() - started
    timings["problems"] = problems
    return timings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", action="store_true", help="build the real data into a temporary store first")
    parser.add_argument("--page", help=argparse.SUPPRESS)  # the child's job
    args = parser.parse_args()
    if args.page:
        print(json.dumps(render(args.page)))
        return 0

    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]))
    temporary = None
    if args.build:
        temporary = tempfile.TemporaryDirectory(prefix="coopkg-bench-")
        env["COOPKG_STORE"] = temporary.name
        subprocess.run([sys.executable, "-m", "coopkg", "build"], env=env, check=True, stdout=subprocess.DEVNULL)
    rows = []
    for page in PAGES:
        done = subprocess.run([sys.executable, __file__, "--page", page], env=env, capture_output=True, text=True)
        if done.returncode != 0:
            print(f"{page}: failed\n{done.stderr[-2000:]}", file=sys.stderr)
            return 1
        result = json.loads(done.stdout.strip().splitlines()[-1])
        rows.append((page, result["first"], result["second"], result["problems"]))
    print(f"{'page':<10} {'first render (s)':>17} {'second render (s)':>18} {'first/second':>13}")
    for page, first, second, problems in rows:
        note = f"  problems: {problems}" if problems else ""
        print(f"{page:<10} {first:>17.2f} {second:>18.3f} {first / second:>12.0f}×{note}")
    if temporary:
        temporary.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
