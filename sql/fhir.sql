-- The registry as HL7 FHIR R4 resources (doc/standards.md): fhir_encounter
-- and fhir_resources.  That every resource of a county validates against
-- the FHIR R4 JSON schema is test/t/130_standards.pl's part.
SET client_min_messages = warning;
SELECT mobilvard.create_registry('std_fhir', set_search_path => false);
RESET client_min_messages;
SET search_path = std_fhir, mobilvard, public;
SET datestyle = 'SQL, DMY';
\i sql/include/error_of.sql

\i sql/include/standards_registry.sql
BEGIN;

-- An Encounter per care setting: its class (IMP for home care that replaces
-- a bed, FLD for prehospital care), status, period (ISO dates whatever the
-- DateStyle), patient, unit and, for care at the unit, the unit's base.
SELECT e.episode_id, jsonb_pretty(fhir_encounter(e.episode_id))
FROM episode e WHERE e.episode_id IN (11, 18) ORDER BY e.episode_id;
SELECT e.episode_id, e.setting, r->'class'->>'code' AS class, r->>'status' AS status,
	   r->'period' AS period, r->'location' AS location, r->'serviceType'->'coding'->0->>'code' AS care_form
FROM episode e, fhir_encounter(e.episode_id) r ORDER BY e.episode_id;
SELECT fhir_encounter(NULL) IS NULL AS null_in_null_out;

-- An episode the registry does not hold is an error (P0002), naming it.
SELECT pg_temp.error_of($$SELECT std_fhir.fhir_encounter(999)$$);

-- The bulk export, one type at a time, in key order.
SELECT fhir_resources('Patient');
SELECT fhir_resources('Organization');
SELECT fhir_resources('Location');
SELECT count(*) AS encounters, count(*) FILTER (WHERE r = fhir_encounter((r->>'id')::bigint)) AS as_fhir_encounter
FROM fhir_resources('Encounter') r;
SELECT pg_temp.error_of($$SELECT std_fhir.fhir_resources('Observation')$$);
SELECT count(*) AS rows_for_null FROM fhir_resources(NULL);

-- Organization ids of codes that hold "_" or ".": one id each.
SELECT c, _fhir_organisation_id(c) FROM unnest(ARRAY['R18', 'reg_x.y', 'reg.1x.y', 'a.0', 'a_']) c;
ROLLBACK;
SET client_min_messages = warning;
DROP SCHEMA std_fhir CASCADE;
