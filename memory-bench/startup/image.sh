#!/bin/sh
# Container image start-up benchmark: start of the image to the first 200 of GET /health, on an
# existing SQLite store in its /data volume, run as ImageTarballIT runs it (no container engine).
#
#   memory-bench/startup/image.sh [TARBALL ...]
#
#   TARBALL   an image tarball written by Jib's buildTar (default memory-http/target/memkit-image.tar,
#             built with ./mvnw -B -pl memory-http -am package -Dimage.offline -DskipTests). With
#             several, the runs alternate between them (run 1 of each, run 2 of each, ...), so
#             each pair shares the machine's load.
#
# Each tarball's layers are unpacked in order into a directory of their own (owners, modes and
# times kept, as a container runtime does), with /proc and /dev/{null,zero,random,urandom}. Each run
# copies the store (closed cleanly) into that /data, owned by the image's user, and starts the
# image's entrypoint with its environment, as its user, in new mount and PID namespaces:
#
#   unshare --mount --pid --fork --kill-child --mount-proc --root=<rootfs> --wd=/data \
#     --setuid=65532 --setgid=65532 <Entrypoint>
#
# plus, as `docker run -e` would, MEMKIT_API_KEY, MEMKIT_PORT=$BENCH_PORT, MEMKIT_HOST=127.0.0.1 and
# MEMKIT_EMBEDDER=none (keyword search only, as the launcher's figures; BENCH_EMBEDDER to change it).
# It polls /health every 10 ms until it answers 200, reads the CPU time the server's JVM used until
# then, the phases it logs ("started in N ms: jvm …") and whether it says "Micronaut AOT", waits 3 s
# for the idle RSS, then stops it with SIGTERM (as `docker stop`). Prints every run, then the
# medians per tarball and the load average before and after.
#
# Settings: BENCH_RUNS (5), BENCH_PORT (18491), MEMORIES (100000; the store is built once with
# memory-bench's data set builder, cached in memory-bench/target/bench-data, as run.sh does).
# Needs root (namespaces, the image's file owners), Linux, util-linux's unshare, curl, python3.
# Bounded: each start may take 120 s at most. Not part of the build.
set -eu

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
RUNS=${BENCH_RUNS:-5}
PORT=${BENCH_PORT:-18491}
MEMORIES=${MEMORIES:-100000}
BENCH_JAR=$ROOT/memory-bench/target/benchmarks.jar
DATA=$ROOT/memory-bench/target/bench-data
if [ "$#" -eq 0 ]; then
  set -- "$ROOT/memory-http/target/memkit-image.tar"
fi
WORK=$(mktemp -d)
PID=""

cleanup() {
  if [ -n "$PID" ]; then
    pkill -TERM -P "$PID" 2>/dev/null || true
    wait "$PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

for tool in curl python3 unshare mknod; do
  command -v "$tool" >/dev/null || { echo "$tool is not installed" >&2; exit 2; }
done
[ "$(id -u)" = 0 ] || { echo "needs root: new namespaces, the image's file owners and user" >&2; exit 2; }
for tarball in "$@"; do
  [ -f "$tarball" ] || { echo "no image tarball at $tarball (build it with -Dimage.offline)" >&2; exit 2; }
done
if [ ! -f "$BENCH_JAR" ]; then
  (cd "$ROOT" && ./mvnw -B -q -pl memory-bench -am package -DskipTests) >&2
fi
STORE=$DATA/memkit-$MEMORIES.db
if [ ! -f "$STORE" ]; then
  java -Dmemkit.bench.data="$DATA" -cp "$BENCH_JAR" dev.memkit.bench.sqlite.SqliteDatasets "$MEMORIES" >&2
fi

# Prints the image's configuration value $2 (Entrypoint, Env, User, WorkingDir) of unpacked tarball $1,
# one item a line.
image_config() {
  python3 - "$1" "$2" <<'EOF'
import json, sys
manifest = json.load(open(sys.argv[1] + "/manifest.json"))[0]
value = json.load(open(sys.argv[1] + "/" + manifest["Config"]))["config"].get(sys.argv[2]) or []
print("\n".join(value) if isinstance(value, list) else value)
EOF
}

# Unpacks tarball $1 into $2/image and its layers, in order, into $2/rootfs.
unpack() {
  mkdir -p "$2/image" "$2/rootfs/proc" "$2/rootfs/dev"
  tar -xf "$1" -C "$2/image"
  python3 -c 'import json,sys; print("\n".join(json.load(open(sys.argv[1]))[0]["Layers"]))' "$2/image/manifest.json" |
    while read -r layer; do
      tar -xzf "$2/image/$layer" -C "$2/rootfs" --warning=no-unknown-keyword --same-owner --numeric-owner --preserve-permissions
    done
  for device in null:3 zero:5 random:8 urandom:9; do
    mknod -m 666 "$2/rootfs/dev/${device%:*}" c 1 "${device#*:}"
  done
}

# now_ms, cpu_ms, median, wait_for_200
. "$(dirname "$0")/measure.sh"

echo "# machine"
echo "cpus: $(nproc); $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "store: $MEMORIES memories ($(du -m "$STORE" | cut -f1) MB); runs: $RUNS per image; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
n=0
for tarball in "$@"; do
  n=$((n + 1))
  unpack "$tarball" "$WORK/$n"
  : > "$WORK/$n/results"
  echo "image $n: $tarball ($(du -m "$tarball" | cut -f1) MB); runtime: $("$WORK/$n/rootfs/opt/java/openjdk/bin/java" -version 2>&1 | tail -1)"
done

echo "# runs (ms; phases as the server logs them)"
i=1
while [ "$i" -le "$RUNS" ]; do
  n=0
  for tarball in "$@"; do
    n=$((n + 1))
    dir=$WORK/$n
    rootfs=$dir/rootfs
    user=$(image_config "$dir/image" User)
    rm -f "$rootfs"/data/memkit.db*
    cp "$STORE" "$rootfs/data/memkit.db"
    chown "$user" "$rootfs/data/memkit.db"
    if curl -s -o /dev/null -m 2 "http://127.0.0.1:$PORT/health"; then
      echo "something already answers on port $PORT: stop it or set BENCH_PORT" >&2
      exit 1
    fi
    image_config "$dir/image" Env > "$dir/env"
    printf '%s\n' "MEMKIT_API_KEY=bench" "MEMKIT_PORT=$PORT" "MEMKIT_HOST=127.0.0.1" \
      "MEMKIT_EMBEDDER=${BENCH_EMBEDDER:-none}" >> "$dir/env"
    image_config "$dir/image" Entrypoint > "$dir/entrypoint"
    START=$(now_ms)
    # shellcheck disable=SC2046
    (
      IFS='
'
      exec env -i $(cat "$dir/env") unshare --mount --pid --fork --kill-child --mount-proc \
        --root="$rootfs" --wd="$(image_config "$dir/image" WorkingDir)" \
        --setuid="${user%:*}" --setgid="${user#*:}" $(cat "$dir/entrypoint")
    ) > "$dir/server.log" 2>&1 &
    PID=$!
    wait_for_200 "$dir/server.log"
    FIRST=$(( $(now_ms) - START ))
    JAVA_PID=$(pgrep -P "$PID" | head -n 1)
    cpu_ms "$JAVA_PID"
    sleep 3
    RSS=$(awk '/VmRSS/ {printf "%d", $2/1024}' "/proc/$JAVA_PID/status")
    kill -TERM "$JAVA_PID"; wait "$PID" 2>/dev/null || true; PID=""
    PHASES=$(sed -n 's/.*started in \([0-9]*\) ms: \(.*\)/\2/p' "$dir/server.log" | head -n 1)
    AOT=no
    if grep -q 'Micronaut AOT;' "$dir/server.log"; then AOT=yes; fi
    echo "image $n run $i: first 200 after $FIRST ms (CPU $CPU ms, of it JIT $JIT ms); idle RSS $RSS MiB; AOT $AOT; ${PHASES:-no phase line}"
    echo "$FIRST $RSS $CPU $JIT" >> "$dir/results"
  done
  i=$((i + 1))
done

echo "# median of $RUNS"
n=0
for tarball in "$@"; do
  n=$((n + 1))
  r=$WORK/$n/results
  echo "image $n: first 200 $(cut -d' ' -f1 "$r" | median) ms; CPU $(cut -d' ' -f3 "$r" | median) ms (JIT $(cut -d' ' -f4 "$r" | median) ms); idle RSS $(cut -d' ' -f2 "$r" | median) MiB"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
