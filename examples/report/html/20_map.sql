-- The map: the populated cells shaded by the travel minutes to the nearest
-- team base (nearest_base, today's active units of every mobile form), the
-- municipalities (their cells' outline, named by coverage), the catchments
-- valid today (catchment_layer), the coverage gaps outlined (coverage_gap)
-- and the bases of the mobile units (unit_layer); then coverage per
-- municipality. Coordinates are SWEREF99 TM metres: ST_AsSVG writes y
-- negated, so the viewBox starts at minus the northern edge.
\ir lib/setup.sql
\qecho '<section id="map">'
\qecho '<h2>Map: travel time to the nearest team</h2>'
SELECT xmlelement(name p, xmlattributes('what' AS class),
	'Each populated square of the population grid is shaded by the estimated travel time by car from the nearest base '
	'of a mobile team active today; the red outline marks the coverage gaps, where people live more than 30 minutes '
	'from any team or outside every catchment; dashed lines are the catchments valid today, dots the teams'' bases.');

WITH cell AS (
	SELECT c.geom, c.population, n.minutes,
		   CASE WHEN n.minutes IS NULL THEN 6 WHEN n.minutes <= 10 THEN 0 WHEN n.minutes <= 20 THEN 1
				WHEN n.minutes <= 30 THEN 2 WHEN n.minutes <= 45 THEN 3 WHEN n.minutes <= 60 THEN 4 ELSE 5 END AS band
	FROM population_cell c
	LEFT JOIN LATERAL nearest_base(ST_Centroid(c.geom), NULL, current_date) n ON true
	WHERE c.population > 0
),
band AS (
	SELECT b.band, b.name, b.colour, ST_Union(cell.geom) AS geom, coalesce(sum(cell.population), 0) AS population
	FROM (VALUES (0, '10 minutes or less', '#1a9850'), (1, '10-20 minutes', '#91cf60'),
				 (2, '20-30 minutes', '#d9ef8b'), (3, '30-45 minutes', '#fee08b'),
				 (4, '45-60 minutes', '#fc8d59'), (5, 'over 60 minutes', '#d73027'),
				 (6, 'no team', '#969696')) b(band, name, colour)
	LEFT JOIN cell USING (band)
	GROUP BY b.band, b.name, b.colour
),
municipality AS (
	SELECT p.municipality_code, ST_Union(p.geom) AS geom
	FROM population_cell p
	GROUP BY p.municipality_code
),
catchment AS (
	SELECT unit_name, area FROM catchment_layer WHERE current
),
base AS (
	SELECT name, unit_form_text, base FROM unit_layer WHERE unit_form_text <> 'none'
),
gap AS (
	SELECT ST_Union(geom) AS geom FROM coverage_gap
),
extent AS (
	SELECT ST_Expand(ST_Extent(g), 2000) AS box
	FROM (SELECT geom AS g FROM municipality UNION ALL SELECT area FROM catchment UNION ALL SELECT base FROM base) t
),
frame AS (
	SELECT ST_XMin(box) AS x0, ST_YMax(box) AS y1, ST_XMax(box) - ST_XMin(box) AS w, ST_YMax(box) - ST_YMin(box) AS h
	FROM extent
)
SELECT CASE WHEN w IS NULL
	THEN xmlelement(name p, xmlattributes('empty' AS class), 'Nothing to draw: no population cells, catchments or team bases.')
	ELSE xmlelement(name figure, xmlattributes('map' AS class),
	xmlelement(name svg, xmlattributes('http://www.w3.org/2000/svg' AS xmlns,
			format('%s %s %s %s', round(x0), round(-y1), round(w), round(h)) AS "viewBox",
			'img' AS role, 'Map of the travel time to the nearest team' AS "aria-label"),
		(SELECT xmlagg(xmlelement(name path, xmlattributes(ST_AsSVG(geom, 0, 0) AS d, colour AS fill, 'cells' AS class),
					xmlelement(name title, name || ': ' || population || ' residents'))
				ORDER BY band)
		 FROM band WHERE geom IS NOT NULL),
		(SELECT xmlagg(xmlelement(name path, xmlattributes(ST_AsSVG(ST_Boundary(geom), 0, 0) AS d, 'municipality' AS class))
				ORDER BY municipality_code)
		 FROM municipality),
		(SELECT xmlagg(xmlelement(name path, xmlattributes(ST_AsSVG(area, 0, 0) AS d, 'catchment' AS class),
					xmlelement(name title, 'Catchment of ' || unit_name)))
		 FROM catchment),
		(SELECT xmlelement(name path, xmlattributes(ST_AsSVG(geom, 0, 0) AS d, 'gap' AS class),
					xmlelement(name title, 'Coverage gap'))
		 FROM gap WHERE geom IS NOT NULL),
		(SELECT xmlagg(xmlelement(name circle, xmlattributes(round(ST_X(base)) AS cx, round(-ST_Y(base)) AS cy,
					round(w / 160) AS r, 'base' AS class),
					xmlelement(name title, name || ' (' || replace(unit_form_text, '_', ' ') || ')'))
				ORDER BY name)
		 FROM base),
		(SELECT xmlagg(xmlelement(name text, xmlattributes(round(ST_X(pt)) AS x, round(-ST_Y(pt)) AS y,
					'middle' AS "text-anchor", round(w / 70) AS "font-size", 'place' AS class), c.municipality)
				ORDER BY c.municipality_code)
		 FROM municipality m
		 JOIN coverage(30) c USING (municipality_code),
		 LATERAL ST_PointOnSurface(m.geom) pt)),
	xmlelement(name figcaption, xmlattributes('legend' AS class),
		(SELECT xmlagg(xmlelement(name span, xmlattributes('key' AS class),
					xmlelement(name i, xmlattributes('background:' || colour AS style), ''),
					name || ' (' || to_char(population, 'FM999,999,999,990') || ')')
				ORDER BY band)
		 FROM band),
		xmlelement(name span, xmlattributes('key' AS class), xmlelement(name i, xmlattributes('gap' AS class), ''), 'coverage gap'),
		xmlelement(name span, xmlattributes('key' AS class), xmlelement(name i, xmlattributes('catchment' AS class), ''), 'catchment'),
		xmlelement(name span, xmlattributes('key' AS class), xmlelement(name i, xmlattributes('base' AS class), ''), 'team base')))
	END
FROM frame;

SELECT coalesce(json_agg(json_build_object(
			'municipality', c30.municipality, 'residents', c30.population,
			'% within 30 min', round(100 * c30.covered_share), '% of 65+ within 30 min', round(100 * c30.covered_65plus_share),
			'% within 60 min', round(100 * c60.covered_share), 'residents in gaps', coalesce(g.residents, 0))
		ORDER BY c30.covered_share, c30.municipality), '[]') AS table,
	   sum(c30.population) AS residents, sum(c30.covered_population) AS covered, coalesce(sum(g.residents), 0) AS gap_residents,
	   (SELECT count(*) FROM unit_layer WHERE unit_form_text <> 'none') AS bases,
	   (SELECT count(*) FROM catchment_layer WHERE current) AS catchments
FROM coverage(30) c30
JOIN coverage(60) c60 USING (municipality_code)
LEFT JOIN (SELECT municipality_code, sum(population) AS residents FROM coverage_gap GROUP BY 1) g USING (municipality_code)
\gset
\qecho '<h3>Coverage by municipality</h3>'
SELECT xmlelement(name p, xmlattributes('what' AS class),
	'The share of each municipality''s residents (and of those 65 and over) whose square lies within 30 and 60 minutes '
	'of a team''s base, and how many live in a coverage gap; the municipalities least covered first.');
\ir lib/table.sql
\qecho '</section>'
\echo map: :bases team bases, :catchments catchments; :covered of :residents residents within 30 minutes of a team, :gap_residents in coverage gaps
