-- Each school's partner hospital (绿色通道, issue 14): the hospital its referrals go to first. Set on the
-- school unit by form or by the org tree import; other kinds of unit never carry one.
alter table org_unit
  add column partner_hospital_id uuid references hospital (id),
  add constraint org_unit_partner_hospital_school check (partner_hospital_id is null or kind = 'school');
