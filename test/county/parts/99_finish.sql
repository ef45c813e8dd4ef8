-- Finish: statistics for the planner, a check of every foreign key (not
-- checked row by row while loading) and a short summary.

RESET session_replication_role;
ANALYZE organisation, unit, catchment, patient, episode, contact, charge, region_tariff,
		municipal_tariff, population_cell, urban_area;

SELECT set_config('gen.registry', :'registry', false) AS gen_registry \gset
DO $check$
DECLARE
	fk record;
	broken bigint;
BEGIN
	FOR fk IN
		SELECT c.conname, c.conrelid::regclass AS tab, c.confrelid::regclass AS ref,
			   string_agg(format('t.%I IS NOT NULL', a.attname), ' AND ') AS present,
			   string_agg(format('r.%I = t.%I', ra.attname, a.attname), ' AND ') AS matches
		FROM pg_constraint c
		CROSS JOIN LATERAL unnest(c.conkey, c.confkey) AS k(col, refcol)
		JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.col
		JOIN pg_attribute ra ON ra.attrelid = c.confrelid AND ra.attnum = k.refcol
		WHERE c.contype = 'f' AND c.connamespace = current_setting('gen.registry')::regnamespace
		GROUP BY c.oid, c.conname, c.conrelid, c.confrelid
		ORDER BY c.conname
	LOOP
		EXECUTE format('SELECT count(*) FROM %s t WHERE %s AND NOT EXISTS (SELECT FROM %s r WHERE %s)',
					   fk.tab, fk.present, fk.ref, fk.matches)
			INTO broken;
		IF broken > 0 THEN
			RAISE EXCEPTION 'synthetic county: % rows of % break %', broken, fk.tab, fk.conname;
		END IF;
	END LOOP;
END
$check$;

\echo 'synthetic county: scale' :scale 'seed' :seed 'cell' :cell_m 'm'
SELECT t.name AS "table", t.n AS "rows"
FROM (VALUES
	(1, 'organisation', (SELECT count(*) FROM organisation)),
	(2, 'population_cell', (SELECT count(*) FROM population_cell)),
	(3, 'urban_area', (SELECT count(*) FROM urban_area)),
	(4, 'unit', (SELECT count(*) FROM unit)),
	(5, 'catchment', (SELECT count(*) FROM catchment)),
	(6, 'patient', (SELECT count(*) FROM patient)),
	(7, 'episode', (SELECT count(*) FROM episode)),
	(8, 'contact', (SELECT count(*) FROM contact)),
	(9, 'charge', (SELECT count(*) FROM charge)),
	(10, 'region_tariff', (SELECT count(*) FROM region_tariff)),
	(11, 'municipal_tariff', (SELECT count(*) FROM municipal_tariff))) AS t(o, name, n)
ORDER BY t.o;
SELECT sum(population) AS inhabitants, sum(population_65plus) AS aged_65_plus FROM population_cell;
