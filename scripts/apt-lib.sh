# Shared by the ensure-*.sh scripts (sourced, not run): the checks before installing a Debian package.
# can_apt_install NAME PACKAGE HINT: returns 0 when we are root and apt-get exists; otherwise prints why to
# standard error, naming the script NAME, the PACKAGE to install by hand and HINT (the variable to set instead).
can_apt_install() {
  local name="$1" package="$2" hint="$3"
  if [ "$(id -u)" != "0" ]; then
    echo "$name: $package is missing and we are not root; install it with 'sudo apt-get install -y $package' or $hint" >&2
    return 1
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "$name: $package is missing and apt-get is not available; install it and $hint" >&2
    return 1
  fi
  echo "$name: installing Debian's $package package (one time)..." >&2
  export DEBIAN_FRONTEND=noninteractive
}
