#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Linnet developer entry point, used by the README's Quick start and by CI.
#   tools/dev.sh run    install what is missing, build, run Linnet (bundled server on localhost)
#   tools/dev.sh test   install what is missing, build, run the whole test suite
#   tools/dev.sh build  install what is missing and build only
#   tools/dev.sh packages  build, lint and (as root) install-test the Linux packages
#   tools/dev.sh deps   install what is missing (the build's, the tests' and CI's packages) only
# Environment: LINNET_BUILD_DIR (default ./build), LINNET_WERROR=ON (CI),
# LINNET_SANITIZE=ON (ASan+UBSan), LINNET_SANITIZER_TESTS=1 (test: also run the unit
# tests in a second ASan+UBSan build; CI does), LINNET_FUZZ_TESTS=1 (test: then each fuzz
# target briefly, LINNET_FUZZ_SECONDS each; CI does), LINNET_PACKAGE_TESTS=1 (test: then the
# package tests too; CI does), LINNET_DATA_DIR, LINNET_LISTEN
# (default 127.0.0.1:7480).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${LINNET_BUILD_DIR:-$ROOT/build}
CMD=${1:-run}

# Debian 12 / Ubuntu packages. Not dbus-x11: with it a keychain job under Xvfb
# opens an invisible password prompt and hangs.
PACKAGES=(cmake ninja-build g++ pkg-config ccache
  qt6-base-dev qt6-websockets-dev qt6-svg-dev libqrencode-dev
  qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools libqt6sql6-sqlite
  qtkeychain-qt6-dev libsodium-dev libsqlite3-dev libgl-dev
  xvfb xauth dbus-daemon gnome-keyring libsecret-1-0
  fonts-dejavu-core fonts-noto-color-emoji clang-format openssl libssl-dev
  qt6-multimedia-dev gstreamer1.0-plugins-base gstreamer1.0-plugins-good gstreamer1.0-libav
  pulseaudio pulseaudio-utils iproute2)
# For the package tests (tools/package-test.sh; CI runs them with LINNET_PACKAGE_TESTS=1).
PACKAGE_TOOLS=(rpm lintian rpmlint desktop-file-utils appstream debootstrap util-linux)
# For the fuzz targets (tools/fuzz.sh, docs/fuzzing.md; CI runs them with LINNET_FUZZ_TESTS=1).
# libclang-rt-14-dev (libFuzzer) is only a Recommends of clang-14: named here.
FUZZ_TOOLS=(clang libclang-rt-14-dev)

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

install_packages() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "Installing ${missing[*]}"
  local sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
}

install_deps() { install_packages "${PACKAGES[@]}"; }

run_package_tests() {
  # The .deb/.rpm/.tar.gz from their own build, linted, and (as root, where mounts work)
  # installed into a clean Debian 12 root where two accounts exchange a message.
  install_packages "${PACKAGE_TOOLS[@]}"
  log "Building and linting the packages"
  "$ROOT/tools/package-test.sh" build
  "$ROOT/tools/package-test.sh" lint
  if [ "$(id -u)" -ne 0 ]; then
    log "Package install test skipped: it needs root (debootstrap, chroot, mounts)"
    return 0
  fi
  local probe
  probe=$(mktemp -d)
  if ! mount -t tmpfs tmpfs "$probe" 2>/dev/null; then
    rmdir "$probe"
    log "Package install test skipped: this environment cannot mount (no CAP_SYS_ADMIN), so no clean root can be made"
    return 0
  fi
  umount "$probe" && rmdir "$probe"
  "$ROOT/tools/package-test.sh" install
}

run_fuzz_tests() {
  install_packages "${FUZZ_TOOLS[@]}"
  log "Fuzzing every target briefly (after replaying its corpus)"
  # No leak checks: LeakSanitizer cannot start where ptrace is forbidden (containers).
  ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0} LINNET_FUZZ_BUILD_DIR="${BUILD}-fuzz" "$ROOT/tools/fuzz.sh" "${LINNET_FUZZ_SECONDS:-5}"
}

build() {
  local launcher=()
  if command -v ccache >/dev/null; then
    launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
    export CCACHE_BASEDIR="$ROOT" CCACHE_NOHASHDIR=1
  fi
  log "Configuring in $BUILD"
  cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DLINNET_WERROR="${LINNET_WERROR:-OFF}" -DLINNET_SANITIZE="${LINNET_SANITIZE:-OFF}" \
    "${launcher[@]}" >/dev/null
  log "Building"
  cmake --build "$BUILD" --parallel "$(nproc)"
}

format_check() {
  command -v clang-format >/dev/null || { log "clang-format not found; skipping format check"; return 0; }
  log "Checking clang-format"
  local bad
  # find, not git ls-files: git is not among the packages (a fresh machine may have
  # the sources from a tarball); build trees are skipped.
  bad=$(cd "$ROOT" && find . \( -path ./.git -o -path './build*' \) -prune -o -type f \
    \( -name '*.cpp' -o -name '*.h' \) -print | while read -r f; do
    clang-format --dry-run -Werror "$f" >/dev/null 2>&1 || echo "${f#./}"; done)
  if [ -n "$bad" ]; then
    echo "Not clang-format clean (run clang-format -i on them):" >&2
    echo "$bad" >&2
    return 1
  fi
}

run_tests() {
  # Keychain tests need a session bus and an unlocked gnome-keyring; give the
  # suite its own throwaway HOME so nothing touches the user's real keyring.
  local home runtime
  home=$(mktemp -d) runtime=$(mktemp -d)
  chmod 700 "$runtime"
  log "Running the test suite"
  local rc=0
  HOME="$home" XDG_RUNTIME_DIR="$runtime" QT_QPA_PLATFORM=offscreen \
    dbus-run-session -- sh -c 'printf "\n" | gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec "$@"' \
    sh ctest --test-dir "$BUILD" --output-on-failure --parallel 2 --timeout 600 || rc=$?
  rm -rf "$home" "$runtime"
  return $rc
}

run_sanitized_unit_tests() {
  # Memory bugs (a dangling pointer once lost acked messages) only show under
  # AddressSanitizer: build the libraries and unit tests once more with ASan+UBSan.
  local build="${BUILD}-asan"
  local launcher=()
  command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  log "Building the unit tests with AddressSanitizer and UndefinedBehaviorSanitizer in $build"
  cmake -S "$ROOT" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DLINNET_SANITIZE=ON \
    -DLINNET_BUILD_APP=OFF -DLINNET_WERROR="${LINNET_WERROR:-OFF}" "${launcher[@]}" >/dev/null
  local units=(tst_framecodec tst_framecodec_rejects tst_messageid tst_messagecontent tst_reactionstore tst_accountidentity tst_devicelink tst_historystream
    tst_migrations tst_migration_steps tst_sqlitestore_accounts tst_sqlitestore_batches tst_sqlitestore_reservations
    tst_sqlitestore_groups tst_batchlookups tst_websocketconnection
    tst_groupcommitter tst_conversationseqs tst_heldseqs tst_epolldispatcher tst_credentials
    tst_ratelimiter tst_serverconfig
    tst_clientmigrations tst_localstore tst_draftstore tst_messagesearch tst_chatliststore
    tst_passphrasesecretstore tst_x3dh tst_ratchet
    tst_sessioncipher tst_safetynumber tst_senderkey
    tst_sqlquery tst_result tst_schemasnapshots tst_outbox tst_presencetracker
    tst_attachmentcipher tst_decryptingwriter tst_attachmentstore tst_clientmedia tst_mediafiles
    tst_blobtransfer tst_lanannouncement tst_lanframes tst_chaos_check tst_connection_handshake
    tst_fileblobstore tst_httprequesthead tst_httpresponsehead tst_mediatickets tst_sqlitemediastore
    tst_mediacontroller tst_mediatransfer tst_invitelink tst_servercertificate tst_backuparchive
    tst_linkcode)
  cmake --build "$build" --parallel "$(nproc)" --target "${units[@]}"
  log "Running the sanitized unit tests"
  local pattern
  pattern="^($(IFS='|'; echo "${units[*]}"))\$"
  ASAN_OPTIONS=detect_leaks=0 QT_QPA_PLATFORM=offscreen \
    ctest --test-dir "$build" --output-on-failure -R "$pattern"
  # Opt-in until a whole run has been seen clean (docs/reliability.md).
  if [ "${LINNET_LEAK_TESTS:-0}" = 1 ]; then run_leak_checked_server_tests "$build"; fi
}

run_leak_checked_server_tests() {
  # LeakSanitizer over the server's integration tests (issue 29; LINNET_LEAK_TESTS=1 with
  # LINNET_SANITIZER_TESTS=1): the sanitized server
  # is started, driven over real WebSockets and stopped by each test; every process that
  # leaks writes a report, and any report fails the run.
  local build=$1 reports
  local tests
  mapfile -t tests < <(cd "$ROOT/tests/integration" && ls tst_server_*.cpp | sed 's/\.cpp$//')
  log "Building the server and its integration tests with AddressSanitizer"
  cmake --build "$build" --parallel "$(nproc)" --target linnet-server "${tests[@]}"
  reports=$(mktemp -d)
  log "Running the server's integration tests under LeakSanitizer"
  local rc=0 pattern
  pattern="^($(IFS='|'; echo "${tests[*]}"))\$"
  ASAN_OPTIONS="detect_leaks=1:log_path=$reports/leak" QT_QPA_PLATFORM=offscreen \
    ctest --test-dir "$build" --output-on-failure --timeout 900 -R "$pattern" || rc=$?
  if compgen -G "$reports/leak*" >/dev/null; then
    cat "$reports"/leak* >&2
    log "LeakSanitizer or AddressSanitizer reported the above"
    rc=1
  fi
  rm -rf "$reports"
  return $rc
}

run_linnet() {
  local data=${LINNET_DATA_DIR:-${XDG_DATA_HOME:-$HOME/.local/share}/linnet-server}
  local listen=${LINNET_LISTEN:-127.0.0.1:7480}
  local server="$BUILD/server/linnet-server"
  mkdir -p "$data"
  if [ -z "$("$server" --data-dir "$data" account list)" ]; then
    log "First run: an invite code for your first account"
    "$server" --data-dir "$data" invite create
  fi
  if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -x "$BUILD/app/linnet" ]; then
    log "Starting the Linnet app"
    "$BUILD/app/linnet" &
  else
    log "No display found: running the server alone (clients connect to the address below)"
  fi
  log "Starting the bundled server (data in $data); Ctrl+C stops it"
  exec "$server" serve --listen "$listen" --data-dir "$data"
}

case "$CMD" in
  run) install_deps; build; run_linnet ;;
  test)
    install_deps; build; format_check; run_tests
    if [ "${LINNET_SANITIZER_TESTS:-0}" = 1 ]; then run_sanitized_unit_tests; fi
    if [ "${LINNET_FUZZ_TESTS:-0}" = 1 ]; then run_fuzz_tests; fi
    if [ "${LINNET_PACKAGE_TESTS:-0}" = 1 ]; then run_package_tests; fi
    ;;
  packages) install_deps; run_package_tests ;;
  build) install_deps; build ;;
  deps) install_deps; install_packages "${PACKAGE_TOOLS[@]}" "${FUZZ_TOOLS[@]}" ;;
  *) echo "usage: $0 run|test|build|packages|deps" >&2; exit 2 ;;
esac
