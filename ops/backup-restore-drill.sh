#!/usr/bin/env bash
# Backup and restore drill (MLPS 数据备份恢复): dump a Yinfeng database with pg_dump -Fc, restore the dump into a
# fresh database with pg_restore, then prove the copy is whole: the row count of every table equal in both, the
# audit log's hash chain intact in the copy (links; old-rule rows recomputed) and ending on the same hash as the
# source, every audit row equal in both, and, when YINFENG_AUDIT_KEY is set, every keyed row's HMAC recomputed here.
#
#   ops/backup-restore-drill.sh [--keep] [--dump-dir DIR] DATABASE
#
# YINFENG_AUDIT_KEY: the application's audit key (optional; read from the environment, never sent to the server).
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
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
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
rows_sql="$here/audit-chain-rows.sql"

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

# the audit chain: links and old-rule (rule 1) rows recomputed in SQL, keyed rows counted (ops/audit-chain-check.sql)
src_chain=$(psql -X -q -v ON_ERROR_STOP=1 -At -F '|' -d "$src" -f "$chain_sql")
copy_chain=$(psql -X -q -v ON_ERROR_STOP=1 -At -F '|' -d "$copy" -f "$chain_sql")
IFS='|' read -r checked content link rule keyed first last <<<"$copy_chain"
src_last=${src_chain##*|}
echo "audit chain in the copy: $checked rows checked, $content changed, $link unlinked, $rule old-rule after keyed," \
  "$keyed keyed, last hash ${last:0:16}…"
if [ "$content" != 0 ] || [ "$link" != 0 ] || [ "$rule" != 0 ]; then
  echo "audit chain BROKEN in the restored copy (first broken row: ${first:--})"; failed=1
fi
if [ "$last" != "$src_last" ]; then
  echo "audit chain of the copy ends on another hash than the source"; failed=1
fi
# every audit row equal in source and copy: id, rule, hash and the hashed text (ops/audit-chain-rows.sql)
src_rows=$(psql -X -q -v ON_ERROR_STOP=1 -At -d "$src" -f "$rows_sql" | sha256sum | cut -d' ' -f1)
copy_rows=$(psql -X -q -v ON_ERROR_STOP=1 -At -d "$copy" -f "$rows_sql" | sha256sum | cut -d' ' -f1)
if [ "$src_rows" != "$copy_rows" ]; then
  echo "audit rows of the copy differ from the source's (sha256 ${copy_rows:0:16}… vs ${src_rows:0:16}…)"; failed=1
else
  echo "audit rows equal in source and copy, row by row (sha256 ${src_rows:0:16}…)"
fi
# the keyed rows' HMAC, recomputed here with the key (never sent to the server); without it the application's
# verify (GET /api/v1/audit/verify, with its checkpoints) is the check of those rows
if [ -n "${YINFENG_AUDIT_KEY:-}" ]; then
  read -r hmac_rows hmac_bad hmac_first < <(psql -X -q -v ON_ERROR_STOP=1 -At -d "$copy" -f "$rows_sql" |
    python3 -c '
import base64, hashlib, hmac, os, sys
key = base64.b64decode(os.environ["YINFENG_AUDIT_KEY"])
n = bad = 0
first = "-"
for line in sys.stdin:
    row_id, rule, digest, text = line.rstrip("\n").split("|", 3)
    if rule != "2":
        continue
    n += 1
    if hmac.new(key, base64.b64decode(text), hashlib.sha256).hexdigest() != digest.strip():
        bad += 1
        first = row_id if first == "-" else first
print(n, bad, first)')
  echo "keyed rows in the copy: $hmac_rows checked with YINFENG_AUDIT_KEY, $hmac_bad not matching"
  if [ "$hmac_bad" != 0 ] || [ "$hmac_rows" != "$keyed" ]; then
    echo "audit chain BROKEN in the restored copy: keyed row $hmac_first does not fit the key"; failed=1
  fi
else
  echo "keyed rows: $keyed, not checked here (set YINFENG_AUDIT_KEY to check them; the application's verify does)"
fi

if [ "$failed" != 0 ]; then
  echo "== backup drill FAILED"; exit 1
fi
echo "== backup drill passed: $(echo "$tables" | wc -w) tables equal, audit chain intact ($checked rows)"
