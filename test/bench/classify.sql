-- Benchmark queries for test/bench/classify.sh, on a database with the
-- synthetic county loaded.  psql variable runs: timed runs of each query
-- (round robin, the best run counts).
--
-- classify_episode against the same nine rules in PL/pgSQL and as one SQL
-- expression, and against a floor: two built-in hashes over the same rows.
-- care_period_start against gaps-and-islands SQL (lag + running sum + the
-- island's first date) and lag + running max, and against a floor: the
-- built-in lag() over the same window.  care_form_of against the same rules
-- in SQL over team_name, and against a floor: lower() and normalize().  Every ordered window there has the
-- ROWS UNBOUNDED PRECEDING frame, which the care_period view uses: none of
-- these functions looks at the frame, and a ROWS frame spares the executor
-- the search for the current row's peers that the default RANGE frame makes
-- on every row.  The extension, the peer and the floor follow again as the
-- previous version of this benchmark wrote them, with the default frame
-- wherever a running sum does not need ROWS.
--
-- The classifier's inputs (episode joined to unit) are copied into one table
-- first, so that every implementation reads the same seven columns of the
-- same rows and the join does not blur the comparison.  Parallel query is
-- off: the peers are not parallel safe, and one core is a fairer yardstick
-- on a shared machine.

\set ON_ERROR_STOP 1
\if :{?runs}
\else
\set runs 3
\endif
SET search_path = registry, mobilvard, public;
SET max_parallel_workers_per_gather = 0;
SET client_min_messages = warning;
\ir classify_peers.sql

DROP TABLE IF EXISTS public.bench_episode;
CREATE UNLOGGED TABLE public.bench_episode AS
SELECT u.unit_level, u.unit_form, e.setting, e.reported_inpatient, e.start_date, e.end_date,
	   e.preceding_discharge
FROM episode e
JOIN unit u ON u.unit_id = e.unit_id;
VACUUM ANALYZE public.bench_episode;
VACUUM ANALYZE contact;

-- care_form_of's inputs: the units' names, each with a number after it as a
-- region's names have a place, 50,000 rows whatever the scale.  Its peer is
-- the same rules in SQL over the same table; its floor PostgreSQL's own
-- folding of the same names, which any implementation pays.
DROP TABLE IF EXISTS public.bench_unit_name;
CREATE UNLOGGED TABLE public.bench_unit_name AS
SELECT u.name || ' ' || g AS name, u.unit_level
FROM unit u, generate_series(1, ceil(50000.0 / (SELECT count(*) FROM unit))::integer) g
LIMIT 50000;
VACUUM ANALYZE public.bench_unit_name;

\echo
\echo '== The peers agree with the extension (rows compared, rows that differ)'
SELECT count(*) AS episodes,
	   count(*) FILTER (WHERE c IS DISTINCT FROM pg_temp.classify_plpgsql(unit_level, unit_form, setting,
			reported_inpatient, start_date, end_date, preceding_discharge)) AS plpgsql_differs,
	   count(*) FILTER (WHERE c IS DISTINCT FROM pg_temp.classify_sql(unit_level, unit_form, setting,
			reported_inpatient, start_date, end_date, preceding_discharge)) AS sql_differs
FROM (SELECT b.*, classify_episode(unit_level, unit_form, setting, reported_inpatient, start_date, end_date,
								   preceding_discharge) AS c
	  FROM public.bench_episode b OFFSET 0) x \gset
SELECT count(*) AS contacts,
	   count(*) FILTER (WHERE ext IS DISTINCT FROM island_start) AS islands_differ,
	   count(*) FILTER (WHERE ext IS DISTINCT FROM running_max) AS running_max_differs,
	   count(*) FILTER (WHERE ext IS DISTINCT FROM ext_rows) AS rows_frame_differs
FROM (SELECT ext, ext_rows, running_max, min(contact_date) OVER (PARTITION BY patient_id, unit_id, island) AS island_start
	  FROM (SELECT patient_id, unit_id, contact_date, ext, ext_rows,
				   sum(CASE WHEN contact_date - prev <= 30 THEN 0 ELSE 1 END) OVER w AS island,
				   max(CASE WHEN contact_date - prev <= 30 THEN NULL ELSE contact_date END) OVER w AS running_max
			FROM (SELECT patient_id, unit_id, contact_date,
						 lag(contact_date) OVER w AS prev,
						 care_period_start(contact_date, 30) OVER w AS ext,
						 care_period_start(contact_date, 30) OVER (w ROWS UNBOUNDED PRECEDING) AS ext_rows
				  FROM contact
				  WINDOW w AS (PARTITION BY patient_id, unit_id ORDER BY contact_date)) a
			WINDOW w AS (PARTITION BY patient_id, unit_id ORDER BY contact_date ROWS UNBOUNDED PRECEDING)) b) c \gset
\echo 'classify_episode:' :episodes 'episodes;' :plpgsql_differs 'differ from PL/pgSQL,' :sql_differs 'from the SQL expression'
\echo 'care_period_start:' :contacts 'contacts;' :islands_differ 'differ from gaps-and-islands,' :running_max_differs 'from lag + running max,' :rows_frame_differs 'between the default and the ROWS frame'
SELECT count(*) AS unit_names,
	   count(*) FILTER (WHERE care_form_of(name, unit_level) IS DISTINCT FROM
							  pg_temp.care_form_of_sql(name, unit_level)) AS team_sql_differs
FROM public.bench_unit_name \gset
\echo 'care_form_of:' :unit_names 'unit names;' :team_sql_differs 'differ from the SQL over team_name'
SELECT :plpgsql_differs + :sql_differs + :islands_differ + :running_max_differs + :rows_frame_differs
	   + :team_sql_differs = 0 AS peers_agree \gset
\if :peers_agree
\else
DO $$ BEGIN RAISE EXCEPTION 'a peer disagrees with the extension: the comparison is void'; END $$;
\endif

-- What is timed.  Each classification query builds the whole composite for
-- every row (count() of it); the LATERAL pair is the form the views use.
CREATE TEMP TABLE bench_query (id integer PRIMARY KEY, topic text, name text, role text, target text, query text);
INSERT INTO bench_query VALUES
(1, 'classify', 'classify_episode (C)', 'extension', NULL, $q$
	SELECT count(classify_episode(unit_level, unit_form, setting, reported_inpatient, start_date, end_date,
								  preceding_discharge)) FROM public.bench_episode $q$),
(2, 'classify', 'PL/pgSQL function', 'peer', 'peer >= 10x the extension', $q$
	SELECT count(pg_temp.classify_plpgsql(unit_level, unit_form, setting, reported_inpatient, start_date,
										  end_date, preceding_discharge)) FROM public.bench_episode $q$),
(3, 'classify', 'SQL CASE expression', 'peer', 'peer >= 1x the extension', $q$
	SELECT count(pg_temp.classify_sql(unit_level, unit_form, setting, reported_inpatient, start_date,
									  end_date, preceding_discharge)) FROM public.bench_episode $q$),
(4, 'classify', 'floor: hashint4 x 2', 'floor', 'extension <= 3x the floor', $q$
	SELECT count(hashint4(start_date - DATE '2000-01-01') # hashint4(coalesce(end_date, start_date) - DATE '2000-01-01'))
	FROM public.bench_episode $q$),
(5, 'classify LATERAL', 'classify_episode (C)', 'extension', NULL, $q$
	SELECT count(*) FROM public.bench_episode b,
		LATERAL classify_episode(unit_level, unit_form, setting, reported_inpatient, start_date, end_date,
								 preceding_discharge) c
	WHERE c.home_based $q$),
(6, 'classify LATERAL', 'PL/pgSQL function', 'peer', NULL, $q$
	SELECT count(*) FROM public.bench_episode b,
		LATERAL pg_temp.classify_plpgsql(unit_level, unit_form, setting, reported_inpatient, start_date,
										 end_date, preceding_discharge) c
	WHERE c.home_based $q$),
(7, 'care periods', 'care_period_start (C)', 'extension', NULL, $q$
	SELECT count(*), sum(ps - DATE '2000-01-01')
	FROM (SELECT care_period_start(contact_date, 30) OVER w AS ps
		  FROM contact
		  WINDOW w AS (PARTITION BY patient_id, unit_id ORDER BY contact_date ROWS UNBOUNDED PRECEDING)) s $q$),
(8, 'care periods', 'gaps-and-islands SQL', 'peer', 'peer >= 3x the extension', $q$
	SELECT count(*), sum(ps - DATE '2000-01-01')
	FROM (SELECT min(contact_date) OVER (PARTITION BY patient_id, unit_id, island) AS ps
		  FROM (SELECT patient_id, unit_id, contact_date, sum(new_period) OVER w AS island
				FROM (SELECT patient_id, unit_id, contact_date,
							 CASE WHEN contact_date - lag(contact_date) OVER w <= 30 THEN 0 ELSE 1 END AS new_period
					  FROM contact
					  WINDOW w AS (PARTITION BY patient_id, unit_id ORDER BY contact_date ROWS UNBOUNDED PRECEDING)) a
				WINDOW w AS (PARTITION BY patient_id, unit_id ORDER BY contact_date ROWS UNBOUNDED PRECEDING)) b) c $q$),
(9, 'care periods', 'lag + running max SQL', 'peer', NULL, $q$
	SELECT count(*), sum(ps - DATE '2000-01-01')
	FROM (SELECT max(CASE WHEN contact_date - prev <= 30 THEN NULL ELSE contact_date END) OVER w AS ps
		  FROM (SELECT patient_id, unit_id, contact_date, lag(contact_date) OVER w AS prev
				FROM contact
				WINDOW w AS (PARTITION BY patient_id, unit_id ORDER BY contact_date ROWS UNBOUNDED PRECEDING)) a
		  WINDOW w AS (PARTITION BY patient_id, unit_id ORDER BY contact_date ROWS UNBOUNDED PRECEDING)) b $q$),
(10, 'care periods', 'floor: lag()', 'floor', NULL, $q$
	SELECT count(*), sum(coalesce(p, contact_date) - DATE '2000-01-01')
	FROM (SELECT contact_date, lag(contact_date) OVER w AS p
		  FROM contact
		  WINDOW w AS (PARTITION BY patient_id, unit_id ORDER BY contact_date ROWS UNBOUNDED PRECEDING)) s $q$),
(11, 'care periods, default frame', 'care_period_start (C)', 'extension', NULL, $q$
	SELECT count(*), sum(ps - DATE '2000-01-01')
	FROM (SELECT care_period_start(contact_date, 30)
				 OVER (PARTITION BY patient_id, unit_id ORDER BY contact_date) AS ps
		  FROM contact) s $q$),
(12, 'care periods, default frame', 'gaps-and-islands SQL', 'peer', NULL, $q$
	SELECT count(*), sum(ps - DATE '2000-01-01')
	FROM (SELECT min(contact_date) OVER (PARTITION BY patient_id, unit_id, island) AS ps
		  FROM (SELECT patient_id, unit_id, contact_date,
					   sum(new_period) OVER (PARTITION BY patient_id, unit_id ORDER BY contact_date
											 ROWS UNBOUNDED PRECEDING) AS island
				FROM (SELECT patient_id, unit_id, contact_date,
							 CASE WHEN contact_date - lag(contact_date)
										   OVER (PARTITION BY patient_id, unit_id ORDER BY contact_date) <= 30
								  THEN 0 ELSE 1 END AS new_period
					  FROM contact) a) b) c $q$),
(13, 'care periods, default frame', 'floor: lag()', 'floor', NULL, $q$
	SELECT count(*), sum(coalesce(p, contact_date) - DATE '2000-01-01')
	FROM (SELECT contact_date, lag(contact_date)
				 OVER (PARTITION BY patient_id, unit_id ORDER BY contact_date) AS p
		  FROM contact) s $q$),
(14, 'team names', 'care_form_of (C)', 'extension', NULL, $q$
	SELECT count(care_form_of(name, unit_level)) FROM public.bench_unit_name $q$),
(15, 'team names', 'SQL over team_name', 'peer', NULL, $q$
	SELECT count(pg_temp.care_form_of_sql(name, unit_level)) FROM public.bench_unit_name $q$),
(16, 'team names', 'floor: lower + normalize', 'floor', NULL, $q$
	SELECT count(normalize(lower(name), NFC)) FROM public.bench_unit_name $q$);

\ir timing.sql

DROP TABLE public.bench_episode;
DROP TABLE public.bench_unit_name;
