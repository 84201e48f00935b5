-- The rule each audit row's hash was made with: 1 = SHA-256 over the row's text (the published rule of V3, every
-- row written before this migration), 2 = HMAC-SHA256 over the same text with yinfeng.audit.key, a key kept outside
-- the database. Verification checks each row by its own rule; a rule-1 row after the first rule-2 row is tampering.
-- Adding the column with a constant default touches no row (no rewrite, no UPDATE trigger); the default is then
-- dropped so that every writer names its rule.
alter table audit_log add column hash_rule smallint not null default 1 check (hash_rule in (1, 2));
alter table audit_log alter column hash_rule drop default;

comment on column audit_log.hash_rule is
    '1: sha256(text), rows before V40; 2: hmac-sha256(yinfeng.audit.key, text). Verified by cn.yinfeng.audit.AuditQueries';
