#!/usr/bin/env bash
# Set up coopkg, build the knowledge graph, and open the explorer.
set -euo pipefail
cd "$(dirname "$0")"
PYTHON=${PYTHON:-python3}
# WeasyPrint (the Répertoire's PDF, `coopkg repertoire`) needs Pango; install it where we may.
if ! ldconfig -p | grep -F libpangoft2-1.0.so.0 >/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 >/dev/null
fi
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e .
.venv/bin/coopkg build
exec .venv/bin/coopkg app "$@"
