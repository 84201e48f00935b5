-- Each run of a batch (its dry run, a dry run run again, a commit, a commit run again) takes the next attempt
-- number when it claims the batch; a run writes its outcome only while the attempt is still its own, so a run
-- taken for dead and replaced cannot overwrite its replacement.
alter table import_batch add column attempt integer not null default 0;
