-- One import framework for every ledger kind: enterprises, funds arrived, trips and delegations beside projects.
alter table import_batch drop constraint import_batch_kind_check;
alter table import_batch add constraint import_batch_kind_check
    check (kind in ('PROJECTS', 'ENTERPRISES', 'FUNDS', 'TRIPS', 'DELEGATIONS'));
