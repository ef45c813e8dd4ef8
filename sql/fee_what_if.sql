-- home_health_what_if: a patient's home health care priced as if the region
-- delivered it and as if the municipality did.
SET search_path = registry, mobilvard, public;
SET datestyle = ISO;

INSERT INTO organisation VALUES
	('R18', 'Region Örebro län', 'region', NULL, NULL, NULL),
	('K1880', 'Örebro kommun', 'municipality', 'R18', '1880', 'Örebro'),
	('K1881', 'Kumla kommun', 'municipality', 'R18', '1881', 'south'),
	('K9999', 'A municipality without its region', 'municipality', NULL, '9999', NULL);
INSERT INTO unit VALUES
	('VC', 'R18', 'Hemsjukvård Vårdcentralen', 'regional_primary', 'mobile_primary_care', NULL),
	('KH', 'K1880', 'Kommunal hemsjukvård', 'municipal_primary', 'municipal_health_team', NULL),
	('ASIH', 'R18', 'ASIH Örebro', 'specialised_inpatient', 'specialised_home_care', NULL);
-- Kumla: a flat 340 SEK a month for home health from July 2024, free from 85.
INSERT INTO municipal_tariff VALUES ('K1881', '[2024-07-01,)', 'home_health', NULL, 340, NULL, 85);
INSERT INTO patient VALUES
	(1, 1950, 'F', '1880', NULL, NULL),
	(2, 1938, 'M', '1881', NULL, NULL),
	(3, 1960, 'F', '1881', NULL, NULL),
	(4, 1945, 'M', '1880', NULL, NULL),
	(5, 1955, 'F', '1880', NULL, NULL),
	(6, 1950, 'M', '9999', NULL, NULL);
INSERT INTO personal_margin VALUES (4, '2024-03-01', 100);

-- Patient 1: a nurse visit every week of 2024 by either principal's team,
-- and contacts that are not home health care: video, special housing,
-- the specialised ASIH team, and a visit in 2025.
INSERT INTO contact
SELECT 1000 + w, 1, CASE WHEN w % 2 = 0 THEN 'VC' ELSE 'KH' END, date '2024-01-01' + 7 * w,
	   'ordinary_home', 'physical', 'nurse'
FROM generate_series(0, 51) w;
INSERT INTO contact VALUES
	(1100, 1, 'VC', '2024-02-02', 'remote', 'video', 'doctor'),
	(1101, 1, 'KH', '2024-02-03', 'special_housing', 'physical', 'nurse'),
	(1102, 1, 'ASIH', '2024-02-04', 'ordinary_home', 'physical', 'doctor'),
	(1103, 1, 'KH', '2025-01-02', 'ordinary_home', 'physical', 'nurse');
-- The region: 52 visits at 200 SEK, the ceiling of 1400 from the first
-- visit.  The municipality: at most 600 SEK in each of the 12 months (four
-- or five visits of 200).
SELECT * FROM home_health_what_if(1, '[2024-01-01,2025-01-01)');
-- January alone: five visits stay under the region's ceiling (1000) but
-- pass the municipality's monthly cap (600).
SELECT * FROM home_health_what_if(1, '[2024-01-01,2024-02-01)');

-- Patient 2, aged 86 in Kumla: June under the default tariff (four visits,
-- capped at 600), then the flat fee, waived, from July.
INSERT INTO contact VALUES
	(2001, 2, 'KH', '2024-06-10', 'ordinary_home', 'physical', 'nurse'),
	(2002, 2, 'KH', '2024-06-11', 'ordinary_home', 'physical', 'nurse'),
	(2003, 2, 'KH', '2024-06-12', 'ordinary_home', 'physical', 'nurse'),
	(2004, 2, 'KH', '2024-06-13', 'ordinary_home', 'physical', 'nurse'),
	(2005, 2, 'KH', '2024-07-01', 'ordinary_home', 'physical', 'nurse'),
	(2006, 2, 'KH', '2024-08-01', 'ordinary_home', 'physical', 'nurse');
SELECT * FROM home_health_what_if(2, '[2024-01-01,2025-01-01)');

-- Patient 3 in Kumla, aged 64: the flat fee in each month with a visit
-- (July and September, not August), however many visits.
INSERT INTO contact VALUES
	(3001, 3, 'VC', '2024-07-03', 'ordinary_home', 'physical', 'nurse'),
	(3002, 3, 'VC', '2024-07-10', 'ordinary_home', 'physical', 'nurse'),
	(3003, 3, 'VC', '2024-07-17', 'ordinary_home', 'physical', 'nurse'),
	(3004, 3, 'VC', '2024-09-01', 'ordinary_home', 'physical', 'nurse');
SELECT * FROM home_health_what_if(3, '[2024-01-01,2025-01-01)');

-- Patient 4: a personal margin of 100 SEK in March caps the municipality's
-- fees below the category cap; April has none.
INSERT INTO contact VALUES
	(4001, 4, 'KH', '2024-03-04', 'ordinary_home', 'physical', 'nurse'),
	(4002, 4, 'KH', '2024-03-05', 'ordinary_home', 'physical', 'nurse'),
	(4003, 4, 'KH', '2024-04-04', 'ordinary_home', 'physical', 'nurse');
SELECT * FROM home_health_what_if(4, '[2024-01-01,2025-01-01)');

-- Patient 5 had no home health care: nothing to pay either way.  Patient 6's
-- municipality has no region: the region's figures are unknown (NULL), not 0.
INSERT INTO contact VALUES (6001, 6, 'KH', '2024-03-04', 'ordinary_home', 'physical', 'nurse');
SELECT * FROM home_health_what_if(5, '[2024-01-01,2025-01-01)');
SELECT * FROM home_health_what_if(6, '[2024-01-01,2025-01-01)');

-- Patient 7, 85 on 20 May 2024: the region's home visits are free from the
-- birthday (the municipality's are not: its tariff has no free age).  A
-- municipality employs no doctors, so the doctors' visits are the region's
-- in both rows: in the municipality's row they are priced by the region,
-- under its high-cost protection, beside the municipality's nurse visits.
INSERT INTO patient VALUES (7, NULL, 'F', '1880', NULL, NULL, '1939-05-20');
INSERT INTO contact VALUES
	(7001, 7, 'VC', '2024-05-06', 'ordinary_home', 'physical', 'doctor'),
	(7002, 7, 'KH', '2024-05-07', 'ordinary_home', 'physical', 'nurse'),
	(7003, 7, 'KH', '2024-05-19', 'ordinary_home', 'physical', 'nurse'),
	(7004, 7, 'VC', '2024-05-20', 'ordinary_home', 'physical', 'doctor'),
	(7005, 7, 'KH', '2024-05-21', 'ordinary_home', 'physical', 'nurse');
SELECT * FROM home_health_what_if(7, '[2024-01-01,2025-01-01)');

-- An unknown patient, or NULL arguments: no rows.
SELECT count(*) FROM home_health_what_if(99, '[2024-01-01,2025-01-01)');
SELECT count(*) FROM home_health_what_if(1, NULL);

-- The what-if prices visits under the terms charge_split applies: the same
-- visits of patients 1 and 4, charged for real by both principals at the
-- same fees, cost the same in charge_split, paid and waived.
BEGIN;
INSERT INTO charge (charge_id, patient_id, org_code, charge_date, kind, list_fee)
SELECT 900000 + row_number() OVER (ORDER BY s.kind, c.contact_id), c.patient_id,
	   CASE WHEN s.kind = 'home_visit' THEN m.parent_org ELSE m.org_code END,
	   c.contact_date, s.kind, 200
FROM contact c
JOIN unit u ON u.unit_id = c.unit_id
JOIN patient p ON p.patient_id = c.patient_id
JOIN organisation m ON m.municipality_code = p.municipality_code
CROSS JOIN (VALUES ('home_visit'), ('home_health_visit')) s(kind)
WHERE c.patient_id IN (1, 4) AND c.contact_date <@ '[2024-01-01,2025-01-01)'::daterange
  AND c.mode = 'physical' AND c.setting = 'ordinary_home'
  AND u.unit_level IN ('regional_primary', 'municipal_primary');
SELECT w.patient_id, w.principal, w.patient_pays, s.paid, w.principal_waives, s.waived,
	   (w.patient_pays, w.principal_waives) = (s.paid, s.waived) AS agree
FROM (SELECT p.patient_id, x.*
	  FROM (VALUES (1), (4)) p(patient_id),
		   LATERAL home_health_what_if(p.patient_id, '[2024-01-01,2025-01-01)') x) w
JOIN (SELECT patient_id, principal, sum(paid) AS paid, sum(waived) AS waived
	  FROM charge_split WHERE charge_id > 900000 GROUP BY 1, 2) s USING (patient_id, principal)
ORDER BY 1, 2;
ROLLBACK;

-- Leave the registry empty for the suites that follow.
SET client_min_messages = warning;
TRUNCATE organisation CASCADE;
