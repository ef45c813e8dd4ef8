-- Set-up of the pgbench scripts (test/bench/pgbench.sh): the sequences that
-- give the rows they insert their ids, in a range of their own (from 9 x
-- 10^18, far above the county generator's ids, so that clients never
-- collide with each other or with the county), and the bounds of their
-- random draws, printed as pgbench -D options.  Run again on the same
-- database, it keeps the sequences.
CREATE SCHEMA IF NOT EXISTS mobilvard_bench;
CREATE SEQUENCE IF NOT EXISTS mobilvard_bench.charge_id START 9000000000000000000;
CREATE SEQUENCE IF NOT EXISTS mobilvard_bench.episode_id START 9000000000000000000;
SELECT format('-Dmax_patient=%s -Dmax_family=%s -Dunits=%s',
			  (SELECT max(patient_id) FROM registry.patient),
			  (SELECT coalesce(max(family_id), 1) FROM registry.patient),
			  (SELECT count(*) FROM registry.unit));
