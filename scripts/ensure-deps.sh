#!/usr/bin/env bash
# Installs the system packages opal builds against (libyaml through pkg-config), only when missing.
set -euo pipefail
missing=()
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
if ! pkg-config --exists yaml-0.1 2>/dev/null; then missing+=(libyaml-dev); fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing ${missing[*]} (apt-get)" >&2
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
# The schema-agreement test validates fixtures with python3's jsonschema (Draft 2020-12).
if ! python3 -c 'import jsonschema' >/dev/null 2>&1; then
  echo "installing python3 jsonschema (pip)" >&2
  python3 -m pip install -q jsonschema >/dev/null 2>&1 || pip3 install -q jsonschema >/dev/null
fi
