# Every table of a registry and every view with a geometry exports with
# ogr2ogr to GeoPackage, GIS tools' exchange format, without losing a row, a
# column or a value: the columns of mobilvard's types and the validity ranges
# arrive as text, the geometries as geometries.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use MobilvardTest;

my $node = PostgreSQL::Test::Cluster->new('geopackage');
$node->init;
$node->start;
$node->safe_psql('postgres', 'CREATE EXTENSION mobilvard CASCADE');
$node->command_ok(county_command($node, 'postgres'), 'a small county loads');

my @layers = split /\n/, $node->safe_psql('postgres', q{
	SELECT c.relname FROM pg_class c
	WHERE c.relnamespace = 'registry'::regnamespace
	  AND (c.relkind = 'r'
		   OR c.relkind = 'v' AND EXISTS (SELECT FROM pg_attribute a
										  WHERE a.attrelid = c.oid AND a.atttypid = 'geometry'::regtype))
	ORDER BY 1});
cmp_ok(scalar @layers, '>=', 23, 'every table and geometry view of the registry: ' . scalar @layers);

my $gpkg = $node->basedir . '/registry.gpkg';
my $dsn = sprintf('PG:host=%s port=%d dbname=postgres', $node->host, $node->port);
my ($stdout, $stderr);
IPC::Run::run [ 'ogr2ogr', '-f', 'GPKG', $gpkg, $dsn, map { "registry.$_" } @layers ],
  '>', \$stdout, '2>', \$stderr;
is($?, 0, 'ogr2ogr exports them to one GeoPackage');
unlike($stderr, qr/ERROR/, 'without an error') or diag($stderr);

# What GDAL made of a layer: its fields (with an integer key that became
# the layer's FID column, not one GDAL added) and its geometry column.
sub gpkg_columns
{
	my ($layer) = @_;
	my ($out, $err);
	IPC::Run::run [ 'ogrinfo', '-ro', '-so', $gpkg, "registry.$layer" ], '>', \$out, '2>', \$err;
	my @fields = map { /^(\w+): \w+(?:\(\w+\))? \(\d/ ? $1 : () } split /\n/, $out;
	my ($fid) = $out =~ /^FID Column = (\w+)/m;
	push @fields, $fid if defined $fid && $fid ne 'fid';
	my ($geometry) = $out =~ /^Geometry Column (?:NOT NULL )?= (\w+)/m;
	return (\@fields, $geometry);
}

sub gpkg_value
{
	my ($sql) = @_;
	my ($out, $err);
	IPC::Run::run [ 'ogrinfo', '-ro', '-q', $gpkg, '-dialect', 'SQLite', '-sql', $sql ],
	  '>', \$out, '2>', \$err;
	my @values = $out =~ /^  .+ \((?:Integer|Integer64|Real|String|Date)\) = (.*)$/mg;
	return join(' ', @values);
}

foreach my $layer (@layers)
{
	my @columns = map { [ split /\|/ ] } split /\n/, $node->safe_psql('postgres', qq{
		SELECT a.attname, a.atttypid = 'geometry'::regtype FROM pg_attribute a
		WHERE a.attrelid = 'registry.$layer'::regclass AND a.attnum > 0 AND NOT a.attisdropped
		ORDER BY a.attnum});
	my @plain = map { $_->[0] } grep { $_->[1] eq 'f' } @columns;
	my @geometry = map { $_->[0] } grep { $_->[1] eq 't' } @columns;
	my ($fields, $gpkg_geometry) = gpkg_columns($layer);

	is(join(' ', sort @$fields), join(' ', sort @plain), "$layer: every column arrives");
	is($gpkg_geometry // '', $geometry[0] // '', "$layer: its geometry column arrives")
	  if @geometry;

	# Rows and the non-NULL values of every column, counted on both sides.
	my @all = (@plain, @geometry);
	my $counts = join(', ', 'count(*)', map { qq{count("$_")} } @all);
	is(gpkg_value(qq{SELECT $counts FROM "registry.$layer"}),
		join(' ', split /\|/, $node->safe_psql('postgres', "SELECT $counts FROM registry.$layer")),
		"$layer: every row and value arrives");
}

# Each layer's integer key is unique, so a GIS tool can use it as the
# feature id.
foreach my $key ([ 'coverage_gap', 'cell_key' ], [ 'unit_reach', 'unit_key' ],
	[ 'enrolled_patient', 'enrolment_key' ], [ 'catchment_layer', 'catchment_id' ],
	[ 'unit_layer', 'unit_key' ])
{
	my ($layer, $column) = @$key;
	is($node->safe_psql('postgres',
			"SELECT count(*) = count(DISTINCT $column) AND count(*) > 0 FROM registry.$layer"),
		't', "$layer: $column is a unique key");
	is($node->safe_psql('postgres', qq{
			SELECT format_type(a.atttypid, a.atttypmod) FROM pg_attribute a
			WHERE a.attrelid = 'registry.$layer'::regclass AND a.attname = '$column'}) =~ /^(integer|bigint)$/
		  ? 'integer' : 'not an integer', 'integer', "$layer: $column is an integer");
}

# Values as text: a care form, a validity range and its plain dates.
is(gpkg_value(q{SELECT unit_form FROM "registry.unit" WHERE unit_id = 'ASIH-ORE'}),
	'specialised_home_care', 'a care form arrives as its text');
is(gpkg_value(q{SELECT valid FROM "registry.catchment" ORDER BY catchment_id LIMIT 1}),
	$node->safe_psql('postgres', 'SELECT valid FROM registry.catchment ORDER BY catchment_id LIMIT 1'),
	'a validity range arrives as its text');
is(gpkg_value(q{SELECT count(*) FROM "registry.catchment_layer" WHERE valid_from IS NOT NULL}),
	$node->safe_psql('postgres', 'SELECT count(*) FROM registry.catchment_layer WHERE valid_from IS NOT NULL'),
	'the catchment layer\'s first days arrive as dates');

$node->stop;
done_testing();
