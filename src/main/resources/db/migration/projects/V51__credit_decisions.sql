-- Split credit (异地引进分成): a project attracted by one county and landing in another is credited to both by the
-- recorded share. The attracting county confirms or disputes the share it is credited with; each decision is kept
-- (append-only) with the region and share it answered, so a later change of either asks again, and an "as of" read
-- sees the state of that time.
create table project_credit_decision (
    id                   bigint generated always as identity primary key,
    project_id           bigint        not null references project (id),
    attracting_region_id bigint        not null references region (id),
    share                numeric(5, 2) not null,
    decision             varchar(12)   not null check (decision in ('CONFIRMED', 'DISPUTED')),
    note                 varchar(500),
    decided_by           bigint        not null references app_user (id),
    decided_at           timestamptz   not null default now()
);
create index project_credit_decision_project_idx on project_credit_decision (project_id, decided_at desc);

-- the approved splits a summary looks up for its "待确认" note: few, by signing date
create index project_approved_split_idx on project_approved (signed_on) where attracting_region_id is not null;
