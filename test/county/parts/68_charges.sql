-- Charges at list price, every charge kind.  Region Örebro county (R18):
-- outpatient visit 200 SEK in primary care, 300 at a hospital clinic, 400
-- at the emergency department (free in primary care under 20 and from 85);
-- home visit 300 by a doctor, 200 by others; video visit 100, phone 0 (a
-- counted zero fee); inpatient day 120 (free under 18) for ward stays and
-- for home care the region reports as inpatient (most hospital at home, ASIH
-- in Örebro: what the patient pays depends on how the care is reported);
-- missed appointment 400 (3% of clinic bookings); certificate 500 (2% of
-- adults' clinic visits).  The municipalities:
-- home health care 340 SEK a month (450 from 2025) or 200 per visit (250
-- from 2025, capped per month in municipal_tariff), free from 85 in
-- Lekeberg; home rehabilitation 150 per visit; home help 300-2,000 a month
-- in ordinary housing, 1,500-2,600 (the care fee) in special housing; safety
-- alarm 250 a month; short-term housing 120 a day.
--
-- charge_id: a contact's fee is contact_id * 10 + 1 (region) or + 2
-- (municipality); a fee per day or month of an episode is (episode_id * 1000
-- + day or month number) * 10 + 3..9 by kind.

-- Fees for contacts, computed from the same rows as the contacts
-- (gen_contact in 64_contacts.sql), so without reading them back.
INSERT INTO charge (charge_id, patient_id, org_code, charge_date, kind, list_fee)
SELECT contact_id * 10 + CASE WHEN org_code = 'R18' THEN 1 ELSE 2 END,
	   patient_id, org_code, contact_date, kind, fee
FROM (
	SELECT contact_id, patient_id, org_code, contact_date,
		   CASE WHEN org_code = 'R18' THEN
					CASE WHEN setting IN ('outpatient_clinic', 'emergency_department') THEN 'outpatient_visit'
						 WHEN reported_inpatient AND is_home(episode_setting) THEN NULL
						 WHEN mode IN ('video', 'phone') THEN 'digital_visit'
						 WHEN mode = 'physical' AND is_home(setting) THEN 'home_visit' END
				WHEN mode <> 'physical' OR setting <> 'ordinary_home' THEN NULL
				WHEN profession IN ('physiotherapist', 'occupational_therapist') THEN 'home_rehabilitation'
				WHEN home_health_tariff = 'visit' THEN 'home_health_visit' END AS kind,
		   CASE WHEN setting = 'emergency_department' THEN 400
				WHEN setting = 'outpatient_clinic' AND unit_level = 'regional_primary'
					THEN CASE WHEN age < 20 OR age >= 85 THEN 0 ELSE 200 END
				WHEN setting = 'outpatient_clinic' THEN 300
				WHEN org_code = 'R18' THEN
					CASE mode WHEN 'video' THEN 100 WHEN 'phone' THEN 0 ELSE
						CASE WHEN profession = 'doctor' THEN 300 ELSE 200 END END
				WHEN profession IN ('physiotherapist', 'occupational_therapist') THEN 150
				WHEN org_code = '1814' AND age >= 85 THEN 0
				WHEN contact_date >= '2025-01-01' THEN 250
				ELSE 200 END AS fee
	FROM gen_contact
) f
WHERE kind IS NOT NULL;

-- Fees per day: inpatient days (ward, and home care reported as inpatient)
-- and short-term housing.
INSERT INTO charge (charge_id, patient_id, org_code, charge_date, kind, list_fee)
SELECT (episode_id * 1000 + i) * 10 + CASE kind WHEN 'inpatient_day' THEN 3 ELSE 4 END,
	   patient_id, org_code, start_date + i, kind, fee
FROM (
	SELECT e.episode_id, e.patient_id, e.start_date,
		   CASE WHEN e.setting = 'short_term_housing' THEN p.municipality_code ELSE 'R18' END AS org_code,
		   CASE WHEN e.setting = 'short_term_housing' THEN 'short_term_housing_day' ELSE 'inpatient_day' END AS kind,
		   CASE WHEN e.setting <> 'short_term_housing' AND 2025 - p.birth_year < 18 THEN 0 ELSE 120 END AS fee,
		   generate_series(0, least(greatest(coalesce(e.end_date, pg_temp.last_day()) - e.start_date, 1), 999) - 1) AS i
	FROM episode e
	JOIN patient p USING (patient_id)
	WHERE e.setting IN ('hospital_ward', 'short_term_housing')
	   OR (e.reported_inpatient AND is_home(e.setting))
	ORDER BY e.episode_id	-- charges in key order: cheaper index inserts
) days;

-- Fees per month of municipal home health care (the main team's episode):
-- home health month (flat-fee municipalities, ordinary housing), home help
-- (60% in ordinary housing; all in special housing) and safety alarm (70%
-- in ordinary housing), charged on the first day of the month (or the first
-- day of care).
INSERT INTO charge (charge_id, patient_id, org_code, charge_date, kind, list_fee)
SELECT (episode_id * 1000 + month) * 10 + k.tag, patient_id, org_code, charge_date, k.kind, k.fee
FROM (
	SELECT *, greatest(start_date, (date_trunc('month', start_date) + month * interval '1 month')::date) AS charge_date
	FROM (
		SELECT e.episode_id, e.patient_id, u.org_code, e.start_date, e.setting, m.home_health_tariff,
			   generate_series(0, (extract(year FROM l.last) * 12 + extract(month FROM l.last)
								   - extract(year FROM e.start_date) * 12
								   - extract(month FROM e.start_date))::integer) AS month
		FROM episode e
		JOIN unit u USING (unit_id)
		JOIN gen_municipality m ON m.code = u.org_code
		CROSS JOIN LATERAL (SELECT coalesce(e.end_date, pg_temp.last_day()) AS last) l
		WHERE e.unit_id = u.org_code || '-HSJ' AND e.setting IN ('ordinary_home', 'special_housing')
		ORDER BY e.episode_id
	) each_month
) months
CROSS JOIN LATERAL (VALUES
	(5, 'home_health_month', CASE WHEN charge_date >= '2025-01-01' THEN 450 ELSE 340 END,
	 setting = 'ordinary_home' AND home_health_tariff = 'month'),
	(6, 'home_help',
	 CASE WHEN setting = 'special_housing' THEN 1500 + 100 * floor(pg_temp.u(680, episode_id) * 11)
		  ELSE 300 + 100 * floor(pg_temp.u(680, episode_id) * 18) END,
	 setting = 'special_housing' OR pg_temp.u(681, episode_id) < 0.6),
	(7, 'safety_alarm', 250, setting = 'ordinary_home' AND pg_temp.u(682, episode_id) < 0.7)
) AS k(tag, kind, fee, charged)
WHERE k.charged;

-- Missed appointments and certificates at clinics.
INSERT INTO charge (charge_id, patient_id, org_code, charge_date, kind, list_fee)
SELECT episode_id * 10000 + 8, patient_id, 'R18', start_date - 14, 'missed_appointment', 400
FROM episode
WHERE setting = 'outpatient_clinic' AND start_date - 14 >= pg_temp.first_day()
  AND pg_temp.u(690, episode_id) < 0.03
UNION ALL
SELECT e.episode_id * 10000 + 9, e.patient_id, 'R18', e.start_date, 'certificate', 500
FROM episode e JOIN patient p USING (patient_id)
WHERE e.setting = 'outpatient_clinic' AND 2025 - p.birth_year >= 18
  AND pg_temp.u(691, e.episode_id) < 0.02;
