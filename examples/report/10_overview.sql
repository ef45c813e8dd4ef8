-- The registry at a glance: who is in it and what was reported.
SET search_path = registry, mobilvard, public;

\echo
\echo '== Registry overview'
SELECT (SELECT count(*) FROM organisation WHERE principal = 'region') AS regions,
	   (SELECT count(*) FROM organisation WHERE principal = 'municipality') AS municipalities,
	   (SELECT count(*) FROM unit) AS units,
	   (SELECT count(*) FROM patient) AS patients,
	   (SELECT count(*) FROM episode) AS episodes,
	   (SELECT count(*) FROM contact) AS contacts,
	   (SELECT count(*) FROM charge) AS charges;

\echo
\echo '== Episodes by setting and unit form (as reported)'
SELECT e.setting, u.unit_form, count(*) AS episodes, count(DISTINCT e.patient_id) AS patients
FROM episode e
JOIN unit u USING (unit_id)
GROUP BY e.setting, u.unit_form
ORDER BY e.setting, u.unit_form;

\echo
\echo '== Charges by kind'
SELECT c.kind, k.principal, k.counts_towards, count(*) AS charges,
	   sum(c.list_fee) AS list_fees_sek
FROM charge c
JOIN charge_kind k USING (kind)
GROUP BY c.kind, k.principal, k.counts_towards
ORDER BY k.principal, c.kind;
