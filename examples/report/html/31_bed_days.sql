-- Hospital bed days replaced by care at home per month (monthly_activity).
\ir lib/setup.sql
\qecho '<section id="bed-days">'
\qecho '<h2>Home bed days</h2>'
SELECT coalesce(json_agg(json_build_object('x', to_char(m.month, 'Mon YYYY'), 'xo', to_char(m.month, 'YYYYMM')::integer,
			's', mobilvard.label(a.care_form, 'en'), 'so', a.form_order, 'v', coalesce(a.bed_days, 0))), '[]') AS chart,
	   coalesce(sum(a.bed_days), 0) AS bed_days
FROM (SELECT generate_series(:'from'::date, :'to'::date, interval '1 month')::date AS month) m
LEFT JOIN (
	SELECT month, care_form, dense_rank() OVER (ORDER BY care_form) AS form_order, sum(home_bed_days) AS bed_days
	FROM monthly_activity
	WHERE home_bed_days > 0 AND month BETWEEN :'from' AND :'to'
	GROUP BY month, care_form
) a ON a.month = m.month
\gset
SELECT xmlelement(name p, xmlattributes('what' AS class),
	format('Hospital bed days given at home instead (the days of the inpatient-equivalent episodes at home that have ended), '
		   'counted in the month the episode started: %s in the period.', to_char(:bed_days, 'FM999,999,999,990')));
\set chart_mode stack
\set chart_unit 'bed days'
\set chart_label 'Home bed days per month'
\ir lib/bar_chart.sql
\qecho '</section>'
\echo home bed days: :bed_days
