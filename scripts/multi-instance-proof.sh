#!/usr/bin/env bash
# Builds the production jar once, creates an empty database on the local PostgreSQL and runs
# MultiInstanceProof: three `java -jar` instances on loopback ports against that one database,
# with a PASS or FAIL line per check. Exit code 0 when every check passed.
#
# Needs a JDK 17+, PostgreSQL on 127.0.0.1:5432 reachable as PROOF_DB_USERNAME (default postgres,
# trust or PROOF_DB_PASSWORD) with the right to create databases, and psql. No Docker.
#   PROOF_DB       database to drop and create (default clientapp_multi_proof); never a real one
#   SKIP_BUILD=1   reuse target/quarkus-app from an earlier build
#   PROOF_JAVA_OPTS  extra JVM options of the driver, for example -Dproof.members=90 -Dproof.posts=300
set -euo pipefail
cd "$(dirname "$0")/.."

database="${PROOF_DB:-clientapp_multi_proof}"
user="${PROOF_DB_USERNAME:-postgres}"
if [[ ! "$database" =~ ^[a-z_][a-z0-9_]*$ ]]; then
    echo "PROOF_DB must be a plain lower-case database name, not '$database'" >&2
    exit 2
fi

if [ "${SKIP_BUILD:-}" != "1" ]; then
    echo "Building the production jar (tests skipped)…"
    ./mvnw -B -q package -Dmaven.test.skip=true
fi
if [ ! -f target/quarkus-app/quarkus-run.jar ]; then
    echo "target/quarkus-app/quarkus-run.jar is missing: run without SKIP_BUILD=1" >&2
    exit 2
fi

echo "Creating the empty database ${database} on 127.0.0.1:5432…"
PGPASSWORD="${PROOF_DB_PASSWORD:-}" psql -h 127.0.0.1 -U "$user" -d postgres -v ON_ERROR_STOP=1 -q \
    -c "drop database if exists ${database} with (force)" \
    -c "create database ${database}"

work="target/multi-instance-proof"
rm -rf "$work"
mkdir -p "$work"

# The driver is one Java source file; Jackson and the PostgreSQL driver come from the built app.
# shellcheck disable=SC2086
exec java ${PROOF_JAVA_OPTS:-} -cp "target/quarkus-app/lib/main/*" scripts/MultiInstanceProof.java \
    target/quarkus-app/quarkus-run.jar "jdbc:postgresql://127.0.0.1:5432/${database}" "$work"
