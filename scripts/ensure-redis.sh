#!/usr/bin/env bash
# Makes sure Debian's redis-server is installed (the queue worker's test starts a private one).
# Installs the package with apt-get when it is missing and we are root (as in CI); otherwise says what to do.
# Set REDIS_SERVER to use another redis-server binary instead. Prints the binary's path on standard output.
set -euo pipefail

bin="${REDIS_SERVER:-}"
if [ -n "$bin" ]; then
  if [ -x "$bin" ]; then echo "$bin"; exit 0; fi
  echo "ensure-redis: REDIS_SERVER=$bin is not an executable file" >&2
  exit 1
fi
for candidate in /usr/bin/redis-server "$(command -v redis-server 2>/dev/null || true)"; do
  if [ -n "$candidate" ] && [ -x "$candidate" ]; then echo "$candidate"; exit 0; fi
done
# shellcheck source=scripts/apt-lib.sh
. "$(dirname "$0")/apt-lib.sh"
can_apt_install ensure-redis redis-server "set REDIS_SERVER" || exit 1
# policy-rc.d refuses service starts during the install, so the package does not leave a system-wide
# redis-server running on port 6379: the tests start their own, on a free port, and stop it.
policy=/usr/sbin/policy-rc.d
made_policy=0
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' > "$policy"
  chmod +x "$policy"
  made_policy=1
fi
cleanup() { if [ "$made_policy" = 1 ]; then rm -f "$policy"; fi; }
trap cleanup EXIT
apt-get update -qq >&2
apt-get install -y -qq --no-install-recommends redis-server >&2
if [ ! -x /usr/bin/redis-server ]; then
  echo "ensure-redis: apt-get finished but /usr/bin/redis-server is still missing" >&2
  exit 1
fi
echo "ensure-redis: installed $(/usr/bin/redis-server --version 2>/dev/null || echo redis-server)" >&2
echo /usr/bin/redis-server
