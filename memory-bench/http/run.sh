#!/bin/sh
# HTTP benchmark of memory-http with wrk, on loopback, bounded in time.
#
#   memory-bench/http/run.sh [STORE_KIND]      STORE_KIND: sqlite (default), json or mem
#
# Measures: server start to first 200; idle RSS; GET /state/get, POST /memory/add and
# GET /memory/search at 100k memories; and a bare Netty hello-world in the same run, so
# memkit's throughput reads as a ratio of it. Settings: BENCH_SECONDS (15), BENCH_WARMUP (60: seconds
# of load per route before measuring, long enough for the JIT to finish), BENCH_THREADS (2),
# BENCH_CONNECTIONS (32), BENCH_MEMORIES (100000), BENCH_PORT (18480).
set -eu

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HERE="$ROOT/memory-bench/http"
JAR="$ROOT/memory-http/target/memkit-server.jar"
KIND=${1:-sqlite}
SECONDS_EACH=${BENCH_SECONDS:-15}
WARMUP=${BENCH_WARMUP:-60}
THREADS=${BENCH_THREADS:-2}
CONNECTIONS=${BENCH_CONNECTIONS:-32}
MEMORIES=${BENCH_MEMORIES:-100000}
PORT=${BENCH_PORT:-18480}
HELLO_PORT=$((PORT + 1))
KEY=bench-key-not-secret
BASE="http://127.0.0.1:$PORT"
WORK=$(mktemp -d)
SERVER_PID=""
HELLO_PID=""

cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null || true
  [ -n "$HELLO_PID" ] && kill "$HELLO_PID" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 2; }
if [ ! -f "$JAR" ]; then
  (cd "$ROOT" && ./mvnw -B -q -pl memory-http package -DskipTests) >&2
fi

case "$KIND" in
  sqlite) STORE="sqlite:$WORK/memkit.db" ;;
  json) STORE="json:$WORK/memkit" ;;
  mem) STORE="mem:bench" ;;
  *) echo "unknown store kind: $KIND" >&2; exit 2 ;;
esac

now_ms() { date +%s%3N; }

echo "# machine"
echo "cpus: $(nproc); $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "memory: $(free -g | awk '/Mem:/ {print $2}') GiB; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "java: $(java -version 2>&1 | head -1)"
echo "wrk: -t$THREADS -c$CONNECTIONS -d${SECONDS_EACH}s; store: $KIND"

# --- start to first 200 -------------------------------------------------------------------
START=$(now_ms)
MEMKIT_STORE="$STORE" MEMKIT_PORT=$PORT MEMKIT_API_KEY=$KEY MEMKIT_MAX_BODY=536870912 \
  java -jar "$JAR" > "$WORK/server.log" 2>&1 &
SERVER_PID=$!
until curl -sf -o /dev/null "$BASE/health"; do
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.log" >&2; exit 1; }
  sleep 0.05
done
echo "start to first 200: $(( $(now_ms) - START )) ms"
sleep 3
echo "idle RSS: $(awk '/VmRSS/ {printf "%d MiB", $2/1024}' /proc/$SERVER_PID/status)"

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

bench() { # name, wrk arguments...
  name=$1; shift
  curl -s -o /dev/null -H "Authorization: Bearer $KEY" "$BASE/health" # keep the JIT honest: one call before
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${SECONDS_EACH}s" --latency -H "Authorization: Bearer $KEY" "$@")
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$out" | awk '$1 == "50%" {print $2}')
  p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
  errors=$(echo "$out" | awk '/Non-2xx|Socket errors/ {printf "%s ", $0}')
  echo "$name: $rps req/s, p50 $p50, p99 $p99 ${errors}"
  eval "RPS_$(echo "$name" | tr -c 'a-z0-9\n' '_')=$rps"
}

echo "# throughput (warm-up: $WARMUP s per route, not counted)"
wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" -H "Authorization: Bearer $KEY" "$BASE/state/get?key=current_phase" > /dev/null
wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" "http://127.0.0.1:$HELLO_PORT/" > /dev/null
wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" -H "Authorization: Bearer $KEY" "$BASE/memory/search?q=deploy+release&limit=5" > /dev/null
bench hello "http://127.0.0.1:$HELLO_PORT/"
bench state_get "$BASE/state/get?key=current_phase"
bench hello_again "http://127.0.0.1:$HELLO_PORT/"
bench memory_search "$BASE/memory/search?q=deploy+release&limit=5"
bench memory_add -s "$HERE/post-memory.lua" "$BASE/memory/add"
echo "ratio state_get / hello (mean of the two hello runs around it): $(awk -v a="$RPS_state_get" -v b="$RPS_hello" -v c="$RPS_hello_again" 'BEGIN {printf "%.2f", a / ((b + c) / 2)}')"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "server RSS after: $(awk '/VmRSS/ {printf "%d MiB", $2/1024}' /proc/$SERVER_PID/status)"
