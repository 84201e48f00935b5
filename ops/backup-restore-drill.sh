#!/usr/bin/env bash
# Backup and restore drill (MLPS 数据备份恢复): dump a Yinfeng database with pg_dump -Fc, restore the dump into a
# fresh database with pg_restore, then prove the copy is whole: the row count of every table equal in both, and
# the audit log's hash chain intact in the copy and ending on the same hash as the source.
#
#   ops/backup-restore-drill.sh [--keep] [--dump-dir DIR] DATABASE
#
# Connection by the usual libpq variables (PGHOST, PGPORT, PGUSER, PGPASSWORD or ~/.pgpass); the user needs
# CREATEDB. The copy is named DATABASE_drill_<time> and dropped at the end unless --keep; the dump file stays in
# --dump-dir (default: a new temporary directory) so it can be copied off-site. Exits non-zero on any difference.
# Run it against a quiet database (or a replica): on a busy one, rows written after pg_dump's snapshot make the
# counts differ. Point-in-time recovery (WAL archiving, base backups) is described in docs/operations.md.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
keep=false
dump_dir=""
while [ $# -gt 0 ]; do
  case "$1" in
    --keep) keep=true; shift ;;
    --dump-dir) dump_dir="$2"; shift 2 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    -*) echo "unknown option $1" >&2; exit 2 ;;
    *) break ;;
  esac
done
src="${1:?usage: $0 [--keep] [--dump-dir DIR] DATABASE}"
copy="${src}_drill_$(date +%Y%m%d%H%M%S)"
dump_dir="${dump_dir:-$(mktemp -d -t yinfeng-drill.XXXXXX)}"
mkdir -p "$dump_dir"
dump="$dump_dir/$src-$(date +%Y%m%dT%H%M%S).dump"
chain_sql="$here/audit-chain-check.sql"

q() { psql -X -q -v ON_ERROR_STOP=1 -At -d "$1" -c "$2"; }
cleanup() {
  if [ "$keep" = false ]; then
    dropdb --if-exists "$copy" 2>/dev/null || true
  fi
}
trap cleanup EXIT

echo "== backup drill: $src -> $copy"
t0=$(date +%s)
pg_dump -Fc -Z 6 -f "$dump" "$src"
t1=$(date +%s)
echo "dump: $dump ($(du -h "$dump" | cut -f1), $((t1 - t0)) s)"

createdb -T template0 -E UTF8 "$copy"
pg_restore --exit-on-error --no-owner -j 2 -d "$copy" "$dump"
t2=$(date +%s)
echo "restore into $copy: $((t2 - t1)) s"

# every base table of the public schema, counted in both databases
tables=$(q "$src" "select table_name from information_schema.tables where table_schema = 'public'
                   and table_type = 'BASE TABLE' order by 1")
failed=0
printf '%-34s %12s %12s\n' table source restored
for t in $tables; do
  a=$(q "$src" "select count(*) from \"$t\"")
  b=$(q "$copy" "select count(*) from \"$t\"" 2>/dev/null || echo missing)
  mark=""
  if [ "$a" != "$b" ]; then mark="  << DIFFERENT"; failed=1; fi
  case "$t" in
    region|app_user|api_token|audit_log|enterprise|project|project_approved|project_fund|trip|talent|\
supervision_task|import_batch|flyway_schema_history|spring_session) printf '%-34s %12s %12s%s\n' "$t" "$a" "$b" "$mark" ;;
    *) [ -n "$mark" ] && printf '%-34s %12s %12s%s\n' "$t" "$a" "$b" "$mark" ;;
  esac
done
echo "tables compared: $(echo "$tables" | wc -w)"

# the audit chain, recomputed in SQL (the same rule as GET /api/v1/audit/verify)
src_chain=$(psql -X -q -v ON_ERROR_STOP=1 -At -F ' ' -d "$src" -f "$chain_sql")
copy_chain=$(psql -X -q -v ON_ERROR_STOP=1 -At -F ' ' -d "$copy" -f "$chain_sql")
read -r checked content link first last <<<"$(echo "$copy_chain" | awk '{ if (NF == 4) print $1, $2, $3, "-", $4; else print }')"
src_last=$(echo "$src_chain" | awk '{print $NF}')
echo "audit chain in the copy: $checked rows checked, $content changed, $link unlinked, last hash ${last:0:16}…"
if [ "$content" != 0 ] || [ "$link" != 0 ]; then
  echo "audit chain BROKEN in the restored copy (first broken row: $first)"; failed=1
fi
if [ "$last" != "$src_last" ]; then
  echo "audit chain of the copy ends on another hash than the source"; failed=1
fi

if [ "$failed" != 0 ]; then
  echo "== backup drill FAILED"; exit 1
fi
echo "== backup drill passed: $(echo "$tables" | wc -w) tables equal, audit chain intact ($checked rows)"
