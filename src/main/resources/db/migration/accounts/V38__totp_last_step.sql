-- the last 30-second TOTP step accepted from each user: a code of that step or an earlier one is refused, so a
-- one-time code works once (checklist #30); set by a conditional UPDATE, so two sign-ins racing with the same code
-- cannot both win
alter table app_user add column totp_last_step bigint;
