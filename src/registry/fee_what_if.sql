-- registry/fee_what_if.sql: what a patient's home health care would cost if
-- the region delivered it and if the municipality did (the national
-- pre-study's "care gets more expensive when it moves to the municipality",
-- for real patients), under the fee terms charge_split applies (fees.sql).
-- Assumptions in doc/fees.md.

CREATE FUNCTION @registry@.home_health_what_if(patient_id bigint, period daterange)
	RETURNS TABLE (principal text, org_code text, contacts integer, list_fees numeric,
				   patient_pays numeric, principal_waives numeric)
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
WITH patient AS (
	SELECT p.birth_year, m.org_code AS municipality, m.parent_org AS region
	FROM @registry@.patient p
	JOIN @registry@.organisation m ON m.municipality_code = p.municipality_code
	WHERE p.patient_id = home_health_what_if.patient_id
),
-- Home health care: physical visits in the patient's ordinary home by a
-- primary-care unit of either principal.
visit AS (
	SELECT c.contact_id, c.contact_date,
		   row_number() OVER (PARTITION BY date_trunc('month', c.contact_date::timestamptz)
							  ORDER BY c.contact_date, c.contact_id) = 1 AS first_in_month
	FROM @registry@.contact c
	JOIN @registry@.unit u ON u.unit_id = c.unit_id
	WHERE c.patient_id = home_health_what_if.patient_id
	  AND c.contact_date OPERATOR(pg_catalog.<@) home_health_what_if.period
	  AND c.mode = 'physical' AND c.setting = 'ordinary_home'
	  AND u.unit_level IN ('regional_primary', 'municipal_primary')
),
-- The region: its home-visit fee per visit, counted towards the high-cost
-- protection, whose period starts at the first visit.
by_region AS (
	SELECT v.contact_id, t.home_visit_fee AS list_fee,
		   @extschema@.hcp_fee(t.home_visit_fee, v.contact_date, true,
							   @extschema@._hcp_ceiling(t.hcp_ceiling, nf.hcp_ceiling, v.contact_date))
			   OVER (ORDER BY v.contact_date, v.contact_id) AS paid
	FROM visit v
	CROSS JOIN patient p
	LEFT JOIN @extschema@.national_fee_figures nf ON nf.year = @extschema@._year_of(v.contact_date)
	LEFT JOIN @registry@.region_tariff_in_force t ON t.org_code = p.region AND t.valid OPERATOR(pg_catalog.@>) v.contact_date
),
-- The municipality: its home-health tariff (per visit, or a flat fee in each
-- month with a visit), the age exemption, the category cap, then the maximum
-- fee or the lower personal margin.
municipal_fee AS (
	SELECT v.contact_id, v.contact_date,
		   CASE WHEN t.org_code IS NULL THEN NULL
				WHEN t.visit_fee IS NOT NULL THEN t.visit_fee
				WHEN v.first_in_month THEN coalesce(t.monthly_fee, 0)
				ELSE 0
		   END AS list_fee,
		   @extschema@._age_exempt(p.birth_year, v.contact_date, t.free_from_age) AS exempt,
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
),
by_municipality AS (
	SELECT f.contact_id, f.list_fee,
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
	   CASE WHEN visits = priced THEN list_fees - paid END
FROM (SELECT x.principal, x.org_code, pg_catalog.count(x.contact_id) AS visits, pg_catalog.count(x.list_fee) AS priced,
			 coalesce(sum(x.list_fee), 0) AS list_fees, coalesce(sum(x.paid), 0) AS paid
	  FROM (SELECT 'region' AS principal, p.region AS org_code, r.*
			FROM patient p LEFT JOIN by_region r ON true
			UNION ALL
			SELECT 'municipality', p.municipality, m.*
			FROM patient p LEFT JOIN by_municipality m ON true) x
	  GROUP BY x.principal, x.org_code) totals
ORDER BY principal = 'municipality';
END;
COMMENT ON FUNCTION @registry@.home_health_what_if(bigint, daterange) IS
	'What a patient''s home health care in a period (physical visits in the ordinary home by primary-care units of either principal) would cost if the region delivered it (its home-visit fee per visit, under the high-cost protection) and if the municipality did (its home-health tariff, age exemption, category cap and maximum fee or personal margin): one row per principal with the visits, the list fees, what the patient pays (the principal receives it) and what the principal waives. The visits are priced on their own, without the patient''s other fees; see doc/fees.md';
