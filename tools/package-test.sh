#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds Linnet's Linux packages, lints them, and installs them into a clean Debian 12 the
# way an admin would (packaging/README.md).
#   tools/package-test.sh build     configure (prefix /usr, Debian's hardening flags) and cpack:
#                                   .deb and .rpm of linnet and linnet-server, server .tar.gz
#   tools/package-test.sh lint      desktop-file-validate, appstreamcli, lintian, rpmlint
#   tools/package-test.sh install   (root) debootstrap a clean bookworm, apt install the .debs,
#                                   run the installed server as its user with its config,
#                                   register two accounts and exchange a message with the
#                                   installed linnet-cli; remove, reinstall, purge
#   tools/package-test.sh all       the three in order (default)
# Environment: LINNET_PKG_BUILD_DIR (default ./build-pkg), LINNET_PKG_DIR (where the packages
# go; default $LINNET_PKG_BUILD_DIR/packages), LINNET_PKG_JOBS (default 2),
# LINNET_PKG_MIRROR (default http://deb.debian.org/debian), LINNET_PKG_ROOTFS_CACHE (a
# .tar of a fresh debootstrap: reused when it exists, written after a debootstrap when not).
# Needs: cmake, ninja, the build dependencies, rpm (for .rpm), lintian, rpmlint,
# desktop-file-utils, appstream; for install also debootstrap, util-linux, iproute2.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${LINNET_PKG_BUILD_DIR:-$ROOT/build-pkg}
OUT=${LINNET_PKG_DIR:-$BUILD/packages}
JOBS=${LINNET_PKG_JOBS:-2}
MIRROR=${LINNET_PKG_MIRROR:-http://deb.debian.org/debian}
CMD=${1:-all}

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
fail() {
  printf 'package-test: FAIL: %s\n' "$*" >&2
  exit 1
}

build_packages() {
  local cxxflags="" ldflags="" launcher=()
  if command -v dpkg-buildflags >/dev/null; then
    # What Debian builds its own packages with: fortify, stack protector, relro, bindnow.
    cxxflags="$(DEB_BUILD_MAINT_OPTIONS=hardening=+all dpkg-buildflags --get CXXFLAGS)"
    cxxflags+=" $(DEB_BUILD_MAINT_OPTIONS=hardening=+all dpkg-buildflags --get CPPFLAGS)"
    ldflags="$(DEB_BUILD_MAINT_OPTIONS=hardening=+all dpkg-buildflags --get LDFLAGS)"
  fi
  command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  log "Configuring the package build in $BUILD"
  cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_INSTALL_PREFIX=/usr -DBUILD_TESTING=OFF -DLINNET_WERROR="${LINNET_WERROR:-OFF}" \
    -DCMAKE_SKIP_INSTALL_ALL_DEPENDENCY=ON \
    -DCMAKE_CXX_FLAGS="$cxxflags" -DCMAKE_EXE_LINKER_FLAGS="$ldflags" "${launcher[@]}" >/dev/null
  log "Building"
  # Only what the packages hold (not linnet-bench); cpack then builds nothing more.
  cmake --build "$BUILD" --parallel "$JOBS" --target linnet linnet-cli linnet-server
  log "Packaging into $OUT"
  rm -rf "$OUT"
  (cd "$BUILD" && cpack -B "$OUT" >/dev/null)
  rm -rf "$OUT/_CPack_Packages"
  ls -l "$OUT" >&2
}

packages() { # the files of one kind, failing if there are none
  local found
  found=$(find "$OUT" -maxdepth 1 -name "$1" | sort)
  [ -n "$found" ] || fail "no $1 in $OUT (run: $0 build)"
  echo "$found"
}

lint_packages() {
  local work
  work=$(mktemp -d)
  log "Checking the .desktop file and the AppStream metainfo from the .deb"
  dpkg-deb -x "$(packages 'linnet_*.deb')" "$work"
  desktop-file-validate "$work"/usr/share/applications/*.desktop
  appstreamcli validate --no-net --explain "$work"/usr/share/metainfo/*.metainfo.xml
  rm -rf "$work"
  log "lintian"
  # initial-upload-closes-no-bugs: these packages are not uploaded to Debian (no ITP bug).
  # Remaining info tags are listed with their reasons in packaging/README.md.
  # shellcheck disable=SC2046
  lintian --fail-on error,warning --suppress-tags initial-upload-closes-no-bugs \
    $(packages '*.deb')
  if command -v rpmlint >/dev/null; then
    log "rpmlint"
    # shellcheck disable=SC2046
    rpmlint -c "$ROOT/packaging/rpm/rpmlint.toml" -r "$ROOT/packaging/rpm/linnet.rpmlintrc" \
      $(packages '*.rpm')
  else
    log "rpmlint not installed: .rpm not linted"
  fi
  log "The server tarball holds the server alone"
  local listing
  listing=$(tar -tzf "$(packages 'linnet-server-*.tar.gz')")
  grep -qx 'usr/bin/linnet-server' <<<"$listing" || fail "the tarball has no usr/bin/linnet-server"
  if grep -q 'usr/bin/linnet$' <<<"$listing"; then
    fail "the server tarball holds the desktop app"
  fi
  log "Lint passed"
}

# --- the install test -----------------------------------------------------------------
ROOTFS=""
SERVER_PID=""

in_root() { chroot "$ROOTFS" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 "$@"; }
# The server and the clients share a network namespace of their own with loopback only:
# the installed config's port 7480 is free there whatever else runs on this machine.
# Where namespaces cannot be made (some containers), the host's loopback is used.
NETNS=""
in_root_offline() {
  if [ -n "$NETNS" ]; then
    ip netns exec "$NETNS" chroot "$ROOTFS" \
      /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 "$@"
  else
    in_root "$@"
  fi
}

make_netns() {
  NETNS=linnet-pkgtest-$$
  local hadRunNetns=0
  mountpoint -q /run/netns 2>/dev/null && hadRunNetns=1
  if ip netns add "$NETNS" 2>/dev/null && ip netns exec "$NETNS" ip link set lo up; then
    return 0
  fi
  ip netns del "$NETNS" 2>/dev/null || true
  # A failed `ip netns add` (in a chroot) leaves its /run/netns mount behind.
  if [ "$hadRunNetns" = 0 ]; then
    while mountpoint -q /run/netns 2>/dev/null; do umount /run/netns 2>/dev/null || break; done
  fi
  NETNS=""
  log "No network namespace here: the test uses this machine's loopback"
  if (exec 3<>/dev/tcp/127.0.0.1/7480) 2>/dev/null; then
    fail "port 7480 (the installed config's) is taken on this machine"
  fi
}

cleanup_root() {
  [ -n "$ROOTFS" ] || return 0
  local pid
  pid=$(server_pid)
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; fi
  if [ -n "$SERVER_PID" ]; then wait "$SERVER_PID" 2>/dev/null || true; fi
  if [ -n "$NETNS" ]; then ip netns del "$NETNS" 2>/dev/null || true; fi
  umount "$ROOTFS/tmp" "$ROOTFS/dev/pts" "$ROOTFS/proc" 2>/dev/null || true
  # Never rm -rf a tree with something still mounted in it.
  if grep -q " $ROOTFS/" /proc/mounts; then
    log "Left $ROOTFS: something is still mounted in it"
  elif [ -z "${LINNET_PKG_KEEP_ROOT:-}" ]; then
    rm -rf "$ROOTFS"
  else
    log "Kept $ROOTFS"
  fi
}

make_root() {
  ROOTFS=$(mktemp -d /var/tmp/linnet-pkg-root.XXXXXX)
  chmod 755 "$ROOTFS" # it becomes /: every user (_apt, linnet-server) must get through it
  trap cleanup_root EXIT
  local cache=${LINNET_PKG_ROOTFS_CACHE:-}
  if [ -n "$cache" ] && [ -f "$cache" ]; then
    log "A clean Debian 12 from $cache"
    tar -xf "$cache" -C "$ROOTFS"
  else
    log "debootstrap: a clean Debian 12 (minbase) in $ROOTFS from $MIRROR"
    debootstrap --variant=minbase bookworm "$ROOTFS" "$MIRROR" >"$ROOTFS.log" 2>&1 ||
      { tail -20 "$ROOTFS.log" >&2; fail "debootstrap"; }
    rm -f "$ROOTFS.log"
    if [ -n "$cache" ]; then tar -cf "$cache" -C "$ROOTFS" .; fi
  fi
  # The same suites as this machine (its packages were built against bookworm-updates).
  if [ -f /etc/apt/sources.list.d/debian.sources ]; then
    cp /etc/apt/sources.list.d/debian.sources "$ROOTFS/etc/apt/sources.list.d/"
    rm -f "$ROOTFS/etc/apt/sources.list"
  fi
  cp /etc/resolv.conf "$ROOTFS/etc/resolv.conf" 2>/dev/null || true
  # /dev: the nodes debootstrap made (null, zero, urandom, tty...); nothing of the host's.
  mount -t proc proc "$ROOTFS/proc"
  mount -t devpts -o newinstance,ptmxmode=0666 devpts "$ROOTFS/dev/pts"
  mount -t tmpfs tmpfs "$ROOTFS/tmp"
  make_netns
}

expect() { # expect DESCRIPTION COMMAND...: run in the root, fail with DESCRIPTION if it fails
  local what=$1
  shift
  in_root sh -c "$*" || fail "$what"
  echo "  ok: $what" >&2
}

apt_install_debs() {
  mkdir -p "$ROOTFS/pkgs"
  cp "$(packages 'linnet_*.deb')" "$ROOTFS/pkgs/linnet.deb"
  cp "$(packages 'linnet-server_*.deb')" "$ROOTFS/pkgs/linnet-server.deb"
  in_root apt-get update -qq
  # apt, not dpkg -i: the dependencies come from the archive as they would for a user.
  DEBIAN_FRONTEND=noninteractive in_root apt-get install -y -q --no-install-recommends \
    /pkgs/linnet-server.deb /pkgs/linnet.deb >"$ROOTFS/tmp/apt.log" 2>&1 ||
    { tail -30 "$ROOTFS/tmp/apt.log" >&2; fail "apt-get install of the .debs"; }
}

start_server() {
  # As an admin does without systemd: the service's command line, as its user.
  in_root_offline runuser -u linnet-server -- \
    linnet-server serve --config /etc/linnet/linnet-server.ini >"$ROOTFS/tmp/server.log" 2>&1 &
  SERVER_PID=$!
  local _
  for _ in $(seq 1 100); do
    grep -q "listening on" "$ROOTFS/tmp/server.log" 2>/dev/null && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.1
  done
  cat "$ROOTFS/tmp/server.log" >&2
  fail "the installed server did not start"
}

server_pid() { # the linnet-server process running in this test's root, if any
  local p
  [ -n "$ROOTFS" ] || return 0
  for p in /proc/[0-9]*; do
    [ "$(cat "$p/comm" 2>/dev/null)" = linnet-server ] || continue
    [ "$(readlink "$p/root" 2>/dev/null)" = "$ROOTFS" ] || continue
    echo "${p#/proc/}"
    return 0
  done
}

stop_server() {
  # SIGTERM to the server itself, as systemd sends it (runuser would report the signal).
  kill -TERM "$(server_pid)"
  wait "$SERVER_PID" || fail "the server did not stop cleanly on SIGTERM"
  SERVER_PID=""
  grep -q "stopped" "$ROOTFS/tmp/server.log" || fail "the server did not say it stopped"
}

install_test() {
  [ "$(id -u)" -eq 0 ] || fail "the install test needs root (debootstrap, chroot, mounts)"
  packages '*.deb' >/dev/null
  make_root
  log "apt install the .debs"
  apt_install_debs
  expect "linnet-server --version says the project's version" \
    "linnet-server --version | grep -qx 'linnet-server $(project_version)'"
  expect "the system user linnet-server exists, with no login shell" \
    "getent passwd linnet-server | grep -q ':/var/lib/linnet-server:/usr/sbin/nologin\$'"
  expect "/var/lib/linnet-server belongs to it, mode 0700" \
    "[ \"\$(stat -c '%U:%G %a' /var/lib/linnet-server)\" = 'linnet-server:linnet-server 700' ]"
  expect "the config is a conffile and sets the data directory" \
    "grep -qx /etc/linnet/linnet-server.ini /var/lib/dpkg/info/linnet-server.conffiles &&
     grep -qx 'data_dir = /var/lib/linnet-server' /etc/linnet/linnet-server.ini"
  expect "the unit is installed and not enabled" \
    "[ -f /usr/lib/systemd/system/linnet-server.service ] &&
     ! [ -e /etc/systemd/system/multi-user.target.wants/linnet-server.service ]"
  # /proc shows the host's processes too: only one whose root is this test's counts.
  [ -z "$(server_pid)" ] || fail "installing started the server"
  echo "  ok: installing did not start the server" >&2
  expect "every installed binary finds its libraries" \
    "! ldd /usr/bin/linnet /usr/bin/linnet-cli /usr/bin/linnet-server | grep 'not found'"
  expect "the Qt SQLite driver is installed" \
    "ls /usr/lib/*/qt6/plugins/sqldrivers/libqsqlite.so"
  expect "desktop file, metainfo and icons are installed" \
    "ls /usr/share/applications/*.desktop /usr/share/metainfo/*.metainfo.xml \
        /usr/share/icons/hicolor/scalable/apps/*.svg /usr/share/icons/hicolor/48x48/apps/*.png"

  log "The installed server, as its user, with the installed config"
  start_server
  grep "listening on" "$ROOTFS/tmp/server.log" >&2
  local url=ws://127.0.0.1:7480/v1/ws
  grep -q "listening on $url" "$ROOTFS/tmp/server.log" || fail "not on the config's address"
  [ "$(awk '/^Uid:/ {print $2}' "/proc/$(server_pid)/status")" = "$(in_root id -u linnet-server)" ] ||
    fail "the server does not run as linnet-server"
  echo "  ok: the server runs as linnet-server" >&2
  expect "the database belongs to linnet-server" \
    "[ \"\$(stat -c '%U' /var/lib/linnet-server/linnet.db)\" = linnet-server ]"
  local admin=(runuser -u linnet-server -- linnet-server --config /etc/linnet/linnet-server.ini)
  local inviteA inviteB
  inviteA=$(in_root "${admin[@]}" invite create | tail -1)
  inviteB=$(in_root "${admin[@]}" invite create | tail -1)
  if [ -z "$inviteA" ] || [ -z "$inviteB" ]; then fail "invite create printed no code"; fi

  log "The installed linnet-cli: two accounts, one message"
  local cli="export LINNET_PASSPHRASE='package test passphrase' HOME=/root;"
  in_root_offline sh -c "$cli echo 'ana password 1' | linnet-cli --profile /root/ana \
    --server $url register ana --password-stdin --invite $inviteA" ||
    fail "linnet-cli register ana"
  in_root_offline sh -c "$cli echo 'ben password 1' | linnet-cli --profile /root/ben \
    --server $url register ben --password-stdin --invite $inviteB" ||
    fail "linnet-cli register ben"
  in_root_offline sh -c "$cli linnet-cli --profile /root/ana send ben 'hello from the package'" ||
    fail "linnet-cli send"
  local got
  got=$(in_root_offline sh -c "$cli linnet-cli --profile /root/ben listen --count 1 --timeout 30 --json") ||
    fail "linnet-cli listen"
  echo "  ben received: $got" >&2
  echo "$got" | grep -q '"text":"hello from the package"' || fail "ben did not get ana's message"
  echo "$got" | grep -q '"from":"ana"' || fail "the message is not from ana"
  expect "the accounts are in the installed server's database" \
    "accounts=\$(${admin[*]} account list) && echo \"\$accounts\" | grep -qw ana &&
     echo \"\$accounts\" | grep -qw ben"
  stop_server

  log "apt remove: the data stays"
  DEBIAN_FRONTEND=noninteractive in_root apt-get remove -y -q linnet linnet-server >/dev/null
  expect "the binaries are gone" "! [ -e /usr/bin/linnet-server ] && ! [ -e /usr/bin/linnet-cli ]"
  expect "the database and the config stay" \
    "[ -f /var/lib/linnet-server/linnet.db ] && [ -f /etc/linnet/linnet-server.ini ]"
  log "Reinstalled, the server has its accounts again"
  DEBIAN_FRONTEND=noninteractive in_root apt-get install -y -q --no-install-recommends \
    /pkgs/linnet-server.deb /pkgs/linnet.deb >/dev/null 2>&1 || fail "reinstall"
  expect "ana and ben are still there" \
    "accounts=\$(${admin[*]} account list) && echo \"\$accounts\" | grep -qw ana &&
     echo \"\$accounts\" | grep -qw ben"

  log "apt purge: the data goes"
  DEBIAN_FRONTEND=noninteractive in_root apt-get purge -y -q linnet linnet-server >/dev/null
  expect "the data directory and the config are gone" \
    "! [ -e /var/lib/linnet-server ] && ! [ -e /etc/linnet ]"
  expect "dpkg knows neither package" \
    "! dpkg -s linnet >/dev/null 2>&1 && ! dpkg -s linnet-server >/dev/null 2>&1"
  log "Install test passed"
}

project_version() {
  sed -n 's/^project(Linnet VERSION \([0-9.]*\).*/\1/p' "$ROOT/CMakeLists.txt"
}

case "$CMD" in
  build) build_packages ;;
  lint) lint_packages ;;
  install) install_test ;;
  all) build_packages; lint_packages; install_test ;;
  *) echo "usage: $0 build|lint|install|all" >&2; exit 2 ;;
esac
