-- Set-up: check the variables, make the registry if it is not there, define
-- the pseudo-random functions, empty the registry (if told to replace what
-- it holds).  generate.sql runs once per psql session (its gen_* tables and
-- pg_temp functions are session-local).

SET client_min_messages = warning;
SELECT NOT EXISTS (SELECT FROM mobilvard.registries WHERE name = :'registry') AS gen_new_registry \gset
\if :gen_new_registry
SELECT mobilvard.create_registry(:'registry', set_search_path => false);
\endif
SET search_path = :"registry", mobilvard, public;

CREATE FUNCTION pg_temp.require(ok boolean, message text) RETURNS boolean LANGUAGE plpgsql AS
$$BEGIN
	IF NOT ok THEN
		RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value', MESSAGE = 'generate.sql: ' || message;
	END IF;
	RETURN true;
END$$;
SELECT pg_temp.require(:'scale'::numeric > 0, format('scale must be a positive number, not %s', :'scale'))
	   AND pg_temp.require(:'seed'::bigint >= 0, format('seed must be a non-negative integer, not %s', :'seed'))
	   AND pg_temp.require(:'cell_m'::integer IN (250, 500, 1000),
						   format('cell_m must be 250, 500 or 1000, not %s', :'cell_m'))
	   AND pg_temp.require(:'replace' IN ('0', '1'), format('replace must be 0 or 1, not %s', :'replace'))
	   AS variables_ok \gset

-- A registry that holds records is replaced only when asked to.
SELECT pg_temp.require(:'replace' = '1' OR NOT EXISTS (
		   SELECT FROM organisation UNION ALL SELECT FROM unit UNION ALL SELECT FROM patient
		   UNION ALL SELECT FROM episode UNION ALL SELECT FROM contact UNION ALL SELECT FROM charge
		   UNION ALL SELECT FROM population_cell UNION ALL SELECT FROM urban_area
		   UNION ALL SELECT FROM road_vertex),
	   format('registry %s holds records; -v replace=1 replaces them with the synthetic county', :'registry'))
	   AS registry_ok \gset

-- Pseudo-random numbers are a hash of (seed, stream, key), not a sequence:
-- a row's values do not depend on row order, plan or parallelism, and each
-- concern draws from its own stream number.  u() is uniform on [0, 1).
-- These are session-local (pg_temp) and inlined into the queries.
-- (hashint8extended folds its value to 32 bits, so the high half of a is
-- hashed on its own: keys beyond 2^32 do not collide with small ones.)
SELECT format($f$
CREATE FUNCTION pg_temp.u(stream integer, a bigint, b bigint) RETURNS double precision
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS 'SELECT (pg_catalog.hashint8extended(b, pg_catalog.hashint8extended(a,
			pg_catalog.hashint8extended(a >> 32, %s::bigint + stream)))
		   & 4503599627370495)::double precision / 4503599627370496.0'
$f$, (:seed)::bigint * 1000003) \gexec

CREATE FUNCTION pg_temp.u(stream integer, a bigint) RETURNS double precision
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS 'SELECT pg_temp.u(stream, a, 0)';

-- A uniform integer in lo..hi.
CREATE FUNCTION pg_temp.ri(stream integer, a bigint, b bigint, lo integer, hi integer) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS 'SELECT lo + floor(pg_temp.u(stream, a, b) * (hi - lo + 1))::integer';

-- A count with mean m and a long tail (geometric): health care use is
-- concentrated on a few people.
CREATE FUNCTION pg_temp.geom_count(stream integer, a bigint, m double precision) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS 'SELECT CASE WHEN m <= 0 THEN 0
				ELSE floor(ln(1.0 - pg_temp.u(stream, a, 0)) / ln(m / (1.0 + m)))::integer END';

-- The registry's time window.
CREATE FUNCTION pg_temp.first_day() RETURNS date LANGUAGE sql IMMUTABLE AS $$SELECT date '2023-01-01'$$;
CREATE FUNCTION pg_temp.last_day() RETURNS date LANGUAGE sql IMMUTABLE AS $$SELECT date '2025-12-31'$$;
-- The weekday nearest a day: a Saturday's Friday, a Sunday's Monday (for
-- clinics and teams that work weekdays).
CREATE FUNCTION pg_temp.weekday(d date) RETURNS date LANGUAGE sql IMMUTABLE
AS $$SELECT d - CASE extract(isodow FROM d) WHEN 6 THEN 1 WHEN 7 THEN -1 ELSE 0 END$$;

-- A superuser loads without the per-row foreign-key triggers (the rows are
-- consistent by construction; 99_finish.sql checks every reference in bulk).
SELECT rolsuper AS gen_superuser FROM pg_roles WHERE rolname = current_user \gset
\if :gen_superuser
SET session_replication_role = replica;
\endif

TRUNCATE charge, contact, episode, patient_listing, catchment, unit, patient, population_cell, urban_area,
		 region_tariff, municipal_tariff, personal_margin, org_access, organisation, road_edge, road_vertex
		 RESTART IDENTITY;
