-- An approval step past its time limit (or past its planned date, not yet accepted) warns the project's 包联 leader
-- and its county; red once it is more than redDays past.
insert into warning_rule (code, name_zh, name_en, level, params, sort_order) values
  ('MILESTONE_OVERDUE', '审批环节超时限', 'Approval step over its time limit', 'YELLOW', '{"redDays": 30}', 80);
