-- Home health care priced both ways: were it the region's or the
-- municipality's (home_health_what_if for each patient with a home visit in
-- the period).
\ir lib/setup.sql
\qecho '<section id="what-if">'
\qecho '<h2>What if home health care were the region''s or the municipality''s</h2>'
WITH w AS (
	SELECT h.patient_id, w.*
	FROM (SELECT DISTINCT patient_id FROM contact
		  WHERE mode = 'physical' AND setting = 'ordinary_home' AND contact_date BETWEEN :'from' AND :'to') h
	CROSS JOIN LATERAL home_health_what_if(h.patient_id, daterange(:'from', :'to', '[]')) w
	WHERE w.contacts > 0
),
p AS (
	SELECT principal, count(*) AS patients, sum(contacts) AS visits, sum(list_fees) AS list_fees,
		   sum(patient_pays) AS patient_pays, sum(principal_waives) AS waived,
		   round(avg(patient_pays)) AS mean_pays, sum(doctor_visits) AS doctor_visits,
		   count(*) FILTER (WHERE patient_pays IS NULL) AS not_priced
	FROM w GROUP BY principal
),
diff AS (
	SELECT count(*) FILTER (WHERE m.patient_pays > r.patient_pays) AS more_municipality,
		   count(*) FILTER (WHERE m.patient_pays < r.patient_pays) AS more_region,
		   count(*) FILTER (WHERE m.patient_pays = r.patient_pays) AS same
	FROM w r JOIN w m ON m.patient_id = r.patient_id AND m.principal = 'municipality'
	WHERE r.principal = 'region'
)
SELECT (SELECT coalesce(json_agg(json_build_object('x', x, 'xo', xo, 's', 'delivered by the ' || principal,
				'so', CASE principal WHEN 'region' THEN 1 ELSE 2 END, 'v', round(sek / 1000, 1))), '[]')
		FROM p CROSS JOIN LATERAL (VALUES ('list fees', 1, list_fees), ('paid by patients', 2, patient_pays),
										  ('waived', 3, waived)) v(x, xo, sek)) AS chart,
	   (SELECT coalesce(json_agg(json_build_object('delivered by', principal, 'patients', patients, 'visits', visits,
				'list fees, SEK', list_fees, 'patients pay, SEK', patient_pays, 'waived, SEK', waived,
				'mean a patient, SEK', mean_pays, 'doctors'' visits (the region''s)', doctor_visits,
				'patients not priced', not_priced) ORDER BY principal DESC), '[]') FROM p) AS table,
	   (SELECT coalesce(max(patients), 0) FROM p) AS patients, diff.*
FROM diff
\gset
SELECT xmlelement(name p, xmlattributes('what' AS class),
	format('The home visits of the period priced both ways for each of the %s patients who had one: by the region '
		   '(its home-visit fee under the high-cost protection) or by the municipality (its tariff, category cap and '
		   'maximum fee), doctors'' visits staying with the region (thousand SEK). %s patients would pay more with the '
		   'municipality, %s more with the region, %s the same.',
		   to_char(:patients, 'FM999,999,999,990'), to_char(:more_municipality, 'FM999,999,999,990'),
		   to_char(:more_region, 'FM999,999,999,990'), to_char(:same, 'FM999,999,999,990')));
\set chart_mode group
\set chart_unit 'thousand SEK'
\set chart_label 'Home health care fees, region against municipality'
\ir lib/bar_chart.sql
\ir lib/table.sql
\qecho '</section>'
\echo what-if: :patients patients with home visits, :more_municipality would pay more with the municipality, :more_region more with the region
