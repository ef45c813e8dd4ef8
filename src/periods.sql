-- periods.sql: care periods stitched from point contacts (src/periods.c).

CREATE FUNCTION @extschema@.care_period_start(contact_date date, max_gap_days integer)
	RETURNS date
	AS 'MODULE_PATHNAME', 'care_period_start'
	LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.care_period_start(date, integer) IS
	'Window function, OVER (PARTITION BY ... ORDER BY contact_date): the start date of the care period of each contact. A contact more than max_gap_days after the previous one starts a new period. Rows with a NULL date (or gap) get NULL and do not break the period; dates going backwards or a negative gap are error 22023. The frame does not change the result: ROWS UNBOUNDED PRECEDING is the cheapest.';

-- The window's frame is ROWS: care_period_start does not look at the frame,
-- and the default RANGE frame would make the executor search for each row's
-- peers (contacts on the same day) for nothing.
CREATE VIEW @extschema@.care_period AS
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

COMMENT ON VIEW @extschema@.care_period IS
	'Contacts of a patient with a unit stitched into care periods: a gap of more than 30 days starts a new period (care_period_start for other gaps)';
COMMENT ON COLUMN @extschema@.care_period.patient_id IS 'Patient';
COMMENT ON COLUMN @extschema@.care_period.unit_id IS 'Unit that made the contacts';
COMMENT ON COLUMN @extschema@.care_period.period_start IS 'Date of the first contact of the period';
COMMENT ON COLUMN @extschema@.care_period.period_end IS 'Date of the last contact of the period';
COMMENT ON COLUMN @extschema@.care_period.days IS 'Length of the period in days, first and last day included';
COMMENT ON COLUMN @extschema@.care_period.contacts IS 'Contacts in the period';
COMMENT ON COLUMN @extschema@.care_period.physical_visits IS 'Physical visits in the period';
COMMENT ON COLUMN @extschema@.care_period.remote_contacts IS 'Video, phone and remote-monitoring contacts in the period';
