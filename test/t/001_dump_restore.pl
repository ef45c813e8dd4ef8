# pg_dump of a registry with data restores into a fresh database with the
# same rows in every table of the extension, including edits of the shipped
# reference rows and rows a user added to them.

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

# Edit a shipped reference row, add a user row to two reference tables.
$node->safe_psql('src', q{
	UPDATE mobilvard.price_base_amount SET amount = 58900 WHERE year = 2025;
	INSERT INTO mobilvard.price_base_amount VALUES (2027, 60000);
	INSERT INTO mobilvard.travel_profile VALUES ('bicycle', 1.2, 15, 18, 2, 0);
});

my $dump = $node->basedir . '/registry.dump';
$node->command_ok([ 'pg_dump', '-Fc', '-f', $dump, '-d', 'src' ], 'pg_dump -Fc');
$node->safe_psql('postgres', 'CREATE DATABASE dst');
$node->command_ok([ 'pg_restore', '--exit-on-error', '-d', 'dst', $dump ],
	'pg_restore into a fresh database');

# Every table of the extension (pg_extension_config_dump), compared by row
# count and by a digest of all its rows in a fixed order.
my @tables = registry_tables($node, 'src');
cmp_ok(scalar @tables, '>=', 14, 'the extension registers its tables for pg_dump');

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
	cmp_ok($node->safe_psql('src', "SELECT count(*) FROM mobilvard.$table"), '>', 0,
		"the county filled $table");
}

is($node->safe_psql('dst', 'SELECT amount FROM mobilvard.price_base_amount WHERE year = 2025'),
	'58900', 'the edited shipped row survives, edited');
is($node->safe_psql('dst', 'SELECT count(*) FROM mobilvard.price_base_amount WHERE year = 2025'),
	'1', 'the edited shipped row is not doubled by the shipped default');
is($node->safe_psql('dst', 'SELECT amount FROM mobilvard.price_base_amount WHERE year = 2027'),
	'60000', 'a user row of a reference table survives');
is($node->safe_psql('dst', 'SELECT amount FROM mobilvard.price_base_amount WHERE year = 2024'),
	'57300', 'an unedited shipped row is there once more');
is($node->safe_psql('dst', q{SELECT detour_factor FROM mobilvard.travel_profile WHERE name = 'bicycle'}),
	'1.2', 'a user travel profile survives');

$node->stop;
done_testing();
