-- A new episode of a random patient with a random unit, in a random
-- setting, ongoing or ended, sometimes just after a ward stay.
\set p random(1, :max_patient)
\set u random(0, :units - 1)
\set s random(1, 8)
\set d random(0, 1094)
\set len random(-1, 30)
\set after random(0, 3)
INSERT INTO registry.episode (episode_id, patient_id, unit_id, setting, reported_inpatient,
							  start_date, end_date, preceding_discharge)
SELECT nextval('mobilvard_bench.episode_id'), p.patient_id, u.unit_id,
	   (ARRAY['hospital_ward', 'emergency_department', 'outpatient_clinic', 'ordinary_home',
			  'special_housing', 'short_term_housing', 'remote', 'prehospital'])[:s]::mobilvard.care_setting,
	   CASE :s % 3 WHEN 0 THEN NULL ELSE :s % 3 = 1 END,
	   date '2023-01-01' + :d,
	   CASE WHEN :len >= 0 THEN date '2023-01-01' + :d + :len END,
	   CASE WHEN :after <= 1 THEN date '2023-01-01' + :d - :after END
FROM (SELECT patient_id FROM registry.patient WHERE patient_id >= :p ORDER BY patient_id LIMIT 1) p,
	 (SELECT unit_id FROM registry.unit ORDER BY unit_id OFFSET :u LIMIT 1) u;
