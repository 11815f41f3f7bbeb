#!/usr/bin/env bash
# Runs the whole benchmark and writes docs/benchmarks.md: builds the packaged application,
# generates a care organisation in its own database on the local PostgreSQL (127.0.0.1:5432),
# starts the application with java -jar in the prod profile on loopback, and measures every
# scenario with wrk (maximum throughput), pgbench (the same SQL without the API), the open-model
# driver (latency at a fixed arrival rate), JMH, a mixed soak and the cold start.
#
# Usage: bench/run.sh [--quick] [--soak-minutes N] [--db NAME] [--scale X] [--skip-build]
#   --quick           smoke run of about 10 minutes: a tenth of the data set, short phases, 1-minute soak
#   --soak-minutes N  length of the mixed soak (default 30; --quick sets 1)
#   --db NAME         database to (re)create, must start with clientapp_bench (default clientapp_bench)
#   --scale X         data set size, 1.0 = 10,000 clients (default 1.0; --quick sets 0.1)
#   --skip-build      reuse target/quarkus-app and bench/target from an earlier run
# Ports (loopback only): APP_PORT (18080), MANAGEMENT_PORT (19000), STAND_IN_PORT (18081).
# APP_JAVA_OPTS: JVM options of the application (default: the production options of
#   src/main/docker/Dockerfile.jvm, "$PRODUCTION_JAVA_OPTS" below; set it to "" for the JVM's defaults).
# MALLOC_ARENA_MAX: glibc malloc arenas of the application (default 2, as in the image).
# The build writes an AppCDS archive (target/quarkus-app/app-cds.jsa) for the local JDK, and the
# application starts with it when the file exists (-XX:SharedArchiveFile, from target/quarkus-app
# because the archive records the class path relative to that folder).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH="$ROOT/bench"
OUT="$BENCH/target/run"
QUICK=false
SOAK_MINUTES=""
DB=clientapp_bench
SCALE=""
BUILD=true
while [ $# -gt 0 ]; do
    case "$1" in
        --quick) QUICK=true ;;
        --soak-minutes) SOAK_MINUTES="$2"; shift ;;
        --db) DB="$2"; shift ;;
        --scale) SCALE="$2"; shift ;;
        --skip-build) BUILD=false ;;
        *) echo "Unknown option $1 (see the usage at the top of $0)" >&2; exit 2 ;;
    esac
    shift
done
case "$DB" in
    clientapp_bench*) ;;
    *) echo "The database name must start with clientapp_bench, got $DB: the run drops and recreates it" >&2; exit 2 ;;
esac

if $QUICK; then
    SCALE=${SCALE:-0.1}; SOAK_MINUTES=${SOAK_MINUTES:-1}
    PHASE=10; LATENCY_PHASE=20; WARMUP=5; OPEN_WARMUP=5; DEEP=101000; JMH_ARGS="-wi 1 -w 1s -i 2 -r 1s -f 1"
else
    SCALE=${SCALE:-1.0}; SOAK_MINUTES=${SOAK_MINUTES:-30}
    PHASE=60; LATENCY_PHASE=120; WARMUP=20; OPEN_WARMUP=60; DEEP=150000; JMH_ARGS=""
fi
# Each open-model phase first runs OPEN_WARMUP seconds unmeasured. On 2 cores the JIT went on
# recompiling for about 45 s after the load changed from one scenario at a time under wrk to
# another rate or mix. The p99 in those seconds was 2 to 3 times the later value.
# Equal to JDK_JAVA_OPTIONS in src/main/docker/Dockerfile.jvm minus -Djava.io.tmpdir (DeploymentFilesTest checks it).
PRODUCTION_JAVA_OPTS="-XX:+UseSerialGC -Xmx192m -XX:MaxMetaspaceSize=192m -XX:ReservedCodeCacheSize=96m -Xss512k -XX:+ExitOnOutOfMemoryError"
APP_JAVA_OPTS=${APP_JAVA_OPTS-$PRODUCTION_JAVA_OPTS}
MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
APP_PORT=${APP_PORT:-18080}
MANAGEMENT_PORT=${MANAGEMENT_PORT:-19000}
STAND_IN_PORT=${STAND_IN_PORT:-18081}
BASE="http://127.0.0.1:$APP_PORT"
PG="psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -q"
DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB"
RESULTS="$OUT/results.properties"
PG_LOG=${PG_LOG:-/var/log/postgresql/postgresql-15-main.log}
APP_PID=""
STAND_IN_PID=""

log() { echo "[$(date -u +%H:%M:%S)] $*"; }

stop_app() {
    if [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2>/dev/null; then
        kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true
    fi
    APP_PID=""
}
cleanup() {
    stop_app
    if [ -n "$STAND_IN_PID" ]; then kill "$STAND_IN_PID" 2>/dev/null || true; fi
    $PG -d postgres -c "alter database $DB reset log_statement" >/dev/null 2>&1 || true
}
trap cleanup EXIT

need() { command -v "$1" >/dev/null || { echo "$1 is missing: $2" >&2; exit 1; }; }
need psql "install the Debian package postgresql-client"
need pgbench "install the Debian package postgresql-client"
need openssl "install the Debian package openssl"
if ! command -v wrk >/dev/null; then
    if [ "$(id -u)" = 0 ]; then apt-get install -y -qq wrk >/dev/null; else echo "wrk is missing: apt-get install wrk" >&2; exit 1; fi
fi

rm -rf "$OUT"; mkdir -p "$OUT/data" "$OUT/pgbench"
: > "$RESULTS"
result() { echo "$1=$2" >> "$RESULTS"; }
STARTED=$(date +%s)

# --- Build ----------------------------------------------------------------------------------
if $BUILD; then
    log "Building the application with an AppCDS archive (./mvnw package -DskipTests) and the benchmark driver"
    (cd "$ROOT" && ./mvnw -B -q package -DskipTests -Dquarkus.package.jar.appcds.enabled=true)
    (cd "$BENCH" && "$ROOT/mvnw" -B -q package)
fi
APP_DIR="$ROOT/target/quarkus-app"
APP_JVM_OPTS="$APP_JAVA_OPTS"
if [ -f "$APP_DIR/app-cds.jsa" ]; then APP_JVM_OPTS="$APP_JVM_OPTS -XX:SharedArchiveFile=app-cds.jsa"; fi
DRIVER_CP="$BENCH/target/classes:$BENCH/target/lib/*:$ROOT/target/quarkus-app/app/clientapp-api-0.1.0-SNAPSHOT.jar"
driver() { java -cp "$DRIVER_CP" nl.clientapp.bench.Main "$@"; }

# --- Keys and settings of this run (test-only, generated now, thrown away with bench/target) ---
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$OUT/sign.pem" 2>/dev/null
openssl pkey -in "$OUT/sign.pem" -pubout -out "$OUT/verify.pem"
PEPPER="bench-only-$(openssl rand -hex 24)"

# Replaces the calling (background) subshell, so $! is the JVM's own process id.
app_env() {
    exec env MALLOC_ARENA_MAX="$MALLOC_ARENA_MAX" DB_URL="$DB_URL" DB_USERNAME=postgres DB_PASSWORD= \
        QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT="$APP_PORT" \
        QUARKUS_MANAGEMENT_HOST=127.0.0.1 QUARKUS_MANAGEMENT_PORT="$MANAGEMENT_PORT" \
        QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING=true QUARKUS_HTTP_PROXY_ALLOW_X_FORWARDED=true \
        QUARKUS_HTTP_PROXY_TRUSTED_PROXIES=127.0.0.1 \
        SMALLRYE_JWT_SIGN_KEY_LOCATION="$OUT/sign.pem" MP_JWT_VERIFY_PUBLICKEY_LOCATION="$OUT/verify.pem" \
        CLIENTAPP_AUTH_PEPPER="$PEPPER" \
        CLIENTAPP_SMS_BASE_URL="http://127.0.0.1:$STAND_IN_PORT" CLIENTAPP_SMS_PRODUCT_TOKEN=bench-only \
        CLIENTAPP_PUSH_FCM_BASE_URL="http://127.0.0.1:$STAND_IN_PORT" CLIENTAPP_PUSH_FCM_PROJECT_ID=bench \
        CLIENTAPP_PUSH_FCM_ACCESS_TOKEN=bench-only QUARKUS_MAILER_MOCK=true \
        "$@"
}

# Starts the application and waits until an authenticated timeline read answers 200 (or, without a
# token, until it is ready); sets APP_PID and START_MS, the milliseconds from the start of the JVM
# to that first answer.
start_app() {
    local logfile="$1" probe_token="$2" probe_path="$3" started now
    started=$(date +%s%N)
    if curl -s -o /dev/null "$BASE/" 2>/dev/null; then
        echo "Port $APP_PORT is already in use: stop that process or set APP_PORT" >&2; exit 1
    fi
    (cd "$APP_DIR" && app_env java $APP_JVM_OPTS -jar quarkus-run.jar) > "$logfile" 2>&1 &
    APP_PID=$!
    while true; do
        if ! kill -0 "$APP_PID" 2>/dev/null; then echo "The application stopped; see $logfile" >&2; tail -30 "$logfile" >&2; exit 1; fi
        if [ -z "$probe_token" ]; then
            curl -sf "http://127.0.0.1:$MANAGEMENT_PORT/q/health/ready" >/dev/null 2>&1 && break
        else
            [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $probe_token" -H 'X-Forwarded-Proto: https' "$BASE$probe_path" 2>/dev/null)" = 200 ] && break
        fi
        sleep 0.02
    done
    now=$(date +%s%N)
    START_MS=$(( (now - started) / 1000000 ))
}

# --- Database and data set ----------------------------------------------------------------
log "Recreating database $DB and creating the schema with Flyway (one start of the application)"
$PG -d postgres -c "drop database if exists $DB with (force)" -c "create database $DB"
(exec java -cp "$DRIVER_CP" nl.clientapp.bench.Main stand-in --port "$STAND_IN_PORT") > "$OUT/stand-in.log" 2>&1 &
STAND_IN_PID=$!
start_app "$OUT/app-migrate.log" "" ""
stop_app

log "Generating the data set (scale $SCALE, deep timeline $DEEP items)"
GEN_STARTED=$(date +%s)
$PG -d "$DB" -v scale="$SCALE" -v deep="$DEEP" -f "$BENCH/sql/generate.sql" > "$OUT/generate.log"
result dataset.generate_seconds $(( $(date +%s) - GEN_STARTED ))
result dataset.scale "$SCALE"
$PG -d "$DB" -At -F '=' -c "
    select 'dataset.rows.' || relname, n_live_tup from pg_stat_user_tables where n_live_tup > 0
    union all select 'dataset.database_mb', pg_database_size(current_database()) / 1048576
    union all select 'dataset.deep_items', count(*) from timeline_item where client_id = md5('client:0')::uuid" >> "$RESULTS"

log "Preparing tokens, devices and invitations"
driver prepare --data "$OUT/data" --scale "$SCALE" --db-url "$DB_URL" --private-key "$OUT/sign.pem" --pepper "$PEPPER" \
    --token-lifetime $(( (SOAK_MINUTES + 60) * 60 ))
. "$OUT/data/deep.env"
CLIENTS=$(awk "BEGIN { printf \"%d\", 10000 * $SCALE + 0.5 }")
USERS=$(awk "BEGIN { printf \"%d\", 50000 * $SCALE + 0.5 }")
LARGE=$(( CLIENTS < 100 ? CLIENTS : 100 ))
PROBE_TOKEN=$(head -1 "$OUT/data/read-timeline.tsv" | cut -f3)
PROBE_PATH=$(head -1 "$OUT/data/read-timeline.tsv" | cut -f2)
READS="timeline timeline-deep reports agenda documents download"

# --- SQL per request, from the PostgreSQL statement log -------------------------------------
log "Capturing the SQL statements of one request per read scenario"
$PG -d postgres -c "alter database $DB set log_statement = 'all'"
start_app "$OUT/app-capture.log" "$PROBE_TOKEN" "$PROBE_PATH"
for scenario in $READS; do
    line=$(sed -n 7p "$OUT/data/read-$scenario.tsv")
    # Earlier calls warm the path, the last one is captured. pgjdbc reads column metadata once per
    # connection and query (SELECT c.oid, a.attnum ...); those lines are counted apart.
    for _ in 1 2 3 4 5; do
        curl -s -o /dev/null -H "Authorization: Bearer $(echo "$line" | cut -f3)" -H 'X-Forwarded-Proto: https' "$BASE$(echo "$line" | cut -f2)"
    done
    sleep 0.3
    before=$(stat -c %s "$PG_LOG")
    curl -s -o /dev/null -H "Authorization: Bearer $(echo "$line" | cut -f3)" -H 'X-Forwarded-Proto: https' "$BASE$(echo "$line" | cut -f2)"
    sleep 0.5
    tail -c +$((before + 1)) "$PG_LOG" > "$OUT/sql-$scenario.raw"
    # The request's statements end with its COMMIT; later lines come from a background job (the outbox relay).
    grep "@$DB " "$OUT/sql-$scenario.raw" | grep -E 'LOG:  (execute|statement)' \
        | awk '{ print } / (COMMIT|ROLLBACK)$/ { exit }' > "$OUT/sql-$scenario.log" || true
    grep -v 'SELECT c.oid, a.attnum' "$OUT/sql-$scenario.log" > "$OUT/sql-$scenario.statements" || true
    result "sql.$scenario.statements" "$(grep -vciE ':\s*(BEGIN|COMMIT|ROLLBACK|SET |SHOW )' "$OUT/sql-$scenario.statements" || true)"
    result "sql.$scenario.driver_metadata" "$(grep -c 'SELECT c.oid, a.attnum' "$OUT/sql-$scenario.log" || true)"
    result "sql.$scenario.transaction_control" "$(grep -ciE ':\s*(BEGIN|COMMIT|ROLLBACK)' "$OUT/sql-$scenario.log" || true)"
done
stop_app
$PG -d postgres -c "alter database $DB reset log_statement"

# --- Cold start -----------------------------------------------------------------------------
log "Cold start: JVM start to the first answered timeline read"
start_app "$OUT/app.log" "$PROBE_TOKEN" "$PROBE_PATH"
result coldstart.first_request_ms "$START_MS"
result app.rss_after_start_mb $(( $(awk '/VmRSS/ { print $2 }' /proc/$APP_PID/status) / 1024 ))

# --- Maximum throughput (wrk) and the physical limit (pgbench) ------------------------------
for f in gate member download-member audit; do cp "$BENCH/pgbench/$f.sql" "$OUT/pgbench/"; done
pgbench_script() {
    local scenario="$1" event="$2" member=member.sql
    [ "$scenario" = download ] && member=download-member.sql
    cat "$BENCH/pgbench/$member" "$BENCH/pgbench/gate.sql" "$BENCH/pgbench/$scenario.sql" \
        | cat - <(sed "s/@EVENT@/$event/" "$BENCH/pgbench/audit.sql") > "$OUT/pgbench/replay-$scenario.sql"
}
log "Warming the JIT: ${WARMUP}s of wrk per read scenario, not measured"
for scenario in $READS; do
    wrk -t 2 -c 16 -d "${WARMUP}s" -s "$BENCH/wrk/rotate.lua" "$BASE" -- "$OUT/data/read-$scenario.tsv" > /dev/null 2>&1
done
for scenario in $READS; do
    case $scenario in
        timeline|timeline-deep) event=timeline.read ;;
        download) event=dossier.documents.content.read ;;
        *) event=dossier.$scenario.read ;;
    esac
    pgbench_script "$scenario" "$event"
    log "wrk: $scenario, ${PHASE}s"
    wrk -t 2 -c 32 -d "${PHASE}s" --timeout 10s -s "$BENCH/wrk/rotate.lua" "$BASE" -- "$OUT/data/read-$scenario.tsv" \
        > "$OUT/wrk-$scenario.txt" 2>&1
    grep '^wrk\.' "$OUT/wrk-$scenario.txt" | sed "s/^wrk\./wrk.$scenario./" >> "$RESULTS"
    log "pgbench: $scenario, ${PHASE}s"
    pgbench -h 127.0.0.1 -U postgres -n -M prepared -c 16 -j 2 -T "$PHASE" \
        -D clients="$CLIENTS" -D users="$USERS" -D large="$LARGE" -D deep_from="$DEEP_FROM_US" -D deep_to="$DEEP_TO_US" \
        -f "$OUT/pgbench/replay-$scenario.sql" "$DB" > "$OUT/pgbench-$scenario.txt" 2>&1
    result "pgbench.$scenario.tps" "$(awk '/^tps = / { print $3 }' "$OUT/pgbench-$scenario.txt")"
    result "pgbench.$scenario.latency_ms" "$(awk '/^latency average = / { print $4 }' "$OUT/pgbench-$scenario.txt")"
    result "pgbench.$scenario.failed" "$(awk '/number of failed transactions/ { print $5 }' "$OUT/pgbench-$scenario.txt")"
done

# --- Latency at a fixed arrival rate (open model) --------------------------------------------
rate_of() { awk -F= -v key="wrk.$1.rps" '$1 == key { printf "%d", $2 / 2 < 1 ? 1 : $2 / 2 }' "$RESULTS"; }
load() { driver load --base "$BASE" --data "$OUT/data" --out "$RESULTS" --warmup "$OPEN_WARMUP" "$@" > /dev/null; }
for scenario in timeline timeline-deep; do
    rate=$(rate_of timeline)
    log "Open model: $scenario at $rate/s (half the maximum of the first page), ${LATENCY_PHASE}s"
    load --label "open.$scenario" --mix "$scenario" --rate "$rate" --duration "$LATENCY_PHASE"
done
for scenario in reports agenda documents download; do
    rate=$(rate_of "$scenario")
    log "Open model: $scenario at $rate/s (half its maximum), ${PHASE}s"
    load --label "open.$scenario" --mix "$scenario" --rate "$rate" --duration "$PHASE"
done

log "PIN login at 10/s beside timeline reads at 50/s, ${LATENCY_PHASE}s"
load --label login --mix "pin-login:1,timeline:5" --rate 60 --duration "$LATENCY_PHASE"
log "SMS code requests at 5/s, ${PHASE}s"
load --label sms --mix sms --rate 5 --duration "$PHASE"

# --- Mixed soak -----------------------------------------------------------------------------
SOAK_RATE=$(awk -F= '$1 == "wrk.timeline.rps" { r = $2 * 0.4; printf "%d", r < 20 ? 20 : r }' "$RESULTS")
log "Mixed soak: ${SOAK_MINUTES} min at $SOAK_RATE/s"
load --label soak --app-pid "$APP_PID" --window $(( SOAK_MINUTES > 5 ? 60 : 15 )) --rate "$SOAK_RATE" --duration $(( SOAK_MINUTES * 60 )) \
    --mix "timeline:40,timeline-deep:5,reports:15,agenda:15,documents:10,download:1,pin-login:2"
result app.rss_after_soak_mb $(( $(awk '/VmRSS/ { print $2 }' /proc/$APP_PID/status) / 1024 ))
stop_app

# --- JMH --------------------------------------------------------------------------------------
log "JMH: access token verification and PIN hashing"
java -cp "$DRIVER_CP" org.openjdk.jmh.Main $JMH_ARGS -rf json -rff "$OUT/jmh.json" > "$OUT/jmh.txt" 2>&1

# --- Machine and report -------------------------------------------------------------------------
result machine.cpu "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
result machine.cores "$(nproc)"
result machine.memory_gb "$(awk '/MemTotal/ { printf "%.0f", $2 / 1048576 }' /proc/meminfo)"
result machine.kernel "$(uname -r)"
result machine.java "$(java -version 2>&1 | head -1)"
result app.java_opts "${APP_JVM_OPTS:-none}, MALLOC_ARENA_MAX=$MALLOC_ARENA_MAX"
result app.max_heap_mb "$(java $APP_JAVA_OPTS -XX:+PrintFlagsFinal -version 2>/dev/null | awk '$2 == "MaxHeapSize" { printf "%d", $4 / 1048576 }')"
result machine.postgresql "$(psql -h 127.0.0.1 -U postgres -At -c 'show server_version')"
result machine.wrk "$(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2)"
result machine.pgbench "$(pgbench --version)"
result machine.load_average "$(cut -d' ' -f1-3 /proc/loadavg)"
result run.mode "$($QUICK && echo quick || echo full)"
result run.soak_minutes "$SOAK_MINUTES"
result run.phase_seconds "$PHASE"
result run.latency_phase_seconds "$LATENCY_PHASE"
result run.open_warmup_seconds "$OPEN_WARMUP"
result run.total_seconds $(( $(date +%s) - STARTED ))
result run.date "$(date -u +%Y-%m-%dT%H:%MZ)"

driver report --results "$RESULTS" --sql "$OUT" --findings "$BENCH/findings.md" --out "$ROOT/docs/benchmarks.md"
log "Done in $(( $(date +%s) - STARTED )) s: docs/benchmarks.md; raw output in $OUT"
