-- The city's deadlines as shipped: 45 days in 洽谈 (NEGOTIATING); 签约 → 注册 is the SIGNED stage's 90 days.
-- Only a value nobody has changed yet is moved; the warning-rules page edits them from here on.
update warning_rule
   set params = jsonb_set(params, '{NEGOTIATING}', '45'), version = version + 1
 where code = 'STAGE_STALLED' and params ->> 'NEGOTIATING' = '120';
