-- Harmonised classification: what the registry can see once every episode
-- is classified the same way, whatever the region reported.
SET search_path = registry, mobilvard, public;

\echo
\echo '== Episodes by care form and care level (classified)'
SELECT care_form, care_level, principal, count(*) AS episodes,
	   count(DISTINCT patient_id) AS patients,
	   count(*) FILTER (WHERE NOT consistent) AS level_not_permitted
FROM episode_classified
GROUP BY care_form, care_level, principal
ORDER BY care_form, care_level;

\echo
\echo '== Hospital at home by pathway: early supported discharge or admission avoidance'
SELECT hah_pathway, count(*) AS episodes, count(DISTINCT patient_id) AS patients,
	   sum(home_bed_days) AS home_bed_days,
	   round(avg(home_bed_days), 1) AS mean_bed_days
FROM episode_classified
WHERE care_form = 'hospital_at_home'
GROUP BY hah_pathway
ORDER BY hah_pathway;

\echo
\echo '== Hospital bed days replaced at home, by month the episode started'
SELECT to_char(month, 'MM Mon') AS month,
	   sum(home_bed_days) FILTER (WHERE extract(year FROM month) = 2023) AS "2023",
	   sum(home_bed_days) FILTER (WHERE extract(year FROM month) = 2024) AS "2024",
	   sum(home_bed_days) FILTER (WHERE extract(year FROM month) = 2025) AS "2025"
FROM monthly_activity
GROUP BY 1
ORDER BY 1;

\echo
\echo '== Care periods by the unit''s form: contacts stitched into periods at a 30-day gap (view care_period)'
SELECT u.unit_form, count(*) AS periods,
	   percentile_cont(0.5) WITHIN GROUP (ORDER BY p.days) AS median_days,
	   round(avg(p.days), 1) AS mean_days,
	   round(avg(p.contacts), 1) AS contacts_per_period,
	   round(100.0 * sum(p.remote_contacts) / sum(p.contacts), 1) AS remote_pct
FROM care_period p
JOIN unit u USING (unit_id)
GROUP BY u.unit_form
ORDER BY u.unit_form;

\echo
\echo '== Reported inpatient status against the classification, by organisation and care form (where reported)'
SELECT organisation, care_form,
	   count(reported_inpatient) AS reported,
	   count(*) FILTER (WHERE reporting_mismatch AND reported_inpatient) AS inpatient_but_not_equivalent,
	   count(*) FILTER (WHERE reporting_mismatch AND NOT reported_inpatient) AS outpatient_but_equivalent,
	   count(*) - count(reported_inpatient) AS not_reported,
	   round(100.0 * count(*) FILTER (WHERE reporting_mismatch) / nullif(count(reported_inpatient), 0), 1)
		   AS mismatch_pct
FROM episode_classified
WHERE care_form <> 'none' OR reporting_mismatch
GROUP BY organisation, care_form
HAVING count(reported_inpatient) > 0
ORDER BY organisation, care_form;

\echo
\echo '== Admissions, emergency visits and bed days per patient-year before and after enrollment'
SELECT unit_name, unit_form, patients, admissions_per_year_before AS adm_before,
	   admissions_per_year_after AS adm_after,
	   to_char(100 * admissions_change, 'S990%') AS admissions,
	   to_char(100 * ed_visits_change, 'S990%') AS emergency_visits,
	   to_char(100 * bed_days_change, 'S990%') AS bed_days
FROM enrollment_followup_by_unit
ORDER BY unit_form, unit_name;

\echo
\echo '== Risk list on 2025-12-29 (a Monday) by municipality and reason; the target group is about 0.2% of inhabitants'
SELECT CASE WHEN grouping(o.name) = 1 THEN 'all' ELSE coalesce(o.name, '(unknown)') END AS municipality,
	   count(*) AS patients,
	   count(*) FILTER (WHERE 'repeated_admissions_75plus' = ANY (p.criteria)) AS admissions_75plus,
	   count(*) FILTER (WHERE 'frequent_admissions' = ANY (p.criteria)) AS frequent_admissions,
	   count(*) FILTER (WHERE 'frequent_emergency_visits' = ANY (p.criteria)) AS frequent_emergency,
	   count(*) FILTER (WHERE 'home_care_and_admission' = ANY (p.criteria)) AS home_care_admitted,
	   count(*) FILTER (WHERE 'long_inpatient_stays' = ANY (p.criteria)) AS long_stays
FROM priority_patients('2025-12-29') p
LEFT JOIN organisation o ON o.municipality_code = p.municipality_code
GROUP BY ROLLUP (o.name)
ORDER BY grouping(o.name), o.name;
