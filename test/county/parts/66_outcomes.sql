-- Outcomes: every patient's listing with primary care, and how episodes
-- begin and end and their diagnoses and procedures (the deaths,
-- readmissions and transfers back are episodes' rules, parts/60_episodes.sql;
-- the contacts' kind, clinician, length and time of day are drawn as
-- parts/64_contacts.sql inserts them).  Streams 660-665.  Each value is
-- drawn per row from pg_temp.u(stream, key), so it does not depend on row
-- order; no row is added or removed but the listings.  Shares and their
-- sources: test/county/README.md, "Outcomes".

-- Listing: each patient with the primary-care centre of their home, for the
-- whole window.
INSERT INTO patient_listing (patient_id, unit_id, valid)
SELECT patient_id, 'VC-' || vc, daterange(pg_temp.first_day(), NULL)
FROM gen_patient;

-- Diagnoses: a mix of the main diagnoses of Swedish inpatient care by care
-- form, for ward stays and emergency visits by age: the elderly's heart
-- failure, COPD, pneumonia and fractures; the younger's injuries, abdominal
-- complaints and infections; and deliveries, the commonest reason women
-- 18-44 are admitted.  Cumulative shares per form; the code is ICD-10-SE.
CREATE TEMP TABLE gen_diagnosis (form text, upto double precision, code text, PRIMARY KEY (form, upto));
INSERT INTO gen_diagnosis VALUES
	-- ward stays and emergency visits, 65 or older
	('hospital', 0.11, 'I509'), ('hospital', 0.20, 'J441'), ('hospital', 0.29, 'J189'),
	('hospital', 0.35, 'N390'), ('hospital', 0.40, 'I639'), ('hospital', 0.46, 'S7200'),
	('hospital', 0.51, 'I489'), ('hospital', 0.54, 'E119'), ('hospital', 0.58, 'R074'),
	('hospital', 0.62, 'A419'), ('hospital', 0.64, 'K590'), ('hospital', 0.67, 'F059'),
	('hospital', 0.71, 'I214'), ('hospital', 0.76, 'M169'), ('hospital', 0.79, 'C349'),
	('hospital', 0.82, 'K566'), ('hospital', 0.85, 'N179'), ('hospital', 0.88, 'E871'),
	('hospital', 0.91, 'S0600'), ('hospital', 1.00, 'R69'),
	-- ward stays and emergency visits, younger
	('young', 0.06, 'S826'), ('young', 0.12, 'S0600'), ('young', 0.18, 'K359'), ('young', 0.26, 'R104'),
	('young', 0.32, 'K802'), ('young', 0.38, 'A099'), ('young', 0.43, 'J189'), ('young', 0.47, 'J219'),
	('young', 0.51, 'I219'), ('young', 0.57, 'R074'), ('young', 0.61, 'N390'), ('young', 0.66, 'F329'),
	('young', 0.71, 'F100'), ('young', 0.74, 'E109'), ('young', 0.78, 'M545'), ('young', 0.82, 'M171'),
	('young', 0.85, 'K509'), ('young', 0.88, 'G409'), ('young', 0.91, 'C509'), ('young', 1.00, 'R69'),
	-- seven in ten ward stays of women 18-44: deliveries
	('delivery', 0.70, 'O800'), ('delivery', 0.90, 'O829'), ('delivery', 1.00, 'O342'),
	-- hospital at home: infections, heart failure, COPD
	('hah', 0.30, 'J189'), ('hah', 0.50, 'N390'), ('hah', 0.70, 'I509'), ('hah', 0.85, 'J441'),
	('hah', 0.95, 'A419'), ('hah', 1.00, 'L031'),
	-- specialised home care: mostly palliative cancer care
	('asih', 0.25, 'C349'), ('asih', 0.40, 'C189'), ('asih', 0.52, 'C61'), ('asih', 0.62, 'C509'),
	('asih', 0.70, 'C259'), ('asih', 0.80, 'I509'), ('asih', 0.90, 'G122'), ('asih', 1.00, 'Z515');

-- A ward stay after an emergency visit (its slot + 100), a readmission
-- (slots 161-172) and the stay a patient dies in (180) are acute; the one
-- after a transfer back from hospital at home (702) is a transfer; of the
-- others about half are acute, 40% planned and 9% transfers, so that 72% of
-- the stays are acute, 23% planned and 5% transfers.
UPDATE episode e
SET admission_route = CASE
		WHEN e.setting = 'hospital_ward' THEN
			CASE WHEN e.episode_id % 1000 = 702 THEN 'transfer'
				 WHEN r.after_emergency OR e.episode_id % 1000 BETWEEN 161 AND 180 THEN 'acute'
				 WHEN r.u < 0.49 THEN 'acute' WHEN r.u < 0.91 THEN 'planned' ELSE 'transfer' END
		WHEN r.unit_form IN ('hospital_at_home', 'specialised_home_care') THEN
			CASE WHEN e.preceding_discharge IS NOT NULL THEN 'transfer' ELSE 'direct_admission' END
		WHEN e.setting IN ('emergency_department', 'prehospital') THEN 'acute'
		ELSE 'planned' END,
	discharge_destination = CASE
		WHEN e.end_date IS NULL THEN NULL
		WHEN e.setting = 'hospital_ward' THEN
			CASE WHEN r.d < 0.78 THEN 'home' WHEN r.d < 0.89 THEN 'short_term_housing'
				 WHEN r.d < 0.96 THEN 'special_housing' ELSE 'other_ward' END
		WHEN r.unit_form = 'hospital_at_home' AND r.transferred_back THEN 'other_ward'
		WHEN r.unit_form IN ('hospital_at_home', 'specialised_home_care') THEN 'home'
		END,
	main_diagnosis = (SELECT g.code FROM gen_diagnosis g
					  WHERE g.form = r.form AND g.upto >= r.x ORDER BY g.upto LIMIT 1),
	other_diagnoses = CASE WHEN r.form IS NOT NULL AND r.form <> 'delivery' AND r.o < 0.6 THEN
						  ARRAY(SELECT g.code FROM gen_diagnosis g
								WHERE g.form = CASE r.form WHEN 'young' THEN 'young' ELSE 'hospital' END
								  AND g.upto >= pg_temp.u(664, e.episode_id)
								ORDER BY g.upto LIMIT 1)
					  END,
	procedures = CASE WHEN e.setting = 'hospital_ward' AND r.form <> 'delivery' AND r.o < 0.3 THEN ARRAY['DT016'] END
FROM (SELECT x.episode_id, u.unit_form,
			 EXISTS (SELECT FROM episode a WHERE a.episode_id = x.episode_id + 100
					   AND a.setting = 'emergency_department') AS after_emergency,
			 x.episode_id % 1000 = 700
				 AND EXISTS (SELECT FROM episode b WHERE b.episode_id = x.episode_id + 2) AS transferred_back,
			 pg_temp.u(660, x.episode_id) AS u, pg_temp.u(661, x.episode_id) AS d,
			 pg_temp.u(662, x.episode_id) AS x, pg_temp.u(663, x.episode_id) AS o,
			 CASE WHEN x.setting = 'hospital_ward' AND p.sex = 'F' AND a.age BETWEEN 18 AND 44
					   AND pg_temp.u(665, x.episode_id) < 0.7 THEN 'delivery'
				  WHEN x.setting IN ('hospital_ward', 'emergency_department') THEN
					  CASE WHEN a.age >= 65 THEN 'hospital' ELSE 'young' END
				  WHEN u.unit_form = 'hospital_at_home' AND is_home(x.setting) THEN 'hah'
				  WHEN u.unit_form = 'specialised_home_care' THEN 'asih' END AS form
	  FROM episode x
	  JOIN unit u ON u.unit_id = x.unit_id
	  JOIN patient p ON p.patient_id = x.patient_id
	  CROSS JOIN LATERAL (SELECT extract(year FROM x.start_date)::integer - p.birth_year AS age) a) r
WHERE r.episode_id = e.episode_id;

-- Who died on the ward or at the end of specialised home care ended that
-- episode in death.
UPDATE episode e
SET discharge_destination = 'death'
FROM patient p, unit u
WHERE p.patient_id = e.patient_id AND u.unit_id = e.unit_id AND e.end_date = p.death_date
  AND (e.setting = 'hospital_ward' OR u.unit_form = 'specialised_home_care');
