-- Talent attraction (招才引智, 引育用留): recruitment campaigns with the institutions' positions and the places
-- visited, introduced talents (ID number and phone encrypted in the application, AES-256-GCM, with a masked copy
-- for lists), training classes with sessions and attendance (人次), university partnerships, care services and
-- expert studios. Every record belongs to a region; queries scope by it.

create table talent_campaign (
    id         bigint generated always as identity primary key,
    region_id  bigint        not null references region (id),
    name       varchar(200)  not null,
    start_date date          not null,
    end_date   date          not null check (end_date >= start_date),
    notes      varchar(2000),
    created_by bigint references app_user (id),
    created_at timestamptz   not null default now(),
    version    integer       not null default 0
);
create index talent_campaign_region on talent_campaign (region_id, start_date);

-- cities and universities visited by a campaign
create table talent_campaign_place (
    id          bigint generated always as identity primary key,
    campaign_id bigint       not null references talent_campaign (id) on delete cascade,
    kind        varchar(16)  not null check (kind in ('CITY', 'UNIVERSITY')),
    name        varchar(100) not null,
    unique (campaign_id, kind, name)
);

-- a position an institution (事业单位) offers in a campaign, with applicants and hires
create table talent_position (
    id           bigint generated always as identity primary key,
    campaign_id  bigint       not null references talent_campaign (id) on delete cascade,
    institution  varchar(200) not null,
    title        varchar(200) not null,
    openings     integer      not null check (openings > 0),
    requirements varchar(1000),
    applicants   integer      not null default 0 check (applicants >= 0),
    hires        integer      not null default 0 check (hires >= 0)
);
create index talent_position_campaign on talent_position (campaign_id);

create table talent (
    id             bigint generated always as identity primary key,
    region_id      bigint       not null references region (id),
    name           varchar(50)  not null,
    gender         varchar(1)   check (gender in ('M', 'F')),
    birth_year     integer      check (birth_year between 1930 and 2020),
    degree         varchar(16)  not null check (degree in ('DOCTOR', 'MASTER', 'BACHELOR', 'COLLEGE', 'OTHER')),
    major          varchar(100),
    university     varchar(100),
    source_city    varchar(50),
    employer       varchar(200) not null,
    employer_kind  varchar(16)  not null check (employer_kind in ('INSTITUTION', 'ENTERPRISE', 'OTHER')),
    introduced_on  date         not null,
    campaign_id    bigint references talent_campaign (id),
    benefits       varchar(1000),
    -- personal data: ciphertext ("v1:" + base64 of IV and AES-GCM output) and the masked form lists show
    id_number_enc  varchar(200),
    id_number_mask varchar(32),
    phone_enc      varchar(200),
    phone_mask     varchar(32),
    created_by     bigint references app_user (id),
    created_at     timestamptz  not null default now(),
    version        integer      not null default 0
);
create index talent_region on talent (region_id, introduced_on);

-- who may see talents' ID numbers and phones in full (an explicit grant by an administrator)
create table talent_pii_grant (
    user_id    bigint       primary key references app_user (id),
    reason     varchar(500) not null,
    granted_by bigint       not null references app_user (id),
    granted_at timestamptz  not null default now()
);

create table talent_training_class (
    id         bigint generated always as identity primary key,
    region_id  bigint       not null references region (id),
    name       varchar(200) not null,
    kind       varchar(16)  not null check (kind in ('ZHONGQING', 'TIEJIAN', 'GUOQING', 'OTHER')),
    term       integer      check (term > 0),
    partner    varchar(200),
    start_date date         not null,
    end_date   date         not null check (end_date >= start_date),
    notes      varchar(2000),
    created_by bigint references app_user (id),
    created_at timestamptz  not null default now(),
    version    integer      not null default 0
);
create index talent_training_class_region on talent_training_class (region_id, start_date);

create table talent_training_participant (
    id        bigint generated always as identity primary key,
    class_id  bigint       not null references talent_training_class (id) on delete cascade,
    name      varchar(50)  not null,
    unit      varchar(200),
    talent_id bigint references talent (id)
);
create index talent_training_participant_class on talent_training_participant (class_id);

create table talent_training_session (
    id           bigint generated always as identity primary key,
    class_id     bigint       not null references talent_training_class (id) on delete cascade,
    session_date date         not null,
    topic        varchar(200) not null,
    speaker      varchar(100),
    created_at   timestamptz  not null default now()
);
create index talent_training_session_class on talent_training_session (class_id, session_date);

-- one row per participant present at a session: the 人次
create table talent_training_attendance (
    session_id     bigint      not null references talent_training_session (id) on delete cascade,
    participant_id bigint      not null references talent_training_participant (id) on delete cascade,
    created_at     timestamptz not null default now(),
    primary key (session_id, participant_id)
);

create table talent_partnership (
    id         bigint generated always as identity primary key,
    region_id  bigint       not null references region (id),
    university varchar(100) not null,
    kind       varchar(16)  not null check (kind in ('BASE', 'PROJECT')),
    name       varchar(200) not null,
    signed_on  date         not null,
    status     varchar(16)  not null check (status in ('SIGNED', 'ACTIVE', 'ENDED')),
    notes      varchar(2000),
    created_by bigint references app_user (id),
    created_at timestamptz  not null default now(),
    version    integer      not null default 0
);
create index talent_partnership_region on talent_partnership (region_id, signed_on);

-- care and services: health-check batches, subsidies (万元), housing
create table talent_care (
    id           bigint generated always as identity primary key,
    region_id    bigint         not null references region (id),
    kind         varchar(16)    not null check (kind in ('HEALTH_CHECK', 'SUBSIDY', 'HOUSING', 'OTHER')),
    title        varchar(200)   not null,
    batch        integer        check (batch > 0),
    service_date date           not null,
    people       integer        not null default 0 check (people >= 0),
    amount       numeric(14, 2) check (amount >= 0),
    notes        varchar(2000),
    created_by   bigint references app_user (id),
    created_at   timestamptz    not null default now(),
    version      integer        not null default 0
);
create index talent_care_region on talent_care (region_id, service_date);

create table talent_studio (
    id             bigint generated always as identity primary key,
    region_id      bigint       not null references region (id),
    name           varchar(200) not null,
    kind           varchar(16)  not null check (kind in ('DOCTORAL', 'EXPERT', 'SKILL')),
    lead_expert    varchar(100),
    established_on date         not null,
    notes          varchar(2000),
    created_by     bigint references app_user (id),
    created_at     timestamptz  not null default now(),
    version        integer      not null default 0
);

create table talent_studio_member (
    id        bigint generated always as identity primary key,
    studio_id bigint       not null references talent_studio (id) on delete cascade,
    name      varchar(50)  not null,
    title     varchar(100)
);

create table talent_studio_output (
    id          bigint generated always as identity primary key,
    studio_id   bigint       not null references talent_studio (id) on delete cascade,
    output_date date         not null,
    title       varchar(200) not null
);
