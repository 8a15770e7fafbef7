#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# compare-ejabberd-media.sh: what the server pays per MB of attachments, ejabberd's
# mod_http_upload (XEP-0363) against linnet-server (linnet-bench media), side by side
# in one run. See docs/benchmarks.md ("Media").
set -euo pipefail

usage() {
    cat <<'EOF'
Usage: tools/bench/compare-ejabberd-media.sh [options]

Moves the same bytes through each server: one large file up and down, then many
files up at once and down at once. ejabberd (Debian package, config in a temp dir,
c2s and an HTTP listener on 127.0.0.1) hands out XEP-0363 slots and stores with
mod_http_upload; curl does the PUTs and GETs. linnet-server is driven by
`linnet-bench media` (which also encrypts and decrypts on the client side: only the
server's CPU is compared). Prints, per server and phase, the server's CPU seconds and
its CPU per MB moved (received + sent), wall MB/s as the client saw it, and the
server's peak RSS (VmHWM) against its RSS at the start.

Options (environment variable in brackets):
  --file-bytes N       the large file                    [FILE_BYTES, default 1073741824]
  --transfers K        files at once                     [TRANSFERS, default 100]
  --transfer-bytes N   each of those                     [TRANSFER_BYTES, default 10485760]
  --only ejabberd|linnet
  --keep               keep the temp dir
  -h, --help
  LINNET_BUILD_DIR     build dir with server/linnet-server and tools/bench/linnet-bench
                       (default ./build)

Installs ejabberd with apt-get if missing (needs root); stops the system service
the package starts.
EOF
}

FILE_BYTES=${FILE_BYTES:-1073741824}
TRANSFERS=${TRANSFERS:-100}
TRANSFER_BYTES=${TRANSFER_BYTES:-10485760}
BUILD_DIR=${LINNET_BUILD_DIR:-./build}
ONLY=""
KEEP=0
while [ $# -gt 0 ]; do
    case "$1" in
        --file-bytes) FILE_BYTES=$2; shift 2 ;;
        --transfers) TRANSFERS=$2; shift 2 ;;
        --transfer-bytes) TRANSFER_BYTES=$2; shift 2 ;;
        --only) ONLY=$2; shift 2 ;;
        --keep) KEEP=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "compare-ejabberd-media: unknown option $1" >&2; usage >&2; exit 2 ;;
    esac
done
for v in FILE_BYTES TRANSFERS TRANSFER_BYTES; do
    [[ ${!v} =~ ^[0-9]+$ ]] && [ "${!v}" -gt 0 ] || { echo "compare-ejabberd-media: $v must be a positive integer" >&2; exit 2; }
done

log() { echo "compare-ejabberd-media: $*" >&2; }
CLK_TCK=$(getconf CLK_TCK)
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
status_kb() { awk -v k="$2:" '$1 == k {print $2}' "/proc/$1/status"; }
TMP=$(mktemp -d /tmp/compare-ejabberd-media.XXXXXX)
EJ_PID=""

cleanup() {
    local rc=$?
    set +e
    if [ -n "$EJ_PID" ] && kill -0 "$EJ_PID" 2>/dev/null; then
        kill "$EJ_PID"
        for _ in $(seq 50); do kill -0 "$EJ_PID" 2>/dev/null || break; sleep 0.2; done
        kill -0 "$EJ_PID" 2>/dev/null && kill -9 "$EJ_PID"
    fi
    if [ "$KEEP" = 1 ]; then log "kept $TMP"; else rm -rf "$TMP"; fi
    exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

RESULTS="$TMP/results.tsv" # server phase seconds server_cpu_s mb_moved mb_files rss_start_kb peak_kb
: >"$RESULTS"
MB() { python3 -c "print($1 / 1e6)"; }

# ------------------------------------------------------------------ ejabberd side
run_ejabberd() {
    if ! dpkg -s ejabberd >/dev/null 2>&1; then
        log "installing ejabberd (apt-get)"
        DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ejabberd >"$TMP/apt.log" 2>&1 ||
            { tail -n 20 "$TMP/apt.log" >&2; exit 1; }
    fi
    if pgrep -f 'beam.smp.*ejabberd@' >/dev/null; then
        log "stopping the system ejabberd"
        ejabberdctl stop >/dev/null 2>&1 || systemctl stop ejabberd >/dev/null 2>&1 || true
    fi
    local ej="$TMP/ejabberd" c2s http
    mkdir -p "$ej/spool" "$ej/logs" "$ej/upload"
    c2s=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    http=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    cat >"$ej/ejabberd.yml" <<EOF
hosts:
  - localhost
loglevel: warning
log_rotate_count: 0
auth_method: internal
auth_password_format: plain
default_db: mnesia
acme:
  auto: false
registration_timeout: infinity
listen:
  -
    port: $c2s
    ip: "127.0.0.1"
    module: ejabberd_c2s
    starttls: false
    shaper: none
  -
    port: $http
    ip: "127.0.0.1"
    module: ejabberd_http
    request_handlers:
      /upload: mod_http_upload
shaper: {}
shaper_rules:
  max_user_sessions: 10
acl: {}
access_rules:
  register:
    allow: all
  local:
    allow: all
modules:
  mod_register:
    access: register
    ip_access: register
  mod_disco: {}
  mod_http_upload:
    put_url: "http://127.0.0.1:$http/upload"
    docroot: "$ej/upload"
    max_size: infinity
    thumbnail: false
    access: local
EOF
    log "starting ejabberd (c2s 127.0.0.1:$c2s, http 127.0.0.1:$http)"
    (cd "$ej" && exec env EJABBERD_CONFIG_PATH="$ej/ejabberd.yml" \
        EJABBERD_LOG_PATH="$ej/logs/ejabberd.log" ERL_CRASH_DUMP="$ej/logs/crash.dump" \
        ERL_LIBS=/usr/lib/x86_64-linux-gnu \
        erl -noinput +K true -mnesia dir "\"$ej/spool\"" -s ejabberd) >"$ej/logs/stdout" 2>&1 &
    for _ in $(seq 150); do
        for p in $(pgrep -x beam.smp || true); do
            tr '\0' ' ' <"/proc/$p/cmdline" 2>/dev/null | grep -qF -- "$ej/spool" && EJ_PID=$p
        done
        [ -n "$EJ_PID" ] && (exec 3<>"/dev/tcp/127.0.0.1/$http") 2>/dev/null && break
        sleep 0.2
    done
    (exec 3<>"/dev/tcp/127.0.0.1/$http") 2>/dev/null || { log "ejabberd did not start"; cat "$ej/logs/stdout" >&2; exit 1; }
    log "ejabberd beam.smp pid $EJ_PID"

    # Slots (XEP-0363) over a bare-bones XMPP session: in-band registration, SASL PLAIN,
    # bind, then one slot request per file; prints "PUT-URL GET-URL" per line.
    cat >"$TMP/slots.py" <<'PYEOF'
import base64, re, socket, sys

host, port, count, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
s = socket.create_connection((host, port))
buf = b""

def say(text):
    s.sendall(text.encode())

def until(pattern):
    global buf
    while True:
        m = re.search(pattern, buf, re.S)
        if m:
            buf = buf[m.end():]
            return m
        data = s.recv(65536)
        if not data:
            sys.exit("ejabberd closed the stream: %r" % buf[-300:])
        buf += data

def stream():
    say("<?xml version='1.0'?><stream:stream to='localhost' xmlns='jabber:client' "
        "xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>")
    until(rb"</stream:features>")

stream()
say("<iq type='set' id='r'><query xmlns='jabber:iq:register'><username>bench</username>"
    "<password>bench</password></query></iq>")
until(rb"<iq[^>]*id=.r.[^>]*(/>|>.*?</iq>)")
say("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>%s</auth>"
    % base64.b64encode(b"\0bench\0bench").decode())
until(rb"<success[^>]*(/>|>.*?</success>)")
stream()
say("<iq type='set' id='b'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></iq>")
until(rb"<iq[^>]*id=.b.[^>]*>.*?</iq>")
for i in range(count):
    say("<iq type='get' id='s%d' to='upload.localhost'><request xmlns='urn:xmpp:http:upload:0' "
        "filename='f%d.bin' size='%d' content-type='application/octet-stream'/></iq>" % (i, i, size))
    m = until(rb"<iq[^>]*id=.s%d.[^>]*>(.*?)</iq>" % i)
    put = re.search(rb"<put url=.([^'\"]+)", m.group(1))
    get = re.search(rb"<get url=.([^'\"]+)", m.group(1))
    if not put or not get:
        sys.exit("no slot: %r" % m.group(0))
    print(put.group(1).decode().replace("&amp;", "&"), get.group(1).decode().replace("&amp;", "&"))
PYEOF

    # One phase of curls: $1 name, $2 bytes per file, $3 files, $4 "up"|"down"
    ej_phase() {
        local name=$1 bytes=$2 files=$3 dir=$4 c0 c1 t0 t1 rss0 peak
        echo 5 >"/proc/$EJ_PID/clear_refs"
        rss0=$(status_kb "$EJ_PID" VmRSS)
        c0=$(ticks "$EJ_PID")
        t0=$(date +%s.%N)
        if [ "$dir" = up ]; then
            xargs -P "$files" -L 1 sh -c 'curl -sS -f -o /dev/null -H "Content-Type: application/octet-stream" -T "$0" "$1"' \
                <"$TMP/jobs-$name"
        else
            xargs -P "$files" -L 1 sh -c 'curl -sS -f -o "$0.$3.got" "$2"' <"$TMP/jobs-$name"
        fi
        t1=$(date +%s.%N)
        c1=$(ticks "$EJ_PID")
        peak=$(status_kb "$EJ_PID" VmHWM)
        printf 'ejabberd\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name $dir" \
            "$(python3 -c "print($t1 - $t0)")" "$(python3 -c "print(($c1 - $c0) / $CLK_TCK)")" \
            "$(MB "$bytes * $files")" "$(MB "$bytes * $files")" "$rss0" "$peak" >>"$RESULTS"
    }
    ej_round() { # $1 name, $2 bytes per file, $3 files
        local name=$1 bytes=$2 files=$3 src="$TMP/src-$1.bin"
        head -c "$bytes" /dev/urandom >"$src"
        python3 "$TMP/slots.py" 127.0.0.1 "$c2s" "$files" "$bytes" |
            awk -v src="$src" '{print src, $1, $2, NR}' >"$TMP/jobs-$name"
        [ "$(wc -l <"$TMP/jobs-$name")" -eq "$files" ] || { log "ejabberd gave no slots"; exit 1; }
        log "ejabberd: $files x $bytes bytes up"
        ej_phase "$name" "$bytes" "$files" up
        log "ejabberd: $files x $bytes bytes down"
        ej_phase "$name" "$bytes" "$files" down
        for got in "$src".*.got; do
            cmp -s "$src" "$got" || { log "ejabberd: $got came back different"; exit 1; }
        done
        rm -rf "$src" "$src".*.got "${ej:?}"/upload/* 2>/dev/null || true
    }
    ej_round large "$FILE_BYTES" 1
    ej_round many "$TRANSFER_BYTES" "$TRANSFERS"
    kill "$EJ_PID"
    wait 2>/dev/null || true
    EJ_PID=""
}

# ------------------------------------------------------------------- linnet side
run_linnet() {
    for f in "$BUILD_DIR/server/linnet-server" "$BUILD_DIR/tools/bench/linnet-bench"; do
        [ -x "$f" ] || { log "$f not found: build it or set LINNET_BUILD_DIR"; exit 1; }
    done
    log "linnet: linnet-bench media"
    "$BUILD_DIR/tools/bench/linnet-bench" --server-bin "$BUILD_DIR/server/linnet-server" --json \
        --media-bytes "$FILE_BYTES" --media-transfers "$TRANSFERS" \
        --media-transfer-bytes "$TRANSFER_BYTES" media >"$TMP/linnet.json" 2>"$TMP/linnet.txt" ||
        { cat "$TMP/linnet.txt" >&2; exit 1; }
    cat "$TMP/linnet.txt" >&2
    python3 - "$TMP/linnet.json" >>"$RESULTS" <<'PYEOF'
import json, sys
media = json.load(open(sys.argv[1]))["media"]
for name in ("large", "many"):
    r = media[name]
    files = r["plain_bytes"] * r["transfers"] / 1e6
    for phase, key in (("up", "upload"), ("down", "download")):
        c = r[key]
        print("linnet\t%s %s\t%s\t%s\t%s\t%s\t%s\t%s" % (
            name, phase, c["seconds"], c["server_cpu_s"], c["server_bytes_moved"] / 1e6, files,
            c["server_rss_start_kb"], c["server_peak_kb"]))
PYEOF
}

log "load average at start: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores)"
[ "$ONLY" != linnet ] && run_ejabberd
[ "$ONLY" != ejabberd ] && run_linnet

python3 - "$RESULTS" <<'PYEOF'
import sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip()]
print("%-9s %-11s %8s %10s %12s %9s %12s" % ("server", "phase", "seconds", "cpu s", "ms/MB moved",
                                            "MB/s", "peak RSS MiB"))
cost = {}
for server, phase, secs, cpu, moved, files, rss0, peak in rows:
    secs, cpu, moved, files = float(secs), float(cpu), float(moved), float(files)
    ms = 1000 * cpu / moved if moved else 0
    cost[(server, phase)] = ms
    print("%-9s %-11s %8.2f %10.2f %12.3f %9.0f %12s" % (
        server, phase, secs, cpu, ms, files / secs if secs else 0,
        "%.1f (+%.1f)" % (int(peak) / 1024, (int(peak) - int(rss0)) / 1024)))
for phase in sorted({p for _, p in cost}):
    e, l = cost.get(("ejabberd", phase)), cost.get(("linnet", phase))
    if e and l:
        print("ejabberd / linnet cost per MB, %s: %.2fx" % (phase, e / l))
PYEOF
log "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
