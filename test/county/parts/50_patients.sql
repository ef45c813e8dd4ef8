-- Patients: the people who appear in the registry in 2023-2025, in four
-- groups (patient_id ranges, in this order):
--   severe    0.2% of the population: severely ill, chronically unstable;
--             enrolled in a team during the period (county report: ~600)
--   home      home health care patients, with the severe ~4.8% of those 65+
--             (county report: 3-5% of 65+, about 3,400 at 5%)
--   adult     other adults with hospital or other care: a share of each age
--             band's inhabitants (gen_band), the oldest nearly all
--   child     children in families of 1-3 (3.5% of the population are
--             families); siblings share a home and a family_id
-- Homes are drawn from populated cells, weighted by the cell's 65+ count for
-- patients aged 65+ and by its population for the others.

SELECT round(0.002 * sum(population))::bigint AS n_severe,
	   round(0.048 * sum(population_65plus) - 0.002 * sum(population))::bigint AS n_home,
	   round(0.035 * sum(population))::bigint AS n_family,
	   sum(population) - sum(population_65plus) AS n_under_65, sum(population_65plus) AS n_65
FROM population_cell \gset

-- The inhabitants by age band, and what a year brings them: the share of
-- the band's inhabitants in the registry (pool), ward stays, emergency
-- visits not followed by a stay, and deaths per inhabitant and year.  The
-- rates are the whole band's; the episode and death rules divide them by
-- the band's living patients to get a patient's.  A band's adults are as
-- many more as die in three years: as many move in (parts/60_episodes.sql),
-- so that the living stay as many.
-- Sources and tuning: test/county/README.md, "Hospital use and deaths".
CREATE TEMP TABLE gen_band (band text PRIMARY KEY, lo integer, hi integer, inhabitants numeric,
							pool numeric, stays numeric, emergency numeric, deaths numeric);
INSERT INTO gen_band VALUES
	('0-17', 0, 17, 0.26 * :n_under_65, NULL, 0.044, 0.030, 0.0002),
	('18-44', 18, 44, 0.44 * :n_under_65, 0.25, 0.072, 0.100, 0.0006),
	('45-64', 45, 64, 0.30 * :n_under_65, 0.35, 0.094, 0.110, 0.0030),
	('65-79', 65, 79, 0.72 * :n_65, 0.60, 0.210, 0.170, 0.0170),
	('80-89', 80, 89, 0.22 * :n_65, 0.90, 0.420, 0.300, 0.0740),
	('90+', 90, 100, 0.06 * :n_65, 0.97, 0.550, 0.350, 0.2000);

-- Cumulative weights of the populated cells, to draw homes from: by
-- population (old = false) and by population 65+ (old = true).
CREATE TEMP TABLE gen_cum AS
SELECT w.old, p.municipality_code AS code, ST_XMin(p.geom) AS x, ST_YMin(p.geom) AS y,
	   sum(CASE WHEN w.old THEN p.population_65plus ELSE p.population END)
		   OVER (PARTITION BY w.old ORDER BY p.cell_id)::double precision AS hi
FROM population_cell p
CROSS JOIN (VALUES (false), (true)) AS w(old)
WHERE CASE WHEN w.old THEN p.population_65plus ELSE p.population END > 0;
CREATE INDEX ON gen_cum (old, hi);
SELECT max(hi) FILTER (WHERE NOT old) AS total_pop, max(hi) FILTER (WHERE old) AS total_65
FROM gen_cum \gset
ANALYZE gen_cum;

-- Who: id, group, age (at the end of 2025), sex and the key that places the
-- home (the family for children, so that siblings live together).  The
-- adults of a band are its pool and its deaths in three years, less the
-- severe and home care patients of that age, aged within the band towards
-- its young end.
CREATE TEMP TABLE gen_person AS
SELECT id, grp, age,
	   CASE WHEN u < CASE grp WHEN 'severe' THEN 0.52::float8 WHEN 'home' THEN 0.61 ELSE 0.53 END THEN 'F'
			WHEN u > 0.9995 THEN 'X' ELSE 'M' END AS sex,
	   id AS home_key, NULL::bigint AS family_id
FROM (
	SELECT id, grp, pg_temp.u(502, id) AS u,
		   CASE grp
			   WHEN 'severe' THEN CASE WHEN pg_temp.u(501, id) < 0.1 THEN pg_temp.ri(503, id, 0, 40, 69)
									   ELSE 70 + floor(28 * pg_temp.u(503, id, 1) ^ 0.9)::integer END
			   ELSE CASE WHEN pg_temp.u(501, id) < 0.18 THEN pg_temp.ri(503, id, 0, 25, 64)
						 ELSE 65 + floor(36 * pg_temp.u(503, id, 1) ^ 0.85)::integer END
		   END AS age
	FROM (SELECT id, CASE WHEN id <= :n_severe THEN 'severe' ELSE 'home' END AS grp
		  FROM generate_series(1::bigint, :n_severe + :n_home) AS id) ids
) p;

INSERT INTO gen_person (id, grp, age, sex, home_key, family_id)
SELECT id, 'adult', age,
	   CASE WHEN pg_temp.u(502, id) < 0.53 THEN 'F' WHEN pg_temp.u(502, id) > 0.9995 THEN 'X' ELSE 'M' END,
	   id, NULL
FROM (SELECT :n_severe + :n_home + row_number() OVER (ORDER BY b.lo, k) AS id,
			 b.lo + floor((b.hi - b.lo + 1) * pg_temp.u(508, b.lo, k) ^ CASE WHEN b.lo >= 65 THEN 1.3 ELSE 1 END)::integer AS age
	  FROM gen_band b
	  CROSS JOIN LATERAL generate_series(1, greatest(0, round(b.inhabitants * (b.pool + 3 * b.deaths))
		  - (SELECT count(*) FROM gen_person p WHERE p.age BETWEEN b.lo AND b.hi))::integer) AS k
	  WHERE b.pool IS NOT NULL) a;
SELECT max(id) AS n_adults_upto FROM gen_person \gset

-- Children: a family has 1-3 children, the eldest 3-17, each next one 1-5
-- years younger.
INSERT INTO gen_person (id, grp, age, sex, home_key, family_id)
SELECT :n_adults_upto + row_number() OVER (ORDER BY f, k),
	   'child',
	   greatest(eldest - (k - 1) * pg_temp.ri(506, f, k, 1, 5), 0),
	   CASE WHEN pg_temp.u(507, f, k) < 0.49 THEN 'F' ELSE 'M' END,
	   -f, f
FROM (SELECT f, pg_temp.ri(505, f, 0, 3, 17) AS eldest,
			 1 + (pg_temp.u(504, f) < 0.5)::integer + (pg_temp.u(504, f, 1) < 0.15)::integer AS n
	  FROM generate_series(1, :n_family) AS f) fam
CROSS JOIN LATERAL generate_series(1, fam.n) AS k;

-- Where: a cell drawn by weight, a point drawn inside it; and the units
-- that serve the home: the municipality's hospital, primary-care centre (in
-- Örebro by quarter of the municipality round the town centre) and teams,
-- and whether hospital at home reaches it.
CREATE TEMP TABLE gen_patient AS
SELECT h.patient_id, h.grp, h.age, h.sex, h.family_id, h.code, h.e, h.n,
	   m.part, m.hospital, v.tag AS vc, h.code || '-HSJ' AS municipal_team,
	   CASE WHEN h.code IN ('1880', '1883', '1885', '1881') THEN h.code || '-HGT'
			ELSE h.code || '-HSJ' END AS discharge_team,
	   -- inside the catchment (Örebro, within 20 km of the base; a few
	   -- metres' margin for the polygon's approximation of the circle)
	   h.code = '1880' AND (h.e - b.e) ^ 2 + (h.n - b.n) ^ 2 < 19990.0 ^ 2 AS near_hah
FROM (
	SELECT p.id AS patient_id, p.grp, p.age, p.sex, p.family_id, c.code,
		   c.x + :cell_m * pg_temp.u(511, p.home_key) AS e,
		   c.y + :cell_m * pg_temp.u(512, p.home_key) AS n
	FROM gen_person p
	CROSS JOIN LATERAL (
		SELECT code, x, y FROM gen_cum
		WHERE old = (p.age >= 65)
		  AND hi > CASE WHEN p.age >= 65 THEN :total_65 ELSE :total_pop END * pg_temp.u(510, p.home_key)
		ORDER BY old, hi LIMIT 1
	) c
) h
JOIN gen_municipality m ON m.code = h.code
CROSS JOIN (SELECT ST_X(base) AS e, ST_Y(base) AS n FROM unit WHERE unit_id = 'SH-ORE') b
JOIN gen_vc v ON v.code = h.code
			 AND coalesce(v.quadrant, 0) = CASE WHEN h.code <> '1880' THEN 0
												WHEN h.e < m.seat_e THEN CASE WHEN h.n >= m.seat_n THEN 1 ELSE 4 END
												ELSE CASE WHEN h.n >= m.seat_n THEN 2 ELSE 3 END END;
ALTER TABLE gen_patient ADD PRIMARY KEY (patient_id);

-- Born on a day of the year 2025 - age (stream 520), so birth_year is the
-- year the ages above were drawn for.
INSERT INTO patient (patient_id, birth_year, sex, municipality_code, home, family_id, birth_date)
SELECT patient_id, 2025 - age, sex, code, ST_SetSRID(ST_MakePoint(e, n), 3006), family_id,
	   make_date(2025 - age, 1, 1)
	   + floor(pg_temp.u(520, patient_id) * (make_date(2026 - age, 1, 1) - make_date(2025 - age, 1, 1)))::integer
FROM gen_patient
ORDER BY patient_id;
