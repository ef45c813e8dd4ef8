-- Reported inpatient status against the classification, by organisation
-- (episode_classified).
\ir lib/setup.sql
\qecho '<section id="mismatches">'
\qecho '<h2>Reporting mismatches by organisation</h2>'
WITH o AS (
	SELECT organisation, count(reported_inpatient) AS reported,
		   count(*) FILTER (WHERE reporting_mismatch AND reported_inpatient) AS inpatient_not_equivalent,
		   count(*) FILTER (WHERE reporting_mismatch AND NOT reported_inpatient) AS outpatient_equivalent,
		   count(*) - count(reported_inpatient) AS not_reported
	FROM episode_classified
	WHERE start_date BETWEEN :'from' AND :'to'
	GROUP BY organisation
)
SELECT (SELECT coalesce(json_agg(json_build_object('x', organisation, 'xo', 0, 's', s, 'so', so, 'v', v)), '[]')
		FROM o CROSS JOIN LATERAL (VALUES ('reported inpatient, not inpatient-equivalent', 1, inpatient_not_equivalent),
										  ('reported outpatient, inpatient-equivalent', 2, outpatient_equivalent)) s(s, so, v)
		WHERE reported > 0) AS chart,
	   (SELECT coalesce(json_agg(json_build_object(
				'organisation', organisation, 'episodes reported', reported,
				'inpatient, not equivalent', inpatient_not_equivalent,
				'outpatient, equivalent', outpatient_equivalent,
				'status not reported', not_reported,
				'% mismatched', round(100.0 * (inpatient_not_equivalent + outpatient_equivalent) / nullif(reported, 0), 1))
			ORDER BY organisation), '[]') FROM o) AS table,
	   (SELECT coalesce(sum(inpatient_not_equivalent + outpatient_equivalent), 0) FROM o) AS mismatches,
	   (SELECT coalesce(sum(reported), 0) FROM o) AS reported
\gset
SELECT xmlelement(name p, xmlattributes('what' AS class),
	format('Episodes whose reported inpatient status differs from the classification: reported as inpatient care but '
		   'not inpatient-equivalent, or as outpatient care but inpatient-equivalent (a ward stay, hospital at home); '
		   '%s of the %s episodes whose status was reported.',
		   to_char(:mismatches, 'FM999,999,999,990'), to_char(:reported, 'FM999,999,999,990')));
\set chart_mode stack
\set chart_unit episodes
\set chart_label 'Reporting mismatches by organisation'
\ir lib/bar_chart.sql
\ir lib/table.sql
\qecho '</section>'
\echo reporting mismatches: :mismatches of :reported episodes with a reported status
