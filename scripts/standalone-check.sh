#!/usr/bin/env bash
# Proves the repository stands on its own: clones the current branch's last commit into an empty temporary
# folder (so no data folder sits beside it), then runs exactly `npm ci && npm test` there with CDICHECK_SHARED
# unset. The tests that need the external data must print SKIPPED lines; everything else must pass.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
branch="$(git -C "$repo" rev-parse --abbrev-ref HEAD)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
git clone -q -b "$branch" "$repo" "$work/cdicheck"
if [ -e "$work/shared" ]; then echo "standalone-check: $work/shared exists" >&2; exit 1; fi
cd "$work/cdicheck"
echo "standalone-check: $(git log -1 --format='%h %s' | cut -c1-100) in $work/cdicheck"
env -u CDICHECK_SHARED npm ci
env -u CDICHECK_SHARED npm test
