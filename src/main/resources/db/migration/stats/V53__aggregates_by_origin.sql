-- The monthly project aggregates (V12) also hold the project's origin of funds, its USD amount and the month of
-- registration, so that the origin indicators (省外/市外/境外签约项目数 and 金额), 境外签约金额 (万美元) and 注册项目数
-- are read from them like the others instead of from the approved history.
--
-- origin is the current version's fund_origin, '' when the ledger leaves it blank (such a project counts under no
-- origin, as in the live queries' coalesce(fund_origin, '')). usd_amount is the sum of weight x foreign_amount over
-- the rows whose foreign currency is USD, null when there are none. REGISTERED rows are keyed by registered_on.

-- emptied here, rebuilt by the first refresh from the months marked below
truncate stats_project_month, stats_chain_month, stats_stage_month, stats_fund_month, stats_fund_cohort;

alter table stats_project_month
    drop constraint stats_project_month_pkey,
    drop constraint stats_project_month_event_check,
    add column origin varchar(24) not null,
    add column usd_amount numeric,
    add constraint stats_project_month_event_check
        check (event in ('SIGNED', 'REGISTERED', 'STARTED', 'PRODUCING')),
    add constraint stats_project_month_origin_check
        check (origin in ('', 'OVERSEAS', 'OUT_OF_PROVINCE', 'IN_PROVINCE', 'IN_CITY')),
    add primary key (region_id, month, event, band, counted, origin);

-- what a refresh of one month reads for the REGISTERED rows
create index project_approved_registered_idx on project_approved (registered_on) where valid_to is null;

-- a version's change marks its month of registration too
create or replace function stats_mark_version(v project_approved) returns void language sql as $$
    insert into stats_dirty (month)
    select distinct m from (values (stats_month_of(v.signed_on)),
                                   (stats_month_of(v.registered_on)),
                                   (stats_month_of(v.started_on)),
                                   (stats_month_of(v.producing_on)),
                                   (case when v.signed_on is null then stats_approved_month(v.valid_from) end)) d(m)
     where m is not null
    on conflict do nothing;
    -- the project's funds carry its region, share, eligibility and signing month
    insert into stats_dirty (month)
    select distinct f.month from project_fund f where f.project_id = v.project_id
    on conflict do nothing;
$$;

-- every month the ledger has a fact in
insert into stats_dirty (month)
select distinct m from (
    select stats_month_of(signed_on) from project_approved where valid_to is null
    union select stats_month_of(registered_on) from project_approved where valid_to is null
    union select stats_month_of(started_on) from project_approved where valid_to is null
    union select stats_month_of(producing_on) from project_approved where valid_to is null
    union select stats_approved_month(valid_from) from project_approved where valid_to is null and signed_on is null
    union select month from project_fund) d(m)
 where m is not null
on conflict do nothing;
