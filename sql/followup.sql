-- Follow-up before and after enrollment, and the risk list with its
-- editable criteria.
SET search_path = registry, mobilvard, public;
SET datestyle = 'ISO, YMD';
\i sql/include/error_of.sql
\i sql/include/plan_of.sql

BEGIN;
INSERT INTO organisation VALUES
	('R18', 'Region Örebro län', 'region', NULL, NULL, NULL),
	('K1880', 'Örebro kommun', 'municipality', 'R18', '1880', 'Örebro'),
	('K1881', 'Kumla kommun', 'municipality', 'R18', '1881', 'Söder');
INSERT INTO unit VALUES
	('ward', 'R18', 'Medicinavdelning 1', 'specialised_inpatient', 'none', NULL),
	('nvt', 'R18', 'Närvårdsteam Väst', 'regional_primary', 'community_care_team', NULL),
	('asih', 'R18', 'ASIH Örebro', 'specialised_outpatient', 'specialised_home_care', NULL),
	('mpc', 'R18', 'Hemsjukvård Vårdcentralen Kumla', 'regional_primary', 'mobile_primary_care', NULL),
	('hsv', 'K1881', 'Hemsjukvården Kumla', 'municipal_primary', 'municipal_health_team', NULL);
INSERT INTO patient VALUES
	(1, 1940, 'F', '1880', NULL, NULL),
	(2, 1950, 'M', '1880', NULL, NULL),
	(3, 1930, 'F', '1881', NULL, NULL),
	(4, 1935, 'M', '1881', NULL, NULL),
	(5, 1961, 'F', '1881', NULL, NULL),
	(6, 1960, 'M', '1881', NULL, NULL),
	(7, NULL, 'X', NULL, NULL, NULL);
INSERT INTO patient (patient_id, birth_year, sex, municipality_code, death_date) VALUES
	(8, 1938, 'F', '1880', '2025-05-01');
INSERT INTO episode VALUES
	-- Patient 4's first and last episodes are the first and last of the data.
	(40, 4, 'ward', 'hospital_ward', true, '2024-01-01', '2024-01-03', NULL),
	(41, 4, 'ward', 'emergency_department', false, '2025-12-31', '2025-12-31', NULL),
	-- Patient 1 enrolls with the community care team on 2025-01-15, the day
	-- of an emergency visit; the before window is 2024-01-17 to 2025-01-15.
	(10, 1, 'ward', 'hospital_ward', true, '2024-01-10', '2024-01-12', NULL),		-- outside
	(11, 1, 'ward', 'emergency_department', false, '2024-01-16', '2024-01-16', NULL),	-- outside
	(12, 1, 'ward', 'hospital_ward', true, '2024-03-01', '2024-03-05', NULL),
	(13, 1, 'ward', 'hospital_ward', true, '2024-11-10', '2024-11-20', NULL),
	(14, 1, 'ward', 'emergency_department', false, '2024-12-01', '2024-12-01', NULL),
	(15, 1, 'ward', 'emergency_department', false, '2025-01-15', '2025-01-15', NULL),
	(16, 1, 'nvt', 'ordinary_home', false, '2025-01-15', NULL, NULL),
	(17, 1, 'ward', 'hospital_ward', true, '2025-06-01', '2025-06-03', NULL),
	(18, 1, 'ward', 'emergency_department', false, '2025-08-01', '2025-08-01', NULL),
	-- Patient 2: hospital at home by a ward with no mobile form, early after a
	-- stay; only 32 days of data before.
	(20, 2, 'ward', 'hospital_ward', true, '2024-01-20', '2024-01-31', NULL),
	(21, 2, 'ward', 'ordinary_home', true, '2024-02-01', '2024-02-05', '2024-01-31'),
	(22, 2, 'ward', 'hospital_ward', true, '2024-05-01', '2024-05-04', NULL),
	-- Patient 3: mobile primary care does not enroll; ASIH (first) and the
	-- community care team do; an ongoing stay counts to the end of the data.
	(30, 3, 'mpc', 'ordinary_home', NULL, '2024-06-01', '2024-08-01', NULL),
	(31, 3, 'asih', 'special_housing', true, '2025-03-01', NULL, NULL),
	(32, 3, 'nvt', 'special_housing', false, '2025-05-01', NULL, NULL),
	(33, 3, 'ward', 'hospital_ward', true, '2025-06-10', NULL, NULL),
	(34, 3, 'ward', 'hospital_ward', true, '2024-07-01', '2024-07-11', NULL),
	-- Patients 5 and 6: three emergency visits each, aged 64 and 65 in 2025.
	(50, 5, 'ward', 'emergency_department', false, '2024-09-01', '2024-09-01', NULL),
	(51, 5, 'ward', 'emergency_department', false, '2025-01-01', '2025-01-01', NULL),
	(52, 5, 'ward', 'emergency_department', false, '2025-06-30', '2025-06-30', NULL),
	(60, 6, 'ward', 'emergency_department', false, '2024-07-01', '2024-07-01', NULL),
	(61, 6, 'ward', 'emergency_department', false, '2025-01-01', '2025-01-01', NULL),
	(62, 6, 'ward', 'emergency_department', false, '2025-06-30', '2025-06-30', NULL),
	(63, 6, 'ward', 'emergency_department', false, '2024-06-30', '2024-06-30', NULL),	-- outside
	-- Patient 7: unknown age, three admissions; municipal home care.
	(70, 7, 'ward', 'hospital_ward', false, '2024-10-01', '2024-10-02', NULL),
	(71, 7, 'ward', 'hospital_ward', false, '2025-02-01', '2025-02-02', NULL),
	(72, 7, 'ward', 'hospital_ward', false, '2025-04-01', '2025-04-02', NULL),
	(73, 7, 'hsv', 'ordinary_home', NULL, '2025-04-03', '2025-06-29', NULL),
	-- Patient 8: admitted on 10 February 2025, the day the community care team
	-- takes over (the stay the enrolment continues: in neither window),
	-- admitted again on 1 March, dead on 1 May (the after window ends).
	(80, 8, 'ward', 'hospital_ward', true, '2025-02-10', '2025-02-12', NULL),
	(81, 8, 'nvt', 'ordinary_home', false, '2025-02-10', NULL, NULL),
	(82, 8, 'ward', 'hospital_ward', true, '2025-03-01', '2025-03-04', NULL);

-- One row per enrolled patient, from the first enrolling episode.
SELECT patient_id, enrollment_episode_id, unit_id, care_form_text, enrollment_date, before_days,
	   after_days, admissions_before, admissions_after, ed_visits_before, ed_visits_after,
	   bed_days_before, bed_days_after
FROM enrollment_followup ORDER BY patient_id;
-- The index stays left out (patient 2's early supported discharge from
-- stay 20, patient 8's admission on the enrolment date) and the censoring.
SELECT patient_id, index_stay_episode_id, after_days, after_censored_by, death_date
FROM enrollment_followup ORDER BY patient_id;

-- Per unit, rates per patient-year and their relative change.  nvt:
-- 2 admissions in 2 patient-years before, 2 in (350 + 80)/365 after:
-- +69.8%.  ward: patient 2's only admission before was the index stay.
SELECT unit_id, unit_form_text, patients, before_years, after_years, admissions_before, admissions_after,
	   admissions_per_year_before, admissions_per_year_after, admissions_change, ed_visits_change,
	   bed_days_change
FROM enrollment_followup_by_unit ORDER BY unit_id;

-- The comparison group: patients on the risk list on the first day of an
-- enrolment month who were never enrolled (here patient 6), followed around
-- that day by the same rules; the difference in differences per unit.
SELECT q.as_of, q.patient_id, q.criteria
FROM (VALUES ('2024-02-01'::date), ('2025-01-01'), ('2025-02-01'), ('2025-03-01')) d(as_of)
CROSS JOIN LATERAL (SELECT d.as_of, p.patient_id, p.criteria FROM priority_patients(d.as_of) p) q
WHERE q.patient_id NOT IN (SELECT patient_id FROM enrollment_followup)
ORDER BY 1, 2;
SELECT * FROM enrollment_comparison();

-- Each enrolled patient's events are found through the episode index, and
-- a filter on the patient reaches the enrollment.
SELECT count(*) FILTER (WHERE plan ~ 'Index Scan using episode_patient_start_idx on episode') AS patient_index_scans,
	   count(*) FILTER (WHERE plan ~ 'Seq Scan on episode') AS episode_seq_scans
FROM pg_temp.plan_of('SELECT * FROM enrollment_followup WHERE patient_id = 1') plan;

-- ---------------------------------------------------------------------------
-- The risk list
-- ---------------------------------------------------------------------------

-- The shipped criteria.
SELECT criterion, min_age, min_admissions, min_ed_visits, min_bed_days, requires_home_care, active
FROM priority_criterion ORDER BY criterion;

-- On 2025-06-30 (12 months back: from 2024-07-01): patient 1 is 85, twice
-- admitted and at home with the community care team; patient 3 has 30 bed
-- days (10, and 20 of a stay ongoing on the list date); patient 6 (65) has three
-- emergency visits, patient 5 (64) is too young; patient 7 (age unknown)
-- was admitted three times but left municipal home care the day before.
SELECT patient_id, age, sex, municipality_code, admissions, ed_visits, bed_days, home_care, criteria, reasons
FROM priority_patients('2025-06-30') ORDER BY patient_id;
-- Care at home open on the list date is found through the partial index of
-- home episodes (the index can serve the query's condition).
SET LOCAL enable_seqscan = off;
SELECT count(*) FILTER (WHERE plan ~ 'episode_home_end_idx') > 0 AS uses_home_index,
	   count(*) FILTER (WHERE plan ~ 'Seq Scan on episode') AS episode_seq_scans
FROM pg_temp.plan_of($$SELECT * FROM priority_patients('2025-06-30')$$) plan;
RESET enable_seqscan;

-- A year later nobody qualifies; a NULL date gives no list.
SELECT count(*) AS listed_2026 FROM priority_patients('2026-06-30');
SELECT count(*) AS listed_null FROM priority_patients(NULL);
-- An infinite date has no year to count ages by.
-- The dead are not on the list: patient 8 is on 1 April 2025, not after 1 May.
SELECT patient_id, age, criteria FROM priority_patients('2025-04-01') WHERE patient_id = 8;
SELECT count(*) FROM priority_patients('2025-06-30') WHERE patient_id = 8;
SELECT pg_temp.error_of($$SELECT * FROM priority_patients('infinity')$$);
SELECT pg_temp.error_of($$SELECT * FROM priority_patients('-infinity')$$);

-- The region edits the criteria: patient 5 is listed once the emergency
-- criterion starts at 60; retiring a criterion removes its reason; a new
-- criterion adds one.
UPDATE priority_criterion SET min_age = 60 WHERE criterion = 'frequent_emergency_visits';
UPDATE priority_criterion SET active = false WHERE criterion = 'long_inpatient_stays';
INSERT INTO priority_criterion (criterion, description, requires_home_care)
VALUES ('any_home_care', 'Cared for at home', true);
SELECT patient_id, criteria FROM priority_patients('2025-06-30') ORDER BY patient_id;
SELECT patient_id, criteria FROM priority_patients('2025-04-10') WHERE municipality_code = '1881'
ORDER BY patient_id;

-- The criteria are the registry's own rows, edited as any row.
UPDATE priority_criterion SET description = 'At least four admissions', min_admissions = 4
WHERE criterion = 'frequent_admissions';
SELECT criterion, description, min_admissions FROM priority_criterion WHERE criterion = 'frequent_admissions';

-- Criteria that say nothing about care use, or have negative thresholds,
-- are rejected by the constraint that says why.
SELECT test, pg_temp.error_of(statement) AS error
FROM (VALUES
	('age only', $$INSERT INTO priority_criterion (criterion, description, min_age) VALUES ('old', 'Old', 80)$$),
	('negative', $$INSERT INTO priority_criterion (criterion, description, min_ed_visits) VALUES ('neg', 'x', -1)$$),
	('name', $$INSERT INTO priority_criterion (criterion, description, min_ed_visits) VALUES ('Two words', 'x', 1)$$)
) t(test, statement)
ORDER BY test;
ROLLBACK;
