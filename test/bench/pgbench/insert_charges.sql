-- A visit charged by both principals, in one statement: a regional
-- outpatient visit (counted towards the high-cost protection) by the region
-- of the patient's municipality and a municipal home-health visit by the
-- municipality.  Each kind is its organisation's principal's, and the date
-- is in a year with a price base amount, as the charge table's trigger
-- requires (doc/fees.md).
\set p random(1, :max_patient)
\set d random(0, 1094)
INSERT INTO registry.charge (charge_id, patient_id, org_code, charge_date, kind, list_fee)
SELECT nextval('mobilvard_bench.charge_id'), p.patient_id,
	   CASE k.principal WHEN 'region' THEN m.parent_org ELSE m.org_code END,
	   date '2023-01-01' + :d, k.kind, k.list_fee
FROM (SELECT patient_id, municipality_code FROM registry.patient
	  WHERE patient_id >= :p ORDER BY patient_id LIMIT 1) p
JOIN registry.organisation m ON m.municipality_code = p.municipality_code AND m.parent_org IS NOT NULL
CROSS JOIN (VALUES ('outpatient_visit', 'region', 200), ('home_health_visit', 'municipality', 250))
	AS k(kind, principal, list_fee);
