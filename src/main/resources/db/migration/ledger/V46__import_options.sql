-- What the uploader said about a file (landing region, whether blanks clear, columns mapped by hand, the sheet) and
-- what the dry run found in it (the sheet read, the workbook's sheets, its columns as written and which were not
-- recognised), kept with the batch: the commit runs exactly what was previewed, and the page shows the columns.
alter table import_batch add column options jsonb not null default '{}'::jsonb,
    add column sheet jsonb;

-- Columns a region's users mapped by hand, per kind: reused for that region's next files of the kind.
create table import_column_mapping (
    region_id   bigint       not null references region (id),
    kind        varchar(16)  not null,
    column_key  varchar(200) not null,
    column_name varchar(200) not null,
    field       varchar(40)  not null,
    updated_by  bigint       references app_user (id),
    updated_at  timestamptz  not null default now(),
    primary key (region_id, kind, column_key)
);
