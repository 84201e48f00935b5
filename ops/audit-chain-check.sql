-- Checks the audit log's hash chain in SQL as far as it can be checked without the audit key. Every row must link
-- to the row before it (prev_hash = the previous row's hash). Rows of hash rule 1 (written before V40) are
-- recomputed exactly as cn.yinfeng.audit.AuditChain's published rule does: SHA-256 over the previous hash and each
-- column's text, joined by U+001F, with U+2400 for NULL and the time as java.time.Instant#toString prints it (UTC,
-- fraction of 0, 3 or 6 digits). Rows of rule 2 are HMAC-SHA256 of the same text under yinfeng.audit.key, which
-- the database never holds: they are counted here (keyed) and checked by the application (GET /api/v1/audit/verify)
-- or, given the key, by ops/backup-restore-drill.sh from ops/audit-chain-rows.sql. A rule-1 row after a rule-2 row
-- is tampering (rule_broken).
-- Prints one row: rows checked, rule-1 rows whose content no longer matches their hash, rows not linked to the row
-- before, rule-1 rows after a keyed row, keyed rows, the first broken id (empty when none) and the last hash.
with r as (
    select id, prev_hash, hash, hash_rule,
           lag(hash, 1, repeat('0', 64)) over (order by id) as expected_prev,
           max(case when hash_rule = 2 then id end) over (order by id rows between unbounded preceding
                                                                  and 1 preceding) as keyed_before,
           case when hash_rule = 1 then encode(sha256(convert_to(
               concat_ws(chr(31),
                   prev_hash,
                   to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS')
                       || case when us = 0 then ''
                               when us % 1000 = 0 then '.' || lpad((us / 1000)::text, 3, '0')
                               else '.' || lpad(us::text, 6, '0') end
                       || 'Z',
                   coalesce(user_id::text, chr(9216)),
                   coalesce(username, chr(9216)),
                   coalesce(region_id::text, chr(9216)),
                   coalesce(action, chr(9216)),
                   coalesce(target_type, chr(9216)),
                   coalesce(target_id, chr(9216)),
                   coalesce(outcome, chr(9216)),
                   coalesce(detail, chr(9216)),
                   coalesce(client_ip, chr(9216))) || chr(31),
               'UTF8')), 'hex') end as recomputed
    from (select *, (extract(microseconds from at)::bigint % 1000000) as us from audit_log) a
)
select count(*)                                                            as checked,
       count(*) filter (where hash_rule = 1 and recomputed <> hash)        as content_broken,
       count(*) filter (where prev_hash <> expected_prev)                  as link_broken,
       count(*) filter (where hash_rule = 1 and keyed_before is not null)  as rule_broken,
       count(*) filter (where hash_rule = 2)                               as keyed,
       min(id) filter (where (hash_rule = 1 and (recomputed <> hash or keyed_before is not null))
                             or prev_hash <> expected_prev)                as first_broken_id,
       (select hash from audit_log order by id desc limit 1)               as last_hash
from r;
