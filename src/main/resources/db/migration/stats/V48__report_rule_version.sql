-- A published report keeps the rule version its figures were computed under, so it can be reproduced exactly.
alter table published_report add column rule_version integer not null default 1 references rule_version (version);
alter table published_report alter column rule_version drop default;
