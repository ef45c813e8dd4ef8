-- Episodes of each mobile care form per month (monthly_activity).
\ir lib/setup.sql
\qecho '<section id="episodes">'
\qecho '<h2>Episodes by care form</h2>'
SELECT coalesce(json_agg(json_build_object('x', to_char(m.month, 'Mon YYYY'), 'xo', to_char(m.month, 'YYYYMM')::integer,
			's', mobilvard.label(a.care_form, 'en'), 'so', a.form_order, 'v', coalesce(a.episodes, 0))), '[]') AS chart,
	   coalesce(sum(a.episodes), 0) AS mobile_episodes,
	   (SELECT coalesce(sum(episodes), 0) FROM monthly_activity
		WHERE care_form = 'none' AND month BETWEEN :'from' AND :'to') AS other_episodes
FROM (SELECT generate_series(:'from'::date, :'to'::date, interval '1 month')::date AS month) m
LEFT JOIN (
	SELECT month, care_form, dense_rank() OVER (ORDER BY care_form) AS form_order, sum(episodes) AS episodes
	FROM monthly_activity
	WHERE care_form <> 'none' AND month BETWEEN :'from' AND :'to'
	GROUP BY month, care_form
) a ON a.month = m.month
\gset
SELECT xmlelement(name p, xmlattributes('what' AS class),
	format('Episodes started each month, by the harmonised care form of the unit that gave them: %s episodes of a mobile '
		   'care form; the %s episodes of no mobile form (ward stays, clinic and emergency visits) are left out.',
		   to_char(:mobile_episodes, 'FM999,999,999,990'), to_char(:other_episodes, 'FM999,999,999,990')));
\set chart_mode stack
\set chart_unit episodes
\set chart_label 'Episodes by care form per month'
\ir lib/bar_chart.sql
\qecho '</section>'
\echo episodes: :mobile_episodes of a mobile care form, :other_episodes of none
