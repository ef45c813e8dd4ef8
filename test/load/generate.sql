-- Extract generator for the loader's tests and benchmark: CSV files as a
-- source system would write them, with 1% bad rows of known kinds.
--
--   psql -X -q -v dir=/tmp/extract -v planted=/tmp/planted.csv -v rows=50000 -f test/load/generate.sql
--   bash scripts/load.sh /tmp/extract
--
-- Writes into dir (which must exist) organisation.csv (a region and 20
-- municipalities), unit.csv (400 + rows/500), patient.csv (rows/4, at least
-- 1,000), episode.csv (rows) and charge.csv (rows/10); and into planted, when
-- given, the bad rows: target, source_row, kind.  Variables: dir, planted,
-- rows (default 50000), seed (default 42; the same seed and rows give the
-- same files).  Needs no registry, only a database (nothing is left in it).
--
-- Every file but organisation.csv has a bad row at source rows 50, 150,
-- 250, ... (exactly 1%, spread over the file), each with one fault, the
-- kinds of a file taking turns (kind_name below).  Good rows refer only to
-- good rows, so exactly the planted rows are rejected.  Labels, sex codes,
-- dates and points come in every form the loader accepts.

\set ON_ERROR_STOP 1
\if :{?dir}
\else
\warn 'generate.sql: -v dir=DIRECTORY is required'
\quit
\endif
\if :{?rows}
\else
\set rows 50000
\endif
\if :{?seed}
\else
\set seed 42
\endif

SET client_min_messages = warning;
SELECT setseed((:seed % 1000) / 1000.0) AS gen_seeded \gset

-- The sizes, as psql variables.
SELECT :rows::bigint AS n_episode, 400 + :rows::bigint / 500 AS n_unit,
	   greatest(:rows::bigint / 4, 1000) AS n_patient, :rows::bigint / 10 AS n_charge \gset

-- A bad row every 100 rows, its kind taking turns among the file's kinds.
CREATE FUNCTION pg_temp.is_bad(r bigint) RETURNS boolean
	LANGUAGE sql IMMUTABLE RETURN r % 100 = 50;
CREATE FUNCTION pg_temp.kind_of(r bigint, kinds text[]) RETURNS text
	LANGUAGE sql IMMUTABLE
	RETURN CASE WHEN pg_temp.is_bad(r) THEN kinds[1 + (r / 100) % cardinality(kinds)] END;
-- A good row among 1..n (the row after a bad one is good).
CREATE FUNCTION pg_temp.good_row(x double precision, n bigint) RETURNS bigint
	LANGUAGE sql IMMUTABLE
	RETURN CASE WHEN pg_temp.is_bad(1 + floor(x * (n - 1))::bigint) THEN 2 + floor(x * (n - 1))::bigint
				ELSE 1 + floor(x * (n - 1))::bigint END;
CREATE FUNCTION pg_temp.unit_id(r bigint) RETURNS text
	LANGUAGE sql IMMUTABLE RETURN 'U' || lpad(r::text, 5, '0');
-- A date as ISO or compact YYYYMMDD, by the row.
CREATE FUNCTION pg_temp.date_text(d date, r bigint) RETURNS text
	LANGUAGE sql IMMUTABLE
	RETURN CASE WHEN r % 3 = 0 THEN to_char(d, 'YYYYMMDD') ELSE to_char(d, 'YYYY-MM-DD') END;
CREATE FUNCTION pg_temp.municipality(i bigint) RETURNS text
	LANGUAGE sql IMMUTABLE RETURN (1801 + i % 20)::text;

CREATE TEMP TABLE gen_organisation AS
SELECT 'R01' AS org_code, 'Region Testland' AS name, 'region' AS principal, NULL AS parent_org,
	   NULL AS municipality_code, NULL AS county_part
UNION ALL
SELECT 'K' || pg_temp.municipality(i), 'Testkommun ' || i, 'municipality', 'R01', pg_temp.municipality(i),
	   (ARRAY['north', 'south', 'west', 'east'])[1 + i % 4]
FROM generate_series(0, 19) i;

CREATE TEMP TABLE gen_unit AS
SELECT pg_temp.kind_of(g.r, '{unknown_label,bad_coordinates,unknown_org,no_care_form}') AS kind, g.*
FROM (SELECT r, pg_temp.unit_id(r) AS unit_id,
			 CASE WHEN r % 3 = 0 THEN 'K' || pg_temp.municipality(r) ELSE 'R01' END AS org_code,
			 CASE WHEN r % 3 = 0 THEN 'Hemsjukvård Testkommun ' || r
				  ELSE (ARRAY['Vårdavdelning ', 'ASIH Team ', 'Sjukhus hemma ', 'Vårdcentral ',
							  'Närsjukvårdsteam ', 'Mobilt team '])[1 + r % 6] || r END AS name,
			 CASE WHEN r % 3 = 0 THEN 'kommunal primärvård'
				  ELSE (ARRAY['Specialiserad sluten vård', 'specialised outpatient care', 'specialised_inpatient',
							  'REGIONAL PRIMÄRVÅRD', 'regional primary care', 'regional_primary'])[1 + r % 6] END AS unit_level,
			 CASE WHEN r % 3 = 0 THEN NULL
				  ELSE (ARRAY['none', NULL, NULL, 'ingen', NULL, 'Mobile Primary Care Team'])[1 + r % 6] END AS unit_form,
			 CASE WHEN r % 10 = 7 THEN NULL
				  WHEN r % 4 = 0 THEN format('SRID=4326;POINT(%s %s)', round((14.5 + random())::numeric, 5),
											 round((58.8 + random())::numeric, 5))
				  ELSE format('POINT(%s %s)', 430000 + floor(random() * 130000), 6490000 + floor(random() * 190000)) END AS base
	  FROM generate_series(1, :n_unit) r) g;
UPDATE gen_unit SET unit_level = 'tertiärvård' WHERE kind = 'unknown_label';
UPDATE gen_unit SET base = 'POINT(5000 5000)' WHERE kind = 'bad_coordinates';
UPDATE gen_unit SET org_code = 'X99' WHERE kind = 'unknown_org';
UPDATE gen_unit SET name = 'Enhet ' || r, unit_level = 'regional_primary', unit_form = NULL WHERE kind = 'no_care_form';

CREATE TEMP TABLE gen_patient AS
SELECT r, pg_temp.kind_of(r, '{bad_sex,bad_coordinates,coordinate_not_number,bad_date,implausible_date,unknown_municipality}') AS kind,
	   r AS patient_id,
	   CASE WHEN r % 7 <> 0 THEN pg_temp.date_text(date '1925-01-01' + floor(random() * 33000)::integer, r) END AS birth_date,
	   CASE WHEN r % 997 = 0 THEN 'X' ELSE (ARRAY['F', 'M', 'K', '1', '2', 'f', 'm', 'k'])[1 + floor(random() * 8)::integer] END AS sex,
	   CASE WHEN r % 11 <> 0 THEN pg_temp.municipality(r) END AS municipality_code,
	   CASE WHEN r % 13 <> 0 THEN round((430000 + random() * 130000)::numeric, 2)::text END AS x,
	   CASE WHEN r % 13 <> 0 THEN round((6490000 + random() * 190000)::numeric, 2)::text END AS y,
	   CASE WHEN r % 10 = 0 THEN r / 30 END AS family_id
FROM generate_series(1, :n_patient) r;
UPDATE gen_patient SET sex = 'Q' WHERE kind = 'bad_sex';
UPDATE gen_patient SET x = '100', y = '100' WHERE kind = 'bad_coordinates';
UPDATE gen_patient SET x = '51x000', y = '6500000' WHERE kind = 'coordinate_not_number';
UPDATE gen_patient SET birth_date = '1950-02-30' WHERE kind = 'bad_date';
UPDATE gen_patient SET birth_date = '1850-06-01' WHERE kind = 'implausible_date';
UPDATE gen_patient SET municipality_code = '9999' WHERE kind = 'unknown_municipality';

CREATE TEMP TABLE gen_episode AS
SELECT g.r, pg_temp.kind_of(g.r, '{bad_date,bad_date_syntax,end_before_start,unknown_unit,unknown_patient,unknown_label,missing_required,duplicate_id,bad_boolean}') AS kind,
	   g.r AS episode_id, g.patient_id, g.unit_id, g.setting, g.reported_inpatient,
	   pg_temp.date_text(g.start_date, g.r) AS start_date,
	   pg_temp.date_text(g.start_date + g.days, g.r) AS end_date,
	   pg_temp.date_text(g.start_date - g.discharge_days, g.r) AS preceding_discharge
FROM (SELECT r,
			 pg_temp.good_row(random(), :n_patient) AS patient_id,
			 pg_temp.unit_id(pg_temp.good_row(random(), :n_unit)) AS unit_id,
			 (ARRAY['hospital_ward', 'vårdavdelning', 'Hospital Ward', 'emergency_department', 'AKUTMOTTAGNING',
					'outpatient_clinic', 'mottagning', 'outpatient clinic', 'ordinary_home', 'Ordinärt boende',
					'ordinary home', 'special_housing', 'särskilt boende', 'short_term_housing', 'korttidsboende',
					'short-term housing', 'remote', 'Distans', 'prehospital'])[1 + floor(random() * 19)::integer] AS setting,
			 (ARRAY['true', 'false', NULL, 't', 'f', 'yes', 'no', NULL])[1 + floor(random() * 8)::integer] AS reported_inpatient,
			 date '2023-01-01' + floor(random() * 1090)::integer AS start_date,
			 CASE WHEN random() < 0.7 THEN floor(random() * 60)::integer END AS days,
			 CASE WHEN random() < 0.15 THEN floor(random() * 3)::integer END AS discharge_days
	  FROM generate_series(1, :n_episode) r) g;
UPDATE gen_episode SET start_date = '2024-02-30', end_date = NULL WHERE kind = 'bad_date';
UPDATE gen_episode SET start_date = '3/1/2024', end_date = NULL WHERE kind = 'bad_date_syntax';
UPDATE gen_episode SET start_date = '2024-03-10', end_date = '2024-03-05', preceding_discharge = NULL WHERE kind = 'end_before_start';
UPDATE gen_episode SET unit_id = 'NOSUCH' WHERE kind = 'unknown_unit';
UPDATE gen_episode SET patient_id = 999999999 WHERE kind = 'unknown_patient';
UPDATE gen_episode SET setting = 'trädgård' WHERE kind = 'unknown_label';
UPDATE gen_episode SET start_date = NULL, end_date = NULL, preceding_discharge = NULL WHERE kind = 'missing_required';
UPDATE gen_episode SET episode_id = r - 1 WHERE kind = 'duplicate_id';
UPDATE gen_episode SET reported_inpatient = 'kanske' WHERE kind = 'bad_boolean';

CREATE TEMP TABLE gen_charge AS
SELECT r, pg_temp.kind_of(r, '{negative_fee,nan,wrong_principal,bad_number,unknown_kind,no_price_base_amount}') AS kind,
	   r AS charge_id,
	   pg_temp.good_row(random(), :n_patient) AS patient_id,
	   CASE WHEN r % 2 = 0 THEN 'R01' ELSE 'K' || pg_temp.municipality(r) END AS org_code,
	   pg_temp.date_text(date '2023-01-01' + floor(random() * 1090)::integer, r) AS charge_date,
	   CASE WHEN r % 2 = 0
			THEN (ARRAY['outpatient_visit', 'home_visit', 'digital_visit', 'inpatient_day'])[1 + floor(random() * 4)::integer]
			ELSE (ARRAY['home_health_visit', 'home_health_month', 'home_help', 'safety_alarm'])[1 + floor(random() * 4)::integer] END AS kind_code,
	   (ARRAY['0', '100', '200', '250.50', '1200'])[1 + floor(random() * 5)::integer] AS list_fee
FROM generate_series(1, :n_charge) r;
UPDATE gen_charge SET list_fee = '-100' WHERE kind = 'negative_fee';
UPDATE gen_charge SET list_fee = 'NaN' WHERE kind = 'nan';
UPDATE gen_charge SET org_code = 'K' || pg_temp.municipality(r), kind_code = 'home_visit' WHERE kind = 'wrong_principal';
UPDATE gen_charge SET list_fee = '12,50' WHERE kind = 'bad_number';
UPDATE gen_charge SET kind_code = 'parking' WHERE kind = 'unknown_kind';
UPDATE gen_charge SET charge_date = '2019-05-01' WHERE kind = 'no_price_base_amount';

-- The files, in the registry's column names (COPY writes NULL as an empty field).
\set file :dir/organisation.csv
\o :file
COPY (SELECT * FROM gen_organisation) TO STDOUT (FORMAT csv, HEADER);
\set file :dir/unit.csv
\o :file
COPY (SELECT unit_id, org_code, name, unit_level, unit_form, base FROM gen_unit ORDER BY r) TO STDOUT (FORMAT csv, HEADER);
\set file :dir/patient.csv
\o :file
COPY (SELECT patient_id, birth_date, sex, municipality_code, x, y, family_id FROM gen_patient ORDER BY r)
	TO STDOUT (FORMAT csv, HEADER);
\set file :dir/episode.csv
\o :file
COPY (SELECT episode_id, patient_id, unit_id, setting, reported_inpatient, start_date, end_date, preceding_discharge
	  FROM gen_episode ORDER BY r) TO STDOUT (FORMAT csv, HEADER);
\set file :dir/charge.csv
\o :file
COPY (SELECT charge_id, patient_id, org_code, charge_date, kind_code AS kind, list_fee FROM gen_charge ORDER BY r)
	TO STDOUT (FORMAT csv, HEADER);
\if :{?planted}
\o :planted
COPY (SELECT 'unit' AS target, r AS source_row, kind FROM gen_unit WHERE kind IS NOT NULL
	  UNION ALL SELECT 'patient', r, kind FROM gen_patient WHERE kind IS NOT NULL
	  UNION ALL SELECT 'episode', r, kind FROM gen_episode WHERE kind IS NOT NULL
	  UNION ALL SELECT 'charge', r, kind FROM gen_charge WHERE kind IS NOT NULL
	  ORDER BY 1, 2) TO STDOUT (FORMAT csv, HEADER);
\endif
\o
