-- Organisations: Region Örebro county and its 12 municipalities in four
-- county parts.  gen_municipality keeps what later parts need: population
-- (2023, rounded), share aged 65+, the municipal seat (SWEREF99 TM,
-- approximate), its reach (the weight of the seat in the partition of the
-- grid, tuned so that each territory comes out near the municipality's land
-- area) and how the municipality charges for home health care.

CREATE TEMP TABLE gen_municipality (
	code text PRIMARY KEY,
	name text NOT NULL,
	seat text NOT NULL,
	part text NOT NULL,
	population integer NOT NULL,
	share_65plus numeric NOT NULL,
	reach_km2 numeric NOT NULL,
	seat_e double precision NOT NULL,
	seat_n double precision NOT NULL,
	home_health_tariff text NOT NULL,	-- 'month' (flat fee) or 'visit' (per visit, capped)
	hospital text NOT NULL				-- the hospital its residents go to
);
INSERT INTO gen_municipality VALUES
	('1880', 'Örebro',       'Örebro',     'Örebro', 158000, 0.185, 1450, 514000, 6573000, 'visit', 'USO'),
	('1881', 'Kumla',        'Kumla',      'south',   22000, 0.210,  600, 508100, 6556800, 'month', 'USO'),
	('1882', 'Askersund',    'Askersund',  'south',   11400, 0.290,  800, 494400, 6529200, 'month', 'USO'),
	('1883', 'Karlskoga',    'Karlskoga',  'west',    30500, 0.250,  380, 472800, 6578900, 'visit', 'KSK'),
	('1884', 'Nora',         'Nora',       'north',   10600, 0.280,  650, 502200, 6600300, 'month', 'LBG'),
	('1885', 'Lindesberg',   'Lindesberg', 'north',   23500, 0.260, 1250, 512800, 6608600, 'visit', 'LBG'),
	('1864', 'Ljusnarsberg', 'Kopparberg', 'north',    4800, 0.320,  380, 499700, 6639900, 'month', 'LBG'),
	('1862', 'Degerfors',    'Degerfors',  'west',     9600, 0.270,  340, 467500, 6569000, 'month', 'KSK'),
	('1861', 'Hallsberg',    'Hallsberg',  'south',   16000, 0.240,  750, 506300, 6549900, 'visit', 'USO'),
	('1860', 'Laxå',         'Laxå',       'south',    5600, 0.300,  650, 478000, 6540800, 'month', 'KSK'),
	('1863', 'Hällefors',    'Hällefors',  'north',    6900, 0.320,  650, 473100, 6629800, 'month', 'LBG'),
	('1814', 'Lekeberg',     'Fjugesta',   'south',    8300, 0.220,  500, 492500, 6561900, 'visit', 'USO');

INSERT INTO organisation (org_code, name, principal, parent_org, municipality_code, county_part)
VALUES ('R18', 'Region Örebro län', 'region', NULL, NULL, NULL);
INSERT INTO organisation (org_code, name, principal, parent_org, municipality_code, county_part)
SELECT code, name || ' kommun', 'municipality', 'R18', code, part
FROM gen_municipality
ORDER BY code;

-- Tariffs: the region follows the national ceiling until 2024 and decides
-- the 2025 figure itself.  Municipalities charge home health care per visit
-- (200 SEK, 250 from 2025), capped per month (600 SEK, 750 from 2025), or a
-- flat monthly fee (340 SEK, 450 from 2025), as 68_charges.sql charges it;
-- Lekeberg waives it from 85; Kumla also caps home help below the maxtaxa.
INSERT INTO region_tariff (org_code, valid, hcp_ceiling) VALUES
	('R18', daterange('2023-01-01', '2025-01-01'), NULL),
	('R18', daterange('2025-01-01', NULL), 1450);
INSERT INTO municipal_tariff (org_code, valid, category, monthly_cap, monthly_fee, visit_fee, free_from_age)
SELECT code, v.valid, 'home_health',
	   CASE WHEN home_health_tariff = 'visit' THEN v.cap END,
	   CASE WHEN home_health_tariff = 'month' THEN v.monthly_fee END,
	   CASE WHEN home_health_tariff = 'visit' THEN v.visit_fee END,
	   CASE WHEN code = '1814' THEN 85 END
FROM gen_municipality,
	 (VALUES (daterange('2023-01-01', '2025-01-01'), 600, 340, 200),
			 (daterange('2025-01-01', NULL), 750, 450, 250)) AS v(valid, cap, monthly_fee, visit_fee);
INSERT INTO municipal_tariff (org_code, valid, category, monthly_cap) VALUES
	('1881', daterange('2023-01-01', NULL), 'home_help', 1800);
