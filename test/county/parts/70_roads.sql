-- 70_roads.sql: a road graph for the synthetic county (road_vertex,
-- road_edge), for the network travel times of src/network.sql.
--
-- Needs the county's population cells and towns (urban_area).  The roads are
-- a jittered square grid over the populated extent, so that travel by road
-- is about 1.3 times the straight line (the detour factor of the 'car'
-- travel profile), with:
--   * a hierarchy: every fifth grid line is a regional road (80 km/h), the
--     others local roads (50 km/h), streets in towns 30 km/h;
--   * lakes: discs away from the towns that roads go around;
--   * a few one-way streets in towns (reverse_cost -1, pgRouting's "no way").
-- Variable road_spacing: metres between grid lines, default 1000 (about 2 km
-- of road per km2); 400 gives the 100,000+ edges the benchmarks use.  Random
-- numbers come from 00_setup.sql's pg_temp.u, streams 700-709.
\if :{?road_spacing}
\else
\set road_spacing 1000
\endif

TRUNCATE road_edge, road_vertex;

CREATE TEMP TABLE road_extent AS
SELECT ST_XMin(e) AS x0, ST_YMin(e) AS y0,
	   ceil((ST_XMax(e) - ST_XMin(e)) / :road_spacing)::int AS nx,
	   ceil((ST_YMax(e) - ST_YMin(e)) / :road_spacing)::int AS ny
FROM (SELECT ST_Expand(ST_Extent(geom)::geometry, :road_spacing) AS e
	  FROM population_cell) s;

-- Lakes: about one per 150 km2, 0.5-2.5 km across, never in a town.
CREATE TEMP TABLE road_lake AS
SELECT ST_Buffer(ST_SetSRID(ST_MakePoint(x0 + pg_temp.u(700, k) * nx * :road_spacing,
										 y0 + pg_temp.u(701, k) * ny * :road_spacing), 3006),
				 500 + pg_temp.u(702, k) * 2000) AS geom
FROM road_extent, generate_series(1, greatest(1, (nx * ny * :road_spacing ^ 2 / 150e6)::int)) k;
DELETE FROM road_lake l
WHERE EXISTS (SELECT FROM urban_area u WHERE ST_DWithin(u.geom, l.geom, 1000));

CREATE TEMP TABLE road_node AS
SELECT i * (ny + 1) + j + 1 AS id, i, j,
	   ST_SetSRID(ST_MakePoint(x0 + (i + (pg_temp.u(703, i, j) - 0.5) * 0.3) * :road_spacing,
							   y0 + (j + (pg_temp.u(704, i, j) - 0.5) * 0.3) * :road_spacing), 3006) AS geom
FROM road_extent, generate_series(0, nx) i, generate_series(0, ny) j;
DELETE FROM road_node n USING road_lake l WHERE ST_Intersects(l.geom, n.geom);

CREATE TEMP TABLE road_link AS
SELECT a.id AS source, b.id AS target,
	   ST_MakeLine(a.geom, b.geom) AS geom,
	   a.j % 5 = 0 AS regional
FROM road_node a
JOIN road_node b ON b.i = a.i + 1 AND b.j = a.j
UNION ALL
SELECT a.id, b.id, ST_MakeLine(a.geom, b.geom), a.i % 5 = 0
FROM road_node a
JOIN road_node b ON b.i = a.i AND b.j = a.j + 1;
DELETE FROM road_link r USING road_lake l WHERE ST_Intersects(l.geom, r.geom);

INSERT INTO road_vertex (id, geom)
SELECT n.id, n.geom FROM road_node n
WHERE EXISTS (SELECT FROM road_link r WHERE n.id IN (r.source, r.target));

INSERT INTO road_edge (id, source, target, cost, reverse_cost, geom)
SELECT row_number() OVER (ORDER BY r.source, r.target), r.source, r.target,
	   m.minutes,
	   CASE WHEN m.urban AND NOT r.regional AND pg_temp.u(705, r.source, r.target) < 0.05
			THEN -1 ELSE m.minutes END,
	   r.geom
FROM road_link r,
	 LATERAL (SELECT EXISTS (SELECT FROM urban_area u
							 WHERE ST_Intersects(u.geom, ST_Centroid(r.geom))) AS urban) u,
	 LATERAL (SELECT u.urban,
					 ST_Length(r.geom) / (CASE WHEN r.regional THEN 80
											   WHEN u.urban THEN 30
											   ELSE 50 END * 1000 / 60.0) AS minutes) m;

DROP TABLE road_extent, road_lake, road_node, road_link;
ANALYZE road_vertex, road_edge;
