-- Append-only audit log. Each row carries the hash of the previous row, so a changed or deleted row breaks the
-- chain and the verify command finds it. The database itself refuses UPDATE, DELETE and TRUNCATE.
create table audit_log (
    id          bigint generated always as identity primary key,
    at          timestamptz  not null,
    user_id     bigint,
    username    varchar(64),
    region_id   bigint,
    action      varchar(64)  not null,
    target_type varchar(64),
    target_id   varchar(128),
    outcome     varchar(16)  not null check (outcome in ('SUCCESS', 'FAILURE', 'DENIED')),
    detail      varchar(1000),
    client_ip   varchar(64),
    prev_hash   char(64)     not null,
    hash        char(64)     not null
);

create index audit_log_at_idx on audit_log (at);
create index audit_log_user_idx on audit_log (username, at);
create index audit_log_action_idx on audit_log (action, at);

create function audit_log_append_only() returns trigger
    language plpgsql as
$$
begin
    raise exception 'audit_log is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
end;
$$;

create trigger audit_log_no_update_delete
    before update or delete on audit_log
    for each row execute function audit_log_append_only();

create trigger audit_log_no_truncate
    before truncate on audit_log
    for each statement execute function audit_log_append_only();
