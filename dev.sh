#!/usr/bin/env bash
# One entry point for newcomers and CI: installs what briefgen needs, then runs it.
#   ./dev.sh demo   install, then build the example dossier into output/
#   ./dev.sh test   install (with the test tools: LibreOffice, Chromium), then run the whole test suite
# Safe to run again: it installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")"

RUNTIME_DEBS=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core poppler-utils)
TEST_DEBS=(libreoffice-writer-nogui python3-uno chromium chromium-driver)
VENV=${BRIEFGEN_VENV:-.venv}

need_debs() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing system packages: ${missing[*]}" >&2
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

python_env() {
  if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV" 2>/dev/null || { need_debs python3-venv; python3 -m venv "$VENV"; }
  fi
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check -e ".[test]"
}

case "${1:-}" in
  demo)
    need_debs "${RUNTIME_DEBS[@]}"
    python_env
    "$VENV/bin/briefgen" build briefs/kazakhstan-2019
    ;;
  test)
    need_debs "${RUNTIME_DEBS[@]}" "${TEST_DEBS[@]}"
    python_env
    "$VENV/bin/python" -m pytest -q "${@:2}"
    ;;
  *)
    echo "usage: ./dev.sh demo | ./dev.sh test [pytest args]" >&2
    exit 2
    ;;
esac
