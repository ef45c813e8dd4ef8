-- The title: which registry, database, period and role the report is of,
-- and the period's episodes at a glance (episode_classified).
\ir lib/setup.sql
SELECT count(*) AS episodes, count(DISTINCT patient_id) AS patients,
	   count(*) FILTER (WHERE care_form <> 'none') AS mobile_episodes,
	   count(DISTINCT patient_id) FILTER (WHERE care_form <> 'none') AS mobile_patients,
	   coalesce(sum(home_bed_days), 0) AS home_bed_days
FROM episode_classified
WHERE start_date BETWEEN :'from' AND :'to'
\gset
SELECT xmlelement(name header,
	xmlelement(name h1, 'Mobile care report: registry ' || :'registry' || ', ' || :'from' || ' to ' || :'to'),
	xmlelement(name p, xmlattributes('meta' AS class),
		format('Database %s, read as role %s on %s. The charts count by month over the period; '
			   'the map and the dimensioning show the teams and catchments of today.',
			   current_database(), current_user, to_char(now(), 'YYYY-MM-DD HH24:MI'))),
	xmlelement(name ul, xmlattributes('figures' AS class),
		xmlelement(name li, xmlelement(name b, to_char(:episodes, 'FM999,999,999,990')), ' episodes of ',
			xmlelement(name b, to_char(:patients, 'FM999,999,999,990')), ' patients started in the period'),
		xmlelement(name li, xmlelement(name b, to_char(:mobile_episodes, 'FM999,999,999,990')),
			' of them with a mobile care form, for ',
			xmlelement(name b, to_char(:mobile_patients, 'FM999,999,999,990')), ' patients'),
		xmlelement(name li, xmlelement(name b, to_char(:home_bed_days, 'FM999,999,999,990')),
			' hospital bed days replaced by care at home')));
\echo registry :registry, :from to :to: :episodes episodes of :patients patients, :mobile_episodes of a mobile care form, :home_bed_days home bed days
