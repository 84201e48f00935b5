-- A project's latest follow-up (the highest id) carries the next step that is due; the workbench lists those due.
-- Marking it lets the due list read an index of latest steps instead of checking every old follow-up.
alter table project_followup add column latest boolean not null default false;
update project_followup f set latest = true
 where f.id = (select max(l.id) from project_followup l where l.project_id = f.project_id);
drop index if exists project_followup_due_idx;
create index project_followup_latest_due_idx on project_followup (due_date) where latest and due_date is not null;
