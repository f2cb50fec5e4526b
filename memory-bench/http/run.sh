#!/bin/sh
# HTTP benchmark of memory-http with wrk, on loopback, bounded in time.
#
#   memory-bench/http/run.sh [STORE_KIND]      STORE_KIND: sqlite (default), json or mem
#
# Measures: server start to first 200; idle RSS; GET /state/get, POST /memory/add and
# GET /memory/search at 100k memories, each with p50, p99 and p99.9 latency; RSS after the run
# against idle; and a bare Netty hello-world in the same run, so memkit's throughput reads as a
# ratio of it. Settings: BENCH_SECONDS (15), BENCH_WARMUP (60: seconds of load per route before
# measuring, long enough for the JIT to finish), BENCH_THREADS (2), BENCH_CONNECTIONS (32),
# BENCH_MEMORIES (100000), BENCH_PORT (18480), BENCH_BACKUP_EVERY (unset: automatic backups at
# their defaults; N: sqlite only, the store URI gets backup_every_writes=N, which forces backups
# during the measurement), BENCH_ADD_WARMUP (0: seconds of POST /memory/add before its measurement;
# the store then holds more than BENCH_MEMORIES when it starts), BENCH_LAUNCH (launcher: the server
# started by bin/memkit serve with its default JVM options, default; jar: java $JAVA_OPTS -jar, the
# JVM's defaults unless JAVA_OPTS says otherwise), BENCH_IDLE (90: seconds without requests after
# the run before the RSS is read again), BENCH_JAR (with BENCH_LAUNCH=jar: the server jar to run,
# default memory-http/target/memkit-server.jar; e.g. a copy built from another commit, to compare
# two builds on the same machine). The server inherits MEMKIT_EMBEDDER (none: keyword search only)
# and MEMKIT_FAST_READS (false: the quick reads without their fast path).
set -eu

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HERE="$ROOT/memory-bench/http"
JAR=${BENCH_JAR:-"$ROOT/memory-http/target/memkit-server.jar"}
KIND=${1:-sqlite}
SECONDS_EACH=${BENCH_SECONDS:-15}
WARMUP=${BENCH_WARMUP:-60}
THREADS=${BENCH_THREADS:-2}
CONNECTIONS=${BENCH_CONNECTIONS:-32}
MEMORIES=${BENCH_MEMORIES:-100000}
PORT=${BENCH_PORT:-18480}
BACKUP_EVERY=${BENCH_BACKUP_EVERY:-}
ADD_WARMUP=${BENCH_ADD_WARMUP:-0}
LAUNCH=${BENCH_LAUNCH:-launcher}
IDLE=${BENCH_IDLE:-90}
HELLO_PORT=$((PORT + 1))
KEY=bench-key-not-secret
BASE="http://127.0.0.1:$PORT"
# WORK, the cleanup at exit, the wrk check
. "$HERE/common.sh"
if [ ! -f "$JAR" ]; then
  (cd "$ROOT" && ./mvnw -B -q -pl memory-http package -DskipTests) >&2
fi

case "$KIND" in
  sqlite) STORE="sqlite:$WORK/memkit.db"; BACKUPS="$WORK/memkit.db.backups/*.db" ;;
  json) STORE="json:$WORK/memkit"; BACKUPS="$WORK/memkit/memory_backup_*.json" ;;
  mem) STORE="mem:bench"; BACKUPS="" ;;
  *) echo "unknown store kind: $KIND" >&2; exit 2 ;;
esac
if [ -n "$BACKUP_EVERY" ]; then
  case "$KIND:$BACKUP_EVERY" in
    sqlite:*[!0-9]* | sqlite:) echo "BENCH_BACKUP_EVERY must be a number of writes" >&2; exit 2 ;;
    sqlite:*) STORE="$STORE?backup_every_writes=$BACKUP_EVERY" ;;
    *) echo "BENCH_BACKUP_EVERY applies to the sqlite store only" >&2; exit 2 ;;
  esac
fi

backups() { # how many backups the store has written so far
  if [ -z "$BACKUPS" ]; then echo 0; return; fi
  # shellcheck disable=SC2086 # the glob is meant to expand
  ls $BACKUPS 2>/dev/null | wc -l
}

rss_kib() { awk '/VmRSS/ {print $2}' "/proc/$SERVER_PID/status"; }

now_ms() { date +%s%3N; }

echo "# machine"
echo "cpus: $(nproc); $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "memory: $(free -g | awk '/Mem:/ {print $2}') GiB; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "java: $(java -version 2>&1 | head -1)"
if [ -n "$BACKUP_EVERY" ]; then BACKUP_MODE="every $BACKUP_EVERY writes (forced)"; else BACKUP_MODE=defaults; fi
echo "fast path of the quick reads: ${MEMKIT_FAST_READS:-on (default)}"
echo "wrk: -t$THREADS -c$CONNECTIONS -d${SECONDS_EACH}s; store: $KIND, $MEMORIES memories; automatic backups: $BACKUP_MODE; embedder: ${MEMKIT_EMBEDDER:-default (the model)}"
case "$LAUNCH" in
  launcher)
    echo "server: bin/memkit serve, JVM options: ${MEMKIT_JAVA_OPTS:-the launcher's defaults}"
    # records the class-data archive if the jar is newer than it, so the start below maps it
    MEMKIT_BUILD=0 "$ROOT/bin/memkit" serve --help > /dev/null ;;
  jar) echo "server: java ${JAVA_OPTS:-} -jar $JAR" ;;
  *) echo "BENCH_LAUNCH must be launcher or jar" >&2; exit 2 ;;
esac

# --- start to first 200 -------------------------------------------------------------------
START=$(now_ms)
if [ "$LAUNCH" = launcher ]; then
  # bin/memkit execs java, so $! is the server's process
  MEMKIT_BUILD=0 MEMKIT_API_KEY=$KEY MEMKIT_MAX_BODY=536870912 \
    "$ROOT/bin/memkit" serve --port "$PORT" --host 127.0.0.1 --store "$STORE" > "$WORK/server.log" 2>&1 &
else
  # shellcheck disable=SC2086 # JAVA_OPTS holds several options
  MEMKIT_STORE="$STORE" MEMKIT_PORT=$PORT MEMKIT_API_KEY=$KEY MEMKIT_MAX_BODY=536870912 \
    java ${JAVA_OPTS:-} -jar "$JAR" > "$WORK/server.log" 2>&1 &
fi
SERVER_PID=$!
until curl -sf -o /dev/null "$BASE/health"; do
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.log" >&2; exit 1; }
  sleep 0.05
done
echo "start to first 200: $(( $(now_ms) - START )) ms"
sleep 3
IDLE_RSS=$(rss_kib)
echo "idle RSS: $((IDLE_RSS / 1024)) MiB"

# --- data: 100k memories through one import ----------------------------------------------
awk -v n="$MEMORIES" 'BEGIN {
  words = "deploy release rollback incident review meeting invoice design launch budget backup search"
  split(words, w, " ")
  printf "{\"format\":\"memkit-export\",\"version\":1,\"exported_at\":\"2026-11-21T00:00:00Z\",\"namespaces\":[{\"namespace\":\"default\",\"state\":[{\"namespace\":\"default\",\"key\":\"current_phase\",\"value\":\"testing\",\"version\":1,\"updated_at\":\"2026-11-21T00:00:00Z\"}],\"memories\":["
  for (i = 1; i <= n; i++) {
    a = w[1 + i % 12]; b = w[1 + int(i / 12) % 12]
    printf "%s{\"id\":%d,\"namespace\":\"default\",\"text\":\"Memory %d about the %s and the %s of service %d\",\"tags\":[\"%s\",\"t%d\"],\"kind\":\"note\",\"metadata\":{},\"occurred_at\":null,\"key\":null,\"created_at\":\"2026-11-20T00:00:00Z\",\"updated_at\":\"2026-11-20T00:00:00Z\"}", (i > 1 ? "," : ""), i, i, a, b, i % 97, a, i % 50
  }
  printf "],\"goals\":[]}]}"
}' > "$WORK/import.json"
START=$(now_ms)
code=$(curl -s -o "$WORK/import.out" -w '%{http_code}' -H "Authorization: Bearer $KEY" -H "Content-Type: application/json" \
  --data-binary "@$WORK/import.json" "$BASE/v1/import?mode=replace")
if [ "$code" != 200 ]; then
  echo "import failed: HTTP $code $(head -c 500 "$WORK/import.out")" >&2
  tail -20 "$WORK/server.log" >&2
  exit 1
fi
echo "import of $MEMORIES memories: $(( $(now_ms) - START )) ms ($(cat "$WORK/import.out"))"

# --- baseline ------------------------------------------------------------------------------
java -cp "$JAR" "$HERE/HelloNetty.java" "$HELLO_PORT" > "$WORK/hello.log" 2>&1 &
HELLO_PID=$!
until curl -sf -o /dev/null "http://127.0.0.1:$HELLO_PORT/"; do
  kill -0 "$HELLO_PID" 2>/dev/null || { cat "$WORK/hello.log" >&2; exit 1; }
  sleep 0.1
done

bench() { # name, wrk script, URL
  name=$1
  curl -s -o /dev/null -H "Authorization: Bearer $KEY" "$BASE/health" # keep the JIT honest: one call before
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${SECONDS_EACH}s" -H "Authorization: Bearer $KEY" -s "$2" "$3")
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  latency=$(echo "$out" | awk '$1 == "percentiles-ms" {
    for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
    printf "p50 %sms, p99 %sms, p99.9 %sms, max %sms, %s requests", v["p50"], v["p99"], v["p999"], v["max"], v["requests"]
  }')
  errors=$(echo "$out" | awk '/Non-2xx|Socket errors/ {printf "%s ", $0}')
  echo "$name: $rps req/s, $latency ${errors}"
  eval "RPS_$(echo "$name" | tr -c 'a-z0-9\n' '_')=$rps"
}

# the add route's script: the latency hook, then the request generator
cat "$HERE/latency.lua" "$HERE/post-memory.lua" > "$WORK/add.lua"

echo "# throughput (warm-up: $WARMUP s per route, $ADD_WARMUP s for memory_add, not counted)"
wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" -H "Authorization: Bearer $KEY" "$BASE/state/get?key=current_phase" > /dev/null
wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" -H "Authorization: Bearer $KEY" "$BASE/v1/state/current_phase" > /dev/null
wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" "http://127.0.0.1:$HELLO_PORT/" > /dev/null
wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" -H "Authorization: Bearer $KEY" "$BASE/memory/search?q=deploy+release&limit=5" > /dev/null
if [ "$ADD_WARMUP" -gt 0 ]; then
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${ADD_WARMUP}s" -H "Authorization: Bearer $KEY" -s "$WORK/add.lua" "$BASE/memory/add" > /dev/null
fi
GET="$HERE/latency.lua"
bench hello "$GET" "http://127.0.0.1:$HELLO_PORT/"
bench state_get "$GET" "$BASE/state/get?key=current_phase"
bench v1_state_get "$GET" "$BASE/v1/state/current_phase"
bench hello_again "$GET" "http://127.0.0.1:$HELLO_PORT/"
bench memory_search "$GET" "$BASE/memory/search?q=deploy+release&limit=5"
BACKUPS_BEFORE=$(backups)
bench memory_add "$WORK/add.lua" "$BASE/memory/add"
echo "backups written during memory_add: $(( $(backups) - BACKUPS_BEFORE ))"
echo "ratio state_get / hello (mean of the two hello runs around it): $(awk -v a="$RPS_state_get" -v b="$RPS_hello" -v c="$RPS_hello_again" 'BEGIN {printf "%.2f", a / ((b + c) / 2)}')"
echo "ratio v1_state_get / hello (the same two hello runs): $(awk -v a="$RPS_v1_state_get" -v b="$RPS_hello" -v c="$RPS_hello_again" 'BEGIN {printf "%.2f", a / ((b + c) / 2)}')"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
AFTER_RSS=$(rss_kib)
echo "server RSS after: $((AFTER_RSS / 1024)) MiB ($(awk -v a="$AFTER_RSS" -v i="$IDLE_RSS" 'BEGIN {printf "%.2f", a / i}')× idle)"
sleep "$IDLE"
RESTED_RSS=$(rss_kib)
echo "server RSS after $IDLE s without requests: $((RESTED_RSS / 1024)) MiB ($(awk -v a="$RESTED_RSS" -v i="$IDLE_RSS" 'BEGIN {printf "%.2f", a / i}')× idle)"
