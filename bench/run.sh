#!/usr/bin/env bash
# alignkg benchmarks (issue 6), side by side with Apache Jena's own tools on the same files.
#
#   bench/run.sh           full:  load at 10^5, 10^6, 10^7 triples; queries at 10^5
#   bench/run.sh --quick   quick: load at 10^5 and 10^6; queries at 10^5, short runs (< 10 min)
#
# Load: a generated corpus (alignkg generate, seed 42, N-Quads), loaded into a fresh store by
# alignkg (bulk path, SHACL validation included, on top of the shipped data) and by
# tdb2.tdbloader --loader=parallel and --loader=phased (from the jena-fuseki-server 5.6.0 jar,
# into an empty store, no validation). Queries: Fuseki main 5.6.0, read-only, loopback, over a
# copy of the alignkg store, as shipped (5 MiB Jetty output buffer) and with a 32 KiB buffer,
# driven by wrk (2 threads, 16 connections, warm-up then a fixed duration), alternating per query.
# The alignkg server column is a hook (start_alignkg_server) until the server of issue 3 lands.
#
# Writes bench/results/<date>.md; the last line printed is "ratio-min=<x> ratio-median=<y>".
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BENCH=$ROOT/bench
WORK=$BENCH/.work
CACHE=$BENCH/.cache
mkdir -p "$WORK" "$CACHE" "$BENCH/results"

QUICK=0; QUERIES_ONLY=0
for a in "$@"; do
  case "$a" in
    --quick) QUICK=1 ;;
    --queries-only) QUERIES_ONLY=1 ;; # reuse bench/.work/query-base from an earlier run
    *) echo "usage: bench/run.sh [--quick] [--queries-only]" >&2; exit 2 ;;
  esac
done
SEED=42
if (( QUICK )); then
  LOAD_SIZES="100000 1000000"; QUERY_SIZE=100000; WARM=${WARM:-1}; DUR=${DUR:-2}
else
  LOAD_SIZES="100000 1000000 10000000"; QUERY_SIZE=100000; WARM=5; DUR=15
fi
# Same heap for every JVM that loads; 10^7 needs about 3 GB on the alignkg bulk path.
LOAD_HEAP=-Xmx6g
SERVER_HEAP=-Xmx2g
FUSEKI_VERSION=5.6.0
FUSEKI_JAR=$CACHE/jena-fuseki-server-$FUSEKI_VERSION.jar
ALIGNKG_JAR=$ROOT/target/alignkg.jar
DATE=$(date -u +%Y-%m-%d)
OUT=$BENCH/results/$DATE.md
PIDS=()

log() { echo "bench: $*" >&2; }
now_ms() { date +%s%3N; }
cleanup() { for p in "${PIDS[@]:-}"; do [[ -n "$p" ]] && kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

# ---------------------------------------------------------------- tools
ensure_tools() {
  command -v java >/dev/null || { echo "bench: java 17 is needed" >&2; exit 1; }
  command -v mvn >/dev/null || { echo "bench: maven is needed" >&2; exit 1; }
  command -v python3 >/dev/null || { echo "bench: python3 is needed" >&2; exit 1; }
  if ! command -v wrk >/dev/null; then
    log "installing wrk with apt"
    apt-get install -y wrk >/dev/null || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
  fi
  if [[ ! -f "$ALIGNKG_JAR" ]] || [[ -n "$(find src pom.xml ontology queries -newer "$ALIGNKG_JAR" -type f 2>/dev/null | head -1)" ]]; then
    log "building target/alignkg.jar"
    mvn -q -o package -DskipTests || mvn -q package -DskipTests
  fi
  if [[ ! -f "$FUSEKI_JAR" ]]; then
    log "fetching org.apache.jena:jena-fuseki-server:$FUSEKI_VERSION with Maven"
    mvn -q dependency:get -Dartifact=org.apache.jena:jena-fuseki-server:$FUSEKI_VERSION -Dtransitive=false
    cp "$HOME/.m2/repository/org/apache/jena/jena-fuseki-server/$FUSEKI_VERSION/jena-fuseki-server-$FUSEKI_VERSION.jar" "$FUSEKI_JAR"
  fi
}

# ---------------------------------------------------------------- load
corpus() { # size -> path of the generated file (made once, reused: generation is deterministic)
  local f=$WORK/synth-$1-s$SEED.nq
  if [[ ! -f "$f" ]]; then
    log "generating $1 triples"
    java $LOAD_HEAP -jar "$ALIGNKG_JAR" generate --triples "$1" --seed $SEED --output "$f.tmp.nq" >/dev/null
    mv "$f.tmp.nq" "$f"
  fi
  echo "$f"
}

shipped_store() { # the shipped data, loaded once; every alignkg load starts from a copy
  if [[ ! -d "$WORK/shipped" ]]; then
    java $LOAD_HEAP -jar "$ALIGNKG_JAR" sync --store "$WORK/shipped" >/dev/null
  fi
}

load_alignkg() { # file -> milliseconds; leaves the store in $WORK/st-alignkg
  rm -rf "$WORK/st-alignkg"; cp -r "$WORK/shipped" "$WORK/st-alignkg"
  local t0; t0=$(now_ms)
  /usr/bin/time -o "$WORK/cpu-alignkg" -f "%U %S" \
    java $LOAD_HEAP -jar "$ALIGNKG_JAR" load --bulk --store "$WORK/st-alignkg" "$1" >"$WORK/load-alignkg.log" 2>&1
  echo $(( $(now_ms) - t0 ))
}

load_tdbloader() { # mode file -> milliseconds
  rm -rf "$WORK/st-$1"
  local t0; t0=$(now_ms)
  /usr/bin/time -o "$WORK/cpu-$1" -f "%U %S" \
    java $LOAD_HEAP -cp "$FUSEKI_JAR" tdb2.tdbloader --loc "$WORK/st-$1" --loader="$1" "$2" >"$WORK/load-$1.log" 2>&1
  echo $(( $(now_ms) - t0 ))
}

cpu() { awk '{ printf "%.1f", $1 + $2 }' "$WORK/cpu-$1"; } # user + system seconds of the last run

rate() { python3 -c "import sys; print(f'{int(sys.argv[1]) * 1000 / int(sys.argv[2]):,.0f}')" "$1" "$2"; }

run_load() {
  LOAD_ROWS=""
  shipped_store
  for n in $LOAD_SIZES; do
    local f triples tp tph ta
    f=$(corpus "$n")
    triples=$(wc -l < "$f")
    cat "$f" > /dev/null # same warm page cache for every tool
    log "load $n: tdbloader parallel";  tp=$(load_tdbloader parallel "$f"); local cp_=$(cpu parallel)
    log "load $n: tdbloader phased";    tph=$(load_tdbloader phased "$f"); local cph=$(cpu phased)
    log "load $n: alignkg load --bulk"; ta=$(load_alignkg "$f"); local ca=$(cpu alignkg)
    if (( n == QUERY_SIZE )); then rm -rf "$WORK/query-base"; cp -r "$WORK/st-alignkg" "$WORK/query-base"; fi
    local best=$(( tp < tph ? tp : tph ))
    LOAD_ROWS+="| $(printf "%'d" "$triples") | $(rate "$triples" "$ta") | $(rate "$triples" "$tp") | $(rate "$triples" "$tph") | $(python3 -c "print(f'{$best/$ta:.2f}')") | $(python3 -c "print(f'{$ta/1000:.1f} / {$tp/1000:.1f} / {$tph/1000:.1f}')") | $ca / $cp_ / $cph | $(cut -d' ' -f1 /proc/loadavg) |"$'\n'
    log "load $n: alignkg ${ta} ms, parallel ${tp} ms, phased ${tph} ms"
    rm -rf "$WORK/st-parallel" "$WORK/st-phased"
  done
}

# ---------------------------------------------------------------- query servers
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

wait_http() { # url: wait up to 60 s for the server to answer a query
  for _ in $(seq 1 600); do
    if curl -sf -o /dev/null --data-urlencode 'query=ASK {}' "$1"; then return 0; fi
    sleep 0.1
  done
  echo "bench: no answer from $1" >&2; return 1
}

# start_fuseki name buffer-bytes|shipped -> sets FUSEKI_URL; over its own copy of the query store.
start_fuseki() {
  local name=$1 buffer=$2 port dir cfg
  port=$(free_port); dir=$WORK/fuseki-$name
  rm -rf "$dir"; mkdir -p "$dir"; cp -r "$WORK/query-base" "$dir/tdb"
  cfg=$dir/config.ttl
  # Read-only: the service offers the query operation only. Union default graph as in alignkg.
  cat > "$cfg" <<TTL
@prefix fuseki: <http://jena.apache.org/fuseki#> .
@prefix tdb2:   <http://jena.apache.org/2016/tdb#> .
<#service> a fuseki:Service ; fuseki:name "ds" ;
    fuseki:endpoint [ fuseki:operation fuseki:query ] ;
    fuseki:dataset <#dataset> .
<#dataset> a tdb2:DatasetTDB2 ; tdb2:location "$dir/tdb" ; tdb2:unionDefaultGraph true .
TTL
  local args=(--config="$cfg")
  if [[ "$buffer" != shipped ]]; then
    # Fuseki 5.6.0 hard-codes HttpConfiguration.outputBufferSize = 5 MiB
    # (FusekiSystemConstants.jettyOutputBufferSize, applied in JettyLib.httpConfiguration); the
    # only way to change it is a Jetty XML server configuration (--jetty), which then also
    # defines the connector: loopback, same port, Fuseki's own header sizes.
    cat > "$dir/jetty.xml" <<XML
<?xml version="1.0"?>
<!DOCTYPE Configure PUBLIC "-//Jetty//Configure//EN" "https://www.eclipse.org/jetty/configure_10_0.dtd">
<Configure id="Server" class="org.eclipse.jetty.server.Server">
  <New id="httpConfig" class="org.eclipse.jetty.server.HttpConfiguration">
    <Set name="outputBufferSize">$buffer</Set>
    <Set name="requestHeaderSize">524288</Set>
    <Set name="responseHeaderSize">524288</Set>
    <Set name="sendServerVersion">false</Set>
  </New>
  <Call name="addConnector"><Arg>
    <New class="org.eclipse.jetty.server.ServerConnector">
      <Arg name="server"><Ref refid="Server"/></Arg>
      <Arg name="factories"><Array type="org.eclipse.jetty.server.ConnectionFactory">
        <Item><New class="org.eclipse.jetty.server.HttpConnectionFactory"><Arg name="config"><Ref refid="httpConfig"/></Arg></New></Item>
      </Array></Arg>
      <Set name="host">127.0.0.1</Set>
      <Set name="port">$port</Set>
    </New>
  </Arg></Call>
</Configure>
XML
    args+=(--jetty="$dir/jetty.xml")
  else
    args+=(--localhost --port="$port")
  fi
  java $SERVER_HEAP -cp "$FUSEKI_JAR" org.apache.jena.fuseki.main.cmds.FusekiMainCmd "${args[@]}" >"$dir/server.log" 2>&1 &
  PIDS+=($!)
  FUSEKI_URL=http://127.0.0.1:$port/ds
  wait_http "$FUSEKI_URL"
}

# HOOK(issue 3): start the alignkg server over its own copy of $WORK/query-base and set
# ALIGNKG_URL to its SPARQL endpoint (e.g. http://127.0.0.1:$port/sparql), then return 0.
# Until the server lands it returns 1 and the alignkg column shows n/a.
start_alignkg_server() {
  if java -jar "$ALIGNKG_JAR" help serve >/dev/null 2>&1; then
    local port dir; port=$(free_port); dir=$WORK/alignkg-server
    rm -rf "$dir"; mkdir -p "$dir"; cp -r "$WORK/query-base" "$dir/tdb"
    java $SERVER_HEAP -jar "$ALIGNKG_JAR" serve --store "$dir/tdb" --port "$port" >"$dir/server.log" 2>&1 &
    PIDS+=($!)
    ALIGNKG_URL=http://127.0.0.1:$port/sparql
    wait_http "$ALIGNKG_URL"
    return 0
  fi
  return 1
}

bench_query() { # url query-file -> "rps p50 p99 non2xx errors"
  QUERY_FILE=$2 wrk -t2 -c16 -d"${WARM}s" -s "$BENCH/sparql.lua" "$1" >/dev/null 2>&1 || true
  QUERY_FILE=$2 wrk -t2 -c16 -d"${DUR}s" --timeout 10s -s "$BENCH/sparql.lua" "$1" 2>/dev/null | awk '/^RESULT/ { print $2, $3, $4, $5, $6 }'
}

run_queries() {
  python3 "$BENCH/queries.py" "$ROOT" "$WORK/queries"
  start_fuseki shipped shipped;  local F1=$FUSEKI_URL
  start_fuseki buf32k 32768;     local F2=$FUSEKI_URL
  local A=""
  if start_alignkg_server; then A=$ALIGNKG_URL; else log "alignkg server not available yet: column n/a"; fi
  QUERY_ROWS=""; RATIOS=()
  for q in "$WORK"/queries/*.rq; do
    local id; id=$(basename "$q" .rq)
    log "query $id"
    local r1 r2 ra="n/a n/a n/a 0 0"
    # Alternate the servers per query so a noisy neighbour hits all of them alike.
    r1=$(bench_query "$F1" "$q"); r2=$(bench_query "$F2" "$q")
    [[ -n "$A" ]] && ra=$(bench_query "$A" "$q")
    read -r rps1 p501 p991 bad1 err1 <<<"$r1"
    read -r rps2 p502 p992 bad2 err2 <<<"$r2"
    read -r rpsa p50a p99a bada erra <<<"$ra"
    local best ratio="n/a"
    best=$(python3 -c "print(max($rps1, $rps2))")
    if [[ "$rpsa" != n/a ]]; then
      ratio=$(python3 -c "print(f'{$rpsa / $best:.2f}')")
      [[ "$id" == named-* ]] && RATIOS+=("$ratio")
    fi
    QUERY_ROWS+="| $id | $rps1 | $p501 | $p991 | $rps2 | $p502 | $p992 | $rpsa | $p50a | $p99a | $ratio | $((bad1 + bad2)) |"$'\n'
  done
  cleanup; PIDS=()
}

# ---------------------------------------------------------------- report
main() {
  ensure_tools
  local started; started=$(date -u +%Y-%m-%dT%H:%M:%SZ)
  LOAD_ROWS=""
  if (( QUERIES_ONLY )) && [[ -d "$WORK/query-base" ]]; then log "skipping load (--queries-only)"; else run_load; fi
  run_queries
  local rmin="n/a" rmed="n/a"
  if (( ${#RATIOS[@]} > 0 )); then
    read -r rmin rmed < <(python3 -c "import statistics,sys; r=[float(x) for x in sys.argv[1:]]; print(f'{min(r):.2f} {statistics.median(r):.2f}')" "${RATIOS[@]}")
  fi
  {
    echo "# alignkg benchmark, $started"
    echo
    echo "Command: \`bench/run.sh$( (( QUICK )) && echo ' --quick')\` (commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'))."
    echo "Machine: $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB RAM, $(java -version 2>&1 | head -1)."
    echo
    echo '```'
    lscpu | head -20
    echo '```'
    echo
    echo "## Load"
    echo
    echo "Same N-Quads file (alignkg generate --seed $SEED), fresh store each; heap $LOAD_HEAP for every tool."
    echo "alignkg: \`load --bulk\` on top of the shipped data, SHACL validation included. tdbloader: empty store, no validation."
    echo
    echo "| triples | alignkg t/s | tdbloader parallel t/s | tdbloader phased t/s | alignkg / best tdbloader | wall s (alignkg / parallel / phased) | CPU s (user+sys) | load avg |"
    echo "|---:|---:|---:|---:|---:|---:|---:|---:|"
    printf "%s" "$LOAD_ROWS"
    echo
    echo "## Queries at $(printf "%'d" "$QUERY_SIZE") generated triples"
    echo
    echo "wrk -t2 -c16, ${WARM} s warm-up, ${DUR} s measured, POST form, JSON results (CONSTRUCT: Turtle). Latency in ms."
    echo "Fuseki main $FUSEKI_VERSION read-only on loopback over a copy of the alignkg store (union default graph)."
    echo
    echo "| query | Fuseki req/s | p50 | p99 | Fuseki 32 KiB req/s | p50 | p99 | alignkg req/s | p50 | p99 | alignkg / best Fuseki | non-2xx |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    printf "%s" "$QUERY_ROWS"
    echo
    echo "ratio-min=$rmin ratio-median=$rmed"
  } > "$OUT"
  log "wrote $OUT"
  cat "$OUT" >&2
  echo "ratio-min=$rmin ratio-median=$rmed"
}

main
