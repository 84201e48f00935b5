-- Projects' yearly actuals against their commitments are a ledger kind of their own.
alter table import_batch drop constraint import_batch_kind_check;
alter table import_batch add constraint import_batch_kind_check
    check (kind in ('PROJECTS', 'ENTERPRISES', 'FUNDS', 'TRIPS', 'DELEGATIONS', 'ACTUALS'));
