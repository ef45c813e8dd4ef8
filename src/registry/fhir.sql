-- registry/fhir.sql: the registry as HL7 FHIR R4 resources, in JSON
-- (doc/standards.md): an episode is an Encounter, a patient a Patient,
-- organisations and units are Organizations (a unit part of its
-- organisation), a unit's base a Location.  Ids are the registry's keys:
-- the same record has the same id in every export, and every reference of
-- a resource is to one that the export holds.  jsonb_strip_nulls leaves out
-- the elements a record has no value for (FHIR allows no nulls).

-- A FHIR id ([A-Za-z0-9.-]{1,64}) of an organisation's code, which may
-- also hold "_": "." is written ".0" and "_" ".1", so that no two codes
-- share an id.
CREATE FUNCTION @registry@._fhir_organisation_id(org_code text) RETURNS text
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	RETURN pg_catalog.concat('org-',
		pg_catalog.replace(pg_catalog.replace(org_code, '.', '.0'), '_', '.1'));
COMMENT ON FUNCTION @registry@._fhir_organisation_id(text) IS
	'Helper of the FHIR resources: the Organization id of an organisation code (org- and the code, "." written ".0" and "_" ".1")';

CREATE VIEW @registry@._fhir_encounter WITH (security_invoker = true) AS
SELECT ec.episode_id,
	   pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
		   'resourceType', 'Encounter',
		   'id', ec.episode_id::text,
		   'status', CASE WHEN ec.end_date IS NULL THEN 'in-progress' ELSE 'finished' END,
		   'class', pg_catalog.jsonb_build_object(
			   'system', 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
			   'code', ec.encounter_class,
			   'display', CASE ec.encounter_class
				   WHEN 'IMP' THEN 'inpatient encounter' WHEN 'EMER' THEN 'emergency'
				   WHEN 'AMB' THEN 'ambulatory' WHEN 'HH' THEN 'home health'
				   WHEN 'VR' THEN 'virtual' WHEN 'FLD' THEN 'field' END),
		   'type', pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object(
			   'coding', pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object(
				   'system', 'urn:mobilvard:care-setting',
				   'code', ec.setting_text,
				   'display', @extschema@.label(ec.setting, 'en'))))),
		   'serviceType', pg_catalog.jsonb_build_object(
			   'coding', pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object(
				   'system', 'urn:mobilvard:care-form',
				   'code', ec.care_form_text,
				   'display', @extschema@.label(ec.care_form, 'en')))),
		   'subject', pg_catalog.jsonb_build_object('reference', pg_catalog.concat('Patient/', ec.patient_id)),
		   'period', pg_catalog.jsonb_build_object('start', ec.start_date, 'end', ec.end_date),
		   'serviceProvider', pg_catalog.jsonb_build_object(
			   'reference', pg_catalog.concat('Organization/unit-', u.unit_key)),
		   -- care at the unit took place at its base; care elsewhere did not
		   'location', CASE WHEN ec.encounter_class IN ('IMP', 'EMER', 'AMB') AND NOT ec.home_based
							  AND u.base IS NOT NULL
			   THEN pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object(
				   'location', pg_catalog.jsonb_build_object(
					   'reference', pg_catalog.concat('Location/unit-', u.unit_key)))) END))
	   AS resource
FROM @registry@.episode_classified ec
JOIN @registry@.unit u ON u.unit_id = ec.unit_id;
COMMENT ON VIEW @registry@._fhir_encounter IS
	'Helper of fhir_encounter and fhir_resources: each episode as a FHIR R4 Encounter';
COMMENT ON COLUMN @registry@._fhir_encounter.episode_id IS 'Episode';
COMMENT ON COLUMN @registry@._fhir_encounter.resource IS 'The Encounter (id the episode_id)';

CREATE VIEW @registry@._fhir_patient WITH (security_invoker = true) AS
SELECT p.patient_id,
	   pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
		   'resourceType', 'Patient',
		   'id', p.patient_id::text,
		   'gender', CASE p.sex WHEN 'F' THEN 'female' WHEN 'M' THEN 'male' WHEN 'X' THEN 'other' END,
		   'birthDate', CASE WHEN p.birth_date IS NOT NULL THEN pg_catalog.to_jsonb(p.birth_date)
							 ELSE pg_catalog.to_jsonb(p.birth_year::text) END,
		   'address', CASE WHEN p.municipality_code IS NOT NULL
			   THEN pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object(
				   'use', 'home', 'district', o.name, 'country', 'SE')) END))
	   AS resource
FROM @registry@.patient p
LEFT JOIN @registry@.organisation o ON o.municipality_code = p.municipality_code;
COMMENT ON VIEW @registry@._fhir_patient IS
	'Helper of fhir_resources: each patient as a FHIR R4 Patient';
COMMENT ON COLUMN @registry@._fhir_patient.patient_id IS 'Patient';
COMMENT ON COLUMN @registry@._fhir_patient.resource IS 'The Patient (id the patient_id)';

-- The organisations, then the units, each in key order.
CREATE VIEW @registry@._fhir_organization WITH (security_invoker = true) AS
SELECT 1 AS kind,
	   o.org_code AS key,
	   pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
		   'resourceType', 'Organization',
		   'id', @registry@._fhir_organisation_id(o.org_code),
		   'identifier', pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object(
			   'system', 'urn:mobilvard:org-code', 'value', o.org_code)),
		   'active', true,
		   'type', pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object(
			   'coding', pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object(
				   'system', 'http://terminology.hl7.org/CodeSystem/organization-type',
				   'code', 'govt', 'display', 'Government')),
			   'text', o.principal)),
		   'name', o.name,
		   'partOf', CASE WHEN o.parent_org IS NOT NULL
			   THEN pg_catalog.jsonb_build_object('reference',
				   pg_catalog.concat('Organization/', @registry@._fhir_organisation_id(o.parent_org))) END))
	   AS resource
FROM @registry@.organisation o
UNION ALL
SELECT 2,
	   u.unit_id,
	   pg_catalog.jsonb_build_object(
		   'resourceType', 'Organization',
		   'id', pg_catalog.concat('unit-', u.unit_key),
		   'identifier', pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object(
			   'system', 'urn:mobilvard:unit-id', 'value', u.unit_id)),
		   'active', true,
		   'type', pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object(
			   'coding', pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object(
				   'system', 'http://terminology.hl7.org/CodeSystem/organization-type',
				   'code', 'prov', 'display', 'Healthcare Provider')),
			   'text', @extschema@.label(u.unit_form, 'en'))),
		   'name', u.name,
		   'partOf', pg_catalog.jsonb_build_object('reference',
			   pg_catalog.concat('Organization/', @registry@._fhir_organisation_id(u.org_code))))
FROM @registry@.unit u;
COMMENT ON VIEW @registry@._fhir_organization IS
	'Helper of fhir_resources: each organisation and each unit as a FHIR R4 Organization (a unit partOf its organisation)';
COMMENT ON COLUMN @registry@._fhir_organization.kind IS '1 for an organisation, 2 for a unit';
COMMENT ON COLUMN @registry@._fhir_organization.key IS 'org_code or unit_id';
COMMENT ON COLUMN @registry@._fhir_organization.resource IS 'The Organization (id org- and the code, or unit- and the unit_key)';

CREATE VIEW @registry@._fhir_location WITH (security_invoker = true) AS
SELECT u.unit_key,
	   pg_catalog.jsonb_build_object(
		   'resourceType', 'Location',
		   'id', pg_catalog.concat('unit-', u.unit_key),
		   'status', 'active',
		   'name', u.name,
		   'mode', 'instance',
		   'managingOrganization', pg_catalog.jsonb_build_object(
			   'reference', pg_catalog.concat('Organization/unit-', u.unit_key)),
		   'position', pg_catalog.jsonb_build_object(
			   'longitude', pg_catalog.round(ST_X(w.point)::numeric, 6),
			   'latitude', pg_catalog.round(ST_Y(w.point)::numeric, 6)))
	   AS resource
FROM @registry@.unit u
CROSS JOIN LATERAL (SELECT ST_Transform(u.base, 4326) AS point) w
WHERE u.base IS NOT NULL;
COMMENT ON VIEW @registry@._fhir_location IS
	'Helper of fhir_resources: each unit''s base as a FHIR R4 Location';
COMMENT ON COLUMN @registry@._fhir_location.unit_key IS 'Unit';
COMMENT ON COLUMN @registry@._fhir_location.resource IS 'The Location (id unit- and the unit_key), its position in WGS 84';

CREATE FUNCTION @registry@.fhir_encounter(episode_id bigint) RETURNS jsonb
	LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	resource jsonb;
BEGIN
	SELECT f.resource INTO resource FROM @registry@._fhir_encounter f WHERE f.episode_id = $1;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'episode % is not in registry %', $1, '@registry@'
			USING ERRCODE = 'no_data_found',
				  HINT = 'The registry''s episodes are the rows of @registry@.episode that row-level security lets you see.';
	END IF;
	RETURN resource;
END
$$;
COMMENT ON FUNCTION @registry@.fhir_encounter(bigint) IS
	'The episode as a FHIR R4 Encounter (doc/standards.md); error P0002 for an episode the registry does not hold';

CREATE FUNCTION @registry@.fhir_resources(resource_type text) RETURNS SETOF jsonb
	LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	CASE $1
		WHEN 'Encounter' THEN
			RETURN QUERY SELECT f.resource FROM @registry@._fhir_encounter f ORDER BY f.episode_id;
		WHEN 'Patient' THEN
			RETURN QUERY SELECT f.resource FROM @registry@._fhir_patient f ORDER BY f.patient_id;
		WHEN 'Organization' THEN
			RETURN QUERY SELECT f.resource FROM @registry@._fhir_organization f ORDER BY f.kind, f.key;
		WHEN 'Location' THEN
			RETURN QUERY SELECT f.resource FROM @registry@._fhir_location f ORDER BY f.unit_key;
		ELSE
			RAISE EXCEPTION 'mobilvard exports no FHIR resources of type "%"', $1
				USING ERRCODE = 'invalid_parameter_value',
					  HINT = 'The types are Encounter, Patient, Organization and Location.';
	END CASE;
END
$$;
COMMENT ON FUNCTION @registry@.fhir_resources(text) IS
	'Every Encounter, Patient, Organization or Location of the registry as FHIR R4 JSON, one resource a row, for an NDJSON bulk export (scripts/fhir_export.sh); error 22023 for another type';
