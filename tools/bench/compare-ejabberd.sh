#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# compare-ejabberd.sh: the linnet-bench relay and drain workloads against ejabberd
# (driven by tsung plus a small XMPP client for the drain), side by side with
# linnet-bench on linnet-server. See docs/perf/ejabberd-comparison.md.
set -euo pipefail

usage() {
    cat <<'EOF'
Usage: tools/bench/compare-ejabberd.sh [options]

Runs the same relay (N users online, 256-byte chat messages to random online
users at a fixed total rate), drain (M messages queued for an offline user,
then one login) and idle (K authenticated connections held open; server memory
per connection) against ejabberd (Debian package, config in a temp dir, plain
c2s on 127.0.0.1) and against linnet-server (via linnet-bench), and prints both
side by side with ratios. Everything listens on 127.0.0.1 only; everything the
script starts is stopped on exit.

Options (environment variable in brackets):
  --users N            relay: users online                  [USERS, default 200]
  --rate R             relay: offered msgs/s in total        [RATE, default 1000]
  --seconds S          relay: sending time per user          [SECONDS_RUN, default 30]
  --messages M         drain: queued messages                [DRAIN_MESSAGES, default 10000]
  --body-bytes B       message size                          [BODY_BYTES, default 256]
  --login-rate L       tsung user arrivals per second        [LOGIN_RATE, default 500]
  --idle K             idle: connections held (0 = skip)     [IDLE, default: --users]
  --no-drain           skip the drain workload
  --saturate           relay flat out on both sides: tsung offers --rate (give one
                       above ejabberd's ceiling, e.g. 12000) and linnet-bench runs
                       --rate 0 (each client keeps its window of sends in flight)
  --only ejabberd|linnet   run one side only
  --keep               keep the temp dir (logs, tsung output)
  -h, --help

  LINNET_BUILD_DIR     build dir with server/linnet-server and tools/bench/linnet-bench
                       (default ./build)
  EJABBERD_ERL_FLAGS   extra Erlang VM flags for ejabberd, e.g. "+sbwt none +sbwtdcpu none
                       +sbwtdio none" (no scheduler busy-wait); default: none (as packaged)
  LINNET_DATA_DIR      linnet-bench --data-dir (caches devices between runs;
                       default /tmp/linnet-bench-compare)

Full scale from the benchmark issue (1,000 users, 5,000 msgs/s, drain 10,000,
19,000 idle connections; linnet needs 19,000 devices in LINNET_DATA_DIR, which
the first run registers at ~20-30/s):
  tools/bench/compare-ejabberd.sh --users 1000 --rate 5000 --seconds 30 --messages 10000 \
      --idle 19000

Installs ejabberd and tsung with apt-get if missing (needs root). If installing
ejabberd started the system service, it is stopped again.
EOF
}

USERS=${USERS:-200}
RATE=${RATE:-1000}
SECONDS_RUN=${SECONDS_RUN:-30}
DRAIN_MESSAGES=${DRAIN_MESSAGES:-10000}
BODY_BYTES=${BODY_BYTES:-256}
LOGIN_RATE=${LOGIN_RATE:-500}
IDLE=${IDLE:-}
BUILD_DIR=${LINNET_BUILD_DIR:-./build}
DATA_DIR=${LINNET_DATA_DIR:-/tmp/linnet-bench-compare}
DO_DRAIN=1
SATURATE=0
ONLY=""
KEEP=0
while [ $# -gt 0 ]; do
    case "$1" in
        --users) USERS=$2; shift 2 ;;
        --rate) RATE=$2; shift 2 ;;
        --seconds) SECONDS_RUN=$2; shift 2 ;;
        --messages) DRAIN_MESSAGES=$2; shift 2 ;;
        --body-bytes) BODY_BYTES=$2; shift 2 ;;
        --login-rate) LOGIN_RATE=$2; shift 2 ;;
        --idle) IDLE=$2; shift 2 ;;
        --no-drain) DO_DRAIN=0; shift ;;
        --saturate) SATURATE=1; shift ;;
        --only) ONLY=$2; shift 2 ;;
        --keep) KEEP=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "compare-ejabberd: unknown option $1" >&2; usage >&2; exit 2 ;;
    esac
done
IDLE=${IDLE:-$USERS}
[[ $IDLE =~ ^[0-9]+$ ]] || { echo "compare-ejabberd: IDLE must be a number" >&2; exit 2; }
for v in USERS RATE SECONDS_RUN DRAIN_MESSAGES BODY_BYTES LOGIN_RATE; do
    [[ ${!v} =~ ^[0-9]+$ ]] && [ "${!v}" -gt 0 ] || { echo "compare-ejabberd: $v must be a positive integer" >&2; exit 2; }
done
RUN_EJ=1; RUN_LINNET=1
case "$ONLY" in
    "") ;;
    ejabberd) RUN_LINNET=0 ;;
    linnet) RUN_EJ=0 ;;
    *) echo "compare-ejabberd: --only ejabberd|linnet" >&2; exit 2 ;;
esac

log() { echo "compare-ejabberd: $*" >&2; }
CLK_TCK=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }
# beam.smp processes whose command line mentions $1
beam_pids_with() {
    local p
    for p in $(pgrep -x beam.smp || true); do
        tr '\0' ' ' <"/proc/$p/cmdline" 2>/dev/null | grep -qF -- "$1" && echo "$p"
    done
    return 0
}

TMP=$(mktemp -d /tmp/compare-ejabberd.XXXXXX)
EPMD_BEFORE=$(pgrep -x epmd || true)
EJ_PID=""
TSUNG_JOB=""

cleanup() {
    local rc=$?
    set +e
    if [ -n "$TSUNG_JOB" ] && kill -0 "$TSUNG_JOB" 2>/dev/null; then kill "$TSUNG_JOB"; fi
    for p in $(beam_pids_with "$TMP/tsung"); do kill "$p"; done
    if [ -n "$EJ_PID" ] && kill -0 "$EJ_PID" 2>/dev/null; then
        kill "$EJ_PID" # SIGTERM: the Erlang VM shuts down cleanly
        for _ in $(seq 50); do kill -0 "$EJ_PID" 2>/dev/null || break; sleep 0.2; done
        kill -0 "$EJ_PID" 2>/dev/null && kill -9 "$EJ_PID"
    fi
    for p in $(beam_pids_with "$TMP/ejabberd"); do kill -9 "$p"; done
    # tsung's distribution starts epmd; stop it if it was not running before us
    if [ -z "$EPMD_BEFORE" ]; then
        for p in $(pgrep -x epmd || true); do kill "$p"; done
    fi
    if [ "$KEEP" = 1 ]; then log "kept $TMP"; else rm -rf "$TMP"; fi
    exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------- packages
stop_system_ejabberd() {
    if pgrep -f 'beam.smp.*ejabberd@' >/dev/null; then
        log "stopping the system ejabberd the package started"
        ejabberdctl stop >/dev/null 2>&1 || true
        systemctl stop ejabberd >/dev/null 2>&1 || service ejabberd stop >/dev/null 2>&1 || true
    fi
}
if [ "$RUN_EJ" = 1 ]; then
    if ! dpkg -s ejabberd >/dev/null 2>&1 || ! command -v tsung >/dev/null; then
        SYS_EJ_BEFORE=$(pgrep -f 'beam.smp.*ejabberd@' || true)
        log "installing ejabberd and tsung (apt-get)"
        DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ejabberd tsung >"$TMP/apt.log" 2>&1 ||
            { tail -n 20 "$TMP/apt.log" >&2; exit 1; }
        [ -z "$SYS_EJ_BEFORE" ] && stop_system_ejabberd
    fi
fi
if [ "$RUN_LINNET" = 1 ]; then
    for f in "$BUILD_DIR/server/linnet-server" "$BUILD_DIR/tools/bench/linnet-bench"; do
        [ -x "$f" ] || { log "$f not found: build it or set LINNET_BUILD_DIR"; exit 1; }
    done
fi

# ------------------------------------------------- XMPP helper (register, drain, stats)
cat >"$TMP/xmpp.py" <<'PYEOF'
import base64, json, re, socket, sys, time, xml.parsers.expat
from concurrent.futures import ThreadPoolExecutor

class Conn:
    """Minimal XMPP client: plain TCP, SASL PLAIN; yields top-level stanzas (name, attrs, text)."""
    def __init__(self, host, port, domain):
        self.domain = domain
        self.s = socket.create_connection((host, port))
        self.s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.queue = []
        self.restart()
    def restart(self):
        self.p = xml.parsers.expat.ParserCreate()
        self.depth, self.cur = 0, None
        def start(name, attrs):
            self.depth += 1
            if self.depth == 2:
                self.cur = [name, attrs, []]
            elif self.depth > 2 and self.cur is not None:
                self.cur[2].append("<" + name + ">")
        def end(name):
            if self.depth == 2 and self.cur is not None:
                self.queue.append((self.cur[0], self.cur[1], "".join(self.cur[2])))
                self.cur = None
            self.depth -= 1
        def chars(data):
            if self.cur is not None:
                self.cur[2].append(data)
        self.p.StartElementHandler, self.p.EndElementHandler = start, end
        self.p.CharacterDataHandler = chars
        self.send("<?xml version='1.0'?><stream:stream to='%s' xmlns='jabber:client' "
                  "xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>" % self.domain)
    def send(self, data):
        self.s.sendall(data.encode())
    def next(self, timeout=60):
        self.s.settimeout(timeout)
        while not self.queue:
            data = self.s.recv(1 << 16)
            if not data:
                raise EOFError("server closed the stream")
            self.p.Parse(data, False)
        return self.queue.pop(0)
    def expect(self, name):
        while True:
            n, a, t = self.next()
            if n.endswith("failure") or a.get("type") == "error" or n.endswith("stream:error"):
                raise RuntimeError("%s %s %s" % (n, a, t))
            if n.endswith(name):
                return n, a, t
    def login(self, user, password):
        self.expect("features")
        tok = base64.b64encode(("\0%s\0%s" % (user, password)).encode()).decode()
        self.send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>%s</auth>" % tok)
        self.expect("success")
        self.restart()
        self.expect("features")
        self.send("<iq type='set' id='bind'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
                  "<resource>r</resource></bind></iq>")
        self.expect("iq")
    def close(self):
        try:
            self.send("</stream:stream>")
            self.s.close()
        except OSError:
            pass

def register(host, port, domain, user, password):
    c = Conn(host, port, domain)
    c.expect("features")
    c.send("<iq type='set' id='reg'><query xmlns='jabber:iq:register'><username>%s</username>"
           "<password>%s</password></query></iq>" % (user, password))
    n, a, t = c.next()
    c.close()
    if a.get("type") == "result":
        return 0
    if "conflict" in t:
        return 1
    raise RuntimeError("register %s: %s %s" % (user, a, t))

def cpu_ticks(pid):
    f = open("/proc/%d/stat" % pid).read().rsplit(")", 1)[1].split()
    return int(f[11]) + int(f[12])

def cmd_register(host, port, domain, count):
    t0 = time.time()
    with ThreadPoolExecutor(16) as ex:
        res = list(ex.map(lambda i: register(host, port, domain, "user%d" % i, "pass%d" % i),
                          range(1, count + 1)))
    print("registered %d users (%d new) in %.1f s" % (count, res.count(0), time.time() - t0),
          file=sys.stderr)

def cmd_drain(host, port, domain, pid, messages, body_bytes):
    """M messages to an offline user, then it logs in: auth sent -> last message received."""
    register(host, port, domain, "drainrx", "drainrx")
    register(host, port, domain, "draintx", "draintx")
    body = "x" * body_bytes
    tx = Conn(host, port, domain)
    tx.login("draintx", "draintx")
    t0 = time.time()
    chunk = []
    for i in range(messages):
        chunk.append("<message to='drainrx@%s' type='chat' id='d%d'><body>%s</body></message>"
                     % (domain, i, body))
        if len(chunk) == 100:
            tx.send("".join(chunk))
            chunk = []
    tx.send("".join(chunk))
    # the server answers this ping after it has routed (stored) every message before it
    tx.send("<iq type='get' id='ping' to='%s'><ping xmlns='urn:xmpp:ping'/></iq>" % domain)
    tx.expect("iq")
    fill = time.time() - t0
    tx.close()
    time.sleep(1.0)
    rx = Conn(host, port, domain)
    rx.expect("features")
    c0 = cpu_ticks(pid)
    t1 = time.perf_counter()
    tok = base64.b64encode(b"\0drainrx\0drainrx").decode()
    rx.send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>%s</auth>" % tok)
    rx.expect("success")
    rx.restart()
    rx.expect("features")
    rx.send("<iq type='set' id='bind'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
            "<resource>r</resource></bind></iq>")
    rx.expect("iq")
    rx.send("<presence/>")  # mod_offline delivers the queue on initial presence
    got, last = 0, t1
    try:
        while got < messages:
            n, a, t = rx.next(timeout=30)
            if n == "message" and a.get("type") == "chat":
                got += 1
                last = time.perf_counter()
    except (socket.timeout, EOFError) as e:
        print("drain: stopped after %d of %d (%s)" % (got, messages, e), file=sys.stderr)
    c1 = cpu_ticks(pid)
    rx.close()
    json.dump({"messages": messages, "delivered": got, "fill_seconds": fill,
               "drain_ms": (last - t1) * 1000, "cpu_ticks": c1 - c0}, sys.stdout)

def cmd_latency(path):
    """xmpp_msg_latency samples (ms) from tsung-fullstats.log -> count and percentiles."""
    text = open(path).read()
    vals = []
    for m in re.finditer(r"\{sample,xmpp_msg_latency,\s*(\[[^\]]*\]|[-0-9.e]+)\}", text):
        v = m.group(1)
        vals += [float(x) for x in re.findall(r"[-0-9.e]+", v)]
    vals.sort()
    q = lambda p: vals[min(len(vals) - 1, int(p * len(vals)))] if vals else float("nan")
    json.dump({"count": len(vals), "p50_ms": q(0.5), "p90_ms": q(0.9), "p99_ms": q(0.99),
               "p999_ms": q(0.999), "max_ms": vals[-1] if vals else float("nan"),
               "mean_ms": sum(vals) / len(vals) if vals else float("nan")}, sys.stdout)

def cmd_rate(path):
    """Deliveries over time from tsung.log: each stats dump ("# stats: dump at T",
    every second here) counts the xmpp_msg_latency samples since the one before.
    -> delivered msgs/s over the span of the deliveries, and over the best 10 s."""
    dumps, t = [], None
    for line in open(path):
        m = re.match(r"# stats: dump at (\d+)", line)
        if m:
            t = int(m.group(1))
            continue
        m = re.match(r"stats: xmpp_msg_latency (\d+) ", line)
        if m and t is not None:
            dumps.append((t, int(m.group(1))))
    busy = [i for i, (_, n) in enumerate(dumps) if n > 0]
    if not busy:
        json.dump({"delivered": 0, "span_seconds": 0, "per_second": 0, "best_10s_per_second": 0},
                  sys.stdout)
        return
    first, last = busy[0], busy[-1]
    start = dumps[first - 1][0] if first > 0 else dumps[first][0] - 1
    total = sum(n for _, n in dumps[first:last + 1])
    span = max(1, dumps[last][0] - start)
    best = 0.0
    for j in range(first, last + 1):  # windows of whole dumps ending at dump j, >= 10 s long
        for i in range(j, first - 1, -1):
            begin = dumps[i - 1][0] if i > 0 else dumps[i][0] - 1
            if dumps[j][0] - begin >= 10:
                best = max(best, sum(n for _, n in dumps[i:j + 1]) / (dumps[j][0] - begin))
                break
    json.dump({"delivered": total, "span_seconds": span, "per_second": total / span,
               "best_10s_per_second": best or total / span}, sys.stdout)

if __name__ == "__main__":
    a = sys.argv
    if a[1] == "register":
        cmd_register(a[2], int(a[3]), a[4], int(a[5]))
    elif a[1] == "drain":
        cmd_drain(a[2], int(a[3]), a[4], int(a[5]), int(a[6]), int(a[7]))
    elif a[1] == "latency":
        cmd_latency(a[2])
    elif a[1] == "rate":
        cmd_rate(a[2])
PYEOF

c2s_count() { ss -Htn state established "( sport = :$PORT )" | wc -l; }

# Waits until WANT c2s connections are up, or none joined for QUIET tenths of a second
# once some are, or tsung ($TSUNG_JOB) ended; prints how many are up.
# The head of a tsung scenario, up to its <sessions>: USERS jabber users (user1..,
# password "pass") logging in at LOGIN_RATE over ARRIVAL*3+5 s; $3 adds attributes
# to <tsung>.
tsung_head() {
    local users=$1 arrival=$2 attrs=$3
    cat <<EOF
<?xml version="1.0"?>
<!DOCTYPE tsung SYSTEM "/usr/share/tsung/tsung-1.0.dtd">
<tsung loglevel="warning" version="1.0"$attrs>
  <clients><client host="localhost" use_controller_vm="true" maxusers="$(( users + 100 ))"/></clients>
  <servers><server host="127.0.0.1" port="$PORT" type="tcp"/></servers>
  <load>
    <arrivalphase phase="1" duration="$(( arrival * 3 + 5 ))" unit="second">
      <users maxnumber="$users" arrivalrate="$LOGIN_RATE" unit="second"/>
    </arrivalphase>
  </load>
  <options>
    <option type="ts_jabber" name="global_number" value="$users"/>
    <option type="ts_jabber" name="userid_max" value="$users"/>
    <option type="ts_jabber" name="domain" value="localhost"/>
    <option type="ts_jabber" name="username" value="user"/>
    <option type="ts_jabber" name="passwd" value="pass"/>
  </options>
EOF
}

wait_for_logins() {
    local want=$1 arrival=$2 quiet=$3 n=0 last=0 still=0
    for _ in $(seq $(( (arrival * 3 + 60) * 10 ))); do
        n=$(c2s_count)
        [ "$n" -ge "$want" ] && break
        if [ "$n" -gt 0 ] && [ "$n" -eq "$last" ]; then still=$(( still + 1 )); else still=0; fi
        [ "$still" -ge "$quiet" ] && break
        last=$n
        kill -0 "$TSUNG_JOB" 2>/dev/null || break
        sleep 0.1
    done
    echo "$n"
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

EJ_JSON="{}"
LN_JSON="{}"
log "load average at start: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores)"
# ---------------------------------------------------------------- ejabberd side
if [ "$RUN_EJ" = 1 ]; then
    EJ="$TMP/ejabberd"
    mkdir -p "$EJ/spool" "$EJ/logs"
    PORT=$(free_port)
    cat >"$EJ/ejabberd.yml" <<EOF
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
    port: $PORT
    ip: "127.0.0.1"
    module: ejabberd_c2s
    starttls: false
    starttls_required: false
    max_stanza_size: 262144
    shaper: none
    access: c2s
    backlog: 4096
shaper: {}
shaper_rules:
  max_user_sessions: 10
  max_user_offline_messages: 10000000
  c2s_shaper: none
  s2s_shaper: none
acl: {}
access_rules:
  c2s:
    allow: all
  register:
    allow: all
  local:
    allow: all
modules:
  mod_offline:
    access_max_user_messages: max_user_offline_messages
  mod_register:
    access: register
    ip_access: register
  mod_ping: {}
  mod_roster: {}
  mod_disco: {}
EOF
    log "starting ejabberd on 127.0.0.1:$PORT (config $EJ/ejabberd.yml)"
    # No node name: no Erlang distribution and no epmd for ejabberd; only the c2s port listens.
    (cd "$EJ" && exec env EJABBERD_CONFIG_PATH="$EJ/ejabberd.yml" \
        EJABBERD_LOG_PATH="$EJ/logs/ejabberd.log" ERL_CRASH_DUMP="$EJ/logs/crash.dump" \
        ERL_LIBS=/usr/lib/x86_64-linux-gnu \
        erl -noinput +K true +P 1000000 ${EJABBERD_ERL_FLAGS:-} -mnesia dir "\"$EJ/spool\"" -s ejabberd) \
        >"$EJ/logs/stdout" 2>&1 &
    for _ in $(seq 100); do
        EJ_PID=$(beam_pids_with "$EJ/spool" | head -n 1)
        [ -n "$EJ_PID" ] && (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && break
        sleep 0.2
    done
    (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null || { log "ejabberd did not start"; cat "$EJ/logs/stdout" >&2; exit 1; }
    log "ejabberd beam.smp pid $EJ_PID"
    python3 "$TMP/xmpp.py" register 127.0.0.1 "$PORT" localhost "$(( IDLE > USERS ? IDLE : USERS ))"

    EJ_IDLE="null"
    if [ "$IDLE" -gt 0 ]; then
        # First, on a fresh VM: memory freed after the relay would be reused and hide
        # the cost of new connections.
        mkdir -p "$TMP/tsung"
        # tsung idle: IDLE users log in (SASL, bind, session, presence) and stay silent
        # for HOLD s; RSS per connection = (RSS when all are in - RSS before) / connections.
        IARRIVAL=$(( (IDLE + LOGIN_RATE - 1) / LOGIN_RATE ))
        HOLD=$(( IARRIVAL * 2 + 15 ))
        { tsung_head "$IDLE" "$IARRIVAL" ""; cat <<EOF
  <sessions>
    <session probability="100" name="idle" type="ts_jabber">
      <request><jabber type="connect" ack="local"/></request>
      <transaction name="auth">
        <request><jabber type="auth_sasl" ack="local"/></request>
        <request><jabber type="connect" ack="local"/></request>
        <request><jabber type="auth_sasl_bind" ack="local"/></request>
        <request><jabber type="auth_sasl_session" ack="local"/></request>
      </transaction>
      <request><jabber type="presence:initial" ack="no_ack"/></request>
      <thinktime value="$HOLD" random="false"/>
      <request><jabber type="close" ack="no_ack"/></request>
    </session>
  </sessions>
</tsung>
EOF
        } >"$TMP/tsung/idle.xml"
        IRSS0=$(rss_kb "$EJ_PID")
        log "tsung idle: $IDLE connections held up to ${HOLD}s (ejabberd RSS before: ${IRSS0} KiB)"
        ( cd "$TMP/tsung" && exec env HOME="$TMP/tsung" ERL_EPMD_ADDRESS=127.0.0.1 \
            ERL_AFLAGS="-kernel inet_dist_use_interface {127,0,0,1}" \
            tsung -f idle.xml -l "$TMP/tsung/idle-log" start ) >"$TMP/tsung/idle-out.txt" 2>&1 &
        TSUNG_JOB=$!
        wait_for_logins "$IDLE" "$IARRIVAL" 30 >/dev/null
        sleep 5 # as linnet-bench idle (--hold 5)
        n=$(c2s_count)
        IRSS1=$(rss_kb "$EJ_PID")
        log "ejabberd idle: $n connections, RSS ${IRSS1} KiB"
        EJ_IDLE=$(python3 -c "import json; print(json.dumps({'requested': $IDLE, 'connections': $n, 'baseline_rss_kb': $IRSS0, 'loaded_rss_kb': $IRSS1, 'bytes_per_connection': ($IRSS1 - $IRSS0) * 1024 / max(1, $n)}))")
        # Let the sessions end by themselves: a tsung killed mid-run leaves its node
        # name registered and the relay's tsung could not start.
        deadline=$(( $(date +%s) + HOLD + IARRIVAL * 3 + 60 ))
        while kill -0 "$TSUNG_JOB" 2>/dev/null && [ "$(date +%s)" -lt "$deadline" ]; do sleep 0.5; done
        if kill -0 "$TSUNG_JOB" 2>/dev/null; then log "tsung idle did not finish in time"; exit 1; fi
        TSUNG_JOB=""
    fi

    # tsung relay: every user logs in, waits until all are online, then sends one
    # message every USERS/RATE s (no ack) to a random online user, PER_USER times.
    PER_USER=$(( RATE * SECONDS_RUN / USERS ))
    [ "$PER_USER" -ge 1 ] || { log "rate * seconds must be >= users"; exit 2; }
    INTERVAL=$(python3 -c "print(round($USERS / $RATE, 6))")
    ARRIVAL=$(( (USERS + LOGIN_RATE - 1) / LOGIN_RATE ))
    WAIT=$(( ARRIVAL + 3 ))
    mkdir -p "$TMP/tsung"
    { tsung_head "$USERS" "$ARRIVAL" ' backend="fullstats"'; cat <<EOF
  <sessions>
    <session probability="100" name="relay" type="ts_jabber" bidi="true">
      <request><jabber type="connect" ack="local"/></request>
      <transaction name="auth">
        <request><jabber type="auth_sasl" ack="local"/></request>
        <request><jabber type="connect" ack="local"/></request>
        <request><jabber type="auth_sasl_bind" ack="local"/></request>
        <request><jabber type="auth_sasl_session" ack="local"/></request>
      </transaction>
      <request><jabber type="presence:initial" ack="no_ack"/></request>
      <thinktime value="$WAIT" random="false"/>
      <for from="1" to="$PER_USER" var="i">
        <request><jabber type="chat" ack="no_ack" size="$BODY_BYTES" destination="online" stamped="true"/></request>
        <thinktime value="$INTERVAL" random="false"/>
      </for>
      <thinktime value="3" random="false"/>
      <request><jabber type="close" ack="no_ack"/></request>
    </session>
  </sessions>
</tsung>
EOF
    } >"$TMP/tsung/relay.xml"
    log "tsung relay: $USERS users, $RATE msgs/s offered ($PER_USER per user, one every ${INTERVAL}s), ${SECONDS_RUN}s"
    # Erlang distribution of the tsung controller on loopback only (epmd too). Stats
    # dumped every second: tsung.log then says when each message was delivered.
    ( cd "$TMP/tsung" && exec env HOME="$TMP/tsung" ERL_EPMD_ADDRESS=127.0.0.1 \
        ERL_AFLAGS="-kernel inet_dist_use_interface {127,0,0,1} -tsung_controller dumpstats_interval 1000" \
        tsung -f relay.xml -l "$TMP/tsung/log" start ) >"$TMP/tsung/out.txt" 2>&1 &
    TSUNG_JOB=$!
    # Measured phase: from all users connected to the end of the tsung run.
    # (all USERS connected, or no new connection for 1 s once some are)
    n=$(wait_for_logins "$USERS" "$ARRIVAL" 10)
    log "ejabberd: $n c2s connections established"
    TS_PID=$(beam_pids_with "$TMP/tsung" | head -n 1)
    C0=$(cpu_ticks "$EJ_PID"); T0=$(date +%s.%N)
    TS0=0; [ -n "$TS_PID" ] && TS0=$(cpu_ticks "$TS_PID")
    sleep $(( WAIT + SECONDS_RUN ))
    RSS=$(rss_kb "$EJ_PID")
    TS1=$TS0; [ -n "$TS_PID" ] && kill -0 "$TS_PID" 2>/dev/null && TS1=$(cpu_ticks "$TS_PID")
    deadline=$(( $(date +%s) + ARRIVAL * 3 + 60 ))
    while kill -0 "$TSUNG_JOB" 2>/dev/null && [ "$(date +%s)" -lt "$deadline" ]; do sleep 0.2; done
    C1=$(cpu_ticks "$EJ_PID"); T1=$(date +%s.%N)
    if kill -0 "$TSUNG_JOB" 2>/dev/null; then log "tsung did not finish in time; stopping it"; kill "$TSUNG_JOB"; fi
    TSUNG_JOB=""
    FULL=$(ls "$TMP"/tsung/log/*/tsung-fullstats.log 2>/dev/null | head -n 1)
    [ -n "$FULL" ] || { log "no tsung-fullstats.log"; cat "$TMP/tsung/out.txt" >&2; exit 1; }
    LAT=$(python3 "$TMP/xmpp.py" latency "$FULL")
    TSLOG=$(dirname "$FULL")/tsung.log
    RATE_JSON=$(python3 "$TMP/xmpp.py" rate "$TSLOG")
    TS_ERRORS=$(awk '/^stats: error/ {e[$2]=$4} END {s=0; for (k in e) s+=e[k]; print s}' "$TSLOG")
    EJ_DRAIN="null"
    if [ "$DO_DRAIN" = 1 ]; then
        log "ejabberd drain: $DRAIN_MESSAGES messages"
        EJ_DRAIN=$(python3 "$TMP/xmpp.py" drain 127.0.0.1 "$PORT" localhost "$EJ_PID" "$DRAIN_MESSAGES" "$BODY_BYTES")
    fi
    EJ_JSON=$(python3 - "$LAT" "$EJ_DRAIN" "$EJ_IDLE" "$RATE_JSON" <<EOF
import json, sys
lat = json.loads(sys.argv[1]); drain = json.loads(sys.argv[2]); idle = json.loads(sys.argv[3])
rate = json.loads(sys.argv[4])
sent = $USERS * $PER_USER
cpu = ($C1 - $C0) / $CLK_TCK
# Delivered msgs/s from when the messages arrived, not from how long tsung was
# meant to send: once ejabberd (or tsung) falls behind, the deliveries of a 30 s
# schedule take longer (docs/perf/findings.md, finding 30). The best 10 s is the
# figure compared with linnet's measured window, which excludes warm-up.
out = {"sent": sent, "delivered": lat["count"], "latency": lat,
       "delivered_per_second": rate["best_10s_per_second"],
       "delivered_per_second_whole_span": rate["per_second"],
       "delivery_span_seconds": rate["span_seconds"],
       "server_cpu_seconds": cpu, "measured_seconds": $T1 - $T0,
       "server_cpu_us_per_msg": cpu * 1e6 / lat["count"] if lat["count"] else None,
       "server_rss_kb": $RSS, "bench_cpu_seconds": ($TS1 - $TS0) / $CLK_TCK,
       "tsung_errors": $TS_ERRORS}
if drain:
    drain["server_cpu_us_per_msg"] = drain["cpu_ticks"] / $CLK_TCK * 1e6 / max(1, drain["delivered"])
    out["drain"] = drain
if idle:
    out["idle"] = idle
print(json.dumps(out))
EOF
)
    log "stopping ejabberd"
    kill "$EJ_PID"
    for _ in $(seq 50); do kill -0 "$EJ_PID" 2>/dev/null || break; sleep 0.2; done
fi

# ---------------------------------------------------------------- linnet side
if [ "$RUN_LINNET" = 1 ]; then
    mkdir -p "$DATA_DIR"
    LN_IDLE="null"
    if [ "$IDLE" -gt 0 ]; then
        # A server of its own, as for ejabberd: nothing freed by the relay to reuse.
        log "running: linnet-bench idle --connections $IDLE"
        "$BUILD_DIR/tools/bench/linnet-bench" idle --server-bin "$BUILD_DIR/server/linnet-server" \
            --data-dir "$DATA_DIR" --connections "$IDLE" --json >"$TMP/linnet-idle.json" \
            2>"$TMP/linnet-idle.err" || { cat "$TMP/linnet-idle.err" >&2; log "linnet-bench idle failed"; }
        LN_IDLE=$(python3 -c 'import json,sys; print(json.dumps(json.load(open(sys.argv[1])).get("idle")))' "$TMP/linnet-idle.json" 2>/dev/null || echo null)
    fi
    WORK="relay"; [ "$DO_DRAIN" = 1 ] && WORK="$WORK drain"
    LN_RATE=$RATE; [ "$SATURATE" = 1 ] && LN_RATE=0
    set -- "$BUILD_DIR/tools/bench/linnet-bench" $WORK --server-bin "$BUILD_DIR/server/linnet-server" \
        --data-dir "$DATA_DIR" --clients "$USERS" --rate "$LN_RATE" --seconds "$SECONDS_RUN" \
        --messages "$DRAIN_MESSAGES" --body-bytes "$BODY_BYTES" --json
    log "running: $*"
    rc=0
    "$@" >"$TMP/linnet.json" 2>"$TMP/linnet.err" || rc=$?
    [ "$rc" = 0 ] || { cat "$TMP/linnet.err" >&2; log "linnet-bench failed (exit $rc)"; }
    grep -v '^setup\|^server ' "$TMP/linnet.err" | sed 's/^/  /' >&2 || true
    LN_JSON=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); d["idle"]=json.loads(sys.argv[2]); print(json.dumps(d))' "$TMP/linnet.json" "$LN_IDLE" 2>/dev/null || echo '{}')
fi

# ---------------------------------------------------------------- side by side
log "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$EJ_JSON" "$LN_JSON" <<EOF
import json, sys
ej = json.loads(sys.argv[1]); ln = json.loads(sys.argv[2])
lr = ln.get("relay", {}); ld = ln.get("drain") or {}; ed = ej.get("drain") or {}
li = ln.get("idle") or {}; ei = ej.get("idle") or {}
def g(d, *path):
    for p in path:
        if not isinstance(d, dict) or p not in d or d[p] is None:
            return None
        d = d[p]
    return d
rows = [
    ("relay delivered msgs/s", g(ej, "delivered_per_second"), g(lr, "delivered_per_second"), "%.0f"),
    ("relay sent / delivered", None, None, None),
    ("relay server CPU us/msg", g(ej, "server_cpu_us_per_msg"), g(lr, "server_cpu_us_per_msg"), "%.1f"),
    ("relay latency p50 ms", g(ej, "latency", "p50_ms"), g(lr, "latency", "p50_ms"), "%.2f"),
    ("relay latency p99 ms", g(ej, "latency", "p99_ms"), g(lr, "latency", "p99_ms"), "%.2f"),
    ("relay latency max ms", g(ej, "latency", "max_ms"), g(lr, "latency", "max_ms"), "%.2f"),
    ("server RSS MiB (relay)", g(ej, "server_rss_kb") and ej["server_rss_kb"] / 1024, g(lr, "server_rss_kb") and lr["server_rss_kb"] / 1024, "%.1f"),
    ("load generator CPU s", g(ej, "bench_cpu_seconds"), g(lr, "bench_cpu_seconds"), "%.1f"),
    ("drain ms", g(ed, "drain_ms"), g(ld, "drain_ms"), "%.1f"),
    ("drain msgs/s", ed and ed.get("drain_ms") and ed["delivered"] / ed["drain_ms"] * 1000,
                     ld and ld.get("drain_ms") and ld["delivered"] / ld["drain_ms"] * 1000, "%.0f"),
    ("drain server CPU us/msg", g(ed, "server_cpu_us_per_msg"), g(ld, "server_cpu_us_per_msg"), "%.1f"),
    ("idle connections", g(ei, "connections"), g(li, "connections"), "%d"),
    ("idle server KiB per conn", g(ei, "bytes_per_connection") and ei["bytes_per_connection"] / 1024,
                                 g(li, "bytes_per_connection") and li["bytes_per_connection"] / 1024, "%.2f"),
]
print("side by side: $USERS users, $RATE msgs/s offered" + (" to ejabberd, linnet flat out" if $SATURATE else "") + ", ${SECONDS_RUN} s, $BODY_BYTES-byte bodies, drain $DRAIN_MESSAGES, idle $IDLE")
print("%-26s %14s %14s %16s" % ("", "ejabberd", "linnet", "linnet/ejabberd"))
for name, e, l, fmt in rows:
    if fmt is None:
        es = "%s/%s" % (ej.get("sent", "-"), ej.get("delivered", "-")) if ej else "-"
        ls = "%s/%s" % (lr.get("sent", "-"), lr.get("delivered", "-")) if lr else "-"
        print("%-26s %14s %14s" % (name, es, ls))
        continue
    es = fmt % e if isinstance(e, (int, float)) else "-"
    ls = fmt % l if isinstance(l, (int, float)) else "-"
    r = "%.2f" % (l / e) if isinstance(e, (int, float)) and isinstance(l, (int, float)) and e else "-"
    print("%-26s %14s %14s %16s" % (name, es, ls, r))
if ej:
    if ej.get("delivery_span_seconds"):
        print("ejabberd: %d messages delivered over %d s (%.0f msgs/s); delivered msgs/s above is its best 10 s"
              % (ej["delivered"], ej["delivery_span_seconds"], ej["delivered_per_second_whole_span"]))
    print("ejabberd: tsung errors %s; drain delivered %s of %s" % (ej.get("tsung_errors"), ed.get("delivered", "-"), ed.get("messages", "-")))
if lr:
    print("linnet: relay errors %s, drain delivered %s of %s, synced %s" % (lr.get("errors"), ld.get("delivered", "-"), ld.get("messages", "-"), ld.get("synced", "-")))
EOF
