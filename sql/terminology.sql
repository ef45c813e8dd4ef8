-- care_form_of(): harmonisation of team names (doc/classification.md).
SET search_path = mobilvard, public;

-- care_form_of(): every name and acronym of doc/classification.md.
SELECT name, care_form_of(name) FROM (VALUES
	('Sjukhusvård i hemmet @ Region Stockholm'), ('Sjukhus hemma Örebro'), ('Sahlgrenska hemma'),
	('ASIH Örebro'), ('SSIH Uppsala'), ('SAH Västerås'), ('LAH Norrtälje'),
	('Avancerad sjukvård i hemmet, Lund'), ('Specialiserad sjukhusvård i hemmet'),
	('Sjukhusansluten hemsjukvård Skövde'), ('Lasarettsansluten hemsjukvård Enköping'),
	('SPOT Göteborg'), ('MAP Norr'), ('FACT-ung Malmö'), ('PEA Stockholm'), ('Mobil psykiatri Eskilstuna'),
	('Närsjukvårdsteam Väst'), ('NÄRVÅRDSTEAM Skaraborg'), ('Nära vårdteam Örebro'),
	('Barnteamet Karlskoga'), ('Habteam Nord'), ('Stroketeam USÖ'), ('Trachteam'), ('Hjärtsviktsteam Lindesberg'),
	('Hemgångsteam Kumla kommun'),
	('Ambulans Örebro'), ('Bedömningsbil Hallsberg'), ('Mobil röntgen'), ('Läkarbåt Stockholms skärgård'),
	('Vaccinationsbussen'),
	('Mobilt specialistteam'), ('Mobilt psykiatriteam Nora'), ('Mobilt primärvårdsteam Laxå'),
	('Kommunalt hälso- och sjukvårdsteam'), ('Övrig mobil vård')
) n(name) ORDER BY name;

-- Acronyms only as whole words; compounds inside words.
SELECT name, care_form_of(name) FROM (VALUES
	('Mapping unit'), ('Spotify'), ('Factum'), ('Peak team'), ('Sahara'), ('Lahti'), ('Basih'),
	('MAP'), ('map-teamet'), ('Team (ASIH)'), ('hemmaplan'), ('Barnteamet')
) n(name) ORDER BY name;

-- The longest name wins.
SELECT name, care_form_of(name) FROM (VALUES
	('Specialiserad sjukhusvård i hemmet Västerås'),
	('Sjukhusansluten hemsjukvård'),
	('Rehabteam'),
	('Habteam')
) n(name) ORDER BY name;

-- Names of several forms need the unit's level.
SELECT name, level, care_form_of(name, level::care_level) FROM (VALUES
	('Hemsjukvård Kumla'), ('Rehabteam Nora'), ('Demensteam Lekeberg'),
	('Hälso- och sjukvård i hemmet, Askersund')) n(name)
CROSS JOIN (VALUES (NULL), ('municipal_primary'), ('regional_primary'),
				   ('specialised_outpatient'), ('specialised_inpatient')) l(level)
ORDER BY name, level NULLS FIRST;

-- Names as source systems write them: a decomposed å, a no-break space, an
-- en dash.
SELECT care_form_of(E'Sjukhusva\u030ard i hemmet \u00d6rebro') AS decomposed,
	   care_form_of(E'N\u00e4rsjukv\u00e5rdsteam\u00a0V\u00e4st') AS no_break,
	   care_form_of(E'H\u00e4lso\u2013 och sjukv\u00e5rd i hemmet', 'municipal_primary') AS en_dash,
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
	   care_form_of(NULL, 'regional_primary') IS NULL AS null_name_with_level;
