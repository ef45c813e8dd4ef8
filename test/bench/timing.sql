-- timing.sql: runs the queries of the temporary table bench_query (id,
-- topic, name, role 'extension', 'peer' or 'floor', target, query, and
-- optionally run_as: a role to run the query as) and prints each one's best
-- time and its multiple of the extension's in its topic.  Included by the
-- benchmarks (\ir timing.sql) after they fill bench_query; psql variable
-- runs: timed runs of each query.

-- Round robin, so that a busy moment on the machine hits every query alike.
-- The first query of a topic would find the buffer cache full of the previous
-- topic's table (at 100x the contacts' index alone is as large as
-- shared_buffers), so the topic's floor first runs once untimed.
CREATE TEMP TABLE bench_time (id integer, run integer, ms double precision);
SET bench.runs = :runs;
DO $$
DECLARE
	q record;
	t0 timestamptz;
	ignored text;
BEGIN
	-- One untimed pass warms the caches.
	FOR run IN 0..current_setting('bench.runs')::integer LOOP
		FOR q IN SELECT b.*, w.query AS warm_up
				 FROM bench_query b
				 LEFT JOIN bench_query w
					 ON w.topic = b.topic AND w.role = 'floor'
					 AND b.id = (SELECT min(f.id) FROM bench_query f WHERE f.topic = b.topic)
				 ORDER BY b.id LOOP
			IF q.warm_up IS NOT NULL THEN
				EXECUTE q.warm_up INTO ignored;
			END IF;
			IF to_jsonb(q) ->> 'run_as' IS NOT NULL THEN
				EXECUTE format('SET ROLE %I', to_jsonb(q) ->> 'run_as');
			END IF;
			t0 := clock_timestamp();
			EXECUTE q.query INTO ignored;
			RESET ROLE;
			IF run > 0 THEN
				INSERT INTO bench_time
				VALUES (q.id, run, extract(epoch FROM clock_timestamp() - t0) * 1000);
			END IF;
		END LOOP;
	END LOOP;
END
$$;

\echo
\echo '== Times (best of' :runs 'runs) and each time as a multiple of the extension''s'
SELECT q.topic AS benchmark, q.name AS implementation, round(min(t.ms)::numeric) AS ms,
	   round((min(t.ms) / min(min(t.ms)) FILTER (WHERE q.role = 'extension')
							OVER (PARTITION BY q.topic))::numeric, 2) AS x_extension,
	   coalesce(q.target, '') AS target
FROM bench_query q
JOIN bench_time t USING (id)
GROUP BY q.id, q.topic, q.name, q.role, q.target
ORDER BY q.id;

