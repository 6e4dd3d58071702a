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
    *) die "unknown kernel '$1': choose 5.10 (bullseye), 6.1 (bookworm) or 6.12 (trixie)" ;;
  esac
}

# Installs the host tools the harness needs, once, with a clear message when that is impossible.
ensure_host_deps() {
  local missing=()
  command -v qemu-system-x86_64 >/dev/null || missing+=(qemu-system-x86)
  # grep reads the whole list: with -q it would stop early and pipefail would see busybox's SIGPIPE.
  [ -x /bin/busybox ] && /bin/busybox --list 2>/dev/null | grep -x modprobe >/dev/null || missing+=(busybox-static)
  command -v cpio >/dev/null || missing+=(cpio)
  command -v depmod >/dev/null || [ -x /sbin/depmod ] || missing+=(kmod)
  command -v xz >/dev/null || missing+=(xz-utils)
  command -v dpkg-deb >/dev/null || die "dpkg-deb is missing: this harness needs a Debian-based host"
  [ ${#missing[@]} -eq 0 ] && return 0

  say "installing host packages: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  if ! $sudo apt-get update -qq >/dev/null 2>&1; then
    die "apt-get update failed: is Debian's archive reachable? Install by hand: apt-get install ${missing[*]}"
  fi
  if ! DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; then
    die "could not install ${missing[*]} (see apt-get's message above; free disk: $(df -h / | awk 'NR==2{print $4}'))"
  fi
}
