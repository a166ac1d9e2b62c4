#!/usr/bin/env bash
# Starts Debian's PostgreSQL on loopback (installing it when missing) and prints the connection
# string for the test role: `export SENCOHUB_TEST_POSTGRES="$(tests/tools/postgres.sh)"`. Idempotent.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

command -v pg_ctlcluster >/dev/null 2>&1 || ensure_apt postgresql
sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
version="$(ls /usr/lib/postgresql | sort -n | tail -1)"
if ! pg_lsclusters -h 2>/dev/null | awk '{print $1" "$2}' | grep -q "^$version main$"; then
  $sudo pg_createcluster "$version" main >&2
fi
if ! pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main" {print $4}' | grep -q online; then
  log "starting PostgreSQL $version"
  $sudo pg_ctlcluster "$version" main start >&2
fi
port="$(pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main" {print $3}')"
for _ in $(seq 1 50); do pg_isready -q -h 127.0.0.1 -p "$port" && break; sleep 0.2; done

as_postgres() { if [ "$(id -u)" -eq 0 ]; then su postgres -c "$1"; else sudo -u postgres sh -c "$1"; fi; }
as_postgres "psql -p $port -qtAc \"SELECT 1 FROM pg_roles WHERE rolname='sencohub_test'\"" | grep -q 1 \
  || as_postgres "psql -p $port -qc \"CREATE ROLE sencohub_test LOGIN CREATEDB PASSWORD 'sencohub_test'\"" >&2
echo "Host=127.0.0.1;Port=$port;Username=sencohub_test;Password=sencohub_test;Database=postgres;Timeout=15;Command Timeout=60"
