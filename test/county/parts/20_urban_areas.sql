-- Urban areas: the 12 municipal seats and a few larger villages, as
-- ellipses around the town centre (SWEREF99 TM, approximate positions) whose
-- area follows the town's population at about 1,800 inhabitants per km2.

CREATE TEMP TABLE gen_town (
	name text PRIMARY KEY,
	code text NOT NULL REFERENCES gen_municipality,
	e double precision NOT NULL,
	n double precision NOT NULL,
	population integer NOT NULL,
	geom geometry(MultiPolygon, 3006)
);
INSERT INTO gen_town (name, code, e, n, population) VALUES
	('Örebro',      '1880', 514000, 6573000, 126000),
	('Kumla',       '1881', 508100, 6556800,  14600),
	('Askersund',   '1882', 494400, 6529200,   4000),
	('Karlskoga',   '1883', 472800, 6578900,  28000),
	('Nora',        '1884', 502200, 6600300,   6700),
	('Lindesberg',  '1885', 512800, 6608600,   9500),
	('Kopparberg',  '1864', 499700, 6639900,   3000),
	('Degerfors',   '1862', 467500, 6569000,   6600),
	('Hallsberg',   '1861', 506300, 6549900,   7800),
	('Laxå',        '1860', 478000, 6540800,   3300),
	('Hällefors',   '1863', 473100, 6629800,   4500),
	('Fjugesta',    '1814', 492500, 6561900,   2300),
	('Hovsta',      '1880', 512600, 6582500,   3300),
	('Odensbacken', '1880', 529700, 6561800,   1800),
	('Frövi',       '1885', 521000, 6594500,   2400),
	('Fellingsbro', '1885', 533600, 6590000,   1900),
	('Storå',       '1885', 507500, 6622800,   1800),
	('Pålsboda',    '1861', 519500, 6549300,   1900),
	('Åsbro',       '1882', 503900, 6540300,   1100),
	('Grythyttan',  '1863', 473600, 6620500,   1100);

-- An ellipse (axes 1.3 : 1/1.3) of area population / 1800 km2 (at least
-- 1 km2), turned by a fixed angle per town.
UPDATE gen_town t
SET geom = ST_Multi(ST_Translate(
		ST_Rotate(ST_Scale(ST_Buffer(ST_MakePoint(0, 0), 1000 * sqrt(greatest(t.population / 1800.0, 1) / pi()), 16),
						   1.3, 1 / 1.3),
				  pi() * (abs(hashtext(t.name)) % 180) / 180.0),
		t.e, t.n))::geometry(MultiPolygon);
UPDATE gen_town SET geom = ST_SetSRID(geom, 3006);

INSERT INTO urban_area (name, geom)
SELECT name, geom FROM gen_town ORDER BY name;
