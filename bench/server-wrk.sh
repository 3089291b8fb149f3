#!/usr/bin/env bash
# Starts `alignkg serve` on the shipped data and runs wrk over loopback against every named
# query (parameters bound to their documented examples), printing requests/s and p50/p99.
#
# usage: bench/server-wrk.sh [QUERIES_DIR]   (env: PORT, DURATION, THREADS, CONNECTIONS, JAR)
set -euo pipefail
cd "$(dirname "$0")/.."
QUERIES=${1:-$( [ -d queries ] && echo queries || echo src/test/resources/queries )}
PORT=${PORT:-7181}
DURATION=${DURATION:-10s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-16}
JAR=${JAR:-target/alignkg.jar}
STORE=$(mktemp -d /tmp/alignkg-bench-store.XXXXXX)
LOG=$(mktemp /tmp/alignkg-bench-log.XXXXXX)

[ -f "$JAR" ] || { echo "build first: mvn -q -o package -DskipTests" >&2; exit 1; }
java -jar "$JAR" serve --store "$STORE" --queries "$QUERIES" --port "$PORT" >"$LOG" 2>&1 &
PID=$!
trap 'kill "$PID" 2>/dev/null; wait "$PID" 2>/dev/null; rm -rf "$STORE" "$LOG"' EXIT
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 0.5; done
curl -sf "http://127.0.0.1:$PORT/health" >/dev/null || { cat "$LOG" >&2; exit 1; }

# name<TAB>path-with-example-params, from the server's own list
mapfile -t TARGETS < <(curl -s "http://127.0.0.1:$PORT/api/queries" | /usr/bin/python3 -c '
import json, sys, urllib.parse
for q in json.load(sys.stdin):
    params = {p["name"]: p["example"] for p in q["params"] if p["example"]}
    qs = ("?" + urllib.parse.urlencode(params)) if params else ""
    print(q["name"] + "\t/api/queries/" + q["name"] + qs)')

printf '%-34s %10s %10s %10s\n' "query" "req/s" "p50" "p99"
for t in "${TARGETS[@]}"; do
  name=${t%%$'\t'*}; path=${t#*$'\t'}
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -H 'Accept: application/sparql-results+json' "http://127.0.0.1:$PORT$path")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  non2xx=$(awk '/Non-2xx/ {print $5}' <<<"$out")
  printf '%-34s %10s %10s %10s%s\n' "$name" "$rps" "$p50" "$p99" "${non2xx:+  (non-2xx: $non2xx)}"
done
