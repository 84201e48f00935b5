-- 重点招引项目: key projects being attracted, a stock (every current approved key project of the region, whatever its
-- stage or dates), by the project's own region; "2024年以来,重点招引项目106个,总投资1427.1亿元" reads these.
insert into indicator (code, name_zh, name_en, unit, computation, min_total, fund_origin, eligible_only, sort_order) values
  ('KEY_COUNT', '重点招引项目数',   'Key projects being attracted',          'COUNT', 'KEY_COUNT', null, null, false, 182),
  ('KEY_TOTAL', '重点招引项目总投资', 'Total investment of key projects',      'WAN',   'KEY_TOTAL', null, null, false, 184);
