-- registry/periods.sql: the registry's care periods (periods.sql).

-- The window's frame is ROWS: care_period_start does not look at the frame,
-- and the default RANGE frame would make the executor search for each row's
-- peers (contacts on the same day) for nothing.
CREATE VIEW @registry@.care_period WITH (security_invoker = true) AS
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
	  FROM @registry@.contact c) s
GROUP BY s.patient_id, s.unit_id, s.period_start;

COMMENT ON VIEW @registry@.care_period IS
	'Contacts of a patient with a unit stitched into care periods: a gap of more than 30 days starts a new period (care_period_start for other gaps)';
COMMENT ON COLUMN @registry@.care_period.patient_id IS 'Patient';
COMMENT ON COLUMN @registry@.care_period.unit_id IS 'Unit that made the contacts';
COMMENT ON COLUMN @registry@.care_period.period_start IS 'Date of the first contact of the period';
COMMENT ON COLUMN @registry@.care_period.period_end IS 'Date of the last contact of the period';
COMMENT ON COLUMN @registry@.care_period.days IS 'Length of the period in days, first and last day included';
COMMENT ON COLUMN @registry@.care_period.contacts IS 'Contacts in the period';
COMMENT ON COLUMN @registry@.care_period.physical_visits IS 'Physical visits in the period';
COMMENT ON COLUMN @registry@.care_period.remote_contacts IS 'Video, phone and remote-monitoring contacts in the period';
