-- Cases where both principals charged for one piece of care, or a fee broke
-- a rule (fee_conflict per month, fee_conflict_by_month per organisation).
\ir lib/setup.sql
\qecho '<section id="fee-conflicts">'
\qecho '<h2>Fee conflicts</h2>'
-- The views are read whole (MATERIALIZED): a filter on the date pushed into
-- them misleads the planner into a nested loop of minutes over their
-- same-day pairs.
WITH fc AS MATERIALIZED (SELECT first_date, rule FROM fee_conflict),
fm AS MATERIALIZED (SELECT * FROM fee_conflict_by_month),
c AS (
	SELECT date_trunc('month', first_date)::date AS month, rule, count(*) AS cases
	FROM fc
	WHERE first_date BETWEEN :'from' AND :'to'
	GROUP BY 1, 2
),
o AS (
	SELECT f.org_code, g.name, f.rule, sum(f.cases) AS cases, sum(f.fees) AS fees
	FROM fm f
	LEFT JOIN organisation g USING (org_code)
	WHERE f.month BETWEEN :'from' AND :'to'
	GROUP BY 1, 2, 3
)
SELECT (SELECT coalesce(json_agg(json_build_object('x', to_char(m.month, 'Mon YYYY'), 'xo', to_char(m.month, 'YYYYMM')::integer,
				's', replace(c.rule, '_', ' '), 'so', c.rule_order, 'v', coalesce(c.cases, 0))), '[]')
		FROM (SELECT generate_series(:'from'::date, :'to'::date, interval '1 month')::date AS month) m
		LEFT JOIN (SELECT *, dense_rank() OVER (ORDER BY rule) AS rule_order FROM c) c ON c.month = m.month) AS chart,
	   (SELECT coalesce(json_agg(json_build_object('organisation', coalesce(name, org_code), 'rule', replace(rule, '_', ' '),
				'cases', cases, 'its fees, SEK', fees) ORDER BY name, org_code, rule), '[]') FROM o) AS table,
	   (SELECT coalesce(sum(cases), 0) FROM c) AS cases
\gset
SELECT xmlelement(name p, xmlattributes('what' AS class),
	format('Cases in which the region and a municipality both charged for one piece of care (home visits by both on one '
		   'day; municipal fees during a regional inpatient-equivalent episode), or a charge broke a fee rule, by the month '
		   'of their first charge: %s cases; below, each organisation''s cases and its fees in them.',
		   to_char(:cases, 'FM999,999,999,990')));
\set chart_mode stack
\set chart_unit cases
\set chart_label 'Fee conflicts per month by rule'
\ir lib/bar_chart.sql
\ir lib/table.sql
\qecho '</section>'
\echo fee conflicts: :cases cases
