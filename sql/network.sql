-- Road network travel through pgRouting (src/network.sql): the clear error
-- without pgRouting, the synthetic road graph, one multi-start driving
-- distance checked against pgRouting's own pgr_dijkstraCost, snapping,
-- network coverage and isochrones.
SET search_path = registry, mobilvard, public;
\i sql/include/error_of.sql

-- A county of its own: 20 x 12 cells of 1 km, a town, three teams.  The
-- synthetic county's set-up empties the registry and brings the seeded
-- random numbers its road graph uses.
\set registry registry
\set replace 1
\set scale 1
\set seed 7
\set cell_m 1000
\set ECHO none
\i test/county/parts/00_setup.sql
\set ECHO all
SET client_min_messages = notice;
INSERT INTO organisation VALUES
	('R98', 'Region Väg', 'region', NULL, NULL, NULL),
	('K9801', 'Norra', 'municipality', 'R98', '9801', 'north'),
	('K9802', 'Södra', 'municipality', 'R98', '9802', 'south');
INSERT INTO population_cell
SELECT format('%s-%s', i, j), CASE WHEN j < 6 THEN '9802' ELSE '9801' END,
	   (i * 5 + j * 11) % 17 * 10, (i * 5 + j * 11) % 17 * 3,
	   ST_MakeEnvelope(600000 + i * 1000, 6700000 + j * 1000, 601000 + i * 1000, 6701000 + j * 1000, 3006)
FROM generate_series(0, 19) i, generate_series(0, 11) j;
INSERT INTO urban_area VALUES
	('Köping', ST_Multi(ST_MakeEnvelope(602000, 6702000, 605000, 6705000, 3006)));
INSERT INTO unit VALUES
	('T1', 'R98', 'Närsjukvårdsteam Köping', 'regional_primary', 'community_care_team', 'SRID=3006;POINT(603200 6703300)'),
	('T2', 'R98', 'Hemsjukvård Norr', 'regional_primary', 'mobile_primary_care', 'SRID=3006;POINT(616400 6710100)'),
	('T3', 'R98', 'ASIH', 'specialised_inpatient', 'specialised_home_care', 'SRID=3006;POINT(610000 6700200)');
INSERT INTO patient VALUES
	(11, 1940, 'F', '9802', 'SRID=3006;POINT(604100 6702900)', NULL),
	(12, 1935, 'M', '9801', 'SRID=3006;POINT(618800 6711500)', NULL),
	(13, 1950, 'F', '9802', NULL, NULL);
INSERT INTO episode VALUES
	(11, 11, 'T1', 'ordinary_home', false, '2024-05-01', NULL, NULL),
	(12, 12, 'T2', 'ordinary_home', false, '2024-04-01', NULL, NULL),
	(13, 13, 'T2', 'ordinary_home', false, '2024-04-01', NULL, NULL);

-- Without pgRouting the routing functions say what to do.
SELECT pg_temp.error_of($$SELECT * FROM _driving_distance('{1}', 10)$$);
SELECT pg_temp.error_of($$SELECT * FROM _network_reach(30)$$);
SELECT pg_temp.error_of($$SELECT * FROM network_coverage(30)$$);
SELECT pg_temp.error_of($$SELECT isochrone('T1', 20)$$);

CREATE EXTENSION pgrouting;

-- The synthetic county's road graph, at 1 km between grid lines.
\set ECHO none
\i test/county/parts/70_roads.sql
\set ECHO all
SELECT count(*) > 300 AS vertices FROM road_vertex;
SELECT count(*) > 500 AS edges,
	   -- one-way streets only in town
	   coalesce(bool_and(is_urban(ST_Centroid(geom))) FILTER (WHERE reverse_cost < 0), true) AS one_way_in_town,
	   bool_and(cost > 0) AS positive,
	   -- every edge runs at 30 (town), 50 (local) or 80 (regional) km/h
	   bool_and(round((ST_Length(geom) / cost * 60 / 1000)::numeric, 6) IN (30, 50, 80)) AS speeds,
	   bool_and(ST_StartPoint(geom) = (SELECT v.geom FROM road_vertex v WHERE v.id = source)) AS starts_at_source
FROM road_edge;
-- Nothing dangles: every vertex has an edge.
SELECT count(*) AS lonely_vertices FROM road_vertex v
WHERE NOT EXISTS (SELECT FROM road_edge e WHERE v.id IN (e.source, e.target));

-- driving_distance: parameters.
SELECT pg_temp.error_of($$SELECT * FROM _driving_distance('{1}', -1)$$);
SELECT pg_temp.error_of($$SELECT * FROM _driving_distance('{1}', 'NaN')$$);
SELECT pg_temp.error_of($$SELECT * FROM _driving_distance('{1}', 'Infinity')$$);
SELECT pg_temp.error_of($$SELECT * FROM _driving_distance('{{1,2},{3,4}}', 10)$$);
SELECT count(*) AS no_start FROM _driving_distance('{}', 30);
SELECT count(*) AS null_starts FROM _driving_distance(NULL, 30);
SELECT count(*) AS null_start FROM _driving_distance('{NULL}', 30);
SELECT count(*) AS null_limit FROM _driving_distance('{1}', NULL);

-- network_reach: one multi-start run.  Each vertex reached gets the minutes
-- from the nearest start, which must be pgRouting's own shortest path cost
-- from the nearest of the bases' vertices.
CREATE TEMP TABLE start AS
SELECT unit_id, _nearest_vertex(base) AS vertex_id FROM _active_bases(NULL, current_date);
CREATE TEMP TABLE reach AS SELECT * FROM _network_reach(10);
CREATE TEMP TABLE dijkstra AS
SELECT end_vid, min(agg_cost) AS minutes
FROM (SELECT d.end_vid, d.agg_cost
	  FROM pgr_dijkstraCost('SELECT id, source, target, cost, reverse_cost FROM registry.road_edge',
							(SELECT array_agg(vertex_id) FROM start),
							(SELECT array_agg(id) FROM road_vertex), true) d
	  UNION ALL
	  SELECT vertex_id, 0 FROM start) s
GROUP BY end_vid;
SELECT count(*) > 100 AS reached,
	   count(*) FILTER (WHERE abs(r.minutes - d.minutes) < 1e-9) = count(*) AS same_as_dijkstra,
	   bool_and(r.minutes <= 10) AS within_limit
FROM reach r JOIN dijkstra d ON d.end_vid = r.vertex_id;
-- Vertices not reached are further than the limit.
SELECT count(*) > 0 AS some_not_reached, bool_and(d.minutes > 10) AS rest_beyond
FROM dijkstra d WHERE d.end_vid NOT IN (SELECT vertex_id FROM reach);
-- Each vertex is attributed to the unit whose base vertex is nearest by road.
SELECT bool_and(r.unit_id = (SELECT s.unit_id FROM start s
							 JOIN LATERAL pgr_dijkstraCost('SELECT id, source, target, cost, reverse_cost FROM registry.road_edge',
														   s.vertex_id, r.vertex_id, true) c ON true
							 ORDER BY c.agg_cost, s.unit_id LIMIT 1)) AS nearest_unit
FROM (SELECT * FROM reach WHERE minutes > 0 ORDER BY vertex_id LIMIT 40) r;
-- Forms and dates choose the bases.
SELECT unit_id, count(*) > 0 AS reaches FROM _network_reach(15, '{community_care_team}') GROUP BY 1;

-- network_travel: each place is snapped to its nearest vertex, and its
-- minutes are the road time plus travel_minutes from that vertex.
CREATE TEMP TABLE travel AS SELECT * FROM _network_travel(15);
-- (The road graph's random numbers come from the county set-up: counts and
-- minutes that depend on them are checked as bounds, not printed.)
SELECT kind, count(*) AS places, count(minutes) > 0.9 * count(*) AS most_within_15
FROM travel GROUP BY kind ORDER BY kind;
SELECT bool_and(t.vertex_id = (SELECT v.id FROM road_vertex v ORDER BY v.geom <-> ST_Centroid(c.geom), v.id LIMIT 1)) AS snapped
FROM travel t JOIN population_cell c ON c.cell_id = t.id WHERE t.kind = 'cell';
SELECT bool_and(abs(t.minutes - (r.minutes + travel_minutes(v.geom, ST_Centroid(c.geom),
															 is_urban(ST_Centroid(c.geom))))) < 1e-9) AS road_plus_access,
	   bool_and(t.unit_id = r.unit_id) AS unit
FROM travel t
JOIN population_cell c ON c.cell_id = t.id
JOIN reach r ON r.vertex_id = t.vertex_id
JOIN road_vertex v ON v.id = t.vertex_id
WHERE t.kind = 'cell' AND t.minutes IS NOT NULL;
SELECT count(*) AS over_limit_or_unreached_with_unit
FROM travel t WHERE t.minutes IS NULL AND t.unit_id IS NOT NULL;
-- Patients at home: each with the team next door, in a few minutes.
SELECT id, unit_id, minutes BETWEEN 1 AND 15 AS few_minutes FROM travel WHERE kind = 'patient' ORDER BY id;

-- network_coverage sums network_travel's cells per municipality.
SELECT municipality_code, municipality, population, population_65plus,
	   covered_population <= population AND covered_65plus <= population_65plus AS within_totals,
	   covered_share > 0.9 AS most_covered,
	   covered_share = covered_population::double precision / population AS share
FROM network_coverage(15);
SELECT bool_and(n.covered_population = t.covered) AS sums_agree
FROM network_coverage(15) n
JOIN (SELECT municipality_code, coalesce(sum(population) FILTER (WHERE minutes IS NOT NULL), 0) AS covered
	  FROM travel WHERE kind = 'cell' GROUP BY 1) t USING (municipality_code);
-- More time, more people covered; none without bases of the form.
SELECT sum(covered_population) FILTER (WHERE m = 10) <= sum(covered_population) FILTER (WHERE m = 20) AS monotone
FROM (SELECT 10 AS m, * FROM network_coverage(10) UNION ALL SELECT 20, * FROM network_coverage(20)) s;
SELECT sum(covered_population) AS psychiatry FROM network_coverage(60, '{mobile_psychiatry}');
SELECT pg_temp.error_of($$SELECT * FROM network_coverage(30, NULL, 'bike')$$);
SELECT pg_temp.error_of($$SELECT * FROM network_coverage('NaN')$$);
SELECT pg_temp.error_of($$SELECT * FROM network_coverage(-0.5, '{mobile_psychiatry}')$$);

-- isochrone: the area a unit reaches by road; every cell centroid its team
-- reaches in time lies in it (within the 16-gon approximation of a disc).
SELECT ST_GeometryType(isochrone('T1', 15)) AS type, ST_SRID(isochrone('T1', 15)) AS srid,
	   ST_Contains(isochrone('T1', 15), (SELECT base FROM unit WHERE unit_id = 'T1')) AS has_base,
	   ST_Area(isochrone('T1', 10)) < ST_Area(isochrone('T1', 15)) AS grows;
SELECT count(*) > 0 AS cells, bool_and(ST_DWithin(i.geom, ST_Centroid(c.geom), 100)) AS inside
FROM _network_travel(15, '{community_care_team}') t
JOIN population_cell c ON c.cell_id = t.id,
	 (SELECT isochrone('T1', 15) AS geom) i
WHERE t.kind = 'cell' AND t.minutes IS NOT NULL;
SELECT isochrone('nobody', 15) IS NULL AS unknown_unit, isochrone('T1', 0.5) IS NULL AS too_short;
-- The minutes are a finite number, 0 or more, whether the unit exists or
-- not; minutes whose reach overflows are out of range (an area of infinite
-- discs has no geometry).
SELECT pg_temp.error_of($$SELECT isochrone('T1', 'NaN')$$);
SELECT pg_temp.error_of($$SELECT isochrone('nobody', 'Infinity')$$);
SELECT pg_temp.error_of($$SELECT isochrone('T1', -1)$$);
SELECT pg_temp.error_of($$SELECT isochrone('T1', 1e308)$$);
