# The geography views are map layers: a GIS client (GDAL's ogrinfo, as QGIS
# uses it) must list them with their geometry type and SWEREF99 TM, and read
# their features.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

my ($ogrinfo) = grep { -x $_ } map { "$_/ogrinfo" } split /:/, $ENV{PATH};
plan skip_all => 'ogrinfo (Debian gdal-bin) is not installed' unless $ogrinfo;

my $node = PostgreSQL::Test::Cluster->new('layers');
$node->init;
$node->start;
$node->safe_psql('postgres', 'CREATE DATABASE gis');
$node->safe_psql('gis', 'CREATE EXTENSION mobilvard CASCADE; SELECT mobilvard.create_registry()');

# Two municipalities of 4 x 2 cells, a team with a catchment over the west
# one, a patient at home.
$node->safe_psql('gis', q{
SET search_path = registry, mobilvard, public;
INSERT INTO organisation VALUES
	('R97', 'Region Karta', 'region', NULL, NULL, NULL),
	('K9701', 'Väst', 'municipality', 'R97', '9701', 'west'),
	('K9702', 'Öst', 'municipality', 'R97', '9702', 'east');
INSERT INTO population_cell
SELECT format('%s-%s', i, j), CASE WHEN i < 2 THEN '9701' ELSE '9702' END, 10 * (i + j + 1), i + j,
	   ST_MakeEnvelope(500000 + i * 20000, 6600000 + j * 20000, 520000 + i * 20000, 6620000 + j * 20000, 3006)
FROM generate_series(0, 3) i, generate_series(0, 1) j;
INSERT INTO unit VALUES ('L1', 'R97', 'Närsjukvårdsteam', 'regional_primary',
						 'community_care_team', 'SRID=3006;POINT(510000 6610000)');
INSERT INTO catchment VALUES ('L1', '[2020-01-01,)',
	ST_Multi(ST_MakeEnvelope(500000, 6600000, 540000, 6640000, 3006)));
INSERT INTO patient VALUES (1, 1940, 'F', '9701', 'SRID=3006;POINT(512000 6612000)', NULL);
INSERT INTO episode VALUES (1, 1, 'L1', 'ordinary_home', false, '2024-05-01', NULL, NULL);
});

my $gap_count = $node->safe_psql('gis', 'SELECT count(*) FROM registry.coverage_gap');
ok($gap_count > 0, "the county has gaps ($gap_count cells)");

my $dsn = sprintf('PG:host=%s port=%d dbname=gis', $node->host, $node->port);

my ($stdout, $stderr);
IPC::Run::run([ $ogrinfo, '-ro', '-q', $dsn ], '>', \$stdout, '2>', \$stderr);
like($stdout, qr/registry\.coverage_gap \(Polygon\)/, 'coverage_gap is a polygon layer');
like($stdout, qr/registry\.unit_reach \(Multi Polygon\)/, 'unit_reach is one multipolygon layer');
like($stdout, qr/registry\.unit_layer \(Point\)/, 'unit_layer is a point layer of the bases');
like($stdout, qr/registry\.catchment_layer \(Multi Polygon\)/, 'catchment_layer is a multipolygon layer');
like($stdout, qr/registry\.enrolled_patient \(Point\)/, 'enrolled_patient is a point layer');

IPC::Run::run([ $ogrinfo, '-ro', '-so', $dsn, 'registry.coverage_gap' ],
	'>', \$stdout, '2>', \$stderr);
like($stdout, qr/Feature Count: $gap_count\b/, 'ogrinfo reads every gap cell');
like($stdout, qr/SWEREF99 TM/, 'in SWEREF99 TM');
like($stdout, qr/minutes: Real/, 'minutes are a plain number');
like($stdout, qr/beyond_30: Integer ?\(Boolean\)/, 'flags are booleans');

IPC::Run::run([ $ogrinfo, '-ro', $dsn, '-sql',
	"SELECT r.unit_id, r.unit_form_text, r.catchment_population, u.base
	 FROM registry.unit_reach r JOIN registry.unit u USING (unit_id)" ],
	'>', \$stdout, '2>', \$stderr);
like($stdout, qr/unit_form_text \(String\) = community_care_team/,
	'the care form reaches the client as text');
my $catchment = $node->safe_psql('gis',
	"SELECT sum(population) FROM registry.population_cell
	 WHERE ST_Intersects('SRID=3006;POLYGON((500000 6600000, 540000 6600000, 540000 6640000, 500000 6640000, 500000 6600000))', ST_Centroid(geom))");
like($stdout, qr/catchment_population \(Integer64\) = $catchment\b/, "with its catchment population ($catchment)");
like($stdout, qr/POINT \(510000 6610000\)/, 'and its base');

$node->stop;
done_testing();
