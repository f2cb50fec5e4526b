#!/bin/sh
# Write latency through HTTP: POST /memory/add alone, on one store, bounded in time.
#
#   memory-bench/http/add-latency.sh [STORE_KIND]      STORE_KIND: sqlite (default) or json
#
# Starts the server jar with bin/memkit serve's default JVM options (plus BENCH_JVM_EXTRA), imports
# BENCH_MEMORIES memories, optionally warms the add route, then measures POST /memory/add with wrk
# (BENCH_THREADS x BENCH_CONNECTIONS for BENCH_SECONDS) and prints p50, p99, p99.9 and max, the
# write rate, the backups or compactions written during the measurement, the load average before
# and after, from the JVM's GC log the number, total and longest of the GC pauses during it, and
# from the store's DEBUG log the phases of the writer's slow batches (first writer waited > 50 ms:
# SQLite queue wait, SQL, commit, marks; JSON queue wait, write, fsync, audit) and the JSON store's
# compactions (copy, snapshot write).
#
# Settings: BENCH_MEMORIES (20000), BENCH_SECONDS (15), BENCH_ADD_WARMUP (0: seconds of adds before
# the measurement, not counted), BENCH_THREADS (2), BENCH_CONNECTIONS (32), BENCH_PORT (18490),
# BENCH_STORE_OPTIONS (a query string for the store URI, e.g. compact_factor=1 or
# backup_every_writes=300), BENCH_FORCE_BACKUPS (unset; N: a manual backup, POST /v1/backups, is
# started every N seconds during the measurement, on either store), BENCH_JVM_OPTS (replaces the
# launcher's default JVM options), BENCH_JVM_EXTRA (added to them, e.g. a -XX:StartFlightRecording),
# BENCH_OUT (unset; a directory that keeps the GC log and the server's log), BENCH_JAR (the server
# jar, default memory-http/target/memkit-server.jar: another build's jar gives a paired comparison).
# The server runs without an embedding model (MEMKIT_EMBEDDER=none).
set -eu

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HERE="$ROOT/memory-bench/http"
KIND=${1:-sqlite}
MEMORIES=${BENCH_MEMORIES:-20000}
SECONDS_EACH=${BENCH_SECONDS:-15}
ADD_WARMUP=${BENCH_ADD_WARMUP:-0}
THREADS=${BENCH_THREADS:-2}
CONNECTIONS=${BENCH_CONNECTIONS:-32}
PORT=${BENCH_PORT:-18490}
OPTIONS=${BENCH_STORE_OPTIONS:-}
FORCE=${BENCH_FORCE_BACKUPS:-}
KEY=bench-key-not-secret
BASE="http://127.0.0.1:$PORT"
# WORK, the cleanup at exit (which calls keep_logs), the wrk check
. "$HERE/common.sh"
keep_logs() {
  if [ -n "${BENCH_OUT:-}" ]; then
    mkdir -p "$BENCH_OUT"
    cp "$WORK"/gc.log "$WORK"/server.log "$WORK"/store.log "$BENCH_OUT"/ 2>/dev/null || true
  fi
}
JAR=${BENCH_JAR:-$ROOT/memory-http/target/memkit-server.jar}
[ -f "$JAR" ] || (cd "$ROOT" && ./mvnw -B -q -pl memory-http -am package -DskipTests) >&2

case "$KIND" in
  sqlite) STORE="sqlite:$WORK/memkit.db"; BACKUPS="$WORK/memkit.db.backups/*.db" ;;
  json) STORE="json:$WORK/memkit"; BACKUPS="$WORK/memkit/memory_backup_*.json" ;;
  *) echo "unknown store kind: $KIND (sqlite or json)" >&2; exit 2 ;;
esac
[ -n "$OPTIONS" ] && STORE="$STORE?$OPTIONS"
case "$FORCE" in
  '' | *[!0-9]*) [ -z "$FORCE" ] || { echo "BENCH_FORCE_BACKUPS must be seconds" >&2; exit 2; } ;;
esac

backups() { # shellcheck disable=SC2086 # the glob is meant to expand
  ls $BACKUPS 2>/dev/null | wc -l
}
load() { cut -d' ' -f1-3 /proc/loadavg; }
now_ms() { date +%s%3N; }

DEFAULTS=$(sed -n 's/^server_defaults="\(.*\)"$/\1/p' "$ROOT/bin/memkit")
# the stores log through System.Logger (java.util.logging here): their DEBUG lines only
cat > "$WORK/logging.properties" <<'PROPERTIES'
handlers=java.util.logging.FileHandler
java.util.logging.FileHandler.level=FINE
java.util.logging.FileHandler.formatter=java.util.logging.SimpleFormatter
java.util.logging.SimpleFormatter.format=%5$s%n
.level=WARNING
dev.memkit.store.level=FINE
PROPERTIES
echo "java.util.logging.FileHandler.pattern=$WORK/store.log" >> "$WORK/logging.properties"
JVM="${BENCH_JVM_OPTS:-$DEFAULTS} ${BENCH_JVM_EXTRA:-} -Xlog:gc:file=$WORK/gc.log:uptimemillis"
JVM="$JVM -Djava.util.logging.config.file=$WORK/logging.properties"
echo "store: $KIND ${OPTIONS:+($OPTIONS)}, $MEMORIES memories; wrk -t$THREADS -c$CONNECTIONS -d${SECONDS_EACH}s; add warm-up ${ADD_WARMUP}s; forced backups: $([ -n "$FORCE" ] && echo "every ${FORCE}s" || echo no)"
echo "server: $JAR; JVM: $JVM"

# shellcheck disable=SC2086 # JVM holds several options
MEMKIT_EMBEDDER=none MEMKIT_API_KEY=$KEY MEMKIT_MAX_BODY=536870912 MEMKIT_STORE="$STORE" MEMKIT_PORT=$PORT \
  MEMKIT_HOST=127.0.0.1 java $JVM -jar "$JAR" > "$WORK/server.log" 2>&1 &
SERVER_PID=$!
until curl -sf -o /dev/null "$BASE/health"; do
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.log" >&2; exit 1; }
  sleep 0.05
done

awk -v n="$MEMORIES" 'BEGIN {
  words = "deploy release rollback incident review meeting invoice design launch budget backup search"
  split(words, w, " ")
  printf "{\"format\":\"memkit-export\",\"version\":1,\"exported_at\":\"2026-11-21T00:00:00Z\",\"namespaces\":[{\"namespace\":\"default\",\"state\":[],\"memories\":["
  for (i = 1; i <= n; i++) {
    a = w[1 + i % 12]; b = w[1 + int(i / 12) % 12]
    printf "%s{\"id\":%d,\"namespace\":\"default\",\"text\":\"Memory %d about the %s and the %s of service %d\",\"tags\":[\"%s\",\"t%d\"],\"kind\":\"note\",\"metadata\":{},\"occurred_at\":null,\"key\":null,\"created_at\":\"2026-11-20T00:00:00Z\",\"updated_at\":\"2026-11-20T00:00:00Z\"}", (i > 1 ? "," : ""), i, i, a, b, i % 97, a, i % 50
  }
  printf "],\"goals\":[]}]}"
}' > "$WORK/import.json"
code=$(curl -s -o "$WORK/import.out" -w '%{http_code}' -H "Authorization: Bearer $KEY" \
  -H "Content-Type: application/json" --data-binary "@$WORK/import.json" "$BASE/v1/import?mode=replace")
[ "$code" = 200 ] || { echo "import failed: HTTP $code" >&2; tail -20 "$WORK/server.log" >&2; exit 1; }
rm -f "$WORK/import.json"

cat "$HERE/latency.lua" "$HERE/post-memory.lua" > "$WORK/add.lua"
if [ "$ADD_WARMUP" -gt 0 ]; then
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${ADD_WARMUP}s" -H "Authorization: Bearer $KEY" -s "$WORK/add.lua" "$BASE/memory/add" > /dev/null
fi

if [ -n "$FORCE" ]; then
  (
    while :; do
      sleep "$FORCE"
      curl -s -o /dev/null -X POST -H "Authorization: Bearer $KEY" "$BASE/v1/backups" || true
    done
  ) &
  FORCER_PID=$!
fi
echo "load before: $(load)"
BACKUPS_BEFORE=$(backups)
LOG_FROM=$(wc -l < "$WORK/store.log" 2>/dev/null || echo 0)
START=$(($(awk '{print int($1 * 1000)}' /proc/uptime) - $(awk '{print int($22 * 10)}' "/proc/$SERVER_PID/stat")))
out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${SECONDS_EACH}s" -H "Authorization: Bearer $KEY" -s "$WORK/add.lua" "$BASE/memory/add")
END=$((START + SECONDS_EACH * 1000 + 500))
[ -n "$FORCER_PID" ] && { kill "$FORCER_PID" 2>/dev/null || true; FORCER_PID=""; }
echo "load after: $(load)"
echo "$out" | awk '/Requests\/sec/ {rps = $2}
  $1 == "percentiles-ms" { for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] } }
  /Non-2xx|Socket errors/ {errors = errors $0 " "}
  END { printf "memory_add: %s req/s, p50 %s ms, p99 %s ms, p99.9 %s ms, max %s ms, %s requests, p99/p50 %.1f %s\n",
        rps, v["p50"], v["p99"], v["p999"], v["max"], v["requests"], (v["p50"] > 0 ? v["p99"] / v["p50"] : 0), errors }'
echo "backups written during the adds: $(( $(backups) - BACKUPS_BEFORE ))"
# GC pauses whose JVM uptime falls within the measurement (the server's uptime at its start, from /proc)
awk -v from="$START" -v to="$END" '
  match($0, /^\[[0-9]+ms\]/) {
    t = substr($0, 2, RLENGTH - 4) + 0
    if (t >= from && t <= to && match($0, /Pause.* ([0-9.]+)ms$/)) {
      ms = $NF; sub(/ms$/, "", ms); n++; total += ms; if (ms > max) max = ms
    }
  }
  END { printf "GC pauses during the adds: %d, total %.0f ms, longest %.1f ms\n", n, total, max }' "$WORK/gc.log"
# the writer's slow batches and the compactions logged during the adds (numbers may carry grouping commas)
tail -n +"$((LOG_FROM + 1))" "$WORK/store.log" 2>/dev/null | sed 's/\([0-9]\),\([0-9]\)/\1\2/g' | awk '
  /^slow write batch/ {
    n++; line = $0; sub(/^[^:]*: /, "", line); k = split(line, part, ", ")
    for (i = 1; i < k; i++) { m = split(part[i], w, " "); name[i] = part[i]; sub(/ [0-9.]+ ms$/, "", name[i]); v = w[m - 1] + 0
      sum[i] += v; if (v > max[i]) max[i] = v }
    phases = k - 1
  }
  /^compaction of/ { c++; if (match($0, /snapshot write [0-9.]+/)) { s = substr($0, RSTART + 15, RLENGTH - 15) + 0; st += s; if (s > sm) sm = s } }
  END {
    printf "slow write batches (first writer waited > 50 ms): %d", n
    for (i = 1; i <= phases; i++) printf "; %s mean %.1f max %.1f ms", name[i], sum[i] / n, max[i]
    printf "\n"
    if (c > 0) printf "compactions: %d, snapshot write %.1f s in total, longest %.1f s\n", c, st / 1000, sm / 1000
  }'
