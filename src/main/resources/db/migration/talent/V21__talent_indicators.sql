-- Two catalogue indicators the talent module answers from its own tables (cn.yinfeng.talent.TalentIndicators):
-- talents introduced in the period, and training attendances (人次) at sessions held in the period.
insert into indicator (code, name_zh, name_en, unit, computation, min_total, fund_origin, eligible_only, sort_order) values
  ('TALENTS_INTRODUCED',  '引进人才数', 'Talents introduced',   'COUNT', 'TALENTS_INTRODUCED',  null, null, false, 190),
  ('TRAINING_ATTENDANCE', '培训人次',   'Training attendances', 'COUNT', 'TRAINING_ATTENDANCE', null, null, false, 200);
