-- fee_conflict: charges that look like both principals charging for one
-- piece of care, and charges that break a fee rule on their own.
SET search_path = registry, mobilvard, public;
SET datestyle = ISO;

INSERT INTO organisation VALUES
	('R18', 'Region Örebro län', 'region', NULL, NULL, NULL),
	('K1880', 'Örebro kommun', 'municipality', 'R18', '1880', 'Örebro'),
	('K1881', 'Kumla kommun', 'municipality', 'R18', '1881', 'south');
INSERT INTO unit VALUES
	('ward', 'R18', 'Infektionsavdelningen', 'specialised_inpatient', 'none', NULL),
	('hah', 'R18', 'Sjukhusvård i hemmet Örebro', 'specialised_inpatient', 'hospital_at_home', NULL),
	('asih', 'R18', 'ASIH Örebro', 'specialised_outpatient', 'specialised_home_care', NULL);
INSERT INTO patient VALUES
	(1, 1950, 'F', '1880', NULL, NULL),
	(2, 1945, 'M', '1880', NULL, NULL),
	(3, 1940, 'F', '1881', NULL, NULL),
	(4, 1960, 'M', '1880', NULL, NULL);

-- Patient 1: a regional home visit and a municipal home-health visit on
-- 3 February (one case), on 4 and 5 February one each (none), and on
-- 10 February one regional and two municipal visits (one case of three).
INSERT INTO charge VALUES
	(101, 1, 'R18', '2025-02-03', 'home_visit', 200),
	(102, 1, 'K1880', '2025-02-03', 'home_health_visit', 250),
	(103, 1, 'R18', '2025-02-04', 'home_visit', 200),
	(104, 1, 'K1880', '2025-02-05', 'home_health_visit', 250),
	(105, 1, 'R18', '2025-02-10', 'home_visit', 200),
	(106, 1, 'K1880', '2025-02-10', 'home_health_visit', 250),
	(107, 1, 'K1880', '2025-02-10', 'home_health_visit', 250),
	-- a digital visit is not a home visit
	(108, 1, 'R18', '2025-02-05', 'digital_visit', 100);

-- Patient 2: hospital at home 1-5 March, the region charging its inpatient
-- day fee for 1-4 March; the municipality charges home health on the
-- episode's days (1 and 4 March, and its monthly fee on 1 March), not on
-- the day before or on the discharge day.  Specialised home care (ASIH) in
-- April is not inpatient care: the municipal visit then is no case.
INSERT INTO episode VALUES
	(21, 2, 'hah', 'ordinary_home', true, '2025-03-01', '2025-03-05', NULL),
	(22, 2, 'asih', 'ordinary_home', false, '2025-04-01', '2025-04-10', NULL);
INSERT INTO charge
SELECT 2000 + d, 2, 'R18', date '2025-03-01' + d, 'inpatient_day', 120 FROM generate_series(0, 3) d;
INSERT INTO charge VALUES
	(201, 2, 'K1880', '2025-02-28', 'home_health_visit', 250),
	(202, 2, 'K1880', '2025-03-01', 'home_health_visit', 250),
	(203, 2, 'K1880', '2025-03-01', 'home_health_month', 450),
	(204, 2, 'K1880', '2025-03-04', 'home_health_visit', 250),
	(205, 2, 'K1880', '2025-03-05', 'home_health_visit', 250),
	(206, 2, 'K1880', '2025-04-02', 'home_health_visit', 250);

-- Patient 3: a ward stay from 1 May that has not ended; Kumla charges home
-- health in June.
INSERT INTO episode VALUES (31, 3, 'ward', 'hospital_ward', true, '2025-05-01', NULL, NULL);
INSERT INTO charge VALUES (301, 3, 'K1881', '2025-06-01', 'home_health_visit', 250);

-- Patient 4: inpatient day fees at and above the legal cap (130 SEK in
-- 2025), and, written with the trigger off as a bulk load might, an
-- outpatient visit charged by a municipality.
INSERT INTO charge VALUES
	(401, 4, 'R18', '2025-07-01', 'inpatient_day', 130),
	(402, 4, 'R18', '2025-07-02', 'inpatient_day', 140);
ALTER TABLE charge DISABLE TRIGGER new_charges_checked_on_insert;
INSERT INTO charge VALUES (403, 4, 'K1880', '2025-07-03', 'outpatient_visit', 200);
ALTER TABLE charge ENABLE TRIGGER new_charges_checked_on_insert;

SELECT * FROM fee_conflict ORDER BY rule, patient_id, first_date;
SELECT * FROM fee_conflict_by_month ORDER BY org_code, month, rule;

-- charge_split names the same single-charge rules.
SELECT charge_id, principal, paid, breaks_rule FROM charge_split
WHERE breaks_rule IS NOT NULL ORDER BY charge_id;

-- Plain column types for BI tools.
SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod) AS type
FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
WHERE c.relname IN ('fee_conflict', 'fee_conflict_by_month') AND c.relnamespace = 'registry'::regnamespace
  AND a.attnum > 0
ORDER BY c.relname, a.attnum;

-- Leave the registry empty for the suites that follow.
SET client_min_messages = warning;
TRUNCATE organisation CASCADE;
