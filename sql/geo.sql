-- Geography (doc/geography.md): the travel model, SRID handling, nearest
-- points, catchments, nearest base, coverage, gaps, dimensioning and the
-- per-unit and per-area views.
SET search_path = registry, mobilvard, public;
\i sql/include/error_of.sql

-- ---------------------------------------------------------------------------
-- SRID handling
-- ---------------------------------------------------------------------------
SELECT ST_AsText(to_sweref99tm('SRID=3006;POINT(500000 6600000)')) AS unchanged,
	   ST_SRID(to_sweref99tm(ST_Transform('SRID=3006;POINT(500000 6600000)'::geometry, 4326))) AS srid,
	   ST_Distance(to_sweref99tm(ST_Transform('SRID=3006;POINT(500000 6600000)'::geometry, 4326)),
				   'SRID=3006;POINT(500000 6600000)') < 0.001 AS round_trip;
SELECT pg_temp.error_of($$SELECT to_sweref99tm('POINT(1 2)')$$);
-- What PostGIS cannot transform (an SRID it does not know, coordinates
-- outside the source system's domain) is the caller's bad argument: 22023,
-- with PostGIS's reason as the detail; a point is named by its coordinates.
SELECT test, pg_temp.error_of(statement) AS error
FROM (VALUES
	('unknown SRID', $$SELECT to_sweref99tm('SRID=999999;POINT(1 1)')$$),
	('outside the domain', $$SELECT to_sweref99tm('SRID=4326;POINT(200 100)')$$),
	('travel from it', $$SELECT travel_minutes('SRID=4326;POINT(200 100)', 'SRID=3006;POINT(1 1)')$$),
	('travel to it', $$SELECT travel_minutes('SRID=3006;POINT(1 1)', 'SRID=3021;POINT(1e30 1e30)')$$),
	('a candidate', $$SELECT nearest_point('SRID=3006;POINT(0 0)', ARRAY['SRID=4326;POINT(200 100)'::geometry])$$),
	('a point of many', $$SELECT * FROM nearest_points(ARRAY['SRID=4326;POINT(0 95)'::geometry], ARRAY['SRID=3006;POINT(0 0)'::geometry])$$),
	('in a registry function', $$SELECT is_urban('SRID=4326;POINT(200 100)')$$)
) t(test, statement);

-- ---------------------------------------------------------------------------
-- travel_minutes: metres x detour / (km/h x 1000 / 60) + overhead
-- ---------------------------------------------------------------------------
-- rural: 7000 m x 1.3 / (70 km/h = 1166.67 m/min) + 1 = 8.8;
-- urban: 5000 m x 1.3 / (30 km/h = 500 m/min) + 5 = 18
SELECT round(travel_minutes('SRID=3006;POINT(0 0)', 'SRID=3006;POINT(7000 0)')::numeric, 9) AS rural,
	   round(travel_minutes('SRID=3006;POINT(0 0)', 'SRID=3006;POINT(3000 4000)', true)::numeric, 9) AS urban,
	   round(travel_minutes('SRID=3006;POINT(0 0)', 'SRID=3006;POINT(0 0)')::numeric, 9) AS same_place_rural,
	   round(travel_minutes("from" => 'SRID=3006;POINT(0 0)', "to" => 'SRID=3006;POINT(0 0)',
							urban => true, profile => 'car')::numeric, 9) AS same_place_urban;
-- Any SRID is transformed: the same trip given in WGS 84 takes the same time.
SELECT abs(travel_minutes(ST_Transform('SRID=3006;POINT(500000 6600000)'::geometry, 4326),
						  ST_Transform('SRID=3006;POINT(503000 6604000)'::geometry, 4326))
		   - travel_minutes('SRID=3006;POINT(500000 6600000)', 'SRID=3006;POINT(503000 6604000)'))
	   < 1e-6 AS same_in_wgs84;
-- Z and M coordinates are ignored; an empty point has no position (NULL);
-- NULL in, NULL out.
SELECT round(travel_minutes('SRID=3006;POINT Z (0 0 9)', 'SRID=3006;POINT ZM (7000 0 1 2)')::numeric, 9) AS zm,
	   travel_minutes('SRID=3006;POINT EMPTY', 'SRID=3006;POINT(1 1)') AS empty,
	   travel_minutes(NULL, 'SRID=3006;POINT(1 1)') AS null_from,
	   travel_minutes('SRID=3006;POINT(1 1)', 'SRID=3006;POINT(1 1)', NULL) AS null_urban,
	   travel_minutes('SRID=3006;POINT(1 1)', 'SRID=3006;POINT(1 1)', false, NULL) AS null_profile;
-- Errors: SRID 0, unknown profile, not a point.
SELECT pg_temp.error_of($$SELECT travel_minutes('POINT(0 0)', 'SRID=3006;POINT(1 1)')$$);
SELECT pg_temp.error_of($$SELECT travel_minutes('SRID=3006;POINT(0 0)', 'POINT(1 1)')$$);
SELECT pg_temp.error_of($$SELECT travel_minutes('SRID=3006;POINT(0 0)', 'SRID=3006;POINT(1 1)', false, 'bike')$$);
SELECT pg_temp.error_of($$SELECT travel_minutes('SRID=3006;POINT(0 0)', 'SRID=3006;LINESTRING(0 0, 1 1)')$$);
SELECT pg_temp.error_of($$SELECT travel_minutes('SRID=3006;POLYGON((0 0, 1 0, 1 1, 0 0))', 'SRID=3006;POINT(1 1)')$$);

-- A profile of one's own, and profiles that vary per row.
INSERT INTO travel_profile VALUES ('walk', 1.2, 4, 5, 0, 0);
SELECT p.name, round(travel_minutes('SRID=3006;POINT(0 0)', 'SRID=3006;POINT(1000 0)', false, p.name)::numeric, 9)
FROM (VALUES ('car'), ('walk'), ('car')) AS p(name);
-- The profile is read once per statement, but a later statement of the same
-- transaction sees a change.
BEGIN;
SELECT round(travel_minutes('SRID=3006;POINT(0 0)', 'SRID=3006;POINT(1000 0)', false, 'walk')::numeric, 9) AS before;
UPDATE travel_profile SET rural_kmh = 6 WHERE name = 'walk';
SELECT round(travel_minutes('SRID=3006;POINT(0 0)', 'SRID=3006;POINT(1000 0)', false, 'walk')::numeric, 9) AS after;
ROLLBACK;
-- The same in PL/pgSQL, where the expression's state outlives a statement.
DO $$
DECLARE
	m1 double precision;
	m2 double precision;
BEGIN
	m1 := registry.travel_minutes('SRID=3006;POINT(0 0)', 'SRID=3006;POINT(1000 0)', false, 'walk');
	UPDATE registry.travel_profile SET rural_kmh = 6 WHERE name = 'walk';
	m2 := registry.travel_minutes('SRID=3006;POINT(0 0)', 'SRID=3006;POINT(1000 0)', false, 'walk');
	RAISE NOTICE 'walk: % then % minutes', round(m1::numeric, 6), round(m2::numeric, 6);
	RAISE EXCEPTION USING ERRCODE = 'P0001', MESSAGE = 'roll back';
EXCEPTION WHEN raise_exception THEN
	NULL;
END
$$;

-- travel_reach_m is the inverse of travel_minutes.
SELECT round(travel_reach_m(8.8)::numeric, 6) AS rural_8_8,
	   round(travel_reach_m(18, true)::numeric, 6) AS urban_18,
	   travel_reach_m(4, true) AS under_overhead;
SELECT round(travel_minutes('SRID=3006;POINT(0 0)',
							ST_SetSRID(ST_MakePoint(travel_reach_m(25, false, 'walk'), 0), 3006),
							false, 'walk')::numeric, 6) AS round_trip;
SELECT pg_temp.error_of($$SELECT travel_reach_m(10, false, 'bike')$$);
-- Finite minutes whose reach overflows are out of range, as in float8
-- arithmetic; infinite minutes reach infinitely far.
SELECT pg_temp.error_of($$SELECT travel_reach_m(1e308)$$);
SELECT travel_reach_m('Infinity') AS infinite;
-- The helpers read the profile table they are given: its columns are read
-- as numbers whatever their numeric type; a table without them, or a NULL
-- figure, is an error.
CREATE TEMP TABLE numeric_profile (name text, detour_factor numeric, urban_kmh integer,
	rural_kmh real, urban_overhead_min numeric, rural_overhead_min numeric);
INSERT INTO numeric_profile VALUES ('n', 1.3, 30, 70, 5, 1), ('gap', 1.3, 30, 70, NULL, 1);
SELECT _travel_reach_m(8.8, false, 'n', 'numeric_profile') = travel_reach_m(8.8) AS numeric_columns;
SELECT pg_temp.error_of($$SELECT _travel_reach_m(8.8, true, 'gap', 'numeric_profile')$$);
SELECT pg_temp.error_of($$SELECT _travel_reach_m(8.8, true, 'car', 'pg_class')$$);
SELECT pg_temp.error_of($$SELECT _travel_reach_m(8.8, true, 'car', 0)$$);

-- ---------------------------------------------------------------------------
-- nearest_point (per row) and nearest_points (one call)
-- ---------------------------------------------------------------------------
SELECT nearest_point('SRID=3006;POINT(0 0)',
					 ARRAY['SRID=3006;POINT(5 5)', 'SRID=3006;POINT(1 1)', 'SRID=3006;POINT(-1 -1)']::geometry[]) AS tie_lowest,
	   nearest_point('SRID=3006;POINT(0 0)',
					 ARRAY[NULL, 'SRID=3006;POINT EMPTY', 'SRID=3006;POINT(9 9)']::geometry[]) AS skips_null_and_empty,
	   nearest_point('SRID=3006;POINT(0 0)', '[0:0]={SRID=3006;POINT(1 1)}'::geometry[] || 'SRID=3006;POINT(0 1)'::geometry) AS lower_bound_0,
	   nearest_point('SRID=3006;POINT(0 0)', '{}'::geometry[]) AS no_candidate,
	   nearest_point('SRID=3006;POINT EMPTY', ARRAY['SRID=3006;POINT(1 1)']::geometry[]) AS empty_point,
	   nearest_point(ST_Transform('SRID=3006;POINT(500000 6600000)'::geometry, 4326),
					 ARRAY['SRID=3006;POINT(400000 6600000)', 'SRID=3006;POINT(500010 6600000)']::geometry[]) AS wgs84;
SELECT pg_temp.error_of($$SELECT nearest_point('SRID=3006;POINT(0 0)', '{{SRID=3006;POINT(1 1)}}'::geometry[])$$);
SELECT pg_temp.error_of($$SELECT nearest_point('SRID=3006;POINT(0 0)', ARRAY['SRID=3006;LINESTRING(0 0, 1 1)']::geometry[])$$);
SELECT pg_temp.error_of($$SELECT nearest_point('SRID=3006;POINT(0 0)', ARRAY['POINT(1 1)']::geometry[])$$);

-- Against brute force: clustered, duplicated and collinear candidates, and
-- points inside and far outside them.
SELECT setseed(0.5);
CREATE TEMP TABLE cand AS
SELECT i, ST_SetSRID(ST_MakePoint(round(500000 + random() * 20000), round(6600000 + random() ^ 3 * 20000)), 3006) AS geom
FROM generate_series(1, 300) i
UNION ALL SELECT 300 + i, ST_SetSRID(ST_MakePoint(510000, 6600000 + i * 100), 3006) FROM generate_series(1, 50) i
UNION ALL SELECT 351, ST_SetSRID(ST_MakePoint(510000, 6600100), 3006);
CREATE TEMP TABLE pt AS
SELECT i, ST_SetSRID(ST_MakePoint(480000 + random() * 60000, 6580000 + random() * 60000), 3006) AS geom
FROM generate_series(1, 2000) i;
CREATE TEMP TABLE brute AS
SELECT DISTINCT ON (p.i) p.i, c.i AS best, ST_Distance(p.geom, c.geom) AS d
FROM pt p, cand c ORDER BY p.i, ST_Distance(p.geom, c.geom), c.i;
SELECT count(*) AS points,
	   count(*) FILTER (WHERE b.best = nearest_point(p.geom, (SELECT array_agg(geom ORDER BY i) FROM cand))) AS per_row_same
FROM pt p JOIN brute b USING (i);
SELECT count(*) AS points, count(*) FILTER (WHERE b.best = n.candidate_no AND abs(b.d - n.distance_m) < 1e-6) AS batch_same
FROM nearest_points((SELECT array_agg(geom ORDER BY i) FROM pt), (SELECT array_agg(geom ORDER BY i) FROM cand)) n
JOIN brute b ON b.i = n.point_no;
-- One candidate, all candidates on one spot, and no candidate at all.
SELECT count(*) FILTER (WHERE candidate_no = 1) AS one_candidate
FROM nearest_points((SELECT array_agg(geom) FROM pt), ARRAY['SRID=3006;POINT(0 0)']::geometry[]);
SELECT count(*) FILTER (WHERE candidate_no = 1) AS same_spot
FROM nearest_points((SELECT array_agg(geom) FROM pt), array_fill('SRID=3006;POINT(0 0)'::geometry, ARRAY[5]));
SELECT count(*) AS no_candidate FROM nearest_points((SELECT array_agg(geom) FROM pt), '{}');
SELECT * FROM nearest_points(ARRAY[NULL, 'SRID=3006;POINT EMPTY', 'SRID=3006;POINT(3 0)']::geometry[],
							 ARRAY['SRID=3006;POINT(0 0)', 'SRID=3006;POINT(6 0)']::geometry[]);
SELECT pg_temp.error_of($$SELECT * FROM nearest_points(ARRAY['POINT(1 1)']::geometry[], ARRAY['SRID=3006;POINT(1 1)']::geometry[])$$);

-- ---------------------------------------------------------------------------
-- dimensioning (the county report's ratios)
-- ---------------------------------------------------------------------------
-- The county report: about 305,000 inhabitants, 68,000 aged 65+ and 3,000
-- home-care patients give 3 teams, about 600 severely ill, a target group
-- of 2,040-3,400 and 15-20 doctors.
SELECT * FROM dimensioning(305000, 68000, 3000);
-- Rounding: half up; at least one team where anyone lives; none for nobody.
SELECT p, d.*
FROM (VALUES (0::bigint), (1), (249), (250), (49999), (149999), (150000), (250000)) AS v(p),
	 LATERAL dimensioning(p, p, p) d
ORDER BY p;
SELECT dimensioning(NULL, 1, 1) IS NULL AS strict;
SELECT pg_temp.error_of($$SELECT dimensioning(-1, 0, 0)$$);
SELECT pg_temp.error_of($$SELECT dimensioning(0, -5, 0)$$);
SELECT pg_temp.error_of($$SELECT dimensioning(0, 0, -3)$$);
SELECT pg_temp.error_of($$SELECT dimensioning(9223372036854775807, 0, 0)$$);

-- ---------------------------------------------------------------------------
-- A small county: two municipalities of 5 x 4 cells of 1 km, a town, units
-- with and without catchments, patients and episodes
-- ---------------------------------------------------------------------------
INSERT INTO organisation VALUES
	('R99', 'Region Test', 'region', NULL, NULL, NULL),
	('K9901', 'Västra', 'municipality', 'R99', '9901', 'west'),
	('K9902', 'Östra', 'municipality', 'R99', '9902', 'east');
INSERT INTO population_cell
SELECT format('%s-%s', i, j), CASE WHEN i < 5 THEN '9901' ELSE '9902' END,
	   (i * 7 + j * 3) % 20 * 10, (i * 7 + j * 3) % 20 * 2,
	   ST_MakeEnvelope(500000 + i * 1000, 6600000 + j * 1000, 501000 + i * 1000, 6601000 + j * 1000, 3006)
FROM generate_series(0, 9) i, generate_series(0, 3) j;
INSERT INTO urban_area VALUES
	('Stad', ST_Multi(ST_MakeEnvelope(500000, 6600000, 502000, 6602000, 3006)));
INSERT INTO unit VALUES
	('U1', 'R99', 'Närsjukvårdsteam Väst', 'regional_primary', 'community_care_team', 'SRID=3006;POINT(500500 6600500)'),
	('U2', 'R99', 'Hemsjukvård Öst', 'regional_primary', 'mobile_primary_care', 'SRID=3006;POINT(509500 6603500)'),
	('U3', 'R99', 'Vårdcentral', 'regional_primary', 'none', 'SRID=3006;POINT(507000 6602000)'),
	('U4', 'R99', 'Sjukhus hemma', 'specialised_inpatient', 'hospital_at_home', 'SRID=3006;POINT(505000 6602000)'),
	('U5', 'R99', 'Närvårdsteam Öst', 'regional_primary', 'community_care_team', 'SRID=3006;POINT(508500 6600500)');
INSERT INTO catchment VALUES
	('U1', '[2020-01-01,)', ST_Multi(ST_MakeEnvelope(500000, 6600000, 505000, 6604000, 3006))),
	('U2', '[2020-01-01,2021-01-01)', ST_Multi(ST_MakeEnvelope(505000, 6600000, 510000, 6604000, 3006))),
	('U5', '[2020-01-01,)', ST_Multi(ST_MakeEnvelope(503000, 6600000, 510000, 6602000, 3006)));
INSERT INTO patient VALUES
	(1, 1940, 'F', '9901', 'SRID=3006;POINT(500800 6600800)', NULL),
	(2, 1935, 'M', '9901', 'SRID=3006;POINT(504500 6603500)', NULL),
	(3, 1950, 'F', '9901', 'SRID=3006;POINT(501500 6601500)', NULL),
	(4, 1945, 'M', '9902', 'SRID=3006;POINT(509000 6603000)', NULL),
	(5, 1930, 'F', '9902', 'SRID=3006;POINT(506000 6601000)', NULL);
INSERT INTO episode VALUES
	(1, 1, 'U1', 'ordinary_home', false, '2024-05-01', NULL, NULL),
	(2, 2, 'U1', 'special_housing', false, '2023-03-01', '2023-07-01', NULL),
	(3, 3, 'U1', 'hospital_ward', true, '2024-02-01', '2024-02-05', NULL),
	(4, 4, 'U4', 'ordinary_home', true, '2022-01-01', '2022-12-31', NULL),
	(5, 5, 'U4', 'short_term_housing', true, '2024-06-01', NULL, NULL),
	(6, 5, 'U5', 'ordinary_home', false, '2024-01-10', '2024-03-01', NULL),
	(7, 1, 'U1', 'ordinary_home', false, '2023-09-01', '2023-10-01', NULL);

-- is_urban
SELECT is_urban('SRID=3006;POINT(501000 6601000)') AS in_town,
	   is_urban('SRID=3006;POINT(503000 6601000)') AS outside,
	   is_urban('SRID=3006;POINT(502000 6601000)') AS on_edge,
	   is_urban(ST_Transform('SRID=3006;POINT(501000 6601000)'::geometry, 4326)) AS wgs84;
SELECT pg_temp.error_of($$SELECT is_urban('POINT(501000 6601000)')$$);

-- units_covering: catchments valid on the date, boundary included, sorted.
SELECT units_covering('SRID=3006;POINT(504000 6601000)', '2024-01-01') AS overlap,
	   units_covering('SRID=3006;POINT(507000 6603000)', '2020-06-01') AS while_valid,
	   units_covering('SRID=3006;POINT(507000 6603000)', '2024-01-01') AS after_end,
	   units_covering('SRID=3006;POINT(505000 6603000)', '2020-06-01') AS on_boundary,
	   units_covering('SRID=3006;POINT(600000 6700000)') AS nowhere,
	   units_covering(ST_Transform('SRID=3006;POINT(504000 6601000)'::geometry, 4326), '2024-01-01') AS wgs84;
SELECT pg_temp.error_of($$SELECT units_covering('POINT(504000 6601000)')$$);

-- nearest_base: forms (NULL is every mobile form, not 'none'), dates (a
-- unit whose catchments have all ended is not active; one without any
-- catchment always is), distance and minutes.
SELECT 'default' AS forms, n.unit_id, round(n.distance_m::numeric, 3) AS distance_m, round(n.minutes::numeric, 6) AS minutes
FROM nearest_base('SRID=3006;POINT(507000 6602100)', NULL, '2024-01-01') n
UNION ALL
SELECT '{none}', n.unit_id, round(n.distance_m::numeric, 3), round(n.minutes::numeric, 6)
FROM nearest_base('SRID=3006;POINT(507000 6602100)', '{none}', '2024-01-01') n
UNION ALL
SELECT '{mobile_primary_care} 2020', n.unit_id, round(n.distance_m::numeric, 3), round(n.minutes::numeric, 6)
FROM nearest_base('SRID=3006;POINT(509000 6603000)', '{mobile_primary_care}', '2020-06-01') n
UNION ALL
SELECT '{mobile_primary_care} 2024', n.unit_id, round(n.distance_m::numeric, 3), round(n.minutes::numeric, 6)
FROM nearest_base('SRID=3006;POINT(509000 6603000)', '{mobile_primary_care}', '2024-01-01') n
UNION ALL
SELECT 'in town', n.unit_id, round(n.distance_m::numeric, 3), round(n.minutes::numeric, 6)
FROM nearest_base('SRID=3006;POINT(501500 6600500)', '{community_care_team}', '2024-01-01') n;
-- Minutes are travel_minutes from the base, urban by the point.
SELECT n.minutes = travel_minutes(u.base, 'SRID=3006;POINT(501500 6600500)', true) AS minutes_rule
FROM nearest_base('SRID=3006;POINT(501500 6600500)', '{community_care_team}', '2024-01-01') n
JOIN unit u USING (unit_id);
SELECT pg_temp.error_of($$SELECT * FROM nearest_base('POINT(1 1)')$$);
-- A NULL or empty point is nowhere: no base is nearest to it.
SELECT count(*) AS rows_for_null FROM nearest_base(NULL);
SELECT count(*) AS rows_for_empty FROM nearest_base('SRID=3006;POINT EMPTY', NULL, '2024-01-01');
SELECT count(n.unit_id) AS homes, count(*) AS rows
FROM (VALUES ('SRID=3006;POINT(507000 6602100)'::geometry), (NULL), ('SRID=4326;POINT EMPTY')) p(home)
CROSS JOIN LATERAL nearest_base(p.home, NULL, '2024-01-01') n;
-- It walks the GiST index on unit.base (KNN), not all units.
SET enable_seqscan = off;
EXPLAIN (COSTS OFF)
SELECT * FROM nearest_base('SRID=3006;POINT(507000 6602100)', '{community_care_team}', '2024-01-01');
RESET enable_seqscan;

-- ---------------------------------------------------------------------------
-- Coverage (the views use today's date: U2's catchment has ended)
-- ---------------------------------------------------------------------------
-- cell_travel against the naive way: every cell against every active base.
CREATE TEMP TABLE naive AS
SELECT c.cell_id, min(ST_Distance(ST_Centroid(c.geom), u.base)) AS d,
	   min(travel_minutes(u.base, ST_Centroid(c.geom), is_urban(ST_Centroid(c.geom)))) AS m
FROM population_cell c
CROSS JOIN unit u
WHERE u.unit_form <> 'none' AND _unit_is_active(u.unit_id, current_date)
GROUP BY c.cell_id;
SELECT count(*) AS cells,
	   count(*) FILTER (WHERE abs(t.distance_m - n.d) < 1e-6 AND abs(t.minutes - n.m) < 1e-9
							AND t.urban = is_urban(ST_Centroid(t.geom))) AS same_as_naive
FROM _cell_travel() t JOIN naive n USING (cell_id);
SELECT t.unit_id, count(*) AS cells FROM _cell_travel() t GROUP BY t.unit_id ORDER BY 1;
SELECT t.unit_id, count(*) AS cells FROM _cell_travel('{community_care_team}') t GROUP BY t.unit_id ORDER BY 1;
SELECT t.unit_id, count(*) AS cells FROM _cell_travel(NULL, 'car', '2020-06-01') t GROUP BY t.unit_id ORDER BY 1;
SELECT count(*) AS cells, count(t.unit_id) AS with_base FROM _cell_travel('{mobile_psychiatry}') t;

SELECT municipality_code, municipality, population, population_65plus, covered_population,
	   covered_65plus, round(covered_share::numeric, 4) AS share, round(covered_65plus_share::numeric, 4) AS share_65
FROM coverage(5);
-- coverage is the sum over the cells of cell_travel within the threshold.
SELECT bool_and(c.covered_population = s.covered AND c.population = s.population) AS sums_agree
FROM coverage(7.5, '{community_care_team,hospital_at_home}', 'walk') c
JOIN (SELECT municipality_code, sum(population) AS population,
			 coalesce(sum(population) FILTER (WHERE minutes <= 7.5), 0) AS covered
	  FROM _cell_travel('{community_care_team,hospital_at_home}', 'walk') GROUP BY 1) s USING (municipality_code);
SELECT municipality_code, population, covered_population, covered_share FROM coverage(60, '{mobile_psychiatry}');
SELECT pg_temp.error_of($$SELECT * FROM coverage(30, NULL, 'bike')$$);
-- The time limit is a finite number of minutes, 0 or more: NaN would cover
-- everyone.
SELECT pg_temp.error_of($$SELECT * FROM coverage('NaN')$$);
SELECT pg_temp.error_of($$SELECT * FROM coverage(-1)$$);
SELECT pg_temp.error_of($$SELECT * FROM coverage('Infinity', '{mobile_psychiatry}')$$);
SELECT sum(covered_population) AS covered_at_0 FROM coverage(0);

-- The gaps: populated cells outside every catchment valid today, or far.
SELECT cell_id, municipality_code, population, nearest_unit_id, round(minutes::numeric, 3) AS minutes,
	   outside_catchment, beyond_30, beyond_60, ST_GeometryType(geom) AS geom
FROM coverage_gap ORDER BY cell_id;
UPDATE travel_profile SET rural_kmh = 3, urban_kmh = 3 WHERE name = 'car';
SELECT count(*) AS cells, count(*) FILTER (WHERE beyond_30) AS beyond_30,
	   count(*) FILTER (WHERE beyond_60) AS beyond_60,
	   count(*) FILTER (WHERE outside_catchment) AS outside
FROM coverage_gap;
UPDATE travel_profile SET rural_kmh = 70, urban_kmh = 30 WHERE name = 'car';

-- ---------------------------------------------------------------------------
-- Enrolled patients, dimensioning per area, reach per unit
-- ---------------------------------------------------------------------------
-- Home episodes within the 12 months up to the latest start (2024-06-01).
SELECT unit_id, patient_id, municipality_code, episodes FROM enrolled_patient ORDER BY 1, 2;

SELECT * FROM dimensioning_by_area ORDER BY area_type, area_code;

SELECT unit_key > 0 AS has_key, unit_id, unit_form, unit_form_text, catchment_population, catchment_65plus,
	   enrolled_patients, round(mean_minutes::numeric, 4) AS mean_minutes,
	   round(max_minutes::numeric, 4) AS max_minutes,
	   round(share_within_30::numeric, 4) AS within_30, round(share_within_60::numeric, 4) AS within_60,
	   ST_Area(area) AS area_m2
FROM unit_reach ORDER BY unit_id;
-- Shares move with the travel model.
UPDATE travel_profile SET rural_kmh = 10, urban_kmh = 10 WHERE name = 'car';
SELECT unit_id, round(share_within_30::numeric, 4) AS within_30, round(share_within_60::numeric, 4) AS within_60
FROM unit_reach WHERE catchment_population IS NOT NULL ORDER BY unit_id;
UPDATE travel_profile SET rural_kmh = 70, urban_kmh = 30 WHERE name = 'car';

-- Geometry columns are typed, so that GIS clients list the views as layers.
SELECT f_table_name, f_geometry_column, type, srid
FROM geometry_columns
WHERE f_table_schema = 'registry' AND f_table_name IN ('coverage_gap', 'unit_reach', 'enrolled_patient')
ORDER BY 1, 2;

-- The county report's own figures through the view: a county of 305,000
-- residents, 68,000 of them 65+, with 3,000 enrolled home-care patients and
-- one community care team needs 3 teams (a gap of 2), expects about 600
-- severely ill, has a home-care target group of 2,040-3,400 and needs 15-20
-- doctors.
INSERT INTO organisation VALUES
	('R95', 'Region Rapport', 'region', NULL, NULL, NULL),
	('K9501', 'Rapportkommun', 'municipality', 'R95', '9501', NULL);
INSERT INTO population_cell VALUES
	('report', '9501', 305000, 68000, ST_MakeEnvelope(700000, 6500000, 701000, 6501000, 3006));
INSERT INTO unit VALUES
	('R1', 'R95', 'Närsjukvårdsteam Rapport', 'regional_primary', 'community_care_team',
	 'SRID=3006;POINT(700500 6500500)');
INSERT INTO patient
SELECT 1000 + i, 1940, 'F', '9501', 'SRID=3006;POINT(700500 6500500)', NULL FROM generate_series(1, 3000) i;
INSERT INTO episode
SELECT 1000 + i, 1000 + i, 'R1', 'ordinary_home', false, '2024-01-01', NULL, NULL FROM generate_series(1, 3000) i;
SELECT area_type, area_name, population, population_65plus, home_care_patients, teams_needed,
	   severely_ill, home_care_low, home_care_high, doctors_low, doctors_high, teams_present, team_gap
FROM dimensioning_by_area WHERE area_code IN ('R95', '9501') ORDER BY area_type;

-- A point with an infinite or a single NaN coordinate has no position: the C
-- functions refuse it with 22023 naming it, before any arithmetic (an empty
-- point, NaN in both, is no point and gives no row or NULL).
SELECT test, pg_temp.error_of(statement) AS error
FROM (VALUES
	('travel from infinity', $$SELECT travel_minutes(ST_SetSRID(ST_MakePoint('Infinity', 0), 3006), 'SRID=3006;POINT(0 0)')$$),
	('travel to NaN', $$SELECT travel_minutes('SRID=3006;POINT(0 0)', ST_SetSRID(ST_MakePoint(0, 'NaN'), 3006))$$),
	('nearest of infinity', $$SELECT * FROM nearest_points(ARRAY[ST_SetSRID(ST_MakePoint('-Infinity', 0), 3006)], ARRAY['SRID=3006;POINT(0 0)'::geometry])$$),
	('an infinite candidate', $$SELECT nearest_point('SRID=3006;POINT(0 0)', ARRAY[ST_SetSRID(ST_MakePoint(0, 'Infinity'), 3006)])$$)
) t(test, statement);
SELECT count(*) AS rows_for_an_empty_point
FROM nearest_points(ARRAY['SRID=3006;POINT EMPTY'::geometry], ARRAY['SRID=3006;POINT(0 0)'::geometry]);
