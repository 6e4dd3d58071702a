# Shared by the kernel-vm scripts: messages, host dependencies, where things live.
# shellcheck shell=bash

KVM_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
CACHE_ROOT=${TYPEDALG_KERNEL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/typedalg/kernels}
MIRROR=${TYPEDALG_DEBIAN_MIRROR:-http://deb.debian.org/debian}
SECURITY_MIRROR=${TYPEDALG_DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security}
KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg

say() { printf 'kernel-vm: %s\n' "$*" >&2; }
die() { printf 'kernel-vm: error: %s\n' "$*" >&2; exit 2; }

# The kernels we test on, by the version a user types.
suite_for() {
  case "$1" in
    5.10) echo bullseye ;;
    6.1) echo bookworm ;;
    6.12) echo trixie ;;
    7.2) echo forky ;;
    7.3) echo trixie-backports ;;
    *) die "unknown kernel '$1': choose 5.10 (bullseye), 6.1 (bookworm), 6.12 (trixie), 7.2 (forky) or 7.3 (trixie-backports)" ;;
  esac
}

# The Debian packages of host tools the harness needs that are not installed, one per line.
missing_host_deps() {
  command -v qemu-system-x86_64 >/dev/null || echo qemu-system-x86
  # grep reads the whole list: with -q it would stop early and pipefail would see busybox's SIGPIPE.
  [ -x /bin/busybox ] && /bin/busybox --list 2>/dev/null | grep -x modprobe >/dev/null || echo busybox-static
  command -v cpio >/dev/null || echo cpio
  command -v depmod >/dev/null || [ -x /sbin/depmod ] || echo kmod
  command -v xz >/dev/null || echo xz-utils
  command -v setpriv >/dev/null || echo util-linux
}

# Installs the host tools the harness needs, once, with a clear message when that is impossible.
ensure_host_deps() {
  command -v dpkg-deb >/dev/null || die "dpkg-deb is missing: this harness needs a Debian-based host"
  [ -z "$(missing_host_deps)" ] && return 0
  # One installer at a time (kernels are often prepared in parallel); the others wait, then re-check.
  mkdir -p "$CACHE_ROOT"
  exec 9>"$CACHE_ROOT/.host-deps.lock"
  flock 9
  local missing
  mapfile -t missing < <(missing_host_deps)
  if [ ${#missing[@]} -gt 0 ]; then
    say "installing host packages: ${missing[*]}"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    if ! $sudo apt-get update -qq >/dev/null 2>&1; then
      die "apt-get update failed: is Debian's archive reachable? Install by hand: apt-get install ${missing[*]}"
    fi
    if ! DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; then
      die "could not install ${missing[*]} (see apt-get's message above; free disk: $(df -h / | awk 'NR==2{print $4}'))"
    fi
  fi
  exec 9>&-
}
