-- Regions form a tree (city -> counties, districts, zones). Permissions follow the tree: a user sees the rows of
-- their region and of every region below it. path holds the ids from the root, e.g. '/1/7/', so that
-- "this region and its descendants" is one indexed prefix match.
create table region (
    id          bigint generated always as identity primary key,
    code        varchar(32)  not null unique,
    name        varchar(100) not null,
    short_name  varchar(50),
    level       varchar(16)  not null check (level in ('PROVINCE', 'CITY', 'COUNTY', 'ZONE')),
    parent_id   bigint references region (id),
    path        varchar(1000) not null default '',
    sort_order  integer      not null default 0,
    version     integer      not null default 0,
    created_at  timestamptz  not null default now()
);

create index region_path_idx on region (path text_pattern_ops);
create index region_parent_idx on region (parent_id);
