-- Problems (问题清单): a project's obstacle raised by its county, owned by a unit and a leader with a deadline, answered
-- and closed through the same steps as a supervision task. A problem is a supervision_task of kind PROBLEM: one task
-- system, one history, one escalation. project_region_id is the project's landing region when raised, so the county
-- that raised it keeps seeing it while a city unit answers.

alter table supervision_task
    add column kind              varchar(8)  not null default 'TASK' check (kind in ('TASK', 'PROBLEM')),
    add column category          varchar(12) check (category in ('LAND', 'FUNDING', 'APPROVAL', 'FACTORS', 'POLICY', 'OTHER')),
    add column leader_user_id    bigint references app_user (id),
    add column project_region_id bigint references region (id);

alter table supervision_task add constraint supervision_problem_complete check (
    kind = 'TASK' or (project_id is not null and category is not null and leader_user_id is not null
                      and project_region_id is not null and assignee_unit is not null));

create sequence supervision_problem_seq;

create index supervision_task_problem_idx on supervision_task (project_region_id, status) where kind = 'PROBLEM';
create index supervision_task_project_idx on supervision_task (project_id) where project_id is not null;
create index supervision_task_leader_idx on supervision_task (leader_user_id) where leader_user_id is not null;

-- a reminder (催办) sent on an open problem or task is part of its history
alter table supervision_task_event drop constraint supervision_task_event_kind_check;
alter table supervision_task_event add constraint supervision_task_event_kind_check
    check (kind in ('CREATED', 'RESPONDED', 'ACCEPTED', 'SENT_BACK', 'ESCALATED', 'REMINDED'));
