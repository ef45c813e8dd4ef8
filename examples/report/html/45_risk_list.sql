-- The risk list on the last day of the period, per municipality and
-- criterion (priority_patients, priority_criterion).
\ir lib/setup.sql
\qecho '<section id="risk-list">'
\qecho '<h2>Risk list</h2>'
WITH p AS (
	SELECT * FROM priority_patients(:'to')
),
criterion AS (
	SELECT criterion, row_number() OVER (ORDER BY criterion) AS k
	FROM priority_criterion WHERE active
),
area AS (
	SELECT p.municipality_code, coalesce(o.name, p.municipality_code, 'not known') AS name,
		   p.municipality_code IS NULL AS unknown
	FROM (SELECT DISTINCT municipality_code FROM p) p
	LEFT JOIN organisation o ON o.municipality_code = p.municipality_code AND o.principal = 'municipality'
),
-- The table: a row per municipality, then the whole list; its name, the
-- patients, and a column per criterion.
cell AS (
	SELECT a.name, a.unknown, false AS total, c.col, c.k, count(p.*) FILTER (WHERE c.criterion IS NULL OR c.criterion = ANY (p.criteria)) AS n
	FROM area a
	JOIN p ON p.municipality_code IS NOT DISTINCT FROM a.municipality_code
	CROSS JOIN (SELECT NULL::text AS criterion, 'patients' AS col, 0 AS k
				UNION ALL SELECT criterion, replace(criterion, '_', ' '), k FROM criterion) c
	GROUP BY a.name, a.unknown, c.col, c.k
	UNION ALL
	SELECT 'all', false, true, c.col, c.k, count(p.*) FILTER (WHERE c.criterion IS NULL OR c.criterion = ANY (p.criteria))
	FROM (SELECT NULL::text AS criterion, 'patients' AS col, 0 AS k
		  UNION ALL SELECT criterion, replace(criterion, '_', ' '), k FROM criterion) c
	LEFT JOIN p ON true
	GROUP BY c.col, c.k
)
SELECT coalesce(json_agg(r ORDER BY total, unknown, name), '[]') AS table,
	   (SELECT count(*) FROM p) AS patients
FROM (SELECT name, unknown, total,
			 json_object_agg(col, v ORDER BY k) AS r
	  FROM (SELECT name, unknown, total, col, k, to_json(n) AS v FROM cell
			UNION ALL
			SELECT name, unknown, total, 'municipality', -1, to_json(name) FROM (SELECT DISTINCT name, unknown, total FROM cell) d) t
	  GROUP BY name, unknown, total) rows
\gset
SELECT xmlelement(name p, xmlattributes('what' AS class),
	format('The patients on the risk list on %s, the last day of the period: those who meet all the conditions of an '
		   'active criterion of priority_criterion (age; admissions, emergency visits and bed days in the 12 months before; '
		   'care at home), %s in all, per municipality of residence and criterion (a patient may meet several).',
		   :'to', to_char(:patients, 'FM999,999,999,990')));
\ir lib/table.sql
\qecho '</section>'
\echo risk list on :to: :patients patients
