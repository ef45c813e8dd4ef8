-- The report's period, in whole months: from the first day of the month of
-- "from" to the last day of the month of "to" (psql variables, '' when not
-- given). Without "to", the month of the registry's latest episode start;
-- without "from", the 12 months that end with "to". Prints one line: the
-- PostGIS schema, the first and the last day; or "error: ..." when the
-- registry cannot be reported on.
SELECT to_regclass(format('%I.episode_classified', :'registry')) IS NOT NULL
	   AND EXISTS (SELECT FROM mobilvard.registries WHERE name = :'registry') AS is_registry,
	   (SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
		WHERE e.extname = 'postgis') AS postgis_schema
\gset
\if :is_registry
\else
\echo error: no registry :"registry" in database :"DBNAME" (mobilvard.registries lists the registries)
\quit
\endif
\ir setup.sql
WITH given AS (
	SELECT date_trunc('month', coalesce(nullif(:'to', '')::date,
										(SELECT max(start_date) FROM episode_classified))) AS to_month,
		   date_trunc('month', nullif(:'from', '')::date) AS from_month
)
SELECT CASE WHEN to_month IS NULL THEN 'error: no episodes in registry ' || :'registry' || ' to take the period from: give --from and --to'
			WHEN coalesce(from_month, to_month) > to_month THEN format('error: --from %s is after --to %s', :'from', :'to')
			ELSE format('%s %s %s', coalesce(from_month, to_month - interval '11 months')::date,
						(to_month + interval '1 month - 1 day')::date, :'postgis_schema') END
FROM given;
