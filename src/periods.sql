-- periods.sql: care periods stitched from point contacts (src/periods.c;
-- doc/classification.md).  The registry's care_period view is in
-- registry/periods.sql.

CREATE FUNCTION @extschema@.care_period_start(contact_date date, max_gap_days integer)
	RETURNS date
	AS 'MODULE_PATHNAME', 'care_period_start'
	LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.care_period_start(date, integer) IS
	'Window function, OVER (PARTITION BY ... ORDER BY contact_date): the start date of the care period of each contact. A contact more than max_gap_days after the previous one starts a new period. Rows with a NULL date (or gap) get NULL and do not break the period; dates going backwards or a negative gap are error 22023. The frame does not change the result: ROWS UNBOUNDED PRECEDING is the cheapest.';
