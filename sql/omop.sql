-- The registry as rows of the OMOP CDM v5.4 (doc/standards.md): omop_person,
-- omop_care_site, omop_location, omop_visit_occurrence and
-- omop_condition_occurrence.  That their rows
-- insert into the CDM's own tables is test/t/130_standards.pl's part.
SET client_min_messages = warning;
SELECT mobilvard.create_registry('std_omop', set_search_path => false);
RESET client_min_messages;
SET search_path = std_omop, mobilvard, public;
SET datestyle = 'ISO, YMD';
\i sql/include/error_of.sql

-- Every setting has a visit concept, prehospital care too (Ambulance Visit).
SELECT s.setting, ie, omop_visit_concept_id(s.setting::care_setting, ie)
FROM unnest(ARRAY['hospital_ward', 'emergency_department', 'outpatient_clinic', 'ordinary_home',
				  'special_housing', 'short_term_housing', 'remote', 'prehospital']) s(setting)
CROSS JOIN (VALUES (false), (true)) b(ie)
ORDER BY s.setting, ie;

\i sql/include/standards_registry.sql
BEGIN;

-- A visit per episode of a patient with a year of birth (patient 4 has
-- none: neither the person nor the visit is there); open episodes end
-- today, or on their start when that is later, and are "Still patient".
SELECT visit_occurrence_id, person_id, visit_concept_id, visit_start_date, visit_start_datetime,
	   CASE WHEN visit_end_date = greatest(visit_start_date, current_date) THEN 'export day'
			ELSE visit_end_date::text END AS visit_end_date,
	   visit_end_datetime = visit_end_date::timestamp AS end_datetime_is_end_date,
	   visit_type_concept_id, care_site_id, visit_source_value,
	   admitted_from_concept_id, admitted_from_source_value,
	   num_nulls(provider_id, visit_source_concept_id, discharged_to_concept_id,
				 discharged_to_source_value, preceding_visit_occurrence_id) AS not_exported
FROM omop_visit_occurrence ORDER BY visit_occurrence_id;
SELECT * FROM omop_person ORDER BY person_id;
SELECT * FROM omop_care_site ORDER BY care_site_id;
SELECT * FROM omop_location ORDER BY location_id;

-- Conditions: each diagnosis of an episode, the main one first (Primary
-- diagnosis 32902, the others Secondary 32908), the ICD-10-SE code as the
-- source value; none for patient 4, who has no year of birth.
UPDATE episode SET main_diagnosis = 'I509', other_diagnoses = '{E119,N183}' WHERE episode_id = 11;
UPDATE episode SET main_diagnosis = NULL, other_diagnoses = '{J189}' WHERE episode_id = 12;
UPDATE episode SET main_diagnosis = 'S7200' WHERE episode_id IN (13, 19);
SELECT * FROM omop_condition_occurrence ORDER BY condition_occurrence_id;

-- The same unit has the same care_site_id whatever else changes: a new unit
-- takes a new key, and the others keep theirs.
INSERT INTO unit (unit_id, org_code, name, unit_level) VALUES ('AAA-FIRST', 'R18', 'Första enheten', 'regional_primary');
SELECT care_site_source_value, care_site_id FROM omop_care_site
WHERE care_site_source_value IN ('AAA-FIRST', 'USO-AVD', 'DIGI') ORDER BY care_site_source_value;

-- Every column has the CDM's type, so a BI tool and an INSERT see the same.
SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod)
FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0
WHERE c.relnamespace = 'std_omop'::regnamespace AND c.relname LIKE 'omop\_%'
ORDER BY c.relname, a.attnum;

-- Keys beyond the CDM's integer ids are an error, not a wrong id.
INSERT INTO patient (patient_id, birth_year) VALUES (3000000000, 1950);
SELECT pg_temp.error_of($$SELECT * FROM std_omop.omop_person$$);
INSERT INTO episode (episode_id, patient_id, unit_id, setting, start_date)
VALUES (3000000001, 1, 'USO-AKM', 'emergency_department', '2025-04-01');
SELECT pg_temp.error_of($$SELECT * FROM std_omop.omop_visit_occurrence$$);
UPDATE episode SET main_diagnosis = 'I509' WHERE episode_id = 3000000001;
SELECT pg_temp.error_of($$SELECT * FROM std_omop.omop_condition_occurrence$$);
ROLLBACK;
SET client_min_messages = warning;
DROP SCHEMA std_omop CASCADE;
