-- care_period_start (doc/classification.md) and the care_period view.
SET search_path = registry, mobilvard, public;
SET datestyle = 'ISO, YMD';
\i sql/include/error_of.sql
\i sql/include/plan_of.sql

-- A window function, not STRICT (NULL dates are skipped, not fatal).
SELECT prokind, provolatile, proparallel, proisstrict
FROM pg_proc WHERE oid = 'care_period_start'::regproc;

-- The gap rule with a 7-day gap: a contact exactly 7 days after the previous
-- one continues the period, 8 days after starts a new one; the first contact
-- of each partition starts a period; several contacts on one day are fine;
-- a NULL date gets NULL and does not break the period.
CREATE TEMP TABLE contacts (who text, d date);
INSERT INTO contacts VALUES
	('a', '2025-01-01'), ('a', '2025-01-08'), ('a', '2025-01-08'), ('a', '2025-01-16'),
	('a', NULL), ('a', '2025-01-20'), ('a', '2025-03-01'),
	('b', '2025-01-05'), ('b', NULL), ('b', '2025-01-12'),
	('c', NULL);
SELECT who, d, care_period_start(d, 7) OVER (PARTITION BY who ORDER BY d) AS period_start
FROM contacts
ORDER BY who, d NULLS LAST;

-- NULLs sorted first do not start the period either.
SELECT who, d, care_period_start(d, 7) OVER (PARTITION BY who ORDER BY d NULLS FIRST) AS period_start
FROM contacts WHERE who = 'b'
ORDER BY d NULLS FIRST;

-- Gap 0: every new day starts a period, the same day does not.  A NULL gap
-- gives NULL for that row and leaves the period alone.
SELECT d, care_period_start(d, 0) OVER w AS gap_0,
	   care_period_start(d, CASE WHEN d = '2025-01-16' THEN NULL ELSE 5 END) OVER w AS gap_5_null_on_16th
FROM contacts WHERE who = 'a' AND d IS NOT NULL
WINDOW w AS (ORDER BY d)
ORDER BY d;

-- The result does not depend on the window frame.
SELECT d, care_period_start(d, 7) OVER (ORDER BY d ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) AS period_start
FROM contacts WHERE who = 'a' AND d IS NOT NULL
ORDER BY d;

-- Errors: dates going backwards in window order (the hint says how to order
-- the window) and a negative gap, both 22023.
SELECT test, pg_temp.error_of(statement) AS error
FROM (VALUES
	('descending order', $$SELECT care_period_start(d, 7) OVER (ORDER BY d DESC) FROM contacts WHERE who = 'a'$$),
	('no order', $$SELECT care_period_start(d, 7) OVER () FROM (VALUES ('2025-02-01'::date), ('2025-01-01')) v(d)$$),
	('negative gap', $$SELECT care_period_start(d, -1) OVER (ORDER BY d) FROM contacts$$),
	('negative gap, NULL date', $$SELECT care_period_start(NULL::date, -1) OVER ()$$),
	('same dates descending', $$SELECT care_period_start(d, 7) OVER (ORDER BY d DESC) FROM (VALUES ('2025-01-01'::date), ('2025-01-01')) v(d)$$)
) t(test, statement)
ORDER BY test;

-- Many partitions and a long one: the same periods as the usual
-- gaps-and-islands SQL (lag and a running count of period starts).
CREATE TEMP TABLE many AS
SELECT p AS patient, u AS unit,
	   '2024-01-01'::date + (abs(hashint4(p * 7919 + u * 104729 + i)) % 700) AS d
FROM generate_series(1, 200) p, generate_series(1, 3) u, generate_series(1, 40) i;
-- One partition far longer than the rows the function lets the executor keep
-- (window_rows.h): 10,000 contacts a week apart, with a 47-day gap after
-- every 50th, so 200 periods.
INSERT INTO many
SELECT 0, 1, '1900-01-01'::date + i * 7 + (i / 50) * 40
FROM generate_series(0, 9999) i;
WITH islands AS (
	SELECT patient, unit, d,
		   sum(CASE WHEN d - prev <= 30 THEN 0 ELSE 1 END)
			   OVER (PARTITION BY patient, unit ORDER BY d ROWS UNBOUNDED PRECEDING) AS island
	FROM (SELECT patient, unit, d, lag(d) OVER (PARTITION BY patient, unit ORDER BY d) AS prev FROM many) l),
sql_periods AS (
	SELECT patient, unit, d, min(d) OVER (PARTITION BY patient, unit, island) AS period_start FROM islands),
ext_periods AS (
	SELECT patient, unit, d, care_period_start(d, 30) OVER (PARTITION BY patient, unit ORDER BY d) AS period_start
	FROM many)
SELECT (SELECT count(*) FROM many) AS contacts,
	   (SELECT count(DISTINCT (patient, unit, period_start)) FROM ext_periods) AS periods,
	   (SELECT count(*) FROM (SELECT * FROM ext_periods EXCEPT ALL SELECT * FROM sql_periods) x) +
	   (SELECT count(*) FROM (SELECT * FROM sql_periods EXCEPT ALL SELECT * FROM ext_periods) x) AS differences;

-- ---------------------------------------------------------------------------
-- The care_period view: periods per patient and unit, 30-day gap
-- ---------------------------------------------------------------------------
BEGIN;
INSERT INTO organisation VALUES ('R18', 'Region Örebro län', 'region', NULL, NULL, NULL);
INSERT INTO unit VALUES
	('nvt', 'R18', 'Närvårdsteam Väst', 'regional_primary', 'community_care_team', NULL),
	('asih', 'R18', 'ASIH Örebro', 'specialised_outpatient', 'specialised_home_care', NULL);
INSERT INTO patient VALUES (1, 1940, 'F', NULL, NULL, NULL), (2, 1935, 'M', NULL, NULL, NULL);
INSERT INTO contact VALUES
	(1, 1, 'nvt', '2025-01-02', 'ordinary_home', 'physical', 'nurse'),
	(2, 1, 'nvt', '2025-01-09', 'remote', 'video', 'doctor'),
	(3, 1, 'nvt', '2025-02-08', 'ordinary_home', 'physical', 'doctor'),	-- 30 days: same period
	(4, 1, 'nvt', '2025-03-11', 'remote', 'phone', 'nurse'),			-- 31 days: new period
	(5, 1, 'asih', '2025-01-20', 'ordinary_home', 'physical', 'nurse'),	-- another unit
	(6, 2, 'nvt', '2025-01-05', 'remote', 'remote_monitoring', 'nurse'),
	(7, 2, 'nvt', '2025-01-05', 'ordinary_home', 'physical', 'nurse');
SELECT * FROM care_period ORDER BY patient_id, unit_id, period_start;
-- A filter on the patient or the unit reaches the contacts inside the
-- window, where an index can serve it.
SET LOCAL enable_seqscan = off;
SELECT f.filter,
	   string_agg(DISTINCT substring(p.plan FROM '(?:using|Index Scan on) (contact_\w+)'), ', ') AS contact_indexes,
	   count(*) FILTER (WHERE p.plan ~ 'Seq Scan on contact') AS contact_seq_scans
FROM (VALUES ('patient', $$SELECT * FROM care_period WHERE patient_id = 1$$),
			 ('unit', $$SELECT * FROM care_period WHERE unit_id = 'nvt'$$)) f(filter, query)
CROSS JOIN LATERAL pg_temp.plan_of(f.query) p(plan)
GROUP BY f.filter
ORDER BY f.filter;
RESET enable_seqscan;
ROLLBACK;
