-- registry/outcomes.sql: what became of the patients (doc/outcomes.md):
-- readmissions after discharge, and hospital at home as a programme.  The
-- episodes' classification is episode_classified's (doc/classification.md).

-- ---------------------------------------------------------------------------
-- Readmission within 30 days
-- ---------------------------------------------------------------------------

-- Every discharge from inpatient-equivalent care (a ward stay, hospital at
-- home) with the first unplanned ward admission 1 to 30 days after it.  A
-- discharge to death has no readmission to wait for; a planned admission or
-- a transfer is not one; a discharge less than 30 days before the end of
-- the data has not been followed for the whole time.
CREATE VIEW @registry@.readmission WITH (security_invoker = true) AS
WITH data_end AS (
	SELECT max(start_date) AS last_date FROM @registry@.episode
)
SELECT i.episode_id AS index_episode_id,
	   i.patient_id,
	   i.unit_id,
	   i.org_code,
	   i.care_form,
	   i.care_form_text,
	   i.end_date AS discharge_date,
	   @extschema@._month_of(i.end_date) AS month,
	   r.episode_id AS readmission_episode_id,
	   r.start_date - i.end_date AS days_to_readmission,
	   r.episode_id IS NOT NULL AS readmitted,
	   i.end_date + 30 <= d.last_date AS followed_30_days
FROM @registry@.episode_classified i
JOIN @registry@.episode x ON x.episode_id = i.episode_id
CROSS JOIN data_end d
LEFT JOIN LATERAL (
	SELECT e.episode_id, e.start_date
	FROM @registry@.episode e
	WHERE e.patient_id = i.patient_id AND e.setting = 'hospital_ward'
	  AND e.start_date > i.end_date AND e.start_date <= i.end_date + 30
	  AND e.admission_route IS DISTINCT FROM 'planned' AND e.admission_route IS DISTINCT FROM 'transfer'
	ORDER BY e.start_date, e.episode_id
	LIMIT 1
) r ON true
WHERE i.inpatient_equivalent AND i.end_date IS NOT NULL
  AND x.discharge_destination IS DISTINCT FROM 'death';
COMMENT ON VIEW @registry@.readmission IS
	'Every discharge from inpatient-equivalent care (ward stay, hospital at home), not to death, with the first unplanned hospital-ward admission 1-30 days after it (planned admissions and transfers do not count)';
COMMENT ON COLUMN @registry@.readmission.index_episode_id IS 'The episode discharged from (key)';
COMMENT ON COLUMN @registry@.readmission.patient_id IS 'Patient';
COMMENT ON COLUMN @registry@.readmission.unit_id IS 'Unit that discharged the patient';
COMMENT ON COLUMN @registry@.readmission.org_code IS 'Organisation of the unit';
COMMENT ON COLUMN @registry@.readmission.care_form IS 'Classified care form of the index episode';
COMMENT ON COLUMN @registry@.readmission.care_form_text IS 'care_form as text';
COMMENT ON COLUMN @registry@.readmission.discharge_date IS 'Last day of the index episode';
COMMENT ON COLUMN @registry@.readmission.month IS 'First day of the month of the discharge';
COMMENT ON COLUMN @registry@.readmission.readmission_episode_id IS 'The first unplanned ward admission 1-30 days after the discharge; NULL for none';
COMMENT ON COLUMN @registry@.readmission.days_to_readmission IS 'Days from the discharge to the readmission';
COMMENT ON COLUMN @registry@.readmission.readmitted IS 'The patient was readmitted within 30 days';
COMMENT ON COLUMN @registry@.readmission.followed_30_days IS 'The data reach 30 days past the discharge (otherwise a readmission may be missing)';

CREATE VIEW @registry@.readmission_by_month WITH (security_invoker = true) AS
SELECT r.unit_id, r.org_code, r.care_form, r.care_form_text, r.month,
	   pg_catalog.count(*) AS discharges,
	   pg_catalog.count(*) FILTER (WHERE r.readmitted) AS readmissions,
	   round(pg_catalog.count(*) FILTER (WHERE r.readmitted)::numeric / pg_catalog.count(*)::numeric, 3)
		   AS readmission_rate
FROM @registry@.readmission r
WHERE r.followed_30_days
GROUP BY r.unit_id, r.org_code, r.care_form, r.care_form_text, r.month;
COMMENT ON VIEW @registry@.readmission_by_month IS
	'Readmissions within 30 days per discharging unit, care form and month of discharge, of the discharges the data follow for 30 days';
COMMENT ON COLUMN @registry@.readmission_by_month.unit_id IS 'Discharging unit';
COMMENT ON COLUMN @registry@.readmission_by_month.org_code IS 'Organisation of the unit';
COMMENT ON COLUMN @registry@.readmission_by_month.care_form IS 'Classified care form of the index episodes';
COMMENT ON COLUMN @registry@.readmission_by_month.care_form_text IS 'care_form as text';
COMMENT ON COLUMN @registry@.readmission_by_month.month IS 'First day of the month of discharge';
COMMENT ON COLUMN @registry@.readmission_by_month.discharges IS 'Discharges followed for 30 days';
COMMENT ON COLUMN @registry@.readmission_by_month.readmissions IS 'Of them, readmitted within 30 days';
COMMENT ON COLUMN @registry@.readmission_by_month.readmission_rate IS 'readmissions / discharges, rounded to 3 decimals';

-- ---------------------------------------------------------------------------
-- Hospital at home as a programme
-- ---------------------------------------------------------------------------

-- Each hospital-at-home episode with what came before and after it: the
-- ward stay it continues (early supported discharge), the transfer back to
-- a ward (a ward admission on its last day or the day after, or a discharge
-- to another ward), whether an ambulance (a prehospital episode) took the
-- patient there, and death during it or within 30 days of its end.
CREATE VIEW @registry@._hah_episode WITH (security_invoker = true) AS
SELECT h.episode_id, h.patient_id, h.unit_id, h.org_code, h.start_date, h.end_date, h.hah_pathway,
	   h.main_diagnosis,
	   h.end_date - h.start_date AS days_at_home,
	   w.ward_days_before,
	   t.transfer_date IS NOT NULL AS transferred_to_ward,
	   t.by_ambulance,
	   coalesce(h.discharge_destination = 'death' OR p.death_date BETWEEN h.start_date AND h.end_date
				OR (h.end_date IS NULL AND p.death_date >= h.start_date), false) AS died_during,
	   coalesce(p.death_date > h.end_date AND p.death_date <= h.end_date + 30, false) AS died_within_30_days
FROM (SELECT ec.*, e.discharge_destination, e.main_diagnosis
	  FROM @registry@.episode_classified ec
	  JOIN @registry@.episode e ON e.episode_id = ec.episode_id
	  WHERE ec.care_form = 'hospital_at_home' AND ec.home_based) h
LEFT JOIN @registry@.patient p ON p.patient_id = h.patient_id
LEFT JOIN LATERAL (
	SELECT max(greatest(w.end_date - w.start_date, 1)) AS ward_days_before
	FROM @registry@.episode w
	WHERE h.hah_pathway = 'early_supported_discharge' AND w.patient_id = h.patient_id
	  AND w.setting = 'hospital_ward' AND w.end_date = h.preceding_discharge
) w ON true
LEFT JOIN LATERAL (
	SELECT h.end_date AS transfer_date,
		   EXISTS (SELECT FROM @registry@.episode a
				   WHERE a.patient_id = h.patient_id AND a.setting = 'prehospital'
					 AND a.start_date BETWEEN h.end_date - 1 AND h.end_date + 1) AS by_ambulance
	WHERE h.discharge_destination = 'other_ward'
	   OR EXISTS (SELECT FROM @registry@.episode b
				  WHERE b.patient_id = h.patient_id AND b.setting = 'hospital_ward'
					AND b.start_date BETWEEN h.end_date AND h.end_date + 1
					AND b.episode_id <> h.episode_id)
) t ON h.end_date IS NOT NULL;
COMMENT ON VIEW @registry@._hah_episode IS
	'Helper of hah_programme: each hospital-at-home episode at home with its ward stay before, transfer back, ambulance and deaths';
COMMENT ON COLUMN @registry@._hah_episode.episode_id IS 'Hospital-at-home episode';
COMMENT ON COLUMN @registry@._hah_episode.patient_id IS 'Patient';
COMMENT ON COLUMN @registry@._hah_episode.unit_id IS 'Unit';
COMMENT ON COLUMN @registry@._hah_episode.org_code IS 'Organisation of the unit';
COMMENT ON COLUMN @registry@._hah_episode.start_date IS 'First day at home';
COMMENT ON COLUMN @registry@._hah_episode.end_date IS 'Last day; NULL while ongoing';
COMMENT ON COLUMN @registry@._hah_episode.hah_pathway IS 'early_supported_discharge or admission_avoidance';
COMMENT ON COLUMN @registry@._hah_episode.main_diagnosis IS 'Main diagnosis (ICD-10-SE)';
COMMENT ON COLUMN @registry@._hah_episode.days_at_home IS 'end_date - start_date; NULL while ongoing';
COMMENT ON COLUMN @registry@._hah_episode.ward_days_before IS 'Days of the ward stay it continues (early supported discharge)';
COMMENT ON COLUMN @registry@._hah_episode.transferred_to_ward IS 'Ended in a ward admission (on its last day or the next) or a discharge to another ward';
COMMENT ON COLUMN @registry@._hah_episode.by_ambulance IS 'Of a transfer: a prehospital episode within a day of the end';
COMMENT ON COLUMN @registry@._hah_episode.died_during IS 'The patient died during the episode';
COMMENT ON COLUMN @registry@._hah_episode.died_within_30_days IS 'The patient died within 30 days of its end';

-- The episodes are read once: the diagnosis groups are ranked from the same
-- rows the figures are summed from.
CREATE VIEW @registry@.hah_programme WITH (security_invoker = true) AS
WITH h AS (
	SELECT * FROM @registry@._hah_episode
),
diagnosis_group AS (
	SELECT g.unit_id, string_agg(g.code || ' (' || g.n::text || ')', ', ' ORDER BY g.n DESC, g.code) AS top_diagnoses
	FROM (SELECT x.unit_id, x.code, x.n,
				 row_number() OVER (PARTITION BY x.unit_id ORDER BY x.n DESC, x.code) AS place
		  FROM (SELECT h.unit_id, left(h.main_diagnosis, 3) AS code, pg_catalog.count(*) AS n
				FROM h WHERE h.main_diagnosis IS NOT NULL
				GROUP BY h.unit_id, left(h.main_diagnosis, 3)) x) g
	WHERE g.place <= 3
	GROUP BY g.unit_id
)
SELECT h.unit_id, u.name AS unit_name, h.org_code,
	   pg_catalog.count(DISTINCT h.patient_id) AS patients,
	   pg_catalog.count(*) AS episodes,
	   min(h.start_date) AS first_date,
	   max(coalesce(h.end_date, h.start_date)) AS last_date,
	   percentile_cont(0.5) WITHIN GROUP (ORDER BY h.days_at_home) AS median_days_at_home,
	   percentile_cont(0.5) WITHIN GROUP (ORDER BY h.ward_days_before) AS median_ward_days_before,
	   pg_catalog.count(*) FILTER (WHERE h.hah_pathway = 'early_supported_discharge') AS early_supported_discharges,
	   pg_catalog.count(*) FILTER (WHERE h.transferred_to_ward) AS transfers_to_ward,
	   round(pg_catalog.count(*) FILTER (WHERE h.transferred_to_ward)::numeric
			 / nullif(pg_catalog.count(h.end_date), 0)::numeric, 3) AS transfer_share,
	   round(pg_catalog.count(*) FILTER (WHERE h.by_ambulance)::numeric
			 / nullif(pg_catalog.count(*) FILTER (WHERE h.transferred_to_ward), 0)::numeric, 3)
		   AS transfer_by_ambulance_share,
	   pg_catalog.count(*) FILTER (WHERE h.died_during) AS deaths_during,
	   pg_catalog.count(*) FILTER (WHERE h.died_within_30_days) AS deaths_within_30_days,
	   d.top_diagnoses
FROM h
JOIN @registry@.unit u ON u.unit_id = h.unit_id
LEFT JOIN diagnosis_group d ON d.unit_id = h.unit_id
GROUP BY h.unit_id, u.name, h.org_code, d.top_diagnoses;
COMMENT ON VIEW @registry@.hah_programme IS
	'Hospital at home per unit as a programme: patients, episodes, median days at home and on the ward before (early supported discharge), transfers back to a ward and the share of them by ambulance, deaths during the episode and within 30 days, the commonest diagnosis groups';
COMMENT ON COLUMN @registry@.hah_programme.unit_id IS 'Unit';
COMMENT ON COLUMN @registry@.hah_programme.unit_name IS 'Name of the unit';
COMMENT ON COLUMN @registry@.hah_programme.org_code IS 'Organisation of the unit';
COMMENT ON COLUMN @registry@.hah_programme.patients IS 'Patients cared for at home';
COMMENT ON COLUMN @registry@.hah_programme.episodes IS 'Episodes at home';
COMMENT ON COLUMN @registry@.hah_programme.first_date IS 'First day of the first episode';
COMMENT ON COLUMN @registry@.hah_programme.last_date IS 'Last day of the last (start of an ongoing one)';
COMMENT ON COLUMN @registry@.hah_programme.median_days_at_home IS 'Median of end_date - start_date over the ended episodes';
COMMENT ON COLUMN @registry@.hah_programme.median_ward_days_before IS 'Median length of the ward stay before, over the early supported discharges';
COMMENT ON COLUMN @registry@.hah_programme.early_supported_discharges IS 'Episodes that continue a ward stay';
COMMENT ON COLUMN @registry@.hah_programme.transfers_to_ward IS 'Episodes that ended in a transfer back to a ward';
COMMENT ON COLUMN @registry@.hah_programme.transfer_share IS 'transfers_to_ward / ended episodes, rounded to 3 decimals';
COMMENT ON COLUMN @registry@.hah_programme.transfer_by_ambulance_share IS 'Share of the transfers with a prehospital episode within a day of the end, rounded to 3 decimals';
COMMENT ON COLUMN @registry@.hah_programme.deaths_during IS 'Episodes during which the patient died';
COMMENT ON COLUMN @registry@.hah_programme.deaths_within_30_days IS 'Episodes within 30 days after whose end the patient died';
COMMENT ON COLUMN @registry@.hah_programme.top_diagnoses IS 'The three commonest main-diagnosis categories (first three characters of the ICD-10-SE code) with their counts';

-- ---------------------------------------------------------------------------
-- Beds: the ward's and the "virtual beds" at home
-- ---------------------------------------------------------------------------

-- A stay occupies its days from start_date to the day before end_date (the
-- nights; a stay of one day occupies that day), an ongoing one to the last
-- day of the data.  The census is computed from the days beds are taken and
-- freed, then carried day by day, so its cost is that of the episodes and
-- the calendar, not of their product.
CREATE VIEW @registry@.bed_census WITH (security_invoker = true) AS
WITH span AS (
	SELECT min(start_date) AS first_date, max(start_date) AS last_date FROM @registry@.episode
),
stay AS (
	SELECT ec.org_code,
		   CASE WHEN ec.setting = 'hospital_ward' THEN 1 ELSE 0 END AS ward,
		   CASE WHEN ec.setting <> 'hospital_ward' AND ec.care_form = 'hospital_at_home' THEN 1 ELSE 0 END AS hah,
		   CASE WHEN ec.setting <> 'hospital_ward' AND ec.care_form = 'specialised_home_care' THEN 1 ELSE 0 END AS shc,
		   ec.start_date AS first_day,
		   greatest(coalesce(ec.end_date, s.last_date + 1), ec.start_date + 1) AS day_after
	FROM @registry@.episode_classified ec
	CROSS JOIN span s
	WHERE ec.setting = 'hospital_ward'
	   OR (ec.home_based AND ec.care_form IN ('hospital_at_home', 'specialised_home_care'))
),
change AS (
	SELECT c.org_code, c.day, sum(c.ward) AS ward, sum(c.hah) AS hah, sum(c.shc) AS shc
	FROM (SELECT st.org_code, st.first_day AS day, st.ward, st.hah, st.shc FROM stay st
		  UNION ALL
		  SELECT st.org_code, st.day_after, -st.ward, -st.hah, -st.shc FROM stay st) c
	GROUP BY c.org_code, c.day
)
SELECT t.org_code, t.day, t.ward_patients, t.hospital_at_home_patients, t.specialised_home_care_patients,
	   t.hospital_at_home_patients + t.specialised_home_care_patients AS virtual_beds
FROM (SELECT o.org_code, d.day::date AS day,
			 coalesce(sum(c.ward) OVER w, 0)::integer AS ward_patients,
			 coalesce(sum(c.hah) OVER w, 0)::integer AS hospital_at_home_patients,
			 coalesce(sum(c.shc) OVER w, 0)::integer AS specialised_home_care_patients
	  FROM (SELECT DISTINCT st.org_code FROM stay st) o
	  CROSS JOIN span s
	  CROSS JOIN LATERAL pg_catalog.generate_series(s.first_date::timestamp, s.last_date::timestamp,
													'1 day'::interval) d(day)
	  LEFT JOIN change c ON c.org_code = o.org_code AND c.day = d.day::date
	  WINDOW w AS (PARTITION BY o.org_code ORDER BY d.day)) t;
COMMENT ON VIEW @registry@.bed_census IS
	'Per organisation and day of the data: patients on a hospital ward, in hospital at home and in specialised home care (the virtual beds), each stay counted on its nights (start_date to the day before end_date; a one-day stay on its day; an ongoing one to the end of the data)';
COMMENT ON COLUMN @registry@.bed_census.org_code IS 'Organisation of the units';
COMMENT ON COLUMN @registry@.bed_census.day IS 'Day';
COMMENT ON COLUMN @registry@.bed_census.ward_patients IS 'Patients in a hospital-ward bed';
COMMENT ON COLUMN @registry@.bed_census.hospital_at_home_patients IS 'Patients in hospital at home (at home)';
COMMENT ON COLUMN @registry@.bed_census.specialised_home_care_patients IS 'Patients in specialised home care (at home)';
COMMENT ON COLUMN @registry@.bed_census.virtual_beds IS 'hospital_at_home_patients + specialised_home_care_patients';

CREATE VIEW @registry@.bed_census_by_month WITH (security_invoker = true) AS
SELECT b.org_code, @extschema@._month_of(b.day) AS month,
	   sum(b.ward_patients) AS ward_bed_days,
	   sum(b.hospital_at_home_patients) AS hospital_at_home_days,
	   sum(b.specialised_home_care_patients) AS specialised_home_care_days,
	   round(sum(b.hospital_at_home_patients)::numeric
			 / nullif(sum(b.hospital_at_home_patients) + sum(b.ward_patients), 0)::numeric, 4) AS inpatient_days_at_home_share
FROM @registry@.bed_census b
GROUP BY b.org_code, @extschema@._month_of(b.day);
COMMENT ON VIEW @registry@.bed_census_by_month IS
	'bed_census summed per organisation and month: ward bed days, days in hospital at home and in specialised home care, and the share of inpatient bed days (ward and hospital at home) given at home';
COMMENT ON COLUMN @registry@.bed_census_by_month.org_code IS 'Organisation';
COMMENT ON COLUMN @registry@.bed_census_by_month.month IS 'First day of the month';
COMMENT ON COLUMN @registry@.bed_census_by_month.ward_bed_days IS 'Occupied ward bed days';
COMMENT ON COLUMN @registry@.bed_census_by_month.hospital_at_home_days IS 'Days of hospital at home';
COMMENT ON COLUMN @registry@.bed_census_by_month.specialised_home_care_days IS 'Days of specialised home care';
COMMENT ON COLUMN @registry@.bed_census_by_month.inpatient_days_at_home_share IS 'hospital_at_home_days / (hospital_at_home_days + ward_bed_days), rounded to 4 decimals (England, Australia and Canada give 4-5% of inpatient care at home, Sweden 0.2%)';

-- ---------------------------------------------------------------------------
-- How a team works: continuity, proactivity, weekend availability
-- ---------------------------------------------------------------------------

-- Per unit and calendar year.  Continuity is the usual "most frequent
-- provider" index: for each patient with at least two doctor contacts with
-- a known clinician, the share of them with the doctor seen most often,
-- averaged over those patients.
CREATE VIEW @registry@.team_care_profile WITH (security_invoker = true) AS
WITH contact_year AS (
	SELECT c.*, @extschema@._year_of(c.contact_date) AS year
	FROM @registry@.contact c
),
continuity AS (
	SELECT d.unit_id, d.year, avg(d.top::numeric / d.n::numeric) AS continuity,
		   pg_catalog.count(*) AS patients
	FROM (SELECT x.unit_id, x.year, x.patient_id, sum(x.n) AS n, max(x.n) AS top
		  FROM (SELECT c.unit_id, c.year, c.patient_id, c.clinician_id, pg_catalog.count(*) AS n
				FROM contact_year c
				WHERE c.profession = 'doctor' AND c.clinician_id IS NOT NULL
				GROUP BY c.unit_id, c.year, c.patient_id, c.clinician_id) x
		  GROUP BY x.unit_id, x.year, x.patient_id
		  HAVING sum(x.n) >= 2::numeric) d
	GROUP BY d.unit_id, d.year
)
SELECT c.unit_id, u.org_code, c.year,
	   pg_catalog.count(DISTINCT c.patient_id) AS patients,
	   pg_catalog.count(*) AS contacts,
	   pg_catalog.count(*) FILTER (WHERE c.mode = 'physical' AND @extschema@.is_home(c.setting)) AS home_visits,
	   round(pg_catalog.count(*) FILTER (WHERE c.mode = 'physical' AND @extschema@.is_home(c.setting) AND c.kind = 'planned')::numeric
			 / nullif(pg_catalog.count(*) FILTER (WHERE c.mode = 'physical' AND @extschema@.is_home(c.setting)
												  AND c.kind IS NOT NULL), 0)::numeric, 3) AS planned_home_visit_share,
	   round(pg_catalog.count(*) FILTER (WHERE extract(isodow FROM c.contact_date) >= 6::numeric)::numeric
			 / pg_catalog.count(*)::numeric, 3) AS weekend_contact_share,
	   round(pg_catalog.count(*) FILTER (WHERE c.contact_time >= '17:00'::time OR c.contact_time < '07:00'::time)::numeric
			 / nullif(pg_catalog.count(c.contact_time), 0)::numeric, 3) AS evening_contact_share,
	   round(k.continuity, 3) AS doctor_continuity,
	   coalesce(k.patients, 0) AS continuity_patients
FROM contact_year c
JOIN @registry@.unit u ON u.unit_id = c.unit_id
LEFT JOIN continuity k ON k.unit_id = c.unit_id AND k.year = c.year
GROUP BY c.unit_id, u.org_code, c.year, k.continuity, k.patients;
COMMENT ON VIEW @registry@.team_care_profile IS
	'Per unit and calendar year: patients, contacts, home visits, the planned share of home visits (proactivity), the weekend and evening shares of contacts (availability) and doctor continuity (the mean, over patients with two or more doctor contacts with a known clinician, of the share with their most frequent doctor)';
COMMENT ON COLUMN @registry@.team_care_profile.unit_id IS 'Unit';
COMMENT ON COLUMN @registry@.team_care_profile.org_code IS 'Organisation of the unit';
COMMENT ON COLUMN @registry@.team_care_profile.year IS 'Calendar year of the contacts';
COMMENT ON COLUMN @registry@.team_care_profile.patients IS 'Patients with contacts';
COMMENT ON COLUMN @registry@.team_care_profile.contacts IS 'Contacts';
COMMENT ON COLUMN @registry@.team_care_profile.home_visits IS 'Physical contacts in a home setting';
COMMENT ON COLUMN @registry@.team_care_profile.planned_home_visit_share IS 'Planned home visits / home visits of known kind, rounded to 3 decimals; NULL when no kind is known';
COMMENT ON COLUMN @registry@.team_care_profile.weekend_contact_share IS 'Contacts on a Saturday or Sunday / contacts, rounded to 3 decimals';
COMMENT ON COLUMN @registry@.team_care_profile.evening_contact_share IS 'Contacts beginning from 17:00 or before 07:00 / contacts with a known time, rounded to 3 decimals; NULL when no time is known';
COMMENT ON COLUMN @registry@.team_care_profile.doctor_continuity IS 'Mean share of a patient''s doctor contacts with their most frequent doctor, rounded to 3 decimals; NULL without such patients';
COMMENT ON COLUMN @registry@.team_care_profile.continuity_patients IS 'Patients the continuity is computed over';
