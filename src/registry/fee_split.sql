-- registry/fee_split.sql: the tariffs in force, the terms a charge is paid
-- under, what every charge costs the patient and what each principal waives
-- (doc/fees.md).  The rules are the engines' (fees.sql); this module only
-- feeds them.

-- ---------------------------------------------------------------------------
-- Tariffs in force: an organisation's own decision, else the default
-- ---------------------------------------------------------------------------

-- A region's own row decides the columns it fills; its NULL fees fall back to
-- the default.  Dates without an own row get the default.  (Own rows apply
-- where a default row exists; the shipped default covers every date.)
CREATE VIEW @registry@.region_tariff_in_force WITH (security_invoker = true) AS
SELECT r.org_code, r.valid OPERATOR(pg_catalog.*) d.valid AS valid, r.hcp_ceiling,
	   coalesce(r.inpatient_day_fee, d.inpatient_day_fee) AS inpatient_day_fee,
	   coalesce(r.home_visit_fee, d.home_visit_fee) AS home_visit_fee,
	   d.free_from_age, r.free_ages
FROM @registry@.region_tariff r
JOIN @registry@.region_tariff_default d ON d.valid OPERATOR(pg_catalog.&&) r.valid
UNION ALL
SELECT o.org_code, gap.valid, NULL, d.inpatient_day_fee, d.home_visit_fee, d.free_from_age, NULL
FROM @registry@.organisation o
CROSS JOIN @registry@.region_tariff_default d
CROSS JOIN LATERAL pg_catalog.unnest(pg_catalog.datemultirange(d.valid) OPERATOR(pg_catalog.-)
						  coalesce((SELECT pg_catalog.range_agg(r.valid) FROM @registry@.region_tariff r
									WHERE r.org_code = o.org_code),
								   '{}'::datemultirange)) AS gap(valid)
WHERE o.principal = 'region';
COMMENT ON VIEW @registry@.region_tariff_in_force IS
	'The regional fees in force per region and date range: the region''s own decisions (region_tariff) where it has them, region_tariff_default''s fees for the rest';
COMMENT ON COLUMN @registry@.region_tariff_in_force.org_code IS 'Region';
COMMENT ON COLUMN @registry@.region_tariff_in_force.valid IS 'Dates these figures apply to (ranges of one region do not overlap)';
COMMENT ON COLUMN @registry@.region_tariff_in_force.hcp_ceiling IS 'The region''s own high-cost protection ceiling; NULL for the national one';
COMMENT ON COLUMN @registry@.region_tariff_in_force.inpatient_day_fee IS 'Fee per inpatient day, SEK';
COMMENT ON COLUMN @registry@.region_tariff_in_force.home_visit_fee IS 'Fee per home visit, SEK';
COMMENT ON COLUMN @registry@.region_tariff_in_force.free_from_age IS 'Age from which counted fees are free (the national rule, region_tariff_default); NULL for none';
COMMENT ON COLUMN @registry@.region_tariff_in_force.free_ages IS 'Further ages at which the region has made counted fees free; NULL for none';

-- A municipality's own row decides its whole category; dates and categories
-- without one get the default row.
CREATE VIEW @registry@.municipal_tariff_in_force WITH (security_invoker = true) AS
SELECT t.org_code, t.category, t.valid, t.monthly_cap, t.monthly_fee, t.visit_fee,
	   t.free_from_age, false AS is_default
FROM @registry@.municipal_tariff t
UNION ALL
SELECT o.org_code, d.category, gap.valid, d.monthly_cap, d.monthly_fee, d.visit_fee,
	   d.free_from_age, true
FROM @registry@.organisation o
CROSS JOIN @registry@.municipal_tariff_default d
CROSS JOIN LATERAL pg_catalog.unnest(pg_catalog.datemultirange(d.valid) OPERATOR(pg_catalog.-)
						  coalesce((SELECT pg_catalog.range_agg(t.valid) FROM @registry@.municipal_tariff t
									WHERE t.org_code = o.org_code AND t.category = d.category),
								   '{}'::datemultirange)) AS gap(valid)
WHERE o.principal = 'municipality';
COMMENT ON VIEW @registry@.municipal_tariff_in_force IS
	'The municipal tariff in force per municipality, category and date range: the municipality''s own decisions (municipal_tariff) where it has them, municipal_tariff_default for the rest';
COMMENT ON COLUMN @registry@.municipal_tariff_in_force.org_code IS 'Municipality';
COMMENT ON COLUMN @registry@.municipal_tariff_in_force.category IS 'Tariff category (charge_kind.category)';
COMMENT ON COLUMN @registry@.municipal_tariff_in_force.valid IS 'Dates the tariff applies to (ranges of one municipality and category do not overlap)';
COMMENT ON COLUMN @registry@.municipal_tariff_in_force.monthly_cap IS 'Most a patient pays in the category per calendar month, SEK; NULL for no category cap';
COMMENT ON COLUMN @registry@.municipal_tariff_in_force.monthly_fee IS 'Flat fee per month with care in the category, SEK';
COMMENT ON COLUMN @registry@.municipal_tariff_in_force.visit_fee IS 'Fee per visit, SEK';
COMMENT ON COLUMN @registry@.municipal_tariff_in_force.free_from_age IS 'Age from which the category''s fees are waived; NULL for none';
COMMENT ON COLUMN @registry@.municipal_tariff_in_force.is_default IS 'The row comes from municipal_tariff_default';

-- ---------------------------------------------------------------------------
-- What every charge costs
-- ---------------------------------------------------------------------------

-- Helper of charge_split: every charge made by an organisation of a region,
-- with the terms it is paid under (fees.sql): the fee due after the age
-- exemptions, the ceiling, and the rule the charge breaks, if any.  The
-- principal is the organisation's, whatever the kind says.
CREATE VIEW @registry@._regional_charge WITH (security_invoker = true) AS
SELECT c.charge_id, c.patient_id, p.family_id, p.birth_date, p.birth_year, c.org_code, c.charge_date, c.kind,
	   k.category, k.counts_towards, c.list_fee, k.counts_towards = 'hcp' AS counts,
	   e.age_exempt,
	   CASE WHEN e.age_exempt THEN 0::numeric ELSE c.list_fee END AS fee_due,
	   @extschema@._hcp_ceiling(rt.hcp_ceiling, nf.hcp_ceiling, c.charge_date) AS ceiling,
	   @extschema@._charge_breaks_rule(c.kind, k.principal, o.principal, c.list_fee, nf.inpatient_day_fee_cap)
		   AS breaks_rule
FROM @registry@.charge c
JOIN @registry@.organisation o ON o.org_code = c.org_code AND o.principal = 'region'
JOIN @registry@.charge_kind k ON k.kind = c.kind
JOIN @registry@.patient p ON p.patient_id = c.patient_id
LEFT JOIN @extschema@.national_fee_figures nf ON nf.year = @extschema@._year_of(c.charge_date)
LEFT JOIN @registry@.region_tariff rt ON rt.org_code = c.org_code AND rt.valid OPERATOR(pg_catalog.@>) c.charge_date
LEFT JOIN @registry@.region_tariff_default d ON d.valid OPERATOR(pg_catalog.@>) c.charge_date
CROSS JOIN LATERAL (
	SELECT k.counts_towards = 'hcp'
		   AND @extschema@._age_exempt(@extschema@._age_on(p.birth_date, p.birth_year, c.charge_date),
									   d.free_from_age, rt.free_ages) AS age_exempt) e;
COMMENT ON VIEW @registry@._regional_charge IS
	'Helper of charge_split: each charge of an organisation of a region with the terms it is paid under';
COMMENT ON COLUMN @registry@._regional_charge.charge_id IS 'Charge';
COMMENT ON COLUMN @registry@._regional_charge.patient_id IS 'Patient charged';
COMMENT ON COLUMN @registry@._regional_charge.family_id IS 'The patient''s family';
COMMENT ON COLUMN @registry@._regional_charge.birth_date IS 'The patient''s birth date';
COMMENT ON COLUMN @registry@._regional_charge.birth_year IS 'The patient''s birth year';
COMMENT ON COLUMN @registry@._regional_charge.org_code IS 'Region that charges';
COMMENT ON COLUMN @registry@._regional_charge.charge_date IS 'Date of the care';
COMMENT ON COLUMN @registry@._regional_charge.kind IS 'Kind of fee';
COMMENT ON COLUMN @registry@._regional_charge.category IS 'Municipal tariff category of the kind';
COMMENT ON COLUMN @registry@._regional_charge.counts_towards IS 'What the kind counts towards';
COMMENT ON COLUMN @registry@._regional_charge.list_fee IS 'Fee by the tariff, SEK';
COMMENT ON COLUMN @registry@._regional_charge.counts IS 'The fee counts towards the high-cost protection';
COMMENT ON COLUMN @registry@._regional_charge.age_exempt IS 'A counted fee the patient''s age makes free';
COMMENT ON COLUMN @registry@._regional_charge.fee_due IS 'The fee after the age exemptions, SEK: what the high-cost protection is fed';
COMMENT ON COLUMN @registry@._regional_charge.ceiling IS 'The high-cost protection ceiling of the charge''s date and region';
COMMENT ON COLUMN @registry@._regional_charge.breaks_rule IS 'The rule the charge breaks (_charge_breaks_rule), NULL for none';

-- Regional charges go through the high-cost protection, one window per
-- patient, or for a family's children one over the family (hcp_family_fee:
-- who shares the family's ceiling is decided per period), whose members'
-- other charges then go through a window of their own.  Municipal charges go
-- through their category's monthly cap, then the fees under the maximum fee
-- through the monthly cap of least(maxtaxa, personal margin).  The terms are
-- fees.sql's rules (_hcp_ceiling, _age_exempt, _maxtaxa_cap,
-- _charge_breaks_rule), which the what-if applies too.  The branches never
-- share a partition, so each sorts only its own rows, and a filter on
-- patient_id or family_id reaches every branch: the patient's own windows
-- are partitioned by patient_id (and its family_id, which changes no
-- partition), and a family's window is computed, through LATERAL, for the
-- member whose rows it gives, from the family's charges alone.
CREATE VIEW @registry@.charge_split WITH (security_invoker = true) AS
SELECT r.charge_id, r.patient_id, r.family_id, r.org_code, 'region'::text AS principal, r.charge_date, r.kind,
	   r.category, r.counts_towards, r.list_fee, r.paid, r.list_fee - r.paid AS waived,
	   CASE WHEN r.paid = r.list_fee THEN NULL
			WHEN r.age_exempt THEN 'age_exemption'
			ELSE 'frikort'
	   END AS waived_by,
	   r.breaks_rule
FROM (SELECT g.*,
			 @extschema@.hcp_fee(g.fee_due, g.charge_date, g.counts, g.ceiling)
				 OVER (PARTITION BY g.patient_id, g.family_id ORDER BY g.charge_date, g.charge_id) AS paid
	  FROM @registry@._regional_charge g
	  WHERE g.family_id IS NULL) r
UNION ALL
SELECT f.charge_id, m.patient_id, m.family_id, f.org_code, 'region', f.charge_date, f.kind,
	   f.category, f.counts_towards, f.list_fee, f.paid, f.list_fee - f.paid,
	   CASE WHEN f.paid = f.list_fee THEN NULL
			WHEN f.age_exempt THEN 'age_exemption'
			ELSE 'frikort'
	   END,
	   f.breaks_rule
FROM @registry@.patient m
CROSS JOIN LATERAL (
	SELECT x.*,
		   coalesce(x.family_paid,
					@extschema@.hcp_fee(CASE WHEN x.family_paid IS NULL THEN x.fee_due END,
										x.charge_date, x.counts, x.ceiling)
						OVER (ORDER BY x.charge_date, x.charge_id)) AS paid
	FROM (SELECT g.*,
				 @extschema@.hcp_family_fee(g.fee_due, g.charge_date, g.counts, g.ceiling,
											g.birth_date, g.birth_year)
					 OVER (ORDER BY g.charge_date, g.charge_id) AS family_paid
		  FROM @registry@._regional_charge g
		  WHERE g.family_id = m.family_id) x
	WHERE x.patient_id = m.patient_id) f
WHERE m.family_id IS NOT NULL
UNION ALL
SELECT m.charge_id, m.patient_id, m.family_id, m.org_code, 'municipality', m.charge_date, m.kind, m.category,
	   m.counts_towards, m.list_fee, m.paid, m.list_fee - m.paid,
	   CASE WHEN m.paid = m.list_fee THEN NULL
			WHEN m.age_exempt THEN 'age_exemption'
			WHEN m.category_paid < m.list_fee AND m.paid < m.category_paid THEN 'category_cap+maxtaxa'
			WHEN m.category_paid < m.list_fee THEN 'category_cap'
			ELSE 'maxtaxa'
	   END,
	   m.breaks_rule
FROM (SELECT g.*,
			 CASE WHEN g.counts_towards = 'maxtaxa' THEN
				  @extschema@.monthly_cap_fee(CASE WHEN g.counts_towards = 'maxtaxa' THEN g.category_paid END,
											  g.charge_date, g.maxtaxa_cap)
					  OVER (PARTITION BY g.patient_id, g.family_id, g.org_code ORDER BY g.charge_date, g.charge_id)
				  ELSE g.category_paid
			 END AS paid
	  FROM (SELECT c.charge_id, c.patient_id, p.family_id, c.org_code, c.charge_date, c.kind,
				   k.category, k.counts_towards, c.list_fee, e.age_exempt,
				   @extschema@._charge_breaks_rule(c.kind, k.principal, o.principal, c.list_fee,
												   nf.inpatient_day_fee_cap) AS breaks_rule,
				   CASE WHEN k.counts_towards = 'maxtaxa' THEN
						@extschema@._maxtaxa_cap(nf.maxtaxa, pm.margin, c.charge_date)
				   END AS maxtaxa_cap,
				   @extschema@.monthly_cap_fee(CASE WHEN e.age_exempt THEN 0 ELSE c.list_fee END,
											   c.charge_date, mt.monthly_cap)
					   OVER (PARTITION BY c.patient_id, p.family_id, c.org_code, k.category
							 ORDER BY c.charge_date, c.charge_id) AS category_paid
			FROM @registry@.charge c
			JOIN @registry@.organisation o ON o.org_code = c.org_code AND o.principal = 'municipality'
			JOIN @registry@.charge_kind k ON k.kind = c.kind
			JOIN @registry@.patient p ON p.patient_id = c.patient_id
			LEFT JOIN @extschema@.national_fee_figures nf ON nf.year = @extschema@._year_of(c.charge_date)
			LEFT JOIN @registry@.municipal_tariff_in_force mt
				   ON mt.org_code = c.org_code AND mt.category = k.category AND mt.valid OPERATOR(pg_catalog.@>) c.charge_date
			LEFT JOIN @registry@.personal_margin pm
				   ON pm.patient_id = c.patient_id
				  AND pm.month = @extschema@._month_of(c.charge_date)
			CROSS JOIN LATERAL (
				SELECT @extschema@._age_exempt(@extschema@._age_on(p.birth_date, p.birth_year, c.charge_date),
											   mt.free_from_age, NULL) AS age_exempt) e) g) m;
COMMENT ON VIEW @registry@.charge_split IS
	'Every charge with what the patient pays and what the principal waives, and the rule that waived it: regional fees under the age exemptions and the high-cost protection (shared by the children of a family for a period: those under 18 on its first day), municipal fees under the age exemption, the category caps and the maximum fee (or the lower personal margin); the principal is the charging organisation''s. breaks_rule flags a charge that breaks a fee rule';
COMMENT ON COLUMN @registry@.charge_split.charge_id IS 'Charge';
COMMENT ON COLUMN @registry@.charge_split.patient_id IS 'Patient charged';
COMMENT ON COLUMN @registry@.charge_split.family_id IS 'The patient''s family (patient.family_id), for a family''s fees';
COMMENT ON COLUMN @registry@.charge_split.org_code IS 'Organisation that charges';
COMMENT ON COLUMN @registry@.charge_split.principal IS 'The principal of the organisation that charges: ''region'' or ''municipality''';
COMMENT ON COLUMN @registry@.charge_split.charge_date IS 'Date of the care the fee is for';
COMMENT ON COLUMN @registry@.charge_split.kind IS 'Kind of fee (charge_kind)';
COMMENT ON COLUMN @registry@.charge_split.category IS 'Municipal tariff category';
COMMENT ON COLUMN @registry@.charge_split.counts_towards IS '''hcp'', ''maxtaxa'' or ''none''';
COMMENT ON COLUMN @registry@.charge_split.list_fee IS 'Fee by the tariff, SEK';
COMMENT ON COLUMN @registry@.charge_split.paid IS 'What the patient pays, SEK (what the principal receives)';
COMMENT ON COLUMN @registry@.charge_split.waived IS 'What the principal waives, SEK: list_fee - paid';
COMMENT ON COLUMN @registry@.charge_split.waived_by IS 'The rule that waived it: frikort (high-cost protection), age_exemption, category_cap, maxtaxa (or the personal margin), category_cap+maxtaxa; NULL when nothing is waived';
COMMENT ON COLUMN @registry@.charge_split.breaks_rule IS 'The fee rule the charge breaks: kind_of_other_principal (the kind is the other principal''s to charge) or inpatient_day_fee_cap (an inpatient day fee above its year''s legal cap); NULL for none';

CREATE VIEW @registry@.patient_fees_by_year WITH (security_invoker = true) AS
SELECT patient_id, @extschema@._year_of(charge_date) AS year, principal,
	   count(*) AS charges, sum(list_fee) AS list_fees, sum(paid) AS paid, sum(waived) AS waived
FROM @registry@.charge_split
GROUP BY patient_id, @extschema@._year_of(charge_date), principal;
COMMENT ON VIEW @registry@.patient_fees_by_year IS
	'Per patient, calendar year and principal: list fees, what the patient paid and what the principal waived';
COMMENT ON COLUMN @registry@.patient_fees_by_year.patient_id IS 'Patient';
COMMENT ON COLUMN @registry@.patient_fees_by_year.year IS 'Calendar year of the charges';
COMMENT ON COLUMN @registry@.patient_fees_by_year.principal IS '''region'' or ''municipality''';
COMMENT ON COLUMN @registry@.patient_fees_by_year.charges IS 'Number of charges';
COMMENT ON COLUMN @registry@.patient_fees_by_year.list_fees IS 'Sum of list fees, SEK';
COMMENT ON COLUMN @registry@.patient_fees_by_year.paid IS 'Sum the patient paid, SEK';
COMMENT ON COLUMN @registry@.patient_fees_by_year.waived IS 'Sum the principal waived, SEK';
