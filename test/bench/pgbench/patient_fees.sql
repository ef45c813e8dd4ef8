-- What one patient pays, charge by charge and per year, and what a family
-- pays under the children's shared ceiling (charge_split,
-- patient_fees_by_year).
\set p random(1, :max_patient)
\set f random(1, :max_family)
SELECT count(*) AS charges, sum(paid) AS paid, sum(waived) AS waived
FROM registry.charge_split WHERE patient_id = :p;
SELECT year, principal, charges, list_fees, paid, waived
FROM registry.patient_fees_by_year WHERE patient_id = :p;
SELECT count(*) AS charges, sum(paid) AS paid, sum(waived) AS waived
FROM registry.charge_split WHERE family_id = :f;
