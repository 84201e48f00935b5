create table app_user (
    id                  bigint generated always as identity primary key,
    username            varchar(64)  not null,
    display_name        varchar(100) not null,
    password_hash       varchar(200) not null,
    region_id           bigint       not null references region (id),
    enabled             boolean      not null default true,
    locked_until        timestamptz,
    password_changed_at timestamptz  not null,
    totp_secret         varchar(64),
    totp_enabled        boolean      not null default false,
    must_change_password boolean     not null default false,
    last_login_at       timestamptz,
    version             integer      not null default 0,
    created_at          timestamptz  not null default now()
);

-- user names are unique whatever their case
create unique index app_user_username_uq on app_user (lower(username));
create index app_user_region_idx on app_user (region_id);

create table user_role (
    user_id bigint      not null references app_user (id) on delete cascade,
    role    varchar(32) not null check (role in ('ADMIN', 'CITY_STAFF', 'COUNTY_STAFF', 'LEADER', 'TALENT_OFFICER')),
    primary key (user_id, role)
);

-- failed logins inside the lockout window; cleared on success
create table login_failure (
    id        bigint generated always as identity primary key,
    user_id   bigint      not null references app_user (id) on delete cascade,
    failed_at timestamptz not null
);
create index login_failure_user_idx on login_failure (user_id, failed_at);

-- API tokens are stored as SHA-256 of the secret; the secret is shown once at creation
create table api_token (
    id           bigint generated always as identity primary key,
    user_id      bigint       not null references app_user (id) on delete cascade,
    name         varchar(100) not null,
    token_hash   char(64)     not null unique,
    token_prefix varchar(12)  not null,
    created_at   timestamptz  not null,
    expires_at   timestamptz  not null,
    revoked_at   timestamptz,
    last_used_at timestamptz
);
create index api_token_user_idx on api_token (user_id);
