# A registry belongs to the DBA: a column and an index added to a registry
# table, a second registry, edited reference rows and the catalog survive
# pg_dump -Fc and pg_restore into a fresh database, the dump prints no
# warning, and DROP EXTENSION without CASCADE refuses while a registry
# uses the extension, losing nothing.

use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use MobilvardTest;

my $node = PostgreSQL::Test::Cluster->new('dump');
$node->init;
$node->start;

$node->safe_psql('postgres', 'CREATE DATABASE src');
$node->safe_psql('src', 'CREATE EXTENSION mobilvard CASCADE');
$node->command_ok(county_command($node, 'src'), 'synthetic county loads at scale 0.02');
$node->command_ok(county_command($node, 'src', registry => 'test_registry', scale => 0.01),
	'a second registry, for tests, beside it');

# What a DBA does: a local column and an index on it, an edited national
# figure, a year added, a reference row of the registry's own, a team name
# added and a shipped one given an end and a later meaning.
$node->safe_psql('src', q{
	ALTER TABLE registry.patient ADD COLUMN local_ref text;
	UPDATE registry.patient SET local_ref = 'L' || patient_id WHERE patient_id % 3 = 0;
	CREATE INDEX patient_local_ref_idx ON registry.patient (local_ref);
	UPDATE mobilvard.price_base_amount SET amount = 58900 WHERE year = 2025;
	INSERT INTO mobilvard.price_base_amount VALUES (2027, 60000);
	INSERT INTO registry.travel_profile VALUES ('bicycle', 1.2, 15, 18, 2, 0);
	UPDATE registry.charge_kind SET description = 'Läkarintyg' WHERE kind = 'certificate';
	INSERT INTO mobilvard.team_name (name, care_form, source) VALUES ('Mobila läkarteamet', 'other_mobile', 'the DBA');
	UPDATE mobilvard.team_name SET valid = '(,2030-01-01)' WHERE name = 'demensteam';
	INSERT INTO mobilvard.team_name (name, care_form, valid) VALUES ('demensteam', 'mobile_specialist_team', '[2030-01-01,)');
});

my $dump = $node->basedir . '/registry.dump';
my ($stdout, $stderr);
IPC::Run::run [ 'pg_dump', '-Fc', '-f', $dump, '-d', $node->connstr('src') ], '>', \$stdout, '2>', \$stderr;
is($?, 0, 'pg_dump -Fc');
is($stderr, '', 'pg_dump prints no warning');

$node->safe_psql('postgres', 'CREATE DATABASE dst');
$node->command_ok([ 'pg_restore', '--exit-on-error', '-d', $node->connstr('dst'), $dump ],
	'pg_restore into a fresh database');

# Every table of both registries, by row count and by a digest of all its
# rows (every column, the added one too) in a fixed order.
my @tables = (registry_tables($node, 'src'), registry_tables($node, 'src', 'test_registry'),
	'mobilvard.price_base_amount', 'mobilvard.team_name', 'mobilvard.registries');
cmp_ok(scalar @tables, '>=', 40, 'both registries\' tables and the extension\'s');
foreach my $table (@tables)
{
	my $count = "SELECT count(*) FROM $table";
	my $digest = "SELECT coalesce(md5(string_agg(t::text, E'\\n' ORDER BY t::text)), '') FROM $table t";
	my $rows = $node->safe_psql('src', $count);
	is($node->safe_psql('dst', $count), $rows, "$table: $rows rows restored");
	is($node->safe_psql('dst', $digest), $node->safe_psql('src', $digest),
		"$table: restored rows are identical");
}

foreach my $table (qw(patient episode contact charge population_cell catchment))
{
	cmp_ok($node->safe_psql('src', "SELECT count(*) FROM registry.$table"), '>', 0,
		"the county filled $table");
}

is($node->safe_psql('dst', q{SELECT count(local_ref) > 0 FROM registry.patient}),
	't', 'the added column comes back with its values');
is($node->safe_psql('dst', q{SELECT indexdef FROM pg_indexes WHERE indexname = 'patient_local_ref_idx'}),
	'CREATE INDEX patient_local_ref_idx ON registry.patient USING btree (local_ref)',
	'the added index comes back');
is($node->safe_psql('dst', 'SELECT amount FROM mobilvard.price_base_amount WHERE year = 2025'),
	'58900', 'the edited national figure survives, edited');
is($node->safe_psql('dst', 'SELECT count(*) FROM mobilvard.price_base_amount WHERE year = 2025'),
	'1', 'the edited national figure is not doubled by the shipped one');
is($node->safe_psql('dst', 'SELECT amount FROM mobilvard.price_base_amount WHERE year = 2024'),
	'57300', 'an unedited shipped figure is there once');
is($node->safe_psql('dst', q{SELECT mobilvard.care_form_of('Mobila läkarteamet Norr') || ' '
		|| mobilvard.care_form_of('Demensteam', 'regional_primary', '2029-12-31') || ' '
		|| mobilvard.care_form_of('Demensteam', 'regional_primary', '2030-01-01')}),
	'other_mobile mobile_primary_care mobile_specialist_team',
	'the added team name and the edited one take effect in the restored database');
is($node->safe_psql('dst', q{SELECT count(*) FROM mobilvard.team_name WHERE name = 'demensteam'}),
	'2', 'the edited shipped team name is not doubled by the shipped one');
is($node->safe_psql('dst', q{SELECT string_agg(name || ' ' || model_version, ', ' ORDER BY name)
		FROM mobilvard.registries}),
	'registry 0.2.0, test_registry 0.2.0', 'the catalog of registries is restored');
is($node->safe_psql('dst', q{SELECT count(*) FROM registry.episode_classified}),
	$node->safe_psql('src', q{SELECT count(*) FROM registry.episode_classified}),
	'the restored registry\'s views answer');
is($node->safe_psql('dst', q{SELECT count(*) FROM pg_depend d JOIN pg_extension e ON e.oid = d.refobjid
		WHERE e.extname = 'mobilvard' AND d.deptype = 'e' AND d.classid = 'pg_class'::regclass
		  AND d.objid IN (SELECT oid FROM pg_class WHERE relnamespace = 'registry'::regnamespace)}),
	'0', 'the restored registry is not part of the extension');

# DROP EXTENSION without CASCADE: refused, naming the registries' objects,
# and nothing is gone.
my ($ret, $out, $err) = $node->psql('dst', 'SET search_path = pg_catalog; DROP EXTENSION mobilvard');
isnt($ret, 0, 'DROP EXTENSION mobilvard without CASCADE is refused');
like($err, qr/cannot drop extension mobilvard because other objects depend on it/,
	'the refusal says why');
like($err, qr/table registry\.unit depends on type mobilvard\.care_level/,
	'the refusal names the registry');
like($err, qr/table test_registry\.unit/, 'and the second registry');
is($node->safe_psql('dst', 'SELECT count(*) FROM registry.episode'),
	$node->safe_psql('src', 'SELECT count(*) FROM registry.episode'),
	'after the refused DROP EXTENSION every episode is there');

$node->stop;
done_testing();
