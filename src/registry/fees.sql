-- registry/fees.sql: charges, what kind of fee each is, and the tariffs
-- of the regions and municipalities (doc/fees.md).  The reference rows
-- mobilvard ships are ordinary rows of the registry's tables, for the DBA to
-- edit.

CREATE TABLE @registry@.charge_kind (
	kind text PRIMARY KEY,
	principal text NOT NULL
		CONSTRAINT charge_kind_principal_is_region_or_municipality
		CHECK (principal IN ('region', 'municipality')),
	counts_towards text NOT NULL
		CONSTRAINT charge_kind_counts_towards_is_known
		CHECK (counts_towards IN ('hcp', 'maxtaxa', 'none')),
	category text,
	description text NOT NULL,
	CONSTRAINT charge_kind_hcp_is_regional CHECK (counts_towards <> 'hcp' OR principal = 'region'),
	CONSTRAINT charge_kind_maxtaxa_is_municipal CHECK (counts_towards <> 'maxtaxa' OR principal = 'municipality')
);
COMMENT ON TABLE @registry@.charge_kind IS
	'What each kind of patient fee is for, who charges it, and which protection it counts towards';
COMMENT ON COLUMN @registry@.charge_kind.kind IS 'Kind of fee (key)';
COMMENT ON COLUMN @registry@.charge_kind.principal IS 'Who charges it: ''region'' or ''municipality''';
COMMENT ON COLUMN @registry@.charge_kind.counts_towards IS '''hcp'' (the region''s high-cost protection), ''maxtaxa'' (the municipality''s maximum fee) or ''none''';
COMMENT ON COLUMN @registry@.charge_kind.category IS 'Municipal tariff category whose monthly cap applies (see municipal_tariff)';
COMMENT ON COLUMN @registry@.charge_kind.description IS 'What the fee is for';

-- The charge kinds mobilvard ships.
INSERT INTO @registry@.charge_kind (kind, principal, counts_towards, category, description) VALUES
	('outpatient_visit', 'region', 'hcp', NULL::text, 'Visit to an outpatient clinic or primary-care centre'),
	('home_visit', 'region', 'hcp', NULL, 'Home visit by regional staff'),
	('digital_visit', 'region', 'hcp', NULL, 'Video or other digital visit'),
	('inpatient_day', 'region', 'none', NULL, 'Daily fee for inpatient care (not counted towards the high-cost protection)'),
	('missed_appointment', 'region', 'none', NULL, 'Fee for a missed appointment'),
	('certificate', 'region', 'none', NULL, 'Medical certificate'),
	('home_health_month', 'municipality', 'maxtaxa', 'home_health', 'Home health care, monthly flat fee'),
	('home_health_visit', 'municipality', 'maxtaxa', 'home_health', 'Home health care, fee per visit'),
	('home_rehabilitation', 'municipality', 'maxtaxa', 'home_rehabilitation', 'Home rehabilitation, fee per visit'),
	('home_help', 'municipality', 'maxtaxa', 'home_help', 'Home help (hemtjänst)'),
	('safety_alarm', 'municipality', 'maxtaxa', 'safety_alarm', 'Safety alarm (trygghetslarm), monthly'),
	('short_term_housing_day', 'municipality', 'maxtaxa', 'short_term_housing', 'Care in short-term housing, per day');

-- The kinds each organisation may not charge: those of the other principal
-- (the charge rules of fees.sql).
CREATE VIEW @registry@._charge_kind_mismatch WITH (security_invoker = true) AS
SELECT k.kind, k.principal AS kind_principal, o.org_code, o.principal AS org_principal
FROM @registry@.charge_kind k
JOIN @registry@.organisation o ON o.principal OPERATOR(pg_catalog.<>) k.principal;
COMMENT ON VIEW @registry@._charge_kind_mismatch IS
	'Helper of the charge rules: each organisation with each kind of fee of the other principal, which it may not charge';
COMMENT ON COLUMN @registry@._charge_kind_mismatch.kind IS 'Kind of fee';
COMMENT ON COLUMN @registry@._charge_kind_mismatch.kind_principal IS 'Who charges that kind';
COMMENT ON COLUMN @registry@._charge_kind_mismatch.org_code IS 'An organisation of the other principal';
COMMENT ON COLUMN @registry@._charge_kind_mismatch.org_principal IS 'Its principal';

CREATE TABLE @registry@.charge (
	charge_id bigint PRIMARY KEY,
	patient_id bigint NOT NULL REFERENCES @registry@.patient (patient_id),
	org_code text NOT NULL REFERENCES @registry@.organisation (org_code),
	charge_date date NOT NULL,
	kind text NOT NULL REFERENCES @registry@.charge_kind (kind),
	list_fee numeric NOT NULL
		CONSTRAINT charge_list_fee_not_negative CHECK (list_fee >= 0::numeric),
	-- One row with NaN or Infinity, or a date outside any registry's
	-- years, would make every sum over the charges fail or lie.
	CONSTRAINT charge_list_fee_finite CHECK (list_fee < 'Infinity'),
	CONSTRAINT charge_date_plausible CHECK (charge_date BETWEEN '1900-01-01' AND '2199-12-31')
);
-- New and updated charges: their years and principals (fees.sql).
CREATE TRIGGER new_charges_checked_on_insert AFTER INSERT ON @registry@.charge
	REFERENCING NEW TABLE AS new_charges
	FOR EACH STATEMENT EXECUTE FUNCTION @extschema@._check_new_charges();
CREATE TRIGGER new_charges_checked_on_update AFTER UPDATE ON @registry@.charge
	REFERENCING NEW TABLE AS new_charges
	FOR EACH STATEMENT EXECUTE FUNCTION @extschema@._check_new_charges();
CREATE INDEX charge_patient_date_idx ON @registry@.charge (patient_id, charge_date, charge_id);
CREATE INDEX charge_org_date_idx ON @registry@.charge (org_code, charge_date);
COMMENT ON TABLE @registry@.charge IS
	'Patient fees at list price, one row per charge (see charge_split for what the patient pays)';
COMMENT ON COLUMN @registry@.charge.charge_id IS 'Charge identifier (key; orders charges of the same day)';
COMMENT ON COLUMN @registry@.charge.patient_id IS 'Patient charged';
COMMENT ON COLUMN @registry@.charge.org_code IS 'Organisation that charges';
COMMENT ON COLUMN @registry@.charge.charge_date IS 'Date of the care the fee is for';
COMMENT ON COLUMN @registry@.charge.kind IS 'Kind of fee (charge_kind)';
COMMENT ON COLUMN @registry@.charge.list_fee IS 'Fee by the tariff before any protection, SEK';

-- Tariffs.  A tariff row applies over its validity range; ranges of one
-- organisation (and category) never overlap (exclusion constraints, so that
-- two sessions cannot both add overlapping rows).  The *_default tables hold
-- the figures for organisations without a decision of their own.

CREATE TABLE @registry@.region_tariff (
	org_code text NOT NULL REFERENCES @registry@.organisation (org_code),
	valid @extschema@.validity NOT NULL
		CONSTRAINT region_tariff_valid_not_empty CHECK (NOT pg_catalog.isempty(valid)),
	hcp_ceiling numeric
		CONSTRAINT region_tariff_ceiling_positive CHECK (hcp_ceiling > 0::numeric),
	inpatient_day_fee numeric
		CONSTRAINT region_tariff_inpatient_day_fee_not_negative CHECK (inpatient_day_fee >= 0::numeric),
	home_visit_fee numeric
		CONSTRAINT region_tariff_home_visit_fee_not_negative CHECK (home_visit_fee >= 0::numeric),
	CONSTRAINT region_tariff_fees_finite
		CHECK (hcp_ceiling < 'Infinity' AND inpatient_day_fee < 'Infinity' AND home_visit_fee < 'Infinity'),
	free_ages int4multirange
		CONSTRAINT region_tariff_free_ages_plausible
		CHECK (free_ages OPERATOR(pg_catalog.<@) '{[0,131)}'::int4multirange),
	PRIMARY KEY (org_code, valid),
	CONSTRAINT region_tariff_not_overlapping EXCLUDE USING gist (org_code WITH =, valid WITH OPERATOR(pg_catalog.&&))
);
COMMENT ON TABLE @registry@.region_tariff IS
	'A region''s own fee decisions over a validity range; where none applies, the national ceiling and region_tariff_default do';
COMMENT ON COLUMN @registry@.region_tariff.org_code IS 'Region';
COMMENT ON COLUMN @registry@.region_tariff.valid IS 'Dates the tariff applies to';
COMMENT ON COLUMN @registry@.region_tariff.hcp_ceiling IS 'High-cost protection ceiling, SEK per 12 months; NULL for the national ceiling.  A region may only lower it: the lower of this and the national ceiling applies';
COMMENT ON COLUMN @registry@.region_tariff.inpatient_day_fee IS 'Fee per day of inpatient care, SEK (not counted towards the high-cost protection); NULL for region_tariff_default''s';
COMMENT ON COLUMN @registry@.region_tariff.home_visit_fee IS 'Fee per home visit by the region''s staff, SEK (counted towards the high-cost protection); NULL for region_tariff_default''s';
COMMENT ON COLUMN @registry@.region_tariff.free_ages IS 'Ages (whole years on the date of care) at which the region''s counted fees are free, beyond the national rule of region_tariff_default.free_from_age; e.g. ''{[0,20)}'' for children and young people under 20';

CREATE TABLE @registry@.region_tariff_default (
	valid @extschema@.validity PRIMARY KEY
		CONSTRAINT region_tariff_default_valid_not_empty CHECK (NOT pg_catalog.isempty(valid)),
	inpatient_day_fee numeric NOT NULL
		CONSTRAINT region_tariff_default_inpatient_day_fee_not_negative CHECK (inpatient_day_fee >= 0::numeric),
	home_visit_fee numeric NOT NULL
		CONSTRAINT region_tariff_default_home_visit_fee_not_negative CHECK (home_visit_fee >= 0::numeric),
	CONSTRAINT region_tariff_default_fees_finite
		CHECK (inpatient_day_fee < 'Infinity' AND home_visit_fee < 'Infinity'),
	free_from_age integer DEFAULT 85
		CONSTRAINT region_tariff_default_free_from_age_plausible CHECK (free_from_age BETWEEN 0 AND 130),
	CONSTRAINT region_tariff_default_not_overlapping EXCLUDE USING gist (valid WITH OPERATOR(pg_catalog.&&))
);
COMMENT ON TABLE @registry@.region_tariff_default IS
	'Regional fees where a region has decided none of its own (region_tariff)';
COMMENT ON COLUMN @registry@.region_tariff_default.valid IS 'Dates the figures apply to';
COMMENT ON COLUMN @registry@.region_tariff_default.inpatient_day_fee IS 'Fee per day of inpatient care, SEK';
COMMENT ON COLUMN @registry@.region_tariff_default.home_visit_fee IS 'Fee per home visit by regional staff, SEK';
COMMENT ON COLUMN @registry@.region_tariff_default.free_from_age IS 'Age (whole years on the date of care) from which every region''s counted fees are free: 85 by the health care act from 1 January 2017; NULL for none';

-- The default regional fees mobilvard ships (assumed; doc/fees.md): 100 SEK
-- per inpatient day, 200 SEK per home visit; counted fees free from 85 since
-- the law of 1 January 2017.
INSERT INTO @registry@.region_tariff_default (valid, inpatient_day_fee, home_visit_fee, free_from_age) VALUES
	('(,2017-01-01)'::daterange, 100::numeric, 200::numeric, NULL::integer),
	('[2017-01-01,)', 100, 200, 85);

CREATE TABLE @registry@.municipal_tariff (
	org_code text NOT NULL REFERENCES @registry@.organisation (org_code),
	valid @extschema@.validity NOT NULL
		CONSTRAINT municipal_tariff_valid_not_empty CHECK (NOT pg_catalog.isempty(valid)),
	category text NOT NULL,
	monthly_cap numeric
		CONSTRAINT municipal_tariff_cap_not_negative CHECK (monthly_cap >= 0::numeric),
	monthly_fee numeric
		CONSTRAINT municipal_tariff_monthly_fee_not_negative CHECK (monthly_fee >= 0::numeric),
	visit_fee numeric
		CONSTRAINT municipal_tariff_visit_fee_not_negative CHECK (visit_fee >= 0::numeric),
	free_from_age integer
		CONSTRAINT municipal_tariff_free_from_age_plausible CHECK (free_from_age BETWEEN 0 AND 130),
	CONSTRAINT municipal_tariff_flat_or_per_visit CHECK (monthly_fee IS NULL OR visit_fee IS NULL),
	CONSTRAINT municipal_tariff_fees_finite
		CHECK (monthly_cap < 'Infinity' AND monthly_fee < 'Infinity' AND visit_fee < 'Infinity'),
	PRIMARY KEY (org_code, valid, category),
	CONSTRAINT municipal_tariff_not_overlapping
		EXCLUDE USING gist (org_code WITH =, category WITH =, valid WITH OPERATOR(pg_catalog.&&))
);
COMMENT ON TABLE @registry@.municipal_tariff IS
	'A municipality''s fee decisions per tariff category over a validity range; a row decides the whole category (its NULLs mean none), where none applies municipal_tariff_default does';
COMMENT ON COLUMN @registry@.municipal_tariff.org_code IS 'Municipality';
COMMENT ON COLUMN @registry@.municipal_tariff.valid IS 'Dates the tariff applies to';
COMMENT ON COLUMN @registry@.municipal_tariff.category IS 'Tariff category (charge_kind.category)';
COMMENT ON COLUMN @registry@.municipal_tariff.monthly_cap IS 'Most a patient pays in the category per calendar month, SEK; NULL for no category cap';
COMMENT ON COLUMN @registry@.municipal_tariff.monthly_fee IS 'Flat fee per calendar month with care in the category, SEK; NULL when the category charges per visit';
COMMENT ON COLUMN @registry@.municipal_tariff.visit_fee IS 'Fee per visit, SEK; NULL when the category charges a flat monthly fee';
COMMENT ON COLUMN @registry@.municipal_tariff.free_from_age IS 'Age (whole years on the date of the charge) from which the category''s fees are waived, e.g. 85; NULL for none';

CREATE TABLE @registry@.municipal_tariff_default (
	category text NOT NULL,
	valid @extschema@.validity NOT NULL
		CONSTRAINT municipal_tariff_default_valid_not_empty CHECK (NOT pg_catalog.isempty(valid)),
	monthly_cap numeric
		CONSTRAINT municipal_tariff_default_cap_not_negative CHECK (monthly_cap >= 0::numeric),
	monthly_fee numeric
		CONSTRAINT municipal_tariff_default_monthly_fee_not_negative CHECK (monthly_fee >= 0::numeric),
	visit_fee numeric
		CONSTRAINT municipal_tariff_default_visit_fee_not_negative CHECK (visit_fee >= 0::numeric),
	free_from_age integer
		CONSTRAINT municipal_tariff_default_free_from_age_plausible CHECK (free_from_age BETWEEN 0 AND 130),
	CONSTRAINT municipal_tariff_default_flat_or_per_visit CHECK (monthly_fee IS NULL OR visit_fee IS NULL),
	CONSTRAINT municipal_tariff_default_fees_finite
		CHECK (monthly_cap < 'Infinity' AND monthly_fee < 'Infinity' AND visit_fee < 'Infinity'),
	PRIMARY KEY (category, valid),
	CONSTRAINT municipal_tariff_default_not_overlapping
		EXCLUDE USING gist (category WITH =, valid WITH OPERATOR(pg_catalog.&&))
);
COMMENT ON TABLE @registry@.municipal_tariff_default IS
	'Municipal tariff per category where a municipality has decided none of its own (municipal_tariff)';
COMMENT ON COLUMN @registry@.municipal_tariff_default.category IS 'Tariff category (charge_kind.category)';
COMMENT ON COLUMN @registry@.municipal_tariff_default.valid IS 'Dates the tariff applies to';
COMMENT ON COLUMN @registry@.municipal_tariff_default.monthly_cap IS 'Most a patient pays in the category per calendar month, SEK; NULL for no category cap';
COMMENT ON COLUMN @registry@.municipal_tariff_default.monthly_fee IS 'Flat fee per calendar month with care in the category, SEK; NULL when the category charges per visit';
COMMENT ON COLUMN @registry@.municipal_tariff_default.visit_fee IS 'Fee per visit, SEK; NULL when the category charges a flat monthly fee';
COMMENT ON COLUMN @registry@.municipal_tariff_default.free_from_age IS 'Age (whole years on the date of the charge) from which the category''s fees are waived; NULL for none';

-- The default municipal tariff mobilvard ships, from municipal price lists
-- (doc/fees.md): home health care 200 SEK per visit, at most 600 SEK a month,
-- 250 and 750 SEK from 2026; other categories only under the maximum fee.
INSERT INTO @registry@.municipal_tariff_default (category, valid, monthly_cap, monthly_fee, visit_fee, free_from_age) VALUES
	('home_health', '(,2026-01-01)'::daterange, 600::numeric, NULL::numeric, 200::numeric, NULL::integer),
	('home_health', '[2026-01-01,)', 750, NULL, 250, NULL);

CREATE TABLE @registry@.personal_margin (
	patient_id bigint NOT NULL REFERENCES @registry@.patient (patient_id) ON DELETE CASCADE,
	month date NOT NULL
		CONSTRAINT personal_margin_month_is_first_day CHECK (extract(day FROM month) = 1::numeric),
	margin numeric NOT NULL
		CONSTRAINT personal_margin_not_negative CHECK (margin >= 0::numeric),
	CONSTRAINT personal_margin_finite CHECK (margin < 'Infinity'),
	PRIMARY KEY (patient_id, month)
);
COMMENT ON TABLE @registry@.personal_margin IS
	'A patient''s own margin for municipal fees (avgiftsutrymme: income minus the reserved amount) per month, where the municipality has assessed it; the month''s municipal fees are capped at the lower of it and the maximum fee';
COMMENT ON COLUMN @registry@.personal_margin.patient_id IS 'Patient';
COMMENT ON COLUMN @registry@.personal_margin.month IS 'First day of the calendar month';
COMMENT ON COLUMN @registry@.personal_margin.margin IS 'Most the patient can be charged for the month''s municipal care under the maximum fee, SEK';

