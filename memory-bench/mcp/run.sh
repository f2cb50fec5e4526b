#!/bin/sh
# MCP benchmark: memkit mcp (SQLite, fsync per write) beside the reference memory server
# (npm @modelcontextprotocol/server-memory), both over stdio, driven by the MCP Java SDK's client with
# the same workload. Bounded: BENCH_MEMORIES (10000) adds, BENCH_MAX_SECONDS (1800) per server.
#
#   memory-bench/mcp/run.sh
#
# Needs a JDK 17+, node and npm. Installs the reference server into memory-bench/target/mcp-reference.
set -eu

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
REF_VERSION=${BENCH_REFERENCE_VERSION:-2026.8.31}
REF_DIR="$ROOT/memory-bench/target/mcp-reference"
REF="$REF_DIR/node_modules/@modelcontextprotocol/server-memory/dist/index.js"

command -v node >/dev/null || { echo "node is not installed" >&2; exit 2; }
if [ ! -f "$REF" ]; then
  mkdir -p "$REF_DIR"
  (cd "$REF_DIR" && npm install --no-audit --no-fund --silent "@modelcontextprotocol/server-memory@$REF_VERSION") >&2
fi
if [ ! -f "$ROOT/memory-bench/target/benchmarks.jar" ] || [ ! -f "$ROOT/memory-cli/target/memkit-cli.jar" ]; then
  (cd "$ROOT" && ./mvnw -B -q -pl memory-bench,memory-cli -am package -DskipTests) >&2
fi
exec java -Dbench.memories="${BENCH_MEMORIES:-10000}" -Dbench.maxSeconds="${BENCH_MAX_SECONDS:-1800}" \
  -cp "$ROOT/memory-bench/target/benchmarks.jar" dev.memkit.bench.mcp.McpServersBenchmark "$ROOT" "$REF"
