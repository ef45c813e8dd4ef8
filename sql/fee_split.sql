-- Tariffs, the tariffs in force, and what every charge costs the patient and
-- each principal (charge_split, patient_fees_by_year).
SET search_path = registry, mobilvard, public;
SET datestyle = ISO;
\i sql/include/error_of.sql

INSERT INTO organisation VALUES
	('R18', 'Region Örebro län', 'region', NULL, NULL, NULL),
	('R20', 'Region Dalarna', 'region', NULL, NULL, NULL),
	('K1880', 'Örebro kommun', 'municipality', 'R18', '1880', 'Örebro'),
	('K1881', 'Kumla kommun', 'municipality', 'R18', '1881', 'south');

-- ===========================================================================
-- Tariffs
-- ===========================================================================

-- Shipped defaults: the home-health tariff of doc/fees.md.
SELECT * FROM region_tariff_default ORDER BY valid;
SELECT * FROM municipal_tariff_default ORDER BY category, valid;

-- Own decisions: Kumla charges a flat monthly home-health fee from July 2024
-- and nothing from the age of 85, and caps home rehabilitation; Dalarna
-- lowers the ceiling to 1000 in 2025 and sets its home-visit fee, and once
-- decided a ceiling above the national one.
INSERT INTO municipal_tariff VALUES
	('K1881', '[2024-07-01,)', 'home_health', NULL, 340, NULL, 85),
	('K1881', '[2024-01-01,)', 'home_rehabilitation', 300, NULL, 150, NULL);
INSERT INTO region_tariff VALUES
	('R20', '[2025-01-01,2026-01-01)', 1000, NULL, 150),
	('R20', '[2023-01-01,2024-01-01)', 2000, NULL, NULL);

-- In force: own rows where they apply, the defaults for the rest.
SELECT * FROM municipal_tariff_in_force ORDER BY org_code, category, valid;
SELECT * FROM region_tariff_in_force ORDER BY org_code, valid;

-- Validity ranges of one organisation (and category) must not overlap:
-- 23P01, on insert and on update; a row may be updated in place.
SELECT test, pg_temp.error_of(statement) AS error
FROM (VALUES
	('overlapping municipal tariff',
	 $$INSERT INTO municipal_tariff VALUES ('K1881', '[2025-01-01,2025-02-01)', 'home_health', 600, NULL, 200, NULL)$$),
	('overlapping region tariff',
	 $$INSERT INTO region_tariff VALUES ('R20', '[2025-06-01,)', 900, NULL, NULL)$$),
	('update into an overlap',
	 $$UPDATE region_tariff SET valid = '[2023-01-01,2025-02-01)' WHERE org_code = 'R20' AND valid @> date '2023-06-01'$$),
	('update in place',
	 $$UPDATE region_tariff SET valid = '[2023-01-01,2024-06-01)' WHERE org_code = 'R20' AND valid @> date '2023-06-01'$$),
	('another category does not overlap',
	 $$INSERT INTO municipal_tariff VALUES ('K1881', '[2024-01-01,)', 'safety_alarm', NULL, 250, NULL, NULL)$$),
	('flat fee and visit fee',
	 $$INSERT INTO municipal_tariff VALUES ('K1880', '[2024-01-01,)', 'home_help', NULL, 340, 200, NULL)$$),
	('negative visit fee',
	 $$INSERT INTO municipal_tariff VALUES ('K1880', '[2024-01-01,)', 'home_help', NULL, NULL, -1, NULL)$$),
	('implausible age',
	 $$INSERT INTO municipal_tariff VALUES ('K1880', '[2024-01-01,)', 'home_help', NULL, NULL, NULL, 200)$$)
) t(test, statement);
SELECT org_code, valid FROM region_tariff ORDER BY org_code, valid;

-- The defaults are the registry's own rows: a DBA edits them as any row.
BEGIN;
UPDATE region_tariff_default SET home_visit_fee = 250;
INSERT INTO municipal_tariff_default VALUES ('home_help', '[2025-01-01,)', NULL, NULL, NULL, 90);
SELECT * FROM region_tariff_default ORDER BY valid;
SELECT * FROM municipal_tariff_default ORDER BY category, valid;
ROLLBACK;

-- Personal margins are per calendar month.
INSERT INTO patient VALUES (1, 1940, 'F', '1880', NULL, NULL);
SELECT pg_temp.error_of($$INSERT INTO personal_margin VALUES (1, '2024-05-15', 500)$$);
SELECT pg_temp.error_of($$INSERT INTO personal_margin VALUES (1, '2024-05-01', -1)$$);

-- ===========================================================================
-- charge_split: every rule on hand-made patients
-- ===========================================================================

INSERT INTO patient VALUES
	(2, 1938, 'M', '1881', NULL, NULL),	-- 86 in 2024: Kumla waives home health
	(3, 1950, 'F', '1880', NULL, NULL),	-- a personal margin of 500 in May 2024
	(4, 1945, 'M', '1880', NULL, NULL),	-- a margin of 520: both caps on one charge
	(5, 2012, 'F', '1880', NULL, 7),	-- children of family 7 share a ceiling
	(6, 2015, 'M', '1880', NULL, 7),
	(7, 1985, 'F', '1880', NULL, 7),	-- their parent has her own
	(8, 2007, 'M', '1880', NULL, 7),	-- a child in 2024, 18 in 2025
	(9, 1970, 'M', '1880', NULL, NULL),	-- care in two regions: one protection
	(10, NULL, 'X', '1880', NULL, 7);	-- unknown age: not counted as a child
INSERT INTO personal_margin VALUES (3, '2024-05-01', 500), (4, '2024-09-01', 520);

INSERT INTO charge VALUES
	-- 1: high-cost protection with frikort; uncounted fees paid in full.
	(101, 1, 'R18', '2024-02-01', 'outpatient_visit', 400),
	(102, 1, 'R18', '2024-03-01', 'home_visit', 800),
	(103, 1, 'R18', '2024-04-01', 'digital_visit', 400),
	(104, 1, 'R18', '2024-04-02', 'inpatient_day', 100),
	(105, 1, 'R18', '2024-05-01', 'outpatient_visit', 400),
	(106, 1, 'R18', '2024-05-02', 'missed_appointment', 400),
	(107, 1, 'R18', '2024-05-03', 'certificate', 250),
	-- 1: the home-health cap (200 a visit, 600 a month), then the maximum fee.
	(111, 1, 'K1880', '2024-03-04', 'home_health_visit', 200),
	(112, 1, 'K1880', '2024-03-11', 'home_health_visit', 200),
	(113, 1, 'K1880', '2024-03-18', 'home_health_visit', 200),
	(114, 1, 'K1880', '2024-03-25', 'home_health_visit', 200),
	(115, 1, 'K1880', '2024-03-31', 'home_help', 2000),
	(116, 1, 'K1880', '2024-03-31', 'safety_alarm', 300),
	(117, 1, 'K1880', '2024-04-01', 'home_help', 2000),
	-- 2: aged 86 in Kumla: home health from July waived, home help not.
	(201, 2, 'K1881', '2024-06-30', 'home_health_visit', 200),
	(202, 2, 'K1881', '2024-07-01', 'home_health_month', 340),
	(203, 2, 'K1881', '2024-07-02', 'home_help', 500),
	(204, 2, 'K1881', '2024-07-03', 'home_rehabilitation', 150),
	(205, 2, 'K1881', '2024-07-04', 'home_rehabilitation', 150),
	(206, 2, 'K1881', '2024-07-05', 'home_rehabilitation', 150),
	-- 3: the personal margin of May caps below the maximum fee; June has none.
	(301, 3, 'K1880', '2024-05-02', 'home_health_visit', 200),
	(302, 3, 'K1880', '2024-05-03', 'home_help', 400),
	(303, 3, 'K1880', '2024-06-03', 'home_help', 2600),
	-- 4: one charge cut by the category cap, then by the margin.
	(401, 4, 'K1880', '2024-09-02', 'home_health_visit', 250),
	(402, 4, 'K1880', '2024-09-03', 'home_health_visit', 250),
	(403, 4, 'K1880', '2024-09-04', 'home_health_visit', 250),
	-- Family 7.
	(501, 5, 'R18', '2024-02-01', 'outpatient_visit', 800),
	(601, 6, 'R18', '2024-03-01', 'outpatient_visit', 800),
	(701, 7, 'R18', '2024-03-02', 'outpatient_visit', 800),
	(801, 8, 'R18', '2024-04-01', 'outpatient_visit', 100),
	(802, 8, 'R18', '2025-01-15', 'outpatient_visit', 300),
	(1001, 10, 'R18', '2024-04-02', 'outpatient_visit', 100),
	-- 9: Dalarna's ceiling of 1000 in 2025 opens the period; Örebro's charges
	-- count towards the same protection.  In 2023 Dalarna's 2000 is above the
	-- national 1300, which applies.
	(901, 9, 'R20', '2023-02-01', 'outpatient_visit', 1000),
	(902, 9, 'R18', '2023-03-01', 'outpatient_visit', 1000),
	(903, 9, 'R20', '2025-02-01', 'home_visit', 600),
	(904, 9, 'R18', '2025-03-01', 'outpatient_visit', 600),
	(905, 9, 'R18', '2025-04-01', 'outpatient_visit', 600);

SELECT charge_id, patient_id, org_code, charge_date, kind, list_fee, paid, waived, waived_by
FROM charge_split ORDER BY patient_id, charge_date, charge_id;

-- patient_fees_by_year: the split summed per patient, year and principal.
SELECT * FROM patient_fees_by_year ORDER BY patient_id, year, principal;

-- Invariants over all of it: paid + waived = list fee, nothing negative or
-- above the list fee, waived_by given exactly when something is waived, and
-- one row per charge.
SELECT count(*) AS charges, count(DISTINCT charge_id) AS distinct_charges,
	   (SELECT count(*) FROM charge) AS in_charge_table,
	   bool_and(paid + waived = list_fee) AS adds_up,
	   bool_and(paid BETWEEN 0 AND list_fee) AS paid_within_list,
	   bool_and((waived > 0) = (waived_by IS NOT NULL)) AS rule_named_when_waived
FROM charge_split;

-- A filter on one patient or one family reaches every branch of the view:
-- each reads that patient's (or family's) rows alone, through the indexes.
\i sql/include/plan_of.sql
SET enable_seqscan = off;
SELECT count(*) AS branches_filtered_by_patient
FROM pg_temp.plan_of('SELECT * FROM charge_split WHERE patient_id = 1') l
WHERE l ~ 'Index Cond: \(patient_id = 1\)';
SELECT count(*) AS branches_filtered_by_family
FROM pg_temp.plan_of('SELECT * FROM charge_split WHERE family_id = 7') l
WHERE l ~ 'Index Cond: \(family_id = 7\)';
RESET enable_seqscan;
SELECT count(*) AS charges, sum(paid) AS paid FROM charge_split WHERE family_id = 7;
SELECT count(*) AS charges, sum(paid) AS paid FROM charge_split s JOIN patient p USING (patient_id)
WHERE p.family_id = 7;

-- ===========================================================================
-- The law's rules by birth date: the age exemptions, the family's period
-- ===========================================================================

-- Born 15 March 1939: the 85th birthday is the first free day of counted
-- regional fees (home visits too); the inpatient day fee is still charged.
-- Born 29 February 1940: in the common year 2025 the birthday comes on
-- 1 March.  Born in 1939, day unknown: 85 from 1 January 2024.
-- Dalarna makes counted fees free under 20 from 2026: the day before the
-- 20th birthday is free, the birthday is not.
INSERT INTO region_tariff VALUES ('R20', '[2026-01-01,)', NULL, NULL, NULL, '{[0,20)}');
INSERT INTO patient (patient_id, birth_date, birth_year, sex, municipality_code, family_id) VALUES
	(20, '1939-03-15', NULL, 'F', '1880', NULL),
	(21, '1940-02-29', NULL, 'M', '1880', NULL),
	(22, NULL, 1939, 'F', '1880', NULL),
	(23, '2006-06-10', NULL, 'M', '1880', NULL),
	(24, '1939-08-10', NULL, 'F', '1881', NULL);
INSERT INTO charge VALUES
	(2001, 20, 'R18', '2024-03-14', 'outpatient_visit', 200),
	(2002, 20, 'R18', '2024-03-15', 'outpatient_visit', 200),
	(2003, 20, 'R18', '2024-03-16', 'inpatient_day', 100),
	(2004, 20, 'R18', '2024-03-20', 'home_visit', 300),
	(2101, 21, 'R18', '2025-02-28', 'outpatient_visit', 200),
	(2102, 21, 'R18', '2025-03-01', 'outpatient_visit', 200),
	(2201, 22, 'R18', '2023-12-31', 'outpatient_visit', 200),
	(2202, 22, 'R18', '2024-01-01', 'outpatient_visit', 200),
	(2301, 23, 'R20', '2026-06-09', 'outpatient_visit', 200),
	(2302, 23, 'R20', '2026-06-10', 'outpatient_visit', 200),
	-- Kumla's home health is free from 85, by the birth date too.
	(2401, 24, 'K1881', '2024-08-01', 'home_health_month', 340),
	(2402, 24, 'K1881', '2024-09-01', 'home_health_month', 340);
SELECT charge_id, patient_id, charge_date, kind, list_fee, paid, waived, waived_by
FROM charge_split WHERE patient_id BETWEEN 20 AND 24 ORDER BY patient_id, charge_date, charge_id;

-- Family 30.  Erik turns 18 on 10 May 2025, inside the family's period
-- (opened by his sister Lisa on 10 January 2025, last day 9 January 2026):
-- his charges stay the family's to its last day, and the next day he has a
-- ceiling of his own.  Anna turned 18 on 5 January 2025, before the period
-- opened: hers are her own.  Olle turns 18 on 10 January 2026, the day after
-- the period: his later charges are his own, also inside Lisa's next period.
INSERT INTO patient (patient_id, birth_date, birth_year, sex, municipality_code, family_id) VALUES
	(30, '2007-05-10', NULL, 'M', '1880', 30),	-- Erik
	(31, '2012-01-01', NULL, 'F', '1880', 30),	-- Lisa
	(32, '2007-01-05', NULL, 'F', '1880', 30),	-- Anna
	(33, '2008-01-10', NULL, 'M', '1880', 30);	-- Olle
INSERT INTO charge VALUES
	(3101, 31, 'R18', '2025-01-10', 'outpatient_visit', 1000),
	(3201, 32, 'R18', '2025-02-01', 'outpatient_visit', 400),
	(3001, 30, 'R18', '2025-05-09', 'outpatient_visit', 300),
	(3002, 30, 'R18', '2025-06-01', 'outpatient_visit', 400),
	(3301, 33, 'R18', '2025-07-01', 'outpatient_visit', 100),
	(3003, 30, 'R18', '2026-01-09', 'outpatient_visit', 200),
	(3004, 30, 'R18', '2026-01-10', 'outpatient_visit', 200),
	(3302, 33, 'R18', '2026-01-10', 'outpatient_visit', 200),
	(3102, 31, 'R18', '2026-01-11', 'outpatient_visit', 300),
	(3303, 33, 'R18', '2026-01-12', 'outpatient_visit', 200);
SELECT charge_id, patient_id, charge_date, list_fee, paid, waived, waived_by
FROM charge_split WHERE family_id = 30 ORDER BY charge_date, charge_id;
-- The same through the engine alone: the family's charges in one window,
-- NULL for those that are not the family's.
SELECT c.charge_id, c.patient_id, c.charge_date,
	   hcp_family_fee(c.list_fee, c.charge_date, true, 1450, p.birth_date, p.birth_year)
		   OVER (ORDER BY c.charge_date, c.charge_id) AS family_paid
FROM charge c JOIN patient p USING (patient_id)
WHERE p.family_id = 30 ORDER BY c.charge_date, c.charge_id;

-- _age_on: whole years from the birth date (or 1 January of the birth
-- year), a 29 February birthday on 1 March in a common year, NULL when the
-- birth or the date is unknown; 22008 for an infinite date or a birth year
-- out of range.
SELECT b.birth_date, b.birth_year, d.on_date, _age_on(b.birth_date, b.birth_year, d.on_date)
FROM (VALUES ('2008-02-29'::date, NULL::integer), (NULL, 2008), (NULL, NULL)) b(birth_date, birth_year)
CROSS JOIN (VALUES ('2026-02-28'::date), ('2026-03-01'), ('2028-02-29'), (NULL)) d(on_date)
ORDER BY b.birth_date NULLS LAST, b.birth_year NULLS LAST, d.on_date NULLS LAST;
SELECT pg_temp.error_of($$SELECT _age_on(NULL, 2000, 'infinity')$$);
SELECT pg_temp.error_of($$SELECT _age_on('-infinity', NULL, '2024-01-01')$$);
SELECT pg_temp.error_of($$SELECT _age_on(NULL, 2147483647, '2024-01-01')$$);

-- ===========================================================================
-- The principal is the charging organisation's; rules a charge breaks
-- ===========================================================================

-- The inpatient day fee's legal cap: 0.0023 price base amounts rounded down
-- to 10 SEK, 120 in 2023 and 130 in 2024-2026.
SELECT year, price_base_amount, inpatient_day_fee_cap FROM mobilvard.national_fee_figures ORDER BY year;
INSERT INTO charge VALUES
	(9101, 9, 'R18', '2023-06-01', 'inpatient_day', 125),
	(9102, 9, 'R18', '2024-06-01', 'inpatient_day', 130),
	(9103, 9, 'R18', '2024-06-02', 'inpatient_day', 131);
-- Charges that the trigger would refuse, as a bulk load with the triggers
-- off writes them: the organisation decides the principal and the
-- protection, and the charge is flagged.
BEGIN;
ALTER TABLE charge DISABLE TRIGGER new_charges_checked_on_insert;
INSERT INTO charge VALUES
	(9201, 9, 'K1880', '2024-06-03', 'outpatient_visit', 100),
	(9202, 9, 'R18', '2024-06-04', 'home_health_visit', 200);
SELECT charge_id, org_code, principal, kind, counts_towards, list_fee, paid, waived_by, breaks_rule
FROM charge_split WHERE charge_id > 9100 ORDER BY charge_id;
ROLLBACK;

-- A kind is charged by an organisation of its principal: a municipality's
-- outpatient visit or a region's home-health visit is refused (23514).
SELECT pg_temp.error_of($$INSERT INTO charge VALUES (9998, 1, 'K1880', '2025-01-10', 'outpatient_visit', 100)$$);
SELECT pg_temp.error_of($$UPDATE charge SET org_code = 'R18' WHERE kind = 'home_health_visit'$$);

-- A charge in a year without a price base amount is refused when it is
-- written (23503 naming the year, with a hint), by an insert and by an
-- update; with the year added it is accepted.  Should the year be removed
-- afterwards, reading the split is 22023 naming the year.
SELECT pg_temp.error_of($$INSERT INTO charge VALUES (9999, 9, 'R18', '2027-01-10', 'outpatient_visit', 100)$$);
SELECT pg_temp.error_of($$UPDATE charge SET charge_date = '2031-05-05' WHERE charge_id = (SELECT min(charge_id) FROM charge)$$);
BEGIN;
INSERT INTO mobilvard.price_base_amount VALUES (2027, 60000);
INSERT INTO charge VALUES (9999, 9, 'R18', '2027-01-10', 'outpatient_visit', 100);
SELECT paid FROM charge_split WHERE charge_id = 9999;
DELETE FROM mobilvard.price_base_amount WHERE year = 2027;
SELECT pg_temp.error_of($$SELECT sum(paid) FROM charge_split$$);
ROLLBACK;

-- The views give BI tools plain column types.
SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod) AS type
FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
WHERE c.relname IN ('charge_split', 'patient_fees_by_year') AND c.relnamespace = 'registry'::regnamespace
  AND a.attnum > 0
ORDER BY c.relname, a.attnum;

-- Leave the registry empty for the suites that follow.
SET client_min_messages = warning;
TRUNCATE organisation CASCADE;
