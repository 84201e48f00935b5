-- Why projects are put on hold (暂缓) or ended (终止/退库): a list the city edits. A project held or ended names one
-- of them (project.loss_reason) with a note (project.hold_reason); each hold or termination keeps the reason it gave
-- (project_transition.reason). Reasons are never deleted once used: the city retires them (active = false).
create table loss_reason (
    code       varchar(32) primary key check (code ~ '^[A-Z][A-Z0-9_]{1,31}$'),
    name       varchar(50) not null unique,
    name_en    varchar(80) not null,
    -- a reason that says little by itself (其他) needs the note
    needs_note boolean     not null default false,
    position   integer     not null,
    active     boolean     not null default true,
    version    integer     not null default 0
);

insert into loss_reason (code, name, name_en, needs_note, position) values
    ('LAND', '用地指标不足', 'Land quota', false, 10),
    ('ENERGY', '能耗指标不足', 'Energy quota', false, 20),
    ('ENVIRONMENT', '环境容量不足', 'Environmental capacity', false, 30),
    ('FUNDING', '资金不到位', 'Funding', false, 40),
    ('APPROVAL', '审批手续受阻', 'Approvals', false, 50),
    ('UTILITIES', '水电气路等要素保障', 'Utilities and access', false, 60),
    ('POLICY', '政策调整', 'Policy change', false, 70),
    ('MARKET', '市场变化', 'Market change', false, 80),
    ('INVESTOR', '投资方自身原因', 'Investor''s own reasons', false, 90),
    ('OTHER', '其他', 'Other', true, 100);

alter table project add column loss_reason varchar(32) references loss_reason (code);
alter table project_transition add column reason varchar(32) references loss_reason (code);
