-- Hospital at home by pathway per month (episode_classified).
\ir lib/setup.sql
\qecho '<section id="pathways">'
\qecho '<h2>Hospital at home: pathways</h2>'
SELECT coalesce(json_agg(json_build_object('x', to_char(m.month, 'Mon YYYY'), 'xo', to_char(m.month, 'YYYYMM')::integer,
			's', a.pathway, 'so', a.pathway_order, 'v', coalesce(a.episodes, 0))), '[]') AS chart,
	   coalesce(sum(a.episodes), 0) AS episodes,
	   coalesce(sum(a.episodes) FILTER (WHERE a.pathway_order = 1), 0) AS early_discharge,
	   coalesce(sum(a.episodes) FILTER (WHERE a.pathway_order = 2), 0) AS avoidance
FROM (SELECT generate_series(:'from'::date, :'to'::date, interval '1 month')::date AS month) m
LEFT JOIN (
	SELECT date_trunc('month', start_date)::date AS month,
		   CASE hah_pathway WHEN 'early_supported_discharge' THEN 'early supported discharge'
							WHEN 'admission_avoidance' THEN 'admission avoidance' ELSE 'pathway not known' END AS pathway,
		   CASE hah_pathway WHEN 'early_supported_discharge' THEN 1 WHEN 'admission_avoidance' THEN 2 ELSE 3 END AS pathway_order,
		   count(*) AS episodes
	FROM episode_classified
	WHERE care_form = 'hospital_at_home' AND start_date BETWEEN :'from' AND :'to'
	GROUP BY 1, 2, 3
) a ON a.month = m.month
\gset
SELECT xmlelement(name p, xmlattributes('what' AS class),
	format('Hospital-at-home episodes started each month, by pathway: early supported discharge (starting on the day of a '
		   'discharge or the day after) '
		   'or admission avoidance (the others); %s episodes, %s and %s.', to_char(:episodes, 'FM999,999,999,990'),
		   to_char(:early_discharge, 'FM999,999,999,990'), to_char(:avoidance, 'FM999,999,999,990')));
\set chart_mode stack
\set chart_unit episodes
\set chart_label 'Hospital at home by pathway per month'
\ir lib/bar_chart.sql
\qecho '</section>'
\echo hospital at home: :episodes episodes, :early_discharge early supported discharge, :avoidance admission avoidance
