-- Patient fees: what patients pay, what each principal waives, and what home
-- health care would cost if the region or the municipality delivered it.
SET search_path = registry, mobilvard, public;

\echo
\echo '== Fees by principal and year (SEK): list fees, paid by patients, waived'
SELECT principal, extract(year FROM charge_date)::integer AS year, count(*) AS charges,
	   sum(list_fee) AS list_fees, sum(paid) AS paid, sum(waived) AS waived,
	   round(100 * sum(waived) / nullif(sum(list_fee), 0), 1) AS waived_pct
FROM charge_split
GROUP BY 1, 2
ORDER BY 1 DESC, 2;

\echo
\echo '== What was waived, and by which rule'
SELECT principal, coalesce(waived_by, '-') AS waived_by, count(*) AS charges,
	   sum(waived) AS waived_sek
FROM charge_split
WHERE waived > 0
GROUP BY 1, 2
ORDER BY 1 DESC, 4 DESC;

\echo
\echo '== Patients with fees waived under frikort, and with a month capped by the maximum fee (or their margin), per year'
SELECT extract(year FROM charge_date)::integer AS year,
	   count(DISTINCT patient_id) FILTER (WHERE counts_towards = 'hcp') AS with_regional_fees,
	   count(DISTINCT patient_id) FILTER (WHERE waived_by = 'frikort') AS waived_by_frikort,
	   count(DISTINCT patient_id) FILTER (WHERE counts_towards = 'maxtaxa') AS with_municipal_fees,
	   count(DISTINCT patient_id) FILTER (WHERE waived_by LIKE '%maxtaxa') AS capped_by_maxtaxa
FROM charge_split
GROUP BY 1
ORDER BY 1;

-- Home health care of the registry's last twelve months, each patient's
-- visits priced both ways (home_health_what_if, doc/fees.md).
SELECT daterange((max(contact_date) - interval '1 year')::date, max(contact_date), '(]') AS period
FROM contact \gset
CREATE TEMP TABLE what_if AS
SELECT h.patient_id, w.*
FROM (SELECT DISTINCT patient_id FROM contact
	  WHERE mode = 'physical' AND setting = 'ordinary_home' AND contact_date <@ :'period'::daterange) h
CROSS JOIN LATERAL home_health_what_if(h.patient_id, :'period'::daterange) w
WHERE w.contacts > 0;

\echo
\echo '== What if home health care (last twelve months) were the region''s (home-visit fee, high-cost protection) or the municipality''s (tariff, caps, maximum fee)?'
SELECT principal AS delivered_by, count(*) AS patients, sum(contacts) AS visits,
	   sum(list_fees) AS list_fees, sum(patient_pays) AS patients_pay,
	   sum(principal_waives) AS waived, round(avg(patient_pays)) AS avg_per_patient,
	   sum(doctor_visits) AS doctor_visits_by_the_region,
	   count(*) FILTER (WHERE patient_pays IS NULL) AS not_priced
FROM what_if
GROUP BY principal
ORDER BY principal DESC;

\echo
\echo '== Who would pay more if the municipality delivered it'
SELECT CASE WHEN m.patient_pays > r.patient_pays THEN 'more with the municipality'
			WHEN m.patient_pays < r.patient_pays THEN 'more with the region'
			ELSE 'the same' END AS patient_pays,
	   count(*) AS patients,
	   round(avg(m.patient_pays - r.patient_pays)) AS avg_difference_sek,
	   max(abs(m.patient_pays - r.patient_pays)) AS largest_difference_sek
FROM what_if r
JOIN what_if m ON m.patient_id = r.patient_id AND m.principal = 'municipality'
WHERE r.principal = 'region' AND r.patient_pays IS NOT NULL AND m.patient_pays IS NOT NULL
GROUP BY 1
ORDER BY 2 DESC;

\echo
\echo '== Fee conflicts: both principals charging for one piece of care, and fees above the legal cap (fee_conflict)'
SELECT rule, count(*) AS cases, count(DISTINCT patient_id) AS patients,
	   coalesce(sum(region_fees), 0) AS region_fees, coalesce(sum(municipality_fees), 0) AS municipality_fees
FROM fee_conflict
GROUP BY rule
ORDER BY rule;
