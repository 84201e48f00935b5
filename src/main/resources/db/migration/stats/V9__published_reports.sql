-- A published monthly report keeps the figures as they were published, so the page can show what changed since.
create table published_report (
    id           bigint generated always as identity primary key,
    region_id    bigint      not null references region (id),
    year         integer     not null,
    month        integer     not null check (month between 1 and 12),
    as_of        timestamptz not null,
    published_at timestamptz not null default now(),
    published_by bigint references app_user (id),
    figures      text        not null
);
create index published_report_idx on published_report (region_id, year, month);
