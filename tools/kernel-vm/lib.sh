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

# The guest architectures, by the name a user types (Debian's names): amd64 (the default) and arm64.
check_arch() {
  case "$1" in
    amd64|arm64) ;;
    *) die "unknown architecture '$1': choose amd64 or arm64" ;;
  esac
}

# Where a prepared kernel lives: amd64 keeps the plain version as its folder (as before arm64 came).
kernel_dir_for() {
  if [ "$2" = amd64 ]; then echo "$CACHE_ROOT/$1"; else echo "$CACHE_ROOT/$1-$2"; fi
}

# The Debian packages of host tools the harness needs that are not installed, one per line.
# TYPEDALG_VM_ARCH (set by run) adds the emulator of that guest architecture.
missing_host_deps() {
  command -v qemu-system-x86_64 >/dev/null || echo qemu-system-x86
  if [ "${TYPEDALG_VM_ARCH:-amd64}" = arm64 ]; then
    command -v qemu-system-aarch64 >/dev/null || echo qemu-system-arm
  fi
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

# A private apt state in DIR for SUITE and ARCH (Debian's archive, the host's keyring): sets apt_opts and reads
# the package lists. The host's own apt configuration and state are never touched.
apt_private() {
  local apt_dir=$1 suite=$2 arch=$3
  mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$apt_dir/etc"
  # The suite's main, updates and security archives; a backports suite alone (its kernel is then the only
  # candidate, whatever the archive's pin says).
  if [[ $suite == *-backports ]]; then
    echo "deb [signed-by=$KEYRING] $MIRROR $suite main" >"$apt_dir/etc/sources.list"
  else
    cat >"$apt_dir/etc/sources.list" <<EOF
deb [signed-by=$KEYRING] $MIRROR $suite main
deb [signed-by=$KEYRING] $MIRROR $suite-updates main
deb [signed-by=$KEYRING] $SECURITY_MIRROR $suite-security main
EOF
  fi
  touch "$apt_dir/status"
  apt_opts=(
    -o "Dir::Etc::SourceList=$apt_dir/etc/sources.list"
    -o "Dir::Etc::SourceParts=$apt_dir/etc/none"
    -o "Dir::State::Lists=$apt_dir/lists"
    -o "Dir::State::Status=$apt_dir/status"
    -o "Dir::Cache=$apt_dir/cache"
    -o "APT::Architecture=$arch"
    -o "APT::Architectures=$arch"
    -o "Debug::NoLocking=1"
    -o "APT::Get::List-Cleanup=0"
    -o "APT::Sandbox::User=root"
  )
  if ! apt-get "${apt_opts[@]}" update -qq 2>"$apt_dir/update.log"; then
    # A missing updates/security archive is fine; the main suite is not.
    if ! ls "$apt_dir/lists/"*"_dists_${suite}_main_binary-${arch}_Packages"* >/dev/null 2>&1; then
      cat "$apt_dir/update.log" >&2
      die "cannot read $suite's $arch package lists from $MIRROR (no network to Debian's archive?)"
    fi
  fi
}
