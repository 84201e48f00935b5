-- Industrial chains (产业链): a configurable taxonomy with tiers, named sets (e.g. the city's "985" key-chain set),
-- up/mid/downstream nodes and the target enterprises of each node (招商图谱).
create table chain (
    id              bigint generated always as identity primary key,
    code            varchar(32)  not null unique,
    name            varchar(100) not null,
    tier            varchar(16)  not null default 'OTHER'
        check (tier in ('TRILLION', 'HUNDRED_BILLION', 'TEN_BILLION', 'OTHER')),
    owner_region_id bigint       not null references region (id),
    description     varchar(500),
    sort_order      integer      not null default 0,
    version         integer      not null default 0
);

create table chain_set (
    id              bigint generated always as identity primary key,
    code            varchar(32)  not null unique,
    name            varchar(100) not null,
    owner_region_id bigint       not null references region (id)
);

create table chain_set_member (
    set_id   bigint not null references chain_set (id) on delete cascade,
    chain_id bigint not null references chain (id) on delete cascade,
    primary key (set_id, chain_id)
);

create table chain_node (
    id         bigint generated always as identity primary key,
    chain_id   bigint       not null references chain (id) on delete cascade,
    segment    varchar(8)   not null check (segment in ('UP', 'MID', 'DOWN')),
    name       varchar(100) not null,
    sort_order integer      not null default 0
);
create index chain_node_chain_idx on chain_node (chain_id);

create table chain_target (
    id              bigint generated always as identity primary key,
    node_id         bigint       not null references chain_node (id) on delete cascade,
    enterprise_id   bigint references enterprise (id),
    enterprise_name varchar(200) not null,
    status          varchar(16)  not null default 'UNTOUCHED'
        check (status in ('UNTOUCHED', 'CONTACTED', 'NEGOTIATING', 'SIGNED')),
    note            varchar(500),
    version         integer      not null default 0
);
create index chain_target_node_idx on chain_target (node_id);
