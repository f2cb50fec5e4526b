#!/bin/sh
# Server CPU per request of the two quick reads, beside a bare Netty server answering the same
# route-less GET, on loopback with wrk. CPU time per request (the process's user + system time over
# a run, divided by the requests it answered) varies far less than requests per second on a machine
# whose cores wrk and other work share, so two builds compare well with it.
#
#   memory-bench/http/cpu-per-request.sh [JAR...]
#
# Each JAR (default: memory-http/target/memkit-server.jar) is started in turn with java -jar, the
# JVM options of bin/memkit serve and a class-data archive recorded for it beforehand, on a copy of
# the 100k-memory SQLite store of memory-bench's data set builder; then BENCH_ROUNDS (3) rounds of
# BENCH_SECONDS (10) s each: bare Netty, GET /state/get, GET /v1/state/{key}. The first round warms
# up the JIT; compare the later ones. Settings: BENCH_PORT (18650; the bare server takes the next
# port), BENCH_SERVER_OPTS (extra JVM options for memkit, e.g. -Dlogback.configurationFile=FILE).
set -eu

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
ROUNDS=${BENCH_ROUNDS:-3}
SECONDS_EACH=${BENCH_SECONDS:-10}
PORT=${BENCH_PORT:-18650}
HELLO_PORT=$((PORT + 1))
KEY=bench-key-not-secret
DATA=$ROOT/memory-bench/target/bench-data
OPTS="-XX:+UseG1GC -Xms16m -Xmx512m -XX:G1PeriodicGCInterval=15000 -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -XX:CompileThresholdScaling=4 -XX:-UsePerfData"
# WORK, the cleanup at exit, the wrk check
. "$ROOT/memory-bench/http/common.sh"
[ $# -gt 0 ] || set -- "$ROOT/memory-http/target/memkit-server.jar"
for jar in "$@"; do
  [ -f "$jar" ] || { echo "no such jar: $jar" >&2; exit 2; }
done
if [ ! -f "$DATA/memkit-100000.db" ]; then
  [ -f "$ROOT/memory-bench/target/benchmarks.jar" ] || (cd "$ROOT" && ./mvnw -B -q -pl memory-bench -am package -DskipTests) >&2
  java -Dmemkit.bench.data="$DATA" -cp "$ROOT/memory-bench/target/benchmarks.jar" dev.memkit.bench.sqlite.SqliteDatasets 100000 >&2
fi

ticks_of() { awk '{print $14 + $15}' "/proc/$1/stat"; }

wait_for() { # URL PID LOG
  until curl -sf -o /dev/null "$1"; do
    kill -0 "$2" 2>/dev/null || { cat "$3" >&2; exit 1; }
    sleep 0.1
  done
}

# Runs wrk against URL ($2, more wrk options after it) and prints the rate and process $1's CPU per request.
measure() {
  pid=$1 url=$2
  shift 2
  before=$(ticks_of "$pid")
  out=$(wrk -t2 -c32 -d"${SECONDS_EACH}s" "$@" "$url")
  after=$(ticks_of "$pid")
  requests=$(echo "$out" | awk '/requests in/ {print $1}')
  rate=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  echo "  $url: $rate req/s, $(awk -v a="$before" -v b="$after" -v r="$requests" -v t="$(getconf CLK_TCK)" 'BEGIN {printf "%.1f", (b - a) * 1e6 / t / r}') µs CPU per request"
}

echo "machine: $(nproc) cpus; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
java -cp "$1" "$ROOT/memory-bench/http/HelloNetty.java" "$HELLO_PORT" > "$WORK/hello.log" 2>&1 &
HELLO_PID=$!
wait_for "http://127.0.0.1:$HELLO_PORT/" "$HELLO_PID" "$WORK/hello.log"
for jar in "$@"; do
  echo "# $jar"
  rm -rf "$WORK/train" && mkdir "$WORK/train"
  # the class-data archive of this jar: a short start on a scratch store, a few requests, SIGTERM
  # shellcheck disable=SC2086 # OPTS holds several options
  MEMKIT_EMBEDDER=none MEMKIT_STORE="sqlite:$WORK/train/t.db" MEMKIT_PORT=$PORT MEMKIT_HOST=127.0.0.1 MEMKIT_API_KEY=$KEY \
    java -XX:ArchiveClassesAtExit="$WORK/server.jsa" $OPTS -jar "$jar" > "$WORK/train/log" 2>&1 &
  SERVER_PID=$!
  wait_for "http://127.0.0.1:$PORT/health" "$SERVER_PID" "$WORK/train/log"
  curl -s -o /dev/null -H "Authorization: Bearer $KEY" -H "Content-Type: application/json" -d '{"key":"current_phase","value":1}' "http://127.0.0.1:$PORT/state/set"
  curl -s -o /dev/null -H "Authorization: Bearer $KEY" "http://127.0.0.1:$PORT/state/get?key=current_phase"
  curl -s -o /dev/null -H "Authorization: Bearer $KEY" "http://127.0.0.1:$PORT/v1/state/current_phase"
  kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true
  cp "$DATA/memkit-100000.db" "$WORK/run.db"
  # shellcheck disable=SC2086 # OPTS and BENCH_SERVER_OPTS hold several options
  MEMKIT_EMBEDDER=none MEMKIT_STORE="sqlite:$WORK/run.db" MEMKIT_PORT=$PORT MEMKIT_HOST=127.0.0.1 MEMKIT_API_KEY=$KEY MALLOC_ARENA_MAX=2 \
    java -XX:SharedArchiveFile="$WORK/server.jsa" -Xlog:disable -Xlog:all=warning:stderr $OPTS ${BENCH_SERVER_OPTS:-} -jar "$jar" > "$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  wait_for "http://127.0.0.1:$PORT/health" "$SERVER_PID" "$WORK/server.log"
  curl -s -o /dev/null -H "Authorization: Bearer $KEY" -H "Content-Type: application/json" \
    -d '{"key":"current_phase","value":{"phase":"build","step":3,"owner":"agent-7"}}' "http://127.0.0.1:$PORT/state/set"
  round=1
  while [ "$round" -le "$ROUNDS" ]; do
    echo " round $round"
    measure "$HELLO_PID" "http://127.0.0.1:$HELLO_PORT/"
    measure "$SERVER_PID" "http://127.0.0.1:$PORT/state/get?key=current_phase" -H "Authorization: Bearer $KEY"
    measure "$SERVER_PID" "http://127.0.0.1:$PORT/v1/state/current_phase" -H "Authorization: Bearer $KEY"
    round=$((round + 1))
  done
  kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
