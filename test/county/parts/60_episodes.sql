-- Episodes, 2023-01-01 .. 2025-12-31, every care setting.  episode_id is
-- patient_id * 1000 + a slot number that says which rule made it, so ids do
-- not depend on row order:
--     0-7  team episodes (enrolment, home health, short-term housing, ...)
--   1xx    ward stays, 2xx the emergency visit and 3xx the ambulance before
--   4xx    outpatient visits, 5xx emergency and digital visits
--   6xx    other teams (611-613 after ward stays 141-143), 7xx hospital at home.  An episode that would end after 2025-12-31 is
-- ongoing (end_date NULL).  Ward stays are placed in disjoint time bins, so
-- one patient's stays do not overlap.
--
-- Hospital = the municipality's (USO Örebro, KSK Karlskoga, LBG Lindesberg);
-- <hospital>-AVD ward, -AKM emergency department, -MOT outpatient clinic.

CREATE FUNCTION pg_temp.day(n integer) RETURNS date LANGUAGE sql IMMUTABLE
AS 'SELECT pg_temp.first_day() + n';
-- The registry's end date: NULL while the episode goes on past the window.
CREATE FUNCTION pg_temp.end_or_null(d date) RETURNS date LANGUAGE sql IMMUTABLE
AS 'SELECT CASE WHEN d <= pg_temp.last_day() THEN d END';

-- Severe: enrolment in a team, with ward stays (each after an emergency
-- visit in 70% of cases, that one after an ambulance in 30%) at 2.4 a year
-- in the year before and 60% fewer in the year after.
CREATE TEMP TABLE gen_enrolment AS
SELECT p.patient_id, p.code, p.hospital, p.age,
	   pg_temp.day(90 + floor(pg_temp.u(601, p.patient_id) * 915)::integer) AS enrolled,
	   30 + floor(pg_temp.u(602, p.patient_id) ^ 1.5 * 500)::integer AS days,
	   CASE p.part
		   WHEN 'Örebro' THEN CASE WHEN t < 0.45 THEN 'NVT-ORE' WHEN t < 0.75 THEN 'ASIH-ORE'
								  WHEN t < 0.85 THEN 'HSV-USO' ELSE 'HSJ-' || p.vc END
		   WHEN 'west' THEN CASE WHEN t < 0.55 THEN 'NST-VAST' WHEN t < 0.85 THEN 'ASIH-KSK'
								ELSE 'HSJ-' || p.vc END
		   WHEN 'north' THEN CASE WHEN t < 0.5 THEN 'LAH-LBG' ELSE 'HSJ-' || p.vc END
		   ELSE CASE WHEN t < 0.25 AND p.code <> '1860' THEN 'HSV-USO' ELSE 'HSJ-' || p.vc END
	   END AS unit_id
FROM gen_patient p, pg_temp.u(600, p.patient_id) AS t
WHERE p.grp = 'severe';
-- A team takes only patients inside its catchment on the enrolment date
-- (the west's team exists from September 2023, Örebro's reached only the
-- town until July 2024); the others get their primary-care centre's team.
CREATE FUNCTION pg_temp.covers(unit text, e double precision, n double precision, d date) RETURNS boolean
LANGUAGE sql STABLE
AS 'SELECT EXISTS (SELECT FROM catchment k
				   WHERE k.unit_id = unit AND k.valid @> d
					 AND ST_Intersects(k.area, ST_SetSRID(ST_MakePoint(e, n), 3006)))';
UPDATE gen_enrolment g SET unit_id = 'HSJ-' || p.vc
FROM gen_patient p
WHERE p.patient_id = g.patient_id AND NOT pg_temp.covers(g.unit_id, p.e, p.n, g.enrolled);

INSERT INTO episode (episode_id, patient_id, unit_id, setting, reported_inpatient, start_date, end_date)
SELECT patient_id * 1000, patient_id, unit_id,
	   CASE WHEN pg_temp.u(603, patient_id) < 0.15 THEN 'special_housing' ELSE 'ordinary_home' END::care_setting,
	   -- ASIH: inpatient in Örebro, outpatient in the west, unknown or
	   -- outpatient in the north
	   CASE unit_id WHEN 'ASIH-ORE' THEN true
					WHEN 'LAH-LBG' THEN CASE WHEN pg_temp.u(604, patient_id) < 0.5 THEN false END
					ELSE false END,
	   enrolled, pg_temp.end_or_null(enrolled + days)
FROM gen_enrolment;

-- The ward stays around the enrolment: bin b (1..8) is a 45-day stretch
-- before (slot 110 + b) or after (120 + b) the enrolment date.
CREATE TEMP TABLE gen_stay AS
SELECT e.patient_id, e.hospital, s.slot, s.start_date,
	   s.start_date + 1 + floor(pg_temp.u(613, e.patient_id, s.slot) ^ 2 * 10)::integer AS end_date
FROM gen_enrolment e
CROSS JOIN generate_series(1, 8) AS b
CROSS JOIN LATERAL (VALUES
	(110 + b, e.enrolled - 45 * b + floor(pg_temp.u(611, e.patient_id, b) * 30)::integer,
	 pg_temp.u(610, e.patient_id, b) < 0.30),
	(120 + b, e.enrolled + 45 * (b - 1) + 5 + floor(pg_temp.u(616, e.patient_id, b) * 30)::integer,
	 pg_temp.u(615, e.patient_id, b) < 0.12)) AS s(slot, start_date, admitted)
WHERE s.admitted AND s.start_date BETWEEN pg_temp.first_day() AND pg_temp.last_day();

-- Home care: the municipality's home health team for months or years (many
-- already enrolled when the window opens), half of them also the
-- primary-care centre's home health team; a quarter spend 1-5 weeks in
-- short-term housing after a ward stay, a fifth get the discharge team after
-- one; some in special housing get mobile X-ray (from 2024), some in Örebro
-- an assessment car.
CREATE TEMP TABLE gen_home AS
SELECT p.patient_id, p.hospital, p.vc, p.municipal_team, p.discharge_team, p.code,
	   CASE WHEN pg_temp.u(620, p.patient_id) < 0.25 THEN 'special_housing' ELSE 'ordinary_home' END::care_setting AS setting,
	   CASE WHEN pg_temp.u(621, p.patient_id) < 0.35 THEN 0
			ELSE floor(pg_temp.u(622, p.patient_id) * 1000)::integer END AS first,
	   60 + floor(pg_temp.u(623, p.patient_id) ^ 1.3 * 1000)::integer AS days
FROM gen_patient p
WHERE p.grp = 'home';

INSERT INTO episode (episode_id, patient_id, unit_id, setting, reported_inpatient, start_date, end_date)
SELECT patient_id * 1000, patient_id, municipal_team, setting, NULL,
	   pg_temp.day(first), pg_temp.end_or_null(pg_temp.day(first + days))
FROM gen_home
UNION ALL
SELECT patient_id * 1000 + 1, patient_id, 'HSJ-' || vc, setting, false,
	   pg_temp.day(first + s), pg_temp.end_or_null(pg_temp.day(first + s + 30 + floor(pg_temp.u(626, patient_id) * 400)::integer))
FROM gen_home, pg_temp.ri(625, patient_id, 0, 0, 60) AS s
WHERE pg_temp.u(624, patient_id) < 0.5 AND first + s <= 1095
UNION ALL
SELECT patient_id * 1000 + 6, patient_id, 'RTG-MOB', 'special_housing', false, d, d
FROM gen_home, pg_temp.day(pg_temp.ri(628, patient_id, 0, 365, 1095)) AS d
WHERE setting = 'special_housing' AND pg_temp.u(627, patient_id) < 0.3
UNION ALL
SELECT h.patient_id * 1000 + 7, h.patient_id, 'BED-ORE', 'prehospital', false, d, d
FROM gen_home h
JOIN gen_patient p USING (patient_id)
CROSS JOIN LATERAL pg_temp.day(pg_temp.ri(630, h.patient_id, 0, 0, 1095)) AS d
WHERE h.code = '1880' AND pg_temp.u(629, h.patient_id) < 0.15 AND pg_temp.covers('BED-ORE', p.e, p.n, d);

-- Discharge to short-term housing (slot 2, ward 102) or home with the
-- discharge team (slot 4, ward 104).
INSERT INTO gen_stay (patient_id, hospital, slot, start_date, end_date)
SELECT patient_id, hospital, 102, d, d + pg_temp.ri(632, patient_id, 0, 2, 12)
FROM gen_home, pg_temp.day(pg_temp.ri(631, patient_id, 0, 0, 1080)) AS d
WHERE pg_temp.u(633, patient_id) < 0.25
UNION ALL
SELECT patient_id, hospital, 104, d, d + pg_temp.ri(635, patient_id, 0, 1, 10)
FROM gen_home, pg_temp.day(pg_temp.ri(634, patient_id, 0, 0, 1080)) AS d
WHERE pg_temp.u(636, patient_id) < 0.20;

INSERT INTO episode (episode_id, patient_id, unit_id, setting, reported_inpatient,
					 start_date, end_date, preceding_discharge)
SELECT s.patient_id * 1000 + s.slot - 100, s.patient_id,
	   CASE s.slot WHEN 102 THEN h.municipal_team ELSE h.discharge_team END,
	   CASE s.slot WHEN 102 THEN 'short_term_housing' ELSE 'ordinary_home' END::care_setting,
	   NULL, s.end_date,
	   pg_temp.end_or_null(s.end_date + CASE s.slot WHEN 102 THEN pg_temp.ri(637, s.patient_id, 0, 7, 35)
												  ELSE pg_temp.ri(638, s.patient_id, 0, 10, 21) END),
	   s.end_date
FROM gen_stay s JOIN gen_home h USING (patient_id)
WHERE s.slot IN (102, 104) AND s.end_date <= pg_temp.last_day();

-- Home care patients' other ward stays: six 180-day bins, 25% each.
INSERT INTO gen_stay (patient_id, hospital, slot, start_date, end_date)
SELECT patient_id, hospital, 130 + b, d, d + 1 + floor(pg_temp.u(641, patient_id, b) ^ 2 * 12)::integer
FROM gen_home
CROSS JOIN generate_series(1, 6) AS b
CROSS JOIN LATERAL pg_temp.day(180 * (b - 1) + floor(pg_temp.u(642, patient_id, b) * 165)::integer) AS d
WHERE pg_temp.u(640, patient_id, b) < 0.25;

-- Other adults and children: a ward stay in some of three yearly bins
-- (more likely with age), separate emergency visits, outpatient visits at
-- the primary-care centre or the hospital clinic (children's clinic for
-- children), and digital visits.
INSERT INTO gen_stay (patient_id, hospital, slot, start_date, end_date)
SELECT patient_id, hospital, 140 + b, d, d + 1 + floor(pg_temp.u(651, patient_id, b) ^ 2 * 10)::integer
FROM gen_patient
CROSS JOIN generate_series(1, 3) AS b
CROSS JOIN LATERAL pg_temp.day(365 * (b - 1) + floor(pg_temp.u(652, patient_id, b) * 350)::integer) AS d
WHERE grp IN ('adult', 'child')
  AND pg_temp.u(650, patient_id, b) < 0.015 + 0.12 * (age / 90.0::float8) ^ 3;

INSERT INTO episode (episode_id, patient_id, unit_id, setting, reported_inpatient, start_date, end_date)
SELECT patient_id * 1000 + slot, patient_id, hospital || '-AVD', 'hospital_ward',
	   CASE WHEN pg_temp.u(660, patient_id, slot) >= 0.04 THEN true END,
	   start_date, pg_temp.end_or_null(end_date)
FROM gen_stay;

-- The emergency visit (slot + 100) and ambulance (slot + 200) before a stay.
INSERT INTO episode (episode_id, patient_id, unit_id, setting, reported_inpatient, start_date, end_date)
SELECT patient_id * 1000 + slot + 100, patient_id, hospital || '-AKM', 'emergency_department'::care_setting, false,
	   start_date, start_date
FROM gen_stay
WHERE pg_temp.u(661, patient_id, slot) < 0.7
UNION ALL
SELECT patient_id * 1000 + slot + 200, patient_id, 'AMB-R18', 'prehospital', false, start_date, start_date
FROM gen_stay
WHERE pg_temp.u(661, patient_id, slot) < 0.7 AND pg_temp.u(662, patient_id, slot) < 0.3;

-- Point episodes of everyone: outpatient visits (slots 400-407, four bins
-- for adults and children, eight for home care and severe), emergency
-- visits (500-502), digital visits (510-511).
INSERT INTO episode (episode_id, patient_id, unit_id, setting, reported_inpatient, start_date, end_date)
SELECT patient_id * 1000 + 400 + b, patient_id,
	   CASE WHEN pg_temp.u(671, patient_id, b) < 0.65 THEN 'VC-' || vc
			WHEN grp = 'child' THEN 'USO-BUM' ELSE hospital || '-MOT' END,
	   'outpatient_clinic'::care_setting, false, d, d
FROM gen_patient
CROSS JOIN generate_series(0, 7) AS b
CROSS JOIN LATERAL pg_temp.day(floor((b + pg_temp.u(672, patient_id, b)) * 137)::integer) AS d
WHERE grp IN ('severe', 'home') AND pg_temp.u(670, patient_id, b) < 0.4
UNION ALL
SELECT patient_id * 1000 + 400 + b, patient_id,
	   CASE WHEN pg_temp.u(671, patient_id, b) < 0.65 THEN 'VC-' || vc
			WHEN grp = 'child' THEN 'USO-BUM' ELSE hospital || '-MOT' END,
	   'outpatient_clinic', false, d, d
FROM gen_patient
CROSS JOIN generate_series(0, 3) AS b
CROSS JOIN LATERAL pg_temp.day(floor((b + pg_temp.u(672, patient_id, b)) * 274)::integer) AS d
WHERE grp IN ('adult', 'child') AND pg_temp.u(670, patient_id, b) < 0.2
UNION ALL
SELECT patient_id * 1000 + 500 + b, patient_id, hospital || '-AKM', 'emergency_department', false, d, d
FROM gen_patient
CROSS JOIN generate_series(0, 2) AS b
CROSS JOIN LATERAL pg_temp.day(floor((b + pg_temp.u(674, patient_id, b)) * 365)::integer) AS d
WHERE pg_temp.u(673, patient_id, b) < 0.06 + 0.06 * (age / 90.0::float8) ^ 2
UNION ALL
SELECT patient_id * 1000 + 510 + b, patient_id, 'DIGI-R18', 'remote', false, d, d
FROM gen_patient
CROSS JOIN generate_series(0, 1) AS b
CROSS JOIN LATERAL pg_temp.day(floor((b + pg_temp.u(676, patient_id, b)) * 547)::integer) AS d
WHERE pg_temp.u(675, patient_id, b) < 0.15
ORDER BY 1;		-- in key order: cheaper index inserts

-- Teams for adults and children: mobile psychiatry for 1.5% of those 18-50
-- where a team exists (none in the north), the stroke/rehab team for
-- Örebro residents 50+ after a ward stay, remote monitoring by the heart
-- failure team, and the children's team.
INSERT INTO episode (episode_id, patient_id, unit_id, setting, reported_inpatient, start_date, end_date)
SELECT patient_id * 1000 + 600, patient_id,
	   CASE WHEN code IN ('1880', '1881', '1861', '1814') THEN 'MAP-ORE' ELSE 'FACT-KSK' END,
	   'ordinary_home'::care_setting, false, d, pg_temp.end_or_null(d + pg_temp.ri(681, patient_id, 0, 14, 120))
FROM gen_patient, pg_temp.day(pg_temp.ri(682, patient_id, 0, 0, 1095)) AS d
WHERE grp = 'adult' AND age BETWEEN 18 AND 50 AND pg_temp.u(680, patient_id) < 0.015
  AND code IN ('1880', '1881', '1861', '1814', '1883', '1862', '1860')
UNION ALL
SELECT patient_id * 1000 + 601, patient_id, 'HSV-USO', 'remote', false,
	   d, pg_temp.end_or_null(d + pg_temp.ri(684, patient_id, 0, 30, 180))
FROM gen_patient, pg_temp.day(pg_temp.ri(685, patient_id, 0, 0, 1095)) AS d
WHERE grp IN ('adult', 'home') AND age >= 60 AND code IN ('1880', '1881', '1882', '1861', '1814')
  AND pg_temp.u(683, patient_id) < 0.012
UNION ALL
SELECT patient_id * 1000 + 602, patient_id, 'BARN-USO', 'ordinary_home', false,
	   d, pg_temp.end_or_null(d + pg_temp.ri(687, patient_id, 0, 30, 365))
FROM gen_patient, pg_temp.day(pg_temp.ri(688, patient_id, 0, 0, 1095)) AS d
WHERE grp = 'child' AND pg_temp.u(686, patient_id) < 0.012;

INSERT INTO episode (episode_id, patient_id, unit_id, setting, reported_inpatient,
					 start_date, end_date, preceding_discharge)
SELECT s.patient_id * 1000 + 470 + s.slot, s.patient_id, 'REHAB-USO', 'ordinary_home', false,
	   s.end_date, pg_temp.end_or_null(s.end_date + pg_temp.ri(690, s.patient_id, 0, 21, 90)), s.end_date
FROM gen_stay s JOIN gen_patient p USING (patient_id)
WHERE p.code = '1880' AND p.age >= 50 AND s.slot BETWEEN 141 AND 143
  AND s.end_date <= pg_temp.last_day() AND pg_temp.u(689, s.patient_id, s.slot) < 0.15;

-- Hospital at home for adults near the university hospital: 55% early
-- supported discharge (a 1-4 day ward stay ending the day of or before the
-- start), 45% admission avoidance (a fifth of them with an earlier stay,
-- 5-30 days before, that does not make it early discharge).  Median 3
-- days, up to 8; reported as inpatient mostly, sometimes not or unknown.
CREATE TEMP TABLE gen_hah AS
SELECT patient_id, hospital, d AS start_date,
	   CASE WHEN pg_temp.u(701, patient_id) < 0.05 THEN 0
			ELSE 1 + floor(7 * pg_temp.u(702, patient_id) ^ 1.6)::integer END AS days,
	   CASE WHEN w < 0.55 THEN d - (pg_temp.u(704, patient_id) < 0.6)::integer
			WHEN w > 0.91 THEN d - pg_temp.ri(705, patient_id, 0, 5, 30) END AS discharged
FROM gen_patient,
	 pg_temp.day(pg_temp.ri(703, patient_id, 0, 35, 1095)) AS d,
	 pg_temp.u(706, patient_id) AS w
WHERE near_hah AND grp IN ('adult', 'home', 'severe') AND age >= 40
  AND pg_temp.u(700, patient_id) < CASE WHEN age >= 65 THEN 0.08::float8 ELSE 0.03 END;

INSERT INTO episode (episode_id, patient_id, unit_id, setting, reported_inpatient,
					 start_date, end_date, preceding_discharge)
SELECT patient_id * 1000 + 700, patient_id, 'SH-ORE', 'ordinary_home'::care_setting,
	   CASE WHEN r < 0.85 THEN true WHEN r < 0.93 THEN NULL ELSE false END,
	   start_date, pg_temp.end_or_null(start_date + days), discharged
FROM gen_hah, pg_temp.u(707, patient_id) AS r
UNION ALL
SELECT patient_id * 1000 + 701, patient_id, hospital || '-AVD', 'hospital_ward', true,
	   discharged - pg_temp.ri(708, patient_id, 0, 1, 4), discharged, NULL
FROM gen_hah
WHERE discharged IS NOT NULL;

ANALYZE episode;
