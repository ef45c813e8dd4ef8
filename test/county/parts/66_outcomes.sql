-- Outcomes: every patient's listing with primary care, how episodes begin
-- and end, their diagnoses and procedures, the kind, clinician and length
-- of contacts, and deaths.  Streams 660-679.  Each value is drawn per row
-- from pg_temp.u(stream, key), so it does not depend on row order; no row is
-- added or removed but the listings, so the county's counts and fees stay
-- as they are.  Shares and their sources: test/county/README.md, "Outcomes".

-- Listing: each patient with the primary-care centre of their home, for the
-- whole window.
INSERT INTO patient_listing (patient_id, unit_id, valid)
SELECT patient_id, 'VC-' || vc, daterange(pg_temp.first_day(), NULL)
FROM gen_patient;

-- Diagnoses: a mix of the main diagnoses of Swedish inpatient care of the
-- elderly, by care form.  Cumulative shares per form; the code is ICD-10-SE.
CREATE TEMP TABLE gen_diagnosis (form text, upto double precision, code text, PRIMARY KEY (form, upto));
INSERT INTO gen_diagnosis VALUES
	-- ward stays and emergency visits
	('hospital', 0.12, 'I509'), ('hospital', 0.22, 'J441'), ('hospital', 0.31, 'J189'),
	('hospital', 0.38, 'N390'), ('hospital', 0.44, 'I639'), ('hospital', 0.50, 'S7200'),
	('hospital', 0.55, 'I489'), ('hospital', 0.60, 'E119'), ('hospital', 0.64, 'R074'),
	('hospital', 0.68, 'A419'), ('hospital', 0.72, 'K590'), ('hospital', 0.76, 'F059'),
	('hospital', 1.00, 'R69'),
	-- hospital at home: infections, heart failure, COPD
	('hah', 0.30, 'J189'), ('hah', 0.50, 'N390'), ('hah', 0.70, 'I509'), ('hah', 0.85, 'J441'),
	('hah', 0.95, 'A419'), ('hah', 1.00, 'L031'),
	-- specialised home care: mostly palliative cancer care
	('asih', 0.25, 'C349'), ('asih', 0.40, 'C189'), ('asih', 0.52, 'C61'), ('asih', 0.62, 'C509'),
	('asih', 0.70, 'C259'), ('asih', 0.80, 'I509'), ('asih', 0.90, 'G122'), ('asih', 1.00, 'Z515');

UPDATE episode e
SET admission_route = CASE
		WHEN e.setting = 'hospital_ward' THEN
			CASE WHEN r.u < 0.72 THEN 'acute' WHEN r.u < 0.95 THEN 'planned' ELSE 'transfer' END
		WHEN r.unit_form IN ('hospital_at_home', 'specialised_home_care') THEN
			CASE WHEN e.preceding_discharge IS NOT NULL THEN 'transfer' ELSE 'direct_admission' END
		WHEN e.setting IN ('emergency_department', 'prehospital') THEN 'acute'
		ELSE 'planned' END,
	discharge_destination = CASE
		WHEN e.end_date IS NULL THEN NULL
		WHEN e.setting = 'hospital_ward' THEN
			CASE WHEN r.d < 0.78 THEN 'home' WHEN r.d < 0.89 THEN 'short_term_housing'
				 WHEN r.d < 0.96 THEN 'special_housing' ELSE 'other_ward' END
		WHEN r.unit_form IN ('hospital_at_home', 'specialised_home_care') THEN 'home'
		END,
	main_diagnosis = (SELECT g.code FROM gen_diagnosis g
					  WHERE g.form = r.form AND g.upto >= r.x ORDER BY g.upto LIMIT 1),
	other_diagnoses = CASE WHEN r.form IS NOT NULL AND r.o < 0.6 THEN
						  ARRAY(SELECT g.code FROM gen_diagnosis g
								WHERE g.form = 'hospital' AND g.upto >= pg_temp.u(664, e.episode_id) ORDER BY g.upto LIMIT 1)
					  END,
	procedures = CASE WHEN e.setting = 'hospital_ward' AND r.o < 0.3 THEN ARRAY['DT016'] END
FROM (SELECT x.episode_id, u.unit_form,
			 pg_temp.u(660, x.episode_id) AS u, pg_temp.u(661, x.episode_id) AS d,
			 pg_temp.u(662, x.episode_id) AS x, pg_temp.u(663, x.episode_id) AS o,
			 CASE WHEN x.setting IN ('hospital_ward', 'emergency_department') THEN 'hospital'
				  WHEN u.unit_form = 'hospital_at_home' AND is_home(x.setting) THEN 'hah'
				  WHEN u.unit_form = 'specialised_home_care' THEN 'asih' END AS form
	  FROM episode x JOIN unit u ON u.unit_id = x.unit_id) r
WHERE r.episode_id = e.episode_id;

-- Contacts: most team visits planned, some acute, a few preventive (nurse
-- visits); emergency and ambulance contacts acute.  Each unit has a few
-- clinicians per profession, and a patient sees the same one seven times in
-- ten; visits take 30-60 minutes, remote contacts 10-20.
UPDATE contact c
SET kind = CASE WHEN c.setting IN ('emergency_department', 'prehospital') THEN 'acute'
				WHEN r.k < 0.78 THEN 'planned' WHEN r.k < 0.95 THEN 'acute' ELSE 'preventive' END,
	clinician_id = c.unit_id || '-' || left(c.profession, 3) || '-'
				   || CASE WHEN r.s < 0.7 THEN c.patient_id % 4 ELSE floor(r.t * 4)::bigint END,
	duration_minutes = CASE WHEN c.mode = 'physical' THEN 30 + floor(r.t * 31)::integer
							ELSE 10 + floor(r.t * 11)::integer END
FROM (SELECT x.contact_id, pg_temp.u(670, x.contact_id) AS k, pg_temp.u(671, x.contact_id) AS s,
			 pg_temp.u(672, x.contact_id) AS t
	  FROM contact x WHERE x.profession IS NOT NULL) r
WHERE r.contact_id = c.contact_id;

-- Deaths: of the patients aged 65 or more whose records end more than a
-- month before the window does, a share by age dies within two weeks of
-- the last record; after specialised home care (palliative care) most
-- die at home at its end, after a ward stay four in ten on the ward.
CREATE TEMP TABLE gen_last AS
SELECT p.patient_id, p.age, l.last_date, l.last_kind
FROM gen_patient p
CROSS JOIN LATERAL (
	SELECT x.d AS last_date, x.kind AS last_kind
	FROM (SELECT coalesce(e.end_date, pg_temp.last_day()) AS d,
				 CASE WHEN e.setting = 'hospital_ward' THEN 'ward'
					  WHEN u.unit_form = 'specialised_home_care' THEN 'asih' ELSE 'other' END AS kind,
				 e.episode_id AS id
		  FROM episode e JOIN unit u ON u.unit_id = e.unit_id
		  WHERE e.patient_id = p.patient_id
		  UNION ALL
		  SELECT c.contact_date, 'other', c.contact_id FROM contact c WHERE c.patient_id = p.patient_id) x
	ORDER BY x.d DESC, x.kind = 'other', x.id DESC
	LIMIT 1) l
WHERE p.age >= 65 AND l.last_date < pg_temp.last_day() - 30;

UPDATE patient p
SET death_date = CASE WHEN (g.last_kind = 'asih' AND pg_temp.u(676, g.patient_id) < 0.8)
						OR (g.last_kind = 'ward' AND pg_temp.u(676, g.patient_id) < 0.4)
					  THEN g.last_date
					  ELSE g.last_date + 1 + floor(pg_temp.u(677, g.patient_id) * 14)::integer END
FROM gen_last g
WHERE g.patient_id = p.patient_id
  AND pg_temp.u(675, g.patient_id)
	  < CASE WHEN g.age >= 90 THEN 0.45 WHEN g.age >= 85 THEN 0.30 WHEN g.age >= 75 THEN 0.15 ELSE 0.06 END
		* CASE g.last_kind WHEN 'other' THEN 0.4 ELSE 1 END;

-- Who died on the ward or at the end of specialised home care ended that
-- episode in death.
UPDATE episode e
SET discharge_destination = 'death'
FROM patient p, unit u
WHERE p.patient_id = e.patient_id AND u.unit_id = e.unit_id AND e.end_date = p.death_date
  AND (e.setting = 'hospital_ward' OR u.unit_form = 'specialised_home_care');
