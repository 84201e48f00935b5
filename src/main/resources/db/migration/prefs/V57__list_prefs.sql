-- each user's choices on a list (column chooser, page size) and their named filters; a user's own, never shared.
-- hidden_columns keeps what the user turned off, so a column added later shows until they hide it too
create table user_list_pref (
    user_id        bigint      not null references app_user (id) on delete cascade,
    list_key       varchar(40) not null,
    hidden_columns jsonb       not null default '[]'::jsonb,
    page_size      integer,
    version        bigint      not null default 0,
    updated_at     timestamptz not null default now(),
    primary key (user_id, list_key)
);

-- a saved filter is the list's query parameters by name; applying it runs the list query, so the region scope of
-- the user applies whatever the parameters name
create table user_saved_filter (
    id         bigint generated always as identity primary key,
    user_id    bigint      not null references app_user (id) on delete cascade,
    list_key   varchar(40) not null,
    name       varchar(60) not null,
    params     jsonb       not null default '{}'::jsonb,
    created_at timestamptz not null default now(),
    unique (user_id, list_key, name)
);
