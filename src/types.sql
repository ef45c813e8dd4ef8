-- types.sql: care_level, care_setting and care_form (src/types.c;
-- doc/classification.md).

-- The extension's types, functions and national figures are for every role
-- that reads a registry: its columns are of these types, and comparing them
-- with a literal needs their operators in a schema the role may use.
GRANT USAGE ON SCHEMA @extschema@ TO PUBLIC;

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
-- same for the three types: the C functions compare the stored byte.
DO $types$
DECLARE
	t text;
	op record;
BEGIN
	FOREACH t IN ARRAY ARRAY['care_level', 'care_setting', 'care_form']
	LOOP
		FOR op IN
			SELECT * FROM (VALUES
				('eq', '=', '<>', '=', 'equal to'),
				('ne', '<>', '=', '<>', 'not equal to'),
				('lt', '<', '>=', '>', 'less than'),
				('le', '<=', '>', '>=', 'less than or equal to'),
				('gt', '>', '<=', '<', 'greater than'),
				('ge', '>=', '<', '<=', 'greater than or equal to'))
				AS o(fn, sym, negator, commutator, words)
		LOOP
			EXECUTE format(
				'CREATE FUNCTION @extschema@.%1$s_%2$s(@extschema@.%1$s, @extschema@.%1$s) RETURNS boolean '
				'AS %3$L, %4$L LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF',
				t, op.fn, 'MODULE_PATHNAME', 'mobilvard_enum_' || op.fn);
			EXECUTE format(
				'COMMENT ON FUNCTION @extschema@.%1$s_%2$s(@extschema@.%1$s, @extschema@.%1$s) IS %3$L',
				t, op.fn, format('%s %s, in the type''s order', t, op.words));
			EXECUTE format(
				'CREATE OPERATOR @extschema@.%2$s (LEFTARG = @extschema@.%1$s, RIGHTARG = @extschema@.%1$s, '
				'FUNCTION = @extschema@.%1$s_%3$s, NEGATOR = OPERATOR(@extschema@.%4$s), COMMUTATOR = OPERATOR(@extschema@.%5$s), '
				'RESTRICT = %6$s, JOIN = %7$s%8$s)',
				t, op.sym, op.fn, op.negator, op.commutator,
				CASE op.fn WHEN 'eq' THEN 'eqsel' WHEN 'ne' THEN 'neqsel'
					WHEN 'lt' THEN 'scalarltsel' WHEN 'le' THEN 'scalarlesel'
					WHEN 'gt' THEN 'scalargtsel' ELSE 'scalargesel' END,
				CASE op.fn WHEN 'eq' THEN 'eqjoinsel' WHEN 'ne' THEN 'neqjoinsel'
					WHEN 'lt' THEN 'scalarltjoinsel' WHEN 'le' THEN 'scalarlejoinsel'
					WHEN 'gt' THEN 'scalargtjoinsel' ELSE 'scalargejoinsel' END,
				CASE op.fn WHEN 'eq' THEN ', HASHES, MERGES' ELSE '' END);
		END LOOP;

		EXECUTE format(
			'CREATE FUNCTION @extschema@.%1$s_cmp(@extschema@.%1$s, @extschema@.%1$s) RETURNS integer '
			'AS %2$L, ''mobilvard_enum_cmp'' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF',
			t, 'MODULE_PATHNAME');
		EXECUTE format(
			'CREATE FUNCTION @extschema@.%1$s_sortsupport(internal) RETURNS void '
			'AS %2$L, ''mobilvard_enum_sortsupport'' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE',
			t, 'MODULE_PATHNAME');
		EXECUTE format(
			'CREATE FUNCTION @extschema@.%1$s_hash(@extschema@.%1$s) RETURNS integer '
			'AS %2$L, ''mobilvard_enum_hash'' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF',
			t, 'MODULE_PATHNAME');
		EXECUTE format(
			'CREATE FUNCTION @extschema@.%1$s_hash_extended(@extschema@.%1$s, bigint) RETURNS bigint '
			'AS %2$L, ''mobilvard_enum_hash_extended'' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF',
			t, 'MODULE_PATHNAME');
		EXECUTE format('COMMENT ON FUNCTION @extschema@.%1$s_cmp(@extschema@.%1$s, @extschema@.%1$s) IS %2$L',
			t, format('btree support: -1, 0 or 1 as the first %s sorts before, with or after the second', t));
		EXECUTE format('COMMENT ON FUNCTION @extschema@.%1$s_sortsupport(internal) IS %2$L',
			t, format('btree sort support for %s: compares the stored byte', t));
		EXECUTE format('COMMENT ON FUNCTION @extschema@.%1$s_hash(@extschema@.%1$s) IS %2$L',
			t, format('hash support for %s', t));
		EXECUTE format('COMMENT ON FUNCTION @extschema@.%1$s_hash_extended(@extschema@.%1$s, bigint) IS %2$L',
			t, format('seeded hash support for %s', t));

		FOR op IN
			SELECT * FROM (VALUES ('smaller', 'min', '<', 'earlier'), ('larger', 'max', '>', 'later'))
				AS o(fn, agg, sortop, words)
		LOOP
			EXECUTE format(
				'CREATE FUNCTION @extschema@.%1$s_%2$s(@extschema@.%1$s, @extschema@.%1$s) RETURNS @extschema@.%1$s '
				'AS %3$L, %4$L LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE',
				t, op.fn, 'MODULE_PATHNAME', 'mobilvard_enum_' || op.fn);
			EXECUTE format(
				'CREATE AGGREGATE @extschema@.%2$s(@extschema@.%1$s) (SFUNC = @extschema@.%1$s_%3$s, '
				'STYPE = @extschema@.%1$s, COMBINEFUNC = @extschema@.%1$s_%3$s, '
				'SORTOP = OPERATOR(@extschema@.%4$s), PARALLEL = SAFE)',
				t, op.agg, op.fn, op.sortop);
			EXECUTE format('COMMENT ON FUNCTION @extschema@.%1$s_%2$s(@extschema@.%1$s, @extschema@.%1$s) IS %3$L',
				t, op.fn, format('the %s of two %s values in the type''s order', op.words, t));
			EXECUTE format('COMMENT ON AGGREGATE @extschema@.%2$s(@extschema@.%1$s) IS %3$L',
				t, op.agg, format('%s %s in the type''s order', op.agg, t));
		END LOOP;

		EXECUTE format(
			'CREATE OPERATOR CLASS @extschema@.%1$s_ops DEFAULT FOR TYPE @extschema@.%1$s USING btree AS '
			'OPERATOR 1 @extschema@.<, OPERATOR 2 @extschema@.<=, OPERATOR 3 @extschema@.=, '
			'OPERATOR 4 @extschema@.>=, OPERATOR 5 @extschema@.>, '
			'FUNCTION 1 @extschema@.%1$s_cmp(@extschema@.%1$s, @extschema@.%1$s), '
			'FUNCTION 2 @extschema@.%1$s_sortsupport(internal)', t);
		EXECUTE format(
			'CREATE OPERATOR CLASS @extschema@.%1$s_ops DEFAULT FOR TYPE @extschema@.%1$s USING hash AS '
			'OPERATOR 1 @extschema@.=, '
			'FUNCTION 1 @extschema@.%1$s_hash(@extschema@.%1$s), '
			'FUNCTION 2 @extschema@.%1$s_hash_extended(@extschema@.%1$s, bigint)', t);

		EXECUTE format('CREATE CAST (text AS @extschema@.%s) WITH INOUT', t);
		EXECUTE format('CREATE CAST (@extschema@.%s AS text) WITH INOUT AS ASSIGNMENT', t);

		EXECUTE format(
			'CREATE FUNCTION @extschema@.label(@extschema@.%1$s, lang text DEFAULT ''sv'') RETURNS text '
			'AS %2$L, %3$L LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE',
			t, 'MODULE_PATHNAME', t || '_label');
		EXECUTE format('COMMENT ON FUNCTION @extschema@.label(@extschema@.%1$s, text) IS %2$L',
			t, format('Display label of a %s in Swedish (lang ''sv'', the default) or English (''en'')', t));

		EXECUTE format('COMMENT ON FUNCTION @extschema@.%1$s_in(cstring) IS %2$L',
			t, format('text input of %s: canonical or Swedish label, case-insensitive, surrounding white space ignored', t));
		EXECUTE format('COMMENT ON FUNCTION @extschema@.%1$s_out(@extschema@.%1$s) IS %2$L',
			t, format('text output of %s: the canonical label', t));
		EXECUTE format('COMMENT ON FUNCTION @extschema@.%1$s_recv(internal) IS %2$L',
			t, format('binary input of %s: one byte, the position in the type''s order', t));
		EXECUTE format('COMMENT ON FUNCTION @extschema@.%1$s_send(@extschema@.%1$s) IS %2$L',
			t, format('binary output of %s: one byte, the position in the type''s order', t));
	END LOOP;
END
$types$;

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
	'OMOP visit concept of the FHIR encounter class by HL7''s FHIR-to-OMOP concept map (IMP 9201, AMB 9202, EMER 9203, VR 722455, HH 581476); NULL for FLD, which the map does not cover';
