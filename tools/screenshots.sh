#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Regenerates the screenshots of the real main window: docs/screenshot.png (light
# theme, shown in the README), docs/screenshot-dark.png (dark theme; another
# path with SCREENSHOT_DARK=PATH), docs/screenshot-group.png (a group chat,
# from tst_ui_groups), docs/screenshot-media.png (a photo and files, from
# tst_ui_media), docs/screenshot-video.png (video bubbles, from tst_ui_video) and
# docs/screenshot-voice.png (a voice note, paused part way, from tst_ui_voice).
# tst_ui_mainwindow starts a temporary linnet-server (open registration) from the
# build dir, fills two accounts with a conversation and saves QWidget::grab() of the
# window, light and dark, into $LINNET_SCREENSHOT_DIR. Runs under Xvfb when it is
# installed (closest to a desktop), otherwise on the offscreen platform.
# Usage: tools/screenshots.sh [BUILD_DIR]   (default $LINNET_BUILD_DIR or ./build)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=$(cd "${1:-${LINNET_BUILD_DIR:-$ROOT/build}}" && pwd)
TEST=$BUILD/tests/ui/tst_ui_mainwindow
GROUP_TEST=$BUILD/tests/ui/tst_ui_groups
MEDIA_TEST=$BUILD/tests/ui/tst_ui_media
VIDEO_TEST=$BUILD/tests/ui/tst_ui_video
VOICE_TEST=$BUILD/tests/ui/tst_ui_voice # records on a private PulseAudio daemon it starts

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

log "building tst_ui_mainwindow, tst_ui_groups, tst_ui_media, tst_ui_video, tst_ui_voice and linnet-server in $BUILD"
cmake --build "$BUILD" --target tst_ui_mainwindow tst_ui_groups tst_ui_media tst_ui_video \
  tst_ui_voice linnet-server >/dev/null

SHOTS=$(mktemp -d)
SCRATCH=$(mktemp -d)
trap 'rm -rf "$SHOTS" "$SCRATCH"' EXIT

# A private HOME and runtime dir: the test's profiles and settings stay out of the user's.
export HOME=$SCRATCH XDG_RUNTIME_DIR=$SCRATCH
# The tests run the linnet-server of their own build (a path compiled in).
export LINNET_SCREENSHOT_DIR=$SHOTS
# The test saves both themes in one run; LINNET_THEME is for the app itself.
unset LINNET_THEME

shoot() {
  if command -v xvfb-run >/dev/null; then
    log "running $(basename "$1") under Xvfb"
    QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1280x800x24" "$1" -silent || {
      log "Xvfb run failed; trying the offscreen platform"
      QT_QPA_PLATFORM=offscreen "$1" -silent
    }
  else
    log "xvfb-run not found: using the offscreen platform"
    QT_QPA_PLATFORM=offscreen "$1" -silent
  fi
}
shoot "$TEST"
shoot "$GROUP_TEST"
shoot "$MEDIA_TEST"
shoot "$VIDEO_TEST"
shoot "$VOICE_TEST"

copy() {
  if [[ ! -s $SHOTS/$1 ]]; then
    echo "error: the test did not save $1" >&2
    exit 1
  fi
  mkdir -p "$(dirname "$2")"
  cp "$SHOTS/$1" "$2"
  log "wrote $2"
}
copy mainwindow.png "$ROOT/docs/screenshot.png"
copy mainwindow-dark.png "${SCREENSHOT_DARK:-$ROOT/docs/screenshot-dark.png}"
copy group.png "$ROOT/docs/screenshot-group.png"
copy media.png "$ROOT/docs/screenshot-media.png"
copy video.png "$ROOT/docs/screenshot-video.png"
copy voice.png "$ROOT/docs/screenshot-voice.png"
