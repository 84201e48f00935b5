-- One line per audit row, in id order: id|hash_rule|hash|text, where text is base64 (no line breaks) of the UTF-8
-- bytes the row's hash is computed over (ops/audit-chain-check.sql describes them). Two databases holding the same
-- audit rows print the same lines, so ops/backup-restore-drill.sh compares source and restored copy line by line
-- (as a SHA-256 of the whole output) and, given YINFENG_AUDIT_KEY, recomputes each keyed row's HMAC outside the
-- database: the key never reaches the server.
copy (
    select id || '|' || hash_rule || '|' || hash || '|' || translate(encode(convert_to(
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
               'UTF8'), 'base64'), E'\n', '')
    from (select *, (extract(microseconds from at)::bigint % 1000000) as us from audit_log) a
    order by id
) to stdout;
