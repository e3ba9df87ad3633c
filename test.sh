#!/usr/bin/env bash
# Set up coopkg with its test dependencies and run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")"
PYTHON=${PYTHON:-python3}
# Tools from Debian the tests use; install them where we may (root with apt): Chromium for the
# browser tests; Raptor (rapper), Apache Jena (riot) and the OWL API with a JDK for the checks by
# tools the project did not write (tests/test_rdf_parsers.py, tests/test_owl_profile.py); Pango for
# WeasyPrint (the Répertoire's PDF) and poppler-utils (pdftotext, pdffonts) to read it back.
DEBIAN_PACKAGES="chromium chromium-driver raptor2-utils libapache-jena-java libowlapi-java default-jdk-headless
  libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 poppler-utils"
missing=""
for package in $DEBIAN_PACKAGES; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing="$missing $package"
done
if [ -n "$missing" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
fi
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
exec .venv/bin/python -m pytest "$@"
