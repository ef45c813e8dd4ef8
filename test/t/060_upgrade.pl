# Every earlier release (test/upgrade/releases) upgrades to this version and
# keeps its data.  A registry loaded by the release's own county generator
# goes through ALTER EXTENSION mobilvard UPDATE and, for 0.1, upgrade_registry
# ('registry'): every row of every registry table and every care period is
# still there, and the database then equals a fresh install with
# create_registry loaded with the same rows, catalog and data.  A column a
# DBA added in 0.1 comes along.  scripts/test.sh builds the releases' install
# scripts and takes their generators from git; a release whose commit is not
# in this clone is skipped, but its update path is checked all the same.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use MobilvardTest;

my $root = repo_root();
my $releases_dir = $ENV{MOBILVARD_RELEASES} // '';

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
# included, without what differs between two
# databases of the same schema: OIDs, transaction ids, the dump's restrict
# key, and the order in which the required extensions are listed.
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
	s/ARRAY\[([^\]]*)\]/'ARRAY[' . join(',', sort split m{,}, $1) . ']'/e foreach @lines;
	return join("\n", @lines);
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

# Per table of a schema: its row count and a digest of its rows over the
# columns the release had (the tables of 0.1 gain columns in 0.2).
sub rows_of
{
	my ($db, $schema, $columns) = @_;
	my %rows;
	foreach my $table (sort keys %$columns)
	{
		my $cols = join(', ', map { "t.$_" } @{ $columns->{$table} });
		$rows{$table} = $node->safe_psql($db, qq{
			SELECT count(*) || ' ' || coalesce(md5(string_agg(r::text, E'\\n' ORDER BY r::text)), '')
			FROM (SELECT ROW($cols) AS r FROM $schema.$table t) s});
	}
	return \%rows;
}

sub periods_of
{
	my ($db, $schema) = @_;
	return $node->safe_psql($db,
		"SELECT md5(string_agg(p::text, E'\\n' ORDER BY p::text)) FROM $schema.care_period p");
}

$node->safe_psql('postgres', 'CREATE DATABASE fresh');
$node->safe_psql('fresh', 'CREATE EXTENSION mobilvard CASCADE');

foreach my $release (@releases)
{
	is($node->safe_psql('postgres', qq{
		SELECT path IS NOT NULL FROM pg_extension_update_paths('mobilvard')
		WHERE source = '$release' AND target = '$current'}),
		't', "an update path leads from $release to $current");

	my $generator = "$releases_dir/$release/test/county/generate.sql";
  SKIP:
	{
		skip "no install script or generator for $release (its commit is not in this clone)", 12
		  unless -f "$extension_dir/mobilvard--$release.sql" && -f $generator;

		my $db = "from_$release" =~ s/\./_/gr;
		$node->safe_psql('postgres', "CREATE DATABASE $db");
		$node->safe_psql($db, "CREATE EXTENSION mobilvard VERSION '$release' CASCADE");
		$node->command_ok(
			[ 'psql', '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-v', 'scale=0.02', '-v', 'seed=7',
			  '-d', $node->connstr($db), '-f', $generator ],
			"$release\'s own county generator loads its registry");

		# The release's registry: its member tables and their columns.
		my %columns = map { my ($t, $c) = split /\|/; ($t => [ split / /, $c ]) } split /\n/,
		  $node->safe_psql($db, q{
			SELECT c.relname, string_agg(a.attname, ' ' ORDER BY a.attnum)
			FROM pg_extension e, unnest(e.extconfig) AS x(oid)
			JOIN pg_class c ON c.oid = x.oid
			JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
			WHERE e.extname = 'mobilvard' AND c.relname <> 'price_base_amount'
			GROUP BY c.relname});
		cmp_ok(scalar keys %columns, '>=', 15, "$release has its registry in the extension");
		my $rows = rows_of($db, 'mobilvard', \%columns);
		my $periods = periods_of($db, 'mobilvard');

		$node->safe_psql($db, 'ALTER EXTENSION mobilvard UPDATE');
		is($node->safe_psql($db, q{SELECT extversion FROM pg_extension WHERE extname = 'mobilvard'}),
			$current, "$release updates to $current");
		is_deeply(rows_of($db, 'mobilvard_0_1', \%columns), $rows,
			"after the update every row of $release waits in mobilvard_0_1");

		my ($ret, $out, $err) = $node->psql($db, q{SELECT mobilvard.upgrade_registry('registry')});
		is($ret, 0, "upgrade_registry moves $release\'s registry into a registry") or diag($err);
		like($err, qr/default search_path of database $db is now/, 'and says how the search_path changed');
		is($node->safe_psql($db, q{SELECT name || ' ' || model_version FROM mobilvard.registries}),
			"registry $current", 'the catalog holds the upgraded registry');
		is($node->safe_psql($db, q{SELECT to_regnamespace('mobilvard_0_1') IS NULL}), 't',
			'the old schema is gone once its rows have moved');
		is_deeply(rows_of($db, 'registry', \%columns), $rows,
			"upgrading from $release keeps every row of every registry table");
		is(periods_of($db, 'registry'), $periods, "upgrading from $release keeps the care periods");

		# A fresh install, with create_registry, loaded with the same rows.
		my $fresh = "fresh_$db";
		$node->safe_psql('postgres', "CREATE DATABASE $fresh");
		$node->safe_psql($fresh, q{CREATE EXTENSION mobilvard CASCADE;
			SELECT mobilvard.create_registry(set_search_path => false)});
		$node->safe_psql($fresh, 'TRUNCATE ' . join(', ', map { "registry.$_" } sort keys %columns) . ' CASCADE');
		my ($data, $dump_err);
		IPC::Run::run [ 'pg_dump', '--data-only', '-n', 'registry', '-d', $node->connstr($db) ],
		  '|', [ 'psql', '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', $node->connstr($fresh) ],
		  '>', \$data, '2>', \$dump_err;
		is($?, 0, "the same rows load into a fresh $current registry") or diag($dump_err);
		same_schema(schema_of($db), schema_of($fresh),
			"$release upgraded has the catalog of a fresh $current install with create_registry");
		is_deeply(rows_of($db, 'registry', \%columns), rows_of($fresh, 'registry', \%columns),
			"$release upgraded has the data of the fresh install loaded with the same rows");
	}
}

# A column a DBA added to a table of the last release comes along, values
# and all.
my $last = $releases[-1];
SKIP:
{
	skip "no install script for $last", 3 unless -f "$extension_dir/mobilvard--$last.sql";
	$node->safe_psql('postgres', 'CREATE DATABASE added_column');
	$node->safe_psql('added_column', qq{
		CREATE EXTENSION mobilvard VERSION '$last' CASCADE;
		INSERT INTO mobilvard.organisation VALUES ('R1', 'Region', 'region', NULL, NULL, NULL);
		INSERT INTO mobilvard.patient VALUES (1, 1950, 'F', NULL, NULL, NULL), (2, 1960, 'M', NULL, NULL, NULL);
		ALTER TABLE mobilvard.patient ADD COLUMN local_ref text;
		UPDATE mobilvard.patient SET local_ref = 'L' || patient_id;
		ALTER EXTENSION mobilvard UPDATE});
	my ($ret, $out, $err) = $node->psql('added_column', q{SELECT mobilvard.upgrade_registry('registry')});
	is($ret, 0, 'a registry with a column of its own upgrades');
	like($err, qr/column patient\.local_ref of the 0\.1 registry is kept as a column of registry\.patient/,
		'with a notice of the kept column');
	is($node->safe_psql('added_column',
			q{SELECT string_agg(patient_id || '=' || local_ref, ' ' ORDER BY patient_id) FROM registry.patient}),
		'1=L1 2=L2', 'the added column keeps its values');
}

$node->stop;
done_testing();
