-- fees_peer.reference_split(): what every charge costs the patient by the
-- rules of charge_split, computed independently: PL/pgSQL loops (peers.sql
-- and the family loop below) fed straight from the registry tables (not
-- through the extension's views, tariff views, national-figure or age
-- functions).  Needs peers.sql.  Besides what each charge pays it gives the
-- key of the high-cost protection it counts under: the patient's id, or
-- for a family's shared ceiling the negated family id (so patient ids must
-- be positive).

-- Age in whole years on a date, by PostgreSQL's age(): from the birth date,
-- else from 1 January of the birth year.
CREATE FUNCTION fees_peer.age_on(birth_date date, birth_year integer, on_date date) RETURNS integer
LANGUAGE sql IMMUTABLE AS $$
	SELECT extract(year FROM age(on_date, coalesce(birth_date, make_date(birth_year, 1, 1))))::integer
$$;

-- A family's regional charges, in order: a charge is the family's when its
-- member is under 18 on its date, or was on the first day of the open
-- family period it falls in; those pay under the family's ceiling, the
-- others are returned with NULL for the member's own ceiling.  Source
-- columns: (key, charge_id, charge_date, list_fee, counts, ceiling,
-- birth_date, birth_year).
CREATE FUNCTION fees_peer.hcp_family_loop(source text)
RETURNS TABLE (charge_id bigint, paid numeric)
LANGUAGE plpgsql AS $$
DECLARE
	r record;
	current_key bigint;
	period_start date;
	period_end date;
	ceiling numeric;
	paid_in_period numeric;
BEGIN
	FOR r IN EXECUTE format(
		'SELECT * FROM (%s) s(key, charge_id, charge_date, list_fee, counts, ceiling, birth_date, birth_year) '
		'ORDER BY key, charge_date, charge_id', source)
	LOOP
		IF current_key IS DISTINCT FROM r.key THEN
			current_key := r.key;
			period_end := NULL;
		END IF;
		charge_id := r.charge_id;
		IF coalesce(fees_peer.age_on(r.birth_date, r.birth_year, r.charge_date) < 18
					OR (r.charge_date <= period_end
						AND fees_peer.age_on(r.birth_date, r.birth_year, period_start) < 18), false) THEN
			IF NOT r.counts OR r.list_fee = 0 THEN
				paid := r.list_fee;
			ELSE
				IF period_end IS NULL OR r.charge_date > period_end THEN
					period_start := r.charge_date;
					period_end := fees_peer.period_end(r.charge_date);
					ceiling := r.ceiling;
					paid_in_period := 0;
				END IF;
				paid := least(r.list_fee, ceiling - paid_in_period);
				paid_in_period := paid_in_period + paid;
			END IF;
		ELSE
			paid := NULL;
		END IF;
		RETURN NEXT;
	END LOOP;
END
$$;

CREATE FUNCTION fees_peer.reference_split()
RETURNS TABLE (charge_id bigint, paid numeric, hcp_key bigint)
LANGUAGE plpgsql SET client_min_messages = warning AS $$
BEGIN
	-- Regional charges: those of organisations of a region, whatever their
	-- kind.  A counted fee is free from the default tariff's free_from_age
	-- or at the region's free_ages (age on the charge date); the ceiling is
	-- the lower of the region's own and 0.025 price base amounts rounded
	-- down to 50.
	DROP TABLE IF EXISTS pg_temp.reference_regional;
	CREATE TEMP TABLE reference_regional AS
	SELECT c.charge_id, c.patient_id, p.family_id, p.birth_date, p.birth_year, c.charge_date,
		   k.counts_towards = 'hcp' AS counts,
		   CASE WHEN k.counts_towards = 'hcp'
					 AND (fees_peer.age_on(p.birth_date, p.birth_year, c.charge_date) >=
						  (SELECT d.free_from_age FROM registry.region_tariff_default d WHERE c.charge_date <@ d.valid)
						  OR fees_peer.age_on(p.birth_date, p.birth_year, c.charge_date) <@
						  (SELECT t.free_ages FROM registry.region_tariff t
						   WHERE t.org_code = c.org_code AND c.charge_date <@ t.valid))
				THEN 0 ELSE c.list_fee END AS fee,
		   CASE WHEN k.counts_towards = 'hcp' THEN
				least((SELECT t.hcp_ceiling FROM registry.region_tariff t
					   WHERE t.org_code = c.org_code AND c.charge_date <@ t.valid),
					  (SELECT floor(0.025 * b.amount / 50) * 50 FROM mobilvard.price_base_amount b
					   WHERE b.year = extract(year FROM c.charge_date)))
		   END AS ceiling
	FROM registry.charge c
	JOIN registry.organisation o ON o.org_code = c.org_code
	JOIN registry.charge_kind k ON k.kind = c.kind
	JOIN registry.patient p ON p.patient_id = c.patient_id
	WHERE o.principal = 'region';

	-- A family's children share its ceiling per period (the family loop);
	-- everything else pays under the patient's own.
	DROP TABLE IF EXISTS pg_temp.reference_family;
	CREATE TEMP TABLE reference_family AS
	SELECT * FROM fees_peer.hcp_family_loop($q$
		SELECT family_id, charge_id, charge_date, fee, counts, ceiling, birth_date, birth_year
		FROM pg_temp.reference_regional WHERE family_id IS NOT NULL $q$);
	RETURN QUERY SELECT f.charge_id, f.paid, -r.family_id
	FROM pg_temp.reference_family f JOIN pg_temp.reference_regional r USING (charge_id)
	WHERE f.paid IS NOT NULL;
	RETURN QUERY SELECT o.charge_id, o.paid, r.patient_id
	FROM fees_peer.hcp_loop($q$
		SELECT r.patient_id, r.charge_id, r.charge_date, r.fee, r.counts, r.ceiling
		FROM pg_temp.reference_regional r
		WHERE NOT EXISTS (SELECT FROM pg_temp.reference_family f
						  WHERE f.charge_id = r.charge_id AND f.paid IS NOT NULL) $q$) o
	JOIN pg_temp.reference_regional r USING (charge_id);

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
			   CASE WHEN fees_peer.age_on(p.birth_date, p.birth_year, c.charge_date) >= t.free_from_age
					THEN 0 ELSE c.list_fee END,
			   t.monthly_cap
		FROM registry.charge c
		JOIN registry.charge_kind k ON k.kind = c.kind
		JOIN registry.patient p ON p.patient_id = c.patient_id
		JOIN registry.organisation o ON o.org_code = c.org_code
		LEFT JOIN LATERAL (
			SELECT m.monthly_cap, m.free_from_age FROM registry.municipal_tariff m
			WHERE m.org_code = c.org_code AND m.category = k.category AND c.charge_date <@ m.valid
			UNION ALL
			SELECT d.monthly_cap, d.free_from_age FROM registry.municipal_tariff_default d
			WHERE d.category = k.category AND c.charge_date <@ d.valid
			  AND NOT EXISTS (SELECT FROM registry.municipal_tariff m
							  WHERE m.org_code = c.org_code AND m.category = k.category
								AND c.charge_date <@ m.valid)) t ON true
		WHERE o.principal = 'municipality' $q$) cat
	JOIN registry.charge c ON c.charge_id = cat.charge_id
	JOIN registry.charge_kind k ON k.kind = c.kind;

	RETURN QUERY SELECT r.charge_id, r.paid, NULL::bigint FROM pg_temp.reference_category r
	WHERE r.counts_towards <> 'maxtaxa';
	RETURN QUERY SELECT m.charge_id, m.paid, NULL::bigint FROM fees_peer.cap_loop($q$
		SELECT dense_rank() OVER (ORDER BY r.patient_id, r.org_code),
			   r.charge_id, r.charge_date, r.paid,
			   least((SELECT round(0.5392 * b.amount / 12) FROM mobilvard.price_base_amount b
					  WHERE b.year = extract(year FROM r.charge_date)),
					 (SELECT m.margin FROM registry.personal_margin m
					  WHERE m.patient_id = r.patient_id
						AND m.month = make_date(extract(year FROM r.charge_date)::integer,
												extract(month FROM r.charge_date)::integer, 1)))
		FROM pg_temp.reference_category r
		WHERE r.counts_towards = 'maxtaxa' $q$) m;
END
$$;
