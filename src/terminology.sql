-- terminology.sql: harmonisation of team names (src/terminology.c,
-- src/team_name.c; doc/classification.md).  The names care_form_of looks for
-- are the rows of team_name: mobilvard ships those of the national
-- pre-study, and the DBA may add, edit and retire names.

-- How care_form_of folds a name (case, no-break spaces, dashes, Unicode
-- normalisation, surrounding white space); team_name holds names folded.
CREATE FUNCTION @extschema@._fold_team_name(name text) RETURNS text
	AS 'MODULE_PATHNAME', 'fold_team_name'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@._fold_team_name(text) IS
	'A name folded as care_form_of folds a unit''s name: Unicode NFC, lower case, a no-break space as a space, a Unicode dash as a hyphen, no surrounding white space';

CREATE TABLE @extschema@.team_name (
	name text NOT NULL
		CONSTRAINT team_name_not_empty CHECK (name <> '')
		CONSTRAINT team_name_folded CHECK (name = @extschema@._fold_team_name(name)),
	whole_word boolean NOT NULL DEFAULT false,
	care_form @extschema@.care_form,
	form_municipal_primary @extschema@.care_form
		CONSTRAINT team_name_form_municipal_primary_permitted
		CHECK ('municipal_primary'::@extschema@.care_level OPERATOR(@extschema@.=)
			   ANY (@extschema@.permitted_levels(form_municipal_primary))),
	form_regional_primary @extschema@.care_form
		CONSTRAINT team_name_form_regional_primary_permitted
		CHECK ('regional_primary'::@extschema@.care_level OPERATOR(@extschema@.=)
			   ANY (@extschema@.permitted_levels(form_regional_primary))),
	form_specialised @extschema@.care_form
		CONSTRAINT team_name_form_specialised_permitted
		CHECK ('specialised_outpatient'::@extschema@.care_level OPERATOR(@extschema@.=)
			   ANY (@extschema@.permitted_levels(form_specialised))
			   AND 'specialised_inpatient'::@extschema@.care_level OPERATOR(@extschema@.=)
			   ANY (@extschema@.permitted_levels(form_specialised))),
	valid daterange NOT NULL DEFAULT '(,)'
		CONSTRAINT team_name_valid_not_empty CHECK (NOT pg_catalog.isempty(valid)),
	source text,
	CONSTRAINT team_name_pkey PRIMARY KEY (name, valid),
	CONSTRAINT team_name_one_form_or_one_per_level
		CHECK (CASE WHEN care_form IS NULL
					THEN form_municipal_primary IS NOT NULL AND form_regional_primary IS NOT NULL
						 AND form_specialised IS NOT NULL
					ELSE form_municipal_primary IS NULL AND form_regional_primary IS NULL
						 AND form_specialised IS NULL END),
	CONSTRAINT team_name_not_overlapping
		EXCLUDE USING gist (name WITH =, valid WITH OPERATOR(pg_catalog.&&))
);
COMMENT ON TABLE @extschema@.team_name IS
	'The team names care_form_of finds in a unit''s name (doc/classification.md): those of the national pre-study, shipped, and the DBA''s own. Shared by every registry of the database; a change takes effect at once';
COMMENT ON COLUMN @extschema@.team_name.name IS
	'The name, folded on input as care_form_of folds a unit''s name (lower case, Unicode NFC)';
COMMENT ON COLUMN @extschema@.team_name.whole_word IS
	'An acronym: matches only as a whole word (no letter or digit before or after it); otherwise the name matches inside words too';
COMMENT ON COLUMN @extschema@.team_name.care_form IS
	'The mobile care form the name says; NULL for a name of several forms, resolved by the unit''s level (the form_ columns)';
COMMENT ON COLUMN @extschema@.team_name.form_municipal_primary IS
	'For a name of several forms: its form at municipal_primary';
COMMENT ON COLUMN @extschema@.team_name.form_regional_primary IS
	'For a name of several forms: its form at regional_primary';
COMMENT ON COLUMN @extschema@.team_name.form_specialised IS
	'For a name of several forms: its form at specialised_outpatient and specialised_inpatient';
COMMENT ON COLUMN @extschema@.team_name.valid IS
	'The days on which the name has this meaning (a renamed term: from the day of the rename)';
COMMENT ON COLUMN @extschema@.team_name.source IS
	'Where the name comes from';

-- The shipped names, one a line (test/fuzz/run.sh reads the lines of this
-- region).
CREATE FUNCTION @extschema@._shipped_team_name()
	RETURNS SETOF @extschema@.team_name
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
BEGIN ATOMIC
	SELECT v.name, v.whole_word, v.care_form::@extschema@.care_form,
		   v.form_municipal_primary::@extschema@.care_form, v.form_regional_primary::@extschema@.care_form,
		   v.form_specialised::@extschema@.care_form, v.valid::daterange, v.source
	FROM (VALUES
-- @shipped-team-names {
		('sjukhusvård i hemmet', false, 'hospital_at_home', NULL, NULL, NULL, '(,)', 'table 1'),
		('sjukhus hemma', false, 'hospital_at_home', NULL, NULL, NULL, '(,)', 'table 1'),
		('hemma', true, 'hospital_at_home', NULL, NULL, NULL, '(,)', 'table 1'),
		('hospital at home', false, 'hospital_at_home', NULL, NULL, NULL, '(,)', 'pre-study, text of table 1'),
		('virtuell vårdavdelning', false, 'hospital_at_home', NULL, NULL, NULL, '(,)', 'pre-study, appendix 2'),
		('virtuella vårdavdelning', false, 'hospital_at_home', NULL, NULL, NULL, '(,)', 'pre-study, appendix 2'),
		('opat', true, 'hospital_at_home', NULL, NULL, NULL, '(,)', 'Region Örebro län, vård i hemmet (tidig hemgång)'),
		('asih', true, 'specialised_home_care', NULL, NULL, NULL, '(,)', 'table 1'),
		('ssih', true, 'specialised_home_care', NULL, NULL, NULL, '(,)', 'table 1'),
		('sah', true, 'specialised_home_care', NULL, NULL, NULL, '(,)', 'table 1'),
		('lah', true, 'specialised_home_care', NULL, NULL, NULL, '(,)', 'table 1'),
		('avancerad sjukvård i hemmet', false, 'specialised_home_care', NULL, NULL, NULL, '(,)', 'table 1'),
		('specialiserad sjukvård i hemmet', false, 'specialised_home_care', NULL, NULL, NULL, '(,)', 'table 1'),
		('specialiserad sjukhusvård i hemmet', false, 'specialised_home_care', NULL, NULL, NULL, '(,)', 'table 1'),
		('sjukhusansluten hemsjukvård', false, 'specialised_home_care', NULL, NULL, NULL, '(,)', 'table 1'),
		('lasarettansluten vård', false, 'specialised_home_care', NULL, NULL, NULL, '(,)', 'table 1'),
		('lasarettsansluten hemsjukvård', false, 'specialised_home_care', NULL, NULL, NULL, '(,)', 'pre-study, footnote 7'),
		('konsultteam', false, 'specialised_home_care', NULL, NULL, NULL, '(,)', 'pre-study, text of table 1'),
		('palliativt team', false, 'specialised_home_care', NULL, NULL, NULL, '(,)', 'pre-study, text of table 1; Region Örebro län'),
		('palliativa team', false, 'specialised_home_care', NULL, NULL, NULL, '(,)', 'pre-study, text of table 1; Region Örebro län'),
		('spot', true, 'mobile_psychiatry', NULL, NULL, NULL, '(,)', 'table 1'),
		('map', true, 'mobile_psychiatry', NULL, NULL, NULL, '(,)', 'table 1'),
		('fact', true, 'mobile_psychiatry', NULL, NULL, NULL, '(,)', 'table 1'),
		('pea', true, 'mobile_psychiatry', NULL, NULL, NULL, '(,)', 'pre-study, text of table 1'),
		('mobil psykiatri', false, 'mobile_psychiatry', NULL, NULL, NULL, '(,)', 'pre-study, text of table 1'),
		('mobil akut psykiatri', false, 'mobile_psychiatry', NULL, NULL, NULL, '(,)', 'table 1'),
		('mobilt psykiatriteam', false, 'mobile_psychiatry', NULL, NULL, NULL, '(,)', 'table 1'),
		('mobila psykiatriteam', false, 'mobile_psychiatry', NULL, NULL, NULL, '(,)', 'table 1'),
		('specialistpsykiatriskt omvårdnadsteam', false, 'mobile_psychiatry', NULL, NULL, NULL, '(,)', 'table 1'),
		('specialistpsykiatriska omvårdnadsteam', false, 'mobile_psychiatry', NULL, NULL, NULL, '(,)', 'pre-study, text of table 1'),
		('prehospital enhet för akutpsykiatri', false, 'mobile_psychiatry', NULL, NULL, NULL, '(,)', 'pre-study, text of table 1'),
		('prehospitala enheten för akutpsykiatri', false, 'mobile_psychiatry', NULL, NULL, NULL, '(,)', 'pre-study, text of table 1'),
		('närsjukvårdsteam', false, 'community_care_team', NULL, NULL, NULL, '(,)', 'table 1'),
		('närvårdsteam', false, 'community_care_team', NULL, NULL, NULL, '(,)', 'table 1'),
		('nära vårdteam', false, 'community_care_team', NULL, NULL, NULL, '(,)', 'table 1'),
		('alma och älsa', false, 'community_care_team', NULL, NULL, NULL, '(,)', 'table 1'),
		('barnteam', false, 'mobile_specialist_team', NULL, NULL, NULL, '(,)', 'table 1'),
		('habteam', false, 'mobile_specialist_team', NULL, NULL, NULL, '(,)', 'table 1'),
		('stroketeam', false, 'mobile_specialist_team', NULL, NULL, NULL, '(,)', 'table 1'),
		('trachteam', false, 'mobile_specialist_team', NULL, NULL, NULL, '(,)', 'table 1'),
		('hjärtsviktsteam', false, 'mobile_specialist_team', NULL, NULL, NULL, '(,)', 'table 1'),
		('mobilt specialistteam', false, 'mobile_specialist_team', NULL, NULL, NULL, '(,)', 'table 1'),
		('mobila specialistteam', false, 'mobile_specialist_team', NULL, NULL, NULL, '(,)', 'table 1'),
		('gat', true, 'mobile_specialist_team', NULL, NULL, NULL, '(,)', 'pre-study, appendix 2'),
		('akuta geriatriska mobila team', false, 'mobile_specialist_team', NULL, NULL, NULL, '(,)', 'pre-study, appendix 2'),
		('mobilt primärvårdsteam', false, 'mobile_primary_care', NULL, NULL, NULL, '(,)', 'table 1'),
		('mobila primärvårdsteam', false, 'mobile_primary_care', NULL, NULL, NULL, '(,)', 'table 1'),
		('pah', true, 'mobile_primary_care', NULL, NULL, NULL, '(,)', 'pre-study, footnote 7'),
		('primärvårdsansluten hemsjukvård', false, 'mobile_primary_care', NULL, NULL, NULL, '(,)', 'pre-study, footnote 7'),
		('hemgångsteam', false, 'municipal_health_team', NULL, NULL, NULL, '(,)', 'table 1'),
		('kommunalt hälso- och sjukvårdsteam', false, 'municipal_health_team', NULL, NULL, NULL, '(,)', 'table 1'),
		('kommunala hälso- och sjukvårdsteam', false, 'municipal_health_team', NULL, NULL, NULL, '(,)', 'table 1'),
		('kommunala hälso- och sjukvårds team', false, 'municipal_health_team', NULL, NULL, NULL, '(,)', 'table 1'),
		('ambulans', false, 'other_mobile', NULL, NULL, NULL, '(,)', 'table 1'),
		('bup-team', false, 'other_mobile', NULL, NULL, NULL, '(,)', 'table 1'),
		('bedömningsbil', false, 'other_mobile', NULL, NULL, NULL, '(,)', 'table 1'),
		('jourläkarbil', false, 'other_mobile', NULL, NULL, NULL, '(,)', 'pre-study, text of table 1'),
		('mobil röntgen', false, 'other_mobile', NULL, NULL, NULL, '(,)', 'table 1'),
		('läkarbåt', false, 'other_mobile', NULL, NULL, NULL, '(,)', 'table 1'),
		('vaccinationsbuss', false, 'other_mobile', NULL, NULL, NULL, '(,)', 'table 1'),
		('tandvård', false, 'other_mobile', NULL, NULL, NULL, '(,)', 'table 1'),
		('övrig mobil vård', false, 'other_mobile', NULL, NULL, NULL, '(,)', 'table 1'),
		('hemsjukvård', false, NULL, 'municipal_health_team', 'mobile_primary_care', 'specialised_home_care', '(,)', 'table 1'),
		('hälso- och sjukvård i hemmet', false, NULL, 'municipal_health_team', 'mobile_primary_care', 'specialised_home_care', '[2026-07-01,)', 'HSL from 1 July 2026, for hemsjukvård (prop. 2025/26:19)'),
		('rehabteam', false, NULL, 'municipal_health_team', 'mobile_primary_care', 'mobile_specialist_team', '(,)', 'table 1'),
		('rehabiliteringsteam', false, NULL, 'municipal_health_team', 'mobile_primary_care', 'mobile_specialist_team', '(,)', 'pre-study, text of table 1'),
		('demensteam', false, NULL, 'municipal_health_team', 'mobile_primary_care', 'mobile_specialist_team', '(,)', 'table 1')
-- @shipped-team-names }
	) v(name, whole_word, care_form, form_municipal_primary, form_regional_primary, form_specialised, valid, source);
END;
COMMENT ON FUNCTION @extschema@._shipped_team_name() IS
	'The team names mobilvard ships: the national pre-study''s (table 1 and its text) and the terms of the law';

-- The shipped rows are made by CREATE EXTENSION, so pg_dump carries only the
-- rows that differ from them; restoring such a row replaces the unchanged
-- shipped rows of its name whose days it overlaps instead of failing.
CREATE FUNCTION @extschema@._team_name_before_write() RETURNS trigger
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	NEW.name := @extschema@._fold_team_name(NEW.name);
	IF TG_OP OPERATOR(pg_catalog.=) 'INSERT' THEN
		DELETE FROM @extschema@.team_name t
		WHERE t.name OPERATOR(pg_catalog.=) NEW.name
		  AND t.valid OPERATOR(pg_catalog.&&) NEW.valid
		  AND EXISTS (SELECT FROM @extschema@._shipped_team_name() s WHERE s OPERATOR(pg_catalog.=) t);
	END IF;
	RETURN NEW;
END
$$;
COMMENT ON FUNCTION @extschema@._team_name_before_write() IS
	'Trigger on team_name: folds the name; an inserted name replaces the unchanged shipped rows of that name whose days it overlaps (so that a restored dump keeps edits of shipped rows)';

-- Every backend keeps the names compiled; a change tells them to read the
-- table again (src/team_name.c).
CREATE FUNCTION @extschema@._team_name_changed() RETURNS trigger
	AS 'MODULE_PATHNAME', 'team_name_changed'
	LANGUAGE C;
COMMENT ON FUNCTION @extschema@._team_name_changed() IS
	'Trigger on team_name: every session reads the names again when the change commits (this session at its next command)';

INSERT INTO @extschema@.team_name SELECT * FROM @extschema@._shipped_team_name();
CREATE TRIGGER fold_and_replace_shipped BEFORE INSERT OR UPDATE ON @extschema@.team_name
	FOR EACH ROW EXECUTE FUNCTION @extschema@._team_name_before_write();
CREATE TRIGGER invalidate_compiled_names AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON @extschema@.team_name
	FOR EACH STATEMENT EXECUTE FUNCTION @extschema@._team_name_changed();
-- Also under session_replication_role = replica (logical replication's
-- apply worker), which skips ordinary triggers.
ALTER TABLE @extschema@.team_name ENABLE ALWAYS TRIGGER invalidate_compiled_names;
SELECT pg_catalog.pg_extension_config_dump('@extschema@.team_name',
	'WHERE NOT EXISTS (SELECT FROM @extschema@._shipped_team_name() s WHERE s OPERATOR(pg_catalog.=) team_name)');
GRANT SELECT ON @extschema@.team_name TO PUBLIC;

CREATE FUNCTION @extschema@.care_form_of(team_name text, unit_level @extschema@.care_level DEFAULT NULL,
										 on_date date DEFAULT NULL)
	RETURNS @extschema@.care_form
	AS 'MODULE_PATHNAME', 'care_form_of'
	LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.care_form_of(text, @extschema@.care_level, date) IS
	'Mobile care form named by a unit''s name: the longest name of team_name valid on on_date (NULL: the current date) in it wins (acronyms as whole words); a name of several forms is resolved by unit_level and gives NULL without it; NULL when nothing matches';
