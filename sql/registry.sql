-- Registries (doc/registry.md): what create_registry makes, what a DBA and a
-- BI tool rely on, and what DROP EXTENSION and DROP SCHEMA do with them.
\i sql/include/error_of.sql

-- A registry is made in the schema it is named after, owned by its maker,
-- and entered in the catalog.  set_search_path => false leaves the database
-- setting alone (tested below).
SELECT mobilvard.create_registry('registry', false);
SELECT * FROM mobilvard.registries ORDER BY name;
SELECT nspname, pg_get_userbyid(nspowner) = current_user AS owned_by_maker,
	   obj_description(oid, 'pg_namespace') AS comment
FROM pg_namespace WHERE nspname = 'registry';
SET search_path = registry, mobilvard, public;

-- None of the registry's objects belongs to the extension.
SELECT count(*) AS registry_objects_in_extension
FROM pg_depend d
JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'mobilvard'
WHERE d.deptype = 'e'
  AND (d.classid = 'pg_class'::regclass AND d.objid IN (SELECT oid FROM pg_class WHERE relnamespace = 'registry'::regnamespace)
	   OR d.classid = 'pg_proc'::regclass AND d.objid IN (SELECT oid FROM pg_proc WHERE pronamespace = 'registry'::regnamespace));
-- What the registry holds: its tables, views and functions by kind.
SELECT CASE c.relkind WHEN 'r' THEN 'table' WHEN 'v' THEN 'view' END AS kind,
	   string_agg(c.relname, ' ' ORDER BY c.relname) AS names
FROM pg_class c
WHERE c.relnamespace = 'registry'::regnamespace AND c.relkind IN ('r', 'v')
GROUP BY c.relkind ORDER BY 1;
SELECT string_agg(p.proname, ' ' ORDER BY p.proname) AS functions
FROM pg_proc p WHERE p.pronamespace = 'registry'::regnamespace;
-- Every view runs with its caller's rights (row-level security applies
-- through it), but for the policies' own helper, which reads org_access with
-- its owner's rights and shows each role only its own access.
SELECT c.relname AS view_without_security_invoker
FROM pg_class c
WHERE c.relnamespace IN ('registry'::regnamespace, 'mobilvard'::regnamespace) AND c.relkind = 'v'
  AND NOT coalesce('security_invoker=true' = ANY (c.reloptions), false)
  AND c.oid <> 'registry._role_access'::regclass;

-- Every table, view and column, and every function of the registry and the
-- extension, carries a comment (BI tools show them).
SELECT c.relnamespace::regnamespace AS schema, c.relname AS uncommented_relation
FROM pg_class c
WHERE c.relnamespace IN ('registry'::regnamespace, 'mobilvard'::regnamespace) AND c.relkind IN ('r', 'v', 'm')
  AND obj_description(c.oid, 'pg_class') IS NULL
ORDER BY 1, 2;
SELECT c.relnamespace::regnamespace AS schema, c.relname || '.' || a.attname AS uncommented_column
FROM pg_class c
JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
WHERE c.relnamespace IN ('registry'::regnamespace, 'mobilvard'::regnamespace) AND c.relkind IN ('r', 'v', 'm')
  AND col_description(c.oid, a.attnum) IS NULL
ORDER BY 1, 2;
SELECT p.oid::regprocedure AS uncommented_function
FROM pg_proc p
WHERE p.pronamespace IN ('registry'::regnamespace, 'mobilvard'::regnamespace)
  AND obj_description(p.oid, 'pg_proc') IS NULL
ORDER BY 1::text;

-- BI and GIS tools: beside every column of a mobilvard type a view has the
-- same as text (column_text); every view with a geometry has exactly one.
SELECT c.relname || '.' || a.attname AS typed_column_without_text
FROM pg_class c
JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0
WHERE c.relnamespace = 'registry'::regnamespace AND c.relkind = 'v'
  AND a.atttypid IN ('mobilvard.care_level'::regtype, 'mobilvard.care_setting'::regtype, 'mobilvard.care_form'::regtype)
  AND NOT EXISTS (SELECT FROM pg_attribute b
				  WHERE b.attrelid = c.oid AND b.attname = a.attname || '_text' AND b.atttypid = 'text'::regtype)
ORDER BY 1;
SELECT c.relname AS view, count(*) AS geometry_columns
FROM pg_class c
JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND a.atttypid = 'geometry'::regtype
WHERE c.relnamespace = 'registry'::regnamespace AND c.relkind = 'v'
GROUP BY c.relname ORDER BY 1;

-- Geometry columns are typed, so GIS clients list them as layers.
SELECT f_table_name, f_geometry_column, type, srid
FROM geometry_columns WHERE f_table_schema = 'registry'
ORDER BY f_table_name, f_geometry_column;

-- Spatial columns have GiST indexes; patients and dates have btree indexes.
SELECT tablename, indexname FROM pg_indexes
WHERE schemaname = 'registry' AND indexname NOT LIKE '%pkey'
ORDER BY tablename, indexname;

-- Shipped reference rows: the registry's ordinary rows, the national price
-- base amounts the extension's.
SELECT * FROM mobilvard.price_base_amount ORDER BY year;
SELECT kind, principal, counts_towards, category FROM charge_kind ORDER BY principal, kind;
SELECT * FROM travel_profile ORDER BY name;
SELECT * FROM region_tariff_default;
SELECT * FROM municipal_tariff_default ORDER BY category, valid;
SELECT criterion, min_age, min_admissions, min_ed_visits, min_bed_days, requires_home_care
FROM priority_criterion ORDER BY criterion;

-- A price base amount inserted for a shipped year replaces the unchanged
-- shipped row (this is how a dump restores an edit); a second insert of the
-- same year is a duplicate again.  pg_dump carries the changed and added rows.
BEGIN;
INSERT INTO mobilvard.price_base_amount VALUES (2026, 59300);
SELECT * FROM mobilvard.price_base_amount WHERE year = 2026;
SELECT pg_temp.error_of($$INSERT INTO mobilvard.price_base_amount VALUES (2026, 59400)$$);
INSERT INTO mobilvard.price_base_amount VALUES (2027, 60000);
SELECT year, amount FROM mobilvard.price_base_amount
WHERE (year, amount) NOT IN (SELECT s.year, s.amount FROM mobilvard._shipped_price_base_amount() s)
ORDER BY year;
ROLLBACK;
SELECT e.extname, c.relname, e.extcondition[array_position(e.extconfig, c.oid)] AS dump_filter
FROM pg_extension e, unnest(e.extconfig) AS x(oid) JOIN pg_class c ON c.oid = x.oid
WHERE e.extname = 'mobilvard' ORDER BY c.relname;

-- Rows that break the model are rejected, with the constraint that says why.
BEGIN;
INSERT INTO organisation VALUES ('R18', 'Region Örebro län', 'region', NULL, NULL, NULL);
INSERT INTO organisation VALUES ('K1880', 'Örebro kommun', 'municipality', 'R18', '1880', 'Örebro');
INSERT INTO unit (unit_id, org_code, name, unit_level, unit_form, base)
VALUES ('U1', 'R18', 'ASIH Örebro', 'specialised_inpatient', 'specialised_home_care',
		ST_SetSRID(ST_MakePoint(514000, 6573000), 3006));
INSERT INTO patient (patient_id, birth_year, sex, municipality_code, home)
VALUES (1, 1940, 'F', '1880', ST_SetSRID(ST_MakePoint(515000, 6574000), 3006));
INSERT INTO catchment (unit_id, valid, area)
VALUES ('U1', '[2025-01-01,2026-01-01)', ST_Multi(ST_MakeEnvelope(500000, 6600000, 501000, 6601000, 3006)));
SELECT test, pg_temp.error_of(statement) AS error
FROM (VALUES
	('principal', $$INSERT INTO organisation VALUES ('X', 'X', 'county', NULL, '1234', NULL)$$),
	('municipality code', $$INSERT INTO organisation VALUES ('K9', 'X', 'municipality', 'R18', '18', NULL)$$),
	('municipality without code', $$INSERT INTO organisation VALUES ('K8', 'X', 'municipality', 'R18', NULL, NULL)$$),
	('unknown parent', $$INSERT INTO organisation VALUES ('K7', 'X', 'municipality', 'R99', '1234', NULL)$$),
	('unknown organisation', $$INSERT INTO unit (unit_id, org_code, name, unit_level) VALUES ('U2', 'R99', 'X', 'regional_primary')$$),
	('unit level', $$INSERT INTO unit (unit_id, org_code, name, unit_level) VALUES ('U2', 'R18', 'X', 'tertiary')$$),
	('base SRID', $$INSERT INTO unit (unit_id, org_code, name, unit_level, base) VALUES ('U2', 'R18', 'X', 'regional_primary', ST_SetSRID(ST_MakePoint(15, 59), 4326))$$),
	('base type', $$INSERT INTO unit (unit_id, org_code, name, unit_level, base) VALUES ('U2', 'R18', 'X', 'regional_primary', ST_GeomFromText('LINESTRING(0 0, 1 1)', 3006))$$),
	('sex', $$INSERT INTO patient (patient_id, sex) VALUES (2, 'K')$$),
	('birth year', $$INSERT INTO patient (patient_id, birth_year) VALUES (2, 1850)$$),
	('episode dates', $$INSERT INTO episode VALUES (1, 1, 'U1', 'ordinary_home', true, '2025-03-10', '2025-03-09', NULL)$$),
	('discharge after start', $$INSERT INTO episode VALUES (1, 1, 'U1', 'ordinary_home', true, '2025-03-10', NULL, '2025-03-11')$$),
	('unknown patient', $$INSERT INTO episode VALUES (1, 99, 'U1', 'ordinary_home', true, '2025-03-10', NULL, NULL)$$),
	('contact mode', $$INSERT INTO contact VALUES (1, 1, 'U1', '2025-03-10', 'remote', 'telepathy', 'nurse')$$),
	('negative fee', $$INSERT INTO charge VALUES (1, 1, 'R18', '2025-03-10', 'home_visit', -100)$$),
	('unknown kind', $$INSERT INTO charge VALUES (1, 1, 'R18', '2025-03-10', 'parking', 100)$$),
	('kind counts hcp but is municipal', $$INSERT INTO charge_kind VALUES ('x', 'municipality', 'hcp', NULL, 'x')$$),
	('65+ above population', $$INSERT INTO population_cell VALUES ('c1', '1880', 10, 11, ST_MakeEnvelope(500000, 6600000, 501000, 6601000, 3006))$$),
	('empty validity', $$INSERT INTO catchment (unit_id, valid, area) VALUES ('U1', 'empty', ST_Multi(ST_MakeEnvelope(500000, 6600000, 501000, 6601000, 3006)))$$),
	('invalid area', $$INSERT INTO catchment (unit_id, valid, area) VALUES ('U1', '[2026-01-01,)', ST_Multi(ST_GeomFromText('POLYGON((500000 6600000, 500010 6600010, 500010 6600000, 500000 6600010, 500000 6600000))', 3006)))$$),
	('overlapping catchment', $$INSERT INTO catchment (unit_id, valid, area) VALUES ('U1', '[2025-06-01,2026-06-01)', ST_Multi(ST_MakeEnvelope(500000, 6600000, 501000, 6601000, 3006)))$$),
	('overlapping region tariff', $$INSERT INTO region_tariff (org_code, valid, hcp_ceiling) VALUES ('R18', '[2025-01-01,2026-01-01)', 1000), ('R18', '[2025-06-01,2026-01-01)', 900)$$),
	('overlapping municipal tariff', $$INSERT INTO municipal_tariff (org_code, valid, category, visit_fee) VALUES ('K1880', '[2025-01-01,)', 'home_health', 100), ('K1880', '[2025-02-01,)', 'home_health', 120)$$),
	('overlapping default', $$INSERT INTO municipal_tariff_default (category, valid, visit_fee) VALUES ('home_health', '[2025-01-01,2025-02-01)', 100)$$)
) t(test, statement);
-- Poison rows: a NaN or infinite amount, an infinite date, a non-finite or
-- empty geometry would make every later read of a view fail or lie; each
-- is refused where it is written, by a named constraint.
SET client_min_messages = warning;
SELECT test, pg_temp.error_of(statement) AS error
FROM (VALUES
	('NaN fee', $$INSERT INTO charge VALUES (2, 1, 'R18', '2025-03-10', 'home_visit', 'NaN')$$),
	('infinite fee', $$INSERT INTO charge VALUES (2, 1, 'R18', '2025-03-10', 'home_visit', 'Infinity')$$),
	('infinite charge date', $$INSERT INTO charge VALUES (2, 1, 'R18', 'infinity', 'home_visit', 100)$$),
	('charge in year 2300', $$INSERT INTO charge VALUES (2, 1, 'R18', '2300-01-01', 'home_visit', 100)$$),
	('infinite episode end', $$INSERT INTO episode VALUES (2, 1, 'U1', 'ordinary_home', true, '2025-03-10', 'infinity', NULL)$$),
	('infinite episode start', $$INSERT INTO episode VALUES (2, 1, 'U1', 'ordinary_home', true, '-infinity', NULL, NULL)$$),
	('infinite contact date', $$INSERT INTO contact VALUES (2, 1, 'U1', 'infinity', 'remote', 'video', 'nurse')$$),
	('NaN ceiling', $$INSERT INTO region_tariff (org_code, valid, hcp_ceiling) VALUES ('R18', '[2030-01-01,2031-01-01)', 'NaN')$$),
	('infinite visit fee', $$INSERT INTO municipal_tariff (org_code, valid, category, visit_fee) VALUES ('K1880', '[2030-01-01,)', 'home_health', 'Infinity')$$),
	('NaN margin', $$INSERT INTO personal_margin VALUES (1, '2025-03-01', 'NaN')$$),
	('NaN price base amount', $$INSERT INTO mobilvard.price_base_amount VALUES (2031, 'NaN')$$),
	('NaN speed', $$UPDATE travel_profile SET rural_kmh = 'NaN'$$),
	('infinite base', $$UPDATE unit SET base = ST_SetSRID(ST_MakePoint('Infinity', 6573000), 3006)$$),
	('empty home', $$UPDATE patient SET home = 'SRID=3006;POINT EMPTY'$$),
	('empty catchment', $$INSERT INTO catchment (unit_id, valid, area) VALUES ('U1', '[2030-01-01,)', 'SRID=3006;MULTIPOLYGON EMPTY')$$),
	('NaN road cost', $$INSERT INTO road_vertex VALUES (1, 'SRID=3006;POINT(500000 6600000)'), (2, 'SRID=3006;POINT(500001 6600001)'); INSERT INTO road_edge VALUES (1, 1, 2, 'NaN', 1, NULL)$$)
) t(test, statement);
-- Geometries outside Sweden's extent (coordinates swapped, lon/lat given as
-- metres, a point at the origin) are refused by a named constraint each.
SELECT test, pg_temp.error_of(statement) AS error
FROM (VALUES
	('base at the origin', $$UPDATE unit SET base = 'SRID=3006;POINT(0 0)'$$),
	('home with x and y swapped', $$UPDATE patient SET home = 'SRID=3006;POINT(6573000 515000)'$$),
	('home in degrees', $$UPDATE patient SET home = 'SRID=3006;POINT(15.2 59.3)'$$),
	('catchment reaching into Norway''s sea', $$INSERT INTO catchment (unit_id, valid, area) VALUES ('U1', '[2030-01-01,)', ST_Multi(ST_MakeEnvelope(100000, 6600000, 501000, 6601000, 3006)))$$),
	('population cell south of Skåne', $$INSERT INTO population_cell VALUES ('c1', '1880', 10, 1, ST_MakeEnvelope(400000, 6000000, 401000, 6001000, 3006))$$),
	('town north of the extent', $$INSERT INTO urban_area VALUES ('x', ST_Multi(ST_MakeEnvelope(700000, 7700000, 701000, 7701000, 3006)))$$),
	('road vertex at the origin', $$INSERT INTO road_vertex VALUES (1, 'SRID=3006;POINT(0 0)')$$),
	('road edge out to sea', $$INSERT INTO road_vertex VALUES (1, 'SRID=3006;POINT(500000 6600000)'), (2, 'SRID=3006;POINT(500001 6600001)'); INSERT INTO road_edge VALUES (1, 1, 2, 1, 1, 'SRID=3006;LINESTRING(500000 6600000, 1500000 6600000)')$$),
	('the extent''s corners are in', $$UPDATE unit SET base = 'SRID=3006;POINT(181896 6090340)'; UPDATE patient SET home = 'SRID=3006;POINT(1086313 7689479)'$$)
) t(test, statement);
RESET client_min_messages;
-- The birth year follows the birth date; the registry gives a catchment and
-- a unit their integer keys.
INSERT INTO patient (patient_id, birth_date) VALUES (3, '1938-05-17');
UPDATE patient SET birth_date = '1939-01-01' WHERE patient_id = 3;
SELECT patient_id, birth_date, birth_year FROM patient ORDER BY patient_id;
-- A birth year given against the birth date is refused, not overwritten.
SELECT pg_temp.error_of($$UPDATE patient SET birth_year = 1941 WHERE patient_id = 3$$);
SELECT pg_temp.error_of($$INSERT INTO patient (patient_id, birth_date, birth_year) VALUES (4, '1950-02-03', 1951)$$);
SELECT unit_id, unit_key FROM unit;
SELECT catchment_id, unit_id, valid_from, valid_to FROM catchment_layer;
ROLLBACK;

-- create_registry's refusals, each with its SQLSTATE.
CREATE SCHEMA not_empty;
CREATE TABLE not_empty.t ();
CREATE ROLE mobilvard_other_owner;
CREATE SCHEMA theirs AUTHORIZATION mobilvard_other_owner;
SELECT test, pg_temp.error_of(statement) AS error
FROM (VALUES
	('no name', $$SELECT mobilvard.create_registry(NULL)$$),
	('not an identifier', $$SELECT mobilvard.create_registry('Region Örebro')$$),
	('upper case', $$SELECT mobilvard.create_registry('Registry')$$),
	('too long', $$SELECT mobilvard.create_registry(repeat('r', 64))$$),
	('system schema', $$SELECT mobilvard.create_registry('pg_registry')$$),
	('public', $$SELECT mobilvard.create_registry('public')$$),
	('the extension''s schema', $$SELECT mobilvard.create_registry('mobilvard')$$),
	('exists', $$SELECT mobilvard.create_registry('registry')$$),
	('schema of another role', $$SELECT mobilvard.create_registry('theirs')$$),
	('schema not empty', $$SELECT mobilvard.create_registry('not_empty')$$),
	('upgrade of no registry', $$SELECT mobilvard.upgrade_registry('nothing')$$),
	('helper: no 0.1 registry waits', $$SELECT mobilvard._registry_from_0_1('moved')$$),
	('helper: an empty name in the search_path', $$SELECT mobilvard._add_to_search_path('')$$),
	('helper: a name that needs quotes', $$SELECT mobilvard._add_to_search_path('Mixed Case')$$)
) t(test, statement);
DROP SCHEMA not_empty CASCADE;
DROP SCHEMA theirs;
DROP ROLE mobilvard_other_owner;
-- The catalog is written only by a schema's owner.
SELECT pg_temp.error_of($$UPDATE mobilvard.registries SET name = 'other' WHERE name = 'registry'$$);
-- upgrade_registry of a current registry does nothing.
SELECT mobilvard.upgrade_registry('registry');

-- Two registries side by side in one database (test and production), each
-- with its own rows; an empty schema of the caller's is used as it is.
CREATE SCHEMA scratch;
SELECT mobilvard.create_registry('scratch', false);
INSERT INTO scratch.organisation VALUES ('R1', 'Region Test', 'region', NULL, NULL, NULL);
UPDATE scratch.travel_profile SET urban_kmh = 20;
SELECT (SELECT count(*) FROM registry.organisation) AS registry_organisations,
	   (SELECT count(*) FROM scratch.organisation) AS scratch_organisations,
	   registry.travel_minutes('SRID=3006;POINT(0 0)', 'SRID=3006;POINT(1000 0)', true) AS registry_minutes,
	   scratch.travel_minutes('SRID=3006;POINT(0 0)', 'SRID=3006;POINT(1000 0)', true) AS scratch_minutes;
SELECT * FROM mobilvard.registries ORDER BY name;

-- DROP EXTENSION without CASCADE refuses while a registry uses the
-- extension, and names the registry's objects; nothing is lost.
-- (With no registry in the search_path, the detail qualifies each object.)
SET search_path = pg_catalog;
DO $$
DECLARE
	detail text;
BEGIN
	DROP EXTENSION mobilvard;
EXCEPTION WHEN dependent_objects_still_exist THEN
	GET STACKED DIAGNOSTICS detail = PG_EXCEPTION_DETAIL;
	RAISE NOTICE '%: %; the detail names registry.unit: %, scratch.unit: %', SQLSTATE, SQLERRM,
		detail LIKE '%column unit_level of table registry.unit depends on type mobilvard.care_level%',
		detail LIKE '%column unit_level of table scratch.unit depends on type mobilvard.care_level%';
END
$$;
SET search_path = registry, mobilvard, public;
SELECT count(*) AS scratch_organisations FROM scratch.organisation;

-- DROP SCHEMA of a registry takes it out of the catalog, so that its name
-- can be used again.
SET client_min_messages = warning;
DROP SCHEMA scratch CASCADE;
RESET client_min_messages;
SELECT * FROM mobilvard.registries ORDER BY name;
SELECT mobilvard.create_registry('scratch', false);
SET client_min_messages = warning;
DROP SCHEMA scratch CASCADE;
RESET client_min_messages;

-- The database's default search_path gains the registry and mobilvard,
-- keeping what was there; a second registry adds only itself.  (Reset, so
-- that the other test files start from the server's default.)
ALTER DATABASE contrib_regression SET search_path = "$user", public, topology;
SELECT mobilvard.create_registry('search_path_test');
SELECT mobilvard.create_registry('search_path_test2');
SELECT unnest(setconfig) AS database_setting
FROM pg_db_role_setting WHERE setdatabase = (SELECT oid FROM pg_database WHERE datname = current_database());
ALTER DATABASE contrib_regression RESET search_path;
SET client_min_messages = warning;
DROP SCHEMA search_path_test, search_path_test2 CASCADE;
RESET client_min_messages;
