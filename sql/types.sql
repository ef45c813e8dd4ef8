-- care_level, care_setting, care_form: I/O, order, operators, index and hash
-- support, casts and the helper functions (doc/classification.md).
SET search_path = mobilvard, public;
\i sql/include/error_of.sql

-- The labels of doc/classification.md, in its order.
CREATE TEMP TABLE level_label (pos int, canonical text, swedish text, english text);
INSERT INTO level_label VALUES
	(0, 'municipal_primary', 'kommunal primärvård', 'municipal primary care'),
	(1, 'regional_primary', 'regional primärvård', 'regional primary care'),
	(2, 'specialised_outpatient', 'specialiserad öppen vård', 'specialised outpatient care'),
	(3, 'specialised_inpatient', 'specialiserad sluten vård', 'specialised inpatient care');
CREATE TEMP TABLE setting_label (pos int, canonical text, swedish text, english text);
INSERT INTO setting_label VALUES
	(0, 'hospital_ward', 'vårdavdelning', 'hospital ward'),
	(1, 'emergency_department', 'akutmottagning', 'emergency department'),
	(2, 'outpatient_clinic', 'mottagning', 'outpatient clinic'),
	(3, 'ordinary_home', 'ordinärt boende', 'ordinary home'),
	(4, 'special_housing', 'särskilt boende', 'special housing'),
	(5, 'short_term_housing', 'korttidsboende', 'short-term housing'),
	(6, 'remote', 'distans', 'remote'),
	(7, 'prehospital', 'prehospital', 'prehospital');
CREATE TEMP TABLE form_label (pos int, canonical text, swedish text, english text);
INSERT INTO form_label VALUES
	(0, 'none', 'ingen', 'none'),
	(1, 'hospital_at_home', 'sjukhusvård i hemmet', 'hospital at home'),
	(2, 'specialised_home_care', 'specialiserad sjukvård i hemmet', 'specialised home care'),
	(3, 'mobile_specialist_team', 'mobilt specialistteam', 'mobile specialist team'),
	(4, 'mobile_psychiatry', 'mobilt psykiatriteam', 'mobile psychiatry'),
	(5, 'community_care_team', 'närsjukvårdsteam', 'community care team'),
	(6, 'mobile_primary_care', 'mobilt primärvårdsteam', 'mobile primary care team'),
	(7, 'municipal_health_team', 'kommunalt hälso- och sjukvårdsteam', 'municipal health-care team'),
	(8, 'other_mobile', 'övrig mobil vård', 'other mobile care');

-- Both labels in, the canonical label out, and the display labels.
SELECT pos, canonical::care_level AS from_canonical, swedish::care_level AS from_swedish,
	   label(canonical::care_level) = swedish AS sv_label,
	   label(canonical::care_level, 'en') = english AS en_label
FROM level_label ORDER BY pos;
SELECT pos, canonical::care_setting AS from_canonical, swedish::care_setting AS from_swedish,
	   label(canonical::care_setting) = swedish AS sv_label,
	   label(canonical::care_setting, 'en') = english AS en_label
FROM setting_label ORDER BY pos;
SELECT pos, canonical::care_form AS from_canonical, swedish::care_form AS from_swedish,
	   label(canonical::care_form) = swedish AS sv_label,
	   label(canonical::care_form, 'en') = english AS en_label
FROM form_label ORDER BY pos;

-- The English display labels are input too: label(x, 'en')::type and
-- label(x)::type give x back for every value, in any case.
SELECT 'care_level' AS type, bool_and(label(l, 'en')::care_level = l AND upper(label(l, 'en'))::care_level = l
									 AND label(l)::care_level = l) AS round_trip
FROM unnest(ARRAY(SELECT canonical::care_level FROM level_label)) l
UNION ALL
SELECT 'care_setting', bool_and(label(l, 'en')::care_setting = l AND upper(label(l, 'en'))::care_setting = l
								AND label(l)::care_setting = l)
FROM unnest(ARRAY(SELECT canonical::care_setting FROM setting_label)) l
UNION ALL
SELECT 'care_form', bool_and(label(l, 'en')::care_form = l AND upper(label(l, 'en'))::care_form = l
							 AND label(l)::care_form = l)
FROM unnest(ARRAY(SELECT canonical::care_form FROM form_label)) l;

-- Text as source systems write it: Unicode NFC (an å typed as a and a
-- combining ring), a no-break space as a space, a Unicode dash as a hyphen.
SELECT E'ordina\u0308rt boende'::care_setting AS decomposed, E'ordin\u00e4rt\u00a0boende'::care_setting AS no_break,
	   E'\u00a0 short\u2013term housing\u00a0'::care_setting AS dash_and_spaces,
	   E'kommunalt h\u00e4lso\u2010 och sjukv\u00e5rdsteam'::care_form AS hyphen;

-- Case (ASCII and Swedish letters) and surrounding white space.
SELECT '  KOMMUNAL PRIMÄRVÅRD '::care_level, E'\tSpecialiserad Öppen Vård\n'::care_level,
	   'Municipal_Primary'::care_level, 'SPECIALISED_INPATIENT'::care_level;
SELECT 'SÄRSKILT BOENDE'::care_setting, ' Ordinärt Boende'::care_setting,
	   'VÅRDAVDELNING'::care_setting, E'\r\nREMOTE \t'::care_setting;
SELECT 'ÖVRIG MOBIL VÅRD'::care_form, 'Kommunalt HÄLSO- OCH Sjukvårdsteam'::care_form,
	   'SJUKHUSVÅRD I HEMMET'::care_form, 'Hospital_At_Home'::care_form;

-- Bad input: 22P02 naming the value.
SELECT input, type, pg_temp.error_of(format('SELECT %L::%s', input, type)) AS error
FROM (VALUES ('', 'care_level'), ('municipal primary', 'care_level'),
			 ('kommunal primärvård x', 'care_level'), ('home', 'care_setting'),
			 ('särskilt  boende', 'care_setting'), ('hospital-at-home', 'care_form'),
			 ('sjukhusvard i hemmet', 'care_form')) v(input, type);

-- The order is the documented one, for all six operators.
SELECT t, bool_and((a.x < b.x) = (a.pos < b.pos) AND (a.x <= b.x) = (a.pos <= b.pos)
				   AND (a.x = b.x) = (a.pos = b.pos) AND (a.x <> b.x) = (a.pos <> b.pos)
				   AND (a.x >= b.x) = (a.pos >= b.pos) AND (a.x > b.x) = (a.pos > b.pos)
				   AND sign(care_level_cmp(a.x, b.x)) = sign(a.pos - b.pos)) AS order_ok,
	   count(*) AS pairs
FROM (SELECT 'care_level' AS t, pos, canonical::care_level AS x FROM level_label) a
JOIN (SELECT pos, canonical::care_level AS x FROM level_label) b ON true
GROUP BY t
UNION ALL
SELECT 'care_setting', bool_and((a.x < b.x) = (a.pos < b.pos) AND (a.x <= b.x) = (a.pos <= b.pos)
				   AND (a.x = b.x) = (a.pos = b.pos) AND (a.x <> b.x) = (a.pos <> b.pos)
				   AND (a.x >= b.x) = (a.pos >= b.pos) AND (a.x > b.x) = (a.pos > b.pos)
				   AND sign(care_setting_cmp(a.x, b.x)) = sign(a.pos - b.pos)),
	   count(*)
FROM (SELECT pos, canonical::care_setting AS x FROM setting_label) a,
	 (SELECT pos, canonical::care_setting AS x FROM setting_label) b
UNION ALL
SELECT 'care_form', bool_and((a.x < b.x) = (a.pos < b.pos) AND (a.x <= b.x) = (a.pos <= b.pos)
				   AND (a.x = b.x) = (a.pos = b.pos) AND (a.x <> b.x) = (a.pos <> b.pos)
				   AND (a.x >= b.x) = (a.pos >= b.pos) AND (a.x > b.x) = (a.pos > b.pos)
				   AND sign(care_form_cmp(a.x, b.x)) = sign(a.pos - b.pos)),
	   count(*)
FROM (SELECT pos, canonical::care_form AS x FROM form_label) a,
	 (SELECT pos, canonical::care_form AS x FROM form_label) b;

SELECT array_agg(x ORDER BY x) AS ascending, array_agg(x ORDER BY x DESC) AS descending,
	   min(x), max(x)
FROM (SELECT canonical::care_setting AS x FROM setting_label ORDER BY md5(canonical)) s;

-- btree: ORDER BY and UNIQUE through an index, merge join.
CREATE TEMP TABLE typed AS
SELECT g AS id,
	   (SELECT canonical FROM level_label WHERE pos = g % 4)::care_level AS level,
	   (SELECT canonical FROM setting_label WHERE pos = g % 8)::care_setting AS setting,
	   (SELECT canonical FROM form_label WHERE pos = g % 9)::care_form AS form
FROM generate_series(1, 720) g;
CREATE INDEX typed_level_form_idx ON typed (level, form);
ANALYZE typed;
SET enable_seqscan = off;
SET enable_bitmapscan = off;
EXPLAIN (COSTS OFF) SELECT level, form FROM typed WHERE level >= 'regional_primary' ORDER BY level, form;
SELECT level, form, count(*) FROM typed WHERE level >= 'specialised_outpatient'
GROUP BY level, form ORDER BY level, form LIMIT 5;
RESET enable_seqscan;
RESET enable_bitmapscan;

CREATE TEMP TABLE one_per_level (level care_level);
CREATE UNIQUE INDEX ON one_per_level (level);
INSERT INTO one_per_level SELECT canonical::care_level FROM level_label;
SELECT pg_temp.error_of($$INSERT INTO one_per_level VALUES ('Regional Primärvård')$$);

-- hash: hash index, hash join, hash aggregate, DISTINCT.
CREATE INDEX typed_setting_hash_idx ON typed USING hash (setting);
SET enable_seqscan = off;
SET enable_bitmapscan = off;
EXPLAIN (COSTS OFF) SELECT count(*) FROM typed WHERE setting = 'remote';
SELECT count(*) FROM typed WHERE setting = 'remote';
RESET enable_seqscan;
RESET enable_bitmapscan;

SET enable_mergejoin = off;
SET enable_nestloop = off;
EXPLAIN (COSTS OFF)
SELECT s.canonical, count(*) FROM typed t JOIN setting_label s ON t.setting = s.canonical::care_setting
GROUP BY s.canonical;
SELECT s.canonical, count(*) FROM typed t JOIN setting_label s ON t.setting = s.canonical::care_setting
GROUP BY s.canonical ORDER BY s.canonical;
RESET enable_mergejoin;
RESET enable_nestloop;

SET enable_sort = off;
EXPLAIN (COSTS OFF) SELECT form, count(*) FROM typed GROUP BY form;
SELECT form, count(*) FROM typed GROUP BY form ORDER BY form;
SELECT count(DISTINCT (level, setting, form)) AS distinct_triples FROM typed;
RESET enable_sort;

-- Equal values hash equally, different ones (almost always) differently,
-- and the extended hash follows its seed.
SELECT count(DISTINCT care_form_hash(canonical::care_form)) AS distinct_hashes,
	   bool_and(care_form_hash(canonical::care_form) = care_form_hash(swedish::care_form)) AS equal_hash_equal_values,
	   bool_and(care_form_hash_extended(canonical::care_form, 0)
				<> care_form_hash_extended(canonical::care_form, 1)) AS seed_changes_hash
FROM form_label;

-- Binary send/receive: COPY BINARY round trip, and a bad byte is rejected.
DO $$
DECLARE
	path text := '/tmp/mobilvard_types_' || pg_backend_pid() || '.bin';
BEGIN
	EXECUTE format('COPY (SELECT id, level, setting, form FROM typed) TO %L (FORMAT binary)', path);
	CREATE TEMP TABLE typed_copy (LIKE typed);
	EXECUTE format('COPY typed_copy FROM %L (FORMAT binary)', path);
	EXECUTE format('COPY (SELECT chr(9)::"char") TO %L (FORMAT binary)', path);
END
$$;
SELECT count(*) AS rows, count(*) FILTER (WHERE t IS NOT DISTINCT FROM c) AS identical
FROM typed t JOIN typed_copy c USING (id);
SELECT length(care_level_send('specialised_inpatient')) AS bytes,
	   care_level_send('specialised_inpatient') AS level_3,
	   care_form_send('other_mobile') AS form_8;
CREATE TEMP TABLE bad_form (form care_form);
DO $$
BEGIN
	EXECUTE format('COPY bad_form FROM %L (FORMAT binary)',
				   '/tmp/mobilvard_types_' || pg_backend_pid() || '.bin');
EXCEPTION WHEN OTHERS THEN
	RAISE NOTICE 'binary 9 as care_form: % %', SQLSTATE, SQLERRM;
END
$$;

-- Casts to and from text: explicit both ways, assignment into text.
SELECT 'remote'::text::care_setting AS from_text, 'remote'::care_setting::text AS to_text,
	   pg_typeof('remote'::care_setting::text) AS to_text_type;
CREATE TEMP TABLE as_text (t text);
INSERT INTO as_text SELECT form FROM typed WHERE id = 1;
SELECT t FROM as_text;
SELECT castcontext, count(*) FROM pg_cast
WHERE castsource IN ('care_level'::regtype, 'care_setting'::regtype, 'care_form'::regtype)
   OR casttarget IN ('care_level'::regtype, 'care_setting'::regtype, 'care_form'::regtype)
GROUP BY castcontext ORDER BY castcontext;

-- label(): unknown language, NULL.
SELECT pg_temp.error_of($$SELECT label('remote'::care_setting, 'de')$$);
SELECT label('remote'::care_setting, NULL) IS NULL AS null_lang;

-- principal(), is_home(), permitted_levels(): every value.
SELECT canonical, principal(canonical::care_level) FROM level_label ORDER BY pos;
SELECT canonical, is_home(canonical::care_setting) FROM setting_label ORDER BY pos;
SELECT canonical, permitted_levels(canonical::care_form) FROM form_label ORDER BY pos;

-- fhir_encounter_class() and omop_visit_concept_id(): every setting, both ways.
SELECT canonical, ie AS inpatient_equivalent,
	   fhir_encounter_class(canonical::care_setting, ie),
	   omop_visit_concept_id(canonical::care_setting, ie)
FROM setting_label, (VALUES (false), (true)) v(ie)
ORDER BY pos, ie;
SELECT fhir_encounter_class('remote', NULL) IS NULL AS null_in_null_out;

-- Fuzzing the input functions: every string either reads as a value whose
-- output reads back to the same value, or is rejected with 22P02.
DO $$
DECLARE
	pieces text[] := ARRAY['a', 'ä', 'Å', 'ö', 'É', '_', ' ', E'\t', '-', 'x', 'home', 'mobil',
						   'primär', 'vård', 'none', 'ingen', 'remote', 'distans', '', 'ß', '😀'];
	input text;
	accepted int := 0;
	rejected int := 0;
	v care_form;
BEGIN
	PERFORM setseed(0.42);
	FOR i IN 1..3000 LOOP
		SELECT string_agg(pieces[1 + floor(random() * array_length(pieces, 1))::int], '')
		INTO input FROM generate_series(1, 1 + floor(random() * 6)::int);
		IF i % 7 = 0 THEN
			input := (SELECT canonical FROM form_label WHERE pos = i % 9);
		END IF;
		BEGIN
			v := input::care_form;
			IF v::text::care_form <> v OR v::text !~ '^[a-z_]+$' THEN
				RAISE EXCEPTION 'round trip failed for %', input;
			END IF;
			accepted := accepted + 1;
		EXCEPTION WHEN invalid_text_representation THEN
			rejected := rejected + 1;
		END;
	END LOOP;
	RAISE NOTICE 'fuzzed 3000 inputs: accepted %, rejected % (nothing else)',
		accepted > 0, rejected > 0;
END
$$;
