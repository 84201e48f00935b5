-- A change to a shared registry entry proposed by staff of a region the entry does not belong to: the city accepts
-- it (applied as an ordinary edit, with the version the proposal was based on) or rejects it with a reason. The
-- proposed values are the whole form, as columns, so that the decision shows them beside the current ones.
create table enterprise_proposal (
    id                 bigint generated always as identity primary key,
    enterprise_id      bigint        not null references enterprise (id),
    base_version       integer       not null,
    credit_code        char(18),
    name               varchar(200)  not null,
    former_names       varchar(500),
    registered_capital numeric(16, 2) check (registered_capital >= 0),
    hq_province        varchar(50),
    hq_city            varchar(50),
    industry           varchar(100),
    contact_name       varchar(50),
    contact_phone      varchar(40),
    source_channel     varchar(50),
    proposed_by        bigint        not null references app_user (id),
    region_id          bigint        not null references region (id),
    proposed_at        timestamptz   not null default now(),
    status             varchar(10)   not null default 'PENDING'
                                     check (status in ('PENDING', 'ACCEPTED', 'REJECTED')),
    decided_by         bigint references app_user (id),
    decided_at         timestamptz,
    reason             varchar(500),
    check ((status = 'PENDING') = (decided_at is null))
);
create index enterprise_proposal_status_idx on enterprise_proposal (status, proposed_at desc);
create index enterprise_proposal_enterprise_idx on enterprise_proposal (enterprise_id);
create index enterprise_proposal_region_idx on enterprise_proposal (region_id);
