-- A small hand-made registry for the standards' tests (sql/omop.sql,
-- sql/fhir.sql): an episode in every care setting, prehospital included,
-- ended and open ones, and patients of each sex, one without a year of
-- birth, in the registry first in the search_path.
INSERT INTO organisation VALUES
	('R18', 'Region Örebro län', 'region', NULL, NULL, NULL),
	('1880', 'Örebro kommun', 'municipality', 'R18', '1880', NULL),
	('reg_x.y', 'Region X', 'region', NULL, NULL, NULL);
INSERT INTO unit VALUES
	('USO-AVD', 'R18', 'Medicinavdelning USÖ', 'specialised_inpatient', 'none', 'SRID=3006;POINT(514000 6574000)', 101),
	('USO-AKM', 'R18', 'Akutmottagning USÖ', 'specialised_outpatient', 'none', 'SRID=3006;POINT(514100 6574100)', 102),
	('SH-ORE', 'R18', 'Sjukhus hemma Örebro', 'specialised_inpatient', 'hospital_at_home', 'SRID=3006;POINT(514200 6574200)', 103),
	('1880-HSJ', '1880', 'Hemsjukvård Örebro kommun', 'municipal_primary', 'municipal_health_team', NULL, 104),
	('AMB-R18', 'R18', 'Ambulanssjukvården', 'specialised_outpatient', 'other_mobile', 'SRID=3006;POINT(514300 6574300)', 105),
	('DIGI', 'reg_x.y', 'Digital vårdcentral', 'regional_primary', 'none', NULL, 106);
INSERT INTO patient (patient_id, birth_year, sex, municipality_code, birth_date) VALUES
	(1, 1940, 'F', '1880', '1940-05-17'),
	(2, 1935, 'M', '1880', NULL),
	(3, 1990, 'X', NULL, NULL),
	(4, NULL, NULL, '1880', NULL);
INSERT INTO episode VALUES
	(11, 1, 'USO-AVD', 'hospital_ward', true, '2025-01-03', '2025-01-08', NULL),
	(12, 1, 'SH-ORE', 'ordinary_home', true, '2025-01-08', '2025-01-12', '2025-01-08'),
	(13, 2, 'USO-AKM', 'emergency_department', false, '2025-02-05', '2025-02-05', NULL),
	(14, 2, 'USO-AKM', 'outpatient_clinic', false, '2025-02-06', '2025-02-06', NULL),
	(15, 2, '1880-HSJ', 'special_housing', NULL, '2025-02-01', NULL, NULL),
	(16, 3, '1880-HSJ', 'short_term_housing', false, '2025-03-01', '2025-03-20', NULL),
	(17, 3, 'DIGI', 'remote', false, '2025-03-02', '2025-03-02', NULL),
	(18, 3, 'AMB-R18', 'prehospital', false, '2025-03-03', '2025-03-03', NULL),
	(19, 4, 'AMB-R18', 'prehospital', false, '2025-03-04', '2025-03-04', NULL),
	(20, 1, '1880-HSJ', 'ordinary_home', false, '2199-01-01', NULL, NULL);
