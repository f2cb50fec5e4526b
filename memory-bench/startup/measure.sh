# Shell functions the start-up benchmarks share (run.sh, image.sh); sourced, not run.

now_ms() { date +%s%3N; }

# Sets CPU and JIT: the CPU time (user + system, ms) process $1 used so far, and its compiler threads' part.
cpu_ms() {
  tick=$(getconf CLK_TCK)
  CPU=$(awk -v t="$tick" '{printf "%d", ($14 + $15) * 1000 / t}' "/proc/$1/stat")
  JIT=0
  for task in /proc/"$1"/task/*; do
    case $(cat "$task/comm" 2>/dev/null) in
      C1\ Compiler* | C2\ Compiler*) JIT=$((JIT + $(awk -v t="$tick" '{printf "%d", ($14 + $15) * 1000 / t}' "$task/stat"))) ;;
    esac
  done
}

# Polls /health every 10 ms until it answers 200, while the server ($PID) on 127.0.0.1:$PORT lives; gives up after 120 s
# (printing its log, file $1).
wait_for_200() {
  tries=0
  until curl -sf -o /dev/null "http://127.0.0.1:$PORT/health"; do
    kill -0 "$PID" 2>/dev/null || { cat "$1" >&2; exit 1; }
    tries=$((tries + 1))
    [ "$tries" -lt 12000 ] || { echo "no answer within 120 s" >&2; exit 1; }
    sleep 0.01
  done
}

# The median of the numbers on standard input, one a line.
median() { sort -n | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
