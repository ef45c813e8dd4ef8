-- The national fee figures and the fee engines hcp_fee, hcp_status and
-- monthly_cap_fee (doc/fees.md).
SET search_path = registry, mobilvard, public;
SET datestyle = ISO;
\i sql/include/error_of.sql

-- ===========================================================================
-- National figures
-- ===========================================================================

-- The figures of doc/fees.md, from the shipped price base amounts.
SELECT f.year, f.hcp_ceiling, f.maxtaxa,
	   f.hcp_ceiling = c.hcp_ceiling AND f.maxtaxa = c.maxtaxa AS as_documented
FROM national_fee_figures f
JOIN (VALUES (2022, 1200, 2170), (2023, 1300, 2359), (2024, 1400, 2575),
			 (2025, 1450, 2642), (2026, 1450, 2660)) c(year, hcp_ceiling, maxtaxa) USING (year)
ORDER BY f.year;

-- The functions take the year of the date, first to last day.
SELECT d, national_hcp_ceiling(d) AS hcp_ceiling, national_maxtaxa(d) AS maxtaxa
FROM unnest(ARRAY['2022-01-01', '2023-12-31', '2024-02-29', '2025-06-15', '2026-12-31']::date[]) d
ORDER BY d;
SELECT national_hcp_ceiling(NULL) IS NULL AS ceiling_of_null, national_maxtaxa(NULL) IS NULL AS maxtaxa_of_null;

-- A year missing from the table is 22023 naming the year.
SELECT pg_temp.error_of($$SELECT national_hcp_ceiling('2021-12-31')$$);
SELECT pg_temp.error_of($$SELECT national_maxtaxa('2027-01-01')$$);

-- They read the table: a new or corrected year is used at once.
BEGIN;
INSERT INTO price_base_amount VALUES (2027, 60500);
UPDATE price_base_amount SET amount = 57400 WHERE year = 2024;
SELECT national_hcp_ceiling('2027-03-01') AS ceiling_2027, national_maxtaxa('2027-03-01') AS maxtaxa_2027,
	   national_hcp_ceiling('2024-03-01') AS ceiling_2024, national_maxtaxa('2024-03-01') AS maxtaxa_2024;
ROLLBACK;

-- Volatility: they read a table, so they are STABLE, not IMMUTABLE.
SELECT proname, provolatile, proisstrict, proparallel
FROM pg_proc WHERE proname IN ('national_hcp_ceiling', 'national_maxtaxa') ORDER BY proname;

-- ===========================================================================
-- hcp_fee and hcp_status
-- ===========================================================================

-- A charge table and the two functions over the documented window.
CREATE TEMP TABLE ch (patient int, id int, d date, fee numeric, counts boolean, ceiling numeric);
CREATE TEMP VIEW hcp AS
SELECT patient, id, d, fee, counts, ceiling,
	   hcp_fee(fee, d, counts, ceiling) OVER w AS pays,
	   hcp_status(fee, d, counts, ceiling) OVER w AS status
FROM ch
WINDOW w AS (PARTITION BY patient ORDER BY d, id);

-- doc/fees.md's example: first visit 25 April, the ceiling is reached
-- on 10 October (that fee is reduced to what is left), free care until 24
-- April the next year; the next fee, on 25 April, opens a new period (and the
-- ceiling of the new year, 1450 in 2026, would apply).
INSERT INTO ch VALUES
	(1, 1, '2025-04-25', 300, true, 1450),
	(1, 2, '2025-05-20', 450, true, 1450),
	(1, 3, '2025-08-14', 400, true, 1450),
	(1, 4, '2025-10-10', 400, true, 1450),
	(1, 5, '2025-12-01', 300, true, 1450),
	(1, 6, '2026-04-24', 300, true, 1450),
	(1, 7, '2026-04-25', 300, true, 1450);
SELECT id, d, fee, pays, status FROM hcp WHERE patient = 1 ORDER BY id;

-- Uncounted fees (inpatient days, missed appointments, certificates) are
-- paid in full, before any period and inside frikort, and change nothing:
-- they open no period and add nothing to the paid sum.
INSERT INTO ch VALUES
	(2, 1, '2024-01-05', 100, false, NULL),
	(2, 2, '2024-01-10', 800, true, 1400),
	(2, 3, '2024-01-11', 200, false, NULL),
	(2, 4, '2024-02-01', 800, true, 1400),
	(2, 5, '2024-02-02', 100, false, 1400),
	(2, 6, '2024-03-01', 400, true, 1400);
SELECT id, d, fee, counts, pays, status FROM hcp WHERE patient = 2 ORDER BY id;

-- A counted fee of zero pays zero and opens no period: the period starts at
-- the first counted positive fee.
INSERT INTO ch VALUES
	(3, 1, '2024-01-02', 0, true, 1400),
	(3, 2, '2024-03-15', 0, true, 1400),
	(3, 3, '2024-05-01', 350, true, 1400),
	(3, 4, '2024-05-02', 0.00, true, 1400);
SELECT id, d, fee, pays, status FROM hcp WHERE patient = 3 ORDER BY id;

-- A fee exactly equal to what is left under the ceiling is paid in full and
-- gives frikort; the next counted fee is free.  Fees in öre work the same.
INSERT INTO ch VALUES
	(4, 1, '2024-06-01', 1000, true, 1400),
	(4, 2, '2024-06-02', 400, true, 1400),
	(4, 3, '2024-06-03', 200, true, 1400),
	(5, 1, '2024-06-01', 1399.50, true, 1400),
	(5, 2, '2024-06-02', 0.25, true, 1400),
	(5, 3, '2024-06-03', 0.75, true, 1400),
	(5, 4, '2024-06-04', 10, true, 1400);
SELECT patient, id, fee, pays, status FROM hcp WHERE patient IN (4, 5) ORDER BY patient, id;

-- A period crossing a year keeps the ceiling of its start (1300 in 2023),
-- although the rows of 2024 pass 1400; the next period, opened in 2024, has
-- 1400.  A ceiling lowered during a period does not end its frikort.
INSERT INTO ch VALUES
	(6, 1, '2023-11-01', 800, true, 1300),
	(6, 2, '2024-01-15', 400, true, 1400),
	(6, 3, '2024-02-01', 400, true, 1400),
	(6, 4, '2024-03-01', 400, true, 500),
	(6, 5, '2024-11-01', 800, true, 1400),
	(6, 6, '2024-12-01', 800, true, 1400);
SELECT id, d, fee, ceiling, pays, status FROM hcp WHERE patient = 6 ORDER BY id;

-- After the period has ended, counting starts again at the next counted fee
-- (not on the day after the period).
INSERT INTO ch VALUES
	(7, 1, '2024-03-10', 1500, true, 1400),
	(7, 2, '2025-03-09', 200, true, 1450),
	(7, 3, '2025-03-10', 50, false, NULL),
	(7, 4, '2025-06-01', 200, true, 1450);
SELECT id, d, fee, pays, status FROM hcp WHERE patient = 7 ORDER BY id;

-- 29 February: the period from 2024-02-29 ends on 2025-02-28 (the day before
-- the anniversary, which a common year puts on 1 March); the period from
-- 2023-03-01 ends on 2024-02-29.
INSERT INTO ch VALUES
	(8, 1, '2024-02-29', 1400, true, 1400),
	(8, 2, '2025-02-28', 100, true, 1450),
	(8, 3, '2025-03-01', 100, true, 1450),
	(9, 1, '2023-03-01', 1300, true, 1300),
	(9, 2, '2024-02-29', 100, true, 1400),
	(9, 3, '2024-03-01', 100, true, 1400);
SELECT patient, id, d, fee, pays, status FROM hcp WHERE patient IN (8, 9) ORDER BY patient, id;

-- NULLs: a NULL fee or date gives NULL and changes nothing (NULL counts does
-- not matter on such a row); a NULL ceiling only matters on a row that opens
-- a period.
INSERT INTO ch VALUES
	(10, 1, '2024-01-10', NULL, true, 1400),
	(10, 2, NULL, 500, true, 1400),
	(10, 3, '2024-01-11', NULL, NULL, NULL),
	(10, 4, '2024-01-12', 500, true, 1400),
	(10, 5, '2024-01-13', 500, true, NULL),
	(10, 6, '2024-01-14', NULL, true, 1400),
	(10, 7, '2024-01-15', 500, true, NULL),
	(10, 8, '2024-01-16', 100, false, NULL);
SELECT id, d, fee, counts, ceiling, pays, status FROM hcp WHERE patient = 10 ORDER BY id;

-- Partitions are independent: every patient's own period and ceiling.
SELECT patient, count(*) AS charges, sum(pays) AS paid,
	   bool_or((status).frikort) AS reached_frikort
FROM hcp WHERE patient BETWEEN 1 AND 9 GROUP BY patient ORDER BY patient;

-- Errors, each with its SQLSTATE and the offending value.  The window is
-- ordered by id, so that dates can go backwards in it.
SELECT test, pg_temp.error_of(format(
	'SELECT hcp_fee(fee, d, counts, ceiling) OVER (ORDER BY id) FROM (VALUES %s) t(id, d, fee, counts, ceiling)',
	rows)) AS error
FROM (VALUES
	('NULL counts', $$(1, date '2024-01-10', 100::numeric, NULL::boolean, 1400::numeric)$$),
	('negative fee', $$(1, date '2024-01-10', -100::numeric, true, 1400::numeric)$$),
	('negative uncounted fee', $$(1, date '2024-01-10', -0.01::numeric, false, NULL::numeric)$$),
	('NaN fee', $$(1, date '2024-01-10', 'NaN'::numeric, true, 1400::numeric)$$),
	('infinite fee', $$(1, date '2024-01-10', 'Infinity'::numeric, true, 1400::numeric)$$),
	('NULL ceiling opening a period', $$(1, date '2024-01-10', 100::numeric, true, NULL::numeric)$$),
	('zero ceiling opening a period', $$(1, date '2024-01-10', 100::numeric, true, 0::numeric)$$),
	('negative ceiling', $$(1, date '2024-01-10', 100::numeric, true, -1400::numeric)$$),
	('NULL ceiling opening the second period',
	 $$(1, date '2024-01-10', 100::numeric, true, 1400::numeric), (2, '2025-01-10', 100, true, NULL)$$),
	('dates going backwards',
	 $$(1, date '2024-05-01', 100::numeric, true, 1400::numeric), (2, '2024-04-30', 100, true, 1400)$$),
	('infinite date', $$(1, date 'infinity', 100::numeric, true, 1400::numeric)$$),
	('period beyond the last date', $$(1, date '5874897-06-01', 100::numeric, true, 1400::numeric)$$)
) t(test, rows);
-- hcp_status runs the same checks.
SELECT pg_temp.error_of($$
	SELECT hcp_status(fee, d, true, 1400) OVER (ORDER BY id)
	FROM (VALUES (1, date '2024-05-01', 100::numeric), (2, '2024-04-30', 100)) t(id, d, fee)$$);
SELECT pg_temp.error_of($$
	SELECT hcp_status(fee, d, NULL, 1400) OVER (ORDER BY id)
	FROM (VALUES (1, date '2024-05-01', 100::numeric)) t(id, d, fee)$$);
-- Dates going backwards across partitions are fine.
SELECT p, hcp_fee(100, d, true, 1400) OVER (PARTITION BY p ORDER BY d) AS pays
FROM (VALUES (1, date '2024-05-01'), (2, '2024-04-30')) t(p, d) ORDER BY p;

-- hcp_fee and hcp_status agree on every row: paid_in_period moves by what
-- the row pays (or restarts with it when a period opens).
SELECT count(*) AS rows_checked,
	   count(*) FILTER (WHERE pays IS DISTINCT FROM
							  CASE WHEN NOT counts OR fee = 0 THEN fee
								   WHEN (status).period_start = d AND
										(prev).period_start IS DISTINCT FROM d THEN (status).paid_in_period
								   ELSE (status).paid_in_period - (prev).paid_in_period END) AS disagreeing
FROM (SELECT *, lag(status) OVER (PARTITION BY patient ORDER BY d, id) AS prev
	  FROM hcp WHERE fee IS NOT NULL AND d IS NOT NULL AND patient < 10) t;

-- ===========================================================================
-- monthly_cap_fee
-- ===========================================================================

CREATE TEMP TABLE mc (patient int, category text, id int, d date, fee numeric, cap numeric);
CREATE TEMP VIEW capped AS
SELECT patient, category, id, d, fee, cap,
	   monthly_cap_fee(fee, d, cap) OVER (PARTITION BY patient, category ORDER BY d, id) AS pays
FROM mc;

-- 200 SEK per nurse visit, at most 600 SEK a month: the fourth visit is
-- free; a fee that passes the cap pays the remainder; a new month starts
-- again (31 January / 1 February, and December / January of the next year).
INSERT INTO mc VALUES
	(1, 'home_health', 1, '2024-01-03', 200, 600),
	(1, 'home_health', 2, '2024-01-10', 250, 600),
	(1, 'home_health', 3, '2024-01-17', 200, 600),
	(1, 'home_health', 4, '2024-01-31', 200, 600),
	(1, 'home_health', 5, '2024-02-01', 200, 600),
	(1, 'home_health', 6, '2024-12-30', 400, 600),
	(1, 'home_health', 7, '2024-12-31', 400, 600),
	(1, 'home_health', 8, '2025-01-01', 400, 600);
SELECT id, d, fee, cap, pays FROM capped WHERE patient = 1 ORDER BY id;

-- The cap is the one of the month's first row; NULL there means no cap that
-- month, whatever later rows say.  A fee exactly equal to the remainder pays
-- it all.  Zero fees and a zero cap pay nothing.
INSERT INTO mc VALUES
	(2, 'home_help', 1, '2024-03-01', 1000, 2575),
	(2, 'home_help', 2, '2024-03-02', 1000, 500),
	(2, 'home_help', 3, '2024-03-03', 575, NULL),
	(2, 'home_help', 4, '2024-03-04', 0, 2575),
	(2, 'home_help', 5, '2024-03-05', 10, 2575),
	(2, 'home_help', 6, '2024-04-01', 3000, NULL),
	(2, 'home_help', 7, '2024-04-02', 3000, 100),
	(2, 'home_help', 8, '2024-05-01', 300, 0),
	(2, 'home_help', 9, '2024-05-02', 0, 100);
SELECT id, d, fee, cap, pays FROM capped WHERE patient = 2 ORDER BY id;

-- NULL fee or date: NULL, skipped; a skipped first row does not set the
-- month's cap.
INSERT INTO mc VALUES
	(3, 'x', 1, '2024-06-01', NULL, 50),
	(3, 'x', 2, NULL, 100, 50),
	(3, 'x', 3, '2024-06-02', 100, 300),
	(3, 'x', 4, '2024-06-03', 300, NULL);
SELECT id, d, fee, cap, pays FROM capped WHERE patient = 3 ORDER BY id;

-- Categories are separate partitions, each with its own cap.
INSERT INTO mc VALUES
	(4, 'home_health', 1, '2024-06-01', 400, 600),
	(4, 'home_rehabilitation', 2, '2024-06-01', 400, 500),
	(4, 'home_health', 3, '2024-06-02', 400, 600),
	(4, 'home_rehabilitation', 4, '2024-06-02', 400, 500);
SELECT category, id, fee, cap, pays FROM capped WHERE patient = 4 ORDER BY category, id;

-- Errors (the window ordered by id, so that dates can go backwards).
SELECT test, pg_temp.error_of(format(
	'SELECT monthly_cap_fee(fee, d, cap) OVER (ORDER BY id) FROM (VALUES %s) t(id, d, fee, cap)',
	rows)) AS error
FROM (VALUES
	('negative fee', $$(1, date '2024-01-10', -200::numeric, 600::numeric)$$),
	('negative cap', $$(1, date '2024-01-10', 200::numeric, -600::numeric)$$),
	('negative cap on a later row', $$(1, date '2024-01-10', 200::numeric, 600::numeric), (2, '2024-01-11', 200, -1)$$),
	('NaN cap', $$(1, date '2024-01-10', 200::numeric, 'NaN'::numeric)$$),
	('dates going backwards', $$(1, date '2024-02-01', 200::numeric, 600::numeric), (2, '2024-01-31', 200, 600)$$),
	('infinite date', $$(1, date '-infinity', 200::numeric, 600::numeric)$$)
) t(test, rows);

-- ===========================================================================
-- A long partition: the states restart at every period and every month.
-- 20,000 charges over 1,000 days from 2024-01-01: three periods of 1400 SEK,
-- and 33 months each capped at 600 SEK.
-- ===========================================================================
CREATE TEMP TABLE long_run AS
SELECT g AS id, date '2024-01-01' + g / 20 AS d, (g % 7) * 50::numeric AS fee
FROM generate_series(1, 20000) g;
SELECT count(*) AS rows, sum(hcp) AS hcp_paid, sum(hcp) = 3 * 1400 AS three_ceilings,
	   sum(capped) AS capped_paid, sum(capped) = 33 * 600 AS thirty_three_caps
FROM (SELECT hcp_fee(fee, d, true, 1400) OVER (ORDER BY d, id) AS hcp,
			 monthly_cap_fee(fee, d, 600) OVER (ORDER BY d, id) AS capped
	  FROM long_run) t;

-- The calendar of the fee terms: the year and the first day of the month of
-- a date, as extract() and date_trunc() give them; an infinite date has no
-- year (22008) and is its own month.
SELECT d, _year_of(d) = extract(year FROM d) AS year_as_extract, _month_of(d)
FROM unnest(ARRAY['2024-02-29', '2025-01-01', '2025-12-31', '0044-03-15 BC']::date[]) d;
SELECT pg_temp.error_of($$SELECT _year_of('infinity')$$) AS infinite_year,
	   _month_of('-infinity') AS minus_infinite_month, _month_of('infinity') AS infinite_month;
