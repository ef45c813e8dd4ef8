-- registry/followup.sql: follow-up of enrolled patients (care before and
-- after enrollment in a team) and the weekly risk list, on the registry's
-- episodes and their classification (doc/classification.md).

-- ---------------------------------------------------------------------------
-- Care consumption before and after enrollment
-- ---------------------------------------------------------------------------

-- The hospital care of a patient around a date: admissions, emergency
-- visits and bed days in the before_days up to and including the date and
-- in the after_days after it, each counted in the window its episode
-- started in; an ongoing stay's bed days run to last_date.  The index stay
-- (a ward stay discharged on index_discharge, or admitted on the date)
-- counts in neither.  One definition for the enrolled and for the patients
-- they are compared with.
CREATE FUNCTION @registry@._care_around(patient_id bigint, on_date date, before_days integer,
		after_days integer, index_discharge date, last_date date)
	RETURNS TABLE (admissions_before bigint, admissions_after bigint, ed_visits_before bigint,
				   ed_visits_after bigint, bed_days_before bigint, bed_days_after bigint)
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	SELECT count(*) FILTER (WHERE e.setting = 'hospital_ward' AND e.start_date <= _care_around.on_date),
		   count(*) FILTER (WHERE e.setting = 'hospital_ward' AND e.start_date > _care_around.on_date),
		   count(*) FILTER (WHERE e.setting = 'emergency_department' AND e.start_date <= _care_around.on_date),
		   count(*) FILTER (WHERE e.setting = 'emergency_department' AND e.start_date > _care_around.on_date),
		   coalesce(sum(greatest(coalesce(e.end_date, _care_around.last_date) - e.start_date, 1))
					FILTER (WHERE e.setting = 'hospital_ward' AND e.start_date <= _care_around.on_date), 0),
		   coalesce(sum(greatest(coalesce(e.end_date, _care_around.last_date) - e.start_date, 1))
					FILTER (WHERE e.setting = 'hospital_ward' AND e.start_date > _care_around.on_date), 0)
	FROM @registry@.episode e
	WHERE e.patient_id = _care_around.patient_id
	  AND e.start_date > _care_around.on_date - _care_around.before_days
	  AND e.start_date <= _care_around.on_date + _care_around.after_days
	  AND e.setting IN ('hospital_ward', 'emergency_department')
	  AND NOT coalesce(e.setting = 'hospital_ward'
					   AND (e.start_date = _care_around.on_date OR e.end_date = _care_around.index_discharge), false);
END;
COMMENT ON FUNCTION @registry@._care_around(bigint, date, integer, integer, date, date) IS
	'Helper of enrollment_followup and enrollment_comparison: a patient''s admissions, emergency visits and bed days before and after a date, the index stay left out';

-- Events on the enrollment date count as before: the emergency visit or
-- admission that led to the enrollment is not an effect of it.  The ward
-- stay that the enrolment continues is neither before nor after: counting
-- it as a "before" admission would credit the team with every early
-- supported discharge.  It is the stay the patient was discharged from on
-- preceding_discharge, and any ward admission on the enrolment date.  The
-- after window ends at death and at the end of the data (censoring), and
-- both windows report their length (person-time).
CREATE VIEW @registry@.enrollment_followup WITH (security_invoker = true) AS
WITH data_span AS (
	SELECT (SELECT min(start_date) FROM @registry@.episode) AS first_date,
		   (SELECT max(start_date) FROM @registry@.episode) AS last_date
),
enrollment AS (
	SELECT DISTINCT ON (ec.patient_id)
		   ec.patient_id, ec.episode_id, ec.unit_id, ec.care_form, ec.start_date, ec.preceding_discharge
	FROM @registry@.episode_classified ec
	WHERE ec.care_form IN ('community_care_team', 'specialised_home_care', 'hospital_at_home')
	ORDER BY ec.patient_id, ec.start_date, ec.episode_id
)
SELECT n.patient_id,
	   n.episode_id AS enrollment_episode_id,
	   n.unit_id,
	   n.care_form,
	   n.care_form::text AS care_form_text,
	   n.start_date AS enrollment_date,
	   x.index_stay_episode_id,
	   w.before_days,
	   w.after_days,
	   CASE WHEN w.after_days < 365 AND d.death_date = n.start_date + w.after_days THEN 'death'
			WHEN w.after_days < 365 THEN 'end_of_data'
	   END AS after_censored_by,
	   d.death_date,
	   c.admissions_before,
	   c.admissions_after,
	   c.ed_visits_before,
	   c.ed_visits_after,
	   c.bed_days_before,
	   c.bed_days_after
FROM enrollment n
CROSS JOIN data_span s
CROSS JOIN LATERAL (SELECT (SELECT p.death_date FROM @registry@.patient p WHERE p.patient_id = n.patient_id)
						AS death_date) d
CROSS JOIN LATERAL (
	SELECT least(365, n.start_date - s.first_date + 1) AS before_days,
		   greatest(0, least(365, s.last_date - n.start_date, d.death_date - n.start_date)) AS after_days
) w
CROSS JOIN LATERAL (
	SELECT max(e.episode_id) AS index_stay_episode_id
	FROM @registry@.episode e
	WHERE e.patient_id = n.patient_id AND e.setting = 'hospital_ward'
	  AND (e.start_date = n.start_date OR e.end_date = n.preceding_discharge)
) x
CROSS JOIN LATERAL @registry@._care_around(n.patient_id, n.start_date, w.before_days, w.after_days,
											n.preceding_discharge, s.last_date) c;

COMMENT ON VIEW @registry@.enrollment_followup IS
	'Each patient''s enrollment (first episode with a community care team, specialised home care or hospital at home) with hospital admissions, emergency visits and inpatient bed days in the 365 days up to and including the enrollment date and in the 365 days after it, leaving out the ward stay the enrolment continues (the stay discharged on preceding_discharge, or a ward admission on the enrolment date); the before window is cut at the start of the data, the after window at the end of the data and at death, and their lengths reported';
COMMENT ON COLUMN @registry@.enrollment_followup.patient_id IS 'Patient';
COMMENT ON COLUMN @registry@.enrollment_followup.enrollment_episode_id IS 'The episode that enrolled the patient';
COMMENT ON COLUMN @registry@.enrollment_followup.unit_id IS 'Unit the patient was enrolled with';
COMMENT ON COLUMN @registry@.enrollment_followup.care_form IS 'Care form of the enrollment (classified)';
COMMENT ON COLUMN @registry@.enrollment_followup.care_form_text IS 'care_form as text';
COMMENT ON COLUMN @registry@.enrollment_followup.enrollment_date IS 'Start of the enrolling episode';
COMMENT ON COLUMN @registry@.enrollment_followup.index_stay_episode_id IS 'The ward stay the enrolment continues (counted in neither window); NULL for none';
COMMENT ON COLUMN @registry@.enrollment_followup.before_days IS 'Days in the before window: 365, fewer when the data start later';
COMMENT ON COLUMN @registry@.enrollment_followup.after_days IS 'Days in the after window (person-time): 365, fewer when the data end sooner or the patient died';
COMMENT ON COLUMN @registry@.enrollment_followup.after_censored_by IS 'Why the after window is shorter than 365 days: death or end_of_data; NULL when it is not';
COMMENT ON COLUMN @registry@.enrollment_followup.death_date IS 'The patient''s date of death, if recorded';
COMMENT ON COLUMN @registry@.enrollment_followup.admissions_before IS 'Hospital-ward episodes started in the before window (the enrollment date included), the index stay left out';
COMMENT ON COLUMN @registry@.enrollment_followup.admissions_after IS 'Hospital-ward episodes started in the after window';
COMMENT ON COLUMN @registry@.enrollment_followup.ed_visits_before IS 'Emergency-department episodes in the before window';
COMMENT ON COLUMN @registry@.enrollment_followup.ed_visits_after IS 'Emergency-department episodes in the after window';
COMMENT ON COLUMN @registry@.enrollment_followup.bed_days_before IS 'Inpatient bed days of the admissions in the before window (greatest(end - start, 1); ongoing stays to the last date of the data), the index stay left out';
COMMENT ON COLUMN @registry@.enrollment_followup.bed_days_after IS 'Inpatient bed days of the admissions in the after window';

-- Rates per patient-year, so that short after-windows compare fairly.
CREATE VIEW @registry@.enrollment_followup_by_unit WITH (security_invoker = true) AS
SELECT t.unit_id,
	   t.unit_name,
	   t.org_code,
	   t.unit_form,
	   t.unit_form::text AS unit_form_text,
	   t.patients,
	   round(t.before_years, 2) AS before_years,
	   round(t.after_years, 2) AS after_years,
	   t.admissions_before,
	   t.admissions_after,
	   round(t.admissions_before / nullif(t.before_years, 0::numeric), 2) AS admissions_per_year_before,
	   round(t.admissions_after / nullif(t.after_years, 0::numeric), 2) AS admissions_per_year_after,
	   round(t.admissions_after / nullif(t.after_years, 0::numeric)
			 / nullif(t.admissions_before / nullif(t.before_years, 0::numeric), 0::numeric) - 1::numeric, 3) AS admissions_change,
	   t.ed_visits_before,
	   t.ed_visits_after,
	   round(t.ed_visits_after / nullif(t.after_years, 0::numeric)
			 / nullif(t.ed_visits_before / nullif(t.before_years, 0::numeric), 0::numeric) - 1::numeric, 3) AS ed_visits_change,
	   t.bed_days_before,
	   t.bed_days_after,
	   round(t.bed_days_after / nullif(t.after_years, 0::numeric)
			 / nullif(t.bed_days_before / nullif(t.before_years, 0::numeric), 0::numeric) - 1::numeric, 3) AS bed_days_change
FROM (SELECT f.unit_id, u.name AS unit_name, u.org_code, u.unit_form,
			 count(*) AS patients,
			 sum(f.before_days)::numeric / 365.0 AS before_years,
			 sum(f.after_days)::numeric / 365.0 AS after_years,
			 sum(f.admissions_before) AS admissions_before,
			 sum(f.admissions_after) AS admissions_after,
			 sum(f.ed_visits_before) AS ed_visits_before,
			 sum(f.ed_visits_after) AS ed_visits_after,
			 sum(f.bed_days_before) AS bed_days_before,
			 sum(f.bed_days_after) AS bed_days_after
	  FROM @registry@.enrollment_followup f
	  JOIN @registry@.unit u ON u.unit_id = f.unit_id
	  GROUP BY f.unit_id, u.name, u.org_code, u.unit_form) t;

COMMENT ON VIEW @registry@.enrollment_followup_by_unit IS
	'Per unit: the patients it enrolled, their admissions, emergency visits and bed days per patient-year before and after enrollment, and the relative change (-0.6 is 60% fewer)';
COMMENT ON COLUMN @registry@.enrollment_followup_by_unit.unit_id IS 'Unit';
COMMENT ON COLUMN @registry@.enrollment_followup_by_unit.unit_name IS 'Name of the unit';
COMMENT ON COLUMN @registry@.enrollment_followup_by_unit.org_code IS 'Organisation that runs the unit';
COMMENT ON COLUMN @registry@.enrollment_followup_by_unit.unit_form IS 'Mobile care form of the unit, as registered';
COMMENT ON COLUMN @registry@.enrollment_followup_by_unit.unit_form_text IS 'unit_form as text';
COMMENT ON COLUMN @registry@.enrollment_followup_by_unit.patients IS 'Patients enrolled with the unit';
COMMENT ON COLUMN @registry@.enrollment_followup_by_unit.before_years IS 'Patient-years observed before enrollment';
COMMENT ON COLUMN @registry@.enrollment_followup_by_unit.after_years IS 'Patient-years observed after enrollment';
COMMENT ON COLUMN @registry@.enrollment_followup_by_unit.admissions_before IS 'Hospital admissions before enrollment';
COMMENT ON COLUMN @registry@.enrollment_followup_by_unit.admissions_after IS 'Hospital admissions after enrollment';
COMMENT ON COLUMN @registry@.enrollment_followup_by_unit.admissions_per_year_before IS 'Admissions per patient-year before enrollment';
COMMENT ON COLUMN @registry@.enrollment_followup_by_unit.admissions_per_year_after IS 'Admissions per patient-year after enrollment';
COMMENT ON COLUMN @registry@.enrollment_followup_by_unit.admissions_change IS 'Relative change of the admission rate after enrollment (after / before - 1); NULL without admissions before or time after';
COMMENT ON COLUMN @registry@.enrollment_followup_by_unit.ed_visits_before IS 'Emergency visits before enrollment';
COMMENT ON COLUMN @registry@.enrollment_followup_by_unit.ed_visits_after IS 'Emergency visits after enrollment';
COMMENT ON COLUMN @registry@.enrollment_followup_by_unit.ed_visits_change IS 'Relative change of the emergency-visit rate after enrollment';
COMMENT ON COLUMN @registry@.enrollment_followup_by_unit.bed_days_before IS 'Inpatient bed days before enrollment';
COMMENT ON COLUMN @registry@.enrollment_followup_by_unit.bed_days_after IS 'Inpatient bed days after enrollment';
COMMENT ON COLUMN @registry@.enrollment_followup_by_unit.bed_days_change IS 'Relative change of the bed-day rate after enrollment';

-- ---------------------------------------------------------------------------
-- The weekly risk list
-- ---------------------------------------------------------------------------

-- A criterion is met when all its conditions hold; a threshold of 0 (or
-- requires_home_care false) is no condition.
CREATE TABLE @registry@.priority_criterion (
	criterion text PRIMARY KEY
		CONSTRAINT priority_criterion_name_is_simple CHECK (criterion ~ '^[a-z0-9_]+$'),
	description text NOT NULL,
	min_age integer NOT NULL DEFAULT 0
		CONSTRAINT priority_criterion_min_age_not_negative CHECK (min_age >= 0),
	min_admissions integer NOT NULL DEFAULT 0
		CONSTRAINT priority_criterion_min_admissions_not_negative CHECK (min_admissions >= 0),
	min_ed_visits integer NOT NULL DEFAULT 0
		CONSTRAINT priority_criterion_min_ed_visits_not_negative CHECK (min_ed_visits >= 0),
	min_bed_days integer NOT NULL DEFAULT 0
		CONSTRAINT priority_criterion_min_bed_days_not_negative CHECK (min_bed_days >= 0),
	requires_home_care boolean NOT NULL DEFAULT false,
	active boolean NOT NULL DEFAULT true,
	sex text
		CONSTRAINT priority_criterion_sex_is_f_m_or_x CHECK (sex IN ('F', 'M', 'X')),
	diagnosis_groups text[]
		CONSTRAINT priority_criterion_diagnosis_groups_are_icd10
		CHECK (pg_catalog.array_to_string(diagnosis_groups, ',')
			   ~ '^[A-Z][0-9A-Z.]{0,5}(,[A-Z][0-9A-Z.]{0,5})*$'),
	min_readmissions integer NOT NULL DEFAULT 0
		CONSTRAINT priority_criterion_min_readmissions_not_negative CHECK (min_readmissions >= 0),
	CONSTRAINT priority_criterion_needs_care_use
		CHECK (min_admissions > 0 OR min_ed_visits > 0 OR min_bed_days > 0 OR requires_home_care
			   OR min_readmissions > 0)
);
COMMENT ON TABLE @registry@.priority_criterion IS
	'Criteria for the risk list of severely ill, chronically unstable patients (priority_patients): a patient is listed when all conditions of at least one active criterion hold. The shipped rows are a starting point for the region to edit, not a validated model.';
COMMENT ON COLUMN @registry@.priority_criterion.criterion IS 'Name of the criterion (key), shown as the reason a patient was listed';
COMMENT ON COLUMN @registry@.priority_criterion.description IS 'What the criterion means, in words';
COMMENT ON COLUMN @registry@.priority_criterion.min_age IS 'Age on the list date (whole years by the birth date) at least this; 0 for any age';
COMMENT ON COLUMN @registry@.priority_criterion.min_admissions IS 'Hospital admissions (hospital-ward episodes) in the 12 months up to the list date at least this; 0 for no condition';
COMMENT ON COLUMN @registry@.priority_criterion.min_ed_visits IS 'Emergency-department episodes in the 12 months at least this; 0 for no condition';
COMMENT ON COLUMN @registry@.priority_criterion.min_bed_days IS 'Inpatient bed days of the admissions in the 12 months at least this; 0 for no condition';
COMMENT ON COLUMN @registry@.priority_criterion.requires_home_care IS 'Only patients with care at home ongoing on the list date';
COMMENT ON COLUMN @registry@.priority_criterion.active IS 'Whether the criterion is used';
COMMENT ON COLUMN @registry@.priority_criterion.sex IS 'Only patients of this sex (F, M or X); NULL for any';
COMMENT ON COLUMN @registry@.priority_criterion.diagnosis_groups IS 'Only patients with a diagnosis (main or other, of an episode in the 12 months) that starts with one of these ICD-10-SE prefixes (I50, J44, C); NULL for any';
COMMENT ON COLUMN @registry@.priority_criterion.min_readmissions IS 'Unplanned ward admissions in the 12 months within 30 days of a ward discharge at least this; 0 for no condition';

-- The criteria mobilvard ships: a starting point modelled on the criteria
-- regions use (age, admissions, emergency visits, home care), not a
-- validated model.
INSERT INTO @registry@.priority_criterion (criterion, description, min_age, min_admissions,
		min_ed_visits, min_bed_days, requires_home_care, active) VALUES
	('repeated_admissions_75plus', 'Aged 75 or more with at least two hospital admissions in 12 months',
	 75, 2, 0, 0, false, true),
	('frequent_admissions', 'At least three hospital admissions in 12 months', 0, 3, 0, 0, false, true),
	('frequent_emergency_visits', 'Aged 65 or more with at least three emergency visits in 12 months',
	 65, 0, 3, 0, false, true),
	('home_care_and_admission', 'Cared for at home and admitted to hospital at least once in 12 months',
	 0, 1, 0, 0, true, true),
	('long_inpatient_stays', 'At least 30 inpatient bed days in 12 months', 0, 0, 0, 30, false, true);
INSERT INTO @registry@.priority_criterion (criterion, description, min_age, min_admissions,
		min_ed_visits, min_bed_days, requires_home_care, active, diagnosis_groups, min_readmissions) VALUES
	('heart_failure_or_copd_admitted',
	 'Aged 65 or more, admitted to hospital in 12 months, with heart failure or COPD',
	 65, 1, 0, 0, false, true, '{I50,J44}'::text[], 0),
	('readmitted_75plus', 'Aged 75 or more and readmitted within 30 days of a discharge in 12 months',
	 75, 0, 0, 0, false, true, NULL, 1);

-- A standard SQL body: operators and tables are bound when the registry is
-- made, not looked up in the caller's search_path; the planner still
-- inlines it, so a caller's filter (e.g. on municipality_code) reaches it.
CREATE FUNCTION @registry@.priority_patients(as_of date, listed_with text DEFAULT NULL)
	RETURNS TABLE (
		patient_id bigint,
		age integer,
		sex text,
		municipality_code text,
		admissions bigint,
		ed_visits bigint,
		bed_days bigint,
		home_care boolean,
		criteria text[],
		reasons text,
		readmissions bigint,
		listing_unit_id text)
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	WITH hospital AS (
		SELECT e.patient_id,
			   count(*) FILTER (WHERE e.setting = 'hospital_ward') AS admissions,
			   count(*) FILTER (WHERE e.setting = 'emergency_department') AS ed_visits,
			   coalesce(sum(greatest(least(coalesce(e.end_date, as_of), as_of) - e.start_date, 1))
						FILTER (WHERE e.setting = 'hospital_ward'), 0) AS bed_days
		FROM @registry@.episode e
		WHERE e.start_date > (as_of - interval '1 year')::date AND e.start_date <= as_of
		  AND e.setting IN ('hospital_ward', 'emergency_department')
		  -- an infinite date has no year: 22008, as for the ages
		  AND @extschema@._year_of(as_of) IS NOT NULL
		GROUP BY e.patient_id
	),
	-- Unplanned ward admissions within 30 days of a ward discharge (not to
	-- death), and the diagnoses of the 12 months' episodes.
	readmitted AS (
		SELECT r.patient_id, count(*) AS readmissions
		FROM @registry@.episode r
		WHERE r.setting = 'hospital_ward'
		  AND r.start_date > (as_of - interval '1 year')::date AND r.start_date <= as_of
		  AND r.admission_route IS DISTINCT FROM 'planned' AND r.admission_route IS DISTINCT FROM 'transfer'
		  AND EXISTS (SELECT FROM @registry@.episode i
					  WHERE i.patient_id = r.patient_id AND i.setting = 'hospital_ward'
						AND i.end_date >= r.start_date - 30 AND i.end_date < r.start_date
						AND i.discharge_destination IS DISTINCT FROM 'death')
		GROUP BY r.patient_id
	),
	diagnosed AS (
		SELECT e.patient_id,
			   pg_catalog.array_agg(DISTINCT d.code) AS diagnoses
		FROM @registry@.episode e
		CROSS JOIN LATERAL pg_catalog.unnest(ARRAY[e.main_diagnosis] OPERATOR(pg_catalog.||) e.other_diagnoses) d(code)
		WHERE e.start_date > (as_of - interval '1 year')::date AND e.start_date <= as_of
		  AND d.code IS NOT NULL
		GROUP BY e.patient_id
	),
	at_home AS (
		SELECT DISTINCT e.patient_id
		FROM @registry@.episode e
		WHERE @extschema@.is_home(e.setting)
		  AND e.start_date <= as_of AND (e.end_date IS NULL OR e.end_date >= as_of)
	),
	candidate AS (
		SELECT p.patient_id, p.sex, p.municipality_code,
			   @extschema@._age_on(p.birth_date, p.birth_year, as_of) AS age,
			   coalesce(h.admissions, 0) AS admissions,
			   coalesce(h.ed_visits, 0) AS ed_visits,
			   coalesce(h.bed_days, 0) AS bed_days,
			   a.patient_id IS NOT NULL AS home_care,
			   coalesce(r.readmissions, 0) AS readmissions,
			   g.diagnoses,
			   l.unit_id AS listing_unit_id
		FROM (SELECT hospital.patient_id FROM hospital UNION SELECT at_home.patient_id FROM at_home) k
		JOIN @registry@.patient p
		  ON p.patient_id = k.patient_id AND (p.death_date IS NULL OR p.death_date > as_of)
		LEFT JOIN hospital h ON h.patient_id = k.patient_id
		LEFT JOIN at_home a ON a.patient_id = k.patient_id
		LEFT JOIN readmitted r ON r.patient_id = k.patient_id
		LEFT JOIN diagnosed g ON g.patient_id = k.patient_id
		LEFT JOIN @registry@.patient_listing l
		  ON l.patient_id = k.patient_id AND l.valid OPERATOR(pg_catalog.@>) as_of
		WHERE listed_with IS NULL OR l.unit_id = listed_with
	)
	SELECT c.patient_id, c.age, c.sex, c.municipality_code, c.admissions, c.ed_visits, c.bed_days,
		   c.home_care,
		   pg_catalog.array_agg(r.criterion ORDER BY r.criterion),
		   string_agg(r.description, '; ' ORDER BY r.criterion),
		   c.readmissions, c.listing_unit_id
	FROM candidate c
	JOIN @registry@.priority_criterion r
	  ON r.active
	 AND coalesce(c.age, 0) >= r.min_age
	 AND c.admissions >= r.min_admissions
	 AND c.ed_visits >= r.min_ed_visits
	 AND c.bed_days >= r.min_bed_days
	 AND (c.home_care OR NOT r.requires_home_care)
	 AND c.readmissions >= r.min_readmissions
	 AND (r.sex IS NULL OR r.sex = c.sex)
	 AND (r.diagnosis_groups IS NULL
		  OR EXISTS (SELECT FROM pg_catalog.unnest(c.diagnoses) d(code), pg_catalog.unnest(r.diagnosis_groups) p(prefix)
					 WHERE pg_catalog.starts_with(d.code, p.prefix)))
	GROUP BY c.patient_id, c.age, c.sex, c.municipality_code, c.admissions, c.ed_visits, c.bed_days,
			 c.home_care, c.readmissions, c.listing_unit_id;
END;
COMMENT ON FUNCTION @registry@.priority_patients(date, text) IS
	'The risk list on a date: living patients meeting at least one active priority_criterion (age, sex, admissions, readmissions, emergency visits, bed days, diagnoses, care at home), with their age, hospital use in the 12 months up to the date, readmissions, whether they are cared for at home on it, the primary-care unit they are listed with, and the criteria (and their descriptions) that listed them. The weekly list a primary-care centre fetches: listed_with gives only the patients listed with that unit on the date.';

-- ---------------------------------------------------------------------------
-- A comparison group for the follow-up
-- ---------------------------------------------------------------------------

-- The patients who were as ill and not enrolled: for each unit and month
-- with enrolments, those on the risk list (priority_patients) on the first
-- day of the month who were never enrolled, followed around that day by the
-- same windows and rules as the enrolled (_care_around; censored at death
-- and at the end of the data).  The difference in differences is the change
-- in events per patient-year of the enrolled minus that of the comparison
-- group.  One risk list per month is computed, so this is a function to
-- call, not a view to browse.
CREATE FUNCTION @registry@.enrollment_comparison()
	RETURNS TABLE (unit_id text, patients bigint, comparison_patients bigint,
				   admissions_per_year_before numeric, admissions_per_year_after numeric,
				   comparison_admissions_per_year_before numeric, comparison_admissions_per_year_after numeric,
				   admissions_did numeric, ed_visits_did numeric, bed_days_did numeric)
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
WITH data_span AS (
	SELECT (SELECT min(start_date) FROM @registry@.episode) AS first_date,
		   (SELECT max(start_date) FROM @registry@.episode) AS last_date
),
enrolled AS (
	SELECT f.unit_id, pg_catalog.count(*) AS patients,
		   sum(f.before_days)::numeric / 365::numeric AS before_years, sum(f.after_days)::numeric / 365::numeric AS after_years,
		   sum(f.admissions_before) AS admissions_before, sum(f.admissions_after) AS admissions_after,
		   sum(f.ed_visits_before) AS ed_visits_before, sum(f.ed_visits_after) AS ed_visits_after,
		   sum(f.bed_days_before) AS bed_days_before, sum(f.bed_days_after) AS bed_days_after
	FROM @registry@.enrollment_followup f
	GROUP BY f.unit_id
),
anchor AS (
	SELECT DISTINCT f.unit_id, @extschema@._month_of(f.enrollment_date) AS on_date
	FROM @registry@.enrollment_followup f
),
listed AS (
	SELECT a.on_date, q.patient_id
	FROM (SELECT DISTINCT anchor.on_date FROM anchor) a
	CROSS JOIN LATERAL @registry@.priority_patients(a.on_date) q
	WHERE NOT EXISTS (SELECT FROM @registry@.enrollment_followup f WHERE f.patient_id = q.patient_id)
),
compared AS (
	SELECT a.unit_id, pg_catalog.count(DISTINCT l.patient_id) AS patients,
		   sum(w.before_days)::numeric / 365::numeric AS before_years, sum(w.after_days)::numeric / 365::numeric AS after_years,
		   sum(c.admissions_before) AS admissions_before, sum(c.admissions_after) AS admissions_after,
		   sum(c.ed_visits_before) AS ed_visits_before, sum(c.ed_visits_after) AS ed_visits_after,
		   sum(c.bed_days_before) AS bed_days_before, sum(c.bed_days_after) AS bed_days_after
	FROM anchor a
	JOIN listed l ON l.on_date = a.on_date
	JOIN @registry@.patient p ON p.patient_id = l.patient_id
	CROSS JOIN data_span s
	CROSS JOIN LATERAL (
		SELECT least(365, a.on_date - s.first_date + 1) AS before_days,
			   greatest(0, least(365, s.last_date - a.on_date, p.death_date - a.on_date)) AS after_days
	) w
	CROSS JOIN LATERAL @registry@._care_around(l.patient_id, a.on_date, w.before_days, w.after_days,
												NULL, s.last_date) c
	GROUP BY a.unit_id
)
SELECT e.unit_id, e.patients, coalesce(c.patients, 0),
	   round(e.admissions_before / nullif(e.before_years, 0::numeric), 2),
	   round(e.admissions_after / nullif(e.after_years, 0::numeric), 2),
	   round(c.admissions_before / nullif(c.before_years, 0::numeric), 2),
	   round(c.admissions_after / nullif(c.after_years, 0::numeric), 2),
	   round((e.admissions_after / nullif(e.after_years, 0::numeric) - e.admissions_before / nullif(e.before_years, 0::numeric))
			 - (c.admissions_after / nullif(c.after_years, 0::numeric) - c.admissions_before / nullif(c.before_years, 0::numeric)), 2),
	   round((e.ed_visits_after / nullif(e.after_years, 0::numeric) - e.ed_visits_before / nullif(e.before_years, 0::numeric))
			 - (c.ed_visits_after / nullif(c.after_years, 0::numeric) - c.ed_visits_before / nullif(c.before_years, 0::numeric)), 2),
	   round((e.bed_days_after / nullif(e.after_years, 0::numeric) - e.bed_days_before / nullif(e.before_years, 0::numeric))
			 - (c.bed_days_after / nullif(c.after_years, 0::numeric) - c.bed_days_before / nullif(c.before_years, 0::numeric)), 2)
FROM enrolled e
LEFT JOIN compared c ON c.unit_id = e.unit_id
ORDER BY e.unit_id;
END;
COMMENT ON FUNCTION @registry@.enrollment_comparison() IS
	'Per enrolling unit: the enrolled patients'' admissions per patient-year before and after enrollment beside those of a comparison group (patients on the risk list on the first day of an enrolment month who were never enrolled, followed around that day by the same rules), and the differences in differences of admissions, emergency visits and bed days per patient-year (negative: the enrolled improved more)';
