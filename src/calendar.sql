-- calendar.sql: the calendar year and month of a date for the fee terms
-- and monthly_activity (src/calendar.c; doc/fees.md).

-- @calendar {
CREATE FUNCTION @extschema@._year_of(d date) RETURNS integer
	AS 'MODULE_PATHNAME', 'calendar_year'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@._year_of(date) IS
	'Helper of the fee terms: the calendar year of a date (extract(year FROM d) as an integer); 22008 for an infinite date';

CREATE FUNCTION @extschema@._month_of(d date) RETURNS date
	AS 'MODULE_PATHNAME', 'calendar_month_start'
	LANGUAGE C IMMUTABLE STRICT LEAKPROOF PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@._month_of(date) IS
	'Helper of the fee terms and monthly_activity: the first day of a date''s month; an infinite date is its own month';
-- @calendar }
