-- The investor and enterprise registry (客商库), shared by the whole city. Keyed by the 18-character unified
-- social credit code when one is known; prospects without a code are allowed and flagged by the null code.
create table enterprise (
    id                 bigint generated always as identity primary key,
    credit_code        char(18) unique,
    name               varchar(200)  not null,
    -- normalised name (full/half width, brackets, company-form suffixes removed) for "possibly the same"
    name_key           varchar(200)  not null,
    former_names       varchar(500),
    registered_capital numeric(16, 2) check (registered_capital >= 0),
    hq_province        varchar(50),
    hq_city            varchar(50),
    industry           varchar(100),
    contact_name       varchar(50),
    contact_phone      varchar(40),
    source_channel     varchar(50),
    created_region_id  bigint references region (id),
    merged_into_id     bigint references enterprise (id),
    version            integer       not null default 0,
    created_at         timestamptz   not null default now(),
    updated_at         timestamptz   not null default now()
);
create index enterprise_name_key_idx on enterprise (name_key);
create index enterprise_name_idx on enterprise (name);
