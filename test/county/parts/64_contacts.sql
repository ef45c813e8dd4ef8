-- Contacts: the point contacts care periods are stitched from.  A one-day
-- episode (clinic, emergency, digital, ambulance, X-ray) has one contact; a
-- team episode has a contact every few days (the form's rhythm, with some
-- jitter, dates not decreasing) from start to end (or to 2025-12-31 while
-- ongoing); a third of the episodes longer than four months pause for 45
-- days, so that they form two care periods at a 30-day gap.  Teams that
-- work weekdays (primary care's, the specialist teams, mobile psychiatry,
-- the community care teams) move a weekend visit to the nearest weekday
-- inside the episode; hospital at home, specialised home care, the
-- municipal teams, emergency care and the digital centre work every day.
-- Ward stays have no point contacts.  contact_id = episode_id * 1000 + the
-- contact's number in the episode.  Streams 640-644, 670-672 and 840-841.

-- The rhythm, modes and professions of each kind of episode (cumulative
-- shares: mode physical < video < phone < remote_monitoring; profession
-- doctor < nurse < assistant_nurse < physiotherapist <
-- occupational_therapist < other).
CREATE TEMP TABLE gen_contact_rule (
	unit_form care_form,
	setting care_setting,
	every_days integer,			-- NULL: one contact on the start date
	physical double precision, video double precision, phone double precision,
	doctor double precision, nurse double precision, assistant double precision,
	physio double precision, ot double precision,
	PRIMARY KEY (unit_form, setting)
);
INSERT INTO gen_contact_rule VALUES
	('none', 'outpatient_clinic', NULL, 1, 1, 1, 0.5, 0.85, 0.85, 1, 1),
	('none', 'emergency_department', NULL, 1, 1, 1, 0.8, 1, 1, 1, 1),
	('none', 'remote', NULL, 0, 0.4, 1, 0.6, 1, 1, 1, 1),
	('other_mobile', 'prehospital', NULL, 1, 1, 1, 0.2, 1, 1, 1, 1),
	('other_mobile', 'special_housing', NULL, 1, 1, 1, 0, 0, 0, 0, 0),
	('hospital_at_home', 'ordinary_home', 1, 0.6, 0.8, 0.85, 0.35, 1, 1, 1, 1),
	('specialised_home_care', 'ordinary_home', 3, 0.8, 0.8, 1, 0.25, 1, 1, 1, 1),
	('specialised_home_care', 'special_housing', 4, 0.8, 0.8, 1, 0.25, 1, 1, 1, 1),
	('community_care_team', 'ordinary_home', 5, 0.7, 0.85, 1, 0.35, 1, 1, 1, 1),
	('community_care_team', 'special_housing', 7, 0.7, 0.85, 1, 0.35, 1, 1, 1, 1),
	('mobile_specialist_team', 'ordinary_home', 7, 0.8, 1, 1, 0.3, 0.7, 0.7, 0.9, 1),
	('mobile_specialist_team', 'special_housing', 10, 0.8, 1, 1, 0.3, 0.7, 0.7, 0.9, 1),
	('mobile_specialist_team', 'remote', 3, 0, 0, 0.2, 0.1, 1, 1, 1, 1),
	('mobile_psychiatry', 'ordinary_home', 4, 0.7, 0.7, 1, 0.2, 0.7, 0.7, 0.7, 0.7),
	('mobile_primary_care', 'ordinary_home', 21, 0.85, 0.85, 1, 0.3, 1, 1, 1, 1),
	('mobile_primary_care', 'special_housing', 21, 0.9, 0.9, 1, 0.4, 1, 1, 1, 1),
	('municipal_health_team', 'ordinary_home', 10, 0.95, 0.95, 1, 0, 0.6, 0.8, 0.9, 1),
	('municipal_health_team', 'special_housing', 14, 0.95, 0.95, 1, 0, 0.7, 0.9, 0.95, 1),
	('municipal_health_team', 'short_term_housing', 3, 1, 1, 1, 0, 0.6, 0.8, 0.9, 1);

-- One row per episode with contacts: the rule, the number of contacts, the
-- pause, and what the fees of its contacts depend on (68_charges.sql).
CREATE TEMP TABLE gen_contact_plan AS
SELECT e.episode_id, e.patient_id, e.unit_id, e.setting, e.start_date, l.last,
	   r.every_days, r.physical, r.video, r.phone, r.doctor, r.nurse, r.assistant, r.physio, r.ot,
	   CASE WHEN r.every_days IS NULL THEN 1
			ELSE least((l.last - e.start_date) / r.every_days + 1, 999) END AS n,
	   CASE WHEN l.last - e.start_date > 120 AND pg_temp.u(640, e.episode_id) < 0.33
			THEN e.start_date + 30 + floor(pg_temp.u(641, e.episode_id) * (l.last - e.start_date - 90))::integer
	   END AS pause_from,
	   e.reported_inpatient, u.org_code, u.unit_level, 2025 - p.birth_year AS age, m.home_health_tariff,
	   u.unit_form IN ('mobile_primary_care', 'mobile_specialist_team', 'mobile_psychiatry', 'community_care_team')
		   AS weekdays_only,
	   u.unit_form
FROM episode e
CROSS JOIN LATERAL (SELECT coalesce(e.end_date, pg_temp.last_day()) AS last) l
JOIN unit u USING (unit_id)
JOIN gen_contact_rule r ON r.unit_form = u.unit_form AND r.setting = e.setting
JOIN patient p USING (patient_id)
LEFT JOIN gen_municipality m ON m.code = u.org_code
ORDER BY e.episode_id;	-- contacts then come in key order: cheaper index inserts

-- The contacts, with their episode's setting and the plan's fee inputs.
CREATE TEMP VIEW gen_contact AS
SELECT episode_id * 1000 + k AS contact_id, patient_id, unit_id,
	   CASE WHEN weekdays_only AND pg_temp.weekday(d) BETWEEN start_date AND last THEN pg_temp.weekday(d)
			ELSE d END AS contact_date,
	   CASE WHEN mode = 'physical' THEN setting ELSE 'remote' END::care_setting AS setting,
	   mode,
	   CASE WHEN w < doctor THEN 'doctor' WHEN w < nurse THEN 'nurse'
			WHEN w < assistant THEN 'assistant_nurse' WHEN w < physio THEN 'physiotherapist'
			WHEN w < ot THEN 'occupational_therapist' ELSE 'other' END AS profession,
	   setting AS episode_setting, reported_inpatient, org_code, unit_level, unit_form, age, home_health_tariff
FROM (
	SELECT *,
		   least(start_date + k * coalesce(every_days, 0)
				 + floor(pg_temp.u(642, episode_id, k) * coalesce(every_days, 0) / 2)::integer, last) AS d,
		   CASE WHEN v < physical THEN 'physical' WHEN v < video THEN 'video'
				WHEN v < phone THEN 'phone' ELSE 'remote_monitoring' END AS mode
	FROM (SELECT *, pg_temp.u(643, episode_id, k) AS v, pg_temp.u(644, episode_id, k) AS w
		  FROM (SELECT *, generate_series(0, n - 1) AS k FROM gen_contact_plan) each_contact) drawn
) dated
WHERE pause_from IS NULL OR d NOT BETWEEN pause_from AND pause_from + 44;

-- With their outcome columns: most team visits planned, some acute, a few
-- preventive (nurse visits); emergency and ambulance contacts acute.  Each
-- unit has a few clinicians per profession, and a patient sees the same one
-- seven times in ten; visits take 30-60 minutes, remote contacts 10-20.
-- The time of day: emergency and ambulance contacts at any hour; the
-- hospital-at-home, specialised home care and municipal teams a fifth of
-- their contacts in the evening (17:00-21:45), the digital primary-care
-- centre a third, the others one in twenty-five; else in the day
-- (08:00-16:45).  Every contact has one here; real extracts may not.
INSERT INTO contact (contact_id, patient_id, unit_id, contact_date, setting, mode, profession,
					 kind, clinician_id, duration_minutes, contact_time)
SELECT c.contact_id, c.patient_id, c.unit_id, c.contact_date, c.setting, c.mode, c.profession,
	   CASE WHEN c.profession IS NULL THEN NULL
			WHEN c.setting IN ('emergency_department', 'prehospital') THEN 'acute'
			WHEN r.k < 0.78 THEN 'planned' WHEN r.k < 0.95 THEN 'acute' ELSE 'preventive' END,
	   CASE WHEN c.profession IS NOT NULL THEN
		   c.unit_id || '-' || left(c.profession, 3) || '-'
		   || CASE WHEN r.s < 0.7 THEN c.patient_id % 4 ELSE floor(r.t * 4)::bigint END END,
	   CASE WHEN c.profession IS NULL THEN NULL
			WHEN c.mode = 'physical' THEN 30 + floor(r.t * 31)::integer
			ELSE 10 + floor(r.t * 11)::integer END,
	   CASE WHEN c.setting IN ('emergency_department', 'prehospital')
				THEN time '00:00' + floor(96 * r.h) * interval '15 minutes'
			WHEN r.h < CASE WHEN c.unit_form IN ('hospital_at_home', 'specialised_home_care',
												 'municipal_health_team') THEN 0.2::float8
							WHEN c.unit_id = 'DIGI-R18' THEN 0.33
							ELSE 0.04 END
				THEN time '17:00' + floor(20 * r.m) * interval '15 minutes'
			ELSE time '08:00' + floor(36 * r.m) * interval '15 minutes' END
FROM gen_contact c
CROSS JOIN LATERAL (SELECT pg_temp.u(670, c.contact_id) AS k, pg_temp.u(671, c.contact_id) AS s,
						   pg_temp.u(672, c.contact_id) AS t, pg_temp.u(840, c.contact_id) AS h,
						   pg_temp.u(841, c.contact_id) AS m) r;

ANALYZE contact;
