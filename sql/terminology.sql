-- care_form_of() and the team names it reads (doc/classification.md).
SET search_path = mobilvard, public;
\i sql/include/error_of.sql

-- The shipped names: every one of doc/classification.md, folded.
SELECT name, whole_word, care_form, form_municipal_primary, form_regional_primary, form_specialised,
	   valid, source
FROM team_name ORDER BY name, valid;

-- Each shipped name, as a unit's name with capitals and a place after it,
-- gives its own form at every level on a day it is valid (no row: none
-- differs).
SELECT t.name, l.level, care_form_of(initcap(t.name) || ' Norr', l.level, d.on_date) AS got
FROM team_name t
CROSS JOIN (VALUES (NULL::care_level), ('municipal_primary'), ('regional_primary'),
				   ('specialised_outpatient'), ('specialised_inpatient')) l(level)
CROSS JOIN LATERAL (SELECT coalesce(lower(t.valid), DATE '2000-01-01') AS on_date) d
WHERE care_form_of(initcap(t.name) || ' Norr', l.level, d.on_date) IS DISTINCT FROM
	  CASE WHEN t.care_form IS NOT NULL THEN t.care_form
		   WHEN l.level = 'municipal_primary' THEN t.form_municipal_primary
		   WHEN l.level = 'regional_primary' THEN t.form_regional_primary
		   WHEN l.level IS NOT NULL THEN t.form_specialised END;

-- Unit names as regions write them.
SELECT name, care_form_of(name) FROM (VALUES
	('Sjukhusvård i hemmet @ Region Stockholm'), ('Sjukhus hemma Örebro'), ('Sahlgrenska hemma'),
	('Hospital at home Karolinska'), ('Virtuell vårdavdelning Hjärtsvikt'), ('Den virtuella vårdavdelningen'),
	('OPAT Infektionskliniken'),
	('ASIH Örebro'), ('SSIH Uppsala'), ('SAH Västerås'), ('LAH Norrtälje'),
	('Avancerad sjukvård i hemmet, Lund'), ('Specialiserad sjukhusvård i hemmet'),
	('Sjukhusansluten hemsjukvård Skövde'), ('Lasarettsansluten hemsjukvård Enköping'),
	('Lasarettansluten vård Norrtälje'), ('Palliativt konsultteam'), ('Palliativa teamet Örebro'),
	('SPOT Göteborg'), ('MAP Norr'), ('FACT-ung Malmö'), ('PEA Stockholm'), ('PEA-enheten'),
	('Mobil psykiatri Eskilstuna'), ('Mobil Akut Psykiatri Uppsala'),
	('Specialistpsykiatriskt omvårdnadsteam Göteborg'), ('Prehospital enhet för akutpsykiatri'),
	('Närsjukvårdsteam Väst'), ('NÄRVÅRDSTEAM Skaraborg'), ('Nära vårdteam Örebro'),
	('Alma och Älsa team'), ('Alma och Älsa-teamet Lindesberg'),
	('Barnteamet Karlskoga'), ('Habteam Nord'), ('Stroketeam USÖ'), ('Trachteam'), ('Hjärtsviktsteam Lindesberg'),
	('GAT Geriatriken'), ('Akuta geriatriska mobila teamet'),
	('Hemgångsteam Kumla kommun'), ('PAH Söderhamn'),
	('Ambulans Örebro'), ('BUP-teamet Örebro'), ('Bedömningsbil Hallsberg'), ('Jourläkarbilen Västerås'),
	('Mobil röntgen'), ('Läkarbåt Stockholms skärgård'), ('Vaccinationsbussen'), ('Mobil tandvård Nora'),
	('Mobilt specialistteam'), ('Mobila specialistteam'), ('Mobilt psykiatriteam Nora'),
	('Mobilt primärvårdsteam Laxå'), ('Mobila primärvårdsteam Askersund'),
	('Kommunalt hälso- och sjukvårdsteam'), ('Kommunala hälso- och sjukvårds team'), ('Övrig mobil vård')
) n(name) ORDER BY name;

-- Acronyms only as whole words; compounds inside words.
SELECT name, care_form_of(name) FROM (VALUES
	('Mapping unit'), ('Spotify'), ('Factum'), ('Peak team'), ('Sahara'), ('Lahti'), ('Basih'),
	('Gatan'), ('Opatija'), ('Pahlavi'),
	('MAP'), ('map-teamet'), ('Team (ASIH)'), ('hemmaplan'), ('Barnteamet')
) n(name) ORDER BY name;

-- The longest name wins; of equally long ones, the first in the unit's name.
SELECT name, care_form_of(name) FROM (VALUES
	('Specialiserad sjukhusvård i hemmet Västerås'),
	('Sjukhusansluten hemsjukvård'),
	('Primärvårdsansluten hemsjukvård'),
	('Rehabteam'),
	('Habteam'),
	('Barnteam och Habteam'),
	('Habteam och Barnteam')
) n(name) ORDER BY name;

-- Names of several forms need the unit's level.
SELECT name, level, care_form_of(name, level::care_level) FROM (VALUES
	('Hemsjukvård Kumla'), ('Rehabteam Nora'), ('Rehabiliteringsteamet Hallsberg'), ('Demensteam Lekeberg'),
	('Hälso- och sjukvård i hemmet, Askersund')) n(name)
CROSS JOIN (VALUES (NULL), ('municipal_primary'), ('regional_primary'),
				   ('specialised_outpatient'), ('specialised_inpatient')) l(level)
ORDER BY name, level NULLS FIRST;

-- A renamed term: "hälso- och sjukvård i hemmet" from 1 July 2026, on the
-- day before and the day of the rename, at the ends of time, and with no
-- date (the current date, today after the rename).
SELECT d AS on_date,
	   care_form_of('Hälso- och sjukvård i hemmet, Askersund', 'municipal_primary', d) AS renamed,
	   care_form_of('Hemsjukvård Askersund', 'municipal_primary', d) AS old_name
FROM (VALUES (DATE '2026-06-30'), ('2026-07-01'), ('-infinity'), ('infinity'), (NULL)) v(d);
SELECT care_form_of('Hälso- och sjukvård i hemmet', 'regional_primary')
	   IS NOT DISTINCT FROM care_form_of('Hälso- och sjukvård i hemmet', 'regional_primary', current_date)
	   AS no_date_is_today;

-- Names as source systems write them: a decomposed å, a no-break space, an
-- en dash.
SELECT care_form_of(E'Sjukhusva\u030ard i hemmet \u00d6rebro') AS decomposed,
	   care_form_of(E'N\u00e4rsjukv\u00e5rdsteam\u00a0V\u00e4st') AS no_break,
	   care_form_of(E'H\u00e4lso\u2013 och sjukv\u00e5rd i hemmet', 'municipal_primary', '2026-07-01') AS en_dash,
	   care_form_of(E'MAP\u00a0Norr') AS acronym_after_no_break;

-- Case is folded before letters and accents are composed, so a capital and
-- a combining accent read as the small letter and the accent: an I and a
-- dot above (which compose to one character) as an i and one (which do
-- not), a T and a diaeresis (which do not) as a t and one (which do).
SELECT care_form_of(E'Mobil psykiatri\u0307') AS small_i_dot,
	   care_form_of(E'MOBIL PSYKIATRI\u0307') AS capital_i_dot,
	   care_form_of(E'L\u00e4karb\u00e5t\u0308') IS NULL AS small_t_diaeresis,
	   care_form_of(E'L\u00c4KARB\u00c5T\u0308') IS NULL AS capital_t_diaeresis;

-- Nothing known, NULL, empty.
SELECT care_form_of('Vårdcentralen Tybble') IS NULL AS unknown,
	   care_form_of(NULL) IS NULL AS null_name,
	   care_form_of('') IS NULL AS empty_name,
	   care_form_of(NULL, 'regional_primary') IS NULL AS null_name_with_level,
	   care_form_of('ASIH', NULL, NULL) AS null_level_and_date;

-- A DBA's names take effect at once: a name typed with capitals and spaces
-- is stored folded, an acronym matches as a whole word, a name of several
-- forms by level, a name with an end date up to the day before it; an
-- edit of a shipped name (here: its end) and a delete too.  In a
-- transaction, so that the later tests find the shipped names.
BEGIN;
INSERT INTO team_name (name, whole_word, care_form, source) VALUES
	('  Mobila LÄKARTEAMET ', false, 'other_mobile', 'the DBA'),
	('HSIT', true, 'hospital_at_home', 'the DBA');
INSERT INTO team_name (name, form_municipal_primary, form_regional_primary, form_specialised, valid) VALUES
	('Hembesöksteam', 'municipal_health_team', 'community_care_team', 'mobile_specialist_team', '[2025-01-01,2027-01-01)');
SELECT name, whole_word, care_form, valid, source FROM team_name
WHERE name IN ('mobila läkarteamet', 'hsit', 'hembesöksteam') ORDER BY name;
SELECT care_form_of('Mobila läkarteamet Norr') AS added,
	   care_form_of('HSIT Örebro') AS acronym, care_form_of('HSITX') AS not_whole_word,
	   care_form_of('Hembesöksteamet', 'regional_primary', '2026-12-31') AS by_level,
	   care_form_of('Hembesöksteamet', 'regional_primary', '2027-01-01') AS after_its_end;
UPDATE team_name SET valid = '(,2026-01-01)' WHERE name = 'ambulans';
DELETE FROM team_name WHERE name = 'asih';
SELECT care_form_of('Ambulans Örebro', NULL, '2025-12-31') AS before_end,
	   care_form_of('Ambulans Örebro', NULL, '2026-01-01') AS after_end,
	   care_form_of('ASIH Örebro') AS deleted;
-- Rolled back, the shipped names are all there is again; emptied by
-- TRUNCATE in a savepoint, nothing matches until the savepoint is undone.
ROLLBACK;
SELECT care_form_of('Mobila läkarteamet Norr') IS NULL AS added_gone,
	   care_form_of('Ambulans Örebro', NULL, '2026-01-01') AS edit_undone,
	   care_form_of('ASIH Örebro') AS delete_undone;
BEGIN;
SAVEPOINT s;
TRUNCATE team_name;
SELECT care_form_of('ASIH Örebro') IS NULL AS truncated;
ROLLBACK TO SAVEPOINT s;
SELECT care_form_of('ASIH Örebro') AS savepoint_undone;
COMMIT;

-- A shipped name inserted again replaces the unchanged shipped rows of the
-- name whose days it overlaps (this is how a dump restores an edit); an
-- edited row is the DBA's, and pg_dump carries it and the added ones only.
-- A later meaning of a shipped name keeps the shipped one before it only
-- when the shipped row is given an end first.
BEGIN;
INSERT INTO team_name (name, care_form, valid, source) VALUES ('Tandvård', 'other_mobile', '(,2026-01-01)', 'the DBA');
INSERT INTO team_name (name, care_form) VALUES ('mobila läkarteamet', 'other_mobile');
UPDATE team_name SET valid = '(,2030-01-01)' WHERE name = 'demensteam';
INSERT INTO team_name (name, care_form, valid) VALUES ('demensteam', 'mobile_specialist_team', '[2030-01-01,)');
INSERT INTO team_name (name, care_form, valid) VALUES ('läkarbåt', 'mobile_primary_care', '[2030-01-01,)');
SELECT care_form_of('Demensteam Nora', 'regional_primary', '2029-12-31') AS shipped_before,
	   care_form_of('Demensteam Nora', 'regional_primary', '2030-01-01') AS later_meaning,
	   care_form_of('Läkarbåt', NULL, '2029-12-31') AS shipped_row_replaced;
SELECT t.name, t.valid, t.source FROM team_name t
WHERE NOT EXISTS (SELECT FROM _shipped_team_name() s WHERE s = t) ORDER BY name;
SELECT count(*) AS shipped_rows_left FROM team_name t
WHERE EXISTS (SELECT FROM _shipped_team_name() s WHERE s = t);
ROLLBACK;

-- Bad rows, each with its SQLSTATE: the constraints say why.
SELECT test, pg_temp.error_of(statement) AS error
FROM (VALUES
	('empty name', $$INSERT INTO team_name (name, care_form) VALUES (' ', 'other_mobile')$$),
	('no name', $$INSERT INTO team_name (name, care_form) VALUES (NULL, 'other_mobile')$$),
	('no form', $$INSERT INTO team_name (name) VALUES ('läkarteam')$$),
	('a form and forms by level',
	 $$INSERT INTO team_name VALUES ('läkarteam', false, 'other_mobile', 'municipal_health_team',
		'mobile_primary_care', 'mobile_specialist_team', '(,)', NULL)$$),
	('one level missing',
	 $$INSERT INTO team_name (name, form_municipal_primary, form_regional_primary)
	   VALUES ('läkarteam', 'municipal_health_team', 'mobile_primary_care')$$),
	('municipal form not permitted there',
	 $$INSERT INTO team_name (name, form_municipal_primary, form_regional_primary, form_specialised)
	   VALUES ('läkarteam', 'hospital_at_home', 'mobile_primary_care', 'mobile_specialist_team')$$),
	('regional form not permitted there',
	 $$INSERT INTO team_name (name, form_municipal_primary, form_regional_primary, form_specialised)
	   VALUES ('läkarteam', 'municipal_health_team', 'hospital_at_home', 'mobile_specialist_team')$$),
	('specialised form not permitted there',
	 $$INSERT INTO team_name (name, form_municipal_primary, form_regional_primary, form_specialised)
	   VALUES ('läkarteam', 'municipal_health_team', 'mobile_primary_care', 'mobile_primary_care')$$),
	('empty validity', $$INSERT INTO team_name (name, care_form, valid) VALUES ('läkarteam', 'other_mobile', 'empty')$$),
	('no validity', $$INSERT INTO team_name (name, care_form, valid) VALUES ('läkarteam', 'other_mobile', NULL)$$),
	('a name not folded, past the trigger',
	 $$ALTER TABLE team_name DISABLE TRIGGER fold_and_replace_shipped;
	   INSERT INTO team_name (name, care_form) VALUES ('Läkarteam', 'other_mobile')$$),
	('duplicate', $$INSERT INTO team_name (name, care_form) VALUES ('läkarteam', 'other_mobile'), ('LÄKARTEAM', 'other_mobile')$$),
	('duplicate of an edited shipped name',
	 $$UPDATE team_name SET source = 'the DBA' WHERE name = 'läkarbåt';
	   INSERT INTO team_name (name, care_form) VALUES ('läkarbåt', 'other_mobile')$$),
	('overlapping days',
	 $$INSERT INTO team_name (name, care_form, valid) VALUES ('läkarteam', 'other_mobile', '[2020-01-01,2031-01-01)'),
		('läkarteam', 'other_mobile', '[2030-01-01,)')$$),
	('overlapping an edited shipped name',
	 $$UPDATE team_name SET valid = '(,2031-01-01)' WHERE name = 'hemsjukvård';
	   INSERT INTO team_name (name, care_form, valid) VALUES ('hemsjukvård', 'other_mobile', '[2030-01-01,)')$$),
	('renamed to a name that exists', $$UPDATE team_name SET name = 'Läkarbåt' WHERE name = 'ambulans'$$)
) t(test, statement);
SELECT count(*) = (SELECT count(*) FROM _shipped_team_name()) AS only_shipped_rows,
	   count(*) FILTER (WHERE name = 'läkarteam') AS bad_rows FROM team_name;
