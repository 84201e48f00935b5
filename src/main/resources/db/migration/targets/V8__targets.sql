-- The indicator catalogue is data: code, names, unit, which built-in computation with which parameters, and
-- whether only assessment-eligible (counted) projects count. Annual targets per region and indicator; goal groups
-- (like 孝义's 七张答卷) bundle indicators.
create table indicator (
    code          varchar(32)  primary key,
    name_zh       varchar(100) not null,
    name_en       varchar(100) not null,
    unit          varchar(16)  not null check (unit in ('COUNT', 'WAN', 'RATE')),
    computation   varchar(32)  not null,
    min_total     numeric(16, 2),
    fund_origin   varchar(24),
    eligible_only boolean      not null default true,
    sort_order    integer      not null default 0
);

insert into indicator (code, name_zh, name_en, unit, computation, min_total, fund_origin, eligible_only, sort_order) values
  ('SIGNED_COUNT',      '签约项目数',         'Projects signed',                 'COUNT', 'SIGNED_COUNT',  null,      null, true, 10),
  ('SIGNED_AMOUNT',     '签约金额',           'Amount signed',                   'WAN',   'SIGNED_AMOUNT', null,      null, true, 20),
  ('SIGNED_1YI_COUNT',  '亿元以上签约项目数',   'Projects signed, 100m+',          'COUNT', 'SIGNED_COUNT',  10000,     null, true, 30),
  ('SIGNED_1YI_AMOUNT', '亿元以上签约金额',     'Amount signed, 100m+ projects',   'WAN',   'SIGNED_AMOUNT', 10000,     null, true, 40),
  ('SIGNED_5YI_COUNT',  '5亿元以上签约项目数',  'Projects signed, 500m+',          'COUNT', 'SIGNED_COUNT',  50000,     null, true, 50),
  ('SIGNED_10YI_COUNT', '10亿元以上签约项目数', 'Projects signed, 1bn+',           'COUNT', 'SIGNED_COUNT',  100000,    null, true, 60),
  ('FUNDS',             '到位资金',           'Funds arrived',                   'WAN',   'FUNDS',         null,      null, true, 70),
  ('FUNDS_OUT_PROVINCE','省外到位资金',        'Funds arrived from other provinces', 'WAN', 'FUNDS',        null, 'OUT_OF_PROVINCE', true, 80),
  ('STARTED_COUNT',     '开工项目数',         'Projects started',                'COUNT', 'STARTED_COUNT', null,      null, true, 90),
  ('PRODUCING_COUNT',   '投产项目数',         'Projects producing',              'COUNT', 'PRODUCING_COUNT', null,    null, true, 100),
  ('PERFORMANCE_RATE',  '履约率',             'Performance rate',                'RATE',  'PERFORMANCE_RATE', null,   null, true, 110),
  ('START_RATE',        '开工率',             'Start rate',                      'RATE',  'START_RATE',    null,      null, true, 120),
  ('PRODUCTION_RATE',   '投产率',             'Production rate',                 'RATE',  'PRODUCTION_RATE', null,    null, true, 130),
  ('FUNDS_RATE',        '资金到位率',          'Funds arrival rate',              'RATE',  'FUNDS_RATE',    null,      null, true, 140),
  ('TRIPS',             '外出招商次数',        'Trips out',                       'COUNT', 'TRIPS',         null,      null, false, 150),
  ('POINT_TO_POINT',    '点对点招商次数',      'Point-to-point visits',           'COUNT', 'POINT_TO_POINT', null,     null, false, 160),
  ('VISITED',           '拜访企业数',         'Enterprises visited',             'COUNT', 'VISITED',       null,      null, false, 170),
  ('DELEGATIONS',       '接待考察批次',        'Delegations received',            'COUNT', 'DELEGATIONS',   null,      null, false, 180);

create table target (
    id             bigint generated always as identity primary key,
    region_id      bigint         not null references region (id),
    year           integer        not null check (year between 2000 and 2100),
    indicator_code varchar(32)    not null references indicator (code),
    value          numeric(16, 2) not null check (value >= 0),
    version        integer        not null default 0,
    unique (region_id, year, indicator_code)
);

create table goal_group (
    id         bigint generated always as identity primary key,
    region_id  bigint       not null references region (id),
    year       integer      not null,
    name       varchar(100) not null,
    sort_order integer      not null default 0
);

create table goal_group_indicator (
    group_id       bigint      not null references goal_group (id) on delete cascade,
    indicator_code varchar(32) not null references indicator (code),
    primary key (group_id, indicator_code)
);
