-- Every import: who, when, which file (hash), what it would do / did. The file is kept between the preview and
-- the commit so that what is committed is exactly what was previewed, on whichever instance.
create table import_batch (
    id          bigint generated always as identity primary key,
    kind        varchar(16)  not null check (kind in ('PROJECTS')),
    user_id     bigint       not null references app_user (id),
    file_name   varchar(255) not null,
    sha256      char(64)     not null,
    content     bytea,
    created     integer      not null default 0,
    updated     integer      not null default 0,
    unchanged   integer      not null default 0,
    rejected    integer      not null default 0,
    status      varchar(12)  not null check (status in ('PREVIEWED', 'COMMITTED')),
    at          timestamptz  not null default now(),
    committed_at timestamptz
);
create index import_batch_user_idx on import_batch (user_id, at);
