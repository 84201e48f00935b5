-- The approved history carries a foreign-currency investment as recorded (currency, amount, the rate used), so an
-- indicator in USD (境外签约金额, 万美元) reads the approved figure, not a conversion of the 万元 total.
alter table project_approved add column foreign_currency char(3), add column foreign_amount numeric(16, 2),
    add column exchange_rate numeric(12, 6);
update project_approved a set foreign_currency = p.foreign_currency, foreign_amount = p.foreign_amount,
       exchange_rate = p.exchange_rate
  from project p where p.id = a.project_id and p.foreign_currency is not null;
