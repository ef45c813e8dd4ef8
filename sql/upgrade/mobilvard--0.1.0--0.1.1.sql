-- mobilvard 0.1.0 to 0.1.1: the care_period view computes its periods in a
-- ROWS frame (src/periods.sql), which spares the executor a search for peer
-- rows that care_period_start never looks at, and the function's comment
-- says so.  The view's columns and comments stay.
\echo Use "ALTER EXTENSION mobilvard UPDATE TO '0.1.1'" to load this file. \quit

COMMENT ON FUNCTION @extschema@.care_period_start(date, integer) IS
	'Window function, OVER (PARTITION BY ... ORDER BY contact_date): the start date of the care period of each contact. A contact more than max_gap_days after the previous one starts a new period. Rows with a NULL date (or gap) get NULL and do not break the period; dates going backwards or a negative gap are error 22023. The frame does not change the result: ROWS UNBOUNDED PRECEDING is the cheapest.';

CREATE OR REPLACE VIEW @extschema@.care_period AS
SELECT s.patient_id,
	   s.unit_id,
	   s.period_start,
	   max(s.contact_date) AS period_end,
	   max(s.contact_date) - s.period_start + 1 AS days,
	   count(*) AS contacts,
	   count(*) FILTER (WHERE s.mode = 'physical') AS physical_visits,
	   count(*) FILTER (WHERE s.mode <> 'physical') AS remote_contacts
FROM (SELECT c.patient_id, c.unit_id, c.contact_date, c.mode,
			 @extschema@.care_period_start(c.contact_date, 30)
				 OVER (PARTITION BY c.patient_id, c.unit_id ORDER BY c.contact_date ROWS UNBOUNDED PRECEDING)
				 AS period_start
	  FROM @extschema@.contact c) s
GROUP BY s.patient_id, s.unit_id, s.period_start;
