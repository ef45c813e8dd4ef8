-- Units and their catchments.  Every care form has at least one unit; the
-- names are chosen so that mobilvard.care_form_of(name, unit_level) gives
-- the unit's form where the name says it.  Coverage has deliberate gaps, as
-- in the county report: community care teams only in the west and in Örebro
-- (the west's team only from September 2023), hospital at home only near the
-- university hospital, and no specialised home care in the south.

CREATE TEMP TABLE gen_unit (
	unit_id text PRIMARY KEY,
	org_code text NOT NULL,
	name text NOT NULL,
	unit_level care_level NOT NULL,
	unit_form care_form NOT NULL,
	town text NOT NULL,			-- base: this town's centre ...
	de double precision NOT NULL,	-- ... plus this offset, metres
	dn double precision NOT NULL
);

-- The region's units.
INSERT INTO gen_unit VALUES
	('USO-AVD', 'R18', 'Universitetssjukhuset Örebro, medicinavdelning', 'specialised_inpatient', 'none', 'Örebro', 1200, -600),
	('USO-AKM', 'R18', 'Universitetssjukhuset Örebro, akutmottagning', 'specialised_outpatient', 'none', 'Örebro', 1250, -650),
	('USO-MOT', 'R18', 'Universitetssjukhuset Örebro, medicinmottagning', 'specialised_outpatient', 'none', 'Örebro', 1150, -550),
	('USO-BUM', 'R18', 'Universitetssjukhuset Örebro, barn- och ungdomsmottagning', 'specialised_outpatient', 'none', 'Örebro', 1100, -700),
	('KSK-AVD', 'R18', 'Karlskoga lasarett, vårdavdelning', 'specialised_inpatient', 'none', 'Karlskoga', 600, 900),
	('KSK-AKM', 'R18', 'Karlskoga lasarett, akutmottagning', 'specialised_outpatient', 'none', 'Karlskoga', 650, 850),
	('KSK-MOT', 'R18', 'Karlskoga lasarett, medicinmottagning', 'specialised_outpatient', 'none', 'Karlskoga', 550, 950),
	('LBG-AVD', 'R18', 'Lindesbergs lasarett, vårdavdelning', 'specialised_inpatient', 'none', 'Lindesberg', -400, 300),
	('LBG-AKM', 'R18', 'Lindesbergs lasarett, akutmottagning', 'specialised_outpatient', 'none', 'Lindesberg', -350, 250),
	('LBG-MOT', 'R18', 'Lindesbergs lasarett, medicinmottagning', 'specialised_outpatient', 'none', 'Lindesberg', -450, 350),
	('SH-ORE', 'R18', 'Sjukhus hemma Örebro', 'specialised_inpatient', 'hospital_at_home', 'Örebro', 1200, -500),
	('ASIH-ORE', 'R18', 'ASIH Örebro', 'specialised_inpatient', 'specialised_home_care', 'Örebro', 1300, -500),
	('ASIH-KSK', 'R18', 'ASIH Karlskoga', 'specialised_outpatient', 'specialised_home_care', 'Karlskoga', 600, 1000),
	('LAH-LBG', 'R18', 'Lasarettsansluten hemsjukvård Lindesberg', 'specialised_outpatient', 'specialised_home_care', 'Lindesberg', -400, 400),
	('NST-VAST', 'R18', 'Närsjukvårdsteam Väst', 'specialised_outpatient', 'community_care_team', 'Karlskoga', 700, 900),
	('NVT-ORE', 'R18', 'Nära vårdteam Örebro', 'regional_primary', 'community_care_team', 'Örebro', -800, 1500),
	('BARN-USO', 'R18', 'Barnteam USÖ', 'specialised_outpatient', 'mobile_specialist_team', 'Örebro', 1100, -700),
	('HSV-USO', 'R18', 'Hjärtsviktsteam USÖ', 'specialised_outpatient', 'mobile_specialist_team', 'Örebro', 1150, -550),
	('REHAB-USO', 'R18', 'Rehabteam USÖ', 'specialised_outpatient', 'mobile_specialist_team', 'Örebro', 1000, -600),
	('MAP-ORE', 'R18', 'MAP Örebro', 'specialised_outpatient', 'mobile_psychiatry', 'Örebro', 2500, 800),
	('FACT-KSK', 'R18', 'FACT Karlskoga', 'specialised_outpatient', 'mobile_psychiatry', 'Karlskoga', -500, 300),
	('AMB-R18', 'R18', 'Ambulanssjukvården Region Örebro län', 'specialised_outpatient', 'other_mobile', 'Örebro', 1300, -700),
	('BED-ORE', 'R18', 'Bedömningsbil Örebro', 'regional_primary', 'other_mobile', 'Örebro', 1300, -700),
	('RTG-MOB', 'R18', 'Mobil röntgen Region Örebro län', 'specialised_outpatient', 'other_mobile', 'Örebro', 1200, -650),
	('DIGI-R18', 'R18', 'Digital vårdcentral Region Örebro län', 'regional_primary', 'none', 'Örebro', 0, 0);

-- Primary-care centres (vårdcentraler) and their home health teams: four in
-- Örebro, one in every other municipal seat.
CREATE TEMP TABLE gen_vc (
	vc text PRIMARY KEY,
	tag text NOT NULL UNIQUE,		-- for unit ids: VC-<tag>, HSJ-<tag>
	code text NOT NULL,
	town text NOT NULL,
	de double precision NOT NULL,
	dn double precision NOT NULL,
	quadrant integer				-- Örebro: the quarter of the municipality it serves
);									-- (1 north-west, 2 north-east, 3 south-east, 4 south-west)
INSERT INTO gen_vc VALUES
	('Haga', 'HAGA', '1880', 'Örebro', -1500, 1800, 1),
	('Varberga', 'VARBERGA', '1880', 'Örebro', 2600, 300, 2),
	('Brickebacken', 'BRICKEBACKEN', '1880', 'Örebro', 800, -2700, 3),
	('Tybble', 'TYBBLE', '1880', 'Örebro', -2400, -600, 4);
INSERT INTO gen_vc
SELECT seat, upper(translate(seat, 'åäöÅÄÖ', 'aaoAAO')), code, seat, 300, -200, NULL
FROM gen_municipality WHERE code <> '1880';
INSERT INTO gen_unit
SELECT 'VC-' || tag, 'R18', vc || ' vårdcentral', 'regional_primary', 'none', town, de, dn
FROM gen_vc;
INSERT INTO gen_unit
SELECT 'HSJ-' || tag, 'R18', 'Hemsjukvård ' || vc || ' vårdcentral', 'regional_primary',
	   'mobile_primary_care', town, de, dn
FROM gen_vc;

-- The municipalities' own teams: home health care everywhere, discharge
-- (hemgång) teams in the four largest, a rehabilitation and a dementia team.
INSERT INTO gen_unit
SELECT code || '-HSJ', code, 'Hemsjukvård ' || name || ' kommun', 'municipal_primary',
	   'municipal_health_team', seat, -300, 400
FROM gen_municipality;
INSERT INTO gen_unit
SELECT code || '-HGT', code, 'Hemgångsteam ' || name || ' kommun', 'municipal_primary',
	   'municipal_health_team', seat, -250, 450
FROM gen_municipality
WHERE code IN ('1880', '1883', '1885', '1881');
INSERT INTO gen_unit VALUES
	('1880-REH', '1880', 'Rehabteam Örebro kommun', 'municipal_primary', 'municipal_health_team', 'Örebro', -350, 350),
	('1883-DEM', '1883', 'Demensteam Karlskoga kommun', 'municipal_primary', 'municipal_health_team', 'Karlskoga', -200, 500);

INSERT INTO unit (unit_id, org_code, name, unit_level, unit_form, base)
SELECT u.unit_id, u.org_code, u.name, u.unit_level, u.unit_form,
	   ST_SetSRID(ST_MakePoint(t.e + u.de, t.n + u.dn), 3006)
FROM gen_unit u JOIN gen_town t ON t.name = u.town
ORDER BY u.unit_id;

-- Catchments.  A catchment is a set of municipalities, optionally cut to a
-- radius around the base or (Örebro's centres) to a quarter around the town
-- centre, valid over a date range.
CREATE TEMP TABLE gen_catchment (
	unit_id text NOT NULL,
	codes text[] NOT NULL,
	radius_m double precision,
	valid daterange NOT NULL
);
INSERT INTO gen_catchment VALUES
	('SH-ORE', '{1880}', 20000, daterange('2023-01-01', NULL)),
	-- nominally Örebro and its neighbours; in practice only Örebro is reached
	('ASIH-ORE', '{1880,1881,1814}', NULL, daterange('2023-01-01', NULL)),
	('ASIH-KSK', '{1883,1862}', NULL, daterange('2023-01-01', NULL)),
	('LAH-LBG', '{1885,1884,1864,1863}', NULL, daterange('2023-01-01', NULL)),
	('NST-VAST', '{1883,1862}', NULL, daterange('2023-09-01', NULL)),
	-- the Örebro team grew from the town to the whole municipality
	('NVT-ORE', '{1880}', 10000, daterange('2023-01-01', '2024-07-01')),
	('NVT-ORE', '{1880}', NULL, daterange('2024-07-01', NULL)),
	('BARN-USO', '{1880,1881,1882,1883,1884,1885,1864,1862,1861,1860,1863,1814}', NULL, daterange('2023-01-01', NULL)),
	('HSV-USO', '{1880,1881,1882,1861,1814}', NULL, daterange('2023-01-01', NULL)),
	('REHAB-USO', '{1880}', NULL, daterange('2023-01-01', NULL)),
	('MAP-ORE', '{1880,1881,1861,1814}', NULL, daterange('2023-01-01', NULL)),
	('FACT-KSK', '{1883,1862,1860}', NULL, daterange('2023-01-01', NULL)),
	('AMB-R18', '{1880,1881,1882,1883,1884,1885,1864,1862,1861,1860,1863,1814}', NULL, daterange('2023-01-01', NULL)),
	('BED-ORE', '{1880}', 25000, daterange('2023-01-01', NULL)),
	('RTG-MOB', '{1880,1881,1882,1883,1884,1885,1864,1862,1861,1860,1863,1814}', NULL, daterange('2024-01-01', NULL));
INSERT INTO gen_catchment
SELECT 'HSJ-' || tag, ARRAY[code], NULL, daterange('2023-01-01', NULL)
FROM gen_vc;
INSERT INTO gen_catchment
SELECT unit_id, ARRAY[org_code], NULL, daterange('2023-01-01', NULL)
FROM gen_unit
WHERE unit_level = 'municipal_primary';

INSERT INTO catchment (unit_id, valid, area)
SELECT c.unit_id, c.valid,
	   ST_Multi(ST_CollectionExtract(ST_MakeValid(
		   CASE WHEN q.quadrant IS NOT NULL
				THEN ST_Intersection(a.geom, ST_MakeEnvelope(
						CASE WHEN q.quadrant IN (1, 4) THEN 400000 ELSE t.e END,
						CASE WHEN q.quadrant IN (3, 4) THEN 6400000 ELSE t.n END,
						CASE WHEN q.quadrant IN (1, 4) THEN t.e ELSE 700000 END,
						CASE WHEN q.quadrant IN (3, 4) THEN t.n ELSE 6800000 END, 3006))
				WHEN c.radius_m IS NOT NULL
				THEN ST_Intersection(a.geom, ST_Buffer(u.base, c.radius_m, 32))
				ELSE a.geom END), 3))::geometry(MultiPolygon, 3006)
FROM gen_catchment c
JOIN unit u USING (unit_id)
CROSS JOIN LATERAL (SELECT ST_Union(geom) AS geom FROM gen_municipality_area WHERE code = ANY (c.codes)) a
LEFT JOIN gen_vc q ON c.unit_id = 'HSJ-' || q.tag AND q.quadrant IS NOT NULL
LEFT JOIN gen_town t ON t.name = 'Örebro'
ORDER BY c.unit_id, c.valid;
