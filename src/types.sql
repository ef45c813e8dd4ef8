-- types.sql: care_level, care_setting and care_form (src/types.c;
-- doc/classification.md).


CREATE TYPE @extschema@.care_level;
CREATE TYPE @extschema@.care_setting;
CREATE TYPE @extschema@.care_form;

CREATE FUNCTION @extschema@.care_level_in(cstring) RETURNS @extschema@.care_level
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.care_level_out(@extschema@.care_level) RETURNS cstring
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.care_level_recv(internal) RETURNS @extschema@.care_level
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.care_level_send(@extschema@.care_level) RETURNS bytea
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.care_setting_in(cstring) RETURNS @extschema@.care_setting
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.care_setting_out(@extschema@.care_setting) RETURNS cstring
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.care_setting_recv(internal) RETURNS @extschema@.care_setting
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.care_setting_send(@extschema@.care_setting) RETURNS bytea
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.care_form_in(cstring) RETURNS @extschema@.care_form
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.care_form_out(@extschema@.care_form) RETURNS cstring
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.care_form_recv(internal) RETURNS @extschema@.care_form
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.care_form_send(@extschema@.care_form) RETURNS bytea
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

-- One byte, by value: the value is the position in the type's order.
CREATE TYPE @extschema@.care_level (
	INPUT = @extschema@.care_level_in, OUTPUT = @extschema@.care_level_out,
	RECEIVE = @extschema@.care_level_recv, SEND = @extschema@.care_level_send,
	INTERNALLENGTH = 1, PASSEDBYVALUE, ALIGNMENT = char, STORAGE = plain,
	CATEGORY = 'E'
);
CREATE TYPE @extschema@.care_setting (
	INPUT = @extschema@.care_setting_in, OUTPUT = @extschema@.care_setting_out,
	RECEIVE = @extschema@.care_setting_recv, SEND = @extschema@.care_setting_send,
	INTERNALLENGTH = 1, PASSEDBYVALUE, ALIGNMENT = char, STORAGE = plain,
	CATEGORY = 'E'
);
CREATE TYPE @extschema@.care_form (
	INPUT = @extschema@.care_form_in, OUTPUT = @extschema@.care_form_out,
	RECEIVE = @extschema@.care_form_recv, SEND = @extschema@.care_form_send,
	INTERNALLENGTH = 1, PASSEDBYVALUE, ALIGNMENT = char, STORAGE = plain,
	CATEGORY = 'E'
);

COMMENT ON TYPE @extschema@.care_level IS
	'Care level by specialisation (vårdnivå): municipal_primary < regional_primary < specialised_outpatient < specialised_inpatient. Input accepts the English or Swedish label, case-insensitive.';
COMMENT ON TYPE @extschema@.care_setting IS
	'Where care is given: hospital_ward, emergency_department, outpatient_clinic, ordinary_home, special_housing, short_term_housing, remote, prehospital. Input accepts the English or Swedish label, case-insensitive.';
COMMENT ON TYPE @extschema@.care_form IS
	'Mobile care form (table 1 of the national pre-study): none, hospital_at_home, specialised_home_care, mobile_specialist_team, mobile_psychiatry, community_care_team, mobile_primary_care, municipal_health_team, other_mobile. Input accepts the English or Swedish label, case-insensitive.';

-- Comparison, hashing, operators, operator classes and text casts are the
-- same for the three types, written out for each at build time.
-- @foreach care_level care_setting care_form src/type_support.sql.in

CREATE FUNCTION @extschema@.principal(@extschema@.care_level) RETURNS text
	AS 'MODULE_PATHNAME', 'care_level_principal_sql'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.principal(@extschema@.care_level) IS
	'Responsible principal (huvudman) of a care level: ''municipality'' for municipal_primary, else ''region''';

CREATE FUNCTION @extschema@.is_home(@extschema@.care_setting) RETURNS boolean
	AS 'MODULE_PATHNAME', 'care_setting_is_home_sql'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.is_home(@extschema@.care_setting) IS
	'True for the patient''s home: ordinary_home, special_housing or short_term_housing';

CREATE FUNCTION @extschema@.permitted_levels(@extschema@.care_form) RETURNS @extschema@.care_level[]
	AS 'MODULE_PATHNAME', 'care_form_permitted_levels_sql'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.permitted_levels(@extschema@.care_form) IS
	'Care levels a mobile care form may be delivered at (table 1 of the national pre-study), in level order';

CREATE FUNCTION @extschema@.fhir_encounter_class(@extschema@.care_setting, inpatient_equivalent boolean)
	RETURNS text
	AS 'MODULE_PATHNAME', 'fhir_encounter_class'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.fhir_encounter_class(@extschema@.care_setting, boolean) IS
	'HL7 FHIR Encounter.class (v3 ActCode) of a setting: IMP, EMER, AMB, HH (IMP when the home care is inpatient-equivalent), VR or FLD';

CREATE FUNCTION @extschema@.omop_visit_concept_id(@extschema@.care_setting, inpatient_equivalent boolean)
	RETURNS integer
	AS 'MODULE_PATHNAME', 'omop_visit_concept_id'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.omop_visit_concept_id(@extschema@.care_setting, boolean) IS
	'OMOP visit concept of the FHIR encounter class, from the Visit concepts of the OMOP CDM v5.4 documentation (doc/standards.md): IMP 9201 Inpatient, AMB 9202 Outpatient, EMER 9203 Emergency Room, HH 581476 Home, VR 5083 Telehealth, FLD (prehospital) 581478 Ambulance Visit';
