-- Recomputes the audit log's hash chain in SQL, exactly as cn.yinfeng.audit.AuditChain does in Java (and
-- GET /api/v1/audit/verify): SHA-256 over the previous hash and each column's text, joined by U+001F, with U+2400
-- for NULL and the time as java.time.Instant#toString prints it (UTC, fraction of 0, 3 or 6 digits).
-- Prints one row: rows checked, rows whose content no longer matches their hash, rows not linked to the row
-- before, the first broken id (empty when none) and the last hash (equal in a dump's source and its restore).
with r as (
    select id, prev_hash, hash,
           lag(hash, 1, repeat('0', 64)) over (order by id) as expected_prev,
           encode(sha256(convert_to(
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
               'UTF8')), 'hex') as recomputed
    from (select *, (extract(microseconds from at)::bigint % 1000000) as us from audit_log) a
)
select count(*)                                                          as checked,
       count(*) filter (where recomputed <> hash)                        as content_broken,
       count(*) filter (where prev_hash <> expected_prev)                as link_broken,
       min(id) filter (where recomputed <> hash or prev_hash <> expected_prev) as first_broken_id,
       (select hash from audit_log order by id desc limit 1)             as last_hash
from r;
