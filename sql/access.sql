-- Who sees which records: row-level security by organisation (org_access),
-- in a registry of its own whose every count is known.
SET datestyle = ISO;
\i sql/include/error_of.sql
SET client_min_messages = warning;
SELECT mobilvard.create_registry('acc', set_search_path => false);
RESET client_min_messages;
SET search_path = acc, mobilvard, public;

-- A region and two municipalities, each with its own units.
INSERT INTO organisation VALUES
	('R18', 'Region Örebro län', 'region', NULL, NULL, NULL),
	('K1880', 'Örebro kommun', 'municipality', 'R18', '1880', NULL),
	('K1881', 'Kumla kommun', 'municipality', 'R18', '1881', NULL);
INSERT INTO unit (unit_id, org_code, name, unit_level, unit_form, base) VALUES
	('r_ward', 'R18', 'Medicinavdelning', 'specialised_inpatient', 'none', NULL),
	('r_hah', 'R18', 'Hospital at home Örebro', 'specialised_inpatient', 'hospital_at_home',
	 ST_SetSRID(ST_MakePoint(515000, 6570000), 3006)),
	('k_team', 'K1880', 'Kommunal hemsjukvård Örebro', 'municipal_primary', 'municipal_health_team',
	 ST_SetSRID(ST_MakePoint(514000, 6571000), 3006)),
	('k_kumla', 'K1881', 'Hemsjukvård Kumla', 'municipal_primary', 'municipal_health_team',
	 ST_SetSRID(ST_MakePoint(510000, 6560000), 3006));
INSERT INTO catchment (unit_id, valid, area)
SELECT unit_id, '[2025-01-01,)', ST_Multi(ST_Buffer(base, 20000))
FROM unit WHERE base IS NOT NULL;

-- Patient 1 is the region's and Örebro's, 2 only the region's, 3 only
-- Örebro's (a contact), 4 only Kumla's (a charge), 5 nobody's yet.
INSERT INTO patient (patient_id, birth_date, sex, municipality_code) VALUES
	(1, '1940-05-01', 'F', '1880'), (2, '1950-01-01', 'M', '1880'),
	(3, '1945-03-03', 'F', '1880'), (4, '1938-08-08', 'M', '1881'),
	(5, '1960-06-06', 'X', '1881');
INSERT INTO episode VALUES
	(11, 1, 'r_ward', 'hospital_ward', true, '2025-02-01', '2025-02-05', NULL),
	(12, 1, 'r_hah', 'ordinary_home', true, '2025-02-06', '2025-02-12', '2025-02-05'),
	(13, 1, 'k_team', 'ordinary_home', false, '2025-02-13', NULL, NULL),
	(21, 2, 'r_ward', 'hospital_ward', true, '2025-03-01', '2025-03-04', NULL);
INSERT INTO contact VALUES
	(101, 1, 'k_team', '2025-02-14', 'ordinary_home', 'physical', 'nurse'),
	(102, 1, 'k_team', '2025-02-20', 'ordinary_home', 'physical', 'nurse'),
	(301, 3, 'k_team', '2025-04-01', 'ordinary_home', 'physical', 'assistant_nurse'),
	(201, 2, 'r_hah', '2025-03-10', 'remote', 'video', 'doctor');
INSERT INTO charge VALUES
	(1001, 1, 'R18', '2025-02-01', 'inpatient_day', 100),
	(1002, 1, 'K1880', '2025-02-28', 'home_health_month', 300),
	(1003, 2, 'R18', '2025-03-10', 'digital_visit', 200),
	(1004, 4, 'K1881', '2025-05-01', 'home_help', 400);
INSERT INTO personal_margin VALUES (1, '2025-02-01', 1000), (4, '2025-05-01', 500);

-- The roles: one per organisation, a national one, a group whose members
-- see what it sees, a member who does not inherit it, and one without access.
CREATE ROLE regress_mobilvard_region;
CREATE ROLE regress_mobilvard_orebro;
CREATE ROLE regress_mobilvard_national;
CREATE ROLE regress_mobilvard_kumla_staff;
CREATE ROLE regress_mobilvard_kumla_nurse IN ROLE regress_mobilvard_kumla_staff;
CREATE ROLE regress_mobilvard_kumla_temp NOINHERIT IN ROLE regress_mobilvard_kumla_staff;
CREATE ROLE regress_mobilvard_nobody;
GRANT USAGE ON SCHEMA acc TO PUBLIC;
GRANT SELECT ON ALL TABLES IN SCHEMA acc TO PUBLIC;
GRANT INSERT, UPDATE, DELETE ON patient, episode, contact, charge TO regress_mobilvard_orebro;
REVOKE SELECT ON org_access FROM PUBLIC;
INSERT INTO org_access VALUES
	('regress_mobilvard_region', 'R18'),
	('regress_mobilvard_orebro', 'K1880'),
	('regress_mobilvard_national', NULL),
	('regress_mobilvard_kumla_staff', 'K1881');

-- What each role sees of every record table and of the views and functions
-- over them.  A cross-principal result counts only the role's own rows:
-- patient 1's admission is the region's and the care at home Örebro's, so
-- the priority list, which needs both, lists the patient for neither.
CREATE FUNCTION pg_temp.seen() RETURNS TABLE (what text, n bigint)
LANGUAGE sql AS $$
	SELECT 'unit', count(*) FROM acc.unit
	UNION ALL SELECT 'catchment', count(*) FROM acc.catchment
	UNION ALL SELECT 'patient', count(*) FROM acc.patient
	UNION ALL SELECT 'episode', count(*) FROM acc.episode
	UNION ALL SELECT 'contact', count(*) FROM acc.contact
	UNION ALL SELECT 'charge', count(*) FROM acc.charge
	UNION ALL SELECT 'personal_margin', count(*) FROM acc.personal_margin
	UNION ALL SELECT 'episode_classified', count(*) FROM acc.episode_classified
	UNION ALL SELECT 'monthly_activity episodes', coalesce(sum(episodes), 0) FROM acc.monthly_activity
	UNION ALL SELECT 'care_period', count(*) FROM acc.care_period
	UNION ALL SELECT 'enrollment_followup', count(*) FROM acc.enrollment_followup
	UNION ALL SELECT 'charge_split', count(*) FROM acc.charge_split
	UNION ALL SELECT 'patient_fees_by_year', count(*) FROM acc.patient_fees_by_year
	UNION ALL SELECT 'unit_layer', count(*) FROM acc.unit_layer
	UNION ALL SELECT 'catchment_layer', count(*) FROM acc.catchment_layer
	UNION ALL SELECT 'enrolled_patient', count(*) FROM acc.enrolled_patient
	UNION ALL SELECT 'unit_reach', count(*) FROM acc.unit_reach
	UNION ALL SELECT 'priority_patients', count(*) FROM acc.priority_patients('2025-02-15')
	UNION ALL SELECT 'what-if contacts of patient 1', coalesce(sum(contacts), 0)
		FROM acc.home_health_what_if(1, '[2025-01-01,2026-01-01)')
	UNION ALL SELECT 'units_covering', cardinality(
		acc.units_covering(ST_SetSRID(ST_MakePoint(514500, 6570500), 3006), '2025-06-01'))
$$;
CREATE TEMP TABLE seen_by (role_name text, what text, n bigint);
GRANT INSERT ON seen_by TO PUBLIC;
DO $$
DECLARE
	r text;
BEGIN
	FOREACH r IN ARRAY ARRAY['postgres', 'regress_mobilvard_national', 'regress_mobilvard_region',
							 'regress_mobilvard_orebro', 'regress_mobilvard_kumla_nurse',
							 'regress_mobilvard_kumla_temp', 'regress_mobilvard_nobody'] LOOP
		IF r <> 'postgres' THEN
			EXECUTE format('SET ROLE %I', r);
		END IF;
		INSERT INTO seen_by SELECT replace(r, 'regress_mobilvard_', ''), s.what, s.n FROM pg_temp.seen() s;
		RESET ROLE;
	END LOOP;
END
$$;
SELECT what,
	   max(n) FILTER (WHERE role_name = 'postgres') AS owner,
	   max(n) FILTER (WHERE role_name = 'national') AS national,
	   max(n) FILTER (WHERE role_name = 'region') AS region,
	   max(n) FILTER (WHERE role_name = 'orebro') AS orebro,
	   max(n) FILTER (WHERE role_name = 'kumla_nurse') AS kumla_nurse,
	   max(n) FILTER (WHERE role_name = 'kumla_temp') AS kumla_noinherit,
	   max(n) FILTER (WHERE role_name = 'nobody') AS nobody
FROM seen_by GROUP BY what ORDER BY min(ctid);

-- Which rows, not only how many: each role's patients and charges.
SET ROLE regress_mobilvard_region;
SELECT array_agg(patient_id ORDER BY patient_id) AS region_patients FROM patient;
SELECT charge_id, org_code, principal, paid FROM charge_split ORDER BY charge_id;
SET ROLE regress_mobilvard_orebro;
SELECT array_agg(patient_id ORDER BY patient_id) AS orebro_patients FROM patient;
SELECT charge_id, org_code, principal, paid FROM charge_split ORDER BY charge_id;
-- A role's access, and nobody else's; org_access itself is the owner's.
SELECT * FROM _role_access;
SELECT pg_temp.error_of($$SELECT count(*) FROM acc.org_access$$) AS reading_org_access;
-- Nearest base and coverage count only the role's own units.
SELECT nearest_base(ST_SetSRID(ST_MakePoint(515000, 6570000), 3006)) AS orebro_nearest;
RESET ROLE;
SELECT nearest_base(ST_SetSRID(ST_MakePoint(515000, 6570000), 3006)) AS owner_nearest;

-- A member without INHERIT sees the group's rows once it takes the group on.
SET ROLE regress_mobilvard_kumla_temp;
SELECT count(*) AS charges_before FROM charge;
SET ROLE regress_mobilvard_kumla_staff;
SELECT count(*) AS charges_as_group FROM charge;
RESET ROLE;

-- Writing: a role adds and changes only its own organisation's records
-- (42501 for another's); it may add a patient, who has no records yet;
-- another organisation's rows are invisible to UPDATE and DELETE.
SET ROLE regress_mobilvard_orebro;
SELECT test, pg_temp.error_of(statement) AS error
FROM (VALUES
	('own charge', $$INSERT INTO acc.charge VALUES (1005, 3, 'K1880', '2025-04-01', 'home_health_visit', 100)$$),
	('the region''s charge', $$INSERT INTO acc.charge VALUES (1006, 3, 'R18', '2025-04-01', 'home_visit', 100)$$),
	('episode at the region''s unit',
	 $$INSERT INTO acc.episode VALUES (31, 3, 'r_ward', 'hospital_ward', true, '2025-04-02', NULL, NULL)$$),
	('episode at own unit',
	 $$INSERT INTO acc.episode VALUES (32, 3, 'k_team', 'ordinary_home', false, '2025-04-02', NULL, NULL)$$),
	('move own charge to the region',
	 $$UPDATE acc.charge SET org_code = 'R18', kind = 'home_visit' WHERE charge_id = 1005$$),
	('new patient', $$INSERT INTO acc.patient (patient_id, birth_year) VALUES (6, 1970)$$)
) t(test, statement);
UPDATE charge SET list_fee = 0 WHERE charge_id = 1003;
DELETE FROM charge WHERE org_code = 'R18';
RESET ROLE;
SELECT charge_id, list_fee FROM charge ORDER BY charge_id;

-- Roles are held by identity: a row of a dropped role grants a new role of
-- the same name nothing.  An unknown role is 42704; a role's access to every
-- organisation is given once (23505).
CREATE ROLE regress_mobilvard_gone;
INSERT INTO org_access VALUES ('regress_mobilvard_gone', 'R18');
DROP ROLE regress_mobilvard_gone;
CREATE ROLE regress_mobilvard_gone;
GRANT SELECT ON charge TO regress_mobilvard_gone;
SET ROLE regress_mobilvard_gone;
SELECT count(*) AS charges_of_new_namesake FROM charge;
RESET ROLE;
SELECT count(*) AS rows_of_dropped_roles FROM org_access WHERE role_name::text ~ '^[0-9]+$';
SELECT test, pg_temp.error_of(statement) AS error
FROM (VALUES
	('unknown role', $$INSERT INTO acc.org_access VALUES ('regress_mobilvard_unknown', 'R18')$$),
	('national twice', $$INSERT INTO acc.org_access VALUES ('regress_mobilvard_national', NULL)$$),
	('unknown organisation', $$INSERT INTO acc.org_access VALUES ('regress_mobilvard_nobody', 'R99')$$)
) t(test, statement);

SET client_min_messages = warning;
DROP SCHEMA acc CASCADE;
RESET client_min_messages;
DROP ROLE regress_mobilvard_region, regress_mobilvard_orebro, regress_mobilvard_national,
	regress_mobilvard_kumla_nurse, regress_mobilvard_kumla_temp, regress_mobilvard_kumla_staff,
	regress_mobilvard_nobody, regress_mobilvard_gone;
