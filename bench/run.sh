#!/usr/bin/env bash
# alignkg benchmarks (issue 6), side by side with Apache Jena's own tools on the same files.
#
#   bench/run.sh           full:  load at 10^5, 10^6, 10^7; query mix at 10^5; scale curve 10^4..10^7
#   bench/run.sh --quick   quick: load at 10^5; query mix at 10^5; scale curve 10^4..10^5; short runs (< 10 min)
#   bench/run.sh --load-only [--quick]   the load benchmark only; LOAD_SIZES="1000000" picks the sizes,
#                          LOAD_REPEAT=n runs each size n times with the tools' order rotated per round
#   bench/run.sh --vary    the uncached mix only (issue 14 part 7): every request carries another
#                          document, person, concept, ... IRI (or search word) drawn from thousands
#                          of the 10^5 store's; alignkg with and without its result cache against
#                          both Fuseki configurations. Env: WARM, DUR (default 2 and 6 s),
#                          VARY_QUERIES (ids to run, space-separated; default all). See bench/README.md.
#
# Load: a generated corpus (alignkg generate, seed 42, N-Quads), loaded into a fresh store by
# alignkg (bulk path, SHACL validation included, on top of the shipped data) and by
# tdb2.tdbloader --loader=parallel and --loader=phased (from the jena-fuseki-server 5.6.0 jar,
# into an empty store, no validation). Queries: Fuseki main 5.6.0, read-only, loopback, over a
# copy of the alignkg store, as shipped (5 MiB Jetty output buffer) and with a 32 KiB buffer,
# driven by wrk (2 threads, 16 connections, warm-up then a fixed duration), alternating per query.
# alignkg serve runs over its own copy of the same store with the JVM flags of $ALIGNKG_JVM.
# Fuseki opens the same jena-text (Lucene) index through the text assembler, so text:query runs on both.
# Also: a scale curve (a subset of the mix at each size: Fuseki 32 KiB, alignkg, alignkg without
# its result cache) with a gnuplot PNG, serve start-up time, resident memory, the tagger's MiB/s.
#
# Writes bench/results/<date>.md and <date>-latency.png (<date>-<HHMM> for a later run that day); the last line printed is
# "ratio-min=<x> ratio-median=<y>" (alignkg / best Fuseki req/s over the named queries).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BENCH=$ROOT/bench
WORK=$BENCH/.work
CACHE=$BENCH/.cache
mkdir -p "$WORK" "$CACHE" "$BENCH/results"

QUICK=0; QUERIES_ONLY=0; LOAD_ONLY=0; TAGGER=-1; VARY=0
for a in "$@"; do
  case "$a" in
    --quick) QUICK=1 ;;
    --queries-only) QUERIES_ONLY=1 ;; # skip the load benchmark; stores of earlier runs are reused
    --load-only) LOAD_ONLY=1 ;;       # the load benchmark alone (no queries, scale curve, start-up, tagger)
    --tagger) TAGGER=1 ;;             # re-run the tagger's JMH benchmark (default: full mode only)
    --no-tagger) TAGGER=0 ;;
    --vary|--uncached) VARY=1 ;;
    *) echo "usage: bench/run.sh [--quick] [--queries-only|--load-only] [--tagger|--no-tagger] | --vary" >&2; exit 2 ;;
  esac
done
SEED=42
LOAD_SIZES_OVERRIDE=${LOAD_SIZES:-}
if (( VARY )); then
  QUERY_SIZE=100000; WARM=${WARM:-2}; DUR=${DUR:-6}; SCALE_SIZES=100000
elif (( QUICK )); then
  LOAD_SIZES="100000"; QUERY_SIZE=100000; WARM=${WARM:-1}; DUR=${DUR:-2}
  # 10^4 and 10^5 only: building the 10^6 store first (generate, bulk load, copies for both servers)
  # pushed a quick run past its 10-minute budget on a busy machine; the full run covers 10^6 and 10^7.
  SCALE_SIZES="10000 100000"; SWARM=1; SDUR=2; NOCACHE_IN_MIX=0; STARTUP_RUNS=2
  SCALE_QUERIES="free-lookup-iri free-count named-limitations-by-concept"
  (( TAGGER < 0 )) && TAGGER=0
else
  LOAD_SIZES="100000 1000000 10000000"; QUERY_SIZE=100000; WARM=${WARM:-5}; DUR=${DUR:-15}
  SCALE_SIZES="10000 100000 1000000 10000000"; SWARM=3; SDUR=8; NOCACHE_IN_MIX=1; STARTUP_RUNS=3
  # The subset of the mix measured at every size (scale curve).
  SCALE_QUERIES="free-lookup-iri free-two-hop-join free-count named-concepts-of-limitation named-limitations-by-concept"
  (( TAGGER < 0 )) && TAGGER=1
fi
LOAD_SIZES=${LOAD_SIZES_OVERRIDE:-${LOAD_SIZES:-}}
LOAD_REPEAT=${LOAD_REPEAT:-1}
# Same heap for every JVM that loads; 10^7 needs about 3 GB on the alignkg bulk path.
LOAD_HEAP=-Xmx6g
SERVER_HEAP=-Xmx2g # Fuseki
# alignkg serve: the flags docs/perf.md recommends (small serial-GC heap, small thread stacks).
ALIGNKG_JVM=${ALIGNKG_JVM:--Xms32m -Xmx1g -XX:+UseSerialGC -Xss512k -XX:ReservedCodeCacheSize=64m -XX:MaxMetaspaceSize=160m}
FUSEKI_VERSION=5.6.0
FUSEKI_JAR=$CACHE/jena-fuseki-server-$FUSEKI_VERSION.jar
ALIGNKG_JAR=$ROOT/target/alignkg.jar
DATE=$(date -u +%Y-%m-%d)
RUN_NAME=$DATE
(( VARY )) && RUN_NAME=$DATE-vary
# A second run on the same day gets its own files instead of overwriting the first run's.
[[ -e "$BENCH/results/$RUN_NAME.md" ]] && RUN_NAME=$DATE-$(date -u +%H%M)
OUT=$BENCH/results/$RUN_NAME.md
PNG=$BENCH/results/$RUN_NAME-latency.png
LOADAVGS=()
T_START=$(date +%s)
PIDS=()

log() { echo "bench [$(( $(date +%s) - T_START )) s]: $*" >&2; }
now_ms() { date +%s%3N; }
cleanup() { for p in "${PIDS[@]:-}"; do [[ -n "$p" ]] && { kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; } || true; done; }
sample_load() { LOADAVGS+=("$(cut -d' ' -f1 /proc/loadavg)"); }
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
  if ! command -v gnuplot >/dev/null; then
    log "installing gnuplot-nox with apt"
    apt-get install -y gnuplot-nox >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y gnuplot-nox >/dev/null 2>&1; } || log "no gnuplot: no plot"
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
    local f triples tp tph ta round
    f=$(corpus "$n")
    triples=$(wc -l < "$f")
    cat "$f" > /dev/null # same warm page cache for every tool
    for (( round = 0; round < LOAD_REPEAT; round++ )); do
      # The tools take turns going first (the machine is shared: noise moves with the clock).
      local order=(parallel phased alignkg)
      order=("${order[@]:$(( round % 3 ))}" "${order[@]:0:$(( round % 3 ))}")
      local la_before; la_before=$(cut -d' ' -f1 /proc/loadavg)
      for tool in "${order[@]}"; do
        case $tool in
          parallel) log "load $n: tdbloader parallel"; tp=$(load_tdbloader parallel "$f"); local cp_=$(cpu parallel) ;;
          phased)   log "load $n: tdbloader phased";   tph=$(load_tdbloader phased "$f"); local cph=$(cpu phased) ;;
          alignkg)  log "load $n: alignkg load --bulk"; ta=$(load_alignkg "$f"); local ca=$(cpu alignkg)
                    grep -q "loaded" "$WORK/load-alignkg.log" || { log "alignkg load failed:"; cat "$WORK/load-alignkg.log" >&2; exit 1; } ;;
        esac
      done
      rm -rf "$WORK/base-$n"; mv "$WORK/st-alignkg" "$WORK/base-$n" # reused by the query benchmarks
      local best=$(( tp < tph ? tp : tph ))
      LOAD_ROWS+="| $(printf "%'d" "$triples") | $(rate "$triples" "$ta") | $(rate "$triples" "$tp") | $(rate "$triples" "$tph") | $(python3 -c "print(f'{$best/$ta:.2f}')") | $(python3 -c "print(f'{$ta/1000:.1f} / {$tp/1000:.1f} / {$tph/1000:.1f}')") | $ca / $cp_ / $cph | ${order[*]} | $la_before → $(cut -d' ' -f1 /proc/loadavg) |"$'\n'
      log "load $n (${order[*]}): alignkg ${ta} ms (${ca} CPU s), parallel ${tp} ms (${cp_}), phased ${tph} ms (${cph})"; sample_load
      rm -rf "$WORK/st-parallel" "$WORK/st-phased"
    done
  done
}

# ---------------------------------------------------------------- stores
base_store() { # size -> $WORK/base-<size>: shipped data + the generated corpus, bulk loaded once
  local n=$1 d=$WORK/base-$1
  if [[ ! -d "$d" ]]; then
    shipped_store
    local f; f=$(corpus "$n")
    log "building the $n-triple store (alignkg load --bulk)"
    rm -rf "$d.tmp"; cp -r "$WORK/shipped" "$d.tmp"
    java $LOAD_HEAP -jar "$ALIGNKG_JAR" load --bulk --store "$d.tmp" "$f" >"$WORK/load-base-$n.log" 2>&1
    mv "$d.tmp" "$d"
  fi
  echo "$d"
}

# ---------------------------------------------------------------- query servers
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

wait_http() { # url: wait up to 120 s for the server to answer a query
  for _ in $(seq 1 1200); do
    if curl -sf -o /dev/null --data-urlencode 'query=ASK {}' "$1"; then return 0; fi
    sleep 0.1
  done
  echo "bench: no answer from $1" >&2; return 1
}

rss_kb() { awk -v k="$2:" '$1 == k { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0; } # pid field -> kB

# start_fuseki name buffer-bytes|shipped store-dir -> FUSEKI_URL, FUSEKI_PID; over its own copy of the store.
start_fuseki() {
  local name=$1 buffer=$2 src=${3:-$WORK/base-$QUERY_SIZE} port dir cfg
  port=$(free_port); dir=$WORK/fuseki-$name
  rm -rf "$dir"; mkdir -p "$dir"; cp -r "$src" "$dir/tdb"
  cfg=$dir/config.ttl
  # Read-only: the service offers the query operation only. Union default graph as in alignkg, and
  # the same jena-text index (alignkg's Lucene folder, same entity map and English analyzer).
  cat > "$cfg" <<TTL
@prefix fuseki: <http://jena.apache.org/fuseki#> .
@prefix tdb2:   <http://jena.apache.org/2016/tdb#> .
@prefix text:   <http://jena.apache.org/text#> .
@prefix rdfs:   <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos:   <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix schema: <http://schema.org/> .
@prefix akg:    <https://w3id.org/alignkg/ontology#> .
<#service> a fuseki:Service ; fuseki:name "ds" ;
    fuseki:endpoint [ fuseki:operation fuseki:query ] ;
    fuseki:dataset <#dataset> .
<#dataset> a text:TextDataset ; text:dataset <#tdb> ; text:index <#index> .
<#tdb> a tdb2:DatasetTDB2 ; tdb2:location "$dir/tdb" ; tdb2:unionDefaultGraph true .
<#index> a text:TextIndexLucene ;
    text:directory <file:$dir/tdb/text-index> ;
    text:storeValues true ;
    text:analyzer [ a text:LocalizedAnalyzer ; text:language "en" ] ;
    text:queryAnalyzer [ a text:LocalizedAnalyzer ; text:language "en" ] ;
    text:entityMap <#entMap> .
<#entMap> a text:EntityMap ;
    text:entityField "uri" ; text:defaultField "label" ; text:uidField "uid" ; text:langField "lang" ;
    text:map (
      [ text:field "label" ; text:predicate rdfs:label ]
      [ text:field "prefLabel" ; text:predicate skos:prefLabel ]
      [ text:field "altLabel" ; text:predicate skos:altLabel ]
      [ text:field "title" ; text:predicate dcterms:title ]
      [ text:field "definition" ; text:predicate skos:definition ]
      [ text:field "text" ; text:predicate schema:text ]
      [ text:field "abstract" ; text:predicate dcterms:abstract ]
      [ text:field "rationale" ; text:predicate akg:rationale ]
    ) .
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
  FUSEKI_PID=$!; PIDS+=($FUSEKI_PID)
  FUSEKI_URL=http://127.0.0.1:$port/ds
  wait_http "$FUSEKI_URL"
}

# start_alignkg_server [name] [store-dir] [extra serve options...] -> ALIGNKG_URL, ALIGNKG_PID:
# alignkg serve over its own copy of the store, read-only, loopback, flags $ALIGNKG_JVM.
start_alignkg_server() {
  local name=${1:-alignkg} src=${2:-$WORK/base-$QUERY_SIZE}; shift 2 || shift $#
  local port dir; port=$(free_port); dir=$WORK/server-$name
  rm -rf "$dir"; mkdir -p "$dir"; cp -r "$src" "$dir/tdb"
  java $ALIGNKG_JVM -jar "$ALIGNKG_JAR" serve --store "$dir/tdb" --port "$port" "$@" >"$dir/server.log" 2>&1 &
  ALIGNKG_PID=$!; PIDS+=($ALIGNKG_PID)
  ALIGNKG_URL=http://127.0.0.1:$port/sparql
  wait_http "$ALIGNKG_URL"
}

stop_pid() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }

bench_query() { # url query-file [warm dur] -> "rps p50 p99 non2xx errors"
  local w=${3:-$WARM} d=${4:-$DUR}
  QUERY_FILE=$2 wrk -t2 -c16 -d"${w}s" -s "$BENCH/sparql.lua" "$1" >/dev/null 2>&1 || true
  local r; r=$(QUERY_FILE=$2 wrk -t2 -c16 -d"${d}s" --timeout 10s -s "$BENCH/sparql.lua" "$1" 2>/dev/null | awk '/^RESULT/ { print $2, $3, $4, $5, $6 }')
  echo "${r:-0 0 0 0 0}"
}

# ratio of req/s; when Fuseki completed nothing, a lower bound with one request in the window
ratio() { python3 -c "
a, f, d = float('$1'), float('$2'), float('$3')
print(f'{a / f:.2f}' if f > 0 else f'>{a * d:.0f}')"; }
ratio_value() { [[ "$1" == ">"* ]] && echo "${1#>}" || echo "$1"; }

check_answers() { # the same query gives the same answer on both servers (sanity of the comparison)
  python3 - "$@" <<'PY'
import json, sys, urllib.request, urllib.parse
qf, a, f = sys.argv[1:4]
q = open(qf).read()
graph = "CONSTRUCT" in q
acc = "application/n-triples" if graph else "application/sparql-results+json"
def ask(u):
    r = urllib.request.Request(u, data=urllib.parse.urlencode({"query": q}).encode(), headers={"Accept": acc})
    return urllib.request.urlopen(r, timeout=120).read()
x, y = ask(a), ask(f)
if graph:  # the same set of triples (these CONSTRUCTs have no blank nodes)
    tx = sorted(set(l.strip() for l in x.decode().splitlines() if l.strip()))
    ty = sorted(set(l.strip() for l in y.decode().splitlines() if l.strip()))
    print("same" if tx == ty else f"DIFFERENT ({len(tx)} vs {len(ty)} triples)")
else:      # the same rows (as a multiset; order only matters with ORDER BY, and both run the same plan)
    jx, jy = json.loads(x), json.loads(y)
    rx = sorted(json.dumps(b, sort_keys=True) for b in jx.get("results", {}).get("bindings", []))
    ry = sorted(json.dumps(b, sort_keys=True) for b in jy.get("results", {}).get("bindings", []))
    print("same" if rx == ry and jx.get("boolean") == jy.get("boolean") else f"DIFFERENT ({len(rx)} vs {len(ry)} rows)")
PY
}

run_queries() {
  python3 "$BENCH/queries.py" "$ROOT" "$WORK/queries"
  local base; base=$(base_store "$QUERY_SIZE")
  start_fuseki shipped shipped "$base"; local F1=$FUSEKI_URL F1P=$FUSEKI_PID
  start_fuseki buf32k 32768 "$base";    local F2=$FUSEKI_URL F2P=$FUSEKI_PID
  start_alignkg_server alignkg "$base"; local A=$ALIGNKG_URL AP=$ALIGNKG_PID
  local N=""
  if (( NOCACHE_IN_MIX )); then start_alignkg_server nocache "$base" --result-cache 0; N=$ALIGNKG_URL; fi
  sleep 1
  RSS_IDLE_A=$(rss_kb "$AP" VmRSS); RSS_IDLE_F=$(rss_kb "$F2P" VmRSS)
  QUERY_ROWS=""; RATIOS=(); FREE_RATIOS=(); P99_WORSE=(); DIFFS=()
  for q in "$WORK"/queries/*.rq; do
    local id; id=$(basename "$q" .rq)
    local same; same=$(check_answers "$q" "$A" "$F2" 2>/dev/null || echo "error")
    [[ "$same" == same* ]] || DIFFS+=("$id: $same")
    log "query $id ($same)"
    local r1 r2 ra rn="- - - 0 0"
    # Alternate the servers per query so a noisy neighbour hits all of them alike.
    r1=$(bench_query "$F1" "$q"); r2=$(bench_query "$F2" "$q"); ra=$(bench_query "$A" "$q")
    [[ -n "$N" ]] && rn=$(bench_query "$N" "$q")
    read -r rps1 p501 p991 bad1 err1 <<<"$r1"
    read -r rps2 p502 p992 bad2 err2 <<<"$r2"
    read -r rpsa p50a p99a bada erra <<<"$ra"
    read -r rpsn p50n p99n badn errn <<<"$rn"
    local best bestp99 rt
    best=$(python3 -c "print(max($rps1, $rps2))")
    bestp99=$(python3 -c "print($p991 if $rps1 >= $rps2 else $p992)")
    rt=$(ratio "$rpsa" "$best" "$DUR")
    if [[ "$id" == named-* ]]; then RATIOS+=("$(ratio_value "$rt")"); else FREE_RATIOS+=("$(ratio_value "$rt")"); fi
    python3 -c "import sys; sys.exit(0 if $best == 0 or $p99a <= $bestp99 else 1)" || P99_WORSE+=("$id")
    QUERY_ROWS+="| $id | $rps1 | $p501 | $p991 | $rps2 | $p502 | $p992 | **$rpsa** | $p50a | $p99a | **$rt** |"
    (( NOCACHE_IN_MIX )) && QUERY_ROWS+=" $rpsn | $p50n | $p99n | $(ratio "$rpsn" "$best" "$DUR") |"
    QUERY_ROWS+=" $((bad1 + bad2 + bada)) / $((err1 + err2 + erra)) |"$'\n'
    sample_load
  done
  RSS_LOAD_A=$(rss_kb "$AP" VmHWM); RSS_LOAD_F=$(rss_kb "$F2P" VmHWM)
  cleanup; PIDS=()
}

# ---------------------------------------------------------------- scale curve
run_scale() {
  SCALE_ROWS=""; MEM_ROWS=""
  : > "$WORK/scale.dat"
  for n in $SCALE_SIZES; do
    local base triples; base=$(base_store "$n")
    triples=$(python3 -c "print(sum(1 for _ in open('$(corpus "$n")')))")
    start_fuseki scale-f 32768 "$base";                 local F=$FUSEKI_URL FP=$FUSEKI_PID
    start_alignkg_server scale-a "$base";                local A=$ALIGNKG_URL AP=$ALIGNKG_PID
    start_alignkg_server scale-n "$base" --result-cache 0; local N=$ALIGNKG_URL NP=$ALIGNKG_PID
    # idle: started, one query answered (wait_http), then one second without requests
    sleep 1
    local ia if_ in_; ia=$(rss_kb "$AP" VmRSS); if_=$(rss_kb "$FP" VmRSS); in_=$(rss_kb "$NP" VmRSS)
    local line="$triples"
    for id in $SCALE_QUERIES; do
      local q=$WORK/queries/$id.rq rf ra rn
      log "scale $n: $id"
      rf=$(bench_query "$F" "$q" "$SWARM" "$SDUR"); ra=$(bench_query "$A" "$q" "$SWARM" "$SDUR"); rn=$(bench_query "$N" "$q" "$SWARM" "$SDUR")
      read -r rpsf p50f p99f _ _ <<<"$rf"; read -r rpsa p50a p99a _ _ <<<"$ra"; read -r rpsn p50n p99n _ _ <<<"$rn"
      SCALE_ROWS+="| $(printf "%'d" "$triples") | $id | $rpsf | $p50f | $p99f | $rpsa | $p50a | $p99a | $rpsn | $p50n | $p99n |"$'\n'
      # no request finished in the window: no point (gnuplot skips "?")
      line+=" $( [[ $rpsf == 0* ]] && echo '?' || echo "$p50f") $( [[ $rpsa == 0* ]] && echo '?' || echo "$p50a") $( [[ $rpsn == 0* ]] && echo '?' || echo "$p50n")"
    done
    echo "$line" >> "$WORK/scale.dat"
    MEM_ROWS+="| $(printf "%'d" "$triples") | $((ia / 1024)) | $(( $(rss_kb "$AP" VmHWM) / 1024 )) | $((in_ / 1024)) | $(( $(rss_kb "$NP" VmHWM) / 1024 )) | $((if_ / 1024)) | $(( $(rss_kb "$FP" VmHWM) / 1024 )) | $(cut -d' ' -f1 /proc/loadavg) |"$'\n'
    sample_load
    cleanup; PIDS=()
    rm -rf "$WORK/fuseki-scale-f" "$WORK/server-scale-a" "$WORK/server-scale-n"
  done
}

plot() {
  command -v gnuplot >/dev/null || { log "gnuplot missing: no plot"; return 0; }
  local cols="" i=0 c
  for id in $SCALE_QUERIES; do
    c=$((2 + 3 * i))
    cols+="'$WORK/scale.dat' using 1:$((c)) with linespoints dt 2 lc $((i + 1)) title '$id Fuseki', "
    cols+="'$WORK/scale.dat' using 1:$((c + 1)) with linespoints lw 2 lc $((i + 1)) title '$id alignkg', "
    cols+="'$WORK/scale.dat' using 1:$((c + 2)) with linespoints dt 3 lc $((i + 1)) title '$id alignkg (no result cache)', "
    i=$((i + 1))
  done
  gnuplot <<GP
set terminal pngcairo size 1100,700 noenhanced
set output '$PNG'
set title 'p50 latency against store size (wrk -t2 -c16; Fuseki 5.6.0 with a 32 KiB buffer)'
set logscale xy
set xlabel 'generated triples (plus ~4,300 shipped)'
set ylabel 'p50 latency, ms'
set key outside right top font ',8'
set grid
plot ${cols%, }
GP
}

# ---------------------------------------------------------------- start-up
startup_ms() { # store-dir [extra JVM flags] -> ms from launching serve to its first answered SPARQL query
  local port pid t0 t; port=$(free_port)
  t0=$(now_ms)
  java $ALIGNKG_JVM ${2:-} -jar "$ALIGNKG_JAR" serve --store "$1" --port "$port" >"$WORK/startup.log" 2>&1 &
  pid=$!; PIDS+=($pid)
  until curl -sf -o /dev/null --data-urlencode 'query=ASK { ?s ?p ?o }' "http://127.0.0.1:$port/sparql"; do
    kill -0 "$pid" 2>/dev/null || { echo "failed"; return; }
    sleep 0.02
  done
  t=$(( $(now_ms) - t0 ))
  stop_pid "$pid"
  echo "$t"
}

run_startup() {
  shipped_store
  STARTUP_ROWS=""
  local loaded=() fresh=() big=() cds_loaded=() cds_fresh=() cds_big=()
  # The AppCDS archive bin/alignkg writes on its first serve run, made here by one training run.
  local cds=$WORK/alignkg-cds.jsa
  rm -f "$cds"; rm -rf "$WORK/startup-store"; cp -r "$WORK/shipped" "$WORK/startup-store"
  startup_ms "$WORK/startup-store" "-XX:ArchiveClassesAtExit=$cds -Xlog:cds=off -Xlog:cds+dynamic=off" >/dev/null
  local use="-XX:SharedArchiveFile=$cds -Xlog:cds=off"
  for i in $(seq 1 "$STARTUP_RUNS"); do
    rm -rf "$WORK/startup-store"; cp -r "$WORK/shipped" "$WORK/startup-store"; loaded+=("$(startup_ms "$WORK/startup-store")")
    cds_loaded+=("$(startup_ms "$WORK/startup-store" "$use")")
    rm -rf "$WORK/startup-store"; fresh+=("$(startup_ms "$WORK/startup-store")")
    rm -rf "$WORK/startup-store"; cds_fresh+=("$(startup_ms "$WORK/startup-store" "$use")")
  done
  local big_n=${SCALE_SIZES##* }
  rm -rf "$WORK/startup-store"; cp -r "$(base_store "$big_n")" "$WORK/startup-store"
  big+=("$(startup_ms "$WORK/startup-store")"); cds_big+=("$(startup_ms "$WORK/startup-store" "$use")")
  rm -rf "$WORK/startup-store"
  STARTUP_ROWS+="| shipped data, store already loaded | ${loaded[*]} | ${cds_loaded[*]} |"$'\n'
  STARTUP_ROWS+="| fresh (empty) store: loads and validates the shipped data first | ${fresh[*]} | ${cds_fresh[*]} |"$'\n'
  STARTUP_ROWS+="| $(printf "%'d" "$big_n")-triple store, already loaded | ${big[*]} | ${cds_big[*]} |"$'\n'
  sample_load
}

# ---------------------------------------------------------------- tagger (JMH, see bench/README.md)
run_tagger() {
  TAGGER_LINE="not re-run (bench/README.md, section Tagger, has the last figures; \`bench/run.sh --tagger\` re-runs it)"
  (( TAGGER )) || return 0
  log "tagger JMH benchmark"
  mvn -q -o test-compile >/dev/null 2>&1 && mvn -q -o dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=test >/dev/null 2>&1 || return 0
  local out; out=$(java -cp "target/test-classes:target/classes:$(cat "$WORK/cp.txt")" org.openjdk.jmh.Main TaggerBench -wi 2 -i 3 -w 2 -r 2 -f 1 2>/dev/null | grep -E "^TaggerBench" || true)
  [[ -n "$out" ]] && TAGGER_LINE=$'\n```\n'"$out"$'\n```\n(ops/s = MiB/s: one op tags 1 MiB.)'
}

# ---------------------------------------------------------------- uncached mix (--vary)
# value_lists url dir: the term lists the templates draw from, read from a server over SPARQL,
# shuffled with a fixed seed, at most 5,000 each: dir/values-<name>.txt, one SPARQL term a line.
value_lists() {
  python3 - "$1" "$2" <<'PY'
import json, random, re, sys, urllib.request, urllib.parse
url, out = sys.argv[1:3]
P = """PREFIX dcterms: <http://purl.org/dc/terms/> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX akg: <https://w3id.org/alignkg/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> """
def rows(q):
    r = urllib.request.Request(url, data=urllib.parse.urlencode({"query": P + q}).encode(),
                               headers={"Accept": "application/sparql-results+json"})
    j = json.loads(urllib.request.urlopen(r, timeout=300).read())
    return [b["x"]["value"] for b in j["results"]["bindings"]]
iri = lambda xs: ["<%s>" % x for x in xs]
lists = {
    "documents": iri(rows('SELECT DISTINCT ?x { ?x dcterms:title ?t FILTER(STRSTARTS(STR(?x), "https://w3id.org/alignkg/document/")) }')),
    "persons": iri(rows("SELECT DISTINCT ?x { ?d dcterms:creator ?x FILTER(isIRI(?x)) }")),
    "concepts": iri(rows("SELECT DISTINCT ?x { ?x skos:inScheme <https://w3id.org/alignkg/scheme/concepts> }")),
    "limitations": iri(rows("SELECT DISTINCT ?x { ?x a akg:Limitation }")),
    "statements": iri(rows("SELECT DISTINCT ?x { { ?x a akg:Statement } UNION { ?x a akg:Limitation } }")),
    "plans": iri(rows("SELECT DISTINCT ?x { ?x a akg:Plan }")),
}
words = set()
for l in rows("SELECT ?x { { ?c skos:prefLabel ?x } UNION { ?c a akg:Limitation ; rdfs:label ?x } UNION { ?c dcterms:title ?x } }"):
    words.update(w for w in re.findall(r"[a-z]{4,}", l.lower()))
lists["words"] = ['"%s"' % w for w in sorted(words)]
for name, xs in lists.items():
    xs = sorted(set(xs)); random.Random(42).shuffle(xs)
    open(f"{out}/values-{name}.txt", "w").write("\n".join(xs[:5000]) + "\n")
    print(f"{name} {min(len(xs), 5000)}", end=", " if name != "words" else "")
PY
}

bench_vary() { # url template values-file server-pid -> "rps p50 p99 non2xx errors cpu-ms-per-request"
  QUERY_FILE=$2 VALUES_FILE=$3 WRK_THREADS=2 wrk -t2 -c16 -d"${WARM}s" -s "$BENCH/sparql-vary.lua" "$1" >/dev/null 2>&1 || true
  # CPU time of the server process (user + system, all its threads: JIT and GC included) over
  # the measured window, per completed request: steadier than req/s when other jobs share the cores.
  local c0 c1 r; c0=$(awk '{ print $14 + $15 }' "/proc/$4/stat")
  r=$(QUERY_FILE=$2 VALUES_FILE=$3 WRK_THREADS=2 wrk -t2 -c16 -d"${DUR}s" --timeout 10s -s "$BENCH/sparql-vary.lua" "$1" 2>/dev/null | awk '/^RESULT/ { print $2, $3, $4, $5, $6, $7 }')
  c1=$(awk '{ print $14 + $15 }' "/proc/$4/stat")
  read -r rps p50 p99 bad err n <<<"${r:-0 0 0 0 0 0}"
  echo "$rps $p50 $p99 $bad $err $(python3 -c "n, t = $n, ($c1 - $c0) * 1000 / $(getconf CLK_TCK); print(f'{t / n:.2f}' if n else '-')")"
}

cache_counts() { # alignkg base url -> "hits misses"
  curl -s "$1/metrics" | awk '/^alignkg_result_cache_hits_total/ { h = $2 } /^alignkg_result_cache_misses_total/ { m = $2 } END { print h + 0, m + 0 }'
}

run_vary() {
  python3 "$BENCH/queries.py" "$ROOT" "$WORK/queries" "$WORK/vary"
  local base; base=$(base_store "$QUERY_SIZE")
  start_fuseki shipped shipped "$base"; local F1=$FUSEKI_URL F1P=$FUSEKI_PID
  start_fuseki buf32k 32768 "$base";    local F2=$FUSEKI_URL F2P=$FUSEKI_PID
  start_alignkg_server alignkg "$base"; local A=$ALIGNKG_URL AP=$ALIGNKG_PID
  start_alignkg_server nocache "$base" --result-cache 0; local N=$ALIGNKG_URL NP=$ALIGNKG_PID
  VALUE_COUNTS=$(value_lists "$N" "$WORK/vary")
  log "value lists: $VALUE_COUNTS"
  VARY_ROWS=""; VRATIOS=(); VDIFFS=(); VCPU=()
  local ids=${VARY_QUERIES:-$(cd "$WORK/vary" && ls *.rq | grep -v '^one\.rq$' | sed 's/\.rq$//')}
  for id in $ids; do
    local q=$WORK/vary/$id.rq values vf="" one=$WORK/vary/one.rq
    values=$(cat "$WORK/vary/$id.values")
    [[ "$values" != none ]] && vf=$WORK/vary/values-$values.txt
    # answers compared on the list's first term (alignkg without cache vs Fuseki 32 KiB)
    python3 -c "import sys; t=open(sys.argv[1]).read(); v=open(sys.argv[2]).readline().strip() if sys.argv[2] else ''; open(sys.argv[3],'w').write(t.replace('%%VALUE%%', v))" "$q" "$vf" "$one"
    local same; same=$(check_answers "$one" "$N" "$F2" 2>/dev/null || echo "error")
    [[ "$same" == same* ]] || VDIFFS+=("$id: $same")
    log "vary $id over $values ($same)"
    local r1 r2 ra rn h0 m0 h1 m1
    r1=$(bench_vary "$F1" "$q" "$vf" "$F1P"); r2=$(bench_vary "$F2" "$q" "$vf" "$F2P")
    read -r h0 m0 <<<"$(cache_counts "${A%/sparql}")"
    ra=$(bench_vary "$A" "$q" "$vf" "$AP")
    read -r h1 m1 <<<"$(cache_counts "${A%/sparql}")"
    rn=$(bench_vary "$N" "$q" "$vf" "$NP")
    read -r rps1 p501 p991 bad1 err1 cpu1 <<<"$r1"
    read -r rps2 p502 p992 bad2 err2 cpu2 <<<"$r2"
    read -r rpsa p50a p99a bada erra cpua <<<"$ra"
    read -r rpsn p50n p99n badn errn cpun <<<"$rn"
    local best hitrate rn_ratio cpu_ratio
    best=$(python3 -c "print(max($rps1, $rps2))")
    # CPU per request of the cheaper Fuseki over that of uncached alignkg (>1: alignkg needs less)
    cpu_ratio=$(python3 -c "
f = [float(x) for x in ('$cpu1', '$cpu2') if x != '-']
n = '$cpun'
print(f'{min(f) / float(n):.2f}' if f and n != '-' and float(n) > 0 else '-')")
    [[ "$cpu_ratio" != - ]] && VCPU+=("$cpu_ratio")
    # hit share over the warm-up and the measured window together
    hitrate=$(python3 -c "h, m = $h1 - $h0, $m1 - $m0; print(f'{100 * h / (h + m):.0f} %' if h + m else '-')")
    rn_ratio=$(ratio "$rpsn" "$best" "$DUR")
    VRATIOS+=("$(ratio_value "$rn_ratio")")
    VARY_ROWS+="| $id | $values | $rps1 | $p501 | $p991 | $cpu1 | $rps2 | $p502 | $p992 | $cpu2 | $rpsa | $p50a | $p99a | $hitrate | $(ratio "$rpsa" "$best" "$DUR") | **$rpsn** | $p50n | $p99n | $cpun | **$rn_ratio** | **$cpu_ratio** | $((bad1 + bad2 + bada + badn)) / $((err1 + err2 + erra + errn)) | $(cut -d' ' -f1 /proc/loadavg) |"$'\n'
    sample_load
  done
  cleanup; PIDS=()
}

main_vary() {
  ensure_tools
  local started; started=$(date -u +%Y-%m-%dT%H:%M:%SZ)
  sample_load
  run_vary
  local rmin rmed cmin cmed
  read -r rmin rmed < <(python3 -c "import statistics,sys; r=[float(x) for x in sys.argv[1:]]; print(f'{min(r):.2f} {statistics.median(r):.2f}')" "${VRATIOS[@]}")
  read -r cmin cmed < <(python3 -c "import statistics,sys; r=[float(x) for x in sys.argv[1:]]; print(f'{min(r):.2f} {statistics.median(r):.2f}' if r else '- -')" "${VCPU[@]}")
  {
    echo "# alignkg uncached mix (bench/run.sh --vary), $started"
    echo
    echo "Command: \`WARM=$WARM DUR=$DUR bench/run.sh --vary\` (commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet 2>/dev/null || echo ', with uncommitted changes')); took $(( $(date +%s) - T_START )) s."
    echo "Machine: $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB RAM, $(java -version 2>&1 | head -1)."
    echo "Load average (1 min) sampled during the run: ${LOADAVGS[*]} (2 cores: above 2 means other jobs competed for the CPUs)."
    echo
    echo "Store: $(printf "%'d" "$QUERY_SIZE") generated triples plus the shipped data. Term lists (shuffled, seed 42): $VALUE_COUNTS."
    echo "wrk -t2 -c16, ${WARM} s warm-up, ${DUR} s measured, per query and server, servers alternated per query;"
    echo "every request carries the next term of the query's list (\`bench/sparql-vary.lua\`; \"none\": a fixed text)."
    echo "POST form, JSON results (CONSTRUCT: Turtle). Latency in ms. Each server over its own copy of one store."
    echo "Fuseki main $FUSEKI_VERSION (\`$SERVER_HEAP\`), as shipped (5 MiB output buffer) and with a 32 KiB buffer."
    echo "alignkg: \`java $ALIGNKG_JVM -jar target/alignkg.jar serve\`, result cache on (64 MiB; hits: share of warm-up and measured requests answered from it) and with \`--result-cache 0\` (uncached)."
    echo "Ratios: req/s over the faster Fuseki configuration. CPU: ms of server CPU (user + system, all threads) per completed request in the measured window;"
    echo "CPU ratio: the cheaper Fuseki's CPU per request over uncached alignkg's (above 1: alignkg needs less CPU per answer), the fairer figure while other jobs load the machine."
    echo
    echo "| query | terms | Fuseki req/s | p50 | p99 | CPU | Fuseki 32 KiB req/s | p50 | p99 | CPU | alignkg req/s | p50 | p99 | hits | alignkg / best | uncached req/s | p50 | p99 | CPU | uncached / best | CPU ratio | non-2xx / errors | load |"
    echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    printf "%s" "$VARY_ROWS"
    echo
    echo "Uncached / best Fuseki, req/s: min $rmin, median $rmed; CPU ratio: min $cmin, median $cmed."
    echo "Answers compared on each list's first term (uncached alignkg vs Fuseki 32 KiB, rows as sets): ${VDIFFS[*]:-all the same}."
    echo
    echo "vary-ratio-min=$rmin vary-ratio-median=$rmed"
  } > "$OUT"
  log "wrote $OUT"
  cat "$OUT" >&2
  echo "vary-ratio-min=$rmin vary-ratio-median=$rmed"
}

# ---------------------------------------------------------------- report
load_table() {
  echo "Same N-Quads file (alignkg generate --seed $SEED), fresh store each; heap $LOAD_HEAP for every tool."
  echo "alignkg: \`load --bulk\` on top of the shipped data, SHACL validation included. tdbloader: empty store, no validation."
  echo
  echo "| triples | alignkg t/s | tdbloader parallel t/s | tdbloader phased t/s | alignkg / best tdbloader | wall s (alignkg / parallel / phased) | CPU s (user+sys, same order) | order run | load avg before → after |"
  echo "|---:|---:|---:|---:|---:|---:|---:|---|---|"
  printf "%s" "$LOAD_ROWS"
}

report_load_only() {
  {
    echo "# alignkg load benchmark, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo
    echo "Command: \`LOAD_SIZES=\"$LOAD_SIZES\" LOAD_REPEAT=$LOAD_REPEAT bench/run.sh --load-only\` (commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet 2>/dev/null || echo ', with uncommitted changes')); took $(( $(date +%s) - T_START )) s."
    echo "Machine: $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB RAM, $(java -version 2>&1 | head -1)."
    echo
    echo "## Load"
    echo
    load_table
  } > "$OUT"
  log "wrote $OUT"
  cat "$OUT"
}

main() {
  ensure_tools
  local started; started=$(date -u +%Y-%m-%dT%H:%M:%SZ)
  sample_load
  LOAD_ROWS=""
  if (( QUERIES_ONLY )); then log "skipping load (--queries-only)"; else run_load; fi
  if (( LOAD_ONLY )); then report_load_only; return; fi
  run_queries
  run_scale
  plot
  run_startup
  run_tagger
  local rmin="n/a" rmed="n/a" fmin="n/a" fmed="n/a"
  if (( ${#RATIOS[@]} > 0 )); then
    read -r rmin rmed < <(python3 -c "import statistics,sys; r=[float(x) for x in sys.argv[1:]]; print(f'{min(r):.2f} {statistics.median(r):.2f}')" "${RATIOS[@]}")
  fi
  if (( ${#FREE_RATIOS[@]} > 0 )); then
    read -r fmin fmed < <(python3 -c "import statistics,sys; r=[float(x) for x in sys.argv[1:]]; print(f'{min(r):.2f} {statistics.median(r):.2f}')" "${FREE_RATIOS[@]}")
  fi
  local mode=""; (( QUICK )) && mode=" --quick"
  {
    echo "# alignkg benchmark, $started"
    echo
    echo "Command: \`bench/run.sh$mode\` (commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet 2>/dev/null || echo ', with uncommitted changes')); took $(( $(date +%s) - T_START )) s."
    echo "Machine: $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB RAM, $(java -version 2>&1 | head -1)."
    echo "Load average (1 min) sampled during the run: ${LOADAVGS[*]} (2 cores: above 2 means other jobs competed for the CPUs)."
    echo
    echo '```'
    lscpu | head -20
    echo '```'
    if [[ -n "$LOAD_ROWS" ]]; then
      echo
      echo "## Load"
      echo
      load_table
    fi
    echo
    echo "## Queries at $(printf "%'d" "$QUERY_SIZE") generated triples (plus the shipped data)"
    echo
    echo "wrk -t2 -c16, ${WARM} s warm-up, ${DUR} s measured, per query and server, servers alternated per query;"
    echo "POST form, JSON results (CONSTRUCT: Turtle). Latency in ms. Each server over its own copy of one store."
    echo "Fuseki main $FUSEKI_VERSION (\`$SERVER_HEAP\`) read-only on loopback, union default graph, jena-text index through the text assembler."
    echo "alignkg: \`java $ALIGNKG_JVM -jar target/alignkg.jar serve\` (result cache on, 64 MiB)."
    echo "Ratio: alignkg req/s / the faster Fuseki configuration; \`>x\`: Fuseki completed no request in the window (x = lower bound)."
    (( NOCACHE_IN_MIX )) && echo "Last columns: alignkg with \`--result-cache 0\` (every request runs the query)."
    echo
    if (( NOCACHE_IN_MIX )); then
      echo "| query | Fuseki req/s | p50 | p99 | Fuseki 32 KiB req/s | p50 | p99 | alignkg req/s | p50 | p99 | alignkg / best Fuseki | no-cache req/s | p50 | p99 | no-cache / best | non-2xx / errors |"
      echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    else
      echo "| query | Fuseki req/s | p50 | p99 | Fuseki 32 KiB req/s | p50 | p99 | alignkg req/s | p50 | p99 | alignkg / best Fuseki | non-2xx / errors |"
      echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    fi
    printf "%s" "$QUERY_ROWS"
    echo
    echo "Named queries: ratio min $rmin, median $rmed. Free SPARQL: min $fmin, median $fmed."
    echo "p99 above the best Fuseki's: ${P99_WORSE[*]:-none}."
    echo "Answers compared (alignkg vs Fuseki 32 KiB, rows as sets): ${DIFFS[*]:-all the same}."
    echo "Resident memory (VmRSS) at $(printf "%'d" "$QUERY_SIZE"): alignkg idle $((RSS_IDLE_A / 1024)) MiB, peak under load $((RSS_LOAD_A / 1024)) MiB; Fuseki 32 KiB idle $((RSS_IDLE_F / 1024)) MiB, peak $((RSS_LOAD_F / 1024)) MiB."
    echo
    echo "## Scale curve"
    echo
    echo "wrk -t2 -c16, ${SWARM} s warm-up, ${SDUR} s measured; Fuseki with the 32 KiB buffer; alignkg with and without its result cache. Plot: \`$(basename "$PNG")\` (p50, log-log)."
    echo
    echo "| triples | query | Fuseki req/s | p50 | p99 | alignkg req/s | p50 | p99 | no cache req/s | p50 | p99 |"
    echo "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    printf "%s" "$SCALE_ROWS"
    echo
    echo "Resident memory, MiB (VmRSS idle: started, one query answered, 1 s quiet; peak: VmHWM after the runs above):"
    echo
    echo "| triples | alignkg idle | alignkg peak | alignkg no-cache idle | no-cache peak | Fuseki idle | Fuseki peak | load avg |"
    echo "|---:|---:|---:|---:|---:|---:|---:|---:|"
    printf "%s" "$MEM_ROWS"
    echo
    echo "## serve start-up"
    echo
    echo "Milliseconds from launching \`java $ALIGNKG_JVM -jar target/alignkg.jar serve\` to its first answered SPARQL query (curl every 20 ms):"
    echo
    echo "| store | ms (runs), flags only | ms (runs), with the AppCDS archive (as \`bin/alignkg serve\`) |"
    echo "|---|---|---|"
    printf "%s" "$STARTUP_ROWS"
    echo
    echo "## Tagger"
    echo
    echo "$TAGGER_LINE"
    echo
    echo "ratio-min=$rmin ratio-median=$rmed"
  } > "$OUT"
  log "wrote $OUT"
  cat "$OUT" >&2
  echo "ratio-min=$rmin ratio-median=$rmed"
}

if (( VARY )); then main_vary; else main; fi
