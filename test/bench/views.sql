-- Benchmark queries for test/bench/views.sh, on a database with the
-- synthetic county in the registry "registry".  psql variable runs: timed
-- runs of each query (round robin, the best run counts).
--
-- Each view is queried as an analyst or a BI tool queries it, beside the
-- plain SQL an analyst would write by hand over the same tables (the peer:
-- the classification's nine rules as CASE expressions, the follow-up as
-- joins and GROUP BY, care periods as gaps and islands, readmissions as a
-- window, the bed census as every stay expanded into its days) and a
-- built-in floor over the same rows.  charge_split's floor is sum() OVER the windows the
-- view computes; one patient's and one family's fees are timed by
-- themselves (target: under 50 ms).  Then each view again as a national
-- role and as the region's role, under row-level security (target: within
-- 1.3x the owner's time).  Parallel query is off: one core is a fairer
-- yardstick on a shared machine.

\set ON_ERROR_STOP 1
\if :{?runs}
\else
\set runs 3
\endif
SET search_path = registry, mobilvard, public;
SET max_parallel_workers_per_gather = 0;
SET client_min_messages = warning;

-- The peers, in a schema of their own.
DROP SCHEMA IF EXISTS bench_peer CASCADE;
CREATE SCHEMA bench_peer;

-- The nine rules as an analyst writes them in SQL (care_form's CASE once,
-- in a LATERAL list that the planner folds in, as the view does).
CREATE VIEW bench_peer.episode_classified AS
SELECT e.episode_id, e.patient_id, e.unit_id, u.name AS unit_name, u.org_code, o.name AS organisation,
	   u.unit_form, e.setting, e.reported_inpatient, e.start_date, e.end_date, e.preceding_discharge,
	   e.setting IN ('ordinary_home', 'special_housing', 'short_term_housing') AS home_based,
	   f.care_form,
	   u.unit_level AS care_level,
	   u.unit_level = ANY (mobilvard.permitted_levels(f.care_form)) AS consistent,
	   i.inpatient_equivalent,
	   CASE WHEN f.care_form = 'hospital_at_home' THEN
			CASE WHEN e.start_date - e.preceding_discharge IN (0, 1) THEN 'early_supported_discharge'
				 ELSE 'admission_avoidance' END END AS hah_pathway,
	   e.reported_inpatient <> i.inpatient_equivalent AS reporting_mismatch,
	   CASE WHEN u.unit_level = 'municipal_primary' THEN 'municipality' ELSE 'region' END AS principal,
	   CASE WHEN i.inpatient_equivalent AND e.setting IN ('ordinary_home', 'special_housing', 'short_term_housing')
				 AND e.end_date IS NOT NULL
			THEN greatest(e.end_date - e.start_date, 1) END AS home_bed_days
FROM registry.episode e
JOIN registry.unit u ON u.unit_id = e.unit_id
JOIN registry.organisation o ON o.org_code = u.org_code
CROSS JOIN LATERAL (
	SELECT CASE WHEN e.setting IN ('hospital_ward', 'emergency_department', 'outpatient_clinic') THEN 'none'
				WHEN e.setting = 'prehospital' THEN 'other_mobile'
				WHEN e.setting = 'remote' OR u.unit_form <> 'none' THEN u.unit_form
				WHEN u.unit_level = 'specialised_inpatient' THEN 'hospital_at_home'
				WHEN u.unit_level = 'specialised_outpatient' THEN 'mobile_specialist_team'
				WHEN u.unit_level = 'regional_primary' THEN 'mobile_primary_care'
				ELSE 'municipal_health_team' END::mobilvard.care_form AS care_form) f
CROSS JOIN LATERAL (
	SELECT e.setting = 'hospital_ward' OR f.care_form = 'hospital_at_home' AS inpatient_equivalent) i;

CREATE VIEW bench_peer.monthly_activity AS
SELECT date_trunc('month', ec.start_date::timestamp)::date AS month, ec.org_code, o.name AS organisation,
	   ec.care_form, ec.care_level, ec.setting,
	   count(*) AS episodes, count(DISTINCT ec.patient_id) AS patients,
	   coalesce(sum(ec.home_bed_days), 0) AS home_bed_days,
	   count(*) FILTER (WHERE ec.inpatient_equivalent) AS inpatient_equivalent_episodes,
	   count(*) FILTER (WHERE ec.reporting_mismatch) AS reporting_mismatches
FROM bench_peer.episode_classified ec
JOIN registry.organisation o ON o.org_code = ec.org_code
GROUP BY 1, ec.org_code, o.name, ec.care_form, ec.care_level, ec.setting;

-- The follow-up as joins and GROUP BY: the index stay (discharged on
-- preceding_discharge, or admitted on the enrolment date) left out, the
-- after window ended at death.
CREATE VIEW bench_peer.enrollment_followup AS
WITH span AS (
	SELECT min(start_date) AS first_date, max(start_date) AS last_date FROM registry.episode),
enrollment AS (
	SELECT DISTINCT ON (ec.patient_id) ec.patient_id, ec.episode_id, ec.unit_id, ec.care_form, ec.start_date,
		   ec.preceding_discharge,
		   least(365, ec.start_date - s.first_date + 1) AS before_days,
		   greatest(0, least(365, s.last_date - ec.start_date, p.death_date - ec.start_date)) AS after_days
	FROM bench_peer.episode_classified ec
	CROSS JOIN span s
	JOIN registry.patient p ON p.patient_id = ec.patient_id
	WHERE ec.care_form IN ('community_care_team', 'specialised_home_care', 'hospital_at_home')
	ORDER BY ec.patient_id, ec.start_date, ec.episode_id)
SELECT n.patient_id, n.episode_id AS enrollment_episode_id, n.unit_id, n.care_form, n.start_date AS enrollment_date,
	   n.before_days, n.after_days,
	   count(e.*) FILTER (WHERE e.setting = 'hospital_ward' AND e.start_date <= n.start_date) AS admissions_before,
	   count(e.*) FILTER (WHERE e.setting = 'hospital_ward' AND e.start_date > n.start_date) AS admissions_after,
	   count(e.*) FILTER (WHERE e.setting = 'emergency_department' AND e.start_date <= n.start_date) AS ed_visits_before,
	   count(e.*) FILTER (WHERE e.setting = 'emergency_department' AND e.start_date > n.start_date) AS ed_visits_after,
	   coalesce(sum(greatest(coalesce(e.end_date, s.last_date) - e.start_date, 1))
				FILTER (WHERE e.setting = 'hospital_ward' AND e.start_date <= n.start_date), 0) AS bed_days_before,
	   coalesce(sum(greatest(coalesce(e.end_date, s.last_date) - e.start_date, 1))
				FILTER (WHERE e.setting = 'hospital_ward' AND e.start_date > n.start_date), 0) AS bed_days_after
FROM enrollment n
CROSS JOIN span s
LEFT JOIN registry.episode e
	   ON e.patient_id = n.patient_id
	  AND e.start_date > n.start_date - n.before_days AND e.start_date <= n.start_date + n.after_days
	  AND e.setting IN ('hospital_ward', 'emergency_department')
	  AND NOT coalesce(e.setting = 'hospital_ward'
					   AND (e.start_date = n.start_date OR e.end_date = n.preceding_discharge), false)
GROUP BY n.patient_id, n.episode_id, n.unit_id, n.care_form, n.start_date, n.before_days, n.after_days;

-- Care periods as gaps and islands.
CREATE VIEW bench_peer.care_period AS
SELECT patient_id, unit_id, min(contact_date) AS period_start, max(contact_date) AS period_end,
	   max(contact_date) - min(contact_date) + 1 AS days, count(*) AS contacts,
	   count(*) FILTER (WHERE mode = 'physical') AS physical_visits,
	   count(*) FILTER (WHERE mode <> 'physical') AS remote_contacts
FROM (SELECT patient_id, unit_id, contact_date, mode,
			 sum(CASE WHEN contact_date - prev <= 30 THEN 0 ELSE 1 END)
				 OVER (PARTITION BY patient_id, unit_id ORDER BY contact_date ROWS UNBOUNDED PRECEDING) AS island
	  FROM (SELECT patient_id, unit_id, contact_date, mode,
				   lag(contact_date) OVER (PARTITION BY patient_id, unit_id ORDER BY contact_date
										   ROWS UNBOUNDED PRECEDING) AS prev
			FROM registry.contact) a) b
GROUP BY patient_id, unit_id, island;

-- Readmissions with a window over each patient's discharges and unplanned
-- admissions in date order (an admission on the day of a discharge sorts
-- before it, so the next one found is strictly later), instead of the
-- view's look-up of the first admission per discharge.
CREATE VIEW bench_peer.readmission_by_month AS
WITH data_end AS (
	SELECT max(start_date) AS last_date FROM registry.episode
),
event AS (
	SELECT i.patient_id, i.end_date AS day, 1 AS is_discharge, i.unit_id, i.org_code, i.care_form
	FROM bench_peer.episode_classified i
	JOIN registry.episode x ON x.episode_id = i.episode_id
	WHERE i.inpatient_equivalent AND i.end_date IS NOT NULL
	  AND x.discharge_destination IS DISTINCT FROM 'death'
	UNION ALL
	SELECT e.patient_id, e.start_date, 0, NULL, NULL, NULL
	FROM registry.episode e
	WHERE e.setting = 'hospital_ward'
	  AND e.admission_route IS DISTINCT FROM 'planned' AND e.admission_route IS DISTINCT FROM 'transfer'
),
next_admission AS (
	SELECT v.*, min(v.day) FILTER (WHERE v.is_discharge = 0)
				   OVER (PARTITION BY v.patient_id ORDER BY v.day, v.is_discharge
						 ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING) AS next_day
	FROM event v
)
SELECT n.unit_id, n.org_code, n.care_form, date_trunc('month', n.day::timestamp)::date AS month,
	   count(*) AS discharges, count(*) FILTER (WHERE n.next_day <= n.day + 30) AS readmissions
FROM next_admission n CROSS JOIN data_end d
WHERE n.is_discharge = 1 AND n.day + 30 <= d.last_date
GROUP BY 1, 2, 3, 4;

-- The bed census as an analyst first writes it: every stay expanded into
-- its days, counted per organisation and month.
CREATE VIEW bench_peer.bed_census_by_month AS
WITH span AS (
	SELECT min(start_date) AS first_date, max(start_date) AS last_date FROM registry.episode
)
SELECT ec.org_code, date_trunc('month', d.day)::date AS month,
	   count(*) FILTER (WHERE ec.setting = 'hospital_ward') AS ward_bed_days,
	   count(*) FILTER (WHERE ec.setting <> 'hospital_ward' AND ec.care_form = 'hospital_at_home')
		   AS hospital_at_home_days,
	   count(*) FILTER (WHERE ec.setting <> 'hospital_ward' AND ec.care_form = 'specialised_home_care')
		   AS specialised_home_care_days
FROM bench_peer.episode_classified ec
CROSS JOIN span s
CROSS JOIN LATERAL generate_series(ec.start_date::timestamp,
								   (greatest(coalesce(ec.end_date, s.last_date + 1), ec.start_date + 1) - 1)::timestamp,
								   '1 day') d(day)
WHERE (ec.setting = 'hospital_ward'
	   OR (ec.home_based AND ec.care_form IN ('hospital_at_home', 'specialised_home_care')))
  AND d.day <= s.last_date
GROUP BY 1, 2;

VACUUM ANALYZE episode;
VACUUM ANALYZE contact;
VACUUM ANALYZE charge;

-- The patient and the family whose fees are looked up: the family with the
-- most charges of its children, and its first member.
SELECT p.family_id AS family, min(p.patient_id) AS family_member
FROM patient p JOIN charge c USING (patient_id)
WHERE p.family_id IS NOT NULL
GROUP BY p.family_id ORDER BY count(*) DESC, p.family_id LIMIT 1 \gset
SELECT patient_id AS patient FROM charge GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1 \gset

\echo
\echo '== The peers agree with the views (rows compared, rows that differ)'
SELECT (SELECT count(*) FROM (SELECT * FROM episode_classified ec
							  EXCEPT ALL SELECT e.episode_id, e.patient_id, e.unit_id, e.unit_name, e.org_code,
									 e.organisation, e.unit_form, e.unit_form::text, e.setting, e.setting::text,
									 e.reported_inpatient, e.start_date, e.end_date, e.preceding_discharge,
									 e.home_based, e.care_form, e.care_form::text, e.care_level, e.care_level::text,
									 e.consistent, e.inpatient_equivalent, e.hah_pathway, e.reporting_mismatch,
									 e.principal, e.home_bed_days,
									 mobilvard.fhir_encounter_class(e.setting, e.inpatient_equivalent),
									 mobilvard.omop_visit_concept_id(e.setting, e.inpatient_equivalent)
							  FROM bench_peer.episode_classified e) d) AS classified_differs,
	   (SELECT count(*) FROM (SELECT month, org_code, care_form, care_level, setting, episodes, patients,
									 home_bed_days, inpatient_equivalent_episodes, reporting_mismatches
							  FROM monthly_activity
							  EXCEPT ALL SELECT month, org_code, care_form, care_level, setting, episodes, patients,
									 home_bed_days, inpatient_equivalent_episodes, reporting_mismatches
							  FROM bench_peer.monthly_activity) d) AS monthly_differs,
	   (SELECT count(*) FROM (SELECT patient_id, enrollment_episode_id, unit_id, care_form, enrollment_date,
									 before_days, after_days, admissions_before, admissions_after, ed_visits_before,
									 ed_visits_after, bed_days_before, bed_days_after
							  FROM enrollment_followup
							  EXCEPT ALL SELECT * FROM bench_peer.enrollment_followup) d) AS followup_differs,
	   (SELECT count(*) FROM (SELECT * FROM care_period EXCEPT ALL SELECT * FROM bench_peer.care_period) d)
		   AS periods_differ,
	   (SELECT count(*) FROM (SELECT unit_id, org_code, care_form, month, discharges, readmissions
							  FROM readmission_by_month
							  EXCEPT ALL SELECT * FROM bench_peer.readmission_by_month) d) AS readmissions_differ,
	   (SELECT count(*) FROM (SELECT org_code, month, ward_bed_days, hospital_at_home_days, specialised_home_care_days
							  FROM bed_census_by_month
							  WHERE ward_bed_days + hospital_at_home_days + specialised_home_care_days > 0
							  EXCEPT ALL SELECT * FROM bench_peer.bed_census_by_month) d) AS census_differs \gset
\echo 'episode_classified:' :classified_differs 'rows differ; monthly_activity:' :monthly_differs '; enrollment_followup:' :followup_differs '; care_period:' :periods_differ '; readmission_by_month:' :readmissions_differ '; bed_census_by_month:' :census_differs
SELECT :classified_differs + :monthly_differs + :followup_differs + :periods_differ
	   + :readmissions_differ + :census_differs = 0 AS peers_agree \gset
\if :peers_agree
\else
DO $$ BEGIN RAISE EXCEPTION 'a peer disagrees with its view: the comparison is void'; END $$;
\endif

CREATE TEMP TABLE bench_query (id integer PRIMARY KEY, topic text, name text, role text, target text, query text);
INSERT INTO bench_query VALUES
(1, 'classified: count(*)', 'episode_classified', 'extension', NULL,
	$q$SELECT count(*) FROM episode_classified$q$),
(2, 'classified: count(*)', 'plain-SQL CASE view', 'peer', 'extension <= 1.2x the peer',
	$q$SELECT count(*) FROM bench_peer.episode_classified$q$),
(3, 'classified: count(*)', 'floor: the joins', 'floor', NULL,
	$q$SELECT count(*) FROM episode e JOIN unit u ON u.unit_id = e.unit_id JOIN organisation o ON o.org_code = u.org_code$q$),
(4, 'classified: report', 'episode_classified', 'extension', NULL,
	$q$SELECT count(*), sum(b) FROM (SELECT care_form, hah_pathway, count(*), sum(home_bed_days) AS b
									FROM episode_classified GROUP BY 1, 2) r$q$),
(5, 'classified: report', 'plain-SQL CASE view', 'peer', 'extension <= 1.2x the peer',
	$q$SELECT count(*), sum(b) FROM (SELECT care_form, hah_pathway, count(*), sum(home_bed_days) AS b
									FROM bench_peer.episode_classified GROUP BY 1, 2) r$q$),
(6, 'classified: report', 'floor: GROUP BY the unit form', 'floor', NULL,
	$q$SELECT count(*), sum(b) FROM (SELECT u.unit_form, e.setting, count(*), sum(e.end_date - e.start_date) AS b
									FROM episode e JOIN unit u ON u.unit_id = e.unit_id
									JOIN organisation o ON o.org_code = u.org_code GROUP BY 1, 2) r$q$),
(7, 'classified: a care form', 'episode_classified', 'extension', NULL,
	$q$SELECT count(*) FROM episode_classified WHERE care_form = 'hospital_at_home'$q$),
(8, 'classified: a care form', 'plain-SQL CASE view', 'peer', 'extension <= 1.2x the peer',
	$q$SELECT count(*) FROM bench_peer.episode_classified WHERE care_form = 'hospital_at_home'$q$),
(9, 'classified: a care form', 'floor: a unit form', 'floor', NULL,
	$q$SELECT count(*) FROM episode e JOIN unit u ON u.unit_id = e.unit_id JOIN organisation o ON o.org_code = u.org_code
	   WHERE u.unit_form = 'hospital_at_home'$q$),
(10, 'monthly_activity', 'monthly_activity', 'extension', NULL,
	$q$SELECT count(*), sum(episodes), sum(home_bed_days) FROM monthly_activity$q$),
(11, 'monthly_activity', 'GROUP BY over the CASE view', 'peer', 'extension <= 1.2x the peer',
	$q$SELECT count(*), sum(episodes), sum(home_bed_days) FROM bench_peer.monthly_activity$q$),
(12, 'monthly_activity', 'floor: GROUP BY the joins', 'floor', NULL,
	$q$SELECT count(*), sum(n) FROM (SELECT date_trunc('month', e.start_date::timestamp), u.org_code, u.unit_form,
										  u.unit_level, e.setting, count(*) AS n, count(DISTINCT e.patient_id)
								   FROM episode e JOIN unit u ON u.unit_id = e.unit_id
								   JOIN organisation o ON o.org_code = u.org_code GROUP BY 1, 2, 3, 4, 5) r$q$),
(13, 'enrollment_followup', 'enrollment_followup', 'extension', NULL,
	$q$SELECT count(*), sum(admissions_after), sum(bed_days_before) FROM enrollment_followup$q$),
(14, 'enrollment_followup', 'joins and GROUP BY', 'peer', 'extension <= 1.2x the peer',
	$q$SELECT count(*), sum(admissions_after), sum(bed_days_before) FROM bench_peer.enrollment_followup$q$),
(15, 'enrollment_followup', 'floor: GROUP BY patient', 'floor', NULL,
	$q$SELECT count(*), sum(n) FROM (SELECT patient_id, count(*) AS n FROM episode GROUP BY 1) r$q$),
(16, 'care_period', 'care_period', 'extension', NULL,
	$q$SELECT count(*), sum(contacts), sum(days) FROM care_period$q$),
(17, 'care_period', 'gaps and islands', 'peer', 'extension <= 1.2x the peer',
	$q$SELECT count(*), sum(contacts), sum(days) FROM bench_peer.care_period$q$),
(18, 'care_period', 'floor: GROUP BY patient and unit', 'floor', NULL,
	$q$SELECT count(*), sum(n) FROM (SELECT patient_id, unit_id, count(*) AS n FROM contact GROUP BY 1, 2) r$q$),
(19, 'charge_split', 'charge_split', 'extension', NULL,
	$q$SELECT count(*), sum(paid) FROM charge_split$q$),
(20, 'charge_split', 'floor: sum() OVER the same windows', 'floor', 'extension <= 1.5x the floor',
	$q$SELECT count(*), sum(x) FROM (
		SELECT sum(c.list_fee) OVER (PARTITION BY c.patient_id ORDER BY c.charge_date, c.charge_id) AS x
		FROM charge c JOIN organisation o ON o.org_code = c.org_code AND o.principal = 'region'
		JOIN patient p ON p.patient_id = c.patient_id
		WHERE p.family_id IS NULL
		UNION ALL
		SELECT sum(f.s) OVER (PARTITION BY f.patient_id ORDER BY f.charge_date, f.charge_id)
		FROM (SELECT c.*, sum(c.list_fee) OVER (PARTITION BY p.family_id ORDER BY c.charge_date, c.charge_id) AS s
			  FROM charge c JOIN organisation o ON o.org_code = c.org_code AND o.principal = 'region'
			  JOIN patient p ON p.patient_id = c.patient_id
			  WHERE p.family_id IS NOT NULL) f
		UNION ALL
		SELECT sum(s) OVER (PARTITION BY patient_id, org_code ORDER BY charge_date, charge_id)
		FROM (SELECT c.*, sum(c.list_fee) OVER (PARTITION BY c.patient_id, c.org_code, k.category
												ORDER BY c.charge_date, c.charge_id) AS s
			  FROM charge c JOIN charge_kind k ON k.kind = c.kind
			  JOIN organisation o ON o.org_code = c.org_code AND o.principal = 'municipality') m) t$q$),
(21, 'one patient''s fees', 'charge_split', 'extension', 'under 50 ms',
	format($q$SELECT count(*), sum(paid) FROM charge_split WHERE patient_id = %s$q$, :patient)),
(22, 'one patient''s fees', 'patient_fees_by_year', 'peer', 'under 50 ms',
	format($q$SELECT count(*), sum(paid) FROM patient_fees_by_year WHERE patient_id = %s$q$, :patient)),
(23, 'one patient''s fees', 'floor: the charges', 'floor', NULL,
	format($q$SELECT count(*), sum(list_fee) FROM charge WHERE patient_id = %s$q$, :patient)),
(24, 'one family''s fees', 'charge_split', 'extension', 'under 50 ms',
	format($q$SELECT count(*), sum(paid) FROM charge_split WHERE family_id = %s$q$, :family)),
(25, 'one family''s fees', 'charge_split, its members'' ids', 'peer', 'under 50 ms',
	format($q$SELECT count(*), sum(paid) FROM charge_split
			  WHERE patient_id = ANY (ARRAY(SELECT patient_id FROM patient WHERE family_id = %s))$q$, :family)),
(26, 'one family''s fees', 'floor: the charges', 'floor', NULL,
	format($q$SELECT count(*), sum(list_fee) FROM charge
			  WHERE patient_id IN (SELECT patient_id FROM patient WHERE family_id = %s)$q$, :family)),
(27, 'monthly_activity: one month', 'monthly_activity', 'extension', NULL,
	$q$SELECT count(*), sum(episodes) FROM monthly_activity WHERE month = '2025-03-01'$q$),
(28, 'monthly_activity: one month', 'GROUP BY over the CASE view', 'peer', 'extension <= 1.2x the peer',
	$q$SELECT count(*), sum(episodes) FROM bench_peer.monthly_activity WHERE month = '2025-03-01'$q$),
(29, 'monthly_activity: one month', 'floor: the month''s episodes', 'floor', NULL,
	$q$SELECT count(*), count(DISTINCT patient_id) FROM episode
	   WHERE start_date >= '2025-03-01' AND start_date < '2025-04-01'$q$),
(30, 'fee_conflict', 'fee_conflict', 'extension', NULL,
	$q$SELECT count(*), sum(municipality_fees) FROM fee_conflict$q$),
(31, 'fee_conflict', 'floor: the charges grouped by patient and day', 'floor', 'extension <= 3x the floor',
	$q$SELECT count(*), sum(n) FROM (SELECT patient_id, charge_date, count(*) AS n FROM charge GROUP BY 1, 2) r$q$),
(32, 'readmission_by_month', 'readmission_by_month', 'extension', NULL,
	$q$SELECT count(*), sum(discharges), sum(readmissions) FROM readmission_by_month$q$),
(33, 'readmission_by_month', 'a window over discharges and admissions', 'peer', 'extension <= 1.2x the peer',
	$q$SELECT count(*), sum(discharges), sum(readmissions) FROM bench_peer.readmission_by_month$q$),
(34, 'readmission_by_month', 'floor: the ward stays sorted by patient and day', 'floor', NULL,
	$q$SELECT count(*), sum(n) FROM (SELECT row_number() OVER (PARTITION BY patient_id ORDER BY start_date) AS n
									FROM episode WHERE setting = 'hospital_ward') r$q$),
(35, 'hah_programme', 'hah_programme', 'extension', NULL,
	$q$SELECT count(*), sum(episodes), sum(transfers_to_ward) FROM hah_programme$q$),
(36, 'hah_programme', 'floor: the programme''s episodes, median per unit', 'floor', NULL,
	$q$SELECT count(*), sum(m) FROM (SELECT e.unit_id, percentile_cont(0.5) WITHIN GROUP (ORDER BY e.end_date - e.start_date) AS m
									FROM episode e JOIN unit u ON u.unit_id = e.unit_id
									WHERE u.unit_form = 'hospital_at_home' GROUP BY 1) r$q$),
(37, 'bed_census_by_month', 'bed_census_by_month', 'extension', NULL,
	$q$SELECT count(*), sum(ward_bed_days), sum(hospital_at_home_days) FROM bed_census_by_month$q$),
(38, 'bed_census_by_month', 'every stay expanded into its days', 'peer', 'extension <= 1.2x the peer',
	$q$SELECT count(*), sum(ward_bed_days), sum(hospital_at_home_days) FROM bench_peer.bed_census_by_month$q$),
(39, 'bed_census_by_month', 'floor: the stays grouped by organisation and month', 'floor', NULL,
	$q$SELECT count(*), sum(n) FROM (SELECT u.org_code, date_trunc('month', e.start_date::timestamp), count(*) AS n
									FROM episode e JOIN unit u ON u.unit_id = e.unit_id
									WHERE e.setting = 'hospital_ward' OR u.unit_form IN ('hospital_at_home', 'specialised_home_care')
									GROUP BY 1, 2) r$q$),
(40, 'team_care_profile', 'team_care_profile', 'extension', NULL,
	$q$SELECT count(*), sum(contacts), sum(doctor_continuity) FROM team_care_profile$q$),
(41, 'team_care_profile', 'floor: the contacts grouped by unit, year, patient and clinician', 'floor', NULL,
	$q$SELECT count(*), sum(n) FROM (SELECT unit_id, extract(year FROM contact_date), patient_id, clinician_id, count(*) AS n
									FROM contact GROUP BY 1, 2, 3, 4) r$q$);

-- Row-level security: each view as a national role (every row: what the
-- policies cost) and as the region's role (the rows of its own units),
-- beside the registry's owner, to whom the policies do not apply.
DO $$
BEGIN
	IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'mobilvard_bench_national') THEN
		CREATE ROLE mobilvard_bench_national;
	END IF;
	IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'mobilvard_bench_region') THEN
		CREATE ROLE mobilvard_bench_region;
	END IF;
END
$$;
GRANT USAGE ON SCHEMA registry TO mobilvard_bench_national, mobilvard_bench_region;
GRANT SELECT ON ALL TABLES IN SCHEMA registry TO mobilvard_bench_national, mobilvard_bench_region;
DELETE FROM org_access WHERE role_name::text LIKE 'mobilvard\_bench\_%';
INSERT INTO org_access (role_name, org_code)
SELECT 'mobilvard_bench_national'::regrole, NULL
UNION ALL
SELECT 'mobilvard_bench_region'::regrole, min(org_code) FROM organisation WHERE principal = 'region';

ALTER TABLE bench_query ADD COLUMN run_as text;
INSERT INTO bench_query (id, topic, name, role, target, query, run_as)
SELECT 100 + 3 * b.id + a.k, 'RLS: ' || b.topic, a.name, a.role, a.target, b.query, a.run_as
FROM bench_query b
CROSS JOIN (VALUES (0, 'as the owner (no policies)', 'extension', NULL, NULL),
				   (1, 'as a national role', 'peer', 'within 1.3x the owner', 'mobilvard_bench_national'),
				   (2, 'as the region''s role (its rows)', 'peer', NULL, 'mobilvard_bench_region'))
	AS a (k, name, role, target, run_as)
WHERE b.role = 'extension';

\ir timing.sql

DELETE FROM org_access WHERE role_name::text LIKE 'mobilvard\_bench\_%';
REVOKE ALL ON ALL TABLES IN SCHEMA registry FROM mobilvard_bench_national, mobilvard_bench_region;
REVOKE ALL ON SCHEMA registry FROM mobilvard_bench_national, mobilvard_bench_region;

DROP SCHEMA bench_peer CASCADE;
