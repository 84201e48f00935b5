-- Split-credit requests and answers reach the counties concerned through the inbox.
alter table notification drop constraint notification_kind_check;
alter table notification add constraint notification_kind_check check (kind in ('WARNING', 'TASK', 'DIGEST', 'CREDIT'));
