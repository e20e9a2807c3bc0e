#!/usr/bin/env bash
# Atiende developer entry point. On a fresh Debian 12 machine:
#   ./dev.sh demo    install what is missing, build, start atiended on demo data
#   ./dev.sh test    install what is missing, build, run every test (CTest)
#   ./dev.sh deps    only install what is missing
#   ./dev.sh build   configure and build (no installing)
#   ./dev.sh screenshots   render docs/screenshots/ (English and Spanish) from the demo data
#   ./dev.sh fuzz [SECONDS] [HARNESS...]   run the libFuzzer harnesses (clang, ASan, UBSan);
#                                          FUZZ_TIMEOUT=s for one input (10)
#   ./dev.sh test-asan [ctest args]        the whole test suite under ASan, LSan and UBSan
#   ./dev.sh format  format every C++ file as .clang-format says (CTest checks it)
# ATIENDE_WARNINGS_AS_ERRORS=ON ./dev.sh test: any compiler warning fails the build (CI does).
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)
BUILD="$ROOT/build/dev"

APT_PACKAGES=(
  g++ cmake ninja-build ccache pkg-config git
  qt6-base-dev qt6-websockets-dev qt6-charts-dev libqt6opengl6-dev qt6-httpserver-dev
  qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n
  libqt6sql6-sqlite libqt6sql6-psql qtkeychain-qt6-dev libgl-dev
  libsodium-dev libbenchmark-dev sqlite3 libsqlite3-dev
  openssl
  poppler-utils
  clang-format-14
  libgmime-3.0-dev libgumbo-dev libetpan-dev libcurl4-gnutls-dev
  dovecot-imapd python3-aiosmtpd
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
  local werror=${ATIENDE_WARNINGS_AS_ERRORS:-OFF}
  if [ ! -f "$BUILD/build.ninja" ] || ! grep -qx "ATIENDE_WARNINGS_AS_ERRORS:BOOL=$werror" "$BUILD/CMakeCache.txt"; then
    say "configuring (warnings as errors: $werror)"
    cmake --preset dev -DATIENDE_WARNINGS_AS_ERRORS="$werror" >/dev/null
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
  MAIL_PIDS=()
  [ "${1:-}" = --mail ] && start_demo_mail
  say "starting atiended on 127.0.0.1:$DEMO_PORT"
  "$BUILD/app/atiended" --data "$data" --listen "127.0.0.1:$DEMO_PORT" &
  SERVER_PID=$!
  trap 'kill $SERVER_PID "${MAIL_PIDS[@]}" 2>/dev/null; wait $SERVER_PID "${MAIL_PIDS[@]}" 2>/dev/null' EXIT
  for _ in $(seq 1 100); do
    if (exec 3<>/dev/tcp/127.0.0.1/"$DEMO_PORT") 2>/dev/null; then return 0; fi
    kill -0 "$SERVER_PID" 2>/dev/null || { echo "atiended did not start" >&2; exit 1; }
    sleep 0.1
  done
  echo "atiended did not answer on 127.0.0.1:$DEMO_PORT" >&2
  exit 1
}

# The demo desk's mailbox: a Dovecot on 127.0.0.1:$DEMO_IMAP_PORT holding soporte@demo.test
# (password demo), read by atiended, and an SMTP server on 127.0.0.1:$DEMO_SMTP_PORT that keeps
# what the desk sends in .demo/mail/sent/. Both run as an unprivileged user when we are root
# (Dovecot refuses root) and stop with the demo. Skipped, with a note, when they are missing.
start_demo_mail() {
  local dir="$ROOT/.demo/mail" data="$ROOT/.demo/data"
  DEMO_IMAP_PORT=${ATIENDE_IMAP_PORT:-8143}
  DEMO_SMTP_PORT=${ATIENDE_SMTP_PORT:-8025}
  if ! command -v dovecot >/dev/null || ! /usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null; then
    say "no Dovecot or aiosmtpd (./dev.sh deps installs them): the demo desk has no mailbox"
    return 0
  fi
  mkdir -p "$dir/run" "$dir/state" "$dir/mail" "$dir/sent/tmp" "$dir/sent/new" "$dir/sent/cur"
  local user group uid gid run=()
  if [ "$(id -u)" -eq 0 ]; then
    user=nobody group=nogroup run=(setpriv --reuid=nobody --regid=nogroup --clear-groups)
  else
    user=$(id -un) group=$(id -gn)
  fi
  uid=$(id -u "$user") gid=$(getent group "$group" | cut -d: -f3)
  # The same configuration the tests use (tests/support/dovecot/), filled in for the demo.
  cat "$ROOT/tests/support/dovecot/dovecot.conf.in" "$ROOT/tests/support/dovecot/dovecot-plain.conf.in" |
    sed -e "s|\$INSTANCE|atiende-demo-$DEMO_IMAP_PORT|g" -e "s|\$DIR|$dir|g" \
      -e "s|\$PORT|$DEMO_IMAP_PORT|g" -e "s|\$USER|$user|g" -e "s|\$GROUP|$group|g" \
      -e "s|\$UID|$uid|g" -e "s|\$GID|$gid|g" >"$dir/dovecot.conf"
  echo "soporte@demo.test:{PLAIN}demo:$uid:$gid::$dir/mail/soporte" >"$dir/users"
  mkdir -p "$dir/mail/soporte/Maildir/new" "$dir/mail/soporte/Maildir/cur" "$dir/mail/soporte/Maildir/tmp"
  [ "$(id -u)" -eq 0 ] && chown -R "$user:$group" "$dir"
  "${run[@]}" dovecot -F -c "$dir/dovecot.conf" &
  MAIL_PIDS=("$!")
  "${run[@]}" /usr/bin/python3 -m aiosmtpd -n -l "127.0.0.1:$DEMO_SMTP_PORT" \
    -c aiosmtpd.handlers.Mailbox "$dir/sent" &
  MAIL_PIDS+=("$!")
  cat >"$dir/soporte.json" <<JSON
{ "name": "soporte", "address": "soporte@demo.test", "displayName": "Soporte (demo)",
  "group": "Service Desk",
  "imap": { "host": "127.0.0.1", "port": $DEMO_IMAP_PORT, "security": "none",
            "user": "soporte@demo.test", "password": "demo", "pollIntervalMs": 5000 },
  "smtp": { "host": "127.0.0.1", "port": $DEMO_SMTP_PORT, "security": "none" } }
JSON
  "$BUILD/app/atiended" mail --data "$data" --file "$dir/soporte.json" >/dev/null
  rm -f "$dir/soporte.json"
  cat >"$dir/sample.eml" <<EML
From: Marta Ruiz <marta@cliente.example>
To: Soporte <soporte@demo.test>
Subject: No puedo entrar en el portal de nóminas
Message-ID: <demo-$(date +%s)@cliente.example>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit

Hola, desde esta mañana el portal de nóminas me dice "usuario bloqueado".
¿Podéis desbloquearlo?

Marta
EML
}

demo_mail_note() {
  [ -n "${MAIL_PIDS:-}" ] || return 0
  cat <<MSG
E-mail: the demo desk reads soporte@demo.test from IMAP 127.0.0.1:$DEMO_IMAP_PORT and sends
through SMTP 127.0.0.1:$DEMO_SMTP_PORT. Send it an e-mail (a ticket appears within a second):
  curl -s imap://127.0.0.1:$DEMO_IMAP_PORT/INBOX -u soporte@demo.test:demo -T $ROOT/.demo/mail/sample.eml
Its acknowledgements and the agents' replies land in $ROOT/.demo/mail/sent/new/.
MSG
}

# The console as the demo agent, with its own local copy and token file under .demo/.
console() {
  ATIENDE_DEMO_PASSWORD=demo XDG_CONFIG_HOME="$ROOT/.demo/config" "$BUILD/app/atiende" \
    --server "ws://127.0.0.1:$DEMO_PORT/ws" --user agent --password-env ATIENDE_DEMO_PASSWORD \
    --data-dir "$ROOT/.demo/console" --no-keychain "$@"
}

demo() {
  start_demo_server --mail
  demo_mail_note
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
  # Logging a phone call (two namesakes told apart, a new customer), the report dialog, and
  # the sign-out question.
  ATIENDED_BIN="$BUILD/app/atiended" ATIENDE_WRITE_SCREENSHOTS="$ROOT/docs/screenshots" QT_QPA_PLATFORM=offscreen \
    "$BUILD/tests/ui/tst_newticketdialog" screenshots
  ATIENDE_WRITE_SCREENSHOTS="$ROOT/docs/screenshots" QT_QPA_PLATFORM=offscreen \
    "$BUILD/tests/ui/tst_reportexportdialog" screenshots
  ATIENDED_BIN="$BUILD/app/atiended" ATIENDE_WRITE_SCREENSHOTS="$ROOT/docs/screenshots" QT_QPA_PLATFORM=offscreen \
    "$BUILD/tests/ui/tst_signout" screenshots
  # A note being written with two files attached, below a conversation carrying a picture and a log.
  ATIENDED_BIN="$BUILD/app/atiended" ATIENDE_WRITE_SCREENSHOTS="$ROOT/docs/screenshots" QT_QPA_PLATFORM=offscreen \
    "$BUILD/tests/ui/tst_attachments" screenshots
  # A conversation by e-mail: who wrote and who else got it, the desk's reply sent, the quoted
  # text opened (Dovecot, an SMTP sink and atiended of its own).
  ATIENDED_BIN="$BUILD/app/atiended" ATIENDE_WRITE_SCREENSHOTS="$ROOT/docs/screenshots" QT_QPA_PLATFORM=offscreen \
    "$BUILD/tests/ui/tst_mailconsole" screenshots
  # The canned responses manager previewing a response for a ticket (its own demo desk).
  ATIENDED_BIN="$BUILD/app/atiended" ATIENDE_WRITE_SCREENSHOTS="$ROOT/docs/screenshots" QT_QPA_PLATFORM=offscreen \
    "$BUILD/tests/ui/tst_cannedmanager" screenshots
}

# The libFuzzer harnesses of fuzz/ (docs/fuzzing.md), built by clang with ASan and UBSan.
FUZZ_BUILD="$ROOT/build/fuzz"
FUZZ_HARNESSES=(jsonrpc params ftsquery calendar policy routing canned highlighter markdown tokens mimeparser)
FUZZ_APT_PACKAGES=(clang libclang-rt-14-dev llvm)

# The longest input each harness is given: long enough for every construct of its input
# (a calendar with a full week and holidays, a few routing rules, a mail with a few parts),
# short enough to keep the executions per second up under ASan, where Qt's allocations
# dominate the cost.
fuzz_max_len() {
  case "$1" in
    routing | highlighter) echo 2048 ;;
    mimeparser) echo 8192 ;;
    ftsquery) echo 512 ;;
    tokens) echo 256 ;;
    *) echo 1024 ;;
  esac
}

fuzz() {
  local seconds=${1:-60}
  if ! [[ "$seconds" =~ ^[0-9]+$ ]]; then
    echo "usage: $0 fuzz [SECONDS] [HARNESS...]   (harnesses: ${FUZZ_HARNESSES[*]})" >&2; exit 2
  fi
  [ $# -gt 0 ] && shift
  local names=("$@")
  [ ${#names[@]} -eq 0 ] && names=("${FUZZ_HARNESSES[@]}")
  for name in "${names[@]}"; do
    [ -d "$ROOT/fuzz/corpus/$name" ] || { echo "unknown harness $name (known: ${FUZZ_HARNESSES[*]})" >&2; exit 2; }
  done
  local missing=()
  for p in "${FUZZ_APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    say "installing ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
  if [ ! -f "$FUZZ_BUILD/build.ninja" ]; then
    say "configuring the fuzz build (clang, libFuzzer, ASan, UBSan)"
    cmake --preset fuzz >/dev/null
  fi
  say "building the harnesses"
  nice -n 10 cmake --build "$FUZZ_BUILD" --target fuzz_all

  # Every sanitizer report ends the run as a failure: UBSan aborts (the build has
  # -fno-sanitize-recover=all), leaks are looked for after every input that grew memory.
  # No allocation stacks while fuzzing (malloc_context_size=0): Qt is built without frame
  # pointers, and storing its garbage stacks for every allocation halved the speed; a 64 MB
  # quarantine (not 256) keeps the memory touched small. Errors are found all the same;
  # replay a crashing input with
  #   ASAN_OPTIONS=malloc_context_size=30 build/fuzz/fuzz/fuzz_NAME build/fuzz/artifacts/NAME/crash-...
  # to see where the memory came from.
  export ASAN_OPTIONS="detect_leaks=1:symbolize=1:strict_string_checks=1:malloc_context_size=0:quarantine_size_mb=64"
  export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
  export LSAN_OPTIONS="suppressions=$ROOT/fuzz/lsan.supp:print_suppressions=0"
  export QT_QPA_PLATFORM=offscreen
  local failed=() summary=()
  for name in "${names[@]}"; do
    local corpus="$FUZZ_BUILD/corpus/$name" artifacts="$FUZZ_BUILD/artifacts/$name" log="$FUZZ_BUILD/logs/$name.log"
    mkdir -p "$corpus" "$artifacts" "$(dirname "$log")"
    # A working copy: what libFuzzer finds stays here; the committed seeds are never rewritten.
    cp -n "$ROOT/fuzz/corpus/$name/"* "$corpus/"
    local dict=()
    [ -f "$ROOT/fuzz/dict/$name.dict" ] && dict=(-dict="$ROOT/fuzz/dict/$name.dict")
    # FUZZ_RUNS=N: run N executions instead (the time is then not limited).
    local budget=(-max_total_time="$seconds")
    [ -n "${FUZZ_RUNS:-}" ] && budget=(-runs="$FUZZ_RUNS" -max_total_time=0)
    local amount="${seconds}s"
    [ -n "${FUZZ_RUNS:-}" ] && amount="$FUZZ_RUNS runs"
    say "fuzzing $name for $amount (max_len $(fuzz_max_len "$name"))"
    local rc=0
    nice -n 10 "$FUZZ_BUILD/fuzz/fuzz_$name" "$corpus" "${dict[@]}" \
      "${budget[@]}" -max_len="$(fuzz_max_len "$name")" -timeout="${FUZZ_TIMEOUT:-10}" -rss_limit_mb=4096 \
      -artifact_prefix="$artifacts/" -print_final_stats=1 >"$log" 2>&1 || rc=$?
    local runs rate files
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    files=$(find "$corpus" -type f | wc -l)
    if [ "$rc" -ne 0 ] || grep -qE "ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:|invariant broken" "$log"; then
      failed+=("$name")
      grep -E "ERROR:|runtime error:|invariant broken|SUMMARY|Test unit written" "$log" | head -20 >&2
      summary+=("$(printf '%-12s %12s runs %8s exec/s %6s files   FAILED (%s)' "$name" "${runs:-?}" "${rate:-?}" "$files" "$log")")
    else
      summary+=("$(printf '%-12s %12s runs %8s exec/s %6s files   ok' "$name" "${runs:-?}" "${rate:-?}" "$files")")
    fi
  done
  say "fuzzing summary (corpora in $FUZZ_BUILD/corpus, logs in $FUZZ_BUILD/logs)"
  printf '%s\n' "${summary[@]}"
  if [ ${#failed[@]} -gt 0 ]; then
    echo "failed: ${failed[*]}; crashing inputs in $FUZZ_BUILD/artifacts/" >&2
    exit 1
  fi
}

# The whole suite built with gcc's AddressSanitizer, LeakSanitizer and UBSan (the asan
# preset); servers the tests start are the sanitized atiended too.
ASAN_BUILD="$ROOT/build/asan"

test_asan() {
  if [ ! -f "$ASAN_BUILD/build.ninja" ]; then
    say "configuring the sanitizer build"
    cmake --preset asan >/dev/null
  fi
  say "building the sanitizer build"
  cmake --build "$ASAN_BUILD"
  # A report ends the process that has it with exit code 86 (UBSan aborts: the build has
  # -fno-sanitize-recover); children inherit these, and the tests read the servers' output
  # for reports (tests/support/serverprocess.cpp, tests/conformance/helpers.js).
  export ASAN_OPTIONS="detect_leaks=1:exitcode=86:strict_string_checks=1:check_initialization_order=1:detect_stack_use_after_return=0"
  export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
  export LSAN_OPTIONS="suppressions=$ROOT/tests/sanitizers/lsan.supp:print_suppressions=0"
  say "testing under ASan, LSan and UBSan"
  ctest --test-dir "$ASAN_BUILD" --output-on-failure -j2 "$@"
}

format() {
  say "formatting"
  git ls-files -z -- '*.h' '*.cpp' ':!:tests/conformance/**' | xargs -0 clang-format-14 -i --style=file
}

case "${1:-}" in
  deps) deps ;;
  format) deps; format ;;
  build) build ;;
  test) shift; deps; build; run_tests "$@" ;;
  demo) deps; build; demo ;;
  screenshots) deps; build; screenshots ;;
  fuzz) shift; fuzz "$@" ;;
  test-asan) shift; deps; test_asan "$@" ;;
  *) echo "usage: $0 demo | test [ctest args] | format | screenshots | deps | build | fuzz [SECONDS] [HARNESS...] | test-asan [ctest args]" >&2; exit 2 ;;
esac
