-- The registry's monthly report: one month of monthly_activity, by care
-- form, as a dashboard asks for it.
\set m random(0, 35)
SELECT care_form_text, sum(episodes) AS episodes, sum(patients) AS patients,
	   sum(home_bed_days) AS home_bed_days, sum(reporting_mismatches) AS mismatches
FROM registry.monthly_activity
WHERE month = (date '2023-01-01' + make_interval(months => :m))::date
GROUP BY care_form_text;
