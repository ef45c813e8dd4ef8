# Every client's defaults work: after create_registry, a fresh session of a
# plain role with no settings of its own filters and joins every column of
# a mobilvard type with a string literal, in psql, through psqlODBC (isql)
# and through psycopg, and gets the same answers as the text of the column;
# psycopg binds parameters to those columns, and ogr2ogr reads a table and a
# layer view as layers filtered on them (doc/clients.md).
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use MobilvardTest;

my $python = '/usr/bin/python3';	# Debian's, which has python3-psycopg

my $node = PostgreSQL::Test::Cluster->new('clients');
$node->init;
$node->start;
$node->safe_psql('postgres', 'CREATE DATABASE clients');
my ($ret, $out, $err) = $node->psql('clients',
	'CREATE EXTENSION mobilvard CASCADE; SELECT mobilvard.create_registry()');
is($ret, 0, 'create_registry in a fresh database');
like($err, qr/the default search_path of database clients is now "\$user", public, registry, mobilvard/,
	'create_registry says how it set the database\'s search_path');
$node->command_ok(county_command($node, 'clients'), 'a small county loads into the registry');
$node->safe_psql('clients', q{
	CREATE ROLE analyst LOGIN;
	GRANT USAGE ON SCHEMA registry TO analyst;
	GRANT SELECT ON ALL TABLES IN SCHEMA registry TO analyst;
	-- A national analyst: every organisation's records (doc/registry.md).
	INSERT INTO registry.org_access (role_name, org_code) VALUES ('analyst', NULL);
});

# One query per column of a mobilvard type in the registry's tables and
# views: a filter with a string literal, compared with the column's text.
my %label = (care_level => 'specialised_inpatient', care_setting => 'ordinary_home',
	care_form => 'hospital_at_home');
my @columns = map { [ split /\|/ ] } split /\n/, $node->safe_psql('clients', q{
	SELECT c.relname, a.attname, a.atttypid::regtype
	FROM pg_class c
	JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
	WHERE c.relnamespace = 'registry'::regnamespace AND c.relkind IN ('r', 'v')
	  AND a.atttypid IN ('mobilvard.care_level'::regtype, 'mobilvard.care_setting'::regtype,
						 'mobilvard.care_form'::regtype)
	ORDER BY 1, 2});
cmp_ok(scalar @columns, '>=', 12, 'the registry has columns of every mobilvard type');

my (@queries, @expected);
foreach my $column (@columns)
{
	my ($relation, $name, $type) = @$column;
	$type =~ s/^mobilvard\.//;
	my $value = $label{$type};
	push @queries, "SELECT count(*) FROM $relation WHERE $name = '$value'";
	push @expected, $node->safe_psql('clients',
		"SELECT count(*) FROM registry.$relation WHERE ${name}::text = '$value'");
}
# Joins, lists and ordering with literals, as a report writes them.
push @queries,
  q{SELECT count(*) FROM episode e JOIN unit u USING (unit_id) WHERE u.unit_form = 'hospital_at_home' AND e.setting IN ('ordinary_home', 'special_housing')},
  q{SELECT count(*) FROM episode_classified WHERE care_form <> 'none' AND care_level = 'Specialiserad sluten vård'},
  q{SELECT min(care_form) FROM episode_classified WHERE care_form > 'none'},
  q{SELECT count(*) FROM registry.monthly_activity m JOIN mobilvard.registries r ON r.name = 'registry' WHERE m.setting = 'hospital_ward'};
push @expected,
  $node->safe_psql('clients', q{SELECT count(*) FROM registry.episode e JOIN registry.unit u USING (unit_id)
	WHERE u.unit_form::text = 'hospital_at_home' AND e.setting::text IN ('ordinary_home', 'special_housing')}),
  $node->safe_psql('clients', q{SELECT count(*) FROM registry.episode_classified
	WHERE care_form::text <> 'none' AND care_level::text = 'specialised_inpatient'}),
  'hospital_at_home',
  $node->safe_psql('clients', q{SELECT count(*) FROM registry.monthly_activity WHERE setting::text = 'hospital_ward'});
cmp_ok($expected[$_], '>', 0, "query $_ has rows to find") foreach grep { $expected[$_] =~ /^\d+$/ } 0 .. $#expected;

my $host = $node->host;
my $port = $node->port;

# psql, as the plain role, without ~/.psqlrc.
foreach my $i (0 .. $#queries)
{
	my ($stdout, $stderr);
	IPC::Run::run [ 'psql', '-X', '-A', '-t', '-h', $host, '-p', $port, '-U', 'analyst', '-d', 'clients',
		'-c', $queries[$i] ], '>', \$stdout, '2>', \$stderr;
	chomp $stdout;
	is($stdout, $expected[$i], "psql: $queries[$i]") or diag($stderr);
}

# psqlODBC through unixODBC's isql, with a DSN of the driver's defaults.
my $odbc_dir = $node->basedir . '/odbc';
mkdir $odbc_dir;
PostgreSQL::Test::Utils::append_to_file("$odbc_dir/odbc.ini",
	"[mobilvard]\nDriver = PostgreSQL Unicode\nServername = $host\nPort = $port\n"
	  . "Database = clients\nUsername = analyst\n");
{
	local $ENV{ODBCINI} = "$odbc_dir/odbc.ini";
	my ($stdout, $stderr);
	IPC::Run::run [ 'isql', '-b', '-d|', 'mobilvard' ], '<', \(join("\n", @queries) . "\n"),
	  '>', \$stdout, '2>', \$stderr;
	my @answers = grep { !/^SQLRowCount|^\s*$/ } split /\n/, $stdout;
	is(scalar @answers, scalar @queries, 'isql answers every query') or diag("$stdout\n$stderr");
	is($answers[$_] // '', $expected[$_], "isql: $queries[$_]") foreach 0 .. $#queries;
}

# psycopg, with nothing but a connection string.
{
	my $script = join("\n",
		'import sys, psycopg',
		"conn = psycopg.connect(host='$host', port=$port, dbname='clients', user='analyst')",
		'for line in sys.stdin:',
		'    print(conn.execute(line).fetchone()[0])');
	my ($stdout, $stderr);
	IPC::Run::run [ $python, '-c', $script ], '<', \(join("\n", @queries) . "\n"),
	  '>', \$stdout, '2>', \$stderr;
	my @answers = split /\n/, $stdout;
	is(scalar @answers, scalar @queries, 'psycopg answers every query') or diag($stderr);
	is($answers[$_] // '', $expected[$_], "psycopg: $queries[$_]") foreach 0 .. $#queries;
}

# psycopg with the values as parameters: a str binds to a column of a
# mobilvard type, and a list of them to = ANY.
{
	my $script = join("\n",
		'import psycopg',
		"conn = psycopg.connect(host='$host', port=$port, dbname='clients', user='analyst')",
		"print(conn.execute('SELECT count(*) FROM episode_classified WHERE care_form = %s', ['hospital_at_home']).fetchone()[0])",
		"print(conn.execute('SELECT count(*) FROM episode WHERE setting = ANY(%s)', [['ordinary_home', 'special_housing']]).fetchone()[0])");
	my ($stdout, $stderr);
	IPC::Run::run [ $python, '-c', $script ], '>', \$stdout, '2>', \$stderr;
	is($stdout,
		join("\n", $node->safe_psql('clients', q{SELECT count(*) FROM registry.episode_classified WHERE care_form::text = 'hospital_at_home'}),
			$node->safe_psql('clients', q{SELECT count(*) FROM registry.episode WHERE setting::text IN ('ordinary_home', 'special_housing')}))
		  . "\n",
		'psycopg: parameters bound to columns of mobilvard types') or diag($stderr);
}

# ogr2ogr (GDAL's PostgreSQL driver, as QGIS's GDAL layers use it) as the
# plain role: a table and a layer view read as layers, filtered with a
# literal on a column of a mobilvard type and on its text twin.
foreach my $case ([ 'registry.unit', q{unit_form = 'hospital_at_home'} ],
	[ 'registry.unit_layer', q{unit_form_text = 'hospital_at_home'} ])
{
	my ($layer, $where) = @$case;
	my ($stdout, $stderr);
	IPC::Run::run [ 'ogr2ogr', '-f', 'CSV', '/vsistdout/',
		"PG:host=$host port=$port dbname=clients user=analyst", $layer, '-where', $where, '-select', 'unit_id' ],
	  '>', \$stdout, '2>', \$stderr;
	my @rows = grep { /\S/ && !/unit_id/ } split /\r?\n/, $stdout;
	my $expected = $node->safe_psql('clients', q{SELECT string_agg(unit_id, ',' ORDER BY unit_id) FROM registry.unit
		WHERE unit_form::text = 'hospital_at_home'});
	isnt($expected, '', 'the county has hospital-at-home units');
	is(join(',', sort @rows), $expected, "ogr2ogr: layer $layer -where \"$where\"") or diag($stderr);
}

$node->stop;
done_testing();
