-- Supervision (督办): warning rules as data, the warnings they raise (kept after they clear), supervision tasks with
-- their history and attachments, the in-app inbox, and ShedLock's table so that a scheduled job runs once however
-- many instances share the database.

create table shedlock (
    name       varchar(64)  primary key,
    lock_until timestamp    not null,
    locked_at  timestamp    not null,
    locked_by  varchar(255) not null
);

-- params: the rule's numbers (days, months, shares), documented per rule in Warnings.java
create table warning_rule (
    code       varchar(32)  primary key,
    name_zh    varchar(100) not null,
    name_en    varchar(100) not null,
    level      varchar(8)   not null check (level in ('YELLOW', 'RED')),
    params     jsonb        not null default '{}',
    enabled    boolean      not null default true,
    sort_order integer      not null default 0,
    version    integer      not null default 0
);

insert into warning_rule (code, name_zh, name_en, level, params, sort_order) values
  ('STAGE_STALLED',   '阶段长期未推进',   'Stage unchanged too long',        'YELLOW',
   '{"RESERVE": 180, "NEGOTIATING": 120, "SIGNED": 90, "REGISTERED": 90, "STARTED": 365, "redFactor": 2}', 10),
  ('NOT_STARTED',     '签约后未按期开工', 'Signed but not started',          'RED',    '{"months": 6}', 20),
  ('NO_FOLLOWUP',     '长期无跟进记录',   'No follow-up',                    'YELLOW', '{"days": 30}', 30),
  ('FUNDS_BEHIND',    '资金到位滞后',     'Funds behind schedule',           'YELLOW',
   '{"scheduleMonths": 24, "yellowShare": 0.2, "redShare": 0.5}', 40),
  ('INDICATOR_BEHIND','指标落后序时进度', 'Indicator behind schedule',       'YELLOW', '{}', 50),
  ('DUPLICATE_OPEN',  '疑似重复项目未处理', 'Duplicate candidate unresolved', 'YELLOW', '{"days": 7}', 60),
  ('REVIEW_WAITING',  '审核等待超时',     'Review waiting too long',         'YELLOW', '{"days": 3, "redFactor": 2}', 70);

-- one row per time a cause is found; cleared_at set when the cause is gone (a later recurrence is a new row)
create table warning (
    id            bigint generated always as identity primary key,
    rule_code     varchar(32)  not null references warning_rule (code),
    subject_type  varchar(16)  not null check (subject_type in ('PROJECT', 'REGION', 'PAIR')),
    subject_id    bigint       not null,
    subject_key   varchar(100) not null, -- unique per cause: project id, "region:indicator", "a-b"
    region_id     bigint       not null references region (id),
    owner_user_id bigint references app_user (id),
    level         varchar(8)   not null check (level in ('YELLOW', 'RED')),
    detail        jsonb        not null default '{}',
    raised_at     timestamptz  not null,
    last_seen_at  timestamptz  not null,
    cleared_at    timestamptz
);
create unique index warning_active_idx on warning (rule_code, subject_key) where cleared_at is null;
create index warning_region_idx on warning (region_id) where cleared_at is null;
create index warning_owner_idx on warning (owner_user_id) where cleared_at is null;

create sequence supervision_task_seq;

create table supervision_task (
    id                bigint generated always as identity primary key,
    code              varchar(20)   not null unique,
    title             varchar(200)  not null,
    requirement       varchar(2000) not null,
    warning_id        bigint references warning (id),
    project_id        bigint references project (id),
    issuer_id         bigint        not null references app_user (id),
    assignee_region_id bigint       not null references region (id),
    assignee_user_id  bigint references app_user (id),
    assignee_unit     varchar(100),
    deadline          date          not null,
    status            varchar(12)   not null default 'OPEN'
        check (status in ('OPEN', 'RESPONDED', 'ACCEPTED')),
    escalation_level  integer       not null default 0,
    escalated_on      date,
    created_at        timestamptz   not null,
    closed_at         timestamptz,
    version           integer       not null default 0
);
create index supervision_task_region_idx on supervision_task (assignee_region_id);
create index supervision_task_open_idx on supervision_task (deadline) where status <> 'ACCEPTED';

create table supervision_task_event (
    id       bigint generated always as identity primary key,
    task_id  bigint        not null references supervision_task (id),
    kind     varchar(12)   not null check (kind in ('CREATED', 'RESPONDED', 'ACCEPTED', 'SENT_BACK', 'ESCALATED')),
    actor_id bigint references app_user (id),
    text     varchar(2000),
    at       timestamptz   not null
);
create index supervision_task_event_task_idx on supervision_task_event (task_id, id);

-- attachments live in the database, so every instance sees them
create table supervision_task_file (
    id           bigint generated always as identity primary key,
    task_id      bigint       not null references supervision_task (id),
    event_id     bigint references supervision_task_event (id),
    name         varchar(255) not null,
    content_type varchar(100) not null,
    size_bytes   bigint       not null,
    sha256       char(64)     not null,
    content      bytea        not null,
    uploaded_by  bigint references app_user (id),
    at           timestamptz  not null
);

create table notification (
    id         bigint generated always as identity primary key,
    user_id    bigint       not null references app_user (id),
    kind       varchar(16)  not null check (kind in ('WARNING', 'TASK', 'DIGEST')),
    message    varchar(64)  not null, -- message key
    args       jsonb        not null default '[]',
    link       varchar(300),
    created_at timestamptz  not null,
    read_at    timestamptz
);
create index notification_user_idx on notification (user_id, id desc);
create index notification_unread_idx on notification (user_id) where read_at is null;

-- every run of a scheduled job, by the instance that ran it (the others skipped it under the ShedLock lock)
create table job_run (
    id          bigint generated always as identity primary key,
    name        varchar(64)  not null,
    instance    varchar(255) not null,
    started_at  timestamptz  not null,
    finished_at timestamptz,
    outcome     varchar(8),
    detail      varchar(500)
);
create index job_run_name_idx on job_run (name, id desc);
