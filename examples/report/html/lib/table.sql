-- An HTML table from the psql variable "table": a JSON array of objects,
-- one a row, whose keys (of the first, in order, each once) are the column
-- headers.
-- Numbers are right-aligned with thousands separators and the decimals they
-- have; every text is escaped by the XML functions.
WITH r AS (
	SELECT o AS rowj, n
	FROM json_array_elements(coalesce(nullif(:'table', ''), '[]')::json) WITH ORDINALITY AS a(o, n)
),
cols AS (
	SELECT key, k FROM json_each((SELECT rowj FROM r WHERE n = 1)) WITH ORDINALITY AS c(key, value, k)
),
cells AS (
	SELECT r.n, cols.k, cols.key, json_typeof(r.rowj -> cols.key) AS type, r.rowj ->> cols.key AS value
	FROM r CROSS JOIN cols
)
SELECT CASE WHEN NOT EXISTS (SELECT FROM r)
	THEN xmlelement(name p, xmlattributes('empty' AS class), 'Nothing to show for the period.')
	ELSE xmlelement(name table,
		xmlelement(name thead, xmlelement(name tr,
			(SELECT xmlagg(xmlelement(name th, key) ORDER BY k) FROM cols))),
		xmlelement(name tbody,
			(SELECT xmlagg(tr ORDER BY n) FROM (
				SELECT n, xmlelement(name tr, xmlagg(
					xmlelement(name td, xmlattributes(CASE WHEN type = 'number' THEN 'num' END AS class),
						CASE WHEN type = 'number'
							 THEN to_char(value::numeric, 'FM999,999,999,999,990'
										  || CASE WHEN scale(value::numeric) > 0 THEN '.' || repeat('0', scale(value::numeric)) ELSE '' END)
							 ELSE coalesce(value, '') END)
					ORDER BY k)) AS tr
				FROM cells GROUP BY n) t)))
	END;
