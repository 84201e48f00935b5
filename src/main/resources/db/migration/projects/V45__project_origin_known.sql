-- What a ledger leaves blank stays unknown: a project's origin of funds and its type are nullable (a blank 资金来源
-- is not 国内省外, a blank 项目类型 is not 工业), and an origin derived from the investor's credit code is marked as
-- derived. The out-of-province part of the investment (其中省外资金) is a figure of its own.
alter table project alter column fund_origin drop not null, alter column fund_origin drop default,
    alter column project_type drop not null, alter column project_type drop default,
    add column fund_origin_derived boolean not null default false,
    add column out_of_province_amount numeric(16, 2) check (out_of_province_amount >= 0);
alter table project add constraint project_out_of_province_within_total
    check (out_of_province_amount is null or out_of_province_amount <= total_investment);
alter table project_approved alter column fund_origin drop not null, alter column project_type drop not null,
    add column fund_origin_derived boolean not null default false,
    add column out_of_province_amount numeric(16, 2);
