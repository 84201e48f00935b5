-- Approval milestones (审批节点): the steps a project passes (用地预审, 土地出让, 环评, …) as a list the city edits,
-- each with its time limit in calendar days (办理时限), and per project the steps it passes: the unit responsible,
-- the planned date, the day the unit accepted the application (受理) and the day it was done (办结). A milestone
-- keeps the time limit its step had when it was recorded, so the city changing a limit does not move the deadlines
-- of steps already under way. Steps are never deleted once used: the city retires them (active = false).
create table approval_step (
    code       varchar(32) primary key check (code ~ '^[A-Z][A-Z0-9_]{1,31}$'),
    name       varchar(50) not null unique,
    name_en    varchar(80) not null,
    limit_days integer     not null check (limit_days between 1 and 3650),
    position   integer     not null default 0,
    active     boolean     not null default true,
    version    integer     not null default 0
);

insert into approval_step (code, name, name_en, limit_days, position) values
  ('LAND_PRE',     '用地预审', 'Land-use pre-approval',           20, 10),
  ('LAND_SALE',    '土地出让', 'Land transfer',                   60, 20),
  ('EIA',          '环评',     'Environmental impact assessment', 30, 30),
  ('ENERGY',       '能评',     'Energy-use assessment',           30, 40),
  ('PLANNING',     '规划许可', 'Planning permit',                 20, 50),
  ('CONSTRUCTION', '施工许可', 'Construction permit',             15, 60),
  ('COMPLETION',   '竣工验收', 'Completion acceptance',           30, 70);

create table project_milestone (
    id          bigint generated always as identity primary key,
    project_id  bigint       not null references project (id),
    step_code   varchar(32)  not null references approval_step (code),
    unit        varchar(100) not null,
    limit_days  integer      not null check (limit_days between 1 and 3650),
    planned_on  date,
    started_on  date,
    done_on     date,
    note        varchar(500),
    updated_by  bigint       references app_user (id),
    updated_at  timestamptz  not null,
    version     integer      not null default 0,
    unique (project_id, step_code),
    check (planned_on is not null or started_on is not null),
    check (done_on is null or started_on is null or done_on >= started_on)
);
-- the open steps, which the overdue list and the warning rule read
create index project_milestone_open_idx on project_milestone (project_id) where done_on is null;
