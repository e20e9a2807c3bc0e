#!/usr/bin/env bash
# Atiende developer entry point. On a fresh Debian 12 machine:
#   ./dev.sh demo    install what is missing, build, start atiended on demo data
#   ./dev.sh test    install what is missing, build, run every test (CTest)
#   ./dev.sh deps    only install what is missing
#   ./dev.sh build   configure and build (no installing)
#   ./dev.sh screenshots   render docs/screenshots/ (English and Spanish) from the demo data
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)
BUILD="$ROOT/build/dev"

APT_PACKAGES=(
  g++ cmake ninja-build ccache pkg-config git
  qt6-base-dev qt6-websockets-dev qt6-charts-dev libqt6opengl6-dev qt6-httpserver-dev
  qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  libqt6sql6-sqlite libqt6sql6-psql qtkeychain-qt6-dev libgl-dev
  libsodium-dev libbenchmark-dev sqlite3
  openssl
  poppler-utils
)

# ccache hits across clones (CI builds a fresh clone every time): paths relative to the root.
export CCACHE_BASEDIR="$ROOT" CCACHE_NOHASHDIR=1

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "need root to run: $*" >&2; exit 1; fi
}

deps() {
  local missing=()
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  # Node.js runs the protocol conformance test; any Node >= 18 will do.
  command -v node >/dev/null || missing+=(nodejs)
  command -v npm >/dev/null || missing+=(npm)
  if [ ${#missing[@]} -gt 0 ]; then
    say "installing ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
  if [ ! -d "$ROOT/tests/conformance/node_modules/ws" ]; then
    say "installing the conformance test's npm packages"
    (cd "$ROOT/tests/conformance" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

build() {
  if [ ! -f "$BUILD/build.ninja" ]; then
    say "configuring"
    cmake --preset dev >/dev/null
  fi
  say "building"
  cmake --build "$BUILD"
}

run_tests() {
  say "testing"
  ctest --test-dir "$BUILD" --output-on-failure -j2 "$@"
}

# Starts atiended on the demo data in the background (stopped when this script ends) and
# waits until it answers.
start_demo_server() {
  local data="$ROOT/.demo/data"
  if [ ! -f "$data/atiende.db" ]; then
    say "creating demo data in $data"
    mkdir -p "$data"
    "$BUILD/app/atiended" demo-data --data "$data"
  fi
  DEMO_PORT=${ATIENDE_PORT:-8765}
  say "starting atiended on 127.0.0.1:$DEMO_PORT"
  "$BUILD/app/atiended" --data "$data" --listen "127.0.0.1:$DEMO_PORT" &
  SERVER_PID=$!
  trap 'kill $SERVER_PID 2>/dev/null; wait $SERVER_PID 2>/dev/null' EXIT
  for _ in $(seq 1 100); do
    if (exec 3<>/dev/tcp/127.0.0.1/"$DEMO_PORT") 2>/dev/null; then return 0; fi
    kill -0 "$SERVER_PID" 2>/dev/null || { echo "atiended did not start" >&2; exit 1; }
    sleep 0.1
  done
  echo "atiended did not answer on 127.0.0.1:$DEMO_PORT" >&2
  exit 1
}

# The console as the demo agent, with its own local copy and token file under .demo/.
console() {
  ATIENDE_DEMO_PASSWORD=demo XDG_CONFIG_HOME="$ROOT/.demo/config" "$BUILD/app/atiende" \
    --server "ws://127.0.0.1:$DEMO_PORT/ws" --user agent --password-env ATIENDE_DEMO_PASSWORD \
    --data-dir "$ROOT/.demo/console" --no-keychain "$@"
}

demo() {
  start_demo_server
  if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] || [ "$(uname)" = Darwin ]; then
    say "opening the console as the demo agent (users agent, lead, admin; password demo)"
    console
  else
    say "no display: running the console offscreen and taking a screenshot"
    QT_QPA_PLATFORM=offscreen console --screenshot "$ROOT/.demo/screenshots"
    cat <<MSG
The server keeps running on ws://127.0.0.1:$DEMO_PORT/ws until Ctrl+C; on a machine with a
display, ./dev.sh demo opens the console itself. Demo users: agent, lead and admin, password
"demo".
MSG
    wait "$SERVER_PID"
  fi
}

# The screenshots in docs/screenshots/, in English and Spanish, from the demo data.
screenshots() {
  start_demo_server
  for lang in en es; do
    QT_QPA_PLATFORM=offscreen console --language "$lang" --screenshot "$ROOT/docs/screenshots" --screenshot-suffix "-$lang"
  done
  # The dashboard tab, from a demo desk of its own (the test makes it).
  ATIENDED_BIN="$BUILD/app/atiended" ATIENDE_WRITE_SCREENSHOTS="$ROOT/docs/screenshots" QT_QPA_PLATFORM=offscreen \
    "$BUILD/tests/ui/tst_dashboardtab" screenshots
  # The sign-in dialog offering to trust a self-signed desk, and refusing a changed certificate
  # (the test serves both with certificates it makes).
  ATIENDED_BIN="$BUILD/app/atiended" ATIENDE_WRITE_SCREENSHOTS="$ROOT/docs/screenshots" QT_QPA_PLATFORM=offscreen \
    "$BUILD/tests/ui/tst_logindialog" screenshots
}

case "${1:-}" in
  deps) deps ;;
  build) build ;;
  test) shift; deps; build; run_tests "$@" ;;
  demo) deps; build; demo ;;
  screenshots) deps; build; screenshots ;;
  *) echo "usage: $0 demo | test [ctest args] | screenshots | deps | build" >&2; exit 2 ;;
esac
