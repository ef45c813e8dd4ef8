-- fees_peer.reference_split(): what every charge costs the patient by the
-- rules of charge_split, computed independently: the PL/pgSQL loops of
-- peers.sql fed straight from the registry tables (not through the
-- extension's views, tariff views or national-figure functions).  Needs
-- peers.sql.  Family keys are negated family ids, so patient ids must be
-- positive.
CREATE FUNCTION fees_peer.reference_split()
RETURNS TABLE (charge_id bigint, paid numeric)
LANGUAGE plpgsql SET client_min_messages = warning AS $$
BEGIN
	-- Regional charges: one high-cost protection per patient, or per family
	-- for its children under 18 (age reached in the year of the charge); the
	-- ceiling is the lower of the region's own and 0.025 price base amounts
	-- rounded down to 50.
	RETURN QUERY SELECT * FROM fees_peer.hcp_loop($q$
		SELECT CASE WHEN p.family_id IS NOT NULL AND
						 extract(year FROM c.charge_date) - p.birth_year < 18
					THEN -p.family_id ELSE c.patient_id END,
			   c.charge_id, c.charge_date, c.list_fee, k.counts_towards = 'hcp',
			   CASE WHEN k.counts_towards = 'hcp' THEN
					least((SELECT t.hcp_ceiling FROM registry.region_tariff t
						   WHERE t.org_code = c.org_code AND c.charge_date <@ t.valid),
						  (SELECT floor(0.025 * b.amount / 50) * 50 FROM mobilvard.price_base_amount b
						   WHERE b.year = extract(year FROM c.charge_date)))
			   END
		FROM registry.charge c
		JOIN registry.charge_kind k ON k.kind = c.kind
		JOIN registry.patient p ON p.patient_id = c.patient_id
		WHERE k.principal = 'region' $q$);

	-- Municipal charges, first per category under the tariff in force (the
	-- municipality's own row, else the default row), fees waived from the
	-- tariff's age; then the fees under the maximum fee per patient and
	-- municipality, capped at round(0.5392 price base amounts / 12) or the
	-- month's personal margin if lower.
	DROP TABLE IF EXISTS pg_temp.reference_category;
	CREATE TEMP TABLE reference_category AS
	SELECT cat.charge_id, cat.paid, k.counts_towards, c.patient_id, c.org_code, c.charge_date
	FROM fees_peer.cap_loop($q$
		SELECT dense_rank() OVER (ORDER BY c.patient_id, c.org_code, k.category),
			   c.charge_id, c.charge_date,
			   CASE WHEN extract(year FROM c.charge_date) - p.birth_year >= t.free_from_age
					THEN 0 ELSE c.list_fee END,
			   t.monthly_cap
		FROM registry.charge c
		JOIN registry.charge_kind k ON k.kind = c.kind
		JOIN registry.patient p ON p.patient_id = c.patient_id
		LEFT JOIN LATERAL (
			SELECT m.monthly_cap, m.free_from_age FROM registry.municipal_tariff m
			WHERE m.org_code = c.org_code AND m.category = k.category AND c.charge_date <@ m.valid
			UNION ALL
			SELECT d.monthly_cap, d.free_from_age FROM registry.municipal_tariff_default d
			WHERE d.category = k.category AND c.charge_date <@ d.valid
			  AND NOT EXISTS (SELECT FROM registry.municipal_tariff m
							  WHERE m.org_code = c.org_code AND m.category = k.category
								AND c.charge_date <@ m.valid)) t ON true
		WHERE k.principal = 'municipality' $q$) cat
	JOIN registry.charge c ON c.charge_id = cat.charge_id
	JOIN registry.charge_kind k ON k.kind = c.kind;

	RETURN QUERY SELECT r.charge_id, r.paid FROM pg_temp.reference_category r
	WHERE r.counts_towards <> 'maxtaxa';
	RETURN QUERY SELECT * FROM fees_peer.cap_loop($q$
		SELECT dense_rank() OVER (ORDER BY r.patient_id, r.org_code),
			   r.charge_id, r.charge_date, r.paid,
			   least((SELECT round(0.5392 * b.amount / 12) FROM mobilvard.price_base_amount b
					  WHERE b.year = extract(year FROM r.charge_date)),
					 (SELECT m.margin FROM registry.personal_margin m
					  WHERE m.patient_id = r.patient_id
						AND m.month = make_date(extract(year FROM r.charge_date)::integer,
												extract(month FROM r.charge_date)::integer, 1)))
		FROM pg_temp.reference_category r
		WHERE r.counts_towards = 'maxtaxa' $q$);
END
$$;
