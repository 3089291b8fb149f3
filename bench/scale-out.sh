#!/usr/bin/env bash
# Scale-out (issue 15, part 5): one and two `alignkg serve` front ends over one SPARQL engine,
# read throughput side by side with wrk, on loopback.
#
#   bench/scale-out.sh [fuseki] [virtuoso]     (default: both)   env: WARM, DUR (s, default 3 and 10)
#
# Data: the shipped data with the corpus (sync into an embedded store once, ~233,000 triples).
# Engines, set up as the README's "Running over another SPARQL server" says:
#   - Fuseki main 5.6.0 (the jena-fuseki-server jar, -Xmx2g) on docs/fuseki/alignkg.ttl (TDB2, union
#     default graph, jena-text), filled by `alignkg sync --store sparql:URL`;
#   - Virtuoso open source 7 (Debian's virtuoso-t, a generated virtuoso.ini on free ports), filled by
#     its bulk loader (ld_dir + rdf_loader_run) from `alignkg export` of the same store (the README's
#     advice for a big first fill: alignkg's 1,000-quad update requests take minutes there).
# Front ends: `alignkg serve --store sparql:URL --result-cache 0` with the flags of $ALIGNKG_JVM, each
# with its own --cache folder (a copy of the embedded store's vector index, so none re-embeds).
# The result cache is off because several front ends over one engine must not serve stale answers
# (README); with it on, the front ends would answer from memory and never ask the engine.
# Workloads (every request another document of the 1,494 imported papers, so nothing repeats
# within a run; thread t of T takes documents t, t+T, ...):
#   page      GET /id/document/<slug> as Turtle (the resource description: the engine is read
#             subject by subject through the SPARQL view of the dataset)
#   query     GET /api/queries/document-concepts?document=<iri> (one SPARQL query on the engine)
#   engine    the same query straight to the engine's endpoint (sparql-vary.lua): the ceiling
# One front end: wrk -t2 -c16. Two front ends: two wrk processes at once, -t1 -c8 each, one per
# front end; the sum is reported. CPU seconds of every process during each run come from /proc.
# Writes bench/results/<date>-scale-out.md; every process started is stopped by its pid at exit.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BENCH=$ROOT/bench
WORK=$BENCH/.work/scale-out
CACHE=$BENCH/.cache
mkdir -p "$WORK" "$CACHE" "$BENCH/results"
ENGINES=("$@"); (( ${#ENGINES[@]} )) || ENGINES=(fuseki virtuoso)
for e in "${ENGINES[@]}"; do
  [[ $e == fuseki || $e == virtuoso ]] || { echo "usage: bench/scale-out.sh [fuseki] [virtuoso]" >&2; exit 2; }
done
WARM=${WARM:-3}; DUR=${DUR:-10}
ALIGNKG_JVM=${ALIGNKG_JVM:--Xms32m -Xmx1g -XX:+UseSerialGC -Xss512k -XX:ReservedCodeCacheSize=64m -XX:MaxMetaspaceSize=160m}
FUSEKI_VERSION=5.6.0
FUSEKI_JAR=$CACHE/jena-fuseki-server-$FUSEKI_VERSION.jar
JAR=$ROOT/target/alignkg.jar
OUT=$BENCH/results/$(date -u +%Y-%m-%d)-scale-out.md
[[ -e $OUT ]] && OUT=$BENCH/results/$(date -u +%Y-%m-%d-%H%M)-scale-out.md
T0=$(date +%s)
PIDS=()
log() { echo "scale-out [$(( $(date +%s) - T0 )) s]: $*" >&2; }
cleanup() { for p in "${PIDS[@]:-}"; do [[ -n $p ]] && { kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; } || true; done; }
trap cleanup EXIT
stop_pid() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_url() { # url [seconds]: until it answers 2xx
  for _ in $(seq 1 $(( ${2:-180} * 10 ))); do curl -sf -o /dev/null "$1" && return 0; sleep 0.1; done
  echo "scale-out: no answer from $1" >&2; return 1
}
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
TICK=$(getconf CLK_TCK)

command -v wrk >/dev/null || { echo "scale-out: wrk is needed (apt-get install wrk)" >&2; exit 1; }
[[ -f $JAR ]] || { log "building target/alignkg.jar"; mvn -q package -DskipTests; }
if [[ " ${ENGINES[*]} " == *" fuseki "* && ! -f $FUSEKI_JAR ]]; then
  log "fetching org.apache.jena:jena-fuseki-server:$FUSEKI_VERSION with Maven"
  mvn -q dependency:get -Dartifact=org.apache.jena:jena-fuseki-server:$FUSEKI_VERSION -Dtransitive=false
  cp "$HOME/.m2/repository/org/apache/jena/jena-fuseki-server/$FUSEKI_VERSION/jena-fuseki-server-$FUSEKI_VERSION.jar" "$FUSEKI_JAR"
fi
if [[ " ${ENGINES[*]} " == *" virtuoso "* ]] && ! command -v virtuoso-t >/dev/null; then
  echo "scale-out: Virtuoso is needed (apt-get install virtuoso-opensource; .ci/run installs it)" >&2; exit 1
fi

# ---------------------------------------------------------------- data
EMB=$WORK/embedded
if [[ ! -d $EMB/Data-0001 ]]; then
  log "syncing the shipped data (with the corpus) into $EMB"
  java -jar "$JAR" sync --store "$EMB" >/dev/null
fi
SYSTEM=https://w3id.org/alignkg/graph/system
if [[ ! -f $WORK/all.nq ]]; then
  java -jar "$JAR" export --store "$EMB" --format nquads -o "$WORK/all.nq.tmp"
  java -jar "$JAR" export --store "$EMB" --format nquads --graph "$SYSTEM" -o "$WORK/system.nq"
  cat "$WORK/system.nq" >> "$WORK/all.nq.tmp" && mv "$WORK/all.nq.tmp" "$WORK/all.nq"
fi
# The documents of the corpus graph, in a fixed shuffled order; paths for both workloads.
java -jar "$JAR" query --store "$EMB" --format csv 'PREFIX dcterms: <http://purl.org/dc/terms/>
  SELECT ?d { GRAPH <https://w3id.org/alignkg/graph/data/corpus/ai-alignment-papers.csv> { ?d a ?t ; dcterms:title ?x } }
  GROUP BY ?d ORDER BY ?d' | tail -n +2 | tr -d '\r' | python3 -c '
import random, sys, urllib.parse
docs = [l.strip() for l in sys.stdin if l.strip()]
random.Random(15).shuffle(docs)
base = "https://w3id.org/alignkg/"
with open(sys.argv[1], "w") as pages, open(sys.argv[2], "w") as queries, open(sys.argv[3], "w") as terms:
    for d in docs:
        pages.write("/id/" + d[len(base):] + "\n")
        queries.write("/api/queries/document-concepts?" + urllib.parse.urlencode({"document": d}) + "\n")
        terms.write("<" + d + ">\n")
print(len(docs), file=sys.stderr)' "$WORK/pages.txt" "$WORK/queries.txt" "$WORK/terms.txt" 2>"$WORK/ndocs"
NDOCS=$(cat "$WORK/ndocs")
# document-concepts with its parameter as the placeholder of sparql-vary.lua
python3 - "$ROOT/queries/document-concepts.rq" "$WORK/engine-query.rq" <<'PY'
import re, sys
q = open(sys.argv[1]).read()
q = "\n".join(l for l in q.splitlines() if not l.startswith("# "))
open(sys.argv[2], "w").write(re.sub(r"\?document\b", "%%VALUE%%", q))
PY

# ---------------------------------------------------------------- engines
start_fuseki() { # -> ENGINE_QUERY, ENGINE_PID, SERVE_ARGS
  local dir=$WORK/fuseki port; rm -rf "$dir"; mkdir -p "$dir"; port=$(free_port)
  cp "$ROOT/docs/fuseki/alignkg.ttl" "$dir/"
  (cd "$dir" && exec java -Xmx2g -cp "$FUSEKI_JAR" org.apache.jena.fuseki.main.cmds.FusekiMainCmd \
     --localhost --port="$port" --config=alignkg.ttl >"$dir/server.log" 2>&1) &
  ENGINE_PID=$!; PIDS+=("$ENGINE_PID")
  ENGINE_QUERY=http://127.0.0.1:$port/alignkg
  wait_url "$ENGINE_QUERY?query=ASK%7B%7D"
  log "Fuseki up (pid $ENGINE_PID); alignkg sync into it"
  java -jar "$JAR" sync --store "sparql:$ENGINE_QUERY" --cache "$dir/sync-cache" >"$dir/sync.log" 2>&1
  SERVE_ARGS=(--store "sparql:$ENGINE_QUERY" --text-search jena-text)
}

start_virtuoso() { # -> ENGINE_QUERY, ENGINE_PID, SERVE_ARGS; credentials exported for the front ends
  local dir=$WORK/virtuoso http sql pw; rm -rf "$dir"; mkdir -p "$dir/vsp"
  http=$(free_port); sql=$(free_port)
  cat >"$dir/virtuoso.ini" <<INI
[Database]
DatabaseFile = $dir/virtuoso.db
ErrorLogFile = $dir/virtuoso.log
LockFile = $dir/virtuoso.lck
TransactionFile = $dir/virtuoso.trx
xa_persistent_file = $dir/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
Striping = 0
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = $dir/virtuoso-temp.db
TransactionFile = $dir/virtuoso-temp.trx
Striping = 0
[Parameters]
ServerPort = 127.0.0.1:$sql
DisableUnixSocket = 1
DisableTcpSocket = 0
MaxClientConnections = 40
CheckpointInterval = 60
CaseMode = 2
DirsAllowed = ., $dir, $WORK
NumberOfBuffers = 170000
MaxDirtyBuffers = 130000
ThreadsPerQuery = 2
[HTTPServer]
ServerPort = 127.0.0.1:$http
ServerRoot = $dir/vsp
MaxClientConnections = 40
ServerThreads = 40
EnabledDavVSP = 0
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 60
MaxQueryCostEstimationTime = 400
INI
  (cd "$dir" && exec virtuoso-t -f -c "$dir/virtuoso.ini" >"$dir/virtuoso.out" 2>&1) &
  ENGINE_PID=$!; PIDS+=("$ENGINE_PID")
  ENGINE_QUERY=http://127.0.0.1:$http/sparql
  wait_url "$ENGINE_QUERY?query=ASK%7B%7D"
  pw=$(python3 -c 'import secrets; print(secrets.token_hex(12))')
  isql-vt "127.0.0.1:$sql" dba dba VERBOSE=OFF "exec=USER_SET_PASSWORD('dba', '$pw');" >/dev/null
  log "Virtuoso up (pid $ENGINE_PID); bulk load of $WORK/all.nq"
  local out; out=$(isql-vt "127.0.0.1:$sql" dba "$pw" VERBOSE=OFF \
    "exec=ld_dir('$WORK', 'all.nq', 'urn:alignkg:unused'); rdf_loader_run(); checkpoint; DB.DBA.RDF_OBJ_FT_RULE_ADD(null, null, 'alignkg'); DB.DBA.VT_INC_INDEX_DB_DBA_RDF_OBJ(); SELECT ll_state, ll_error FROM DB.DBA.load_list;")
  grep -q "\*\*\* Error" <<<"$out" && { echo "scale-out: Virtuoso bulk load failed: $out" >&2; exit 1; }
  export ALIGNKG_SPARQL_USER=dba ALIGNKG_SPARQL_PASSWORD=$pw
  SERVE_ARGS=(--store "sparql:$ENGINE_QUERY" --update-endpoint "http://127.0.0.1:$http/sparql-auth"
              --graph-store-endpoint "http://127.0.0.1:$http/sparql-graph-crud-auth" --text-search virtuoso --update-batch 1000)
}

FE_URL=(); FE_PID=()
start_front_end() { # n
  local dir=$WORK/front-$1 port; rm -rf "$dir"; mkdir -p "$dir/cache"; port=$(free_port)
  cp -r "$EMB/vector-index" "$dir/cache/"
  java $ALIGNKG_JVM -jar "$JAR" serve "${SERVE_ARGS[@]}" --cache "$dir/cache" --result-cache 0 --port "$port" >"$dir/server.log" 2>&1 &
  FE_PID[$1]=$!; PIDS+=("${FE_PID[$1]}")
  FE_URL[$1]=http://127.0.0.1:$port
  wait_url "${FE_URL[$1]}/health" 600
  grep -h "vector index:\|loaded" "$dir/server.log" >&2 || true
}

# run_wrk url script threads conns env... -> RESULT fields
run_wrk() {
  local url=$1 script=$2 t=$3 c=$4; shift 4
  env "$@" WRK_THREADS="$t" wrk -t"$t" -c"$c" -d"${DUR}s" --timeout 10s -s "$BENCH/$script" "$url" 2>/dev/null \
    | awk '/^RESULT/ { print $2, $3, $4, $5, $6 }'
}
warm() { local url=$1 script=$2; shift 2
  env "$@" WRK_THREADS=2 wrk -t2 -c16 -d"${WARM}s" -s "$BENCH/$script" "$url" >/dev/null 2>&1 || true; }

ROWS=()
measure() { # engine workload fronts(0|1|2)
  local engine=$1 work=$2 n=$3 script envs=() pids=("$ENGINE_PID") before=() after=() r i
  case $work in
    page)   script=paths.lua;      envs=(PATHS_FILE="$WORK/pages.txt" ACCEPT=text/turtle) ;;
    query)  script=paths.lua;      envs=(PATHS_FILE="$WORK/queries.txt" ACCEPT=application/sparql-results+json) ;;
    engine) script=sparql-vary.lua; envs=(QUERY_FILE="$WORK/engine-query.rq" VALUES_FILE="$WORK/terms.txt") ;;
  esac
  for ((i = 1; i <= n; i++)); do pids+=("${FE_PID[$i]}"); done
  if (( n == 0 )); then warm "$ENGINE_QUERY" "$script" "${envs[@]}"; else warm "${FE_URL[1]}" "$script" "${envs[@]}"; fi
  for p in "${pids[@]}"; do before+=("$(cpu_ticks "$p")"); done
  local load0; load0=$(cut -d' ' -f1 /proc/loadavg)
  if (( n == 0 )); then
    r=$(run_wrk "$ENGINE_QUERY" "$script" 2 16 "${envs[@]}")
  elif (( n == 1 )); then
    r=$(run_wrk "${FE_URL[1]}" "$script" 2 16 "${envs[@]}")
  else
    run_wrk "${FE_URL[1]}" "$script" 1 8 "${envs[@]}" >"$WORK/wrk-1.out" &
    local w1=$!
    run_wrk "${FE_URL[2]}" "$script" 1 8 "${envs[@]}" >"$WORK/wrk-2.out"
    wait "$w1"
    r=$(python3 - "$WORK/wrk-1.out" "$WORK/wrk-2.out" <<'PY'
import sys
a, b = ([float(x) for x in open(f).read().split() or [0] * 5] for f in sys.argv[1:3])
# requests/s and errors add up; for the latencies the worse of the two halves is shown
print(f"{a[0] + b[0]:.1f} {max(a[1], b[1]):.3f} {max(a[2], b[2]):.3f} {int(a[3] + b[3])} {int(a[4] + b[4])}")
PY
)
  fi
  for p in "${pids[@]}"; do after+=("$(cpu_ticks "$p")"); done
  local cpu="" k
  for ((k = 0; k < ${#pids[@]}; k++)); do
    local name=engine; (( k > 0 )) && name=front-$k
    cpu+="$name $(python3 -c "print(f'{(${after[$k]} - ${before[$k]}) / $TICK:.1f}')") s, "
  done
  read -r rps p50 p99 non2xx errs <<<"${r:-0 0 0 0 0}"
  local label; label=$([[ $n == 0 ]] && echo "engine direct" || echo "$n front end$([[ $n == 2 ]] && echo s)")
  ROWS+=("| $engine | $work | $label | $rps | $p50 | $p99 | $non2xx | $errs | ${cpu%, } | $load0 |")
  log "$engine $work $label: $rps req/s, p50 $p50 ms, p99 $p99 ms, non-2xx $non2xx, errors $errs; CPU ${cpu%, }"
}

for engine in "${ENGINES[@]}"; do
  "start_$engine"
  start_front_end 1
  start_front_end 2
  log "$engine: front ends at ${FE_URL[1]} and ${FE_URL[2]}"
  # a sanity check: both front ends give the same answer as each other for one document
  a=$(curl -sf -H 'Accept: text/turtle' "${FE_URL[1]}$(head -1 "$WORK/pages.txt")" | sort | md5sum)
  b=$(curl -sf -H 'Accept: text/turtle' "${FE_URL[2]}$(head -1 "$WORK/pages.txt")" | sort | md5sum)
  [[ $a == "$b" ]] || { echo "scale-out: the two front ends answer differently" >&2; exit 1; }
  measure "$engine" engine 0
  for work in page query; do
    measure "$engine" "$work" 1
    measure "$engine" "$work" 2
  done
  stop_pid "${FE_PID[1]}"; stop_pid "${FE_PID[2]}"; stop_pid "$ENGINE_PID"
done

{
  echo "# Scale-out: alignkg front ends over one SPARQL engine ($(date -u '+%Y-%m-%d %H:%M UTC'))"
  echo
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(java -version 2>&1 | head -1)."
  echo "Command: \`WARM=$WARM DUR=$DUR bench/scale-out.sh ${ENGINES[*]}\`, commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')."
  echo "Data: the shipped data with the corpus; $NDOCS documents of the corpus, every request another one."
  echo "Front ends: \`alignkg serve --store sparql:URL --result-cache 0\` ($ALIGNKG_JVM). wrk: one front end"
  echo "-t2 -c16; two front ends: two wrk at once, -t1 -c8 each (req/s summed, the worse p50/p99 shown)."
  echo "CPU: seconds of CPU each process used during the ${DUR}-s run (the machine has $(nproc) cores, so $(( $(nproc) * DUR )) s in all)."
  echo
  echo "| engine | workload | served by | req/s | p50 ms | p99 ms | non-2xx | socket errors | CPU during the run | load before |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${ROWS[@]}"
} >"$OUT"
log "wrote $OUT"
cat "$OUT"
