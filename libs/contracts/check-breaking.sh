#!/usr/bin/env bash
# Breaking-change check: `buf breaking` (rules FILE, see buf.yaml) of proto/ against a git ref, default main.
# Usage: libs/contracts/check-breaking.sh [ref]   e.g. origin/main in a CI checkout of a pull request.
# Released v1 messages only grow; a breaking change means a new v2 package and topic.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
export PATH="$root/node_modules/.bin:$PATH"
ref="${1:-main}"

if ! git rev-parse --verify --quiet "$ref^{commit}" >/dev/null; then
  echo "Unknown git ref '$ref' (in CI fetch it first, e.g. git fetch origin main)." >&2
  exit 1
fi
# Until the first contracts reach the ref there is nothing to compare with (buf would fail on an empty module).
if ! git cat-file -e "$ref:buf.yaml" 2>/dev/null; then
  echo "$ref has no buf.yaml yet: no released contracts to compare with, skipping."
  exit 0
fi
buf breaking --against ".git#ref=$ref"
echo "No breaking changes in proto/ against $ref."
