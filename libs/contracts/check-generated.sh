#!/usr/bin/env bash
# Drift check: regenerates the protobuf-es code from proto/ into a temp dir and compares it with the
# checked-in libs/contracts/src/gen. Exits 1 when they differ (run `npm run proto:gen` and commit).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
export PATH="$root/node_modules/.bin:$PATH"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

buf generate --output "$tmp"

if ! diff -ru libs/contracts/src/gen "$tmp/libs/contracts/src/gen"; then
  echo >&2
  echo "libs/contracts/src/gen is out of date with proto/. Run 'npm run proto:gen' and commit the result." >&2
  exit 1
fi
echo "libs/contracts/src/gen is up to date."
