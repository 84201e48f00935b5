-- The counting rules are the city's own (招商引资项目认定办法) and change over time. A rule version is the whole
-- catalogue with the rules that decide which projects count, in force from its effective date; a figure names the
-- version it was computed under, and a published report keeps it. A version is never changed: a change is a new
-- version. `indicator` keeps only the codes targets and goal groups refer to.
create table rule_version (
    version          integer       primary key,
    effective_from   date          not null,
    -- an expansion (扩建/增资, recorded as its own project with the added amount) counts as a project, or not at all
    expansions_count boolean       not null default true,
    -- the credit of a project attracted by one county and landing in another: the recorded share, all to the
    -- landing county, or a fixed share to the attracting county
    split_mode       varchar(16)   not null default 'RECORDED' check (split_mode in ('RECORDED', 'LANDING', 'FIXED')),
    split_share      numeric(5, 2) check (split_share between 0 and 100),
    -- project types that never count for assessment (e.g. real estate recorded as 其他)
    excluded_types   varchar(16)[] not null default '{}',
    note             varchar(500)  not null,
    created_by       bigint references app_user (id),
    created_at       timestamptz   not null default now(),
    constraint rule_version_fixed_share check ((split_mode = 'FIXED') = (split_share is not null))
);

-- 认定门槛: the least total investment (万元) a project of a type needs to count for assessment; project_type null is
-- the threshold of every type without its own
create table rule_threshold (
    version      integer        not null references rule_version (version),
    project_type varchar(16),
    min_total    numeric(16, 2) not null check (min_total >= 0),
    unique nulls not distinct (version, project_type)
);

create table indicator_definition (
    version       integer        not null references rule_version (version),
    code          varchar(32)    not null references indicator (code),
    name_zh       varchar(100)   not null,
    name_en       varchar(100)   not null,
    unit          varchar(16)    not null check (unit in ('COUNT', 'WAN', 'RATE', 'USD')),
    computation   varchar(32)    not null,
    min_total     numeric(16, 2) check (min_total >= 0),
    max_total     numeric(16, 2) check (max_total >= 0),
    fund_origins  varchar(24)[]  not null default '{}',
    project_types varchar(16)[]  not null default '{}',
    eligible_only boolean        not null,
    key_only      boolean        not null default false,
    sort_order    integer        not null,
    primary key (version, code),
    constraint indicator_definition_band check (min_total is null or max_total is null or max_total > min_total)
);

insert into rule_version (version, effective_from, note)
values (1, date '2000-01-01', '初始规则：项目按首次签约日期计一次；扩建项目按新增投资计；异地引进按登记的分成比例计');

insert into indicator_definition (version, code, name_zh, name_en, unit, computation, min_total, fund_origins,
                                  eligible_only, sort_order)
select 1, code, name_zh, name_en, unit, computation, min_total,
       case when fund_origin is null then '{}' else array[fund_origin] end, eligible_only, sort_order
  from indicator;

alter table indicator drop constraint indicator_unit_check;

-- the origin indicators assessments count: 省外 = 国内省外; 市外 = everything from outside the city; 境外 in USD
insert into indicator (code, name_zh, name_en, unit, computation, eligible_only, sort_order) values
  ('SIGNED_OUT_PROVINCE_COUNT', '省外签约项目数', 'Projects signed, out-of-province money', 'COUNT', 'SIGNED_COUNT', true, 12),
  ('SIGNED_OUT_PROVINCE_AMOUNT', '省外签约金额', 'Amount signed, out-of-province money', 'WAN', 'SIGNED_AMOUNT', true, 22),
  ('SIGNED_OUT_CITY_COUNT', '市外签约项目数', 'Projects signed, out-of-city money', 'COUNT', 'SIGNED_COUNT', true, 14),
  ('SIGNED_OUT_CITY_AMOUNT', '市外签约金额', 'Amount signed, out-of-city money', 'WAN', 'SIGNED_AMOUNT', true, 24),
  ('SIGNED_OVERSEAS_COUNT', '境外签约项目数', 'Projects signed, overseas money', 'COUNT', 'SIGNED_COUNT', true, 16),
  ('SIGNED_OVERSEAS_USD', '境外签约金额（万美元）', 'Amount signed, overseas (10k USD)', 'USD', 'SIGNED_USD', true, 26),
  ('SIGNED_1YI_OUT_PROVINCE_COUNT', '亿元以上省外签约项目数', 'Projects signed, 100m+, out-of-province', 'COUNT', 'SIGNED_COUNT', true, 32),
  ('SIGNED_1YI_OUT_PROVINCE_AMOUNT', '亿元以上省外签约金额', 'Amount signed, 100m+, out-of-province', 'WAN', 'SIGNED_AMOUNT', true, 42),
  ('FUNDS_OUT_CITY', '市外到位资金', 'Funds arrived from outside the city', 'WAN', 'FUNDS', true, 82),
  ('FUNDS_OVERSEAS', '境外到位资金', 'Funds arrived from overseas', 'WAN', 'FUNDS', true, 84),
  ('REGISTERED_COUNT', '注册项目数', 'Projects registered', 'COUNT', 'REGISTERED_COUNT', true, 95);

insert into indicator_definition (version, code, name_zh, name_en, unit, computation, min_total, fund_origins,
                                  eligible_only, sort_order)
select 1, i.code, i.name_zh, i.name_en, i.unit, i.computation, o.min_total, o.origins, i.eligible_only, i.sort_order
  from indicator i
  join (values ('SIGNED_OUT_PROVINCE_COUNT', null, array['OUT_OF_PROVINCE']),
               ('SIGNED_OUT_PROVINCE_AMOUNT', null, array['OUT_OF_PROVINCE']),
               ('SIGNED_OUT_CITY_COUNT', null, array['OVERSEAS', 'OUT_OF_PROVINCE', 'IN_PROVINCE']),
               ('SIGNED_OUT_CITY_AMOUNT', null, array['OVERSEAS', 'OUT_OF_PROVINCE', 'IN_PROVINCE']),
               ('SIGNED_OVERSEAS_COUNT', null, array['OVERSEAS']),
               ('SIGNED_OVERSEAS_USD', null, array['OVERSEAS']),
               ('SIGNED_1YI_OUT_PROVINCE_COUNT', 10000, array['OUT_OF_PROVINCE']),
               ('SIGNED_1YI_OUT_PROVINCE_AMOUNT', 10000, array['OUT_OF_PROVINCE']),
               ('FUNDS_OUT_CITY', null, array['OVERSEAS', 'OUT_OF_PROVINCE', 'IN_PROVINCE']),
               ('FUNDS_OVERSEAS', null, array['OVERSEAS']),
               ('REGISTERED_COUNT', null, cast(array[] as varchar[])))
       as o(code, min_total, origins) on o.code = i.code;

-- the definition lives in its versions from now on
alter table indicator drop column name_zh, drop column name_en, drop column unit, drop column computation,
    drop column min_total, drop column fund_origin, drop column eligible_only, drop column sort_order;
