-- The project ledger (项目台账). The project row is the working copy a county edits; project_approved holds every
-- version the city approved, with its validity interval, so official statistics read approved figures only and
-- any past report can be recomputed "as of" a date.
create table project (
    id                   bigint generated always as identity primary key,
    code                 varchar(32)    not null unique,
    name                 varchar(200)   not null,
    name_key             varchar(200)   not null,
    region_id            bigint         not null references region (id),
    attracting_region_id bigint references region (id),
    -- share of the credit that goes to the attracting region when it differs from the landing region
    attracting_share     numeric(5, 2) check (attracting_share between 0 and 100),
    chain_id             bigint references chain (id),
    chain_node_id        bigint references chain_node (id),
    project_type         varchar(16)    not null default 'INDUSTRIAL'
        check (project_type in ('INDUSTRIAL', 'SERVICE', 'AGRI_TOURISM', 'INFRASTRUCTURE', 'OTHER')),
    total_investment     numeric(16, 2) not null check (total_investment >= 0),
    contract_amount      numeric(16, 2) check (contract_amount >= 0),
    foreign_currency     char(3),
    foreign_amount       numeric(16, 2),
    exchange_rate        numeric(12, 6),
    fund_origin          varchar(24)    not null default 'OUT_OF_PROVINCE'
        check (fund_origin in ('OVERSEAS', 'OUT_OF_PROVINCE', 'IN_PROVINCE', 'IN_CITY')),
    key_project          boolean        not null default false,
    leader_user_id       bigint references app_user (id),
    responsible_unit     varchar(100),
    contact_name         varchar(50),
    contact_phone        varchar(40),
    counted              boolean        not null default true,
    not_counted_reason   varchar(200),
    expansion_of_id      bigint references project (id),
    stage                varchar(16)    not null default 'RESERVE'
        check (stage in ('RESERVE', 'NEGOTIATING', 'SIGNED', 'REGISTERED', 'STARTED', 'PRODUCING',
                         'FULL_PRODUCTION', 'SUSPENDED', 'TERMINATED')),
    held_stage           varchar(16),
    hold_reason          varchar(500),
    signed_on            date,
    registered_on        date,
    started_on           date,
    producing_on         date,
    full_production_on   date,
    review_status        varchar(16)    not null default 'DRAFT'
        check (review_status in ('DRAFT', 'SUBMITTED', 'APPROVED', 'RETURNED')),
    version              integer        not null default 0,
    created_by           bigint references app_user (id),
    created_at           timestamptz    not null default now(),
    updated_at           timestamptz    not null default now(),
    constraint project_dates_in_order check (
        (registered_on is null or signed_on is null or registered_on >= signed_on)
        and (started_on is null or signed_on is null or started_on >= signed_on)
        and (producing_on is null or started_on is null or producing_on >= started_on)
        and (full_production_on is null or producing_on is null or full_production_on >= producing_on)),
    constraint project_foreign_complete check (
        (foreign_currency is null) = (foreign_amount is null) and (foreign_currency is null) = (exchange_rate is null)),
    constraint project_not_counted_has_reason check (counted or not_counted_reason is not null)
);
create index project_region_idx on project (region_id, id);
create index project_stage_idx on project (stage);
create index project_signed_idx on project (signed_on);
create index project_name_key_idx on project (name_key);
create index project_leader_idx on project (leader_user_id);

create table project_investor (
    project_id    bigint not null references project (id) on delete cascade,
    enterprise_id bigint not null references enterprise (id),
    primary key (project_id, enterprise_id)
);
create index project_investor_enterprise_idx on project_investor (enterprise_id);

-- every stage change: date, actor, note
create table project_transition (
    id         bigint generated always as identity primary key,
    project_id bigint       not null references project (id) on delete cascade,
    from_stage varchar(16),
    to_stage   varchar(16)  not null,
    on_date    date         not null,
    actor_id   bigint references app_user (id),
    note       varchar(1000),
    at         timestamptz  not null default now()
);
create index project_transition_project_idx on project_transition (project_id, id);

-- evidence files (contract, licence, photos) kept on disk under generated names
create table project_file (
    id            bigint generated always as identity primary key,
    project_id    bigint       not null references project (id) on delete cascade,
    transition_id bigint references project_transition (id),
    kind          varchar(16)  not null check (kind in ('CONTRACT', 'LICENCE', 'PHOTO', 'OTHER')),
    original_name varchar(255) not null,
    stored_name   varchar(80)  not null unique,
    content_type  varchar(100) not null,
    size_bytes    bigint       not null,
    sha256        char(64)     not null,
    uploaded_by   bigint references app_user (id),
    at            timestamptz  not null default now()
);
create index project_file_project_idx on project_file (project_id);

-- submissions, approvals and returns with the reviewer's opinion
create table project_review (
    id         bigint generated always as identity primary key,
    project_id bigint      not null references project (id) on delete cascade,
    action     varchar(16) not null check (action in ('SUBMIT', 'APPROVE', 'RETURN')),
    actor_id   bigint references app_user (id),
    opinion    varchar(1000),
    version    integer     not null,
    at         timestamptz not null default now()
);
create index project_review_project_idx on project_review (project_id, id);

-- approved versions: the counted figures as the city accepted them, valid from approval until superseded
create table project_approved (
    id                   bigint generated always as identity primary key,
    project_id           bigint         not null references project (id) on delete cascade,
    valid_from           timestamptz    not null,
    valid_to             timestamptz,
    name                 varchar(200)   not null,
    region_id            bigint         not null,
    attracting_region_id bigint,
    attracting_share     numeric(5, 2),
    chain_id             bigint,
    project_type         varchar(16)    not null,
    total_investment     numeric(16, 2) not null,
    contract_amount      numeric(16, 2),
    fund_origin          varchar(24)    not null,
    key_project          boolean        not null,
    leader_user_id       bigint,
    counted              boolean        not null,
    expansion_of_id      bigint,
    stage                varchar(16)    not null,
    signed_on            date,
    registered_on        date,
    started_on           date,
    producing_on         date,
    full_production_on   date,
    approved_by          bigint,
    project_version      integer        not null
);
create index project_approved_current_idx on project_approved (project_id) where valid_to is null;
create index project_approved_valid_idx on project_approved (valid_from, valid_to);
create index project_approved_signed_idx on project_approved (signed_on) where valid_to is null;

-- funds actually arrived (到位资金), per project, month and origin
create table project_fund (
    id          bigint generated always as identity primary key,
    project_id  bigint         not null references project (id) on delete cascade,
    month       date           not null check (extract(day from month) = 1),
    origin      varchar(24)    not null
        check (origin in ('OVERSEAS', 'OUT_OF_PROVINCE', 'IN_PROVINCE', 'IN_CITY')),
    amount      numeric(16, 2) not null check (amount > 0),
    note        varchar(500),
    recorded_by bigint references app_user (id),
    recorded_at timestamptz    not null default now(),
    approved_at timestamptz,
    deleted_at  timestamptz
);
create index project_fund_project_idx on project_fund (project_id, month);
create index project_fund_month_idx on project_fund (month);

-- follow-ups (跟进记录): work notes, not reviewed
create table project_followup (
    id         bigint generated always as identity primary key,
    project_id bigint        not null references project (id) on delete cascade,
    on_date    date          not null,
    user_id    bigint references app_user (id),
    content    varchar(2000) not null,
    next_step  varchar(500),
    due_date   date,
    created_at timestamptz   not null default now()
);
create index project_followup_project_idx on project_followup (project_id, on_date);

create sequence project_code_seq;

-- pairs the city has looked at and declared not to be the same project
create table project_duplicate_dismissal (
    project_a    bigint       not null references project (id) on delete cascade,
    project_b    bigint       not null references project (id) on delete cascade,
    dismissed_by bigint references app_user (id),
    reason       varchar(500) not null,
    at           timestamptz  not null default now(),
    primary key (project_a, project_b),
    check (project_a < project_b)
);
