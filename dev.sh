#!/usr/bin/env bash
# Atiende developer entry point. On a fresh Debian 12 machine:
#   ./dev.sh demo    install what is missing, build, start atiended on demo data
#   ./dev.sh test    install what is missing, build, run every test (CTest)
#   ./dev.sh deps    only install what is missing
#   ./dev.sh build   configure and build (no installing)
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)
BUILD="$ROOT/build/dev"

APT_PACKAGES=(
  g++ cmake ninja-build ccache pkg-config git
  qt6-base-dev qt6-websockets-dev qt6-charts-dev qt6-httpserver-dev
  qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  libqt6sql6-sqlite libqt6sql6-psql qtkeychain-qt6-dev libgl-dev
  libsodium-dev libbenchmark-dev sqlite3
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

demo() {
  local data="$ROOT/.demo/data"
  if [ ! -f "$data/atiende.db" ]; then
    say "creating demo data in $data"
    mkdir -p "$data"
    "$BUILD/app/atiended" demo-data --data "$data"
  fi
  local port=${ATIENDE_PORT:-8765}
  say "starting atiended on 127.0.0.1:$port (Ctrl+C stops it)"
  cat <<MSG
The console arrives in a later step; until then reach the server with any WebSocket
JSON-RPC client at ws://127.0.0.1:$port/ws (docs/protocol.md). Demo users: agent, lead
and admin, password "demo". For example, from tests/conformance:
  node -e 'const W=require("ws");const w=new W("ws://127.0.0.1:$port/ws");let i=0;
    const c=(m,p)=>w.send(JSON.stringify({jsonrpc:"2.0",id:++i,method:m,params:p}));
    w.on("message",m=>console.log(String(m).slice(0,400)));
    w.on("open",()=>{c("hello",{protocol:1});c("auth.login",{user:"agent",password:"demo"});
    setTimeout(()=>{c("tickets.query",{openOnly:true,limit:3});setTimeout(()=>w.close(),500)},500)})'
MSG
  exec "$BUILD/app/atiended" --data "$data" --listen "127.0.0.1:$port"
}

case "${1:-}" in
  deps) deps ;;
  build) build ;;
  test) shift; deps; build; run_tests "$@" ;;
  demo) deps; build; demo ;;
  *) echo "usage: $0 demo | test [ctest args] | deps | build" >&2; exit 2 ;;
esac
