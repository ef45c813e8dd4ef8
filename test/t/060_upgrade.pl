# Every earlier release (test/upgrade/releases) upgrades to this version with
# ALTER EXTENSION mobilvard UPDATE: a registry that holds data keeps its rows
# and its care periods, and ends with exactly the objects of a fresh install.
# scripts/test.sh builds the releases' install scripts from their commits; a
# release whose script is not there (a clone without that history) is
# skipped, but its update path is checked all the same.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use MobilvardTest;

my $root = repo_root();

my ($current) = slurp_file("$root/mobilvard.control") =~ /^default_version = '([^']+)'$/m
  or die "no default_version in mobilvard.control";
my @releases = grep { $_ ne $current }
  map { /^(\S+)\s+\S+/ ? $1 : () }
  grep { !/^\s*(#|$)/ } split /\n/, slurp_file("$root/test/upgrade/releases");
ok(@releases > 0, 'test/upgrade/releases names earlier releases');

my $node = PostgreSQL::Test::Cluster->new('upgrade');
$node->init;
$node->start;
my $extension_dir = $node->config_data('--sharedir') . '/extension';

# The schema as pg_dump --binary-upgrade writes it, extension members
# included, without what differs between two databases of the same schema:
# OIDs, transaction ids and the dump's own restrict key.
sub schema_of
{
	my ($db) = @_;
	my ($stdout, $stderr);
	IPC::Run::run [ 'pg_dump', '--binary-upgrade', '--schema-only', '-d', $node->connstr($db) ],
	  '>', \$stdout, '2>', \$stderr
	  or die "pg_dump $db failed: $stderr";
	my @lines = grep { !/binary_upgrade_set_next|^\\(un)?restrict |relfrozenxid|^WHERE oid = / }
	  split /\n/, $stdout;
	s/'\{[0-9,]*\}'/'{}'/g foreach @lines;
	return join("\n", @lines);
}

my $periods_digest = q{
	SELECT md5(string_agg(p::text, E'\n' ORDER BY p::text)) FROM registry.care_period p};

# Row counts of every registry table (pg_extension_config_dump).
sub rows_of
{
	my ($db) = @_;
	return join(', ', map { "$_ " . $node->safe_psql($db, "SELECT count(*) FROM $_") }
		registry_tables($node, $db));
}

# Whether two schemas are the same; if not, the start of their difference.
sub same_schema
{
	my ($got, $expected, $name) = @_;
	return pass($name) if $got eq $expected;
	my $dir = $node->basedir;
	PostgreSQL::Test::Utils::append_to_file("$dir/$_->[0].sql", $_->[1])
	  foreach ([ 'got', $got ], [ 'expected', $expected ]);
	diag(`diff -u $dir/expected.sql $dir/got.sql | head -n 60`);
	return fail($name);
}

$node->safe_psql('postgres', 'CREATE DATABASE fresh');
$node->safe_psql('fresh', 'CREATE EXTENSION mobilvard CASCADE');
my $fresh_schema = schema_of('fresh');

foreach my $release (@releases)
{
	is($node->safe_psql('postgres', qq{
		SELECT path IS NOT NULL FROM pg_extension_update_paths('mobilvard')
		WHERE source = '$release' AND target = '$current'}),
		't', "an update path leads from $release to $current");

  SKIP:
	{
		skip "no install script for $release (its commit is not in this clone)", 5
		  unless -f "$extension_dir/mobilvard--$release.sql";

		my $db = "from_$release" =~ s/\./_/gr;
		$node->safe_psql('postgres', "CREATE DATABASE $db");
		$node->safe_psql($db, "CREATE EXTENSION mobilvard VERSION '$release' CASCADE");
		$node->command_ok(county_command($node, $db), "a small county loads into $release");
		my $periods = $node->safe_psql($db, $periods_digest);
		my $rows = rows_of($db);

		$node->safe_psql($db, 'ALTER EXTENSION mobilvard UPDATE');
		is($node->safe_psql($db, q{SELECT extversion FROM pg_extension WHERE extname = 'mobilvard'}),
			$current, "$release updates to $current");
		is(rows_of($db), $rows,
			"updating from $release keeps the rows of every registry table");
		is($node->safe_psql($db, $periods_digest), $periods,
			"updating from $release keeps the care periods");
		same_schema(schema_of($db), $fresh_schema,
			"$release updated to $current has the objects of a fresh $current install");
	}
}

$node->stop;
done_testing();
