-- registry/classify.sql: the registry's classified episodes and monthly
-- activity (doc/classification.md), on classify.sql's rules.

-- ---------------------------------------------------------------------------
-- Views
-- ---------------------------------------------------------------------------

-- The rules are called one column at a time (classify.sql), so that a query
-- pays only for the columns it reads; each LATERAL below is a list of
-- expressions that the planner folds into the query.
CREATE VIEW @registry@.episode_classified WITH (security_invoker = true) AS
SELECT e.episode_id,
	   e.patient_id,
	   e.unit_id,
	   u.name AS unit_name,
	   u.org_code,
	   o.name AS organisation,
	   u.unit_form,
	   u.unit_form::text AS unit_form_text,
	   e.setting,
	   e.setting::text AS setting_text,
	   e.reported_inpatient,
	   e.start_date,
	   e.end_date,
	   e.preceding_discharge,
	   @extschema@.is_home(e.setting) AS home_based,
	   f.care_form,
	   f.care_form::text AS care_form_text,
	   u.unit_level AS care_level,
	   u.unit_level::text AS care_level_text,
	   @extschema@._episode_consistent(f.care_form, u.unit_level) AS consistent,
	   i.inpatient_equivalent,
	   @extschema@._episode_hah_pathway(f.care_form, e.start_date, e.preceding_discharge) AS hah_pathway,
	   @extschema@._episode_reporting_mismatch(e.reported_inpatient, i.inpatient_equivalent)
		   AS reporting_mismatch,
	   @extschema@.principal(u.unit_level) AS principal,
	   @extschema@._episode_home_bed_days(e.setting, f.care_form, e.start_date, e.end_date)
		   AS home_bed_days,
	   @extschema@.fhir_encounter_class(e.setting, i.inpatient_equivalent) AS encounter_class,
	   @extschema@.omop_visit_concept_id(e.setting, i.inpatient_equivalent) AS omop_visit_concept_id
FROM @registry@.episode e
JOIN @registry@.unit u ON u.unit_id = e.unit_id
JOIN @registry@.organisation o ON o.org_code = u.org_code
CROSS JOIN LATERAL (SELECT @extschema@._episode_care_form(u.unit_level, u.unit_form, e.setting)
						AS care_form) f
CROSS JOIN LATERAL (SELECT @extschema@._episode_inpatient_equivalent(e.setting, f.care_form)
						AS inpatient_equivalent) i;

COMMENT ON VIEW @registry@.episode_classified IS
	'Every episode with its unit, organisation and harmonised classification (the rules of classify_episode), whatever the region reported';
COMMENT ON COLUMN @registry@.episode_classified.episode_id IS 'Episode identifier';
COMMENT ON COLUMN @registry@.episode_classified.patient_id IS 'Patient';
COMMENT ON COLUMN @registry@.episode_classified.unit_id IS 'Unit responsible for the episode';
COMMENT ON COLUMN @registry@.episode_classified.unit_name IS 'Name of the unit';
COMMENT ON COLUMN @registry@.episode_classified.org_code IS 'Organisation that runs the unit';
COMMENT ON COLUMN @registry@.episode_classified.organisation IS 'Name of the organisation';
COMMENT ON COLUMN @registry@.episode_classified.unit_form IS 'Mobile care form of the unit, as registered';
COMMENT ON COLUMN @registry@.episode_classified.unit_form_text IS 'unit_form as text';
COMMENT ON COLUMN @registry@.episode_classified.setting IS 'Where the care was given';
COMMENT ON COLUMN @registry@.episode_classified.setting_text IS 'setting as text';
COMMENT ON COLUMN @registry@.episode_classified.reported_inpatient IS 'Whether the region reported the episode as inpatient; NULL if unknown';
COMMENT ON COLUMN @registry@.episode_classified.start_date IS 'First day of the episode';
COMMENT ON COLUMN @registry@.episode_classified.end_date IS 'Last day of the episode; NULL while ongoing';
COMMENT ON COLUMN @registry@.episode_classified.preceding_discharge IS 'Discharge from a hospital-ward stay just before the episode, if any';
COMMENT ON COLUMN @registry@.episode_classified.home_based IS 'Care given in the patient''s home (ordinary, special or short-term housing)';
COMMENT ON COLUMN @registry@.episode_classified.care_form IS 'Harmonised mobile care form (none outside the home, remote and prehospital care)';
COMMENT ON COLUMN @registry@.episode_classified.care_form_text IS 'care_form as text';
COMMENT ON COLUMN @registry@.episode_classified.care_level IS 'Care level (the unit''s level)';
COMMENT ON COLUMN @registry@.episode_classified.care_level_text IS 'care_level as text';
COMMENT ON COLUMN @registry@.episode_classified.consistent IS 'The care level is permitted for the care form';
COMMENT ON COLUMN @registry@.episode_classified.inpatient_equivalent IS 'Inpatient care or care replacing it (hospital ward, or hospital at home)';
COMMENT ON COLUMN @registry@.episode_classified.hah_pathway IS 'Hospital at home only: early_supported_discharge or admission_avoidance';
COMMENT ON COLUMN @registry@.episode_classified.reporting_mismatch IS 'Reported inpatient status differs from inpatient_equivalent; NULL when not reported';
COMMENT ON COLUMN @registry@.episode_classified.principal IS 'Responsible principal of the care level: municipality or region';
COMMENT ON COLUMN @registry@.episode_classified.home_bed_days IS 'Hospital bed days replaced by inpatient-equivalent care at home (ended episodes)';
COMMENT ON COLUMN @registry@.episode_classified.encounter_class IS 'HL7 FHIR Encounter.class (fhir_encounter_class)';
COMMENT ON COLUMN @registry@.episode_classified.omop_visit_concept_id IS 'OMOP CDM visit concept (omop_visit_concept_id): never NULL, prehospital care is 581478 Ambulance Visit';

-- Grouped on the fewest keys (names and principal are joined afterwards):
-- sorting a row per episode on text and custom-type keys is the cost here.
CREATE VIEW @registry@.monthly_activity WITH (security_invoker = true) AS
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
FROM (SELECT @extschema@._month_of(ec.start_date) AS month,
			 ec.org_code, ec.care_form, ec.care_level, ec.setting,
			 count(*) AS episodes,
			 pg_catalog.count(DISTINCT ec.patient_id) AS patients,
			 coalesce(sum(ec.home_bed_days), 0) AS home_bed_days,
			 count(*) FILTER (WHERE ec.inpatient_equivalent) AS inpatient_equivalent_episodes,
			 count(*) FILTER (WHERE ec.reporting_mismatch) AS reporting_mismatches
	  FROM @registry@.episode_classified ec
	  GROUP BY 1, ec.org_code, ec.care_form, ec.care_level, ec.setting) m
JOIN @registry@.organisation o ON o.org_code = m.org_code;

COMMENT ON VIEW @registry@.monthly_activity IS
	'Episodes by the month they started, organisation, principal, care form, care level and setting: the table BI tools draw their charts from';
COMMENT ON COLUMN @registry@.monthly_activity.month IS 'First day of the month the episodes started in';
COMMENT ON COLUMN @registry@.monthly_activity.org_code IS 'Organisation that runs the units';
COMMENT ON COLUMN @registry@.monthly_activity.organisation IS 'Name of the organisation';
COMMENT ON COLUMN @registry@.monthly_activity.principal IS 'Responsible principal of the care level: municipality or region';
COMMENT ON COLUMN @registry@.monthly_activity.care_form IS 'Harmonised mobile care form';
COMMENT ON COLUMN @registry@.monthly_activity.care_form_text IS 'care_form as text';
COMMENT ON COLUMN @registry@.monthly_activity.care_level IS 'Care level';
COMMENT ON COLUMN @registry@.monthly_activity.care_level_text IS 'care_level as text';
COMMENT ON COLUMN @registry@.monthly_activity.setting IS 'Where the care was given';
COMMENT ON COLUMN @registry@.monthly_activity.setting_text IS 'setting as text';
COMMENT ON COLUMN @registry@.monthly_activity.episodes IS 'Episodes started in the month';
COMMENT ON COLUMN @registry@.monthly_activity.patients IS 'Distinct patients of those episodes';
COMMENT ON COLUMN @registry@.monthly_activity.home_bed_days IS 'Hospital bed days replaced at home by those episodes (counted in the month the episode started)';
COMMENT ON COLUMN @registry@.monthly_activity.inpatient_equivalent_episodes IS 'Episodes that were inpatient care or replaced it';
COMMENT ON COLUMN @registry@.monthly_activity.reporting_mismatches IS 'Episodes reported as inpatient or outpatient contrary to their classification';
