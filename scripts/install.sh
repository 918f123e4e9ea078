#!/usr/bin/env bash
# Install scholargraph into ./.venv (creating it), on a machine that has only python3.
#   bash scripts/install.sh          the tool
#   bash scripts/install.sh --dev    the tool plus test and lint tools
set -euo pipefail
cd "$(dirname "$0")/.."

extras=""
[ "${1:-}" = "--dev" ] && extras="[dev]"

if [ ! -x .venv/bin/python ]; then
  if ! python3 -m venv .venv >/dev/null 2>&1; then
    # Debian's python3 ships without ensurepip; python3-venv brings it.
    rm -rf .venv
    if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
      echo "install: python3-venv is missing; installing it with apt-get" >&2
      apt-get update -qq >/dev/null
      version=$(python3 -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv "python${version}-venv" >/dev/null 2>&1 \
        || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
    else
      echo "install: 'python3 -m venv' failed; install python3-venv (e.g. sudo apt-get install python3-venv)" >&2
      exit 1
    fi
    python3 -m venv .venv
  fi
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip >/dev/null
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".${extras}"
