#!/usr/bin/env bash
# Makes sure a Chromium the browser tests can drive is installed (Debian's package, /usr/bin/chromium).
# Installs it with apt-get when it is missing and we are root (as in CI); otherwise says what to do.
# Set CHROMIUM_PATH to use another Chromium binary instead.
set -euo pipefail

bin="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$bin" ]; then
  exit 0
fi
if [ -n "${CHROMIUM_PATH:-}" ]; then
  echo "ensure-chromium: CHROMIUM_PATH=$bin is not an executable file" >&2
  exit 1
fi
# shellcheck source=scripts/apt-lib.sh
. "$(dirname "$0")/apt-lib.sh"
can_apt_install ensure-chromium chromium "set CHROMIUM_PATH" || exit 1
apt-get update -qq >&2
apt-get install -y -qq --no-install-recommends chromium >&2
if [ ! -x "$bin" ]; then
  echo "ensure-chromium: apt-get finished but $bin is still missing" >&2
  exit 1
fi
echo "ensure-chromium: installed $("$bin" --version 2>/dev/null || echo chromium)" >&2
