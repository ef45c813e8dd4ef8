-- Care before and after enrollment with a team, per unit
-- (enrollment_followup_by_unit).
\ir lib/setup.sql
\qecho '<section id="followup">'
\qecho '<h2>Follow-up after enrollment</h2>'
SELECT coalesce(json_agg(json_build_object(
			'unit', unit_name, 'care form', replace(unit_form_text, '_', ' '), 'patients', patients,
			'patient-years before', before_years, 'patient-years after', after_years,
			'admissions a year before', admissions_per_year_before, 'admissions a year after', admissions_per_year_after,
			'% change in admissions', round(100 * admissions_change),
			'% change in emergency visits', round(100 * ed_visits_change),
			'% change in bed days', round(100 * bed_days_change))
		ORDER BY unit_form, unit_name), '[]') AS table,
	   coalesce(sum(patients), 0) AS patients, count(*) AS units
FROM enrollment_followup_by_unit
\gset
SELECT xmlelement(name p, xmlattributes('what' AS class),
	format('Admissions, emergency visits and hospital bed days per patient-year in the year before and the year after each '
		   'patient''s first episode with a community care team, specialised home care or hospital at home, per enrolling '
		   'unit (%s patients of %s units), over all the registry''s data rather than the period; -60 is 60%% fewer after.',
		   to_char(:patients, 'FM999,999,999,990'), :units));
\ir lib/table.sql
\qecho '</section>'
\echo follow-up: :patients patients enrolled with :units units
