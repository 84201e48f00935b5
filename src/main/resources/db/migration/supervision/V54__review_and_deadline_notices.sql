-- Review hand-offs reach the inbox; a task due soon reminds its assignee once (the date it did is remembered).
alter table notification drop constraint notification_kind_check;
alter table notification add constraint notification_kind_check
    check (kind in ('WARNING', 'TASK', 'DIGEST', 'CREDIT', 'REVIEW'));
alter table supervision_task add column deadline_reminded_on date;
