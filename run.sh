#!/usr/bin/env bash
# Set up coopkg, build the knowledge graph, and open the explorer.
set -euo pipefail
cd "$(dirname "$0")"
PYTHON=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e .
.venv/bin/coopkg build
exec .venv/bin/coopkg app "$@"
