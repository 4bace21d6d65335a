#!/usr/bin/env bash
# A PostgreSQL server for the store tests: install Debian's `postgresql` if missing, start the
# cluster, create the role and database, and print the URL on stdout (everything else goes to
# stderr). Idempotent: when all is in place it only checks, in well under a second.
#
#   export RASD_TEST_PG_URL="$(bash scripts/ci-postgres.sh)"
#
# Needs root (apt-get, su to postgres). Override names with PG_USER, PG_PASSWORD, PG_DB, PG_PORT.
set -euo pipefail

PG_USER="${PG_USER:-rasd}"
PG_PASSWORD="${PG_PASSWORD:-rasd}"
PG_DB="${PG_DB:-rasd_test}"
PG_PORT="${PG_PORT:-5432}"

log() { echo "ci-postgres: $*" >&2; }

install_server() {
    if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
        log "installing postgresql"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq >&2
        apt-get install -y -qq postgresql >&2
    fi
}

cluster_version() {
    # The newest installed server; its Debian cluster is "main".
    ls /usr/lib/postgresql | sort -V | tail -1
}

start_cluster() {
    local version="$1"
    if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main"' | grep -q .; then
        log "creating cluster $version/main"
        pg_createcluster "$version" main --port "$PG_PORT" >&2
    fi
    if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" && $4 == "online"' | grep -q .; then
        log "starting cluster $version/main"
        pg_ctlcluster "$version" main start >&2
    fi
}

psql_admin() {
    su postgres -c "psql -p $PG_PORT -v ON_ERROR_STOP=1 -qtA $*"
}

wait_ready() {
    for _ in $(seq 1 50); do
        pg_isready -q -h 127.0.0.1 -p "$PG_PORT" && return 0
        sleep 0.2
    done
    log "server on port $PG_PORT did not become ready"
    return 1
}

create_role_and_db() {
    # Names are fixed identifiers chosen above, not user data; quoted as identifiers anyway.
    if [ "$(psql_admin "-c \"SELECT 1 FROM pg_roles WHERE rolname = '$PG_USER'\"")" != "1" ]; then
        log "creating role $PG_USER"
        psql_admin "-c \"CREATE ROLE \\\"$PG_USER\\\" LOGIN PASSWORD '$PG_PASSWORD' CREATEDB\""
    fi
    if [ "$(psql_admin "-c \"SELECT 1 FROM pg_database WHERE datname = '$PG_DB'\"")" != "1" ]; then
        log "creating database $PG_DB"
        psql_admin "-c \"CREATE DATABASE \\\"$PG_DB\\\" OWNER \\\"$PG_USER\\\"\""
    fi
}

install_server
start_cluster "$(cluster_version)"
wait_ready
create_role_and_db
echo "postgresql://$PG_USER:$PG_PASSWORD@127.0.0.1:$PG_PORT/$PG_DB"
