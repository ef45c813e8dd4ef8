-- Loading extracts (doc/loading.md): load() of every table, what it
-- accepts, what it rejects and why, and re-runs.
SET datestyle = ISO;
\i sql/include/error_of.sql
SET client_min_messages = warning;
SELECT mobilvard.create_registry('ld', set_search_path => false);
RESET client_min_messages;
SET search_path = ld, mobilvard, public;

-- The rejects of the last run, in source order.
CREATE FUNCTION pg_temp.rejects()
RETURNS TABLE (source_row bigint, sqlstate text, at_fault text, message text)
LANGUAGE sql AS $$
	SELECT source_row, sqlstate, at_fault, message FROM ld.load_reject
	WHERE load_id = (SELECT last_value FROM ld.load_id_seq) ORDER BY source_row
$$;

-- ===========================================================================
-- Input checks without the error
-- ===========================================================================

SELECT v, t, _input_problem(v, t) AS problem
FROM (VALUES ('2025-03-01', 'date'::regtype), ('20250301', 'date'), (' 2025-03-01 ', 'date'),
			 ('2025-13-01', 'date'), ('2025-02-29', 'date'), ('2024-02-29', 'date'),
			 ('01/03/2025', 'date'), ('infinity', 'date'), ('2025-3-1', 'date'),
			 ('42', 'bigint'), ('-42', 'integer'), ('+7', 'smallint'), ('4.2', 'bigint'),
			 ('9223372036854775808', 'bigint'), ('2147483648', 'integer'), ('', 'integer'),
			 ('12.50', 'numeric'), ('-1e3', 'numeric'), ('NaN', 'numeric'), ('1e9999', 'numeric'),
			 ('12,50', 'numeric'), ('.5', 'numeric'), ('5.', 'numeric'), ('e5', 'numeric'),
			 ('59.27', 'double precision'), ('1e400', 'double precision'), ('abc', 'double precision'),
			 ('yes', 'boolean'), ('F', 'boolean'), ('ja', 'boolean'),
			 ('[2025-01-01,2026-01-01)', 'daterange'), ('[2025-01-01,)', 'mobilvard.validity'),
			 ('empty', 'daterange'), ('[2026-01-01,2025-01-01)', 'daterange'), ('2025', 'daterange'),
			 ('[2025-13-01,)', 'daterange'),
			 ('{[0,20)}', 'int4multirange'), (' { [0,18) , (84,] } ', 'int4multirange'), ('{}', 'int4multirange'),
			 ('{empty}', 'int4multirange'), ('{[20,0)}', 'int4multirange'), ('[0,20)', 'int4multirange'),
			 ('{[0,x)}', 'int4multirange'), ('{[0,3000000000)}', 'int4multirange'), ('{[0,20),}', 'int4multirange'),
			 ('{[0,20)} x', 'int4multirange'),
			 ('08:05', 'time'), (' 17:30:15.5 ', 'time'), ('24:00', 'time'), ('24:00:00.000', 'time'),
			 ('8:05', 'time'), ('08.05', 'time'), ('8 pm', 'time'), ('08:05:', 'time'),
			 ('25:00', 'time'), ('12:60', 'time'), ('12:30:60', 'time'), ('24:00:01', 'time'),
			 ('24:00:00.5', 'time'),
			 ('Ordinary Home', 'care_setting'), ('ORDINÄRT BOENDE', 'care_setting'),
			 ('sjukhusvård i hemmet', 'care_form'), ('home', 'care_setting'),
			 ('regional_primary', 'care_level'), ('anything', 'text')) t(v, t);
SELECT pg_temp.error_of($$SELECT mobilvard._input_problem('x', 'point')$$);
-- Geometry text: WKT is SWEREF99 TM, EWKT is transformed; what PostGIS
-- cannot read is 22P02, not PostGIS's internal error.
SELECT ST_AsEWKT(_geometry_from_text('POINT(515000 6570000)')) AS wkt,
	   ST_AsEWKT(ST_SnapToGrid(_geometry_from_text('SRID=4326;POINT(15.2 59.27)'), 1)) AS ewkt;
SELECT pg_temp.error_of($$SELECT mobilvard._geometry_from_text('POINT(515000 657')$$);
SELECT pg_temp.error_of($$SELECT mobilvard._geometry_from_text('SRID=4326;POINT(15.2 95)')$$);

-- ===========================================================================
-- Organisations and units
-- ===========================================================================

-- A municipality may name its region in the same extract; an unknown
-- region and an unknown principal are rejected, naming the constraint.
CREATE TEMP TABLE s_org (org_code text, name text, principal text, parent_org text,
						 municipality_code text, county_part text, note text);
INSERT INTO s_org VALUES
	('K1880', 'Örebro kommun', 'municipality', 'R18', '1880', NULL, 'extra columns are ignored'),
	('R18', 'Region Örebro län', 'region', NULL, NULL, NULL, NULL),
	('K1881', 'Kumla kommun', 'municipality', 'R18', '1881', 'south', NULL),
	('K1882', 'Askersund', 'municipality', 'R99', '1882', NULL, NULL),
	('K1883', 'Laxå', 'kommun', 'R18', '1883', NULL, NULL),
	('K1884', 'Nora', 'municipality', 'R18', NULL, NULL, NULL);
SELECT * FROM load('organisation', 's_org');
SELECT * FROM pg_temp.rejects();
SELECT org_code, parent_org FROM organisation ORDER BY 1;

-- Units: labels in Swedish or English, any case; a base from lon and lat,
-- transformed; the form from the name where none is given, and the row
-- rejected when the name names none.
CREATE TEMP TABLE s_unit (unit_id text, org_code text, name text, unit_level text, unit_form text,
						  lon text, lat text);
INSERT INTO s_unit VALUES
	('U1', 'R18', 'ASIH Örebro', 'specialiserad sluten vård', NULL, '15.2', '59.27'),
	('U2', 'R18', 'Medicinavdelning 3', 'Specialised Inpatient Care', 'none', NULL, NULL),
	('U3', 'K1880', 'Kommunal hemsjukvård Örebro', 'KOMMUNAL PRIMÄRVÅRD', NULL, '15.21', '59.28'),
	('U4', 'R18', 'Närsjukvårdsteam Väst', 'regional primary care', NULL, '15.0', '59.2'),
	('U5', 'R18', 'Avdelning 5', 'specialised_inpatient', NULL, NULL, NULL),
	('U6', 'R18', 'Team 6', 'nivå 9', 'none', NULL, NULL),
	('U7', 'R18', 'Mobilt team', 'regional_primary', 'mobile_primary_care', 'abc', '59.27'),
	('U8', 'R18', 'Mobilt team söder', 'regional_primary', 'mobile_primary_care', '200', '59.27'),
	('U9', 'K1880', 'Hemsjukvård Spanien', 'municipal_primary', 'municipal_health_team', '-3.7', '40.4'),
	('U10', 'R99', 'Okänd', 'regional_primary', 'none', NULL, NULL),
	('U11', 'R18', 'Vårdcentral', 'regional_primary', 'home care', NULL, NULL);
SELECT * FROM load('unit', 's_unit');
SELECT * FROM pg_temp.rejects();
SELECT unit_id, unit_level, unit_form, round(ST_X(base)) AS x, round(ST_Y(base)) AS y FROM unit ORDER BY unit_key;

-- Bases as x and y in SWEREF99 TM, or as WKT (SWEREF99 TM) or EWKT in
-- another SRID; a geometry PostGIS cannot read is 22P02.
CREATE TEMP TABLE s_unit_xy (unit_id text, org_code text, name text, unit_level text, unit_form text, x text, y text);
INSERT INTO s_unit_xy VALUES ('X1', 'R18', 'Team X', 'regional_primary', 'mobile_primary_care', '515000', '6570000');
SELECT * FROM load('unit', 's_unit_xy');
CREATE TEMP TABLE s_unit_wkt (unit_id text, org_code text, name text, unit_level text, unit_form text, base text);
INSERT INTO s_unit_wkt VALUES
	('W1', 'R18', 'Team W1', 'regional_primary', 'mobile_primary_care', 'POINT(515000 6570000)'),
	('W2', 'R18', 'Team W2', 'regional_primary', 'mobile_primary_care', 'POINT(515000 657'),
	('W3', 'R18', 'Team W3', 'regional_primary', 'mobile_primary_care', 'SRID=4326;POINT(15.2 59.27)');
SELECT * FROM load('unit', 's_unit_wkt');
SELECT * FROM pg_temp.rejects();
SELECT unit_id, round(ST_X(base)) AS x, round(ST_Y(base)) AS y FROM unit WHERE unit_id IN ('X1', 'W1', 'W3') ORDER BY 1;

-- ===========================================================================
-- Patients, episodes, contacts
-- ===========================================================================

-- Sex as F/M/X, K, or 1 and 2; dates ISO or YYYYMMDD; the birth year
-- follows the birth date.
CREATE TEMP TABLE s_patient (patient_id text, birth_date text, birth_year text, sex text,
							 municipality_code text, family_id text);
INSERT INTO s_patient VALUES
	('1', '19400501', NULL, 'K', '1880', NULL), ('2', '1950-01-01', NULL, '1', '1880', NULL),
	('3', NULL, '1945', '2', '1881', '7'), ('4', NULL, '1938', 'x', '1881', '7'),
	('5', '2025-13-01', NULL, 'F', '1880', NULL), ('6', NULL, '1960', 'Q', '1880', NULL),
	('7', NULL, '1960', 'M', '9999', NULL), ('8', '1950-02-03', '1951', 'M', '1880', NULL),
	('9', NULL, '1870', 'M', '1880', NULL), (NULL, NULL, '1960', 'M', '1880', NULL),
	('2', '1950-01-01', NULL, 'M', '1880', NULL), ('ten', NULL, '1960', 'M', '1880', NULL);
SELECT * FROM load('patient', 's_patient');
SELECT * FROM pg_temp.rejects();
SELECT patient_id, birth_date, birth_year, sex FROM patient ORDER BY 1;

CREATE TEMP TABLE s_episode (episode_id text, patient_id text, unit_id text, setting text,
							 reported_inpatient text, start_date text, end_date text, preceding_discharge text);
INSERT INTO s_episode VALUES
	('11', '1', 'U2', 'hospital ward', 'true', '2025-02-01', '2025-02-05', NULL),
	('12', '1', 'U1', 'Ordinärt boende', 'ja', '20250206', '20250212', '2025-02-05'),
	('13', '1', 'U3', 'ordinary_home', NULL, '2025-02-13', NULL, NULL),
	('14', '2', 'U2', 'hospital_ward', 't', '2025-03-05', '2025-03-01', NULL),
	('15', '2', 'U99', 'hospital_ward', 't', '2025-03-05', NULL, NULL),
	('16', '2', 'U2', 'the moon', 't', '2025-03-05', NULL, NULL),
	('17', '2', 'U2', 'hospital_ward', 't', NULL, NULL, NULL),
	('11', '2', 'U2', 'hospital_ward', 't', '2025-04-01', NULL, NULL),
	('18', '99', 'U2', 'hospital_ward', 't', '2025-04-01', NULL, NULL),
	('19', '2', 'U2', 'hospital_ward', 'maybe', '2025-04-01', NULL, NULL),
	('20', '2', 'U2', 'hospital_ward', 't', '2301-01-01', NULL, NULL);
SELECT * FROM load('episode', 's_episode');
SELECT * FROM pg_temp.rejects();
SELECT episode_id, setting, reported_inpatient, start_date, end_date FROM episode ORDER BY 1;

-- A contact's time of day, when the extract has one: a time that does not
-- exist is rejected naming the column.
CREATE TEMP TABLE s_contact (contact_id text, patient_id text, unit_id text, contact_date text,
							 setting text, mode text, profession text, contact_time text);
INSERT INTO s_contact VALUES
	('101', '1', 'U3', '2025-02-14', 'ordinary home', 'physical', 'nurse', '17:45'),
	('102', '1', 'U3', '2025-02-20', 'ordinary home', 'telepathy', 'nurse', NULL),
	('103', '1', 'U3', '2025-02-21', 'ordinary home', 'physical', 'nurse', '25:10'),
	('104', '1', 'U3', '2025-02-22', 'ordinary home', 'physical', 'nurse', NULL);
SELECT * FROM load('contact', 's_contact');
SELECT * FROM pg_temp.rejects();
SELECT contact_id, contact_time FROM contact ORDER BY contact_id;

-- ===========================================================================
-- Charges: amounts, and the rules the table's trigger keeps
-- ===========================================================================

CREATE TEMP TABLE s_charge (charge_id text, patient_id text, org_code text, charge_date text,
							kind text, list_fee text);
INSERT INTO s_charge VALUES
	('1001', '1', 'R18', '2025-02-01', 'inpatient_day', '100'),
	('1002', '1', 'K1880', '2025-02-28', 'home_health_month', '300.50'),
	('1003', '2', 'R18', '2025-03-10', 'digital_visit', '-200'),
	('1004', '2', 'R18', '2025-03-10', 'digital_visit', 'NaN'),
	('1005', '2', 'K1880', '2025-03-10', 'digital_visit', '200'),
	('1006', '2', 'R18', '2031-03-10', 'digital_visit', '200'),
	('1007', '2', 'R18', '2025-03-10', 'digital_visit', '12,50'),
	('1008', '2', 'R18', '2025-03-11', 'digital_visit', '200');
SELECT * FROM load('charge', 's_charge');
SELECT * FROM pg_temp.rejects();
SELECT charge_id, list_fee FROM charge ORDER BY 1;

-- ===========================================================================
-- Catchments, tariffs, margins, population cells
-- ===========================================================================

-- A catchment without an id is matched by its unit and validity: a re-run
-- changes nothing; an overlap is 23P01.
CREATE TEMP TABLE s_catchment (unit_id text, valid text, area text);
INSERT INTO s_catchment VALUES
	('U1', '[2025-01-01,)', 'POLYGON((500000 6560000, 530000 6560000, 530000 6590000, 500000 6590000, 500000 6560000))'),
	('U3', '[2025-01-01,2026-01-01)', 'MULTIPOLYGON(((510000 6560000, 520000 6560000, 520000 6580000, 510000 6560000)))'),
	('U3', '[2025-06-01,)', 'POLYGON((510000 6560000, 520000 6560000, 520000 6580000, 510000 6560000))'),
	('U4', '[2025-01-01', 'POLYGON((510000 6560000, 520000 6560000, 520000 6580000, 510000 6560000))');
SELECT * FROM load('catchment', 's_catchment');
SELECT * FROM pg_temp.rejects();
SELECT * FROM load('catchment', 's_catchment');
SELECT unit_id, valid, ST_GeometryType(area) FROM catchment ORDER BY catchment_id;

CREATE TEMP TABLE s_region_tariff (org_code text, valid text, hcp_ceiling text, free_ages text);
INSERT INTO s_region_tariff VALUES ('R18', '[2025-01-01,2026-01-01)', '1450', '{[0,20)}'),
	('R18', '[2026-01-01,2025-01-01)', '1450', NULL),
	('R18', '[2027-01-01,2028-01-01)', NULL, '{[0,twenty)}'),
	('R18', '[2028-01-01,2029-01-01)', NULL, '{[0,200)}');
SELECT * FROM load('region_tariff', 's_region_tariff');
SELECT * FROM pg_temp.rejects();
SELECT org_code, valid, hcp_ceiling, free_ages FROM region_tariff ORDER BY valid;

CREATE TEMP TABLE s_margin (patient_id text, month text, margin text);
INSERT INTO s_margin VALUES ('1', '2025-02-01', '1000'), ('1', '2025-02-15', '900'), ('3', '2025-02-01', 'Infinity');
SELECT * FROM load('personal_margin', 's_margin');
SELECT * FROM pg_temp.rejects();

CREATE TEMP TABLE s_cell (cell_id text, municipality_code text, population text, population_65plus text, geom text);
INSERT INTO s_cell VALUES
	('c1', '1880', '120', '30', 'POLYGON((515000 6570000, 516000 6570000, 516000 6571000, 515000 6571000, 515000 6570000))'),
	('c2', '1880', '10', '11', 'POLYGON((516000 6570000, 517000 6570000, 517000 6571000, 516000 6571000, 516000 6570000))'),
	('c3', '1880', '10', '1', 'POLYGON((0 0, 1000 0, 1000 1000, 0 1000, 0 0))');
SELECT * FROM load('population_cell', 's_cell');
SELECT * FROM pg_temp.rejects();

-- ===========================================================================
-- Re-runs, and what a run refuses outright
-- ===========================================================================

-- The same extract again changes nothing; a changed row is updated.
SELECT * FROM load('episode', 's_episode');
UPDATE s_episode SET end_date = '2025-02-20' WHERE episode_id = '13';
SELECT * FROM load('episode', 's_episode');
SELECT episode_id, end_date FROM episode WHERE episode_id = 13;
-- A rejected row is kept verbatim, every column as text.
SELECT source FROM load_reject WHERE target = 'episode' AND source_row = 4 ORDER BY load_id LIMIT 1;

CREATE TEMP TABLE s_unit_x AS SELECT unit_id, org_code, name, unit_level, unit_form, x FROM s_unit_xy;
SELECT test, pg_temp.error_of(statement) AS error
FROM (VALUES
	('a table load() does not fill', $$SELECT * FROM ld.load('travel_profile', 's_cell')$$),
	('no target', $$SELECT * FROM ld.load(NULL, 's_cell')$$),
	('a required column missing', $$SELECT * FROM ld.load('episode', 's_contact')$$),
	('no such staging table', $$SELECT * FROM ld.load('episode', 's_nothing')$$),
	('no such registry', $$SELECT * FROM mobilvard._load('nowhere', 'episode', 's_episode')$$),
	('x without y', $$SELECT * FROM ld.load('unit', 's_unit_x')$$)
) t(test, statement);

-- ===========================================================================
-- Row-level security: a role loads only its own organisation's rows
-- ===========================================================================

CREATE ROLE regress_mobilvard_loader;
GRANT USAGE ON SCHEMA ld TO regress_mobilvard_loader;
GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA ld TO regress_mobilvard_loader;
GRANT USAGE ON SEQUENCE load_id_seq TO regress_mobilvard_loader;
INSERT INTO org_access VALUES ('regress_mobilvard_loader', 'K1880');
GRANT SELECT ON s_charge TO regress_mobilvard_loader;
UPDATE s_charge SET charge_id = charge_id || '0';
SET ROLE regress_mobilvard_loader;
SELECT * FROM ld.load('charge', 's_charge');
SELECT source_row, sqlstate, at_fault, message FROM ld.load_reject ORDER BY load_id, source_row;
RESET ROLE;
SELECT count(*) AS all_rejects FROM load_reject;

SET client_min_messages = warning;
DROP SCHEMA ld CASCADE;
RESET client_min_messages;
DROP OWNED BY regress_mobilvard_loader;
DROP ROLE regress_mobilvard_loader;
