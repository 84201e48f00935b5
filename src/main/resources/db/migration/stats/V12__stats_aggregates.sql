-- Pre-aggregated figures for the current approved ledger, by region and month, so that a province's dashboard and
-- summary read thousands of rows instead of millions. They hold exactly what the live queries over
-- project_approved / project_fund compute "as of now" (the statistics tests compare the two on every indicator);
-- "as of" a past date is always computed live from the history.
--
-- Consistency: triggers on project_approved and project_fund mark the months a change touches in stats_dirty,
-- in the writer's transaction; the statistics service refreshes the dirty months before it reads (and a scheduled
-- job in between), so a reader never sees an aggregate older than the last committed write. Refreshing one month
-- deletes and re-inserts that month's rows from the detail tables.
--
-- region_id is a credited region or any region above it: every fact is rolled up the tree when it is written, so
-- a region's figures are its own rows (a province reads a few hundred rows, not one per county and month). A project
-- attracted by one county and landing in another counts in each by its recorded share (weights 1 - share and
-- share), as in the live queries. Moving a region in the tree marks every month dirty. band is the total-investment band:
-- 0 below 1亿 (10,000 万元), 1 from 1亿, 2 from 5亿, 3 from 10亿 — the catalogue's size parameters.

-- each region with itself and every region above it
create view stats_region_ancestor as
select d.id as region_id, a.id as ancestor_id from region d join region a on d.path like a.path || '%';

create table stats_project_month (
    region_id  bigint      not null,
    month      date        not null,
    event      varchar(10) not null check (event in ('SIGNED', 'STARTED', 'PRODUCING')),
    band       smallint    not null,
    counted    boolean     not null,
    projects   numeric     not null, -- sum of credit weights
    amount     numeric     not null, -- sum of weight x contract amount (total investment when none), 万元
    performing numeric     not null, -- SIGNED rows: of which now registered or beyond (履约率)
    started    numeric     not null, -- SIGNED rows: of which started (开工率)
    producing  numeric     not null, -- SIGNED rows: of which producing (投产率)
    primary key (region_id, month, event, band, counted)
);
create index stats_project_month_month_idx on stats_project_month (month);

-- signed projects by chain (the dashboard's chain mix)
create table stats_chain_month (
    region_id bigint  not null,
    month     date    not null,
    chain_id  bigint  not null, -- 0: no chain
    counted   boolean not null,
    projects  numeric not null,
    amount    numeric not null,
    primary key (region_id, month, chain_id, counted)
);
create index stats_chain_month_month_idx on stats_chain_month (month);

-- current projects by stage (the funnel) and key projects (重点招引项目, a stock), by the project's own region,
-- unweighted; keyed by the month of signing, or for projects not yet signed by the month their current version was
-- approved
create table stats_stage_month (
    region_id   bigint      not null,
    month       date        not null,
    stage       varchar(16) not null,
    key_project boolean     not null,
    projects    bigint      not null,
    total       numeric     not null, -- total investment, 万元
    primary key (region_id, month, stage, key_project)
);
create index stats_stage_month_month_idx on stats_stage_month (month);

-- approved funds arrived, by month of arrival and origin (到位资金)
create table stats_fund_month (
    region_id bigint      not null,
    month     date        not null,
    origin    varchar(24) not null,
    counted   boolean     not null,
    amount    numeric     not null,
    primary key (region_id, month, origin, counted)
);
create index stats_fund_month_month_idx on stats_fund_month (month);

-- the same funds by the month their project was signed, for the cohort of 资金到位率 (funds arrived by the end of
-- the period for the projects signed in it)
create table stats_fund_cohort (
    region_id    bigint  not null,
    signed_month date    not null,
    month        date    not null,
    counted      boolean not null,
    amount       numeric not null,
    primary key (region_id, signed_month, month, counted)
);
create index stats_fund_cohort_month_idx on stats_fund_cohort (month);

create table stats_dirty (
    month     date        primary key,
    marked_at timestamptz not null default now()
);

-- what a refresh of one month reads: current versions by each date, and unsigned ones by approval time
create index project_approved_started_idx on project_approved (started_on) where valid_to is null;
create index project_approved_producing_idx on project_approved (producing_on) where valid_to is null;
create index project_approved_unsigned_idx on project_approved (valid_from) where valid_to is null and signed_on is null;

create function stats_month_of(d date) returns date language sql immutable as
$$ select cast(date_trunc('month', d) as date) $$;

create function stats_approved_month(t timestamptz) returns date language sql stable as
$$ select cast(date_trunc('month', t at time zone 'Asia/Shanghai') as date) $$;

create function stats_mark_version(v project_approved) returns void language sql as $$
    insert into stats_dirty (month)
    select distinct m from (values (stats_month_of(v.signed_on)),
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

create function stats_mark_project() returns trigger language plpgsql as $$
begin
    if tg_op <> 'INSERT' then
        perform stats_mark_version(old);
    end if;
    if tg_op <> 'DELETE' then
        perform stats_mark_version(new);
    end if;
    return null;
end $$;

create trigger stats_mark_project after insert or update or delete on project_approved
    for each row execute function stats_mark_project();

create function stats_mark_fund() returns trigger language plpgsql as $$
begin
    if tg_op <> 'INSERT' then
        insert into stats_dirty (month) values (old.month) on conflict do nothing;
    end if;
    if tg_op <> 'DELETE' then
        insert into stats_dirty (month) values (new.month) on conflict do nothing;
    end if;
    return null;
end $$;

create trigger stats_mark_fund after insert or update or delete on project_fund
    for each row execute function stats_mark_fund();

create function stats_mark_all() returns trigger language plpgsql as $$
begin
    insert into stats_dirty (month)
    select month from stats_project_month union select month from stats_stage_month
    union select month from stats_fund_month
    on conflict do nothing;
    return null;
end $$;

create trigger stats_mark_all after update of path on region
    for each statement execute function stats_mark_all();

-- whatever is in the ledger already is built by the first refresh
insert into stats_dirty (month)
select distinct m from (
    select stats_month_of(signed_on) from project_approved where valid_to is null
    union select stats_month_of(started_on) from project_approved where valid_to is null
    union select stats_month_of(producing_on) from project_approved where valid_to is null
    union select stats_approved_month(valid_from) from project_approved where valid_to is null and signed_on is null
    union select month from project_fund) d(m)
 where m is not null;
