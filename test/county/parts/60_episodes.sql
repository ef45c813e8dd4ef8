-- Episodes, 2023-01-01 .. 2025-12-31, every care setting.  episode_id is
-- patient_id * 1000 + a slot number that says which rule made it, so ids do
-- not depend on row order:
--     0-7  team episodes (enrolment, home health, short-term housing, ...)
--   1xx    ward stays (141-152 adults' and children's, 161-172 their
--          readmissions, 180 the stay a patient dies in), 2xx the emergency
--          visit and 3xx the ambulance before
--   4xx    outpatient visits, 5xx emergency and digital visits
--   6xx    other teams (611-622 after ward stays 141-152), 7xx hospital at
--          home (701 the ward stay before, 702 the one after a transfer
--          back, 703 the ambulance that took the patient there).
-- An episode that would end after 2025-12-31 is ongoing (end_date NULL).
-- Ward stays are placed in disjoint time bins, so one patient's stays do not
-- overlap.  A patient who dies (gen_death) has no episode after the death,
-- one who moves in (gen_arrival) none before.
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

-- Deaths: of a band's patients, as many die in the window as its yearly
-- rate per inhabitant gives in three years, on a day drawn over the window
-- (from the birth or, for the severely ill, from the day after their
-- enrolment, if later); 35% of them in a ward stay that ends that
-- day.  Of the severely ill in specialised home care (palliative care) 60%
-- die at home when it ends.  As many other adults of the band move in on a
-- day drawn over the window, so that the band's living patients stay as
-- many (the patients less the deaths, whom per_patient divides by).
CREATE TEMP TABLE gen_band_rate AS
SELECT b.band, b.lo, b.hi, count(p.patient_id) AS patients,
	   3 * b.deaths * b.inhabitants AS deaths,
	   count(p.patient_id) FILTER (WHERE p.grp = 'adult') AS adults,
	   b.inhabitants / nullif(count(p.patient_id) - 3 * b.deaths * b.inhabitants, 0) AS per_patient
FROM gen_band b JOIN gen_patient p ON p.age BETWEEN b.lo AND b.hi
GROUP BY b.band, b.lo, b.hi, b.inhabitants, b.deaths;

CREATE TEMP TABLE gen_death AS
SELECT p.patient_id,
	   coalesce(a.death_date, f.born + floor(pg_temp.u(801, p.patient_id) * (pg_temp.last_day() - f.born + 1))::integer)
		   AS death_date,
	   a.death_date IS NULL AND pg_temp.u(802, p.patient_id) < 0.35 AS on_ward
FROM gen_patient p
JOIN gen_band_rate r ON p.age BETWEEN r.lo AND r.hi
JOIN patient x ON x.patient_id = p.patient_id
LEFT JOIN gen_enrolment n ON n.patient_id = p.patient_id
CROSS JOIN LATERAL (SELECT greatest(x.birth_date, pg_temp.first_day(), n.enrolled + 1) AS born) f
LEFT JOIN LATERAL (
	SELECT e.enrolled + e.days AS death_date
	FROM gen_enrolment e
	WHERE e.patient_id = p.patient_id AND e.unit_id IN ('ASIH-ORE', 'ASIH-KSK', 'LAH-LBG')
	  AND e.enrolled + e.days <= pg_temp.last_day() AND pg_temp.u(803, p.patient_id) < 0.6
) a ON true
WHERE a.death_date IS NOT NULL
   OR pg_temp.u(800, p.patient_id) < r.deaths / r.patients;
ALTER TABLE gen_death ADD PRIMARY KEY (patient_id);

CREATE TEMP TABLE gen_arrival AS
SELECT p.patient_id, pg_temp.day(floor(pg_temp.u(806, p.patient_id) * 1095)::integer) AS arrived
FROM gen_patient p
JOIN gen_band_rate r ON p.age BETWEEN r.lo AND r.hi
WHERE p.grp = 'adult'
  AND NOT EXISTS (SELECT FROM gen_death d WHERE d.patient_id = p.patient_id)
  AND pg_temp.u(805, p.patient_id) < r.deaths / nullif(r.adults - r.deaths, 0);
ALTER TABLE gen_arrival ADD PRIMARY KEY (patient_id);

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

-- Other adults and children: ward stays in twelve quarter-year bins, each
-- with a quarter of the yearly rate of the age band (gen_band_rate) times
-- the patient's frailty (mean 1, skewed, so that a few have many stays),
-- longer with age; a readmission 1-30 days after a stay for 12% of those
-- 65+ and 6% of the younger.  A stay starts in the first 40 days of its bin and
-- lasts at most 19, its readmission ends within the bin, so the bins stay
-- disjoint.
CREATE FUNCTION pg_temp.stay_days(stream integer, patient bigint, slot integer, age integer) RETURNS integer
LANGUAGE sql IMMUTABLE
AS 'SELECT 1 + floor(pg_temp.u(stream, patient, slot) ^ 2
					 * CASE WHEN age >= 80 THEN 19 WHEN age >= 65 THEN 16 ELSE 10 END)::integer';
INSERT INTO gen_stay (patient_id, hospital, slot, start_date, end_date)
SELECT p.patient_id, p.hospital, 140 + b, d, d + pg_temp.stay_days(651, p.patient_id, 140 + b, p.age)
FROM gen_patient p
JOIN gen_band_rate r ON p.age BETWEEN r.lo AND r.hi
JOIN gen_band g ON g.band = r.band
CROSS JOIN LATERAL (SELECT ln(1 - pg_temp.u(830, p.patient_id)) * ln(1 - pg_temp.u(831, p.patient_id)) AS frailty) f
CROSS JOIN generate_series(1, 12) AS b
CROSS JOIN LATERAL pg_temp.day(91 * (b - 1) + floor(pg_temp.u(652, p.patient_id, b) * 40)::integer) AS d
WHERE p.grp IN ('adult', 'child')
  AND pg_temp.u(650, p.patient_id, b) < least(0.9, g.stays * r.per_patient / 4 * f.frailty);

INSERT INTO gen_stay (patient_id, hospital, slot, start_date, end_date)
SELECT s.patient_id, s.hospital, s.slot + 20, d,
	   least(d + pg_temp.stay_days(811, s.patient_id, s.slot + 20, p.age), pg_temp.day(91 * (s.slot - 140) - 1))
FROM gen_stay s
JOIN gen_patient p USING (patient_id)
CROSS JOIN LATERAL (SELECT s.end_date + 1 + floor(29 * pg_temp.u(810, s.patient_id, s.slot) ^ 1.5)::integer AS d) r
WHERE s.slot BETWEEN 141 AND 152
  AND pg_temp.u(812, s.patient_id, s.slot) < CASE WHEN p.age >= 65 THEN 0.12::float8 ELSE 0.06 END;

-- The stay a patient dies in: the one that covers the day of death, or one
-- of 1-10 days that ends that day; no stay begins after it.
UPDATE gen_stay s SET end_date = d.death_date
FROM gen_death d
WHERE d.patient_id = s.patient_id AND d.death_date BETWEEN s.start_date AND s.end_date;
INSERT INTO gen_stay (patient_id, hospital, slot, start_date, end_date)
SELECT p.patient_id, p.hospital, 180,
	   greatest(d.death_date - 1 - floor(9 * pg_temp.u(804, p.patient_id) ^ 2)::integer, pg_temp.first_day()),
	   d.death_date
FROM gen_death d JOIN gen_patient p USING (patient_id)
WHERE d.on_ward
  AND NOT EXISTS (SELECT FROM gen_stay s WHERE s.patient_id = d.patient_id AND s.end_date = d.death_date);
CREATE TEMP TABLE gen_terminal AS
SELECT DISTINCT ON (s.patient_id) s.patient_id, s.slot, s.start_date
FROM gen_stay s JOIN gen_death d USING (patient_id)
WHERE s.end_date = d.death_date
ORDER BY s.patient_id, s.start_date DESC, s.slot;
DELETE FROM gen_stay s
USING gen_death d LEFT JOIN gen_terminal t ON t.patient_id = d.patient_id
WHERE s.patient_id = d.patient_id
  AND (s.start_date > d.death_date OR (s.slot <> t.slot AND s.end_date >= t.start_date));

INSERT INTO episode (episode_id, patient_id, unit_id, setting, reported_inpatient, start_date, end_date)
SELECT patient_id * 1000 + slot, patient_id, hospital || '-AVD', 'hospital_ward',
	   CASE WHEN pg_temp.u(660, patient_id, slot) >= 0.04 THEN true END,
	   start_date, pg_temp.end_or_null(end_date)
FROM gen_stay;

-- The emergency visit (slot + 100) before 45% of the stays (a third of the
-- emergency visits lead to a stay), and the ambulance (slot + 200) before
-- 30% of those.
INSERT INTO episode (episode_id, patient_id, unit_id, setting, reported_inpatient, start_date, end_date)
SELECT patient_id * 1000 + slot + 100, patient_id, hospital || '-AKM', 'emergency_department'::care_setting, false,
	   start_date, start_date
FROM gen_stay
WHERE pg_temp.u(661, patient_id, slot) < 0.45
UNION ALL
SELECT patient_id * 1000 + slot + 200, patient_id, 'AMB-R18', 'prehospital', false, start_date, start_date
FROM gen_stay
WHERE pg_temp.u(661, patient_id, slot) < 0.45 AND pg_temp.u(662, patient_id, slot) < 0.3;

-- Point episodes of everyone: outpatient visits on weekdays (slots 400-407,
-- four bins for adults and children, eight for home care and severe), emergency
-- visits that lead to no stay at the age band's rate (500-502, one a year
-- at most), digital visits (510-511).
INSERT INTO episode (episode_id, patient_id, unit_id, setting, reported_inpatient, start_date, end_date)
SELECT patient_id * 1000 + 400 + b, patient_id,
	   CASE WHEN pg_temp.u(671, patient_id, b) < 0.65 THEN 'VC-' || vc
			WHEN grp = 'child' THEN 'USO-BUM' ELSE hospital || '-MOT' END,
	   'outpatient_clinic'::care_setting, false, d, d
FROM gen_patient
CROSS JOIN generate_series(0, 7) AS b
CROSS JOIN LATERAL pg_temp.weekday(pg_temp.day(floor((b + pg_temp.u(672, patient_id, b)) * 137)::integer)) AS d
WHERE grp IN ('severe', 'home') AND pg_temp.u(670, patient_id, b) < 0.4
UNION ALL
SELECT patient_id * 1000 + 400 + b, patient_id,
	   CASE WHEN pg_temp.u(671, patient_id, b) < 0.65 THEN 'VC-' || vc
			WHEN grp = 'child' THEN 'USO-BUM' ELSE hospital || '-MOT' END,
	   'outpatient_clinic', false, d, d
FROM gen_patient
CROSS JOIN generate_series(0, 3) AS b
CROSS JOIN LATERAL pg_temp.weekday(pg_temp.day(floor((b + pg_temp.u(672, patient_id, b)) * 274)::integer)) AS d
WHERE grp IN ('adult', 'child') AND pg_temp.u(670, patient_id, b) < 0.2
UNION ALL
SELECT patient_id * 1000 + 500 + b, patient_id, hospital || '-AKM', 'emergency_department', false, d, d
FROM gen_patient p
JOIN gen_band_rate r ON p.age BETWEEN r.lo AND r.hi
JOIN gen_band g ON g.band = r.band
CROSS JOIN generate_series(0, 2) AS b
CROSS JOIN LATERAL pg_temp.day(floor((b + pg_temp.u(674, patient_id, b)) * 365)::integer) AS d
WHERE pg_temp.u(673, patient_id, b) < g.emergency * r.per_patient
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
WHERE p.code = '1880' AND p.age >= 50 AND s.slot BETWEEN 141 AND 152
  AND s.end_date <= pg_temp.last_day() AND pg_temp.u(689, s.patient_id, s.slot) < 0.15;

-- Hospital at home for adults near the university hospital: 55% early
-- supported discharge (a 1-4 day ward stay ending the day of or before the
-- start), 45% admission avoidance (a fifth of them with an earlier stay,
-- 5-30 days before, that does not make it early discharge).  0-8 days at
-- home, a quarter of them 3 (the median: 38% are shorter, 38% longer);
-- reported as inpatient mostly, sometimes not or unknown.
-- Nobody dies in it (the DPIPC's programme had no deaths); 5.5% of the
-- episodes end in a transfer back to the ward, 36% of those by ambulance.
CREATE TEMP TABLE gen_hah AS
SELECT p.patient_id, p.hospital, d AS start_date,
	   (SELECT count(*) FROM unnest('{0.04,0.18,0.38,0.62,0.74,0.84,0.92,0.97}'::float8[]) AS upto
		WHERE upto <= pg_temp.u(701, p.patient_id))::integer AS days,
	   CASE WHEN w < 0.55 THEN d - (pg_temp.u(704, p.patient_id) < 0.6)::integer
			WHEN w > 0.91 THEN d - pg_temp.ri(705, p.patient_id, 0, 5, 30) END AS discharged,
	   false AS transferred, false AS by_ambulance
FROM gen_patient p,
	 pg_temp.day(pg_temp.ri(703, p.patient_id, 0, 35, 1095)) AS d,
	 pg_temp.u(706, p.patient_id) AS w
WHERE p.near_hah AND p.grp IN ('adult', 'home', 'severe') AND p.age >= 40
  AND pg_temp.u(700, p.patient_id) < CASE WHEN p.age >= 65 THEN 0.029::float8 ELSE 0.016 END
  AND NOT EXISTS (SELECT FROM gen_death x WHERE x.patient_id = p.patient_id AND x.death_date <= d + 8)
  AND NOT EXISTS (SELECT FROM gen_arrival x WHERE x.patient_id = p.patient_id AND x.arrived > d - 35);
-- The transfers back are the programme's share of its ended episodes, and
-- the ambulance's share of those, exactly (by rank of a draw), so that the
-- county shows the seed's figures at every scale.
UPDATE gen_hah h SET transferred = true, by_ambulance = t.place <= round(0.364 * t.n)
FROM (SELECT patient_id, row_number() OVER (ORDER BY pg_temp.u(821, patient_id), patient_id) AS place,
			 count(*) OVER () AS n
	  FROM (SELECT patient_id, row_number() OVER (ORDER BY pg_temp.u(820, patient_id), patient_id) AS place,
				   count(*) OVER () AS n
			FROM gen_hah WHERE start_date + days <= pg_temp.last_day()) e
	  WHERE e.place <= round(0.055 * e.n)) t
WHERE t.patient_id = h.patient_id;

INSERT INTO episode (episode_id, patient_id, unit_id, setting, reported_inpatient,
					 start_date, end_date, preceding_discharge)
SELECT patient_id * 1000 + 700, patient_id, 'SH-ORE', 'ordinary_home'::care_setting,
	   CASE WHEN r < 0.85 THEN true WHEN r < 0.93 THEN NULL ELSE false END,
	   start_date, pg_temp.end_or_null(start_date + days), discharged
FROM gen_hah, pg_temp.u(707, patient_id) AS r
UNION ALL
SELECT patient_id * 1000 + 701, patient_id, hospital || '-AVD', 'hospital_ward', true,
	   discharged - 1 - floor(4 * pg_temp.u(708, patient_id) ^ 1.5)::integer, discharged, NULL
FROM gen_hah
WHERE discharged IS NOT NULL
UNION ALL
SELECT patient_id * 1000 + 702, patient_id, hospital || '-AVD', 'hospital_ward', true,
	   start_date + days, pg_temp.end_or_null(start_date + days + pg_temp.ri(822, patient_id, 0, 1, 6)), NULL
FROM gen_hah
WHERE transferred AND start_date + days <= pg_temp.last_day()
UNION ALL
SELECT patient_id * 1000 + 703, patient_id, 'AMB-R18', 'prehospital', false,
	   start_date + days, start_date + days, NULL
FROM gen_hah
WHERE transferred AND by_ambulance AND start_date + days <= pg_temp.last_day();

-- Nothing after a death: episodes that begin later go, those that go on
-- end that day.  Nothing before a patient moved in: episodes that end
-- earlier go, those that go on begin that day.
DELETE FROM episode e USING gen_death d
WHERE d.patient_id = e.patient_id AND e.start_date > d.death_date;
DELETE FROM episode e USING gen_arrival a
WHERE a.patient_id = e.patient_id AND e.end_date < a.arrived;
UPDATE episode e SET start_date = a.arrived
FROM gen_arrival a
WHERE a.patient_id = e.patient_id AND e.start_date < a.arrived;
UPDATE episode e SET end_date = d.death_date
FROM gen_death d
WHERE d.patient_id = e.patient_id AND (e.end_date IS NULL OR e.end_date > d.death_date);
UPDATE patient p SET death_date = d.death_date
FROM gen_death d
WHERE d.patient_id = p.patient_id;

ANALYZE episode;
