-- The registry model (contract section 5): what a DBA and a BI tool rely on.
SET search_path = mobilvard, public;
\i sql/include/error_of.sql

-- Every table, view and column, and every function the extension creates,
-- carries a comment (BI tools show them).
SELECT c.relname AS uncommented_relation
FROM pg_class c
WHERE c.relnamespace = 'mobilvard'::regnamespace AND c.relkind IN ('r', 'v', 'm')
  AND obj_description(c.oid, 'pg_class') IS NULL
ORDER BY 1;
SELECT c.relname || '.' || a.attname AS uncommented_column
FROM pg_class c
JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
WHERE c.relnamespace = 'mobilvard'::regnamespace AND c.relkind IN ('r', 'v', 'm')
  AND col_description(c.oid, a.attnum) IS NULL
ORDER BY 1;
SELECT p.oid::regprocedure AS uncommented_function
FROM pg_proc p
JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'mobilvard'
WHERE obj_description(p.oid, 'pg_proc') IS NULL
ORDER BY 1::text;

-- Every table is dumped by pg_dump; the shipped reference tables only with
-- the rows that differ from what CREATE EXTENSION ships.
SELECT c.relname, coalesce(e.extcondition[array_position(e.extconfig, c.oid)], '(not dumped)') AS dump_filter
FROM pg_class c, pg_extension e
WHERE e.extname = 'mobilvard' AND c.relnamespace = 'mobilvard'::regnamespace AND c.relkind = 'r'
ORDER BY c.relname;

-- Geometry columns are typed, so GIS clients list them as layers.
SELECT f_table_name, f_geometry_column, type, srid
FROM geometry_columns WHERE f_table_schema = 'mobilvard'
ORDER BY f_table_name, f_geometry_column;

-- Spatial columns have GiST indexes; patients and dates have btree indexes.
SELECT tablename, indexname FROM pg_indexes
WHERE schemaname = 'mobilvard' AND indexname NOT LIKE '%pkey'
ORDER BY tablename, indexname;

-- Shipped reference rows.
SELECT * FROM price_base_amount ORDER BY year;
SELECT kind, principal, counts_towards, category FROM charge_kind ORDER BY principal, kind;
SELECT * FROM travel_profile ORDER BY name;

-- An inserted row replaces the unchanged shipped default with its key; a
-- second insert of the same key is a duplicate again.
INSERT INTO price_base_amount VALUES (2026, 59300);
SELECT * FROM price_base_amount WHERE year = 2026;
SELECT pg_temp.error_of($$INSERT INTO price_base_amount VALUES (2026, 59400)$$);
INSERT INTO price_base_amount VALUES (2027, 60000);
-- What pg_dump carries of it: the changed and the added rows.
SELECT year, amount FROM price_base_amount
WHERE NOT EXISTS (SELECT FROM shipped_price_base_amount() s WHERE s IS NOT DISTINCT FROM price_base_amount)
ORDER BY year;
-- A shipped row with a NULL column is still recognised as shipped.
INSERT INTO charge_kind VALUES ('certificate', 'region', 'none', NULL, 'Medical certificate (edited)');
SELECT kind, description FROM charge_kind WHERE kind = 'certificate';

-- Rows that break the model are rejected, with the constraint that says why.
INSERT INTO organisation VALUES ('R18', 'Region Örebro län', 'region', NULL, NULL, NULL);
INSERT INTO organisation VALUES ('K1880', 'Örebro kommun', 'municipality', 'R18', '1880', 'Örebro');
INSERT INTO unit VALUES ('U1', 'R18', 'ASIH Örebro', 'specialised_inpatient', 'specialised_home_care',
						 ST_SetSRID(ST_MakePoint(514000, 6573000), 3006));
INSERT INTO patient VALUES (1, 1940, 'F', '1880', ST_SetSRID(ST_MakePoint(515000, 6574000), 3006), NULL);
SELECT test, pg_temp.error_of(statement) AS error
FROM (VALUES
	('principal', $$INSERT INTO organisation VALUES ('X', 'X', 'county', NULL, '1234', NULL)$$),
	('municipality code', $$INSERT INTO organisation VALUES ('K9', 'X', 'municipality', 'R18', '18', NULL)$$),
	('municipality without code', $$INSERT INTO organisation VALUES ('K8', 'X', 'municipality', 'R18', NULL, NULL)$$),
	('unknown organisation', $$INSERT INTO unit VALUES ('U2', 'R99', 'X', 'regional_primary', 'none', NULL)$$),
	('unit level', $$INSERT INTO unit VALUES ('U2', 'R18', 'X', 'tertiary', 'none', NULL)$$),
	('base SRID', $$INSERT INTO unit VALUES ('U2', 'R18', 'X', 'regional_primary', 'none', ST_SetSRID(ST_MakePoint(15, 59), 4326))$$),
	('base type', $$INSERT INTO unit VALUES ('U2', 'R18', 'X', 'regional_primary', 'none', ST_GeomFromText('LINESTRING(0 0, 1 1)', 3006))$$),
	('sex', $$INSERT INTO patient VALUES (2, 1950, 'K', NULL, NULL, NULL)$$),
	('birth year', $$INSERT INTO patient VALUES (2, 1850, 'F', NULL, NULL, NULL)$$),
	('episode dates', $$INSERT INTO episode VALUES (1, 1, 'U1', 'ordinary_home', true, '2025-03-10', '2025-03-09', NULL)$$),
	('discharge after start', $$INSERT INTO episode VALUES (1, 1, 'U1', 'ordinary_home', true, '2025-03-10', NULL, '2025-03-11')$$),
	('unknown patient', $$INSERT INTO episode VALUES (1, 99, 'U1', 'ordinary_home', true, '2025-03-10', NULL, NULL)$$),
	('contact mode', $$INSERT INTO contact VALUES (1, 1, 'U1', '2025-03-10', 'remote', 'telepathy', 'nurse')$$),
	('negative fee', $$INSERT INTO charge VALUES (1, 1, 'R18', '2025-03-10', 'home_visit', -100)$$),
	('unknown kind', $$INSERT INTO charge VALUES (1, 1, 'R18', '2025-03-10', 'parking', 100)$$),
	('kind counts hcp but is municipal', $$INSERT INTO charge_kind VALUES ('x', 'municipality', 'hcp', NULL, 'x')$$),
	('65+ above population', $$INSERT INTO population_cell VALUES ('c1', '1880', 10, 11, ST_MakeEnvelope(0, 0, 1000, 1000, 3006))$$),
	('empty validity', $$INSERT INTO catchment VALUES ('U1', 'empty', ST_Multi(ST_MakeEnvelope(0, 0, 1000, 1000, 3006)))$$),
	('invalid area', $$INSERT INTO catchment VALUES ('U1', '[2025-01-01,)', ST_Multi(ST_GeomFromText('POLYGON((0 0, 10 10, 10 0, 0 10, 0 0))', 3006)))$$)
) t(test, statement);

-- Dropping the extension removes everything it created (PostgreSQL leaves
-- the schema it made, empty); creating it again gives the shipped state back.
DROP EXTENSION mobilvard;
SELECT (SELECT count(*) FROM pg_class WHERE relnamespace = 'mobilvard'::regnamespace) AS relations,
	   (SELECT count(*) FROM pg_type WHERE typnamespace = 'mobilvard'::regnamespace) AS types,
	   (SELECT count(*) FROM pg_proc WHERE pronamespace = 'mobilvard'::regnamespace) AS functions,
	   (SELECT count(*) FROM pg_operator WHERE oprnamespace = 'mobilvard'::regnamespace) AS operators;
CREATE EXTENSION mobilvard;
SELECT count(*) AS price_base_years FROM mobilvard.price_base_amount;
