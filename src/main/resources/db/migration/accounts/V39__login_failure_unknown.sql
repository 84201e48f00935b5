-- Failed sign-ins under names that belong to no account, counted and locked exactly like an account's
-- (login_failure, app_user.locked_until): after the same attempts an unknown name gets the same answer as a known
-- one, so the sign-in page does not tell which user names exist. name_key is lower(trim(name)), cut to the
-- 64 characters of a user name. Rows outside the lockout window are deleted as new failures arrive.
create table login_failure_unknown (
    id        bigint generated always as identity primary key,
    name_key  varchar(64) not null,
    failed_at timestamptz not null
);
create index login_failure_unknown_key_idx on login_failure_unknown (name_key, failed_at);
create index login_failure_unknown_at_idx on login_failure_unknown (failed_at);

create table login_lock_unknown (
    name_key     varchar(64) primary key,
    locked_until timestamptz not null
);
create index login_lock_unknown_until_idx on login_lock_unknown (locked_until);
