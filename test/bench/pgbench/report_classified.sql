-- Episodes of one week by harmonised care form and pathway
-- (episode_classified).
\set d random(0, 1088)
SELECT care_form_text, hah_pathway, count(*) AS episodes,
	   count(*) FILTER (WHERE reporting_mismatch) AS mismatches, sum(home_bed_days) AS home_bed_days
FROM registry.episode_classified
WHERE start_date >= date '2023-01-01' + :d AND start_date < date '2023-01-01' + :d + 7
GROUP BY care_form_text, hah_pathway;
