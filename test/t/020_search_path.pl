# Extension and registry SQL must not depend on the caller's search_path:
# every view answers, and the SQL-level functions work, for a session whose
# search_path holds neither the registry, mobilvard nor PostGIS's schema.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use MobilvardTest;

my $node = PostgreSQL::Test::Cluster->new('search_path');
$node->init;
$node->start;
$node->safe_psql('postgres', 'CREATE EXTENSION mobilvard CASCADE; CREATE EXTENSION pgrouting');
$node->command_ok(county_command($node, 'postgres'), 'small county loads');

my @views = split /\n/, $node->safe_psql('postgres',
	"SELECT c.oid::regclass FROM pg_class c
	 WHERE c.relnamespace IN ('mobilvard'::regnamespace, 'registry'::regnamespace)
	   AND c.relkind IN ('v', 'm') ORDER BY 1");
cmp_ok(scalar @views, '>', 10, 'the extension and the registry have views');

foreach my $view (@views)
{
	my ($ret, $out, $err) = $node->psql('postgres',
		"SET search_path = pg_catalog; SELECT count(*) FROM (SELECT * FROM $view LIMIT 50) v");
	is($ret, 0, "view $view answers with search_path = pg_catalog")
	  or diag($err);
}

# The SQL-level functions, called the way an analyst would.
my $home = "(SELECT home FROM registry.patient WHERE home IS NOT NULL ORDER BY patient_id LIMIT 1)";
my $base = "(SELECT base FROM registry.unit WHERE base IS NOT NULL ORDER BY unit_id LIMIT 1)";
my %calls = (
	'national_hcp_ceiling' => "SELECT mobilvard.national_hcp_ceiling('2025-06-01')",
	'hcp_fee' => "SELECT count(*) FROM (SELECT mobilvard.hcp_fee(list_fee, charge_date, true, 1450)
		OVER (PARTITION BY patient_id ORDER BY charge_date, charge_id) FROM registry.charge) f",
	'priority_patients' => "SELECT count(*) FROM registry.priority_patients('2025-12-29')",
	'home_health_what_if' => "SELECT count(*) FROM registry.patient p,
		LATERAL registry.home_health_what_if(p.patient_id, '[2025-01-01,2026-01-01)') w",
	'travel_minutes' => "SELECT registry.travel_minutes($base, $home, registry.is_urban($home)) > 0",
	'units_covering' => "SELECT registry.units_covering($home, '2025-06-01')",
	'nearest_base' => "SELECT count(*) FROM registry.nearest_base($home, NULL, '2025-06-01')",
	'coverage' => "SELECT count(*) FROM registry.coverage(30, NULL, 'car', '2025-06-01')",
	'network_coverage' => "SELECT count(*) FROM registry.network_coverage(30, NULL, 'car', '2025-06-01')",
	'isochrone' => "SELECT registry.isochrone((SELECT unit_id FROM registry.unit WHERE base IS NOT NULL
		ORDER BY unit_id LIMIT 1), 20) IS NOT NULL");
foreach my $name (sort keys %calls)
{
	my ($ret, $out, $err) = $node->psql('postgres',
		"SET search_path = pg_catalog; $calls{$name}");
	is($ret, 0, "$name works with search_path = pg_catalog")
	  or diag($err);
}
like($node->safe_psql('postgres', "SET search_path = pg_catalog;
		SELECT count(*) FROM registry._driving_distance(ARRAY[(SELECT min(id) FROM registry.road_vertex)], 5);
		SHOW search_path"),
	qr/^[1-9][0-9]*\npg_catalog$/, 'a road-network call leaves the caller\'s search_path as it was');

# The same holds for an empty search_path and the type I/O.
is($node->safe_psql('postgres',
		"SET search_path = ''; SELECT 'Kommunal primärvård'::mobilvard.care_level::text"),
	'municipal_primary', 'type input with an empty search_path');
is($node->safe_psql('postgres',
		"SET search_path = ''; SELECT mobilvard.care_form_of('ASIH Örebro')::text"),
	'specialised_home_care', 'care_form_of with an empty search_path');

$node->stop;
done_testing();
