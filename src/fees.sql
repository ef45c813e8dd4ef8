-- fees.sql: the national fee figures and the fee engines (src/fees.c,
-- src/hcp.c, src/monthly_cap.c; doc/fees.md).  The registry's charges,
-- tariffs and what each charge costs are in registry/fees.sql and
-- registry/fee_split.sql.

-- ---------------------------------------------------------------------------
-- The price base amount, the one reference table of the extension
-- ---------------------------------------------------------------------------

CREATE TABLE @extschema@.price_base_amount (
	year integer PRIMARY KEY
		CONSTRAINT price_base_amount_year_plausible CHECK (year BETWEEN 1900 AND 2200),
	amount numeric NOT NULL
		CONSTRAINT price_base_amount_positive CHECK (amount > 0::numeric),
	CONSTRAINT price_base_amount_finite CHECK (amount < 'Infinity')
);
COMMENT ON TABLE @extschema@.price_base_amount IS
	'Price base amount (prisbasbelopp) per year, SEK; the national fee figures derive from it. Shared by every registry of the database; add a year as Statistics Sweden publishes it';
COMMENT ON COLUMN @extschema@.price_base_amount.year IS 'Calendar year';
COMMENT ON COLUMN @extschema@.price_base_amount.amount IS 'Price base amount in SEK';

CREATE FUNCTION @extschema@._shipped_price_base_amount()
	RETURNS SETOF @extschema@.price_base_amount
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
BEGIN ATOMIC
	VALUES (2022, 48300::numeric), (2023, 52500), (2024, 57300), (2025, 58800), (2026, 59200);
END;
COMMENT ON FUNCTION @extschema@._shipped_price_base_amount() IS
	'The price base amounts mobilvard ships (Statistics Sweden), 2022-2026';

-- The shipped rows are made by CREATE EXTENSION, so pg_dump carries only the
-- rows that differ from them; restoring such a row replaces the unchanged
-- shipped row with its year instead of failing as a duplicate.
CREATE FUNCTION @extschema@._replace_shipped_price_base_amount() RETURNS trigger
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	DELETE FROM @extschema@.price_base_amount t
	WHERE t.year OPERATOR(pg_catalog.=) NEW.year
	  AND (t.year, t.amount) IN (SELECT s.year, s.amount FROM @extschema@._shipped_price_base_amount() s);
	RETURN NEW;
END
$$;
COMMENT ON FUNCTION @extschema@._replace_shipped_price_base_amount() IS
	'Trigger on price_base_amount: an inserted year replaces the unchanged shipped row of that year (so that a restored dump keeps edits of shipped rows)';

INSERT INTO @extschema@.price_base_amount SELECT * FROM @extschema@._shipped_price_base_amount();
CREATE TRIGGER replace_shipped_row BEFORE INSERT ON @extschema@.price_base_amount
	FOR EACH ROW EXECUTE FUNCTION @extschema@._replace_shipped_price_base_amount();
SELECT pg_catalog.pg_extension_config_dump('@extschema@.price_base_amount',
	'WHERE (year, amount) NOT IN (SELECT s.year, s.amount FROM @extschema@._shipped_price_base_amount() s)');
GRANT SELECT ON @extschema@.price_base_amount TO PUBLIC;

-- ---------------------------------------------------------------------------
-- National figures, from the price base amount
-- ---------------------------------------------------------------------------

-- @national-figures {
-- OR REPLACE: the update from 0.1 makes 0.1's view again, so that it is
-- bound to PostgreSQL's own operators whatever 0.1 was installed with.
CREATE OR REPLACE VIEW @extschema@.national_fee_figures WITH (security_invoker = true) AS
SELECT year,
	   amount AS price_base_amount,
	   floor(0.025 * amount / 50::numeric) * 50::numeric AS hcp_ceiling,
	   round(0.5392 * amount / 12::numeric) AS maxtaxa,
	   floor(0.0023 * amount / 10::numeric) * 10::numeric AS inpatient_day_fee_cap
FROM @extschema@.price_base_amount;
COMMENT ON VIEW @extschema@.national_fee_figures IS
	'The national fee figures of each year in price_base_amount: the high-cost protection ceiling (0.025 x price base amount, rounded down to a multiple of 50), the maximum fee per month (0.5392 x price base amount / 12, rounded) and the inpatient day fee''s cap (0.0023 x price base amount, rounded down to 10)';
COMMENT ON COLUMN @extschema@.national_fee_figures.year IS 'Calendar year';
COMMENT ON COLUMN @extschema@.national_fee_figures.price_base_amount IS 'Price base amount (prisbasbelopp) of the year, SEK';
COMMENT ON COLUMN @extschema@.national_fee_figures.hcp_ceiling IS 'National high-cost protection ceiling for outpatient care, SEK per 12-month period';
COMMENT ON COLUMN @extschema@.national_fee_figures.maxtaxa IS 'National maximum fee (maxtaxa) for municipal care, SEK per calendar month';
COMMENT ON COLUMN @extschema@.national_fee_figures.inpatient_day_fee_cap IS 'Most a region may charge per day of inpatient care, SEK (0.0023 x price base amount, rounded down to 10)';
GRANT SELECT ON @extschema@.national_fee_figures TO PUBLIC;
-- @national-figures }

-- The figures of a date's year; a year without a price base amount is an
-- error rather than a NULL that would silently switch a protection off.
CREATE FUNCTION @extschema@._national_fee_figures_on(d date) RETURNS @extschema@.national_fee_figures
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	figures @extschema@.national_fee_figures;
BEGIN
	SELECT * INTO figures
	FROM @extschema@.national_fee_figures f WHERE f.year = extract(year FROM d);
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no price base amount for year %', extract(year FROM d)
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'Add the year to @extschema@.price_base_amount.';
	END IF;
	RETURN figures;
END
$$;
COMMENT ON FUNCTION @extschema@._national_fee_figures_on(date) IS
	'The national fee figures of a date''s year (national_fee_figures); error 22023 for a year without a price base amount';

CREATE FUNCTION @extschema@.national_hcp_ceiling(d date) RETURNS numeric
LANGUAGE sql STABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
	SELECT (@extschema@._national_fee_figures_on(d)).hcp_ceiling;
END;
COMMENT ON FUNCTION @extschema@.national_hcp_ceiling(date) IS
	'National high-cost protection ceiling in force on a date: floor(0.025 x price base amount of the year / 50) x 50 SEK; error 22023 for a year without a price base amount';

CREATE FUNCTION @extschema@.national_maxtaxa(d date) RETURNS numeric
LANGUAGE sql STABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
	SELECT (@extschema@._national_fee_figures_on(d)).maxtaxa;
END;
COMMENT ON FUNCTION @extschema@.national_maxtaxa(date) IS
	'National maximum fee (maxtaxa) per month in force on a date: round(0.5392 x price base amount of the year / 12) SEK; error 22023 for a year without a price base amount';

-- @fee-terms {
-- ---------------------------------------------------------------------------
-- The terms a fee is paid under (doc/fees.md), one definition each for a
-- registry's charge_split and home_health_what_if.  Expressions, so that the
-- planner inlines them into the queries that look the figures up.
-- ---------------------------------------------------------------------------

-- The high-cost protection ceiling of a counted regional fee: the lower of
-- the region's own and the national ceiling of the date (national_hcp_ceiling
-- is asked only when the caller found no national figures: it names the
-- missing year).
CREATE FUNCTION @extschema@._hcp_ceiling(region_ceiling numeric, national_ceiling numeric, on_date date)
	RETURNS numeric
	LANGUAGE sql STABLE PARALLEL SAFE
	RETURN least(region_ceiling, coalesce(national_ceiling, @extschema@.national_hcp_ceiling(on_date)));
COMMENT ON FUNCTION @extschema@._hcp_ceiling(numeric, numeric, date) IS
	'Fee term: the high-cost protection ceiling of a counted regional fee, the lower of the region''s own (NULL: none) and the national one of the date';

-- The age exemptions of a fee: from an age on (a tariff's free_from_age) or
-- at the ages a region has made free (free_ages); unknown age, or no such
-- rule: not exempt.
CREATE FUNCTION @extschema@._age_exempt(age integer, free_from_age integer, free_ages int4multirange)
	RETURNS boolean
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	RETURN coalesce(age >= free_from_age OR age OPERATOR(pg_catalog.<@) free_ages, false);
COMMENT ON FUNCTION @extschema@._age_exempt(integer, integer, int4multirange) IS
	'Fee term: a patient of this age (_age_on the date of the fee) pays nothing for it, having reached free_from_age or being of one of free_ages';

-- The rules a single charge can break that the registry lets it be written
-- with: the charge rule on principals, when the trigger was not there (a
-- bulk load with triggers off, a kind whose principal was changed later),
-- and the inpatient day fee's legal cap.
CREATE FUNCTION @extschema@._charge_breaks_rule(kind text, kind_principal text, org_principal text,
		list_fee numeric, inpatient_day_fee_cap numeric)
	RETURNS text
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	RETURN CASE WHEN kind_principal OPERATOR(pg_catalog.<>) org_principal THEN 'kind_of_other_principal'
				WHEN kind OPERATOR(pg_catalog.=) 'inpatient_day' AND list_fee > inpatient_day_fee_cap
					THEN 'inpatient_day_fee_cap'
		   END;
COMMENT ON FUNCTION @extschema@._charge_breaks_rule(text, text, text, numeric, numeric) IS
	'Fee term: the rule a charge breaks, if any: kind_of_other_principal (its kind is the other principal''s to charge) or inpatient_day_fee_cap (an inpatient day fee above the legal cap of its year)';

-- The two rules a charge keeps beyond its table's constraints, as the
-- trigger below and the loaders (load.sql) check them: its year has a price
-- base amount, and its kind belongs to its organisation's principal (the
-- registry's view _charge_kind_mismatch lists the pairs that do not).
CREATE FUNCTION @extschema@._year_has_price_base_amount(year integer) RETURNS boolean
	LANGUAGE sql STABLE PARALLEL SAFE
	RETURN EXISTS (SELECT FROM @extschema@.price_base_amount b
				   WHERE b.year OPERATOR(pg_catalog.=) _year_has_price_base_amount.year);
COMMENT ON FUNCTION @extschema@._year_has_price_base_amount(integer) IS
	'Charge rule: the year has a price base amount (mobilvard.price_base_amount)';

CREATE FUNCTION @extschema@._charge_year_message(year integer) RETURNS text
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	RETURN pg_catalog.format('no price base amount for year %s, the year of a charge', year);
COMMENT ON FUNCTION @extschema@._charge_year_message(integer) IS
	'Charge rule: what a charge in a year without a price base amount is told';

CREATE FUNCTION @extschema@._charge_principal_message(charge_id bigint, kind text, kind_principal text,
		org_code text, org_principal text) RETURNS text
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	RETURN pg_catalog.format('charge %s of kind %s is the %s''s to charge, but %s is a %s',
							 charge_id, kind, kind_principal, org_code, org_principal);
COMMENT ON FUNCTION @extschema@._charge_principal_message(bigint, text, text, text, text) IS
	'Charge rule: what a charge of a kind of the other principal than its organisation''s is told';

-- The monthly cap of the fees under the maximum fee: the lower of the
-- national maxtaxa of the date and the patient's own margin.
CREATE FUNCTION @extschema@._maxtaxa_cap(national_maxtaxa numeric, margin numeric, on_date date)
	RETURNS numeric
	LANGUAGE sql STABLE PARALLEL SAFE
	RETURN least(coalesce(national_maxtaxa, @extschema@.national_maxtaxa(on_date)), margin);
COMMENT ON FUNCTION @extschema@._maxtaxa_cap(numeric, numeric, date) IS
	'Fee term: the month''s cap of municipal fees under the maximum fee, the lower of the national maxtaxa of the date and the personal margin (NULL: none)';
-- A registry's new and updated charges, checked together by one statement
-- trigger of its charge table (one query over the statement's rows, not
-- one per row), because either fault would surface only at a later read:
-- a charge in a year without national figures would fail every read of
-- charge_split, and a kind of the other principal's would be counted under
-- the wrong protection.  The registry is the schema of the table.
CREATE FUNCTION @extschema@._check_new_charges() RETURNS trigger
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	missing integer;
	wrong record;
BEGIN
	SELECT min(y) INTO missing
	FROM (SELECT DISTINCT @extschema@._year_of(n.charge_date) AS y FROM new_charges n) c
	WHERE NOT @extschema@._year_has_price_base_amount(c.y);
	IF missing IS NOT NULL THEN
		RAISE EXCEPTION '%', @extschema@._charge_year_message(missing)
			USING ERRCODE = 'foreign_key_violation',
				  TABLE = TG_TABLE_NAME, SCHEMA = TG_TABLE_SCHEMA, COLUMN = 'charge_date',
				  HINT = 'Add the year to @extschema@.price_base_amount first.';
	END IF;
	EXECUTE format(
		'SELECT n.charge_id, m.kind, m.kind_principal, m.org_code, m.org_principal '
		'FROM new_charges n '
		'JOIN %I._charge_kind_mismatch m '
		'  ON m.kind OPERATOR(pg_catalog.=) n.kind AND m.org_code OPERATOR(pg_catalog.=) n.org_code '
		'ORDER BY n.charge_id LIMIT 1', TG_TABLE_SCHEMA)
		INTO wrong;
	IF wrong.charge_id IS NOT NULL THEN
		RAISE EXCEPTION '%', @extschema@._charge_principal_message(wrong.charge_id, wrong.kind,
			wrong.kind_principal, wrong.org_code, wrong.org_principal)
			USING ERRCODE = 'check_violation',
				  TABLE = TG_TABLE_NAME, SCHEMA = TG_TABLE_SCHEMA, COLUMN = 'kind',
				  HINT = 'Charge it by an organisation of the kind''s principal, or with a kind of the organisation''s.';
	END IF;
	RETURN NULL;
END
$$;
COMMENT ON FUNCTION @extschema@._check_new_charges() IS
	'Statement trigger of a registry''s charge table: every charge''s year has a price base amount (23503 naming the year, with a hint), and its kind belongs to the principal of the organisation that charges it (23514 naming the charge)';
-- @fee-terms }

-- ---------------------------------------------------------------------------
-- Engines (window functions)
-- ---------------------------------------------------------------------------

CREATE TYPE @extschema@.hcp_state AS (
	period_start date,
	period_end date,
	paid_in_period numeric,
	frikort boolean
);
COMMENT ON TYPE @extschema@.hcp_state IS
	'State of the high-cost protection after a charge (hcp_status)';
COMMENT ON COLUMN @extschema@.hcp_state.period_start IS 'First day of the current 12-month period; NULL before the first counted fee';
COMMENT ON COLUMN @extschema@.hcp_state.period_end IS 'Last day of the current period (the day before its anniversary)';
COMMENT ON COLUMN @extschema@.hcp_state.paid_in_period IS 'Counted fees paid in the period so far, SEK';
COMMENT ON COLUMN @extschema@.hcp_state.frikort IS 'The paid sum has reached the period''s ceiling: counted fees are free until period_end';

CREATE FUNCTION @extschema@.hcp_fee(list_fee numeric, charge_date date, counts boolean, ceiling numeric)
	RETURNS numeric
	AS 'MODULE_PATHNAME', 'hcp_fee'
	LANGUAGE C IMMUTABLE PARALLEL SAFE WINDOW;
COMMENT ON FUNCTION @extschema@.hcp_fee(numeric, date, boolean, numeric) IS
	'Window function, OVER (PARTITION BY patient ORDER BY charge_date, charge_id): what the patient pays under the region''s high-cost protection. A counted positive fee opens a 12-month period (ceiling fixed from that row) when none is open or the last one has ended, and is paid up to what is left under the ceiling; then frikort until the period''s last day. Uncounted fees are paid in full. NULL fee or date: NULL, skipped. Errors 22023: NULL counts, negative fee, NULL or non-positive ceiling on a row that opens a period, dates going backwards';

CREATE FUNCTION @extschema@.hcp_status(list_fee numeric, charge_date date, counts boolean, ceiling numeric)
	RETURNS @extschema@.hcp_state
	AS 'MODULE_PATHNAME', 'hcp_status'
	LANGUAGE C IMMUTABLE PARALLEL SAFE WINDOW;
COMMENT ON FUNCTION @extschema@.hcp_status(numeric, date, boolean, numeric) IS
	'Window function over the same window as hcp_fee, with the same rules: the state of the high-cost protection after the row (period, paid in the period, frikort)';

-- @family-engine {
CREATE FUNCTION @extschema@.hcp_family_fee(list_fee numeric, charge_date date, counts boolean, ceiling numeric,
		birth_date date, birth_year integer)
	RETURNS numeric
	AS 'MODULE_PATHNAME', 'hcp_family_fee'
	LANGUAGE C IMMUTABLE PARALLEL SAFE WINDOW;
COMMENT ON FUNCTION @extschema@.hcp_family_fee(numeric, date, boolean, numeric, date, integer) IS
	'Window function, OVER (PARTITION BY family ORDER BY charge_date, charge_id), with each row''s member''s birth: hcp_fee''s engine over the family''s shared ceiling. A charge is the family''s when its member is under 18 (_age_on) on the charge date, or was on the first day of the open family period the charge falls in (so a child who turns 18 in the period keeps it to the end); it returns what the member pays under the family''s ceiling. Any other charge, and a member of unknown birth, returns NULL and leaves the family''s state alone: the member pays it under a ceiling of their own (hcp_fee). Errors as hcp_fee''s';
-- @family-engine }

CREATE FUNCTION @extschema@.monthly_cap_fee(list_fee numeric, charge_date date, cap numeric)
	RETURNS numeric
	AS 'MODULE_PATHNAME', 'monthly_cap_fee'
	LANGUAGE C IMMUTABLE PARALLEL SAFE WINDOW;
COMMENT ON FUNCTION @extschema@.monthly_cap_fee(numeric, date, numeric) IS
	'Window function, OVER (PARTITION BY patient[, category] ORDER BY charge_date, charge_id): what the patient pays when payments per calendar month are capped at the cap of the month''s first row (NULL: no cap); the row that reaches the cap pays the remainder, later rows of the month nothing. NULL fee or date: NULL, skipped. Errors 22023: negative fee or cap, dates going backwards';
