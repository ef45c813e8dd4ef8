-- What the registry records about outcomes: deaths, listings with primary
-- care, how episodes begin and end, their diagnoses and procedures, and the
-- kind, clinician and length of contacts; their checks, their loading and
-- who sees them.
SET datestyle = ISO;
\i sql/include/error_of.sql
SET client_min_messages = warning;
SELECT mobilvard.create_registry('outc', set_search_path => false);
RESET client_min_messages;
SET search_path = outc, mobilvard, public;

INSERT INTO organisation VALUES
	('R18', 'Region Örebro län', 'region', NULL, NULL, NULL),
	('R20', 'Region Dalarna', 'region', NULL, NULL, NULL),
	('K1880', 'Örebro kommun', 'municipality', 'R18', '1880', NULL);
INSERT INTO unit (unit_id, org_code, name, unit_level, unit_form) VALUES
	('vc_norr', 'R18', 'Vårdcentralen Norr', 'regional_primary', 'none'),
	('vc_syd', 'R18', 'Vårdcentralen Syd', 'regional_primary', 'none'),
	('vc_falun', 'R20', 'Vårdcentralen Falun', 'regional_primary', 'none'),
	('ward', 'R18', 'Medicinavdelning 5', 'specialised_inpatient', 'none');
INSERT INTO patient (patient_id, birth_date, sex, municipality_code, death_date) VALUES
	(1, '1935-04-01', 'F', '1880', '2025-03-10'), (2, '1950-01-01', 'M', '1880', NULL);

-- ===========================================================================
-- Checks, each named in its error (23514)
-- ===========================================================================

SELECT test, pg_temp.error_of(statement) AS error
FROM (VALUES
	('death before birth', $$UPDATE patient SET death_date = '1934-12-31' WHERE patient_id = 1$$),
	('death on the day of birth', $$UPDATE patient SET death_date = '1950-01-01' WHERE patient_id = 2$$),
	('implausible death date', $$UPDATE patient SET death_date = '2201-01-01' WHERE patient_id = 2$$),
	('ICD-10 with and without the dot',
	 $$INSERT INTO episode (episode_id, patient_id, unit_id, setting, start_date, main_diagnosis, other_diagnoses)
	   VALUES (1, 1, 'ward', 'hospital_ward', '2025-01-02', 'I21.4', '{I214,E119,U071}')$$),
	('lower-case ICD-10', $$UPDATE episode SET main_diagnosis = 'i214'$$),
	('not ICD-10', $$UPDATE episode SET main_diagnosis = '4140'$$),
	('a NULL among the other diagnoses', $$UPDATE episode SET other_diagnoses = '{I214,NULL}'$$),
	('no other diagnoses', $$UPDATE episode SET other_diagnoses = '{}'$$),
	('KVÅ codes', $$UPDATE episode SET procedures = '{DT016,ZXA10}'$$),
	('not KVÅ', $$UPDATE episode SET procedures = '{DT01}'$$),
	('known routes and destinations', $$UPDATE episode SET admission_route = 'acute', discharge_destination = 'death'$$),
	('unknown route', $$UPDATE episode SET admission_route = 'ambulance'$$),
	('unknown destination', $$UPDATE episode SET discharge_destination = 'heaven'$$),
	('a contact''s kind, clinician and length',
	 $$INSERT INTO contact (contact_id, patient_id, unit_id, contact_date, setting, mode, profession, kind, clinician_id, duration_minutes)
	   VALUES (1, 2, 'vc_norr', '2025-02-01', 'ordinary_home', 'physical', 'doctor', 'planned', 'c-17', 45)$$),
	('unknown contact kind', $$UPDATE contact SET kind = 'urgent'$$),
	('a contact of more than a day', $$UPDATE contact SET duration_minutes = 1441$$),
	('a negative length', $$UPDATE contact SET duration_minutes = -1$$)
) t(test, statement);
SELECT episode_id, main_diagnosis, other_diagnoses, procedures, admission_route, discharge_destination FROM episode;
UPDATE patient SET death_date = NULL WHERE patient_id = 2;

-- ===========================================================================
-- Listing with primary care: one unit at a time (23P01 on an overlap)
-- ===========================================================================

INSERT INTO patient_listing VALUES
	(1, 'vc_norr', '[2020-01-01,2024-07-01)'), (1, 'vc_syd', '[2024-07-01,)'),
	(2, 'vc_falun', '[2023-01-01,)');
SELECT pg_temp.error_of($$INSERT INTO patient_listing VALUES (1, 'vc_falun', '[2025-01-01,2025-02-01)')$$);
SELECT pg_temp.error_of($$INSERT INTO patient_listing VALUES (2, 'vc_norr', 'empty')$$);
SELECT patient_id, unit_id FROM patient_listing WHERE valid @> date '2025-01-01' ORDER BY 1;

-- ===========================================================================
-- Loading: the code lists as array literals, bad ones rejected by column
-- ===========================================================================

SELECT v, _input_problem(v, 'text[]') AS problem
FROM (VALUES ('{I214,E119}'), (' { I214 , "E11.9" } '), ('{}'), ('{"a\"b"}'), ('I214,E119'),
			 ('{I214,}'), ('{I214 E119}'), ('{{I214}}'), ('{"I214}'), ('{I214} x')) t(v);

CREATE TEMP TABLE s_episode (episode_id text, patient_id text, unit_id text, setting text, start_date text,
							 main_diagnosis text, other_diagnoses text, procedures text, admission_route text);
INSERT INTO s_episode VALUES
	('2', '2', 'ward', 'hospital_ward', '2025-03-01', 'J441', '{E119,I10}', '{DT016}', 'acute'),
	('3', '2', 'ward', 'hospital_ward', '2025-04-01', 'J441', 'E119,I10', NULL, 'planned'),
	('4', '2', 'ward', 'hospital_ward', '2025-05-01', 'j441', NULL, NULL, NULL),
	('5', '2', 'ward', 'hospital_ward', '2025-06-01', NULL, '{E119}', '{XX}', 'via ambulance');
SELECT rows_read, inserted, rejected FROM load('episode', 's_episode');
SELECT source_row, sqlstate, at_fault, message FROM load_reject WHERE target = 'episode' ORDER BY source_row;

CREATE TEMP TABLE s_listing (patient_id text, unit_id text, valid text);
INSERT INTO s_listing VALUES ('2', 'vc_norr', '[2020-01-01,2023-01-01)'), ('2', 'vc_syd', '[2022-01-01,2023-01-01)');
SELECT rows_read, inserted, rejected FROM load('patient_listing', 's_listing');
SELECT source_row, sqlstate, at_fault FROM load_reject WHERE target = 'patient_listing' ORDER BY source_row;

-- ===========================================================================
-- Who sees listings: the roles of the unit's organisation; a listed patient
-- is theirs to see even without other records
-- ===========================================================================

CREATE ROLE outc_dalarna;
GRANT USAGE ON SCHEMA outc, mobilvard TO outc_dalarna;
GRANT SELECT ON ALL TABLES IN SCHEMA outc TO outc_dalarna;
INSERT INTO org_access VALUES ('outc_dalarna', 'R20');
SET ROLE outc_dalarna;
SELECT patient_id, unit_id FROM patient_listing ORDER BY 1, 2;
SELECT patient_id FROM patient ORDER BY 1;
RESET ROLE;

-- ===========================================================================
-- Readmission within 30 days
-- ===========================================================================

INSERT INTO unit (unit_id, org_code, name, unit_level, unit_form) VALUES
	('hah', 'R18', 'Sjukhusvård i hemmet', 'specialised_inpatient', 'hospital_at_home'),
	('amb', 'R18', 'Ambulans Örebro', 'specialised_outpatient', 'other_mobile');
INSERT INTO patient (patient_id, birth_year, sex, municipality_code) VALUES
	(11, 1940, 'F', '1880'), (12, 1941, 'M', '1880'), (13, 1942, 'F', '1880'), (14, 1943, 'M', '1880');
INSERT INTO episode (episode_id, patient_id, unit_id, setting, start_date, end_date, admission_route, discharge_destination) VALUES
	-- 11: discharged on 10 January, back acutely on the 20th (10 days).
	(110, 11, 'ward', 'hospital_ward', '2025-01-05', '2025-01-10', 'acute', 'home'),
	(111, 11, 'ward', 'hospital_ward', '2025-01-20', '2025-01-22', 'acute', 'home'),
	-- 12: a planned admission 5 days after is no readmission, nor one after 36.
	(120, 12, 'ward', 'hospital_ward', '2025-01-05', '2025-01-10', 'acute', 'home'),
	(121, 12, 'ward', 'hospital_ward', '2025-01-15', '2025-01-16', 'planned', 'home'),
	(122, 12, 'ward', 'hospital_ward', '2025-02-15', '2025-02-16', 'acute', 'home'),
	-- 13: died on the ward: nothing to wait for.
	(130, 13, 'ward', 'hospital_ward', '2025-01-05', '2025-01-10', 'acute', 'death'),
	-- 14: hospital at home to 1 March, a ward admission the same day (a
	-- transfer, not a readmission), one on 31 March (30 days).
	(140, 14, 'hah', 'ordinary_home', '2025-02-20', '2025-03-01', 'direct_admission', 'other_ward'),
	(141, 14, 'ward', 'hospital_ward', '2025-03-01', '2025-03-03', 'transfer', 'home'),
	(142, 14, 'ward', 'hospital_ward', '2025-03-31', '2025-04-02', 'acute', 'home');
SELECT index_episode_id, care_form_text, discharge_date, month, readmission_episode_id, days_to_readmission,
	   readmitted, followed_30_days
FROM readmission WHERE patient_id BETWEEN 11 AND 14 ORDER BY index_episode_id;
SELECT unit_id, care_form_text, month, discharges, readmissions, readmission_rate
FROM readmission_by_month WHERE month < '2025-04-01' ORDER BY unit_id, month;

-- ===========================================================================
-- Hospital at home as a programme: a constructed programme with the
-- figures of the seed's programme table (200 patients in 9 months, 3 days
-- at home after 2 on the ward, 5.5% transferred back, 36.4% of those by
-- ambulance, no deaths) gives them back
-- ===========================================================================

INSERT INTO unit (unit_id, org_code, name, unit_level, unit_form) VALUES
	('dpipc', 'R20', 'Sjukhusvård i hemmet Dalarna', 'specialised_inpatient', 'hospital_at_home');
INSERT INTO patient (patient_id, birth_year, sex, municipality_code)
SELECT 1000 + i, 1930 + i % 40, (ARRAY['F', 'M'])[1 + i % 2], '1880' FROM generate_series(1, 200) i;
INSERT INTO episode (episode_id, patient_id, unit_id, setting, start_date, end_date, preceding_discharge,
					 admission_route, discharge_destination, main_diagnosis)
SELECT 10000 + i, 1000 + i, 'ward', 'hospital_ward'::mobilvard.care_setting, d, d + 2, NULL::date, 'acute', 'home', NULL
FROM generate_series(1, 200) i, LATERAL (SELECT date '2024-01-01' + i % 270 AS d) s
UNION ALL
SELECT 20000 + i, 1000 + i, 'dpipc', 'ordinary_home', d + 2, d + 5, d + 2, 'transfer',
	   CASE WHEN i <= 11 THEN 'other_ward' ELSE 'home' END,
	   CASE WHEN i <= 80 THEN 'J441' WHEN i <= 140 THEN 'I509' WHEN i <= 180 THEN 'J189' ELSE 'N390' END
FROM generate_series(1, 200) i, LATERAL (SELECT date '2024-01-01' + i % 270 AS d) s
UNION ALL
SELECT 30000 + i, 1000 + i, 'ward', 'hospital_ward', d + 5, d + 8, NULL, 'transfer', 'home', NULL
FROM generate_series(1, 11) i, LATERAL (SELECT date '2024-01-01' + i % 270 AS d) s
UNION ALL
SELECT 40000 + i, 1000 + i, 'amb', 'prehospital', d + 5, d + 5, NULL, 'acute', 'other_ward', NULL
FROM generate_series(1, 4) i, LATERAL (SELECT date '2024-01-01' + i % 270 AS d) s;
SELECT unit_id, patients, episodes, first_date, last_date, median_days_at_home, median_ward_days_before,
	   early_supported_discharges, transfers_to_ward, transfer_share, transfer_by_ambulance_share,
	   deaths_during, deaths_within_30_days, top_diagnoses
FROM hah_programme ORDER BY unit_id;
-- A death at home (1004, at home 7-10 January 2024, dies on the 9th) and
-- one within 30 days of the end (1005, at home 8-11 January, dies on the
-- 20th).
UPDATE patient SET death_date = '2024-01-09' WHERE patient_id = 1004;
UPDATE patient SET death_date = '2024-01-20' WHERE patient_id = 1005;
SELECT patient_id, start_date, end_date, died_during, died_within_30_days
FROM _hah_episode WHERE patient_id IN (1004, 1005) ORDER BY patient_id;
SELECT unit_id, deaths_during, deaths_within_30_days FROM hah_programme WHERE unit_id = 'dpipc';

-- ===========================================================================
-- Beds: the census and the share of inpatient days at home
-- ===========================================================================

-- Region Örebro's wards on 4-11 January 2025: episode 1 (from 2 January,
-- ongoing) throughout, and stays 110, 120 and 130 on their nights 5-9
-- January.
SELECT day, ward_patients, hospital_at_home_patients, virtual_beds
FROM bed_census WHERE org_code = 'R18' AND day BETWEEN '2025-01-04' AND '2025-01-11' ORDER BY day;
-- February: 28 nights of episode 1 and one of stay 122 on the ward, 9 of
-- patient 14 at home: 9 / 38 of the inpatient days at home.
SELECT org_code, month, ward_bed_days, hospital_at_home_days, specialised_home_care_days, inpatient_days_at_home_share
FROM bed_census_by_month WHERE month = '2025-02-01' ORDER BY org_code;

-- ===========================================================================
-- How a team works: continuity, proactivity, weekend and evening availability
-- ===========================================================================

-- At Vårdcentralen Norr in 2025: patient 2 sees doctor c-17 three times and
-- c-18 once (0.75); patient 11 one doctor once (not counted); of the five
-- home visits (special housing is a home) four are of known kind, two of
-- them planned; two of the seven contacts are on a weekend (1 February 2025
-- is a Saturday, the 2nd a Sunday).  Five have a time of day: 17:00, 06:59
-- and 23:30 are evening or night, 16:59 and 07:00 not (3 / 5).
INSERT INTO contact (contact_id, patient_id, unit_id, contact_date, setting, mode, profession, kind, clinician_id,
					 duration_minutes, contact_time) VALUES
	(2, 2, 'vc_norr', '2025-02-02', 'remote', 'video', 'doctor', 'planned', 'c-17', 20, '16:59'),
	(3, 2, 'vc_norr', '2025-02-03', 'ordinary_home', 'physical', 'doctor', 'acute', 'c-17', 60, '17:00'),
	(4, 2, 'vc_norr', '2025-02-04', 'ordinary_home', 'physical', 'doctor', 'planned', 'c-18', 30, '06:59'),
	(5, 11, 'vc_norr', '2025-02-05', 'ordinary_home', 'physical', 'nurse', NULL, 'n-1', 30, '07:00'),
	(6, 11, 'vc_norr', '2025-02-06', 'remote', 'phone', 'doctor', 'acute', 'c-19', 10, NULL),
	(7, 11, 'vc_norr', '2025-02-07', 'special_housing', 'physical', 'nurse', 'preventive', NULL, 45, '23:30');
SELECT unit_id, year, patients, contacts, home_visits, planned_home_visit_share, weekend_contact_share,
	   evening_contact_share, doctor_continuity, continuity_patients
FROM team_care_profile ORDER BY unit_id, year;
-- Without any time of day the evening share is unknown, not 0.
BEGIN;
UPDATE contact SET contact_time = NULL;
SELECT unit_id, year, evening_contact_share FROM team_care_profile ORDER BY unit_id, year;
ROLLBACK;

-- ===========================================================================
-- The risk list's new criteria: readmissions, diagnoses, listing
-- ===========================================================================

-- On 31 March 2025: patients 11 (85), 12 (84) and 14 were readmitted within 30 days
-- of a discharge (12's planned admission does not count, its admission 30
-- days after that one's discharge does); patient 2 (75) was admitted with
-- COPD (J441, loaded above).  Patient 2 is listed with Vårdcentralen Falun;
-- the centre's own list has only its patients.
SELECT patient_id, age, admissions, readmissions, listing_unit_id, criteria
FROM priority_patients('2025-03-31') WHERE patient_id < 1000 ORDER BY patient_id;
SELECT patient_id, listing_unit_id, criteria FROM priority_patients('2025-03-31', 'vc_falun') ORDER BY patient_id;
SELECT count(*) FROM priority_patients('2025-03-31', 'no_such_unit');
-- A criterion by sex, and one's diagnosis prefixes checked for shape.
INSERT INTO priority_criterion (criterion, description, min_admissions, sex)
VALUES ('admitted_men', 'Men admitted at least once', 1, 'M');
SELECT patient_id, criteria FROM priority_patients('2025-03-31')
WHERE 'admitted_men' = ANY (criteria) AND patient_id < 1000 ORDER BY 1;
SELECT pg_temp.error_of($$INSERT INTO priority_criterion (criterion, description, min_admissions, diagnosis_groups)
						  VALUES ('bad', 'x', 1, '{i50}')$$);

SET client_min_messages = warning;
DROP SCHEMA outc CASCADE;
DROP OWNED BY outc_dalarna;
DROP ROLE outc_dalarna;
