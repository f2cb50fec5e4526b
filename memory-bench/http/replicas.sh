#!/bin/sh
# Two memkit server replicas on one PostgreSQL, measured with wrk on loopback, bounded in time.
#
#   memory-bench/http/replicas.sh postgresql://user@127.0.0.1:5432/db
#
# Starts two servers (memory-http/target/memkit-server.jar) on the same schema (bench_http), sets one
# state key, then measures GET /v1/state/{key}: first one replica alone, then both at once, each
# with its own wrk (the load is split between them by the client, as with no balancer), and prints
# the req/s of each run. Settings: BENCH_SECONDS (15), BENCH_WARMUP (20), BENCH_THREADS (1 per wrk),
# BENCH_CONNECTIONS (16 per wrk), BENCH_PORT (18490; the second replica takes the next port).
set -eu

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
JAR="$ROOT/memory-http/target/memkit-server.jar"
STORE="${1:?usage: replicas.sh postgresql://user@host:port/db}"
case "$STORE" in *\?*) STORE="$STORE&schema=bench_http" ;; *) STORE="$STORE?schema=bench_http" ;; esac
SECONDS_EACH=${BENCH_SECONDS:-15}
WARMUP=${BENCH_WARMUP:-20}
THREADS=${BENCH_THREADS:-1}
CONNECTIONS=${BENCH_CONNECTIONS:-16}
PORT_A=${BENCH_PORT:-18490}
PORT_B=$((PORT_A + 1))
KEY=bench-key-not-secret
WORK=$(mktemp -d)
PIDS=""

cleanup() {
  for pid in $PIDS; do kill "$pid" 2>/dev/null || true; done
  for pid in $PIDS; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

start() { # port log
  MEMKIT_STORE="$STORE" MEMKIT_PORT="$1" MEMKIT_API_KEY="$KEY" java -Xmx256m -jar "$JAR" >"$2" 2>&1 &
  PIDS="$PIDS $!"
  i=0
  until curl -sf "http://127.0.0.1:$1/health" >/dev/null 2>&1; do
    i=$((i + 1)); [ "$i" -lt 600 ] || { echo "server on $1 did not start" >&2; cat "$2" >&2; exit 1; }
    sleep 0.1
  done
}

start "$PORT_A" "$WORK/a.log"
start "$PORT_B" "$WORK/b.log"
curl -sf -X PUT -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
  -d '{"value":{"phase":"testing","step":3}}' "http://127.0.0.1:$PORT_A/v1/state/bench" >/dev/null

load() { # port seconds
  wrk -t "$THREADS" -c "$CONNECTIONS" -d "${2}s" -H "Authorization: Bearer $KEY" "http://127.0.0.1:$1/v1/state/bench" \
    | awk '/Requests\/sec/ {print $2}'
}

load "$PORT_A" "$WARMUP" >/dev/null
load "$PORT_B" "$WARMUP" >/dev/null
echo "load average before: $(cat /proc/loadavg)"
ONE=$(load "$PORT_A" "$SECONDS_EACH")
load "$PORT_A" "$SECONDS_EACH" >"$WORK/a.rps" &
WA=$!
load "$PORT_B" "$SECONDS_EACH" >"$WORK/b.rps" &
WB=$!
wait "$WA" "$WB"
A=$(cat "$WORK/a.rps")
B=$(cat "$WORK/b.rps")
echo "load average after: $(cat /proc/loadavg)"
echo "| GET /v1/state/{key} | req/s |"
echo "|---|---|"
echo "| one replica alone | $ONE |"
echo "| two replicas at once | $A + $B = $(echo "$A + $B" | bc) |"
echo "| both ÷ one | $(echo "scale=2; ($A + $B) / $ONE" | bc) |"
