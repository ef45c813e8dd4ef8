-- A bar chart as an inline SVG figure with its legend, from psql variables:
--   chart       JSON array of {x, xo, s, so, v}: category x (ordered by xo),
--               series s (ordered by so), value v (0 or more); a row whose
--               s is null only makes its category appear (a month without data)
--   chart_mode  stack (series stacked in one bar) or group (side by side)
--   chart_unit  what v counts, for the axis and the tooltips
--   chart_label the chart's name, for screen readers
-- Every text is escaped by the XML functions. Bars carry class "mark".
WITH d AS (
	SELECT x, xo, s, so, greatest(v, 0) AS v
	FROM json_to_recordset(:'chart'::json) AS d(x text, xo numeric, s text, so numeric, v numeric)
	WHERE v IS NOT NULL
),
xs AS (
	SELECT x, xo, row_number() OVER (ORDER BY xo, x) - 1 AS i
	FROM (SELECT DISTINCT x, xo FROM d) t
),
ss AS (
	SELECT s, so, row_number() OVER (ORDER BY so, s) - 1 AS j,
		   (ARRAY['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#edc948',
				  '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'])[1 + (row_number() OVER (ORDER BY so, s) - 1) % 10] AS colour
	FROM (SELECT DISTINCT s, so FROM d WHERE s IS NOT NULL) t
),
top AS (
	SELECT CASE WHEN :'chart_mode' = 'stack'
				THEN (SELECT max(total) FROM (SELECT sum(v) AS total FROM d GROUP BY x) t)
				ELSE (SELECT max(v) FROM d) END AS m
),
-- The axis: about five steps of 1, 2 or 5 times a power of ten.
axis AS (
	SELECT step, greatest(ceil(m / step), 1) * step AS ymax
	FROM top,
		 LATERAL (SELECT 10 ^ floor(log(greatest(m, 1) / 5.0)) AS mag) g,
		 LATERAL (SELECT mag * CASE WHEN greatest(m, 1) / 5.0 / mag <= 1 THEN 1
									WHEN greatest(m, 1) / 5.0 / mag <= 2 THEN 2
									WHEN greatest(m, 1) / 5.0 / mag <= 5 THEN 5 ELSE 10 END AS step) s
),
-- Layout in viewBox units: labels horizontal when they fit under their bar,
-- else slanted, with room below for the longest (cut at 28 characters).
layout AS (
	SELECT 960 AS w, 72 AS l, 16 AS r, 14 AS t, 240 AS ph, nx, ns, band, per_band, bw,
		   slanted, CASE WHEN slanted THEN 24 + 5.2 * least(len, 28) ELSE 30 END AS b
	FROM (SELECT count(*) AS nx, max(length(x)) AS len FROM xs) n,
		 LATERAL (SELECT count(*) AS ns FROM ss) m,
		 LATERAL (SELECT (960 - 72 - 16) / greatest(nx, 1)::numeric AS band) bd,
		 LATERAL (SELECT len * 7.5 > band AS slanted) sl,
		 LATERAL (SELECT CASE WHEN :'chart_mode' = 'stack' THEN 1 ELSE greatest(ns, 1) END AS per_band) pb,
		 LATERAL (SELECT least(band * 0.8, 120.0) / per_band AS bw) wd
),
bars AS (
	SELECT d.x, d.s, d.v, ss.colour, xs.i, ss.j,
		   CASE WHEN :'chart_mode' = 'stack'
				THEN coalesce(sum(d.v) OVER (PARTITION BY d.x ORDER BY ss.j ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)
				ELSE 0 END AS below
	FROM d JOIN xs USING (x, xo) JOIN ss USING (s, so)
),
marks AS (
	SELECT xmlagg(xmlelement(name rect, xmlattributes(
				round(l + i * band + (band - bw * per_band) / 2 + CASE WHEN per_band > 1 THEN j * bw ELSE 0 END, 1) AS x,
				round(t + ph - (below + v) / ymax * ph, 1) AS y,
				round(bw, 1) AS width,
				round(v / ymax * ph, 1) AS height,
				colour AS fill, 'mark' AS class),
			xmlelement(name title, x || ' · ' || s || ': ' || v || ' ' || :'chart_unit'))
			ORDER BY i, j) AS svg
	FROM bars, layout, axis
),
grid AS (
	SELECT xmlagg(xmlconcat(
			xmlelement(name line, xmlattributes(l AS x1, w - r AS x2,
				round(t + ph - tick / ymax * ph, 1) AS y1, round(t + ph - tick / ymax * ph, 1) AS y2,
				CASE WHEN tick = 0 THEN 'axis' ELSE 'grid' END AS class)),
			xmlelement(name text, xmlattributes(l - 6 AS x, round(t + ph - tick / ymax * ph + 4, 1) AS y,
				'end' AS "text-anchor", 'tick' AS class), trim_scale(tick)::text))
			ORDER BY tick) AS svg
	FROM layout, axis, LATERAL generate_series(0::numeric, ymax, step) tick
),
labels AS (
	SELECT xmlagg(
			xmlelement(name text, xmlattributes(
				round(l + i * band + band / 2, 1) AS x, t + ph + 16 AS y,
				CASE WHEN slanted THEN 'end' ELSE 'middle' END AS "text-anchor",
				CASE WHEN slanted THEN format('rotate(-40 %s %s)', round(l + i * band + band / 2, 1), t + ph + 10) END AS transform,
				'label' AS class),
				CASE WHEN length(x) > 28 THEN left(x, 27) || '…' ELSE x END)
			ORDER BY i) AS svg
	FROM xs, layout
),
legend AS (
	SELECT xmlagg(xmlelement(name span, xmlattributes('key' AS class),
			xmlelement(name i, xmlattributes('background:' || colour AS style), ''), s) ORDER BY j) AS html
	FROM ss
)
SELECT CASE WHEN (SELECT count(*) FROM d) = 0 OR (SELECT m FROM top) = 0
	THEN xmlelement(name p, xmlattributes('empty' AS class), 'Nothing to show for the period.')
	ELSE xmlelement(name figure, xmlattributes('chart' AS class),
		xmlelement(name svg, xmlattributes('http://www.w3.org/2000/svg' AS xmlns,
				format('0 0 %s %s', w, t + ph + b) AS "viewBox", 'img' AS role, :'chart_label' AS "aria-label"),
			xmlelement(name text, xmlattributes(14 AS x, t + ph / 2 AS y, 'middle' AS "text-anchor",
				format('rotate(-90 14 %s)', t + ph / 2) AS transform, 'unit' AS class), :'chart_unit'),
			grid.svg, marks.svg, labels.svg),
		xmlelement(name figcaption, xmlattributes('legend' AS class), legend.html))
	END
FROM layout, grid, marks, labels, legend;
