-- registry/omop.sql: the registry as rows of the OMOP Common Data Model
-- v5.4 (doc/standards.md): each view has the columns of its CDM table, in
-- the CDM's order and of the CDM's types, so that
--   INSERT INTO cdm.person SELECT * FROM registry.omop_person
-- needs no column list and no cast.  Keys are the registry's own integers:
-- the same row gets the same id in every export.

-- The CDM's ids are integers; a key beyond them is an error that names it,
-- not a wrong id.
CREATE FUNCTION @registry@._omop_id(key_name text, id bigint) RETURNS integer
	LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF id < -2147483648 OR id > 2147483647 THEN
		RAISE EXCEPTION '% % is beyond the OMOP CDM''s integer ids', key_name, id
			USING ERRCODE = 'numeric_value_out_of_range',
				  HINT = 'The omop_ views export keys from -2147483648 to 2147483647 only.';
	END IF;
	RETURN id::integer;
END
$$;
COMMENT ON FUNCTION @registry@._omop_id(text, bigint) IS
	'Helper of the omop_ views: the key as an OMOP CDM integer id; error 22003, naming key_name and the key, beyond integer';

-- Locations: the municipalities (patients' residence; their homes stay in
-- the registry) under their four-digit code, and the units' bases under
-- 10000 + unit_key, so that the two never share an id.
CREATE VIEW @registry@.omop_location WITH (security_invoker = true) AS
SELECT o.municipality_code::integer AS location_id,
	   NULL::varchar(50) AS address_1,
	   NULL::varchar(50) AS address_2,
	   o.name::varchar(50) AS city,
	   NULL::varchar(2) AS state,
	   NULL::varchar(9) AS zip,
	   NULL::varchar(20) AS county,
	   o.municipality_code::varchar(50) AS location_source_value,
	   NULL::integer AS country_concept_id,
	   'SE'::varchar(80) AS country_source_value,
	   NULL::numeric AS latitude,
	   NULL::numeric AS longitude
FROM @registry@.organisation o
WHERE o.municipality_code IS NOT NULL
UNION ALL
SELECT 10000 + u.unit_key,
	   NULL::varchar(50),
	   NULL::varchar(50),
	   NULL::varchar(50),
	   NULL::varchar(2),
	   NULL::varchar(9),
	   NULL::varchar(20),
	   u.unit_id::varchar(50),
	   NULL::integer,
	   'SE'::varchar(80),
	   pg_catalog.round(ST_Y(w.point)::numeric, 6),
	   pg_catalog.round(ST_X(w.point)::numeric, 6)
FROM @registry@.unit u
CROSS JOIN LATERAL (SELECT ST_Transform(u.base, 4326) AS point) w
WHERE u.base IS NOT NULL;

COMMENT ON VIEW @registry@.omop_location IS
	'OMOP CDM v5.4 LOCATION rows: each municipality (location_id its code) and each unit''s base (10000 + unit_key) (doc/standards.md)';
COMMENT ON COLUMN @registry@.omop_location.location_id IS 'Municipality code as an integer, or 10000 + unit_key for a unit''s base';
COMMENT ON COLUMN @registry@.omop_location.address_1 IS 'Not exported (NULL)';
COMMENT ON COLUMN @registry@.omop_location.address_2 IS 'Not exported (NULL)';
COMMENT ON COLUMN @registry@.omop_location.city IS 'Name of the municipality; NULL for a unit''s base';
COMMENT ON COLUMN @registry@.omop_location.state IS 'Not used in Sweden (NULL)';
COMMENT ON COLUMN @registry@.omop_location.zip IS 'Not exported (NULL)';
COMMENT ON COLUMN @registry@.omop_location.county IS 'Not exported (NULL)';
COMMENT ON COLUMN @registry@.omop_location.location_source_value IS 'Municipality code, or the unit_id whose base this is';
COMMENT ON COLUMN @registry@.omop_location.country_concept_id IS 'Not exported (NULL)';
COMMENT ON COLUMN @registry@.omop_location.country_source_value IS 'SE (ISO 3166 code of Sweden)';
COMMENT ON COLUMN @registry@.omop_location.latitude IS 'Latitude of the unit''s base (WGS 84, 6 decimals); NULL for a municipality';
COMMENT ON COLUMN @registry@.omop_location.longitude IS 'Longitude of the unit''s base (WGS 84, 6 decimals); NULL for a municipality';

-- Care sites: one per unit, under its unit_key.  A home care team's place
-- of service is the patient's home; for the other units (other mobile care
-- such as ambulances, and units that do not go out, which may be wards,
-- clinics or emergency departments) the registry does not say.
CREATE VIEW @registry@.omop_care_site WITH (security_invoker = true) AS
SELECT u.unit_key AS care_site_id,
	   u.name::varchar(255) AS care_site_name,
	   CASE WHEN u.unit_form NOT IN ('none', 'other_mobile') THEN 581476 END
		   AS place_of_service_concept_id,
	   CASE WHEN u.base IS NOT NULL THEN 10000 + u.unit_key END AS location_id,
	   u.unit_id::varchar(50) AS care_site_source_value,
	   u.unit_form::text::varchar(50) AS place_of_service_source_value
FROM @registry@.unit u;

COMMENT ON VIEW @registry@.omop_care_site IS
	'OMOP CDM v5.4 CARE_SITE rows: one per unit, care_site_id its unit_key (doc/standards.md)';
COMMENT ON COLUMN @registry@.omop_care_site.care_site_id IS 'The unit''s unit_key';
COMMENT ON COLUMN @registry@.omop_care_site.care_site_name IS 'Name of the unit';
COMMENT ON COLUMN @registry@.omop_care_site.place_of_service_concept_id IS '581476 (Home Visit) for a home care team (unit_form other than none and other_mobile); NULL otherwise';
COMMENT ON COLUMN @registry@.omop_care_site.location_id IS 'The unit''s base in omop_location (10000 + unit_key); NULL without a base';
COMMENT ON COLUMN @registry@.omop_care_site.care_site_source_value IS 'unit_id';
COMMENT ON COLUMN @registry@.omop_care_site.place_of_service_source_value IS 'The unit''s mobile care form (unit_form)';

-- Persons: the patients with a year of birth (the CDM drops the others, and
-- omop_visit_occurrence their episodes with them).
CREATE VIEW @registry@.omop_person WITH (security_invoker = true) AS
SELECT @registry@._omop_id('patient_id', p.patient_id) AS person_id,
	   CASE p.sex WHEN 'F' THEN 8532 WHEN 'M' THEN 8507 ELSE 0 END AS gender_concept_id,
	   p.birth_year AS year_of_birth,
	   extract(month FROM p.birth_date)::integer AS month_of_birth,
	   extract(day FROM p.birth_date)::integer AS day_of_birth,
	   p.birth_date::timestamp AS birth_datetime,
	   0 AS race_concept_id,
	   0 AS ethnicity_concept_id,
	   p.municipality_code::integer AS location_id,
	   NULL::integer AS provider_id,
	   NULL::integer AS care_site_id,
	   p.patient_id::text::varchar(50) AS person_source_value,
	   p.sex::varchar(50) AS gender_source_value,
	   0 AS gender_source_concept_id,
	   NULL::varchar(50) AS race_source_value,
	   NULL::integer AS race_source_concept_id,
	   NULL::varchar(50) AS ethnicity_source_value,
	   NULL::integer AS ethnicity_source_concept_id
FROM @registry@.patient p
WHERE p.birth_year IS NOT NULL;

COMMENT ON VIEW @registry@.omop_person IS
	'OMOP CDM v5.4 PERSON rows: every patient with a year of birth, person_id the patient_id (doc/standards.md)';
COMMENT ON COLUMN @registry@.omop_person.person_id IS 'patient_id (error 22003 if beyond integer)';
COMMENT ON COLUMN @registry@.omop_person.gender_concept_id IS '8532 (FEMALE) for F, 8507 (MALE) for M, 0 (no matching concept) for X or unknown';
COMMENT ON COLUMN @registry@.omop_person.year_of_birth IS 'birth_year';
COMMENT ON COLUMN @registry@.omop_person.month_of_birth IS 'Month of birth_date; NULL where only the year is known';
COMMENT ON COLUMN @registry@.omop_person.day_of_birth IS 'Day of birth_date; NULL where only the year is known';
COMMENT ON COLUMN @registry@.omop_person.birth_datetime IS 'birth_date at midnight; NULL where only the year is known';
COMMENT ON COLUMN @registry@.omop_person.race_concept_id IS '0: Swedish registries record no race';
COMMENT ON COLUMN @registry@.omop_person.ethnicity_concept_id IS '0: the CDM''s ethnicity is the US OMB''s, which Swedish registries do not record';
COMMENT ON COLUMN @registry@.omop_person.location_id IS 'Municipality of residence in omop_location (its code)';
COMMENT ON COLUMN @registry@.omop_person.provider_id IS 'Not exported (NULL)';
COMMENT ON COLUMN @registry@.omop_person.care_site_id IS 'Not exported (NULL)';
COMMENT ON COLUMN @registry@.omop_person.person_source_value IS 'patient_id as text';
COMMENT ON COLUMN @registry@.omop_person.gender_source_value IS 'sex as registered: F, M or X';
COMMENT ON COLUMN @registry@.omop_person.gender_source_concept_id IS '0: the registry''s F, M, X are no OMOP vocabulary';
COMMENT ON COLUMN @registry@.omop_person.race_source_value IS 'Not recorded (NULL)';
COMMENT ON COLUMN @registry@.omop_person.race_source_concept_id IS 'Not recorded (NULL)';
COMMENT ON COLUMN @registry@.omop_person.ethnicity_source_value IS 'Not recorded (NULL)';
COMMENT ON COLUMN @registry@.omop_person.ethnicity_source_concept_id IS 'Not recorded (NULL)';

-- Visits: one per episode of a person in omop_person.  An episode still
-- open ends, as the CDM asks, on the day of the export (not before it
-- starts), with the type "Still patient".
CREATE VIEW @registry@.omop_visit_occurrence WITH (security_invoker = true) AS
SELECT @registry@._omop_id('episode_id', ec.episode_id) AS visit_occurrence_id,
	   @registry@._omop_id('patient_id', ec.patient_id) AS person_id,
	   ec.omop_visit_concept_id AS visit_concept_id,
	   ec.start_date AS visit_start_date,
	   ec.start_date::timestamp AS visit_start_datetime,
	   v.end_date AS visit_end_date,
	   v.end_date::timestamp AS visit_end_datetime,
	   CASE WHEN ec.end_date IS NULL THEN 32220 ELSE 32879 END AS visit_type_concept_id,
	   NULL::integer AS provider_id,
	   u.unit_key AS care_site_id,
	   ec.setting_text::varchar(50) AS visit_source_value,
	   NULL::integer AS visit_source_concept_id,
	   CASE WHEN ec.preceding_discharge IS NOT NULL THEN 9201 END AS admitted_from_concept_id,
	   CASE WHEN ec.preceding_discharge IS NOT NULL THEN 'hospital_ward' END::varchar(50)
		   AS admitted_from_source_value,
	   NULL::integer AS discharged_to_concept_id,
	   NULL::varchar(50) AS discharged_to_source_value,
	   NULL::integer AS preceding_visit_occurrence_id
FROM @registry@.episode_classified ec
JOIN @registry@.unit u ON u.unit_id = ec.unit_id
JOIN @registry@.patient p ON p.patient_id = ec.patient_id
CROSS JOIN LATERAL (SELECT coalesce(ec.end_date, greatest(ec.start_date, current_date)) AS end_date) v
WHERE p.birth_year IS NOT NULL;

COMMENT ON VIEW @registry@.omop_visit_occurrence IS
	'OMOP CDM v5.4 VISIT_OCCURRENCE rows: every episode of a patient in omop_person, visit_occurrence_id the episode_id (doc/standards.md)';
COMMENT ON COLUMN @registry@.omop_visit_occurrence.visit_occurrence_id IS 'episode_id (error 22003 if beyond integer)';
COMMENT ON COLUMN @registry@.omop_visit_occurrence.person_id IS 'patient_id';
COMMENT ON COLUMN @registry@.omop_visit_occurrence.visit_concept_id IS 'omop_visit_concept_id of the setting: 9201, 9202, 9203, 581476, 5083 or, for prehospital care, 581478 (Ambulance Visit)';
COMMENT ON COLUMN @registry@.omop_visit_occurrence.visit_start_date IS 'start_date';
COMMENT ON COLUMN @registry@.omop_visit_occurrence.visit_start_datetime IS 'start_date at midnight';
COMMENT ON COLUMN @registry@.omop_visit_occurrence.visit_end_date IS 'end_date; for an open episode the day of the export (its start if that is later)';
COMMENT ON COLUMN @registry@.omop_visit_occurrence.visit_end_datetime IS 'visit_end_date at midnight';
COMMENT ON COLUMN @registry@.omop_visit_occurrence.visit_type_concept_id IS '32879 (Registry); 32220 (Still patient) for an open episode';
COMMENT ON COLUMN @registry@.omop_visit_occurrence.provider_id IS 'Not exported (NULL)';
COMMENT ON COLUMN @registry@.omop_visit_occurrence.care_site_id IS 'The unit''s care site in omop_care_site (unit_key)';
COMMENT ON COLUMN @registry@.omop_visit_occurrence.visit_source_value IS 'setting as text';
COMMENT ON COLUMN @registry@.omop_visit_occurrence.visit_source_concept_id IS 'Not exported (NULL): the settings are no OMOP vocabulary';
COMMENT ON COLUMN @registry@.omop_visit_occurrence.admitted_from_concept_id IS '9201 (Inpatient Visit) when the episode follows a hospital-ward stay (preceding_discharge); NULL otherwise';
COMMENT ON COLUMN @registry@.omop_visit_occurrence.admitted_from_source_value IS 'hospital_ward when preceding_discharge is given; NULL otherwise';
COMMENT ON COLUMN @registry@.omop_visit_occurrence.discharged_to_concept_id IS 'Not recorded (NULL)';
COMMENT ON COLUMN @registry@.omop_visit_occurrence.discharged_to_source_value IS 'Not recorded (NULL)';
COMMENT ON COLUMN @registry@.omop_visit_occurrence.preceding_visit_occurrence_id IS 'Not exported (NULL)';

-- Conditions: each diagnosis of an episode of a patient in omop_person, the
-- main one first.  The registry holds ICD-10-SE codes, which the OMOP
-- vocabularies do not map; condition_concept_id is 0 (no matching concept)
-- and the code is the source value, for a site with the vocabulary tables to
-- map.  The id is episode_id * 32 + the diagnosis's place in the episode.
CREATE VIEW @registry@.omop_condition_occurrence WITH (security_invoker = true) AS
SELECT @registry@._omop_id(pg_catalog.format('diagnosis %s of episode %s: condition_occurrence_id', d.n, e.episode_id),
						   CASE WHEN d.n <= 32 THEN e.episode_id * 32 + d.n - 1 ELSE -2147483649 END)
		   AS condition_occurrence_id,
	   @registry@._omop_id('patient_id', e.patient_id) AS person_id,
	   0 AS condition_concept_id,
	   e.start_date AS condition_start_date,
	   e.start_date::timestamp AS condition_start_datetime,
	   e.end_date AS condition_end_date,
	   e.end_date::timestamp AS condition_end_datetime,
	   32879 AS condition_type_concept_id,
	   CASE WHEN d.n = 1 THEN 32902 ELSE 32908 END AS condition_status_concept_id,
	   NULL::varchar(20) AS stop_reason,
	   NULL::integer AS provider_id,
	   @registry@._omop_id('episode_id', e.episode_id) AS visit_occurrence_id,
	   NULL::integer AS visit_detail_id,
	   d.code::varchar(50) AS condition_source_value,
	   0 AS condition_source_concept_id,
	   CASE WHEN d.n = 1 THEN 'main' ELSE 'other' END::varchar(50) AS condition_status_source_value
FROM @registry@.episode e
JOIN @registry@.patient p ON p.patient_id = e.patient_id
CROSS JOIN LATERAL pg_catalog.unnest(ARRAY[e.main_diagnosis] OPERATOR(pg_catalog.||) e.other_diagnoses)
	WITH ORDINALITY d(code, n)
WHERE p.birth_year IS NOT NULL AND d.code IS NOT NULL;

COMMENT ON VIEW @registry@.omop_condition_occurrence IS
	'OMOP CDM v5.4 CONDITION_OCCURRENCE rows: every diagnosis of an episode of a patient in omop_person, the main one first (doc/standards.md)';
COMMENT ON COLUMN @registry@.omop_condition_occurrence.condition_occurrence_id IS 'episode_id * 32 + the diagnosis''s place in the episode (0 the main one); error 22003 beyond integer or past the 32nd diagnosis';
COMMENT ON COLUMN @registry@.omop_condition_occurrence.person_id IS 'patient_id';
COMMENT ON COLUMN @registry@.omop_condition_occurrence.condition_concept_id IS '0 (no matching concept): the OMOP vocabularies do not map ICD-10-SE; the code is condition_source_value';
COMMENT ON COLUMN @registry@.omop_condition_occurrence.condition_start_date IS 'The episode''s start_date';
COMMENT ON COLUMN @registry@.omop_condition_occurrence.condition_start_datetime IS 'condition_start_date at midnight';
COMMENT ON COLUMN @registry@.omop_condition_occurrence.condition_end_date IS 'The episode''s end_date; NULL while it goes on';
COMMENT ON COLUMN @registry@.omop_condition_occurrence.condition_end_datetime IS 'condition_end_date at midnight';
COMMENT ON COLUMN @registry@.omop_condition_occurrence.condition_type_concept_id IS '32879 (Registry)';
COMMENT ON COLUMN @registry@.omop_condition_occurrence.condition_status_concept_id IS '32902 (Primary diagnosis) for the main diagnosis, 32908 (Secondary diagnosis) for the others';
COMMENT ON COLUMN @registry@.omop_condition_occurrence.stop_reason IS 'Not recorded (NULL)';
COMMENT ON COLUMN @registry@.omop_condition_occurrence.provider_id IS 'Not exported (NULL)';
COMMENT ON COLUMN @registry@.omop_condition_occurrence.visit_occurrence_id IS 'The episode''s visit in omop_visit_occurrence (episode_id)';
COMMENT ON COLUMN @registry@.omop_condition_occurrence.visit_detail_id IS 'Not exported (NULL)';
COMMENT ON COLUMN @registry@.omop_condition_occurrence.condition_source_value IS 'The ICD-10-SE code';
COMMENT ON COLUMN @registry@.omop_condition_occurrence.condition_source_concept_id IS '0: ICD-10-SE is no OMOP vocabulary';
COMMENT ON COLUMN @registry@.omop_condition_occurrence.condition_status_source_value IS 'main or other';
