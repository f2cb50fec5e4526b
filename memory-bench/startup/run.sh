#!/bin/sh
# Server start-up benchmark: launch to the first 200 of GET /health, on an existing SQLite store.
#
#   memory-bench/startup/run.sh [launcher|jar] [MEMORIES]
#
#   launcher  bin/memkit serve (class-data sharing, its default JVM options)   (default)
#   jar       java -jar memory-http/target/memkit-server.jar (no archive, JVM defaults)
#   MEMORIES  size of the store, default 100000 (built once with memory-bench's data set builder,
#             cached in memory-bench/target/bench-data)
#
# Each run copies the store (closed cleanly) to a scratch file, launches the server on a loopback
# port, polls /health every 10 ms until it answers 200, reads the CPU time the process used until
# then (all threads, and the JIT compiler threads' share: on a shared machine the CPU time varies
# far less than the wall time), reads the phases the server logs ("started in N ms: jvm …, store …,
# context …"), waits 3 s and reads the idle RSS, then stops it with SIGTERM. Prints every run, then
# the median of each figure.
#
# Settings: BENCH_RUNS (5), BENCH_PORT (18490), BENCH_UNCLEAN=1 (leave a -wal beside the copy, as a
# crash does, so the store runs its integrity check), SERVER_JAR (another jar to measure, e.g. an
# older build; jar mode only), JAVA_OPTS (extra JVM options; jar mode only).
# Needs curl. Bounded: each start may take 120 s at most.
set -eu

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
MODE=${1:-launcher}
MEMORIES=${2:-100000}
RUNS=${BENCH_RUNS:-5}
PORT=${BENCH_PORT:-18490}
JAR=${SERVER_JAR:-$ROOT/memory-http/target/memkit-server.jar}
BENCH_JAR=$ROOT/memory-bench/target/benchmarks.jar
DATA=$ROOT/memory-bench/target/bench-data
WORK=$(mktemp -d)
PID=""

cleanup() {
  if [ -n "$PID" ]; then
    kill "$PID" 2>/dev/null || true
    wait "$PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

command -v curl >/dev/null || { echo "curl is not installed" >&2; exit 2; }
case "$MODE" in
  launcher | jar) ;;
  *) echo "usage: $0 [launcher|jar] [MEMORIES]" >&2; exit 2 ;;
esac
if [ ! -f "$JAR" ] || [ ! -f "$BENCH_JAR" ]; then
  (cd "$ROOT" && ./mvnw -B -q -pl memory-http,memory-cli,memory-bench -am package -DskipTests) >&2
fi
STORE=$DATA/memkit-$MEMORIES.db
if [ ! -f "$STORE" ]; then
  java -Dmemkit.bench.data="$DATA" -cp "$BENCH_JAR" dev.memkit.bench.sqlite.SqliteDatasets "$MEMORIES" >&2
fi

# now_ms, cpu_ms, median, wait_for_200
. "$(dirname "$0")/measure.sh"

# Fails when something already answers on the port: its answers would be taken for the server's.
port_free() {
  if curl -s -o /dev/null -m 2 "http://127.0.0.1:$PORT/health"; then
    echo "something already answers on port $PORT: stop it or set BENCH_PORT" >&2
    exit 1
  fi
}

echo "# machine"
echo "cpus: $(nproc); $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "java: $(java -version 2>&1 | head -1)"
echo "mode: $MODE; store: $MEMORIES memories ($(du -m "$STORE" | cut -f1) MB)$( [ "${BENCH_UNCLEAN:-0}" = 1 ] && echo ', after an unclean shutdown'); runs: $RUNS"

if [ "$MODE" = launcher ]; then
  # builds the jars when a source is newer (then starts nothing)
  "$ROOT/bin/memkit" serve --help > /dev/null
  # the first serve after a build records the class-data archive: do it before measuring
  rm -f "$ROOT/memory-http/target/memkit-server.jsa"
  cp "$STORE" "$WORK/warm.db"
  port_free
  MEMKIT_BUILD=0 MEMKIT_API_KEY=bench "$ROOT/bin/memkit" serve --port "$PORT" --host 127.0.0.1 --store "sqlite:$WORK/warm.db" \
    > "$WORK/warm.log" 2>&1 &
  PID=$!
  wait_for_200 "$WORK/warm.log"
  kill -TERM "$PID"; wait "$PID" 2>/dev/null || true; PID=""
  echo "class-data archive: $(du -m "$ROOT/memory-http/target/memkit-server.jsa" | cut -f1) MB"
fi

echo "# runs (ms; phases as the server logs them)"
: > "$WORK/results"
i=1
while [ "$i" -le "$RUNS" ]; do
  rm -f "$WORK"/run.db*
  cp "$STORE" "$WORK/run.db"
  if [ "${BENCH_UNCLEAN:-0}" = 1 ]; then
    : > "$WORK/run.db-wal"
  fi
  port_free
  START=$(now_ms)
  if [ "$MODE" = launcher ]; then
    MEMKIT_BUILD=0 MEMKIT_API_KEY=bench "$ROOT/bin/memkit" serve --port "$PORT" --host 127.0.0.1 \
      --store "sqlite:$WORK/run.db" > "$WORK/server.log" 2>&1 &
  else
    # shellcheck disable=SC2086
    MEMKIT_STORE="sqlite:$WORK/run.db" MEMKIT_PORT=$PORT MEMKIT_HOST=127.0.0.1 MEMKIT_API_KEY=bench \
      java ${JAVA_OPTS:-} -jar "$JAR" > "$WORK/server.log" 2>&1 &
  fi
  PID=$!
  wait_for_200 "$WORK/server.log"
  FIRST=$(( $(now_ms) - START ))
  cpu_ms "$PID"
  sleep 3
  RSS=$(awk '/VmRSS/ {printf "%d", $2/1024}' "/proc/$PID/status")
  kill -TERM "$PID"; wait "$PID" 2>/dev/null || true; PID=""
  PHASES=$(sed -n 's/.*started in \([0-9]*\) ms: \(.*\)/\2/p' "$WORK/server.log" | head -n 1)
  echo "run $i: first 200 after $FIRST ms (CPU $CPU ms, of it JIT $JIT ms); idle RSS $RSS MiB; ${PHASES:-no phase line (an older build)}"
  echo "$FIRST $RSS $CPU $JIT" >> "$WORK/results"
  i=$((i + 1))
done

echo "# median of $RUNS"
echo "launch to first 200: $(cut -d' ' -f1 "$WORK/results" | median) ms"
echo "CPU time to first 200: $(cut -d' ' -f3 "$WORK/results" | median) ms (of it the JIT compiler threads: $(cut -d' ' -f4 "$WORK/results" | median) ms)"
echo "idle RSS: $(cut -d' ' -f2 "$WORK/results" | median) MiB"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
