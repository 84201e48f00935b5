-- where the daily supervision digest is e-mailed (optional: the in-app inbox works without it)
alter table app_user add column email varchar(200);
