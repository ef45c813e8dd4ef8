-- Finish: statistics for the planner and a short summary.

ANALYZE organisation, unit, catchment, patient, episode, contact, charge, region_tariff,
		municipal_tariff, population_cell, urban_area;

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
