-- Evidence files move from a local directory into the database, so every instance behind the load balancer sees
-- every file (as supervision attachments already do). The bytes sit in their own table, one row per file, so that
-- listings of project_file never read a 10 MB value and "moved yet?" is simply "has a content row".
create table project_file_content (
    file_id bigint primary key references project_file (id) on delete cascade,
    content bytea  not null
);
-- bytea is already TOASTed out of line; PDF, PNG and JPEG are compressed formats, so skip pglz's futile attempt
alter table project_file_content alter column content set storage external;

-- stored_name names the file under yinfeng.files.dir for rows uploaded before this version; new rows have none.
-- Such rows are moved into project_file_content at start-up (ProjectFileMove); the name stays as a trace.
alter table project_file alter column stored_name drop not null;
