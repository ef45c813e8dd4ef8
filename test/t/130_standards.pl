# The registry in the standards' own forms (doc/standards.md), on the
# synthetic county.
#
# OMOP CDM v5.4: the rows of omop_location, omop_care_site, omop_person and
# omop_visit_occurrence insert, as SELECT *, into the CDM's tables with
# their primary keys and the foreign keys among them (test/omop/cdm54.sql);
# a second export gives the same rows.  When MOBILVARD_OMOP_DDL names a
# directory with OHDSI's official PostgreSQL DDL (OMOPCDM_postgresql_5.4_
# ddl.sql, _primary_keys.sql and _constraints.sql of the CommonDataModel
# repository), the official tables are made too, compared with
# cdm54.sql's, and filled the same way.
#
# FHIR R4: scripts/fhir_export.sh writes the county as NDJSON, and every
# line validates against HL7's FHIR R4 JSON schema (FHIR_SCHEMA, which
# scripts/test.sh installs) with every reference resolved
# (test/fhir/validate.js).
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use IPC::Run;
use Time::HiRes 'time';
use MobilvardTest;

my $root = repo_root();
my $node = PostgreSQL::Test::Cluster->new('standards');
$node->init;
$node->start;
$node->safe_psql('postgres', 'CREATE EXTENSION mobilvard CASCADE');
my $started = time;
$node->command_ok(county_command($node, 'postgres', scale => 0.25), 'the county (scale 0.25) loads');
note(sprintf('county in %.1f s', time - $started));

sub value { return $node->safe_psql('postgres', $_[0]) }

my @tables = qw(location care_site person visit_occurrence condition_occurrence);

# ---------------------------------------------------------------------------
# OMOP CDM v5.4
# ---------------------------------------------------------------------------

# Makes the CDM tables in $schema from SQL written for OHDSI's placeholder.
sub make_cdm
{
	my ($schema, @sql) = @_;
	my $sql = join "\n", "CREATE SCHEMA $schema;", @sql;
	$sql =~ s/\@cdmDatabaseSchema\b/$schema/g;
	$node->safe_psql('postgres', $sql);
}

# Inserts every view's rows into $schema's tables, each as SELECT *.
sub export_omop
{
	my ($schema) = @_;
	foreach my $table (@tables)
	{
		my ($ret, $out, $err) = $node->psql('postgres',
			"INSERT INTO $schema.$table SELECT * FROM registry.omop_$table");
		is($ret, 0, "$schema.$table: INSERT ... SELECT * FROM registry.omop_$table") or diag($err);
		is(value("SELECT count(*) FROM $schema.$table"), value("SELECT count(*) FROM registry.omop_$table"),
			"$schema.$table holds every row of the view");
	}
}

sub digest
{
	my ($schema, $table) = @_;
	return value("SELECT md5(string_agg(t::text, E'\\n' ORDER BY t::text)) FROM $schema.$table t");
}

make_cdm('cdm', slurp_file("$root/test/omop/cdm54.sql"));
is(value(q{SELECT string_agg(conrelid::regclass || ' ' || contype::text, ', ' ORDER BY conrelid::regclass::text, contype)
		   FROM pg_constraint WHERE connamespace = 'cdm'::regnamespace}),
	'cdm.care_site f, cdm.care_site p, cdm.condition_occurrence f, cdm.condition_occurrence f, '
	  . 'cdm.condition_occurrence p, cdm.location p, cdm.person f, cdm.person f, cdm.person p, '
	  . 'cdm.visit_occurrence f, cdm.visit_occurrence f, cdm.visit_occurrence f, cdm.visit_occurrence p',
	'the CDM tables have their primary keys and the foreign keys among them');
$started = time;
export_omop('cdm');
note(sprintf('OMOP export in %.1f s', time - $started));

cmp_ok(value('SELECT count(*) FROM cdm.visit_occurrence'), '>', 10000, 'the county has visits');
is(value('SELECT count(*) FROM cdm.visit_occurrence'),
	value('SELECT count(*) FROM registry.episode e JOIN registry.patient p USING (patient_id)
		   WHERE p.birth_year IS NOT NULL'),
	'every episode of a patient with a year of birth is a visit');
my $prehospital = value(q{SELECT count(*) FROM registry.episode_classified WHERE setting_text = 'prehospital'});
cmp_ok($prehospital, '>', 0, "the county has prehospital episodes ($prehospital)");
is(value(q{SELECT count(*) FROM cdm.visit_occurrence v JOIN registry.episode_classified e
		   ON e.episode_id = v.visit_occurrence_id
		   WHERE e.setting_text = 'prehospital' AND v.visit_concept_id = 581478}),
	$prehospital, 'every prehospital episode is an Ambulance Visit (581478)');
is(value(q{SELECT string_agg(DISTINCT visit_concept_id::text, ' ' ORDER BY visit_concept_id::text)
		   FROM cdm.visit_occurrence}),
	'5083 581476 581478 9201 9202 9203', 'the visits have the six visit concepts');
cmp_ok(value('SELECT count(*) FROM cdm.condition_occurrence'), '>', 1000, 'the county has conditions');
is(value(q{SELECT count(*) FROM cdm.condition_occurrence c JOIN registry.episode e
		   ON e.episode_id = c.visit_occurrence_id AND e.main_diagnosis = c.condition_source_value
		   WHERE c.condition_status_concept_id = 32902}),
	value(q{SELECT count(*) FROM registry.episode e JOIN registry.patient p USING (patient_id)
		   WHERE p.birth_year IS NOT NULL AND e.main_diagnosis IS NOT NULL}),
	'every main diagnosis is a primary condition of its visit');
is(value('SELECT count(*) FROM cdm.care_site c JOIN registry.unit u ON u.unit_key = c.care_site_id
		  AND u.unit_id = c.care_site_source_value'),
	value('SELECT count(*) FROM registry.unit'), 'every unit is the care site of its unit_key');

# A second export gives the same rows, keys included.
my %first = map { $_ => digest('cdm', $_) } @tables;
$node->safe_psql('postgres', 'TRUNCATE cdm.condition_occurrence, cdm.visit_occurrence, cdm.person, cdm.care_site, cdm.location');
export_omop('cdm');
is(digest('cdm', $_), $first{$_}, "a second export gives the same $_ rows") foreach @tables;

my $ddl = $ENV{MOBILVARD_OMOP_DDL} // '';
SKIP:
{
	skip 'MOBILVARD_OMOP_DDL names no directory with OHDSI\'s official DDL', 12
	  unless $ddl ne '' && -f "$ddl/OMOPCDM_postgresql_5.4_ddl.sql";
	my $prefix = "$ddl/OMOPCDM_postgresql_5.4";
	my $in = join '|', @tables;
	my @foreign = grep { /^ALTER TABLE \@cdmDatabaseSchema\.($in)\s.*REFERENCES \@cdmDatabaseSchema\.($in)\s/i }
	  split /\n/, slurp_file("${prefix}_constraints.sql");
	is(scalar @foreign, 8, 'the official constraints hold eight foreign keys among the five tables');
	make_cdm('cdm_official', slurp_file("${prefix}_ddl.sql"), slurp_file("${prefix}_primary_keys.sql"), @foreign);
	my $columns = q{SELECT string_agg(format('%s.%s %s%s', c.relname, a.attname, format_type(a.atttypid, a.atttypmod),
											 CASE WHEN a.attnotnull THEN ' NOT NULL' END), ', ' ORDER BY c.relname, a.attnum)
					FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0
					WHERE c.relnamespace = 'SCHEMA'::regnamespace AND c.relname IN ('location', 'care_site', 'person', 'visit_occurrence', 'condition_occurrence')};
	is(value($columns =~ s/SCHEMA/cdm_official/r), value($columns =~ s/SCHEMA/cdm/r),
		'the official DDL makes the tables of test/omop/cdm54.sql');
	export_omop('cdm_official');
}

# ---------------------------------------------------------------------------
# FHIR R4
# ---------------------------------------------------------------------------

my $schema = $ENV{FHIR_SCHEMA} // '';
SKIP:
{
	skip 'no FHIR R4 schema (FHIR_SCHEMA; scripts/test.sh installs it)', 11 unless $schema ne '' && -f $schema;
	my $head = substr(slurp_file($schema), 0, 300);
	like($head, qr{"\$schema": "http://json-schema.org/draft-06/schema#"}, 'the schema is a JSON Schema (draft 6)');
	like($head, qr{"id": "http://hl7.org/fhir/json-schema/4.0"}, 'and HL7\'s FHIR R4 (4.0) schema');

	my $dir = PostgreSQL::Test::Utils::tempdir() . '/fhir';
	$started = time;
	my ($out, $err) = ('', '');
	my $ok = IPC::Run::run([ 'bash', "$root/scripts/fhir_export.sh", $dir, '--database', $node->connstr('postgres') ],
		'>', \$out, '2>', \$err);
	ok($ok, 'scripts/fhir_export.sh exports the county') or diag($err);
	note(sprintf('FHIR export in %.1f s', time - $started));
	my %lines = map { /^(\w+)\s+(\d+)$/ ? ($1 => $2) : () } split /\n/, $out;
	my %expected = (
		Encounter => value('SELECT count(*) FROM registry.episode'),
		Patient => value('SELECT count(*) FROM registry.patient'),
		Organization => value('SELECT (SELECT count(*) FROM registry.organisation) + (SELECT count(*) FROM registry.unit)'),
		Location => value('SELECT count(*) FROM registry.unit WHERE base IS NOT NULL'));
	is($lines{$_}, $expected{$_}, "$_.ndjson: a resource per record ($expected{$_})") foreach sort keys %expected;
	is(value(q{SELECT count(*) FROM registry.fhir_resources('Encounter') r WHERE r->'class'->>'code' = 'FLD'}),
		$prehospital, 'every prehospital episode is an Encounter of class FLD');

	my @files = map { "$dir/$_.ndjson" } sort keys %expected;
	$started = time;
	$ok = IPC::Run::run([ 'node', "$root/test/fhir/validate.js", $schema, @files ], '>', \$out, '2>', \$err);
	ok($ok, 'every resource validates against the FHIR R4 schema, every reference resolves')
	  or diag("$out\n$err");
	note(sprintf('validation in %.1f s', time - $started));
	note($out);
	like($out, qr/^Encounter.ndjson: $expected{Encounter} resources, 0 invalid$/m, 'the validator read every Encounter');

	# The validator fails on what the schema forbids.
	my @encounters = split /\n/, slurp_file("$dir/Encounter.ndjson"), 3;
	(my $bad = $encounters[0]) =~ s/"status": "\w+"/"status": "done"/;
	mkdir "$dir/bad";
	PostgreSQL::Test::Utils::append_to_file("$dir/bad/Encounter.ndjson", "$encounters[1]\n$bad\n");
	$ok = IPC::Run::run([ 'node', "$root/test/fhir/validate.js", $schema, "$dir/bad/Encounter.ndjson" ],
		'>', \$out, '2>', \$err);
	ok(!$ok && $out =~ /2 resources, 1 invalid/ && $out =~ /status should be equal to one of the allowed values/,
		'the validator rejects an Encounter with a status FHIR does not have') or diag("$out\n$err");
}

$node->stop;
done_testing();
