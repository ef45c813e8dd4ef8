-- classify_episode (doc/classification.md, rules 1-9) and the views built on
-- it: episode_classified, monthly_activity.
SET search_path = registry, mobilvard, public;
SET datestyle = 'ISO, YMD';
\i sql/include/error_of.sql
\i sql/include/plan_of.sql

CREATE TEMP TABLE settings AS
SELECT s::care_setting AS setting
FROM unnest(ARRAY['hospital_ward', 'emergency_department', 'outpatient_clinic', 'ordinary_home',
				  'special_housing', 'short_term_housing', 'remote', 'prehospital']) s;
CREATE TEMP TABLE forms AS
SELECT f::care_form AS form
FROM unnest(ARRAY['none', 'hospital_at_home', 'specialised_home_care', 'mobile_specialist_team',
				  'mobile_psychiatry', 'community_care_team', 'mobile_primary_care',
				  'municipal_health_team', 'other_mobile']) f;
CREATE TEMP TABLE levels AS
SELECT l::care_level AS level
FROM unnest(ARRAY['municipal_primary', 'regional_primary', 'specialised_outpatient',
				  'specialised_inpatient']) l;

-- Declared as doc/classification.md says: IMMUTABLE, PARALLEL SAFE, not STRICT (NULL
-- end and discharge dates and an unknown reported status are real inputs).
SELECT provolatile, proparallel, proisstrict, prorettype::regtype
FROM pg_proc WHERE oid = 'classify_episode'::regproc;

-- Rules 1, 2, 5 and 9 by setting, for a unit with a mobile form (community
-- care team) and for one without (a specialised inpatient unit): the home
-- settings are home-based and take the unit's form (or the level's when the
-- unit has none); ward, emergency department and clinic give none; remote
-- takes the unit's form; prehospital is other_mobile.
SELECT s.setting, u.unit_form, c.home_based, c.care_form, c.inpatient_equivalent, c.home_bed_days
FROM settings s
CROSS JOIN (VALUES ('community_care_team'::care_form), ('none')) u(unit_form)
CROSS JOIN LATERAL classify_episode('specialised_inpatient', u.unit_form, s.setting, NULL,
									'2025-03-10', '2025-03-14', NULL) c
ORDER BY u.unit_form DESC, s.setting;

-- Rule 2 at home: every unit form is kept as it is; rule 4 over every form
-- and level (permitted_levels: specialised forms at the two specialised
-- levels, community care and other mobile also at regional primary care,
-- mobile primary care at regional primary only, municipal teams at municipal
-- primary only, none at all four).
SELECT f.form AS unit_form,
	   string_agg(l.level || '=' || CASE WHEN c.consistent THEN 'yes' ELSE 'no' END, ', '
				  ORDER BY l.level) AS consistent_by_level,
	   bool_and(c.care_form = f.form) AS form_kept
FROM forms f
CROSS JOIN levels l
CROSS JOIN LATERAL classify_episode(l.level, f.form, 'special_housing', NULL, '2025-03-10', NULL, NULL) c
GROUP BY f.form
ORDER BY f.form;

-- Rule 2 at home for a unit without a mobile form: the level decides; rules 3
-- and 8 (care level and principal) for every level.
SELECT l.level AS unit_level, c.care_form, c.care_level, c.consistent, c.principal
FROM levels l
CROSS JOIN LATERAL classify_episode(l.level, 'none', 'ordinary_home', NULL, '2025-03-10', NULL, NULL) c
ORDER BY l.level;

-- Rule 2 remote: the unit's form, whatever it is (none included); a hospital
-- at home unit seen remotely is still hospital at home, so inpatient
-- equivalent (rule 5), but not home-based, so no home bed days (rule 9).
SELECT f.form AS unit_form, c.care_form, c.home_based, c.inpatient_equivalent, c.hah_pathway,
	   c.home_bed_days
FROM forms f
CROSS JOIN LATERAL classify_episode('specialised_inpatient', f.form, 'remote', NULL,
									'2025-03-10', '2025-03-12', NULL) c
ORDER BY f.form;

-- Prehospital care is other mobile care at any level; rule 4 flags it at
-- municipal primary care, where other mobile care is not delivered.
SELECT l.level, c.care_form, c.consistent, c.principal
FROM levels l
CROSS JOIN LATERAL classify_episode(l.level, 'none', 'prehospital', NULL, '2025-03-10', NULL, NULL) c
ORDER BY l.level;

-- Rule 6: hospital at home is early supported discharge when the patient
-- left a ward on the start day or the day before, else admission avoidance;
-- other forms have no pathway even after a discharge.
SELECT d.preceding_discharge, '2025-03-10'::date - d.preceding_discharge AS days_after_discharge,
	   hah.hah_pathway AS hospital_at_home, other.hah_pathway AS specialised_home_care
FROM (VALUES (NULL::date), ('2025-03-10'), ('2025-03-09'), ('2025-03-08'), ('2024-03-10')) d(preceding_discharge)
CROSS JOIN LATERAL classify_episode('specialised_inpatient', 'hospital_at_home', 'ordinary_home', NULL,
									'2025-03-10', NULL, d.preceding_discharge) hah
CROSS JOIN LATERAL classify_episode('specialised_inpatient', 'specialised_home_care', 'ordinary_home', NULL,
									'2025-03-10', NULL, d.preceding_discharge) other
ORDER BY d.preceding_discharge NULLS FIRST;

-- Rule 7: a mismatch is a reported status that differs from inpatient
-- equivalence; NULL when nothing was reported.
SELECT r.reported_inpatient, s.setting, c.inpatient_equivalent, c.reporting_mismatch
FROM (VALUES (true), (false), (NULL)) r(reported_inpatient)
CROSS JOIN (VALUES ('hospital_ward'::care_setting), ('outpatient_clinic')) s(setting)
CROSS JOIN LATERAL classify_episode('specialised_inpatient', 'none', s.setting, r.reported_inpatient,
									'2025-03-10', NULL, NULL) c
ORDER BY r.reported_inpatient NULLS LAST, s.setting;

-- Rule 9: bed days replaced at home, at least one, only for ended
-- inpatient-equivalent care at home.
SELECT u.unit_form, s.setting, d.end_date, c.inpatient_equivalent, c.home_bed_days
FROM (VALUES ('hospital_at_home'::care_form), ('specialised_home_care')) u(unit_form)
CROSS JOIN (VALUES ('short_term_housing'::care_setting), ('hospital_ward')) s(setting)
CROSS JOIN (VALUES (NULL::date), ('2025-03-10'), ('2025-03-11'), ('2025-03-17')) d(end_date)
CROSS JOIN LATERAL classify_episode('specialised_inpatient', u.unit_form, s.setting, true,
									'2025-03-10', d.end_date, NULL) c
ORDER BY u.unit_form, s.setting, d.end_date NULLS FIRST;

-- NULL level, form, setting or start date gives a NULL result (before the
-- dates are checked); NULL end date, discharge and reported status do not.
SELECT a.case_name, c IS NULL AS null_result, c.care_form
FROM (VALUES
	('no level', NULL::care_level, 'none'::care_form, 'ordinary_home'::care_setting, '2025-03-10'::date),
	('no form', 'regional_primary', NULL, 'ordinary_home', '2025-03-10'),
	('no setting', 'regional_primary', 'none', NULL, '2025-03-10'),
	('no start date', 'regional_primary', 'none', 'ordinary_home', NULL),
	('only optional NULLs', 'regional_primary', 'none', 'ordinary_home', '2025-03-10')
) a(case_name, unit_level, unit_form, setting, start_date)
CROSS JOIN LATERAL classify_episode(a.unit_level, a.unit_form, a.setting, NULL, a.start_date, NULL, NULL) c
ORDER BY a.case_name;
SELECT classify_episode(NULL, 'none', 'ordinary_home', NULL, '2025-03-10', '2025-03-01', '2025-04-01') IS NULL
	AS null_before_date_checks;

-- Errors: the end before the start, a discharge after the start (22023, both
-- dates named); days counted from an infinite date (22008, as date
-- subtraction does).  Equal dates are fine.
SELECT test, pg_temp.error_of(statement) AS error
FROM (VALUES
	('end before start', $$SELECT classify_episode('regional_primary', 'none', 'ordinary_home', NULL, '2025-03-10', '2025-03-09', NULL)$$),
	('discharge after start', $$SELECT classify_episode('regional_primary', 'none', 'ordinary_home', NULL, '2025-03-10', NULL, '2025-03-11')$$),
	('discharge after start, not hah', $$SELECT classify_episode('regional_primary', 'none', 'hospital_ward', NULL, '2025-03-10', NULL, '2025-03-11')$$),
	('end equals start', $$SELECT classify_episode('regional_primary', 'none', 'ordinary_home', NULL, '2025-03-10', '2025-03-10', '2025-03-10')$$),
	('infinite end, bed days', $$SELECT classify_episode('specialised_inpatient', 'none', 'ordinary_home', NULL, '2025-03-10', 'infinity', NULL)$$),
	('infinite discharge, pathway', $$SELECT classify_episode('specialised_inpatient', 'none', 'ordinary_home', NULL, '2025-03-10', NULL, '-infinity')$$),
	('infinite end, no bed days', $$SELECT classify_episode('regional_primary', 'none', 'ordinary_home', NULL, '2025-03-10', 'infinity', NULL)$$)
) t(test, statement)
ORDER BY test;

-- Every combination of level, form, setting, reported status and dates
-- against the nine rules written out in SQL from doc/classification.md.
CREATE TEMP TABLE cases AS
SELECT l.level, f.form, s.setting, r.reported, d.start_date, d.end_date, d.discharge
FROM levels l, forms f, settings s,
	 (VALUES (true), (false), (NULL)) r(reported),
	 (VALUES ('2025-03-10'::date, NULL::date, NULL::date), ('2025-03-10', '2025-03-10', '2025-03-10'),
			 ('2025-03-10', '2025-03-13', '2025-03-09'), ('2025-03-10', '2025-04-10', '2025-03-08')) d(start_date, end_date, discharge);
CREATE TEMP VIEW oracle AS
WITH r12 AS (
	SELECT k.*, is_home(k.setting) AS home_based,
		   CASE WHEN k.setting IN ('hospital_ward', 'emergency_department', 'outpatient_clinic') THEN 'none'
				WHEN k.setting = 'prehospital' THEN 'other_mobile'
				WHEN k.setting = 'remote' THEN k.form
				WHEN k.form <> 'none' THEN k.form
				ELSE CASE k.level WHEN 'specialised_inpatient' THEN 'hospital_at_home'
								  WHEN 'specialised_outpatient' THEN 'mobile_specialist_team'
								  WHEN 'regional_primary' THEN 'mobile_primary_care'
								  WHEN 'municipal_primary' THEN 'municipal_health_team' END::care_form
		   END AS care_form
	FROM cases k),
r5 AS (
	SELECT r12.*, r12.setting = 'hospital_ward' OR r12.care_form = 'hospital_at_home' AS inpatient_equivalent
	FROM r12)
SELECT r5.*,
	   ROW(r5.home_based, r5.care_form, r5.level,
		   r5.level = ANY (permitted_levels(r5.care_form)),
		   r5.inpatient_equivalent,
		   CASE WHEN r5.care_form = 'hospital_at_home' THEN
				CASE WHEN r5.discharge IS NOT NULL AND r5.start_date - r5.discharge IN (0, 1)
					 THEN 'early_supported_discharge' ELSE 'admission_avoidance' END END,
		   CASE WHEN r5.reported IS NOT NULL THEN r5.reported IS DISTINCT FROM r5.inpatient_equivalent END,
		   principal(r5.level),
		   CASE WHEN r5.inpatient_equivalent AND r5.home_based AND r5.end_date IS NOT NULL
				THEN greatest(r5.end_date - r5.start_date, 1) END)::episode_class AS expected
FROM r5;
SELECT count(*) AS cases,
	   count(*) FILTER (WHERE c IS DISTINCT FROM o.expected) AS disagreements,
	   count(DISTINCT c) AS distinct_results
FROM oracle o
CROSS JOIN LATERAL classify_episode(o.level, o.form, o.setting, o.reported, o.start_date, o.end_date, o.discharge) c;
-- The same called in the select list (results live in per-row memory there,
-- not in a function scan's store).
SELECT count(*) FILTER (WHERE classify_episode(o.level, o.form, o.setting, o.reported, o.start_date,
											   o.end_date, o.discharge) IS DISTINCT FROM o.expected) AS disagreements
FROM oracle o;

-- ---------------------------------------------------------------------------
-- The views, on a small hand-made registry
-- ---------------------------------------------------------------------------
BEGIN;
INSERT INTO organisation VALUES
	('R18', 'Region Örebro län', 'region', NULL, NULL, NULL),
	('K1880', 'Örebro kommun', 'municipality', 'R18', '1880', 'Örebro');
INSERT INTO unit VALUES
	('ward', 'R18', 'Infektionsavdelningen', 'specialised_inpatient', 'none', NULL),
	('hah', 'R18', 'Sjukhusvård i hemmet Örebro', 'specialised_inpatient', 'hospital_at_home', NULL),
	('asih', 'R18', 'ASIH Örebro', 'specialised_outpatient', 'specialised_home_care', NULL),
	('hsv', 'K1880', 'Hemsjukvården Örebro', 'municipal_primary', 'municipal_health_team', NULL);
INSERT INTO patient VALUES (1, 1940, 'F', '1880', NULL, NULL), (2, 1935, 'M', '1880', NULL, NULL);
INSERT INTO episode VALUES
	(1, 1, 'ward', 'hospital_ward', true, '2025-01-03', '2025-01-08', NULL),
	(2, 1, 'hah', 'ordinary_home', false, '2025-01-08', '2025-01-12', '2025-01-08'),
	(3, 2, 'hah', 'special_housing', true, '2025-01-20', '2025-01-26', NULL),
	(4, 2, 'asih', 'ordinary_home', true, '2025-01-28', NULL, NULL),
	(5, 1, 'hsv', 'ordinary_home', NULL, '2025-02-01', '2025-02-28', NULL),
	(6, 2, 'hah', 'remote', true, '2025-02-03', '2025-02-03', NULL),
	(7, 2, 'ward', 'emergency_department', false, '2025-02-05', '2025-02-05', NULL);

SELECT episode_id, unit_name, organisation, setting_text, care_form_text, care_level_text, consistent,
	   inpatient_equivalent, hah_pathway, reporting_mismatch, principal, home_bed_days,
	   encounter_class, omop_visit_concept_id
FROM episode_classified ORDER BY episode_id;

-- The rules one column at a time (the view's helpers) agree with
-- classify_episode on every level, form, setting, reported status and a
-- spread of dates (ongoing, one day, early discharge, two days after).
SELECT count(*) AS combinations, count(*) FILTER (WHERE agree) AS agreeing
FROM (SELECT (is_home(s.setting), x.care_form, l.level, _episode_consistent(x.care_form, l.level),
			  y.inpatient_equivalent, _episode_hah_pathway(x.care_form, d.start_date, d.discharge),
			  _episode_reporting_mismatch(r.reported, y.inpatient_equivalent), principal(l.level),
			  _episode_home_bed_days(s.setting, x.care_form, d.start_date, d.end_date))::episode_class
			 IS NOT DISTINCT FROM
			 classify_episode(l.level, f.form, s.setting, r.reported, d.start_date, d.end_date, d.discharge)
			 AS agree
	  FROM levels l, forms f, settings s,
		   (VALUES (true), (false), (NULL::boolean)) r(reported),
		   (VALUES ('2025-03-10'::date, NULL::date, NULL::date),
				   ('2025-03-10', '2025-03-10', '2025-03-10'),
				   ('2025-03-10', '2025-03-14', '2025-03-09'),
				   ('2025-03-10', '2025-04-01', '2025-03-08')) d(start_date, end_date, discharge),
		   LATERAL (SELECT _episode_care_form(l.level, f.form, s.setting) AS care_form) x,
		   LATERAL (SELECT _episode_inpatient_equivalent(s.setting, x.care_form) AS inpatient_equivalent) y) t;

-- The view's classification is classify_episode's, column for column.
SELECT count(*) AS episodes,
	   count(*) FILTER (WHERE (ec.home_based, ec.care_form, ec.care_level, ec.consistent,
							   ec.inpatient_equivalent, ec.hah_pathway, ec.reporting_mismatch,
							   ec.principal, ec.home_bed_days)::episode_class
							  IS NOT DISTINCT FROM
							  classify_episode(u.unit_level, u.unit_form, e.setting, e.reported_inpatient,
											   e.start_date, e.end_date, e.preceding_discharge)) AS agreeing
FROM episode_classified ec
JOIN episode e USING (episode_id)
JOIN unit u ON u.unit_id = e.unit_id;

SELECT month, org_code, organisation, principal, care_form_text, care_level_text, setting_text, episodes,
	   patients, home_bed_days, inpatient_equivalent_episodes, reporting_mismatches
FROM monthly_activity
ORDER BY month, org_code, care_form, care_level, setting;

-- Indexes can serve the views' usual filters: a month range (the month
-- expression index), one patient, one unit.
SET LOCAL enable_seqscan = off;
SELECT f.filter,
	   string_agg(DISTINCT substring(p.plan FROM '(?:using|Index Scan on) (episode_\w+)'), ', ') AS episode_indexes,
	   count(*) FILTER (WHERE p.plan ~ 'Seq Scan on episode') AS episode_seq_scans
FROM (VALUES ('month', $$SELECT * FROM monthly_activity WHERE month >= '2025-02-01'$$),
			 ('patient', $$SELECT * FROM episode_classified WHERE patient_id = 2$$),
			 ('unit', $$SELECT * FROM episode_classified WHERE unit_id = 'hah'$$)) f(filter, query)
CROSS JOIN LATERAL pg_temp.plan_of(f.query) p(plan)
GROUP BY f.filter
ORDER BY f.filter;
RESET enable_seqscan;

-- The view applies the rules only for the columns a query reads: counting
-- its rows calls none of them, reading care_form calls that rule once a row.
SET track_functions = 'all';
SELECT coalesce(pg_stat_get_xact_function_calls('_episode_care_form'::regproc), 0) AS calls_before \gset
SELECT count(*) AS rows FROM episode_classified;
SELECT coalesce(pg_stat_get_xact_function_calls('_episode_care_form'::regproc), 0) - :calls_before AS calls;
SELECT count(DISTINCT care_form) AS forms FROM episode_classified;
SELECT coalesce(pg_stat_get_xact_function_calls('_episode_care_form'::regproc), 0) - :calls_before AS calls;
RESET track_functions;
ROLLBACK;
