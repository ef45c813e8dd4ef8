-- What the synthetic county promises, as one row per check: name | passed.
-- Run against a database loaded by generate.sql (any scale and seed):
--   psql -X -At -F '|' -v registry=<name> -v scale=<the scale it was loaded at> -f test/county/check.sql
-- test/t/002_county.pl turns every row into a TAP assertion.

\set QUIET 1
\if :{?registry}
\else
\set registry registry
\endif
SET search_path = :"registry", mobilvard, public;
\if :{?scale}
\else
\set scale 1
\endif
-- The hospital-at-home programme's shares are checked from scale 0.5 up:
-- below it the programme has too few episodes for them.
SELECT :scale >= 0.5 AS programme_sized \gset

WITH cp AS (SELECT p.*, o.county_part FROM patient p JOIN organisation o ON o.org_code = p.municipality_code),
ec AS (SELECT e.*, u.unit_form, u.unit_level, u.org_code FROM episode e JOIN unit u USING (unit_id)),
hah AS (SELECT e.*, CASE WHEN e.preceding_discharge IS NOT NULL AND e.start_date - e.preceding_discharge <= 1
						 THEN 'esd' ELSE 'aa' END AS pathway
		FROM ec e WHERE e.unit_form = 'hospital_at_home'),
people AS (SELECT sum(population) AS pop, sum(population_65plus) AS old FROM population_cell),
-- hospital use per 1,000 inhabitants and year, over the three years
use AS (SELECT 1000.0 / 3 / pop * (SELECT count(*) FROM episode WHERE setting = 'hospital_ward') AS stays,
			   1000.0 / 3 / pop * (SELECT sum(n) FROM (SELECT count(DISTINCT patient_id) AS n FROM episode
													  WHERE setting = 'hospital_ward'
													  GROUP BY extract(year FROM start_date)) y) AS stay_patients,
			   1000.0 / 3 / pop * (SELECT sum(coalesce(end_date, '2025-12-31') - start_date) FROM episode
								   WHERE setting = 'hospital_ward') AS bed_days,
			   1000.0 / 3 / pop * (SELECT count(*) FROM episode WHERE setting = 'emergency_department') AS emergency
		FROM people),
death AS (SELECT 1000.0 / 3 * count(*) FILTER (WHERE 2025 - p.birth_year >= 65) / max(old) AS per_1000_old,
				 1000.0 / 3 * count(*) FILTER (WHERE 2025 - p.birth_year < 65) / max(pop - old) AS per_1000_young,
				 count(*) FILTER (WHERE extract(year FROM p.death_date) - p.birth_year >= 80)::numeric
					 / count(*) AS share_80
		  FROM patient p, people WHERE p.death_date IS NOT NULL),
readmitted AS (SELECT avg(r.readmitted::integer) AS share
			   FROM readmission r JOIN patient p USING (patient_id)
			   WHERE r.followed_30_days AND 2025 - p.birth_year >= 65),
home_care AS (SELECT count(DISTINCT patient_id) AS n FROM ec
			  WHERE unit_form IN ('municipal_health_team', 'mobile_primary_care', 'community_care_team',
								  'specialised_home_care') AND setting IN ('ordinary_home', 'special_housing')),
enrolled AS (SELECT e.patient_id, e.start_date AS enrolled FROM ec e
			 WHERE e.episode_id % 1000 = 0 AND e.org_code = 'R18'
			   AND e.start_date BETWEEN '2024-01-01' AND '2024-12-31'),
follow_up AS (SELECT count(*) FILTER (WHERE w.start_date < n.enrolled) AS before,
					 count(*) FILTER (WHERE w.start_date > n.enrolled) AS after
			  FROM enrolled n JOIN episode w ON w.patient_id = n.patient_id AND w.setting = 'hospital_ward'
			   AND w.start_date BETWEEN n.enrolled - 365 AND n.enrolled + 365),
team_cover AS (SELECT o.county_part, count(*) AS cells
			   FROM catchment k
			   JOIN unit u ON u.unit_id = k.unit_id AND u.unit_form = 'community_care_team'
			   JOIN population_cell c ON c.geom && k.area AND ST_Within(ST_Centroid(c.geom), k.area)
			   JOIN organisation o ON o.municipality_code = c.municipality_code
			   GROUP BY o.county_part)
SELECT name, coalesce(passed, false) AS passed FROM (VALUES
	('population about 307,000 x scale',
	 (SELECT abs(pop - 307200 * :scale) <= 0.01 * 307200 * :scale + 50 FROM people)),
	('about 22% are 65+',
	 (SELECT old::numeric / pop BETWEEN 0.20 AND 0.24 FROM people)),
	('12 municipalities in four county parts, one region',
	 (SELECT count(*) FILTER (WHERE principal = 'municipality') = 12
			 AND count(DISTINCT county_part) = 4 AND count(*) FILTER (WHERE principal = 'region') = 1
	  FROM organisation)),
	('every municipality has people',
	 (SELECT count(DISTINCT municipality_code) = 12 FROM population_cell WHERE population > 0)),
	('cells lie in the county extent',
	 (SELECT bool_and(ST_XMin(geom) >= 430000 AND ST_XMax(geom) <= 560000
					  AND ST_YMin(geom) >= 6490000 AND ST_YMax(geom) <= 6680000) FROM population_cell)),
	('towns are denser than the countryside',
	 (SELECT avg(population) FILTER (WHERE EXISTS (SELECT FROM urban_area a WHERE ST_Within(ST_Centroid(c.geom), a.geom)))
			 > 20 * avg(population) FILTER (WHERE NOT EXISTS (SELECT FROM urban_area a WHERE ST_Intersects(c.geom, a.geom)))
	  FROM population_cell c)),
	('every home lies in a populated cell of its municipality',
	 (SELECT count(*) = 0 FROM patient p
	  WHERE NOT EXISTS (SELECT FROM population_cell c
						WHERE c.municipality_code = p.municipality_code AND c.population > 0
						  AND ST_Intersects(c.geom, p.home)))),
	('every care form has a unit with a base',
	 (SELECT count(DISTINCT unit_form) = 9 AND bool_and(base IS NOT NULL) FROM unit)),
	('every care form has episodes',
	 (SELECT count(DISTINCT unit_form) = 9 FROM ec)),
	('every care setting has episodes',
	 (SELECT count(DISTINCT setting) = 8 FROM episode)),
	('every charge kind is charged',
	 (SELECT count(DISTINCT kind) = (SELECT count(*) FROM charge_kind) FROM charge)),
	('unit names agree with care_form_of where it knows them',
	 (SELECT count(*) = 0 FROM unit
	  WHERE to_regproc('mobilvard.care_form_of') IS NOT NULL
		AND care_form_of(name, unit_level) IS DISTINCT FROM nullif(unit_form, 'none')
		AND NOT (unit_form = 'none' AND care_form_of(name, unit_level) IS NULL))),
	('hospital at home with early supported discharge',
	 (SELECT count(*) > 0 FROM hah WHERE pathway = 'esd')),
	('hospital at home as admission avoidance',
	 (SELECT count(*) > 0 FROM hah WHERE pathway = 'aa')),
	('early discharge has its ward stay',
	 (SELECT bool_and(EXISTS (SELECT FROM episode w WHERE w.patient_id = h.patient_id
							  AND w.setting = 'hospital_ward' AND w.end_date = h.preceding_discharge))
	  FROM hah h WHERE pathway = 'esd')),
	('hospital at home of two days or more',
	 (SELECT count(*) > 0 FROM hah WHERE end_date - start_date >= 2)),
	('ASIH reported inpatient in Örebro, outpatient in the west',
	 (SELECT coalesce(bool_and(reported_inpatient) FILTER (WHERE county_part = 'Örebro'), true)
			 AND NOT coalesce(bool_or(reported_inpatient) FILTER (WHERE county_part = 'west'), false)
			 AND count(*) > 0
	  FROM ec e JOIN cp USING (patient_id) WHERE e.unit_form = 'specialised_home_care')),
	('some reported_inpatient unknown, some episodes ongoing',
	 (SELECT count(*) FILTER (WHERE reported_inpatient IS NULL) > 0 AND count(*) FILTER (WHERE end_date IS NULL) > 0
	  FROM episode)),
	('dates within 2023-2025',
	 (SELECT min(start_date) >= '2023-01-01' AND max(start_date) <= '2025-12-31'
			 AND max(end_date) <= '2025-12-31' FROM episode)),
	('contacts fall inside their episodes',
	 (SELECT count(*) = 0 FROM contact c JOIN episode e ON e.episode_id = c.contact_id / 1000
	  WHERE c.contact_date NOT BETWEEN e.start_date AND coalesce(e.end_date, '2025-12-31'))),
	('mobile teams care for patients inside their catchment',
	 (SELECT count(*) = 0 FROM episode e JOIN patient p USING (patient_id)
	  WHERE EXISTS (SELECT FROM catchment k WHERE k.unit_id = e.unit_id)
		AND NOT EXISTS (SELECT FROM catchment k WHERE k.unit_id = e.unit_id AND k.valid @> e.start_date
						AND ST_Intersects(k.area, p.home)))),
	('community care teams only in the west and in Örebro',
	 (SELECT count(*) FILTER (WHERE county_part IN ('north', 'south')) = 0
			 AND count(*) FILTER (WHERE county_part IN ('west', 'Örebro')) = 2 FROM team_cover)),
	('severely ill about 0.2% of the population',
	 (SELECT count(DISTINCT e.patient_id) BETWEEN 0.0015 * pop AND 0.0025 * pop
	  FROM ec e, people WHERE e.episode_id % 1000 = 0 AND e.org_code = 'R18'
	  GROUP BY pop)),
	('home care patients 3-5% of those 65+',
	 (SELECT n BETWEEN 0.03 * old AND 0.05 * old FROM home_care, people)),
	('admissions fall by about 60% after enrolment',
	 (SELECT after BETWEEN 0.2 * before AND 0.6 * before FROM follow_up)),
	('children share a family',
	 (SELECT count(*) > 0 FROM (SELECT family_id FROM patient WHERE family_id IS NOT NULL
								GROUP BY family_id HAVING count(*) > 1) f)),
	('some patients reach the high-cost ceiling in a year',
	 (SELECT count(*) > 0 FROM (SELECT patient_id FROM charge JOIN charge_kind USING (kind)
								WHERE counts_towards = 'hcp'
								GROUP BY patient_id, extract(year FROM charge_date)
								HAVING sum(list_fee) >= 1450) f)),
	('some patients exceed the maxtaxa in a month',
	 (SELECT count(*) > 0 FROM (SELECT patient_id FROM charge JOIN charge_kind USING (kind)
								WHERE counts_towards = 'maxtaxa'
								GROUP BY patient_id, date_trunc('month', charge_date)
								HAVING sum(list_fee) > 2575) f)),
	('tariffs filled', (SELECT count(*) > 0 FROM region_tariff) AND (SELECT count(*) > 0 FROM municipal_tariff)),
	('ward stays about 131 per 1,000 inhabitants a year', (SELECT stays BETWEEN 115 AND 150 FROM use)),
	('patients with a stay about 79 per 1,000 a year', (SELECT stay_patients BETWEEN 65 AND 100 FROM use)),
	('ward bed days about 650 per 1,000 a year', (SELECT bed_days BETWEEN 550 AND 750 FROM use)),
	('emergency visits about 173 per 1,000 a year', (SELECT emergency BETWEEN 150 AND 200 FROM use)),
	('deaths at the age bands'' rates: about 40 per 1,000 aged 65+, 1.2 younger, most 80+',
	 (SELECT per_1000_old BETWEEN 33 AND 50 AND per_1000_young BETWEEN 0.6 AND 2.0 AND share_80 BETWEEN 0.5 AND 0.7
	  FROM death)),
	('no episode after its patient''s death',
	 (SELECT count(*) = 0 FROM episode e JOIN patient p USING (patient_id)
	  WHERE e.start_date > p.death_date OR coalesce(e.end_date, '2025-12-31') > p.death_date)),
	('about one in ten aged 65+ readmitted within 30 days', (SELECT share BETWEEN 0.07 AND 0.13 FROM readmitted))
) AS checks(name, passed);

\if :programme_sized
-- The DPIPC's programme (test/county/README.md, "Hospital use and deaths"):
-- median 3 days at home after 2 on the ward, 5.5% transferred back, 36.4%
-- of those by ambulance, no deaths; about 200 patients in 9 months.  The
-- transfers are drawn exactly, but another stay that happens to begin on a
-- last day counts too, and at scale 0.5 one transfer is 4.5% of them.
SELECT name, coalesce(passed, false) AS passed FROM (VALUES
	('hospital at home: median 3 days at home after 2 on the ward',
	 (SELECT median_days_at_home = 3 AND median_ward_days_before = 2 FROM hah_programme)),
	('hospital at home: 5.5% transferred back, 36.4% of those by ambulance',
	 (SELECT abs(transfer_share - 0.055) <= 0.01 AND abs(transfer_by_ambulance_share - 0.364) <= 0.06
	  FROM hah_programme)),
	('hospital at home: nobody dies in it', (SELECT deaths_during = 0 FROM hah_programme)),
	('hospital at home: about 200 patients in 9 months x scale',
	 (SELECT patients * 9 / 35.0 BETWEEN 160 * :scale AND 240 * :scale FROM hah_programme))
) AS checks(name, passed);
\endif
