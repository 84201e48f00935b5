-- Three catalogue indicators the commitments module answers from its own tables
-- (cn.yinfeng.commitments.CommitmentIndicators), over the commitments due in the period: 承诺履约率 (kept ÷ due),
-- 已履约承诺数 and 达效项目数. A new computation: every rule version gets them.
insert into indicator (code) values ('COMMITMENT_RATE'), ('COMMITMENTS_KEPT'), ('EFFECTIVE_PROJECTS');

insert into indicator_definition (version, code, name_zh, name_en, unit, computation, eligible_only, sort_order)
select v.version, i.code, i.name_zh, i.name_en, i.unit, i.code, false, i.sort_order
  from rule_version v
 cross join (values ('COMMITMENT_RATE', '承诺履约率', 'Commitments kept rate', 'RATE', 145),
                    ('COMMITMENTS_KEPT', '已履约承诺数', 'Commitments kept', 'COUNT', 146),
                    ('EFFECTIVE_PROJECTS', '达效项目数', 'Projects delivering', 'COUNT', 147))
       as i(code, name_zh, name_en, unit, sort_order);
