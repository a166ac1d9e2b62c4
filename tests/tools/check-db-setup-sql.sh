#!/usr/bin/env bash
# Runs the post-provision step's SQL (hooks/postprovision.mjs, databaseSetupSql) against the local
# PostgreSQL set up like Azure's: the Entra administrator is an ordinary role with CREATEROLE and
# CREATEDB in azure_pg_admin, which owns the app database; pgaadauth_create_principal is a stand-in
# that creates a plain login role. Checks the SQL runs, is repeatable, and leaves the app's role
# able to build its schema in its database and nothing more. Uses a throwaway database and roles.
# Usage: tests/tools/check-db-setup-sql.sh          Exit: 0 ok, 1 not.
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source-path=SCRIPTDIR
# shellcheck source=common.sh
. "$HERE/common.sh"
set +e
conn="$(bash "$HERE/postgres.sh")" || { echo "check-db-setup-sql: no local PostgreSQL"; exit 1; }
port="$(sed -n 's/.*Port=\([0-9]*\).*/\1/p' <<< "$conn")"
as_postgres() { if [ "$(id -u)" -eq 0 ]; then su postgres -c "$1"; else sudo -u postgres sh -c "$1"; fi; }
su_psql() { as_postgres "PGOPTIONS='-c client_min_messages=warning' psql -X -q -v ON_ERROR_STOP=1 -p $port $*"; }

db=sencohub_setup_check; role=id-sencohub-check; admin=setup_check_admin
sql_dir="$(mktemp -d)"; chmod 755 "$sql_dir"
trap 'su_psql -d postgres -c "\"DROP DATABASE IF EXISTS $db\"" >/dev/null 2>&1; rm -rf "$sql_dir"' EXIT
# argv[1] is a placeholder: the hook runs its main part when argv[1] is the hook itself.
node --input-type=module -e '
import fs from "node:fs";
const [, , hook, role, database, dir] = process.argv;
const { databaseSetupSql } = await import(hook);
const sql = databaseSetupSql({ role, database });
fs.writeFileSync(dir + "/server.sql", sql.server);
fs.writeFileSync(dir + "/app.sql", sql.app);
' check "$REPO_ROOT/hooks/postprovision.mjs" "$role" "$db" "$sql_dir" || exit 1
chmod 644 "$sql_dir"/*.sql

# Azure's shape, rebuilt from nothing each run.
cat > "$sql_dir/azure.sql" <<SQL
DROP DATABASE IF EXISTS $db;
DROP FUNCTION IF EXISTS public.pgaadauth_create_principal(text, boolean, boolean);
DROP ROLE IF EXISTS "$role";
DROP ROLE IF EXISTS $admin;
DO \$\$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'azure_pg_admin') THEN CREATE ROLE azure_pg_admin NOLOGIN; END IF; END \$\$;
CREATE ROLE $admin LOGIN CREATEROLE CREATEDB PASSWORD 'setup_check_admin' IN ROLE azure_pg_admin;
CREATE DATABASE $db OWNER azure_pg_admin;
CREATE OR REPLACE FUNCTION public.pgaadauth_create_principal(name text, is_admin boolean, is_mfa boolean) RETURNS text
  LANGUAGE plpgsql SECURITY DEFINER AS \$\$
BEGIN
  IF is_admin THEN RAISE EXCEPTION 'stand-in: only plain roles'; END IF;
  EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L', name, 'setup_check_app');
  RETURN format('Created role for "%s"', name);
END \$\$;
GRANT EXECUTE ON FUNCTION public.pgaadauth_create_principal(text, boolean, boolean) TO $admin;
SQL
chmod 644 "$sql_dir/azure.sql"
su_psql -d postgres -f "$sql_dir/azure.sql" >/dev/null || { echo "check-db-setup-sql: could not prepare the stand-in"; exit 1; }

as_admin() { PGPASSWORD=setup_check_admin psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U "$admin" "$@"; }
as_app() { PGPASSWORD=setup_check_app psql -X -qtA -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U "$role" "$@"; }
problems=0
problem() { echo "  [db] $*"; problems=$((problems + 1)); }
for run in first again; do
  as_admin -d postgres -f "$sql_dir/server.sql" 2>&1 | sed 's/^/  /' ; [ "${PIPESTATUS[0]}" -eq 0 ] || problem "server SQL failed ($run run)"
  as_admin -d "$db" -f "$sql_dir/app.sql" 2>&1 | sed 's/^/  /'; [ "${PIPESTATUS[0]}" -eq 0 ] || problem "app database SQL failed ($run run)"
done
flags="$(su_psql -d postgres -tA -c "\"SELECT rolsuper, rolcreaterole, rolcreatedb, pg_has_role('$role', 'azure_pg_admin', 'MEMBER') FROM pg_roles WHERE rolname = '$role'\"")"
[ "$flags" = "f|f|f|f" ] || problem "the app's role must be a plain role, not an administrator (super|createrole|createdb|azure_pg_admin: $flags)"
as_app -d "$db" -c "CREATE TABLE check_schema (id int); INSERT INTO check_schema VALUES (1); DROP TABLE check_schema;" >/dev/null \
  || problem "the app's role cannot build its schema in $db"
as_app -d postgres -c "CREATE TABLE public.not_here (id int)" >/dev/null 2>&1 && { problem "the app's role can create tables in the postgres database"; su_psql -d postgres -c "\"DROP TABLE public.not_here\""; }
as_app -d postgres -c "CREATE DATABASE another_db" >/dev/null 2>&1 && { problem "the app's role can create databases"; su_psql -d postgres -c "\"DROP DATABASE another_db\""; }
su_psql -d postgres -c "\"DROP DATABASE IF EXISTS $db\"" >/dev/null
su_psql -d postgres -c "\"DROP FUNCTION IF EXISTS public.pgaadauth_create_principal(text, boolean, boolean); DROP ROLE IF EXISTS \\\"$role\\\"; DROP ROLE IF EXISTS $admin; DROP ROLE IF EXISTS azure_pg_admin\"" >/dev/null
echo "check-db-setup-sql: $([ "$problems" -eq 0 ] && echo "the app's role is created once, plain, and builds its schema in its database only" || echo "$problems problem(s)")"
[ "$problems" -eq 0 ]
