-- classify.sql: episode classification (src/classify.c) and the registry
-- views built on it.

CREATE TYPE @extschema@.episode_class AS (
	home_based boolean,
	care_form @extschema@.care_form,
	care_level @extschema@.care_level,
	consistent boolean,
	inpatient_equivalent boolean,
	hah_pathway text,
	reporting_mismatch boolean,
	principal text,
	home_bed_days integer
);
COMMENT ON TYPE @extschema@.episode_class IS
	'Harmonised classification of a care episode (the result of classify_episode)';
COMMENT ON COLUMN @extschema@.episode_class.home_based IS
	'Care given in the patient''s home: ordinary_home, special_housing or short_term_housing';
COMMENT ON COLUMN @extschema@.episode_class.care_form IS
	'Mobile care form the episode was delivered in (none for care at a ward, emergency department or clinic)';
COMMENT ON COLUMN @extschema@.episode_class.care_level IS
	'Care level of the episode: the unit''s level';
COMMENT ON COLUMN @extschema@.episode_class.consistent IS
	'The care level is one the care form may be delivered at (permitted_levels)';
COMMENT ON COLUMN @extschema@.episode_class.inpatient_equivalent IS
	'Inpatient care or care replacing it: a hospital ward, or hospital at home';
COMMENT ON COLUMN @extschema@.episode_class.hah_pathway IS
	'For hospital at home: early_supported_discharge (discharged from a ward the same or the previous day) or admission_avoidance; else NULL';
COMMENT ON COLUMN @extschema@.episode_class.reporting_mismatch IS
	'The region reported the episode as inpatient or outpatient contrary to inpatient_equivalent; NULL when not reported';
COMMENT ON COLUMN @extschema@.episode_class.principal IS
	'Responsible principal of the care level: municipality or region';
COMMENT ON COLUMN @extschema@.episode_class.home_bed_days IS
	'For inpatient-equivalent care at home that has ended: hospital bed days replaced, greatest(end_date - start_date, 1)';

CREATE FUNCTION @extschema@.classify_episode(
	unit_level @extschema@.care_level,
	unit_form @extschema@.care_form,
	setting @extschema@.care_setting,
	reported_inpatient boolean,
	start_date date,
	end_date date,
	preceding_discharge date)
	RETURNS @extschema@.episode_class
	AS 'MODULE_PATHNAME', 'classify_episode'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.classify_episode(@extschema@.care_level, @extschema@.care_form,
	@extschema@.care_setting, boolean, date, date, date) IS
	'Harmonised classification of a care episode from its unit''s level and form, setting, reported inpatient status and dates (contract section 2). NULL when unit_level, unit_form, setting or start_date is NULL; error 22023 when end_date is before start_date or preceding_discharge after it. Call it in FROM (LATERAL) so that it runs once per row.';

-- ---------------------------------------------------------------------------
-- Views
-- ---------------------------------------------------------------------------

CREATE VIEW @extschema@.episode_classified AS
SELECT e.episode_id,
	   e.patient_id,
	   e.unit_id,
	   u.name AS unit_name,
	   u.org_code,
	   o.name AS organisation,
	   u.unit_form,
	   e.setting,
	   e.setting::text AS setting_text,
	   e.reported_inpatient,
	   e.start_date,
	   e.end_date,
	   e.preceding_discharge,
	   c.home_based,
	   c.care_form,
	   c.care_form::text AS care_form_text,
	   c.care_level,
	   c.care_level::text AS care_level_text,
	   c.consistent,
	   c.inpatient_equivalent,
	   c.hah_pathway,
	   c.reporting_mismatch,
	   c.principal,
	   c.home_bed_days,
	   @extschema@.fhir_encounter_class(e.setting, c.inpatient_equivalent) AS encounter_class,
	   @extschema@.omop_visit_concept_id(e.setting, c.inpatient_equivalent) AS omop_visit_concept_id
FROM @extschema@.episode e
JOIN @extschema@.unit u ON u.unit_id = e.unit_id
JOIN @extschema@.organisation o ON o.org_code = u.org_code
CROSS JOIN LATERAL @extschema@.classify_episode(u.unit_level, u.unit_form, e.setting,
		e.reported_inpatient, e.start_date, e.end_date, e.preceding_discharge) c;

COMMENT ON VIEW @extschema@.episode_classified IS
	'Every episode with its unit, organisation and harmonised classification (classify_episode), whatever the region reported';
COMMENT ON COLUMN @extschema@.episode_classified.episode_id IS 'Episode identifier';
COMMENT ON COLUMN @extschema@.episode_classified.patient_id IS 'Patient';
COMMENT ON COLUMN @extschema@.episode_classified.unit_id IS 'Unit responsible for the episode';
COMMENT ON COLUMN @extschema@.episode_classified.unit_name IS 'Name of the unit';
COMMENT ON COLUMN @extschema@.episode_classified.org_code IS 'Organisation that runs the unit';
COMMENT ON COLUMN @extschema@.episode_classified.organisation IS 'Name of the organisation';
COMMENT ON COLUMN @extschema@.episode_classified.unit_form IS 'Mobile care form of the unit, as registered';
COMMENT ON COLUMN @extschema@.episode_classified.setting IS 'Where the care was given';
COMMENT ON COLUMN @extschema@.episode_classified.setting_text IS 'setting as text';
COMMENT ON COLUMN @extschema@.episode_classified.reported_inpatient IS 'Whether the region reported the episode as inpatient; NULL if unknown';
COMMENT ON COLUMN @extschema@.episode_classified.start_date IS 'First day of the episode';
COMMENT ON COLUMN @extschema@.episode_classified.end_date IS 'Last day of the episode; NULL while ongoing';
COMMENT ON COLUMN @extschema@.episode_classified.preceding_discharge IS 'Discharge from a hospital-ward stay just before the episode, if any';
COMMENT ON COLUMN @extschema@.episode_classified.home_based IS 'Care given in the patient''s home (ordinary, special or short-term housing)';
COMMENT ON COLUMN @extschema@.episode_classified.care_form IS 'Harmonised mobile care form (none outside the home, remote and prehospital care)';
COMMENT ON COLUMN @extschema@.episode_classified.care_form_text IS 'care_form as text';
COMMENT ON COLUMN @extschema@.episode_classified.care_level IS 'Care level (the unit''s level)';
COMMENT ON COLUMN @extschema@.episode_classified.care_level_text IS 'care_level as text';
COMMENT ON COLUMN @extschema@.episode_classified.consistent IS 'The care level is permitted for the care form';
COMMENT ON COLUMN @extschema@.episode_classified.inpatient_equivalent IS 'Inpatient care or care replacing it (hospital ward, or hospital at home)';
COMMENT ON COLUMN @extschema@.episode_classified.hah_pathway IS 'Hospital at home only: early_supported_discharge or admission_avoidance';
COMMENT ON COLUMN @extschema@.episode_classified.reporting_mismatch IS 'Reported inpatient status differs from inpatient_equivalent; NULL when not reported';
COMMENT ON COLUMN @extschema@.episode_classified.principal IS 'Responsible principal of the care level: municipality or region';
COMMENT ON COLUMN @extschema@.episode_classified.home_bed_days IS 'Hospital bed days replaced by inpatient-equivalent care at home (ended episodes)';
COMMENT ON COLUMN @extschema@.episode_classified.encounter_class IS 'HL7 FHIR Encounter.class (fhir_encounter_class)';
COMMENT ON COLUMN @extschema@.episode_classified.omop_visit_concept_id IS 'OMOP visit concept (omop_visit_concept_id); NULL for prehospital care';

-- Grouped on the fewest keys (names and principal are joined afterwards):
-- sorting a row per episode on text and custom-type keys is the cost here.
CREATE VIEW @extschema@.monthly_activity AS
SELECT m.month,
	   m.org_code,
	   o.name AS organisation,
	   @extschema@.principal(m.care_level) AS principal,
	   m.care_form,
	   m.care_form::text AS care_form_text,
	   m.care_level,
	   m.care_level::text AS care_level_text,
	   m.setting,
	   m.setting::text AS setting_text,
	   m.episodes,
	   m.patients,
	   m.home_bed_days,
	   m.inpatient_equivalent_episodes,
	   m.reporting_mismatches
FROM (SELECT date_trunc('month', ec.start_date::timestamp)::date AS month,
			 ec.org_code, ec.care_form, ec.care_level, ec.setting,
			 count(*) AS episodes,
			 count(DISTINCT ec.patient_id) AS patients,
			 coalesce(sum(ec.home_bed_days), 0) AS home_bed_days,
			 count(*) FILTER (WHERE ec.inpatient_equivalent) AS inpatient_equivalent_episodes,
			 count(*) FILTER (WHERE ec.reporting_mismatch) AS reporting_mismatches
	  FROM @extschema@.episode_classified ec
	  GROUP BY 1, ec.org_code, ec.care_form, ec.care_level, ec.setting) m
JOIN @extschema@.organisation o ON o.org_code = m.org_code;

COMMENT ON VIEW @extschema@.monthly_activity IS
	'Episodes by the month they started, organisation, principal, care form, care level and setting: the table BI tools draw their charts from';
COMMENT ON COLUMN @extschema@.monthly_activity.month IS 'First day of the month the episodes started in';
COMMENT ON COLUMN @extschema@.monthly_activity.org_code IS 'Organisation that runs the units';
COMMENT ON COLUMN @extschema@.monthly_activity.organisation IS 'Name of the organisation';
COMMENT ON COLUMN @extschema@.monthly_activity.principal IS 'Responsible principal of the care level: municipality or region';
COMMENT ON COLUMN @extschema@.monthly_activity.care_form IS 'Harmonised mobile care form';
COMMENT ON COLUMN @extschema@.monthly_activity.care_form_text IS 'care_form as text';
COMMENT ON COLUMN @extschema@.monthly_activity.care_level IS 'Care level';
COMMENT ON COLUMN @extschema@.monthly_activity.care_level_text IS 'care_level as text';
COMMENT ON COLUMN @extschema@.monthly_activity.setting IS 'Where the care was given';
COMMENT ON COLUMN @extschema@.monthly_activity.setting_text IS 'setting as text';
COMMENT ON COLUMN @extschema@.monthly_activity.episodes IS 'Episodes started in the month';
COMMENT ON COLUMN @extschema@.monthly_activity.patients IS 'Distinct patients of those episodes';
COMMENT ON COLUMN @extschema@.monthly_activity.home_bed_days IS 'Hospital bed days replaced at home by those episodes (counted in the month the episode started)';
COMMENT ON COLUMN @extschema@.monthly_activity.inpatient_equivalent_episodes IS 'Episodes that were inpatient care or replaced it';
COMMENT ON COLUMN @extschema@.monthly_activity.reporting_mismatches IS 'Episodes reported as inpatient or outpatient contrary to their classification';
