-- Inpatient bed days on the wards and in hospital at home per month, and
-- the share given at home (bed_census_by_month; doc/outcomes.md).
\ir lib/setup.sql
\qecho '<section id="bed-census">'
\qecho '<h2>Beds: the wards and the virtual beds at home</h2>'
SELECT coalesce(json_agg(json_build_object('x', to_char(m.month, 'Mon YYYY'), 'xo', to_char(m.month, 'YYYYMM')::integer,
			's', s.series, 'so', s.series_order, 'v', coalesce(s.days, 0))), '[]') AS chart,
	   coalesce(sum(s.days) FILTER (WHERE s.series_order = 1), 0) AS ward_days,
	   coalesce(sum(s.days) FILTER (WHERE s.series_order = 2), 0) AS home_days
FROM (SELECT generate_series(:'from'::date, :'to'::date, interval '1 month')::date AS month) m
LEFT JOIN (
	SELECT b.month, x.series, x.series_order, x.days
	FROM (SELECT month, sum(ward_bed_days) AS ward, sum(hospital_at_home_days) AS hah
		  FROM bed_census_by_month
		  WHERE month BETWEEN :'from' AND :'to'
		  GROUP BY month) b
	CROSS JOIN LATERAL (VALUES ('ward bed days', 1, b.ward), ('days of hospital at home', 2, b.hah))
		AS x(series, series_order, days)
) s ON s.month = m.month
\gset
SELECT coalesce(round(100 * :home_days::numeric / nullif(:ward_days + :home_days, 0), 1), 0) AS home_share \gset
SELECT xmlelement(name p, xmlattributes('what' AS class),
	format('Occupied ward beds and days of hospital at home per month (each stay counted on its nights): %s%% of the '
		   'period''s inpatient bed days were given at home (4-5%% in England, Australia and Canada, 0.2%% in Sweden).',
		   :'home_share'));
\set chart_mode stack
\set chart_unit 'bed days'
\set chart_label 'Inpatient bed days per month: ward and home'
\ir lib/bar_chart.sql
\qecho '</section>'
\echo beds: :ward_days ward bed days, :home_days days of hospital at home (:home_share% at home)
