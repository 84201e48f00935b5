-- Saved reconciliations of a text (news article, work report, speech) against the ledger. region_id is the saver's
-- region: who may see the check (region scope); default_region_id the region the text speaks of when it names none.
create table reconcile_check (
    id                bigint generated always as identity primary key,
    region_id         bigint       not null references region (id),
    title             varchar(200) not null,
    body              text         not null,
    text_date         date,
    default_region_id bigint       not null references region (id),
    report_id         bigint references published_report (id),
    claims            jsonb        not null,
    claim_count       integer      not null,
    agrees            integer      not null,
    disagrees         integer      not null,
    cannot_check      integer      not null,
    created_by        bigint references app_user (id),
    created_by_name   varchar(100),
    created_at        timestamptz  not null default now(),
    version           bigint       not null default 0
);
create index reconcile_check_region_idx on reconcile_check (region_id, created_at desc);
