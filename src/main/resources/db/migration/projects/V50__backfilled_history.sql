-- Back-filled history (补录): a project loaded from an old ledger describes facts that happened before it was recorded.
-- The project says so (backfilled); its first approved version then stands for the time before it was recorded too
-- (project_approved.backfilled, set on that version only), and so do the fund records approved with it or entered as
-- history (project_fund.backfilled). "As of" a date before the records began reads what was first recorded instead
-- of nothing; figures and checks that did so say how many records they took that way.
alter table project add column backfilled boolean not null default false;
alter table project_approved add column backfilled boolean not null default false;
alter table project_fund add column backfilled boolean not null default false;

