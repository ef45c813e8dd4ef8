-- registry.sql: the registry model for a registry that has none of its own.
--
-- Every table is an extension configuration table, so pg_dump carries its
-- rows.  Reference tables ship filled; their shipped rows are recreated by
-- CREATE EXTENSION, so the dump carries only rows that differ from what was
-- shipped, and restoring such a row replaces the shipped default (see
-- replace_shipped_default below).

-- ---------------------------------------------------------------------------
-- Shipped reference rows
-- ---------------------------------------------------------------------------

-- Before insert on a reference table: a row whose key matches an unchanged
-- shipped default replaces that default (this is how a dump restores an
-- edited default); any other key collision is still a unique violation.
-- TG_ARGV[0] names the key columns (comma-separated, possibly none),
-- TG_ARGV[1] the function returning the shipped rows, and the optional
-- TG_ARGV[2] a validity range column that matches when it overlaps: a
-- restored tariff replaces the unchanged shipped tariff it overlaps (the two
-- could not coexist), with a notice when their ranges differ.
CREATE FUNCTION @extschema@.replace_shipped_default() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
	same_key text;
	range_differs text := 'false';
	replaced text;
BEGIN
	SELECT string_agg(format('t.%1$I = ($1).%1$I', k), ' AND ')
	INTO same_key
	FROM unnest(array_remove(string_to_array(TG_ARGV[0], ','), '')) k;
	IF TG_NARGS > 2 THEN
		same_key := concat_ws(' AND ', same_key, format('t.%1$I && ($1).%1$I', TG_ARGV[2]));
		range_differs := format('r.%1$I <> ($1).%1$I', TG_ARGV[2]);
	END IF;
	EXECUTE format(
		'WITH r AS (DELETE FROM %I.%I t USING %s() s WHERE %s AND t IS NOT DISTINCT FROM s RETURNING t.*) '
		'SELECT string_agg(r::text, '', '') FROM r WHERE %s',
		TG_TABLE_SCHEMA, TG_TABLE_NAME, TG_ARGV[1], same_key, range_differs)
		INTO replaced USING NEW;
	IF replaced IS NOT NULL THEN
		RAISE NOTICE 'the new % row % replaces the shipped default % that it overlaps',
			TG_TABLE_NAME, NEW, replaced;
	END IF;
	RETURN NEW;
END
$$;
COMMENT ON FUNCTION @extschema@.replace_shipped_default() IS
	'Trigger on the shipped reference tables: an inserted row replaces the unchanged shipped default with the same key, or the shipped tariff whose validity it overlaps (so that a restored dump keeps edits of shipped rows)';

-- Before insert or update on a tariff table: rows with the same key
-- (TG_ARGV[0], comma-separated columns, possibly none) must not have
-- overlapping validity ranges, so that a charge finds at most one tariff.
-- An exclusion constraint would say this, but needs btree_gist for the key.
CREATE FUNCTION @extschema@.reject_overlapping_validity() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
	same_key text;
	query text;
	clash daterange;
BEGIN
	SELECT coalesce(string_agg(format('t.%1$I = ($1).%1$I', k), ' AND '), 'true')
	INTO same_key
	FROM unnest(array_remove(string_to_array(TG_ARGV[0], ','), '')) k;
	query := format('SELECT t.valid FROM %I.%I t WHERE %s AND t.valid && ($1).valid',
					TG_TABLE_SCHEMA, TG_TABLE_NAME, same_key);
	IF TG_OP = 'UPDATE' THEN
		-- Not the row being updated (its key and range are its primary key).
		query := query || format(' AND NOT (%s AND t.valid = ($2).valid)',
								 replace(same_key, '($1)', '($2)'));
	END IF;
	EXECUTE query || ' LIMIT 1' INTO clash USING NEW, OLD;
	IF clash IS NOT NULL THEN
		RAISE EXCEPTION 'validity % of the new % row overlaps validity % of %',
			NEW.valid, TG_TABLE_NAME, clash,
			coalesce('the row with the same ' || nullif(TG_ARGV[0], ''), 'another row')
			USING ERRCODE = 'exclusion_violation', TABLE = TG_TABLE_NAME,
				  HINT = 'End the earlier tariff''s validity where the new one starts.';
	END IF;
	RETURN NEW;
END
$$;
COMMENT ON FUNCTION @extschema@.reject_overlapping_validity() IS
	'Trigger on the tariff tables: validity ranges of rows with the same key must not overlap (error 23P01)';

-- ---------------------------------------------------------------------------
-- Organisations and units
-- ---------------------------------------------------------------------------

CREATE TABLE @extschema@.organisation (
	org_code text PRIMARY KEY
		CONSTRAINT organisation_code_is_simple CHECK (org_code ~ '^[A-Za-z0-9_.-]+$'),
	name text NOT NULL,
	principal text NOT NULL
		CONSTRAINT organisation_principal_is_region_or_municipality
		CHECK (principal IN ('region', 'municipality')),
	parent_org text REFERENCES @extschema@.organisation (org_code),
	municipality_code text UNIQUE
		CONSTRAINT organisation_municipality_code_is_four_digits CHECK (municipality_code ~ '^[0-9]{4}$'),
	county_part text,
	CONSTRAINT organisation_municipality_has_code
		CHECK (principal = 'region' OR municipality_code IS NOT NULL)
);
COMMENT ON TABLE @extschema@.organisation IS
	'Principals (huvudmän): regions and municipalities';
COMMENT ON COLUMN @extschema@.organisation.org_code IS 'Organisation code (key)';
COMMENT ON COLUMN @extschema@.organisation.name IS 'Name of the region or municipality';
COMMENT ON COLUMN @extschema@.organisation.principal IS '''region'' or ''municipality''';
COMMENT ON COLUMN @extschema@.organisation.parent_org IS 'For a municipality: the region (county) it lies in';
COMMENT ON COLUMN @extschema@.organisation.municipality_code IS 'For a municipality: its four-digit municipality code (kommunkod)';
COMMENT ON COLUMN @extschema@.organisation.county_part IS 'Part of the county the organisation belongs to (e.g. north, south, west), for reports by part';

CREATE TABLE @extschema@.unit (
	unit_id text PRIMARY KEY,
	org_code text NOT NULL REFERENCES @extschema@.organisation (org_code),
	name text NOT NULL,
	unit_level @extschema@.care_level NOT NULL,
	unit_form @extschema@.care_form NOT NULL DEFAULT 'none',
	base geometry(Point, 3006)
);
CREATE INDEX unit_org_code_idx ON @extschema@.unit (org_code);
CREATE INDEX unit_base_idx ON @extschema@.unit USING gist (base);
COMMENT ON TABLE @extschema@.unit IS
	'Care units and mobile teams, with their care level, mobile care form and base';
COMMENT ON COLUMN @extschema@.unit.unit_id IS 'Unit identifier (key)';
COMMENT ON COLUMN @extschema@.unit.org_code IS 'Organisation that runs the unit';
COMMENT ON COLUMN @extschema@.unit.name IS 'Name of the unit as the organisation calls it (see care_form_of)';
COMMENT ON COLUMN @extschema@.unit.unit_level IS 'Care level the unit works at';
COMMENT ON COLUMN @extschema@.unit.unit_form IS 'Mobile care form of the unit (none for a unit that does not go out)';
COMMENT ON COLUMN @extschema@.unit.base IS 'Where the team starts from (SWEREF99 TM)';

CREATE TABLE @extschema@.catchment (
	unit_id text NOT NULL REFERENCES @extschema@.unit (unit_id) ON DELETE CASCADE,
	valid daterange NOT NULL
		CONSTRAINT catchment_valid_not_empty CHECK (NOT isempty(valid)),
	area geometry(MultiPolygon, 3006) NOT NULL
		CONSTRAINT catchment_area_is_valid CHECK (ST_IsValid(area)),
	PRIMARY KEY (unit_id, valid)
);
CREATE INDEX catchment_area_idx ON @extschema@.catchment USING gist (area);
COMMENT ON TABLE @extschema@.catchment IS
	'Catchment area of a unit over a validity range';
COMMENT ON COLUMN @extschema@.catchment.unit_id IS 'Unit whose catchment this is';
COMMENT ON COLUMN @extschema@.catchment.valid IS 'Dates on which the catchment applies';
COMMENT ON COLUMN @extschema@.catchment.area IS 'The area the unit serves (SWEREF99 TM)';

-- ---------------------------------------------------------------------------
-- Patients, episodes and contacts
-- ---------------------------------------------------------------------------

CREATE TABLE @extschema@.patient (
	patient_id bigint PRIMARY KEY,
	birth_year integer
		CONSTRAINT patient_birth_year_plausible CHECK (birth_year BETWEEN 1880 AND 2200),
	sex text
		CONSTRAINT patient_sex_is_f_m_or_x CHECK (sex IN ('F', 'M', 'X')),
	municipality_code text REFERENCES @extschema@.organisation (municipality_code),
	home geometry(Point, 3006),
	family_id bigint
);
CREATE INDEX patient_municipality_code_idx ON @extschema@.patient (municipality_code);
CREATE INDEX patient_home_idx ON @extschema@.patient USING gist (home);
CREATE INDEX patient_family_id_idx ON @extschema@.patient (family_id) WHERE family_id IS NOT NULL;
COMMENT ON TABLE @extschema@.patient IS 'Patients (pseudonymised)';
COMMENT ON COLUMN @extschema@.patient.patient_id IS 'Pseudonymous patient identifier (key)';
COMMENT ON COLUMN @extschema@.patient.birth_year IS 'Year of birth';
COMMENT ON COLUMN @extschema@.patient.sex IS 'F, M or X';
COMMENT ON COLUMN @extschema@.patient.municipality_code IS 'Municipality of residence';
COMMENT ON COLUMN @extschema@.patient.home IS 'Home address point (SWEREF99 TM)';
COMMENT ON COLUMN @extschema@.patient.family_id IS 'Family key: children under 18 with the same family_id share one high-cost protection ceiling';

CREATE TABLE @extschema@.episode (
	episode_id bigint PRIMARY KEY,
	patient_id bigint NOT NULL REFERENCES @extschema@.patient (patient_id),
	unit_id text NOT NULL REFERENCES @extschema@.unit (unit_id),
	setting @extschema@.care_setting NOT NULL,
	reported_inpatient boolean,
	start_date date NOT NULL,
	end_date date,
	preceding_discharge date,
	CONSTRAINT episode_ends_after_start CHECK (end_date >= start_date),
	CONSTRAINT episode_discharge_precedes_start CHECK (preceding_discharge <= start_date)
);
CREATE INDEX episode_patient_start_idx ON @extschema@.episode (patient_id, start_date);
CREATE INDEX episode_unit_start_idx ON @extschema@.episode (unit_id, start_date);
CREATE INDEX episode_start_idx ON @extschema@.episode (start_date);
-- monthly_activity filtered by month; care at home open on a date
-- (priority_patients).
CREATE INDEX episode_month_idx ON @extschema@.episode ((date_trunc('month', start_date::timestamp)::date));
CREATE INDEX episode_home_end_idx ON @extschema@.episode (end_date) WHERE @extschema@.is_home(setting);
COMMENT ON TABLE @extschema@.episode IS
	'Care episodes as reported to the registry (see episode_classified for the harmonised view)';
COMMENT ON COLUMN @extschema@.episode.episode_id IS 'Episode identifier (key)';
COMMENT ON COLUMN @extschema@.episode.patient_id IS 'Patient';
COMMENT ON COLUMN @extschema@.episode.unit_id IS 'Unit responsible for the episode';
COMMENT ON COLUMN @extschema@.episode.setting IS 'Where the care was given';
COMMENT ON COLUMN @extschema@.episode.reported_inpatient IS 'Whether the region reported the episode as inpatient (sluten vård); NULL if unknown';
COMMENT ON COLUMN @extschema@.episode.start_date IS 'First day of the episode';
COMMENT ON COLUMN @extschema@.episode.end_date IS 'Last day (discharge) of the episode; NULL while ongoing';
COMMENT ON COLUMN @extschema@.episode.preceding_discharge IS 'Discharge date of a hospital-ward stay just before this episode, if any';

CREATE TABLE @extschema@.contact (
	contact_id bigint PRIMARY KEY,
	patient_id bigint NOT NULL REFERENCES @extschema@.patient (patient_id),
	unit_id text NOT NULL REFERENCES @extschema@.unit (unit_id),
	contact_date date NOT NULL,
	setting @extschema@.care_setting NOT NULL,
	mode text NOT NULL
		CONSTRAINT contact_mode_is_known
		CHECK (mode IN ('physical', 'video', 'phone', 'remote_monitoring')),
	profession text
		CONSTRAINT contact_profession_is_known
		CHECK (profession IN ('doctor', 'nurse', 'assistant_nurse', 'physiotherapist',
							  'occupational_therapist', 'other'))
);
CREATE INDEX contact_patient_unit_date_idx ON @extschema@.contact (patient_id, unit_id, contact_date);
CREATE INDEX contact_date_idx ON @extschema@.contact (contact_date);
-- care_period of one unit.
CREATE INDEX contact_unit_patient_date_idx ON @extschema@.contact (unit_id, patient_id, contact_date);
COMMENT ON TABLE @extschema@.contact IS
	'Point contacts (visits, video, phone, remote monitoring) that care periods are stitched from';
COMMENT ON COLUMN @extschema@.contact.contact_id IS 'Contact identifier (key)';
COMMENT ON COLUMN @extschema@.contact.patient_id IS 'Patient';
COMMENT ON COLUMN @extschema@.contact.unit_id IS 'Unit that made the contact';
COMMENT ON COLUMN @extschema@.contact.contact_date IS 'Date of the contact';
COMMENT ON COLUMN @extschema@.contact.setting IS 'Where the contact took place (remote for video, phone and monitoring)';
COMMENT ON COLUMN @extschema@.contact.mode IS 'physical, video, phone or remote_monitoring';
COMMENT ON COLUMN @extschema@.contact.profession IS 'doctor, nurse, assistant_nurse, physiotherapist, occupational_therapist or other';

-- ---------------------------------------------------------------------------
-- Charges and tariffs
-- ---------------------------------------------------------------------------

CREATE TABLE @extschema@.price_base_amount (
	year integer PRIMARY KEY
		CONSTRAINT price_base_amount_year_plausible CHECK (year BETWEEN 1900 AND 2200),
	amount numeric NOT NULL
		CONSTRAINT price_base_amount_positive CHECK (amount > 0)
);
COMMENT ON TABLE @extschema@.price_base_amount IS
	'Price base amount (prisbasbelopp) per year, SEK; the national fee figures derive from it';
COMMENT ON COLUMN @extschema@.price_base_amount.year IS 'Calendar year';
COMMENT ON COLUMN @extschema@.price_base_amount.amount IS 'Price base amount in SEK';

CREATE FUNCTION @extschema@.shipped_price_base_amount()
	RETURNS SETOF @extschema@.price_base_amount
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	AS $$ VALUES (2022, 48300::numeric), (2023, 52500), (2024, 57300), (2025, 58800), (2026, 59200) $$;
COMMENT ON FUNCTION @extschema@.shipped_price_base_amount() IS
	'The price base amounts mobilvard ships (Statistics Sweden), 2022-2026';

CREATE TABLE @extschema@.charge_kind (
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
COMMENT ON TABLE @extschema@.charge_kind IS
	'What each kind of patient fee is for, who charges it, and which protection it counts towards';
COMMENT ON COLUMN @extschema@.charge_kind.kind IS 'Kind of fee (key)';
COMMENT ON COLUMN @extschema@.charge_kind.principal IS 'Who charges it: ''region'' or ''municipality''';
COMMENT ON COLUMN @extschema@.charge_kind.counts_towards IS '''hcp'' (the region''s high-cost protection), ''maxtaxa'' (the municipality''s maximum fee) or ''none''';
COMMENT ON COLUMN @extschema@.charge_kind.category IS 'Municipal tariff category whose monthly cap applies (see municipal_tariff)';
COMMENT ON COLUMN @extschema@.charge_kind.description IS 'What the fee is for';

CREATE FUNCTION @extschema@.shipped_charge_kind()
	RETURNS SETOF @extschema@.charge_kind
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	AS $$ VALUES
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
	('short_term_housing_day', 'municipality', 'maxtaxa', 'short_term_housing', 'Care in short-term housing, per day')
	$$;
COMMENT ON FUNCTION @extschema@.shipped_charge_kind() IS
	'The charge kinds mobilvard ships';

CREATE TABLE @extschema@.charge (
	charge_id bigint PRIMARY KEY,
	patient_id bigint NOT NULL REFERENCES @extschema@.patient (patient_id),
	org_code text NOT NULL REFERENCES @extschema@.organisation (org_code),
	charge_date date NOT NULL,
	kind text NOT NULL REFERENCES @extschema@.charge_kind (kind),
	list_fee numeric NOT NULL
		CONSTRAINT charge_list_fee_not_negative CHECK (list_fee >= 0)
);
CREATE INDEX charge_patient_date_idx ON @extschema@.charge (patient_id, charge_date, charge_id);
CREATE INDEX charge_org_date_idx ON @extschema@.charge (org_code, charge_date);
COMMENT ON TABLE @extschema@.charge IS
	'Patient fees at list price, one row per charge (see charge_split for what the patient pays)';
COMMENT ON COLUMN @extschema@.charge.charge_id IS 'Charge identifier (key; orders charges of the same day)';
COMMENT ON COLUMN @extschema@.charge.patient_id IS 'Patient charged';
COMMENT ON COLUMN @extschema@.charge.org_code IS 'Organisation that charges';
COMMENT ON COLUMN @extschema@.charge.charge_date IS 'Date of the care the fee is for';
COMMENT ON COLUMN @extschema@.charge.kind IS 'Kind of fee (charge_kind)';
COMMENT ON COLUMN @extschema@.charge.list_fee IS 'Fee by the tariff before any protection, SEK';

-- Tariffs.  A tariff row applies over its validity range; ranges of one
-- organisation (and category) never overlap.  The shipped *_default tables
-- hold the figures for organisations without a decision of their own.

CREATE TABLE @extschema@.region_tariff (
	org_code text NOT NULL REFERENCES @extschema@.organisation (org_code),
	valid daterange NOT NULL
		CONSTRAINT region_tariff_valid_not_empty CHECK (NOT isempty(valid)),
	hcp_ceiling numeric
		CONSTRAINT region_tariff_ceiling_positive CHECK (hcp_ceiling > 0),
	inpatient_day_fee numeric
		CONSTRAINT region_tariff_inpatient_day_fee_not_negative CHECK (inpatient_day_fee >= 0),
	home_visit_fee numeric
		CONSTRAINT region_tariff_home_visit_fee_not_negative CHECK (home_visit_fee >= 0),
	PRIMARY KEY (org_code, valid)
);
CREATE TRIGGER validity_not_overlapping BEFORE INSERT OR UPDATE ON @extschema@.region_tariff
	FOR EACH ROW EXECUTE FUNCTION @extschema@.reject_overlapping_validity('org_code');
COMMENT ON TABLE @extschema@.region_tariff IS
	'A region''s own fee decisions over a validity range; where none applies, the national ceiling and region_tariff_default do';
COMMENT ON COLUMN @extschema@.region_tariff.org_code IS 'Region';
COMMENT ON COLUMN @extschema@.region_tariff.valid IS 'Dates the tariff applies to';
COMMENT ON COLUMN @extschema@.region_tariff.hcp_ceiling IS 'High-cost protection ceiling, SEK per 12 months; NULL for the national ceiling.  A region may only lower it: the lower of this and the national ceiling applies';
COMMENT ON COLUMN @extschema@.region_tariff.inpatient_day_fee IS 'Fee per day of inpatient care, SEK (not counted towards the high-cost protection); NULL for region_tariff_default''s';
COMMENT ON COLUMN @extschema@.region_tariff.home_visit_fee IS 'Fee per home visit by the region''s staff, SEK (counted towards the high-cost protection); NULL for region_tariff_default''s';

CREATE TABLE @extschema@.region_tariff_default (
	valid daterange PRIMARY KEY
		CONSTRAINT region_tariff_default_valid_not_empty CHECK (NOT isempty(valid)),
	inpatient_day_fee numeric NOT NULL
		CONSTRAINT region_tariff_default_inpatient_day_fee_not_negative CHECK (inpatient_day_fee >= 0),
	home_visit_fee numeric NOT NULL
		CONSTRAINT region_tariff_default_home_visit_fee_not_negative CHECK (home_visit_fee >= 0)
);
CREATE TRIGGER validity_not_overlapping BEFORE INSERT OR UPDATE ON @extschema@.region_tariff_default
	FOR EACH ROW EXECUTE FUNCTION @extschema@.reject_overlapping_validity('');
COMMENT ON TABLE @extschema@.region_tariff_default IS
	'Regional fees where a region has decided none of its own (region_tariff)';
COMMENT ON COLUMN @extschema@.region_tariff_default.valid IS 'Dates the figures apply to';
COMMENT ON COLUMN @extschema@.region_tariff_default.inpatient_day_fee IS 'Fee per day of inpatient care, SEK';
COMMENT ON COLUMN @extschema@.region_tariff_default.home_visit_fee IS 'Fee per home visit by regional staff, SEK';

CREATE FUNCTION @extschema@.shipped_region_tariff_default()
	RETURNS SETOF @extschema@.region_tariff_default
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	AS $$ VALUES ('(,)'::daterange, 100::numeric, 200::numeric) $$;
COMMENT ON FUNCTION @extschema@.shipped_region_tariff_default() IS
	'The default regional fees mobilvard ships (assumed, the domain brief gives none): 100 SEK per inpatient day, 200 SEK per home visit';

CREATE TABLE @extschema@.municipal_tariff (
	org_code text NOT NULL REFERENCES @extschema@.organisation (org_code),
	valid daterange NOT NULL
		CONSTRAINT municipal_tariff_valid_not_empty CHECK (NOT isempty(valid)),
	category text NOT NULL,
	monthly_cap numeric
		CONSTRAINT municipal_tariff_cap_not_negative CHECK (monthly_cap >= 0),
	monthly_fee numeric
		CONSTRAINT municipal_tariff_monthly_fee_not_negative CHECK (monthly_fee >= 0),
	visit_fee numeric
		CONSTRAINT municipal_tariff_visit_fee_not_negative CHECK (visit_fee >= 0),
	free_from_age integer
		CONSTRAINT municipal_tariff_free_from_age_plausible CHECK (free_from_age BETWEEN 0 AND 130),
	CONSTRAINT municipal_tariff_flat_or_per_visit CHECK (monthly_fee IS NULL OR visit_fee IS NULL),
	PRIMARY KEY (org_code, valid, category)
);
CREATE TRIGGER validity_not_overlapping BEFORE INSERT OR UPDATE ON @extschema@.municipal_tariff
	FOR EACH ROW EXECUTE FUNCTION @extschema@.reject_overlapping_validity('org_code,category');
COMMENT ON TABLE @extschema@.municipal_tariff IS
	'A municipality''s fee decisions per tariff category over a validity range; a row decides the whole category (its NULLs mean none), where none applies municipal_tariff_default does';
COMMENT ON COLUMN @extschema@.municipal_tariff.org_code IS 'Municipality';
COMMENT ON COLUMN @extschema@.municipal_tariff.valid IS 'Dates the tariff applies to';
COMMENT ON COLUMN @extschema@.municipal_tariff.category IS 'Tariff category (charge_kind.category)';
COMMENT ON COLUMN @extschema@.municipal_tariff.monthly_cap IS 'Most a patient pays in the category per calendar month, SEK; NULL for no category cap';
COMMENT ON COLUMN @extschema@.municipal_tariff.monthly_fee IS 'Flat fee per calendar month with care in the category, SEK; NULL when the category charges per visit';
COMMENT ON COLUMN @extschema@.municipal_tariff.visit_fee IS 'Fee per visit, SEK; NULL when the category charges a flat monthly fee';
COMMENT ON COLUMN @extschema@.municipal_tariff.free_from_age IS 'Age (reached in the year of the charge) from which the category''s fees are waived, e.g. 85; NULL for none';

CREATE TABLE @extschema@.municipal_tariff_default (
	category text NOT NULL,
	valid daterange NOT NULL
		CONSTRAINT municipal_tariff_default_valid_not_empty CHECK (NOT isempty(valid)),
	monthly_cap numeric
		CONSTRAINT municipal_tariff_default_cap_not_negative CHECK (monthly_cap >= 0),
	monthly_fee numeric
		CONSTRAINT municipal_tariff_default_monthly_fee_not_negative CHECK (monthly_fee >= 0),
	visit_fee numeric
		CONSTRAINT municipal_tariff_default_visit_fee_not_negative CHECK (visit_fee >= 0),
	free_from_age integer
		CONSTRAINT municipal_tariff_default_free_from_age_plausible CHECK (free_from_age BETWEEN 0 AND 130),
	CONSTRAINT municipal_tariff_default_flat_or_per_visit CHECK (monthly_fee IS NULL OR visit_fee IS NULL),
	PRIMARY KEY (category, valid)
);
CREATE TRIGGER validity_not_overlapping BEFORE INSERT OR UPDATE ON @extschema@.municipal_tariff_default
	FOR EACH ROW EXECUTE FUNCTION @extschema@.reject_overlapping_validity('category');
COMMENT ON TABLE @extschema@.municipal_tariff_default IS
	'Municipal tariff per category where a municipality has decided none of its own (municipal_tariff)';
COMMENT ON COLUMN @extschema@.municipal_tariff_default.category IS 'Tariff category (charge_kind.category)';
COMMENT ON COLUMN @extschema@.municipal_tariff_default.valid IS 'Dates the tariff applies to';
COMMENT ON COLUMN @extschema@.municipal_tariff_default.monthly_cap IS 'Most a patient pays in the category per calendar month, SEK; NULL for no category cap';
COMMENT ON COLUMN @extschema@.municipal_tariff_default.monthly_fee IS 'Flat fee per calendar month with care in the category, SEK; NULL when the category charges per visit';
COMMENT ON COLUMN @extschema@.municipal_tariff_default.visit_fee IS 'Fee per visit, SEK; NULL when the category charges a flat monthly fee';
COMMENT ON COLUMN @extschema@.municipal_tariff_default.free_from_age IS 'Age (reached in the year of the charge) from which the category''s fees are waived; NULL for none';

CREATE FUNCTION @extschema@.shipped_municipal_tariff_default()
	RETURNS SETOF @extschema@.municipal_tariff_default
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	AS $$ VALUES
	('home_health', '(,2026-01-01)'::daterange, 600::numeric, NULL::numeric, 200::numeric, NULL::integer),
	('home_health', '[2026-01-01,)', 750, NULL, 250, NULL)
	$$;
COMMENT ON FUNCTION @extschema@.shipped_municipal_tariff_default() IS
	'The default municipal tariff mobilvard ships, from municipal price lists in the domain brief: home health care 200 SEK per visit, at most 600 SEK a month (2024), 250 SEK and 750 SEK from 2026; other categories only under the maximum fee';

CREATE TABLE @extschema@.personal_margin (
	patient_id bigint NOT NULL REFERENCES @extschema@.patient (patient_id) ON DELETE CASCADE,
	month date NOT NULL
		CONSTRAINT personal_margin_month_is_first_day CHECK (extract(day FROM month) = 1),
	margin numeric NOT NULL
		CONSTRAINT personal_margin_not_negative CHECK (margin >= 0),
	PRIMARY KEY (patient_id, month)
);
COMMENT ON TABLE @extschema@.personal_margin IS
	'A patient''s own margin for municipal fees (avgiftsutrymme: income minus the reserved amount) per month, where the municipality has assessed it; the month''s municipal fees are capped at the lower of it and the maximum fee';
COMMENT ON COLUMN @extschema@.personal_margin.patient_id IS 'Patient';
COMMENT ON COLUMN @extschema@.personal_margin.month IS 'First day of the calendar month';
COMMENT ON COLUMN @extschema@.personal_margin.margin IS 'Most the patient can be charged for the month''s municipal care under the maximum fee, SEK';

-- ---------------------------------------------------------------------------
-- Geography
-- ---------------------------------------------------------------------------

CREATE TABLE @extschema@.travel_profile (
	name text PRIMARY KEY,
	detour_factor double precision NOT NULL
		CONSTRAINT travel_profile_detour_at_least_one CHECK (detour_factor >= 1),
	urban_kmh double precision NOT NULL
		CONSTRAINT travel_profile_urban_speed_positive CHECK (urban_kmh > 0),
	rural_kmh double precision NOT NULL
		CONSTRAINT travel_profile_rural_speed_positive CHECK (rural_kmh > 0),
	urban_overhead_min double precision NOT NULL
		CONSTRAINT travel_profile_urban_overhead_not_negative CHECK (urban_overhead_min >= 0),
	rural_overhead_min double precision NOT NULL
		CONSTRAINT travel_profile_rural_overhead_not_negative CHECK (rural_overhead_min >= 0)
);
COMMENT ON TABLE @extschema@.travel_profile IS
	'Straight-line travel model: minutes = distance x detour_factor / speed + overhead (urban or rural)';
COMMENT ON COLUMN @extschema@.travel_profile.name IS 'Profile name (key), e.g. car';
COMMENT ON COLUMN @extschema@.travel_profile.detour_factor IS 'Road distance per straight-line distance';
COMMENT ON COLUMN @extschema@.travel_profile.urban_kmh IS 'Average speed in towns, km/h';
COMMENT ON COLUMN @extschema@.travel_profile.rural_kmh IS 'Average speed outside towns, km/h';
COMMENT ON COLUMN @extschema@.travel_profile.urban_overhead_min IS 'Minutes added per trip in towns (parking, walking to the door)';
COMMENT ON COLUMN @extschema@.travel_profile.rural_overhead_min IS 'Minutes added per trip outside towns';

CREATE FUNCTION @extschema@.shipped_travel_profile()
	RETURNS SETOF @extschema@.travel_profile
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	AS $$ VALUES ('car', 1.3::float8, 30::float8, 70::float8, 5::float8, 1::float8) $$;
COMMENT ON FUNCTION @extschema@.shipped_travel_profile() IS
	'The travel profiles mobilvard ships: car (assumed: road 1.3 x straight line, 30/70 km/h, 5/1 minutes overhead)';

CREATE TABLE @extschema@.population_cell (
	cell_id text PRIMARY KEY,
	municipality_code text NOT NULL REFERENCES @extschema@.organisation (municipality_code),
	population integer NOT NULL
		CONSTRAINT population_cell_population_not_negative CHECK (population >= 0),
	population_65plus integer NOT NULL
		CONSTRAINT population_cell_65plus_within_population
		CHECK (population_65plus BETWEEN 0 AND population),
	geom geometry(Polygon, 3006) NOT NULL
);
CREATE INDEX population_cell_geom_idx ON @extschema@.population_cell USING gist (geom);
CREATE INDEX population_cell_municipality_idx ON @extschema@.population_cell (municipality_code);
COMMENT ON TABLE @extschema@.population_cell IS
	'Population on a square grid (1 km or 250 m cells), the base of coverage analysis';
COMMENT ON COLUMN @extschema@.population_cell.cell_id IS 'Grid cell identifier (key)';
COMMENT ON COLUMN @extschema@.population_cell.municipality_code IS 'Municipality the cell belongs to';
COMMENT ON COLUMN @extschema@.population_cell.population IS 'Residents in the cell';
COMMENT ON COLUMN @extschema@.population_cell.population_65plus IS 'Residents aged 65 or more';
COMMENT ON COLUMN @extschema@.population_cell.geom IS 'The cell (SWEREF99 TM)';

CREATE TABLE @extschema@.urban_area (
	name text PRIMARY KEY,
	geom geometry(MultiPolygon, 3006) NOT NULL
);
CREATE INDEX urban_area_geom_idx ON @extschema@.urban_area USING gist (geom);
COMMENT ON TABLE @extschema@.urban_area IS
	'Towns, where travel is slower and parking takes time';
COMMENT ON COLUMN @extschema@.urban_area.name IS 'Name of the town (key)';
COMMENT ON COLUMN @extschema@.urban_area.geom IS 'Built-up area (SWEREF99 TM)';

-- ---------------------------------------------------------------------------
-- Shipped rows and pg_dump
-- ---------------------------------------------------------------------------

DO $registry$
DECLARE
	reference record;
	t text;
BEGIN
	FOR reference IN
		SELECT * FROM (VALUES ('price_base_amount', 'year', NULL), ('charge_kind', 'kind', NULL),
							  ('travel_profile', 'name', NULL),
							  ('region_tariff_default', '', 'valid'),
							  ('municipal_tariff_default', 'category', 'valid')) AS r(tab, key, overlapping)
	LOOP
		EXECUTE format('INSERT INTO @extschema@.%1$I SELECT * FROM @extschema@.shipped_%1$s()',
					   reference.tab);
		EXECUTE format(
			'CREATE TRIGGER replace_shipped_default BEFORE INSERT ON @extschema@.%1$I '
			'FOR EACH ROW EXECUTE FUNCTION @extschema@.replace_shipped_default(%2$L, %3$L%4$s)',
			reference.tab, reference.key, '@extschema@.shipped_' || reference.tab,
			', ' || quote_literal(reference.overlapping));
		PERFORM pg_catalog.pg_extension_config_dump(
			format('@extschema@.%I', reference.tab)::regclass,
			format('WHERE NOT EXISTS (SELECT FROM @extschema@.shipped_%1$s() s WHERE s IS NOT DISTINCT FROM %1$I)',
				   reference.tab));
	END LOOP;

	FOREACH t IN ARRAY ARRAY['organisation', 'unit', 'catchment', 'patient', 'episode', 'contact',
							 'charge', 'region_tariff', 'municipal_tariff', 'personal_margin', 'population_cell',
							 'urban_area']
	LOOP
		PERFORM pg_catalog.pg_extension_config_dump(format('@extschema@.%I', t)::regclass, '');
	END LOOP;
END
$registry$;
