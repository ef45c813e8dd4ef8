-- Teams needed by the population against the community care teams present,
-- per municipality (dimensioning_by_area).
\ir lib/setup.sql
\qecho '<section id="dimensioning">'
\qecho '<h2>Dimensioning against the teams present</h2>'
SELECT coalesce(json_agg(json_build_object('x', area_name, 'xo', n, 's', s, 'so', so, 'v', v))
			FILTER (WHERE area_type = 'municipality'), '[]') AS chart,
	   coalesce(json_agg(json_build_object('area', area_name, 'residents', population, '65+', population_65plus,
			'home-care patients', home_care_patients, 'teams needed', teams_needed, 'teams present', teams_present,
			'gap', team_gap, 'severely ill', severely_ill, 'target group', home_care_low || '-' || home_care_high,
			'doctors', doctors_low || '-' || doctors_high) ORDER BY n) FILTER (WHERE so = 1), '[]') AS table,
	   coalesce(sum(v) FILTER (WHERE area_type = 'municipality' AND so = 1), 0) AS needed,
	   coalesce(sum(v) FILTER (WHERE area_type = 'municipality' AND so = 2), 0) AS present
FROM (
	SELECT *, row_number() OVER (ORDER BY area_type = 'county', county_part, area_type <> 'municipality', area_name) AS n
	FROM dimensioning_by_area
) d
CROSS JOIN LATERAL (VALUES ('teams needed', 1, teams_needed::numeric), ('community care teams present', 2, teams_present)) t(s, so, v)
\gset
SELECT xmlelement(name p, xmlattributes('what' AS class),
	format('The teams each municipality needs by the ratios of the Region Örebro county report (a team of a doctor and '
		   'two nurses for about 100,000 residents), against the community care teams present today in team-equivalents '
		   '(%s needed, %s present in the municipalities); the table adds the county parts and the county, the severely '
		   'ill, the target group of home care and the doctors it needs.', :needed, :present));
\set chart_mode group
\set chart_unit teams
\set chart_label 'Teams needed and present per municipality'
\ir lib/bar_chart.sql
\ir lib/table.sql
\qecho '</section>'
\echo dimensioning: :needed teams needed in the municipalities, :present present
