-- terminology.sql: harmonisation of team names (src/terminology.c).

CREATE FUNCTION @extschema@.care_form_of(team_name text, unit_level @extschema@.care_level DEFAULT NULL)
	RETURNS @extschema@.care_form
	AS 'MODULE_PATHNAME', 'care_form_of'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.care_form_of(text, @extschema@.care_level) IS
	'Mobile care form named by a unit''s name (table 1 of the national pre-study): the longest known name or acronym in it wins (acronyms as whole words); hemsjukvård, "hälso- och sjukvård i hemmet", rehabteam and demensteam are resolved by unit_level and give NULL without it; NULL when nothing matches';
