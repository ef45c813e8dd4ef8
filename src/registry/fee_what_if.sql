-- registry/fee_what_if.sql: what a patient's home health care would cost if
-- the region delivered it and if the municipality did (the national
-- pre-study's "care gets more expensive when it moves to the municipality",
-- for real patients), under the fee terms charge_split applies (fees.sql).
-- Assumptions in doc/fees.md.

CREATE FUNCTION @registry@.home_health_what_if(patient_id bigint, period daterange)
	RETURNS TABLE (principal text, org_code text, contacts integer, list_fees numeric,
				   patient_pays numeric, principal_waives numeric, doctor_visits integer)
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
WITH patient AS (
	SELECT p.birth_date, p.birth_year, m.org_code AS municipality, m.parent_org AS region
	FROM @registry@.patient p
	JOIN @registry@.organisation m ON m.municipality_code = p.municipality_code
	WHERE p.patient_id = home_health_what_if.patient_id
),
-- Home health care: physical visits in the patient's ordinary home by a
-- primary-care unit of either principal.  A municipality does not employ
-- doctors, so doctors' visits stay with the region in either case; the
-- municipality's flat monthly fee is for the months with its own visits.
visit AS (
	SELECT v.*,
		   NOT v.by_doctor AND row_number() OVER (PARTITION BY v.by_doctor, @extschema@._month_of(v.contact_date)
												  ORDER BY v.contact_date, v.contact_id) = 1 AS first_in_month
	FROM (SELECT c.contact_id, c.contact_date, c.profession IS NOT DISTINCT FROM 'doctor' AS by_doctor,
				 @extschema@._age_on(p.birth_date, p.birth_year, c.contact_date) AS age
		  FROM @registry@.contact c
		  JOIN @registry@.unit u ON u.unit_id = c.unit_id
		  CROSS JOIN patient p
		  WHERE c.patient_id = home_health_what_if.patient_id
			AND c.contact_date OPERATOR(pg_catalog.<@) home_health_what_if.period
			AND c.mode = 'physical' AND c.setting = 'ordinary_home'
			AND u.unit_level IN ('regional_primary', 'municipal_primary')) v
),
-- The region's terms of a visit: its home-visit fee, free at the ages the
-- law and the region make free, counted towards the high-cost protection.
by_region_terms AS (
	SELECT v.contact_id, v.contact_date, v.by_doctor, t.home_visit_fee AS list_fee,
		   CASE WHEN @extschema@._age_exempt(v.age, t.free_from_age, t.free_ages) THEN 0::numeric
				ELSE t.home_visit_fee END AS fee_due,
		   @extschema@._hcp_ceiling(t.hcp_ceiling, nf.hcp_ceiling, v.contact_date) AS ceiling
	FROM visit v
	CROSS JOIN patient p
	LEFT JOIN @extschema@.national_fee_figures nf ON nf.year = @extschema@._year_of(v.contact_date)
	LEFT JOIN @registry@.region_tariff_in_force t ON t.org_code = p.region AND t.valid OPERATOR(pg_catalog.@>) v.contact_date
),
-- The region gives every visit; the high-cost period starts at the first.
by_region AS (
	SELECT r.contact_id, r.by_doctor, r.list_fee,
		   @extschema@.hcp_fee(r.fee_due, r.contact_date, true, r.ceiling)
			   OVER (ORDER BY r.contact_date, r.contact_id) AS paid
	FROM by_region_terms r
),
-- The region gives the doctors' visits alone.
doctors_by_region AS (
	SELECT r.contact_id, r.by_doctor, r.list_fee,
		   @extschema@.hcp_fee(r.fee_due, r.contact_date, true, r.ceiling)
			   OVER (ORDER BY r.contact_date, r.contact_id) AS paid
	FROM by_region_terms r
	WHERE r.by_doctor
),
-- The municipality gives the other visits: its home-health tariff (per
-- visit, or a flat fee in each month with a visit), the age exemption, the
-- category cap, then the maximum fee or the lower personal margin.
municipal_fee AS (
	SELECT v.contact_id, v.contact_date,
		   CASE WHEN t.org_code IS NULL THEN NULL
				WHEN t.visit_fee IS NOT NULL THEN t.visit_fee
				WHEN v.first_in_month THEN coalesce(t.monthly_fee, 0)
				ELSE 0
		   END AS list_fee,
		   @extschema@._age_exempt(v.age, t.free_from_age, NULL) AS exempt,
		   t.monthly_cap,
		   @extschema@._maxtaxa_cap(nf.maxtaxa, m.margin, v.contact_date) AS maxtaxa_cap
	FROM visit v
	CROSS JOIN patient p
	LEFT JOIN @extschema@.national_fee_figures nf ON nf.year = @extschema@._year_of(v.contact_date)
	LEFT JOIN @registry@.municipal_tariff_in_force t
	  ON t.org_code = p.municipality AND t.category = 'home_health' AND t.valid OPERATOR(pg_catalog.@>) v.contact_date
	LEFT JOIN @registry@.personal_margin m
	  ON m.patient_id = home_health_what_if.patient_id
	 AND m.month = @extschema@._month_of(v.contact_date)
	WHERE NOT v.by_doctor
),
by_municipality AS (
	SELECT f.contact_id, false AS by_doctor, f.list_fee,
		   @extschema@.monthly_cap_fee(f.category_paid, f.contact_date, f.maxtaxa_cap)
			   OVER (ORDER BY f.contact_date, f.contact_id) AS paid
	FROM (SELECT f.*,
				 @extschema@.monthly_cap_fee(CASE WHEN f.exempt THEN 0 ELSE f.list_fee END,
											 f.contact_date, f.monthly_cap)
					 OVER (ORDER BY f.contact_date, f.contact_id) AS category_paid
		  FROM municipal_fee f) f
)
-- A visit without a tariff (an unknown region, say) makes the sums NULL
-- rather than too small.
SELECT principal, org_code, visits::integer,
	   CASE WHEN visits = priced THEN list_fees END,
	   CASE WHEN visits = priced THEN paid END,
	   CASE WHEN visits = priced THEN list_fees - paid END,
	   doctors::integer
FROM (SELECT x.principal, x.org_code, pg_catalog.count(x.contact_id) AS visits, pg_catalog.count(x.list_fee) AS priced,
			 pg_catalog.count(x.contact_id) FILTER (WHERE x.by_doctor) AS doctors,
			 coalesce(sum(x.list_fee), 0) AS list_fees, coalesce(sum(x.paid), 0) AS paid
	  FROM (SELECT 'region' AS principal, p.region AS org_code, r.*
			FROM patient p LEFT JOIN by_region r ON true
			UNION ALL
			SELECT 'municipality', p.municipality, m.*
			FROM patient p
			LEFT JOIN (SELECT * FROM by_municipality UNION ALL SELECT * FROM doctors_by_region) m ON true) x
	  GROUP BY x.principal, x.org_code) totals
ORDER BY principal = 'municipality';
END;
COMMENT ON FUNCTION @registry@.home_health_what_if(bigint, daterange) IS
	'What a patient''s home health care in a period (physical visits in the ordinary home by primary-care units of either principal) would cost if the region delivered it (its home-visit fee per visit, free from 85 and at the region''s free ages, under the high-cost protection) and if the municipality did (its home-health tariff, age exemption, category cap and maximum fee or personal margin): one row per principal with the visits, the list fees, what the patient pays and what is waived. Doctors'' visits are the region''s in both rows (a municipality employs no doctors): doctor_visits counts them, and the municipality''s row includes their regional fees under the high-cost protection. The visits are priced on their own, without the patient''s other fees; see doc/fees.md';
