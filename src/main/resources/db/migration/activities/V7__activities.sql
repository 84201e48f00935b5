-- The work that produces projects: trips out (走出去), delegations received (请进来), talks, and events such as
-- promotion meetings and signing ceremonies. Planned activities may lie in the future; done ones may not.
create table trip (
    id               bigint generated always as identity primary key,
    region_id        bigint        not null references region (id),
    title            varchar(200)  not null,
    leader_user_id   bigint references app_user (id),
    leader_name      varchar(100)  not null,
    leader_rank      varchar(100),
    point_to_point   boolean       not null default false,
    members          varchar(1000),
    units            varchar(500),
    start_date       date          not null,
    end_date         date          not null,
    cities           varchar(500)  not null,
    purpose          varchar(1000),
    outcome          varchar(2000),
    status           varchar(8)    not null default 'DONE' check (status in ('PLANNED', 'DONE')),
    version          integer       not null default 0,
    created_by       bigint references app_user (id),
    created_at       timestamptz   not null default now(),
    check (end_date >= start_date)
);
create index trip_region_idx on trip (region_id, start_date);
create index trip_leader_idx on trip (leader_user_id);

create table trip_visit (
    id              bigint generated always as identity primary key,
    trip_id         bigint       not null references trip (id) on delete cascade,
    enterprise_id   bigint       not null references enterprise (id),
    visit_date      date         not null,
    city            varchar(50),
    notes           varchar(1000),
    project_id      bigint references project (id)
);
create index trip_visit_trip_idx on trip_visit (trip_id);
create index trip_visit_enterprise_idx on trip_visit (enterprise_id);

create table delegation (
    id             bigint generated always as identity primary key,
    region_id      bigint        not null references region (id),
    visit_date     date          not null,
    title          varchar(200)  not null,
    people         integer       not null default 0 check (people >= 0),
    host_name      varchar(100)  not null,
    sites          varchar(1000),
    outcome        varchar(2000),
    status         varchar(8)    not null default 'DONE' check (status in ('PLANNED', 'DONE')),
    version        integer       not null default 0,
    created_by     bigint references app_user (id),
    created_at     timestamptz   not null default now()
);
create index delegation_region_idx on delegation (region_id, visit_date);

create table delegation_enterprise (
    delegation_id bigint not null references delegation (id) on delete cascade,
    enterprise_id bigint not null references enterprise (id),
    primary key (delegation_id, enterprise_id)
);

create table talk (
    id            bigint generated always as identity primary key,
    region_id     bigint        not null references region (id),
    talk_date     date          not null,
    enterprise_id bigint        not null references enterprise (id),
    participants  varchar(1000) not null,
    topics        varchar(2000),
    status        varchar(8)    not null default 'DONE' check (status in ('PLANNED', 'DONE')),
    version       integer       not null default 0,
    created_by    bigint references app_user (id),
    created_at    timestamptz   not null default now()
);
create index talk_region_idx on talk (region_id, talk_date);

create table activity_project (
    activity_type varchar(12) not null check (activity_type in ('DELEGATION', 'TALK')),
    activity_id   bigint      not null,
    project_id    bigint      not null references project (id) on delete cascade,
    primary key (activity_type, activity_id, project_id)
);

create table event (
    id         bigint generated always as identity primary key,
    region_id  bigint        not null references region (id),
    kind       varchar(16)   not null check (kind in ('PROMOTION', 'SIGNING', 'CONFERENCE')),
    title      varchar(200)  not null,
    event_date date          not null,
    place      varchar(200)  not null,
    notes      varchar(2000),
    status     varchar(8)    not null default 'DONE' check (status in ('PLANNED', 'DONE')),
    version    integer       not null default 0,
    created_by bigint references app_user (id),
    created_at timestamptz   not null default now()
);
create index event_region_idx on event (region_id, event_date);

-- projects presented at an event. counts_as says what the event may claim: a first SIGNING, an EXPANSION (its own
-- contract amount is the added amount), or a RESIGNING of a project signed before, which is shown but never counted
create table event_project (
    event_id   bigint         not null references event (id) on delete cascade,
    project_id bigint         not null references project (id),
    counts_as  varchar(12)    not null check (counts_as in ('SIGNING', 'EXPANSION', 'RESIGNING')),
    amount     numeric(16, 2) not null default 0,
    primary key (event_id, project_id)
);
create index event_project_project_idx on event_project (project_id);
