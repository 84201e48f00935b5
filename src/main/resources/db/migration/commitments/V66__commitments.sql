-- Commitments (合同承诺) and actuals (实际完成): what a signed project's contract promised — fixed-asset investment by a
-- date, yearly output (产值), tax (税收) and jobs, the start (开工) and production (投产) dates — and what it reported
-- each year. Amounts in 万元 (jobs in persons), exact. Start and production are read from the project's own stage
-- dates. A year's actuals are closed from 1 April of the next year; changing them then is for city staff.
create table project_commitment (
    id          bigint generated always as identity primary key,
    project_id  bigint        not null references project (id),
    kind        varchar(12)   not null
        check (kind in ('INVESTMENT', 'OUTPUT', 'TAX', 'JOBS', 'START', 'PRODUCTION')),
    due_on      date          not null,
    amount      numeric(16, 2) check (amount is null or amount > 0),
    clause      varchar(100),
    note        varchar(500),
    updated_by  bigint        references app_user (id),
    updated_at  timestamptz   not null,
    version     integer       not null default 0,
    unique (project_id, kind, due_on),
    check ((kind in ('START', 'PRODUCTION')) = (amount is null))
);

create table project_actual (
    id          bigint generated always as identity primary key,
    project_id  bigint        not null references project (id),
    kind        varchar(12)   not null check (kind in ('INVESTMENT', 'OUTPUT', 'TAX', 'JOBS')),
    year        integer       not null check (year between 2000 and 2100),
    amount      numeric(16, 2) not null check (amount >= 0),
    note        varchar(500),
    recorded_by bigint        references app_user (id),
    recorded_at timestamptz   not null,
    version     integer       not null default 0,
    unique (project_id, kind, year)
);
