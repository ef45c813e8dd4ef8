-- calendar.sql: the calendar year and month of a date for the fee terms
-- and monthly_activity, and a person's age on a date (src/calendar.c;
-- doc/fees.md).

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

CREATE FUNCTION @extschema@._age_on(birth_date date, birth_year integer, on_date date) RETURNS integer
	AS 'MODULE_PATHNAME', 'calendar_age_on'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@._age_on(date, integer, date) IS
	'Helper of the fee terms: age in whole years on a date, from the birth date or, with only the year known, from 1 January of it; a 29 February birthday comes on 1 March in a common year. NULL when the date or the birth is unknown; 22008 for an infinite date or a birth year out of range';
-- @calendar }
