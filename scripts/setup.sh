#!/usr/bin/env bash
# Install what the project needs on a fresh Debian machine: the Debian packages listed in
# scripts/apt-packages.txt (converters for .doc/.rtf/PDF, Chromium for browser tests), a local
# virtual environment with the project, and OpenSearch from Maven Central. Safe to re-run.
set -euo pipefail
cd "$(dirname "$0")/.."

need_cmd() { command -v "$1" >/dev/null 2>&1 || { echo "Error: $1 is missing: $2" >&2; exit 1; }; }
need_cmd python3 "install Python 3.11 or newer"
need_cmd java "install Java 17 or newer (Debian: apt-get install openjdk-17-jre-headless)"
need_cmd mvn "install Maven (Debian: apt-get install maven); it fetches OpenSearch from Maven Central"
python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Error: Python 3.11 or newer is needed" >&2; exit 1; }

if [ -f scripts/apt-packages.txt ]; then
  missing=()
  while read -r pkg; do
    pkg="${pkg%%#*}"; pkg="$(echo "$pkg" | xargs)"; [ -z "$pkg" ] && continue
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done < scripts/apt-packages.txt
  if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing Debian packages: ${missing[*]}"
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq >/dev/null || true
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
stamp=.venv/.installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/pip install -q --upgrade pip >/dev/null
  .venv/bin/pip install -q -e '.[test]'
  touch "$stamp"
fi
.venv/bin/legal-search node install
