-- Population cells: a square grid (cell_m metres, default 1 km) over the
-- county.  Each cell belongs to the municipality whose seat is nearest
-- relative to the municipality's size (a weighted Voronoi partition, so
-- large municipalities get large territories); the lakes Hjälmaren and
-- Vättern are cut out.  Town populations are spread over the cells their
-- urban area covers; the rest of each municipality lives in the countryside,
-- thinning out with distance from the seat, with many empty (forest) cells.
-- Totals per municipality equal gen_municipality x scale, up to rounding.

CREATE TEMP TABLE gen_cell AS
WITH grid AS (
	SELECT x, y, x + :cell_m / 2.0::float8 AS cx, y + :cell_m / 2.0::float8 AS cy
	FROM generate_series(430000, 560000 - :cell_m, :cell_m) AS x,
		 generate_series(6490000, 6680000 - :cell_m, :cell_m) AS y
)
SELECT g.x, g.y, g.cx, g.cy, m.code, m.dist
FROM grid g
CROSS JOIN LATERAL (
	SELECT code, sqrt((g.cx - seat_e) ^ 2 + (g.cy - seat_n) ^ 2) AS dist,
		   sqrt((g.cx - seat_e) ^ 2 + (g.cy - seat_n) ^ 2) / (1000 * sqrt(reach_km2 / pi())) AS score
	FROM gen_municipality
	ORDER BY 3, code
	LIMIT 1
) m
-- a ragged county boundary: a smooth wave on the reach of each seat
WHERE m.score <= 1.3 * (1 + 0.12 * sin(g.cx / 9000.0 + 1.3) * cos(g.cy / 11000.0 - 0.7)
							+ 0.06 * sin((g.cx + g.cy) / 5000.0))
  -- Hjälmaren and the northern tip of Vättern
  AND ((g.cx - 542000) / 18000.0) ^ 2 + ((g.cy - 6568000) / 5500.0) ^ 2 > 1
  AND ((g.cx - 486000) / 9000.0) ^ 2 + ((g.cy - 6508000) / 22000.0) ^ 2 > 1;
ALTER TABLE gen_cell ADD COLUMN geom geometry(Polygon, 3006);
UPDATE gen_cell SET geom = ST_MakeEnvelope(x, y, x + :cell_m, y + :cell_m, 3006);
CREATE INDEX ON gen_cell USING gist (geom);
ALTER TABLE gen_cell ADD PRIMARY KEY (x, y);

-- Town shares: the part of each town's area in the cell.
CREATE TEMP TABLE gen_cell_town AS
SELECT c.x, c.y, t.name AS town, t.code,
	   t.population * ST_Area(ST_Intersection(c.geom, t.geom)) / ST_Area(t.geom) AS people
FROM gen_cell c
JOIN gen_town t ON ST_Intersects(c.geom, t.geom);

-- A cell in a town belongs to the town's municipality.
UPDATE gen_cell c
SET code = ct.code
FROM (SELECT DISTINCT ON (x, y) x, y, code FROM gen_cell_town ORDER BY x, y, people DESC, town) ct
WHERE (c.x, c.y) = (ct.x, ct.y);

-- Countryside weights: 45% of cells empty, the rest falling off with
-- distance from the seat (half-weight at ~10 km).
ALTER TABLE gen_cell ADD COLUMN urban double precision NOT NULL DEFAULT 0,
					 ADD COLUMN rural_w double precision;
UPDATE gen_cell c SET urban = ct.people
FROM (SELECT x, y, sum(people) AS people FROM gen_cell_town GROUP BY x, y) ct
WHERE (c.x, c.y) = (ct.x, ct.y);
UPDATE gen_cell
SET rural_w = CASE WHEN pg_temp.u(301, x, y) < 0.45 THEN 0
				   ELSE (0.2 + pg_temp.u(302, x, y)) * exp(-dist / 14000.0) END;

-- Municipal totals: town people as placed, the rest by rural weight.
CREATE TEMP TABLE gen_cell_pop AS
WITH m AS (
	SELECT mu.code, mu.population, mu.share_65plus,
		   sum(c.urban) AS urban, sum(c.rural_w) AS rural_w
	FROM gen_municipality mu JOIN gen_cell c USING (code)
	GROUP BY mu.code, mu.population, mu.share_65plus
), raw AS (
	SELECT c.x, c.y, c.code,
		   c.urban + (m.population - m.urban) * c.rural_w / m.rural_w AS people,
		   -- the elderly live more in the countryside than in towns
		   c.urban * 0.85 + (m.population - m.urban) * c.rural_w / m.rural_w * 1.25 AS old_w,
		   m.population * m.share_65plus AS old_total
	FROM gen_cell c JOIN m USING (code)
)
SELECT x, y, code, people,
	   old_total * old_w / sum(old_w) OVER (PARTITION BY code) AS old
FROM raw;

-- Whole people: rounding the running total (per municipality, in cell
-- order) keeps the municipal totals right even at small scales, and a
-- cell's 65+ never exceed its people.
INSERT INTO population_cell (cell_id, municipality_code, population, population_65plus, geom)
WITH people AS (
	SELECT x, y, code, CASE WHEN people > 0 THEN old / people ELSE 0 END AS old_share,
		   (round(sum(people * :scale) OVER w) - round(sum(people * :scale) OVER w - people * :scale))::integer AS population
	FROM gen_cell_pop
	WINDOW w AS (PARTITION BY code ORDER BY x, y)
), old AS (
	SELECT x, y, code, population,
		   (round(sum(population * old_share) OVER w)
			- round(sum(population * old_share) OVER w - population * old_share))::integer AS population_65plus
	FROM people
	WINDOW w AS (PARTITION BY code ORDER BY x, y)
)
SELECT format('%s_E%sN%s', CASE :cell_m WHEN 1000 THEN '1km' ELSE :cell_m || 'm' END, o.x, o.y),
	   o.code, o.population, o.population_65plus, c.geom
FROM old o JOIN gen_cell c USING (x, y)
ORDER BY o.x, o.y;

-- Municipal areas (for catchments), as unions of their cells.
CREATE TEMP TABLE gen_municipality_area AS
SELECT code, ST_Multi(ST_Union(geom))::geometry(MultiPolygon, 3006) AS geom
FROM gen_cell
GROUP BY code;
ALTER TABLE gen_municipality_area ADD PRIMARY KEY (code);
