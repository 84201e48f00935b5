-- the workbench's queues: projects not yet approved (drafts, submitted, returned) by region, small beside the ledger
create index project_open_review_idx on project (review_status, region_id, updated_at)
    where review_status <> 'APPROVED';
-- follow-ups with a next step due
create index project_followup_due_idx on project_followup (due_date) where due_date is not null;
