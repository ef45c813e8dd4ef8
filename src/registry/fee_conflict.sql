-- registry/fee_conflict.sql: charges that look like both principals charging
-- for one piece of care, and single charges that break a fee rule
-- (doc/fees.md, "Fee conflicts").  What the patient paid for each charge is
-- in charge_split.

CREATE VIEW @registry@.fee_conflict WITH (security_invoker = true) AS
-- A regional home visit and a municipal home-health visit of the same
-- patient on the same day: one pass over the home visits, grouped by
-- patient and day (a self-join of them would leave the planner guessing
-- how few pairs there are).  Where more than one region or municipality
-- charged that day, the case names the first of each by code.
SELECT 'same_day_home_visits'::text AS rule, h.patient_id, h.charge_date AS first_date, h.charge_date AS last_date,
	   NULL::bigint AS episode_id,
	   min(h.org_code) FILTER (WHERE h.principal = 'region') AS region_org_code,
	   min(h.org_code) FILTER (WHERE h.principal = 'municipality') AS municipality_org_code,
	   pg_catalog.array_agg(h.charge_id ORDER BY h.charge_id) AS charge_ids,
	   sum(h.list_fee) FILTER (WHERE h.principal = 'region') AS region_fees,
	   sum(h.list_fee) FILTER (WHERE h.principal = 'municipality') AS municipality_fees
FROM (SELECT c.charge_id, c.patient_id, c.charge_date, c.org_code, o.principal, c.list_fee
	  FROM @registry@.charge c
	  JOIN @registry@.organisation o ON o.org_code = c.org_code
	  WHERE (o.principal = 'region' AND c.kind = 'home_visit')
		 OR (o.principal = 'municipality' AND c.kind = 'home_health_visit')) h
GROUP BY h.patient_id, h.charge_date
HAVING pg_catalog.count(*) FILTER (WHERE h.principal = 'region') > 0
   AND pg_catalog.count(*) FILTER (WHERE h.principal = 'municipality') > 0
UNION ALL
-- Municipal home-health charges on the days of a regional episode of
-- inpatient-equivalent care (a ward stay, hospital at home), for which the
-- region is responsible and charges its inpatient day fee; the discharge day
-- is the patient's first at home again.  The region's fees are its inpatient
-- day fees on those days.
SELECT 'municipal_fee_in_regional_episode', x.patient_id, x.first_date, x.last_date, x.episode_id,
	   x.region_org_code, x.municipality_org_code, x.charge_ids,
	   (SELECT sum(d.list_fee) FROM @registry@.charge d
		WHERE d.patient_id = x.patient_id AND d.org_code = x.region_org_code AND d.kind = 'inpatient_day'
		  AND d.charge_date OPERATOR(pg_catalog.=) ANY (x.dates)),
	   x.fees
FROM (SELECT e.patient_id, e.episode_id, u.org_code AS region_org_code, c.org_code AS municipality_org_code,
			 min(c.charge_date) AS first_date, max(c.charge_date) AS last_date,
			 pg_catalog.array_agg(c.charge_id ORDER BY c.charge_id) AS charge_ids,
			 pg_catalog.array_agg(DISTINCT c.charge_date) AS dates, sum(c.list_fee) AS fees
	  FROM @registry@.episode e
	  JOIN @registry@.unit u ON u.unit_id = e.unit_id
	  JOIN @registry@.organisation ro ON ro.org_code = u.org_code AND ro.principal = 'region'
	  JOIN @registry@.charge c
		ON c.patient_id = e.patient_id AND c.charge_date >= e.start_date
	   AND (e.end_date IS NULL OR c.charge_date < greatest(e.end_date, e.start_date + 1))
	  JOIN @registry@.charge_kind k ON k.kind = c.kind AND k.category = 'home_health'
	  JOIN @registry@.organisation mo ON mo.org_code = c.org_code AND mo.principal = 'municipality'
	  WHERE @extschema@._episode_inpatient_equivalent(e.setting,
			@extschema@._episode_care_form(u.unit_level, u.unit_form, e.setting))
	  GROUP BY e.patient_id, e.episode_id, u.org_code, c.org_code) x
UNION ALL
-- A charge that breaks a rule on its own: a kind of the other principal's
-- (a municipality charging a kind only a region may charge, or the reverse),
-- an inpatient day fee above the legal cap (fees.sql, _charge_breaks_rule).
SELECT b.rule, c.patient_id, c.charge_date, c.charge_date, NULL,
	   CASE WHEN o.principal = 'region' THEN c.org_code END,
	   CASE WHEN o.principal = 'municipality' THEN c.org_code END,
	   ARRAY[c.charge_id],
	   CASE WHEN o.principal = 'region' THEN c.list_fee END,
	   CASE WHEN o.principal = 'municipality' THEN c.list_fee END
FROM @registry@.charge c
JOIN @registry@.organisation o ON o.org_code = c.org_code
JOIN @registry@.charge_kind k ON k.kind = c.kind
LEFT JOIN @extschema@.national_fee_figures nf ON nf.year = @extschema@._year_of(c.charge_date)
CROSS JOIN LATERAL (SELECT @extschema@._charge_breaks_rule(c.kind, k.principal, o.principal, c.list_fee,
														   nf.inpatient_day_fee_cap) AS rule) b
WHERE b.rule IS NOT NULL;
COMMENT ON VIEW @registry@.fee_conflict IS
	'Charges that look like both principals charging for one piece of care (same_day_home_visits, municipal_fee_in_regional_episode) and charges that break a fee rule on their own (kind_of_other_principal, inpatient_day_fee_cap), one row per case with the rule that flagged it and the list fees; see doc/fees.md';
COMMENT ON COLUMN @registry@.fee_conflict.rule IS 'The rule that flagged the case';
COMMENT ON COLUMN @registry@.fee_conflict.patient_id IS 'Patient charged';
COMMENT ON COLUMN @registry@.fee_conflict.first_date IS 'Date of the first charge of the case';
COMMENT ON COLUMN @registry@.fee_conflict.last_date IS 'Date of the last charge of the case';
COMMENT ON COLUMN @registry@.fee_conflict.episode_id IS 'The regional episode the municipal charges fall in (municipal_fee_in_regional_episode); NULL for the other rules';
COMMENT ON COLUMN @registry@.fee_conflict.region_org_code IS 'The region of the case; NULL when no region is in it';
COMMENT ON COLUMN @registry@.fee_conflict.municipality_org_code IS 'The municipality of the case; NULL when no municipality is in it';
COMMENT ON COLUMN @registry@.fee_conflict.charge_ids IS 'The charges of the case (for municipal_fee_in_regional_episode, the municipal ones)';
COMMENT ON COLUMN @registry@.fee_conflict.region_fees IS 'List fees the region charged in the case, SEK (for municipal_fee_in_regional_episode, its inpatient day fees on the days of the municipal charges)';
COMMENT ON COLUMN @registry@.fee_conflict.municipality_fees IS 'List fees the municipality charged in the case, SEK';

-- Per organisation, month and rule, for the report: a case counts for each
-- organisation in it, in the month of its first charge.
CREATE VIEW @registry@.fee_conflict_by_month WITH (security_invoker = true) AS
SELECT s.org_code, @extschema@._month_of(f.first_date) AS month, f.rule,
	   pg_catalog.count(*) AS cases, sum(s.fees) AS fees
FROM @registry@.fee_conflict f
CROSS JOIN LATERAL (VALUES (f.region_org_code, f.region_fees),
						   (f.municipality_org_code, f.municipality_fees)) s(org_code, fees)
WHERE s.org_code IS NOT NULL
GROUP BY s.org_code, @extschema@._month_of(f.first_date), f.rule;
COMMENT ON VIEW @registry@.fee_conflict_by_month IS
	'fee_conflict counted per organisation, month of the first charge and rule: a case counts for each organisation in it';
COMMENT ON COLUMN @registry@.fee_conflict_by_month.org_code IS 'Organisation';
COMMENT ON COLUMN @registry@.fee_conflict_by_month.month IS 'First day of the month of the cases'' first charges';
COMMENT ON COLUMN @registry@.fee_conflict_by_month.rule IS 'The rule that flagged the cases';
COMMENT ON COLUMN @registry@.fee_conflict_by_month.cases IS 'Number of cases the organisation is in';
COMMENT ON COLUMN @registry@.fee_conflict_by_month.fees IS 'The organisation''s list fees in those cases, SEK';
