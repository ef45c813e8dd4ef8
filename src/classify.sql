-- classify.sql: episode classification (src/classify.c; doc/classification.md).
-- The registry's views of it are in registry/classify.sql.

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
	'Harmonised classification of a care episode from its unit''s level and form, setting, reported inpatient status and dates (doc/classification.md). NULL when unit_level, unit_form, setting or start_date is NULL; error 22023 when end_date is before start_date or preceding_discharge after it. Call it in FROM (LATERAL) so that it runs once per row.';

-- @column-rules {
-- The rules one column at a time (the same C rule functions as
-- classify_episode), for views that read some columns of many episodes: a
-- composite in FROM is materialised for every row, a scalar call is made
-- only for the columns a query reads.

CREATE FUNCTION @extschema@._episode_care_form(unit_level @extschema@.care_level,
		unit_form @extschema@.care_form, setting @extschema@.care_setting)
	RETURNS @extschema@.care_form
	AS 'MODULE_PATHNAME', 'episode_care_form_sql'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@._episode_care_form(@extschema@.care_level, @extschema@.care_form,
	@extschema@.care_setting) IS
	'Helper of episode_classified: classify_episode''s care_form (rule 2)';

CREATE FUNCTION @extschema@._episode_consistent(care_form @extschema@.care_form,
		care_level @extschema@.care_level)
	RETURNS boolean
	AS 'MODULE_PATHNAME', 'episode_consistent_sql'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@._episode_consistent(@extschema@.care_form, @extschema@.care_level) IS
	'Helper of episode_classified: classify_episode''s consistent (rule 4)';

CREATE FUNCTION @extschema@._episode_inpatient_equivalent(setting @extschema@.care_setting,
		care_form @extschema@.care_form)
	RETURNS boolean
	AS 'MODULE_PATHNAME', 'episode_inpatient_equivalent_sql'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@._episode_inpatient_equivalent(@extschema@.care_setting,
	@extschema@.care_form) IS
	'Helper of episode_classified: classify_episode''s inpatient_equivalent (rule 5)';

CREATE FUNCTION @extschema@._episode_hah_pathway(care_form @extschema@.care_form, start_date date,
		preceding_discharge date)
	RETURNS text
	AS 'MODULE_PATHNAME', 'episode_hah_pathway_sql'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@._episode_hah_pathway(@extschema@.care_form, date, date) IS
	'Helper of episode_classified: classify_episode''s hah_pathway (rule 6)';

CREATE FUNCTION @extschema@._episode_reporting_mismatch(reported_inpatient boolean,
		inpatient_equivalent boolean)
	RETURNS boolean
	AS 'MODULE_PATHNAME', 'episode_reporting_mismatch_sql'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@._episode_reporting_mismatch(boolean, boolean) IS
	'Helper of episode_classified: classify_episode''s reporting_mismatch (rule 7)';

CREATE FUNCTION @extschema@._episode_home_bed_days(setting @extschema@.care_setting,
		care_form @extschema@.care_form, start_date date, end_date date)
	RETURNS integer
	AS 'MODULE_PATHNAME', 'episode_home_bed_days_sql'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@._episode_home_bed_days(@extschema@.care_setting,
	@extschema@.care_form, date, date) IS
	'Helper of episode_classified: classify_episode''s home_bed_days (rule 9)';
-- @column-rules }
