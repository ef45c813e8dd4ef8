-- A small random registry for checking charge_split against the reference
-- (test/t/040_fees_county.pl) when no synthetic county is at hand, and as a
-- second, harder case when it is: families, tariffs of every shape, personal
-- margins, charges of every kind bunched so that every protection is
-- reached.  Seeded, so reproducible.  Needs an empty registry.
SELECT setseed(0.2024);

INSERT INTO registry.organisation VALUES
	('R1', 'Region One', 'region', NULL, NULL, NULL),
	('R2', 'Region Two', 'region', NULL, NULL, NULL),
	('K1', 'Municipality One', 'municipality', 'R1', '0001', NULL),
	('K2', 'Municipality Two', 'municipality', 'R1', '0002', NULL),
	('K3', 'Municipality Three', 'municipality', 'R2', '0003', NULL);

-- Region Two lowers its ceiling in 2025 and makes counted fees free under 20
-- in 2026; municipality Two waives home health
-- from 85 and caps home rehabilitation; Three charges a flat home-health fee
-- and caps home help from mid-2024.
INSERT INTO registry.region_tariff VALUES
	('R2', '[2025-01-01,2026-01-01)', 1000, NULL, 150, NULL),
	('R2', '[2026-01-01,)', NULL, NULL, NULL, '{[0,20)}');
INSERT INTO registry.municipal_tariff VALUES
	('K2', '[2023-01-01,)', 'home_health', 600, NULL, 200, 85),
	('K2', '[2023-01-01,)', 'home_rehabilitation', 400, NULL, 150, NULL),
	('K3', '[2024-01-01,)', 'home_health', NULL, 340, NULL, NULL),
	('K3', '[2024-07-01,)', 'home_help', 1500, NULL, NULL, NULL);

-- 3000 patients; about a third of the younger ones in families of two to
-- four; most with a birth date, some with only the year, a few with
-- neither.
INSERT INTO registry.patient (patient_id, birth_year, sex, municipality_code, family_id, birth_date)
SELECT g, CASE WHEN b.pick < 0.2 THEN b.year END,
	   (ARRAY['F', 'M'])[1 + floor(random() * 2)::integer],
	   (ARRAY['0001', '0002', '0003'])[1 + floor(random() * 3)::integer],
	   CASE WHEN random() < 0.3 THEN 1 + g / 3 END,
	   CASE WHEN b.pick >= 0.2 THEN make_date(b.year, 1, 1) + floor(random() * 365)::integer END
FROM generate_series(1, 3000) g
CROSS JOIN LATERAL (SELECT CASE WHEN random() < 0.02 THEN NULL ELSE 1925 + (random() * 97)::integer END AS year,
						   random() AS pick
					WHERE g > 0) b;

-- Charges: each patient has a few busy stretches of care.
INSERT INTO registry.charge (charge_id, patient_id, org_code, charge_date, kind, list_fee)
SELECT row_number() OVER (), c.patient_id,
	   CASE WHEN k.principal = 'region' THEN (ARRAY['R1', 'R2'])[1 + floor(random() * 2)::integer]
			ELSE o.org_code END,
	   c.charge_date, k.kind,
	   CASE k.kind
		   WHEN 'home_health_visit' THEN 200
		   WHEN 'home_health_month' THEN 340
		   WHEN 'inpatient_day' THEN 100
		   WHEN 'safety_alarm' THEN 250
		   ELSE (ARRAY[0, 50, 100, 150, 200, 250, 300, 400, 800, 1200])[1 + floor(random() * 10)::integer]
	   END
FROM (SELECT p.patient_id, p.municipality_code,
			 s.start + (random() * s.days)::integer AS charge_date, random() AS pick
	  FROM registry.patient p
	  CROSS JOIN LATERAL (SELECT date '2023-01-01' + (random() * 1300)::integer AS start,
								 10 + (random() * 200)::integer AS days,
								 (random() * 25)::integer AS n
						  FROM generate_series(1, 1 + (random() * 3)::integer)) s
	  CROSS JOIN LATERAL generate_series(1, s.n)) c
JOIN registry.organisation o ON o.municipality_code = c.municipality_code
JOIN LATERAL (SELECT kind, principal FROM registry.charge_kind
			  ORDER BY kind OFFSET floor(c.pick * 12)::integer LIMIT 1) k ON true;

-- Personal margins for some patient-months with municipal fees.
INSERT INTO registry.personal_margin
SELECT DISTINCT ON (patient_id, month) patient_id, month, (random() * 3000)::integer
FROM (SELECT patient_id, date_trunc('month', charge_date)::date AS month
	  FROM registry.charge WHERE org_code LIKE 'K%') m
WHERE random() < 0.1;
