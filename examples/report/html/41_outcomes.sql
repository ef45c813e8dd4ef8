-- Outcomes: readmissions within 30 days per month of discharge, and
-- hospital at home as a programme (readmission_by_month, hah_programme;
-- doc/outcomes.md).
\ir lib/setup.sql
\qecho '<section id="outcomes">'
\qecho '<h2>Outcomes: readmissions and hospital at home</h2>'
SELECT coalesce(json_agg(json_build_object('x', to_char(m.month, 'Mon YYYY'), 'xo', to_char(m.month, 'YYYYMM')::integer,
			's', s.series, 'so', s.series_order, 'v', coalesce(s.n, 0))), '[]') AS chart,
	   coalesce(sum(s.n) FILTER (WHERE s.series_order = 2), 0) AS readmissions,
	   coalesce(sum(s.n), 0) AS discharges
FROM (SELECT generate_series(:'from'::date, :'to'::date, interval '1 month')::date AS month) m
LEFT JOIN (
	SELECT r.month, x.series, x.series_order, x.n
	FROM (SELECT month, sum(discharges - readmissions) AS not_readmitted, sum(readmissions) AS readmitted
		  FROM readmission_by_month
		  WHERE month BETWEEN :'from' AND :'to'
		  GROUP BY month) r
	CROSS JOIN LATERAL (VALUES ('not readmitted', 1, r.not_readmitted), ('readmitted within 30 days', 2, r.readmitted))
		AS x(series, series_order, n)
) s ON s.month = m.month
\gset
SELECT xmlelement(name p, xmlattributes('what' AS class),
	format('Discharges from a ward or hospital at home (not to death) per month, and how many were followed by an '
		   'unplanned ward admission within 30 days: %s of %s in the period, of the discharges the data follow for 30 days.',
		   to_char(:readmissions, 'FM999,999,999,990'), to_char(:discharges, 'FM999,999,999,990')));
\set chart_mode stack
\set chart_unit discharges
\set chart_label 'Discharges and readmissions within 30 days per month'
\ir lib/bar_chart.sql
SELECT coalesce(json_agg(json_build_object(
			'unit', unit_name, 'patients', patients, 'episodes', episodes,
			'median days at home', median_days_at_home, 'median ward days before', median_ward_days_before,
			'early supported discharges', early_supported_discharges, 'transfers back to a ward', transfers_to_ward,
			'% of those by ambulance', round(100 * transfer_by_ambulance_share),
			'deaths at home', deaths_during, 'deaths within 30 days', deaths_within_30_days,
			'commonest diagnoses', top_diagnoses)
		ORDER BY unit_name), '[]') AS table,
	   coalesce(sum(patients), 0) AS hah_patients, count(*) AS hah_units
FROM hah_programme
\gset
SELECT xmlelement(name p, xmlattributes('what' AS class),
	format('Hospital at home per unit as a programme, over all the registry''s data (%s patients of %s units): days at '
		   'home, the ward stay before an early supported discharge, transfers back to a ward and how many by ambulance, '
		   'deaths during and within 30 days, the commonest diagnosis groups.',
		   to_char(:hah_patients, 'FM999,999,999,990'), :hah_units));
\ir lib/table.sql
\qecho '</section>'
\echo outcomes: :readmissions readmissions of :discharges discharges, :hah_patients patients in hospital at home
