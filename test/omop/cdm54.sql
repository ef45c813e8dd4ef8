-- The four tables of the OMOP Common Data Model v5.4 that mobilvard's
-- omop_* views fill, as the CDM's documentation specifies them
-- (https://ohdsi.github.io/CommonDataModel/cdm54.html): every column with its
-- type and whether it is required, in the CDM's order, the primary keys, and
-- the foreign keys among these four tables (those to the vocabulary tables
-- and to PROVIDER are left out: the test has neither).  Written for the
-- tests; @cdmDatabaseSchema stands for the schema, as in OHDSI's own
-- scripts.  test/t/130_standards.pl checks that OHDSI's official PostgreSQL
-- DDL makes the same tables when MOBILVARD_OMOP_DDL names a directory that
-- holds it.

CREATE TABLE @cdmDatabaseSchema.location (
	location_id integer NOT NULL,
	address_1 varchar(50),
	address_2 varchar(50),
	city varchar(50),
	state varchar(2),
	zip varchar(9),
	county varchar(20),
	location_source_value varchar(50),
	country_concept_id integer,
	country_source_value varchar(80),
	latitude numeric,
	longitude numeric
);

CREATE TABLE @cdmDatabaseSchema.care_site (
	care_site_id integer NOT NULL,
	care_site_name varchar(255),
	place_of_service_concept_id integer,
	location_id integer,
	care_site_source_value varchar(50),
	place_of_service_source_value varchar(50)
);

CREATE TABLE @cdmDatabaseSchema.person (
	person_id integer NOT NULL,
	gender_concept_id integer NOT NULL,
	year_of_birth integer NOT NULL,
	month_of_birth integer,
	day_of_birth integer,
	birth_datetime timestamp,
	race_concept_id integer NOT NULL,
	ethnicity_concept_id integer NOT NULL,
	location_id integer,
	provider_id integer,
	care_site_id integer,
	person_source_value varchar(50),
	gender_source_value varchar(50),
	gender_source_concept_id integer,
	race_source_value varchar(50),
	race_source_concept_id integer,
	ethnicity_source_value varchar(50),
	ethnicity_source_concept_id integer
);

CREATE TABLE @cdmDatabaseSchema.visit_occurrence (
	visit_occurrence_id integer NOT NULL,
	person_id integer NOT NULL,
	visit_concept_id integer NOT NULL,
	visit_start_date date NOT NULL,
	visit_start_datetime timestamp,
	visit_end_date date NOT NULL,
	visit_end_datetime timestamp,
	visit_type_concept_id integer NOT NULL,
	provider_id integer,
	care_site_id integer,
	visit_source_value varchar(50),
	visit_source_concept_id integer,
	admitted_from_concept_id integer,
	admitted_from_source_value varchar(50),
	discharged_to_concept_id integer,
	discharged_to_source_value varchar(50),
	preceding_visit_occurrence_id integer
);

CREATE TABLE @cdmDatabaseSchema.condition_occurrence (
	condition_occurrence_id integer NOT NULL,
	person_id integer NOT NULL,
	condition_concept_id integer NOT NULL,
	condition_start_date date NOT NULL,
	condition_start_datetime timestamp,
	condition_end_date date,
	condition_end_datetime timestamp,
	condition_type_concept_id integer NOT NULL,
	condition_status_concept_id integer,
	stop_reason varchar(20),
	provider_id integer,
	visit_occurrence_id integer,
	visit_detail_id integer,
	condition_source_value varchar(50),
	condition_source_concept_id integer,
	condition_status_source_value varchar(50)
);

ALTER TABLE @cdmDatabaseSchema.location ADD PRIMARY KEY (location_id);
ALTER TABLE @cdmDatabaseSchema.care_site ADD PRIMARY KEY (care_site_id);
ALTER TABLE @cdmDatabaseSchema.person ADD PRIMARY KEY (person_id);
ALTER TABLE @cdmDatabaseSchema.visit_occurrence ADD PRIMARY KEY (visit_occurrence_id);
ALTER TABLE @cdmDatabaseSchema.condition_occurrence ADD PRIMARY KEY (condition_occurrence_id);

ALTER TABLE @cdmDatabaseSchema.care_site
	ADD FOREIGN KEY (location_id) REFERENCES @cdmDatabaseSchema.location (location_id);
ALTER TABLE @cdmDatabaseSchema.person
	ADD FOREIGN KEY (location_id) REFERENCES @cdmDatabaseSchema.location (location_id),
	ADD FOREIGN KEY (care_site_id) REFERENCES @cdmDatabaseSchema.care_site (care_site_id);
ALTER TABLE @cdmDatabaseSchema.visit_occurrence
	ADD FOREIGN KEY (person_id) REFERENCES @cdmDatabaseSchema.person (person_id),
	ADD FOREIGN KEY (care_site_id) REFERENCES @cdmDatabaseSchema.care_site (care_site_id),
	ADD FOREIGN KEY (preceding_visit_occurrence_id)
		REFERENCES @cdmDatabaseSchema.visit_occurrence (visit_occurrence_id);
ALTER TABLE @cdmDatabaseSchema.condition_occurrence
	ADD FOREIGN KEY (person_id) REFERENCES @cdmDatabaseSchema.person (person_id),
	ADD FOREIGN KEY (visit_occurrence_id) REFERENCES @cdmDatabaseSchema.visit_occurrence (visit_occurrence_id);
