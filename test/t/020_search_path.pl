# Extension SQL must not depend on the caller's search_path: every view
# answers, and the SQL-level functions work, for a session whose search_path
# holds neither mobilvard nor PostGIS's schema.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

my $root = $ENV{MOBILVARD_ROOT} or die "MOBILVARD_ROOT is not set";

my $node = PostgreSQL::Test::Cluster->new('search_path');
$node->init;
$node->start;
$node->safe_psql('postgres', 'CREATE EXTENSION mobilvard CASCADE');
$node->command_ok(
	[ 'psql', '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-v', 'scale=0.02', '-v', 'seed=7',
	  '-d', $node->connstr('postgres'), '-f', "$root/test/county/generate.sql" ],
	'small county loads');

my @views = split /\n/, $node->safe_psql('postgres',
	"SELECT c.relname FROM pg_class c WHERE c.relnamespace = 'mobilvard'::regnamespace
	 AND c.relkind IN ('v', 'm') ORDER BY 1");
ok(@views > 0, 'the extension has views');

foreach my $view (@views)
{
	my ($ret, $out, $err) = $node->psql('postgres',
		"SET search_path = pg_catalog; SELECT count(*) FROM (SELECT * FROM mobilvard.$view LIMIT 50) v");
	is($ret, 0, "view $view answers with search_path = pg_catalog")
	  or diag($err);
}

# The same holds for an empty search_path and the type I/O.
is($node->safe_psql('postgres',
		"SET search_path = ''; SELECT 'Kommunal primärvård'::mobilvard.care_level::text"),
	'municipal_primary', 'type input with an empty search_path');
is($node->safe_psql('postgres',
		"SET search_path = ''; SELECT mobilvard.care_form_of('ASIH Örebro')::text"),
	'specialised_home_care', 'care_form_of with an empty search_path');

$node->stop;
done_testing();
