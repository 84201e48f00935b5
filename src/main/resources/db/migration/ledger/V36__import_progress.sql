-- Imports started from the page run in the background: the batch row says what is running (PREVIEWING, COMMITTING),
-- what it came to (PREVIEWED with its report, COMMITTED) or why it stopped (FAILED); import_progress is written about
-- once a second by the instance running it, so any instance can show how far it got, and a run whose instance died
-- (no heartbeat for a minute) is shown as interrupted and can be run again. Progress has its own table because a
-- commit holds the batch row locked until it is done.
alter table import_batch drop constraint import_batch_status_check;
alter table import_batch add constraint import_batch_status_check
    check (status in ('PREVIEWING', 'PREVIEWED', 'COMMITTING', 'COMMITTED', 'FAILED'));
alter table import_batch
    -- the rows the report page lists (rejected first, at most 1,000) with their outcome and reasons
    add column report jsonb,
    -- why the last run did not finish, in the uploader's language; a failed commit leaves the batch PREVIEWED
    add column error  varchar(1000);

create table import_progress (
    batch_id     bigint      primary key references import_batch (id) on delete cascade,
    phase        varchar(12) not null check (phase in ('QUEUED', 'READING', 'MATCHING', 'CHECKING', 'WRITING')),
    rows_done    integer     not null default 0,
    rows_total   integer     not null default 0,
    heartbeat_at timestamptz not null default now()
);
