-- codes.sql: the shape of the clinical codes a registry records
-- (doc/registry.md, "Outcomes"): ICD-10-SE diagnoses and KVÅ procedures.
-- Only the shape is checked, so that a typing error or another code system
-- is refused when it is written; the code lists themselves are the National
-- Board of Health and Welfare's, revised every year, and not shipped.

-- @codes {
CREATE FUNCTION @extschema@._icd10_shaped(code text) RETURNS boolean
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	RETURN code OPERATOR(pg_catalog.~) '^[A-Z][0-9]{2}(\.?[0-9A-Z]{1,4})?$';
COMMENT ON FUNCTION @extschema@._icd10_shaped(text) IS
	'Helper of the registry''s constraints: the text has the shape of an ICD-10-SE code (a capital letter, two digits, up to four more digits or capitals, with or without a dot after the third character: I214, J44.1, U071)';

CREATE FUNCTION @extschema@._kva_shaped(code text) RETURNS boolean
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	RETURN code OPERATOR(pg_catalog.~) '^[A-Z]{2}[0-9A-Z][0-9]{2}$';
COMMENT ON FUNCTION @extschema@._kva_shaped(text) IS
	'Helper of the registry''s constraints: the text has the shape of a KVÅ procedure code (two capitals, a digit or capital, two digits: DT016, ZXA10)';

-- Every element of an array has the shape (a NULL element has none); a NULL
-- array passes, as NULL passes a CHECK.
CREATE FUNCTION @extschema@._all_icd10_shaped(codes text[]) RETURNS boolean
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	RETURN NOT EXISTS (SELECT FROM pg_catalog.unnest(codes) c(code)
					   WHERE NOT coalesce(@extschema@._icd10_shaped(c.code), false));
COMMENT ON FUNCTION @extschema@._all_icd10_shaped(text[]) IS
	'Helper of the registry''s constraints: every element is an ICD-10-SE-shaped code (_icd10_shaped)';

CREATE FUNCTION @extschema@._all_kva_shaped(codes text[]) RETURNS boolean
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	RETURN NOT EXISTS (SELECT FROM pg_catalog.unnest(codes) c(code)
					   WHERE NOT coalesce(@extschema@._kva_shaped(c.code), false));
COMMENT ON FUNCTION @extschema@._all_kva_shaped(text[]) IS
	'Helper of the registry''s constraints: every element is a KVÅ-shaped code (_kva_shaped)';
-- @codes }
