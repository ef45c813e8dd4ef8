-- fees.sql: the national fee figures and the fee engines (src/fees.c,
-- src/hcp.c, src/monthly_cap.c).  Contract section 3; domain brief section 7.

-- ---------------------------------------------------------------------------
-- National figures, from the price base amount
-- ---------------------------------------------------------------------------

CREATE VIEW @extschema@.national_fee_figures AS
SELECT year,
	   amount AS price_base_amount,
	   floor(0.025 * amount / 50) * 50 AS hcp_ceiling,
	   round(0.5392 * amount / 12) AS maxtaxa
FROM @extschema@.price_base_amount;
COMMENT ON VIEW @extschema@.national_fee_figures IS
	'The national fee figures of each year in price_base_amount: the high-cost protection ceiling (0.025 x price base amount, rounded down to a multiple of 50) and the maximum fee per month (0.5392 x price base amount / 12, rounded)';
COMMENT ON COLUMN @extschema@.national_fee_figures.year IS 'Calendar year';
COMMENT ON COLUMN @extschema@.national_fee_figures.price_base_amount IS 'Price base amount (prisbasbelopp) of the year, SEK';
COMMENT ON COLUMN @extschema@.national_fee_figures.hcp_ceiling IS 'National high-cost protection ceiling for outpatient care, SEK per 12-month period';
COMMENT ON COLUMN @extschema@.national_fee_figures.maxtaxa IS 'National maximum fee (maxtaxa) for municipal care, SEK per calendar month';

-- The figures of a date's year; a year without a price base amount is an
-- error rather than a NULL that would silently switch a protection off.
CREATE FUNCTION @extschema@.national_fee_figures_on(d date) RETURNS @extschema@.national_fee_figures
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE AS $$
DECLARE
	figures @extschema@.national_fee_figures;
BEGIN
	SELECT * INTO figures
	FROM @extschema@.national_fee_figures f WHERE f.year = extract(year FROM d);
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no price base amount for year %', extract(year FROM d)
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'Add the year to mobilvard.price_base_amount.';
	END IF;
	RETURN figures;
END
$$;
COMMENT ON FUNCTION @extschema@.national_fee_figures_on(date) IS
	'The national fee figures of a date''s year (national_fee_figures); error 22023 for a year without a price base amount';

CREATE FUNCTION @extschema@.national_hcp_ceiling(d date) RETURNS numeric
LANGUAGE sql STABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
	SELECT (@extschema@.national_fee_figures_on(d)).hcp_ceiling;
END;
COMMENT ON FUNCTION @extschema@.national_hcp_ceiling(date) IS
	'National high-cost protection ceiling in force on a date: floor(0.025 x price base amount of the year / 50) x 50 SEK; error 22023 for a year without a price base amount';

CREATE FUNCTION @extschema@.national_maxtaxa(d date) RETURNS numeric
LANGUAGE sql STABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
	SELECT (@extschema@.national_fee_figures_on(d)).maxtaxa;
END;
COMMENT ON FUNCTION @extschema@.national_maxtaxa(date) IS
	'National maximum fee (maxtaxa) per month in force on a date: round(0.5392 x price base amount of the year / 12) SEK; error 22023 for a year without a price base amount';

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

CREATE FUNCTION @extschema@.monthly_cap_fee(list_fee numeric, charge_date date, cap numeric)
	RETURNS numeric
	AS 'MODULE_PATHNAME', 'monthly_cap_fee'
	LANGUAGE C IMMUTABLE PARALLEL SAFE WINDOW;
COMMENT ON FUNCTION @extschema@.monthly_cap_fee(numeric, date, numeric) IS
	'Window function, OVER (PARTITION BY patient[, category] ORDER BY charge_date, charge_id): what the patient pays when payments per calendar month are capped at the cap of the month''s first row (NULL: no cap); the row that reaches the cap pays the remainder, later rows of the month nothing. NULL fee or date: NULL, skipped. Errors 22023: negative fee or cap, dates going backwards';
