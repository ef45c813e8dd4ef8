-- Geography: who can a team reach in time, where are the gaps, and how many
-- teams and doctors each part of the county needs (the county report's
-- questions).
SET search_path = registry, mobilvard, public;

\echo
\echo '== Coverage by municipality: share of residents (and of the 65+) within 30 and 60 minutes by car of any mobile team'
SELECT c30.municipality, c30.population,
	   round(100 * c30.covered_share) AS "% within 30",
	   round(100 * c30.covered_65plus_share) AS "% 65+ within 30",
	   round(100 * c60.covered_share) AS "% within 60"
FROM coverage(30) c30
JOIN coverage(60) c60 USING (municipality_code)
ORDER BY c30.covered_share, c30.municipality;

\echo
\echo '== Community care teams only (the county report: they exist in the west and in Örebro)'
SELECT municipality, population, round(100 * covered_share) AS "% within 30 min"
FROM coverage(30, '{community_care_team}')
ORDER BY covered_share, municipality;

\echo
\echo '== Gaps: residents outside every catchment, or beyond 30 minutes (map layer: coverage_gap)'
SELECT o.name AS municipality, count(*) AS cells, sum(g.population) AS residents,
	   sum(g.population) FILTER (WHERE g.outside_catchment) AS outside_catchment,
	   sum(g.population) FILTER (WHERE g.beyond_30) AS beyond_30_min,
	   sum(g.population) FILTER (WHERE g.beyond_60) AS beyond_60_min
FROM coverage_gap g
JOIN organisation o ON o.municipality_code = g.municipality_code
GROUP BY o.name
ORDER BY residents DESC;

SELECT EXISTS (SELECT FROM pg_extension WHERE extname = 'pgrouting')
	   AND EXISTS (SELECT FROM road_edge) AS has_roads \gset
\if :has_roads
\echo
\echo '== By road (pgRouting): share within 30 minutes, straight line next to road network'
SELECT s.municipality, round(100 * s.covered_share) AS "% straight line",
	   round(100 * r.covered_share) AS "% by road"
FROM coverage(30) s
JOIN network_coverage(30) r USING (municipality_code)
ORDER BY r.covered_share, s.municipality;
\endif

\echo
\echo '== Dimensioning by the county report''s ratios, per county part and for the county'
SELECT area_name, population, population_65plus AS "65+", home_care_patients AS patients,
	   teams_needed, teams_present, team_gap, severely_ill,
	   home_care_low || '-' || home_care_high AS "target group",
	   doctors_low || '-' || doctors_high AS doctors
FROM dimensioning_by_area
WHERE area_type <> 'municipality'
ORDER BY area_type = 'county', area_name;

\echo
\echo '== Reach per team: catchment, enrolled patients and travel time from the base'
SELECT unit_id, name, unit_form_text AS form, catchment_population AS catchment,
	   enrolled_patients AS patients, round(mean_minutes::numeric, 1) AS "mean min",
	   round(max_minutes::numeric, 1) AS "max min",
	   round(100 * share_within_30) AS "% catchment within 30"
FROM unit_reach
WHERE catchment_population IS NOT NULL OR enrolled_patients > 0
ORDER BY enrolled_patients DESC, unit_id
LIMIT 15;
