# What the HTTP benchmarks share (run.sh, add-latency.sh, cpu-per-request.sh); sourced, not run.
#
# Sets WORK, a scratch directory, and at exit (or interruption) stops the processes named by
# SERVER_PID, HELLO_PID and FORCER_PID (each when set), runs the script's keep_logs function if it
# defines one, and removes WORK. Fails at once when wrk is not installed.

WORK=$(mktemp -d)
SERVER_PID=""
HELLO_PID=""
FORCER_PID=""

cleanup() {
  for pid in $FORCER_PID $SERVER_PID $HELLO_PID; do
    kill "$pid" 2>/dev/null || true
  done
  wait 2>/dev/null || true
  if command -v keep_logs >/dev/null 2>&1; then
    keep_logs
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 2; }
