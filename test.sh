#!/usr/bin/env bash
# Set up coopkg with its test dependencies and run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")"
PYTHON=${PYTHON:-python3}
# The browser tests drive Debian's Chromium; the Répertoire's PDF needs Pango for WeasyPrint and
# its tests read PDFs with poppler-utils (pdftotext, pdffonts). Install them where we may (root with apt).
if { ! command -v chromium >/dev/null 2>&1 || ! command -v pdftotext >/dev/null 2>&1 \
     || ! ldconfig -p | grep -F libpangoft2-1.0.so.0 >/dev/null; } && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver \
    libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 poppler-utils >/dev/null
fi
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
exec .venv/bin/python -m pytest "$@"
