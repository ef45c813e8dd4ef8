# The synthetic county generator keeps its promises (test/county/check.sql),
# is reproducible, scales and offers 250 m cells.

use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use MobilvardTest;

my $root = repo_root();

my $node = PostgreSQL::Test::Cluster->new('county');
$node->init;
$node->start;
$node->safe_psql('postgres', 'CREATE DATABASE county');
$node->safe_psql('county', 'CREATE EXTENSION mobilvard CASCADE');

sub generate
{
	my (%var) = @_;
	my @vars = map { ('-v', "$_=$var{$_}") } sort keys %var;
	return $node->run_log(
		[ 'psql', '-X', '-q', '-v', 'ON_ERROR_STOP=1', @vars, '-d', 'county',
		  '-f', "$root/test/county/generate.sql" ]);
}

sub checks
{
	my ($scale, $label) = @_;
	my $out = $node->safe_psql('county', '',
		extra_params => [ '-v', "scale=$scale", '-f', "$root/test/county/check.sql" ]);
	my @rows = split /\n/, $out;
	cmp_ok(scalar @rows, '>=', 25, "$label: check.sql ran its checks");
	foreach my $row (@rows)
	{
		my ($name, $passed) = split /\|/, $row;
		is($passed, 't', "$label: $name");
	}
}

sub digests
{
	my %d;
	foreach my $table (qw(population_cell unit catchment patient episode contact charge))
	{
		$d{$table} = $node->safe_psql('county',
			"SELECT md5(string_agg(t::text, E'\\n' ORDER BY t::text)) FROM registry.$table t");
	}
	return \%d;
}

sub count_of
{
	my ($query) = @_;
	return $node->safe_psql('county', $query);
}

ok(generate(scale => 0.05, seed => 42), 'scale 0.05, seed 42');
checks(0.05, 'scale 0.05');
my $first = digests();
my %small = map { $_ => count_of("SELECT count(*) FROM registry.$_") } qw(patient episode contact charge);
my $small_pop = count_of('SELECT sum(population) FROM registry.population_cell');
my $cells_1km = count_of('SELECT count(*) FROM registry.population_cell');

# A registry that holds records is not overwritten unless asked to.
ok(!generate(scale => 0.05, seed => 43), 'a registry with records is refused without replace=1');
is(digests()->{episode}, $first->{episode}, 'the refused run changed nothing');
ok(generate(registry => 'second', scale => 0.02, seed => 42), 'another registry is made and filled');
is(count_of(q{SELECT string_agg(name, ' ' ORDER BY name) FROM mobilvard.registries}), 'registry second',
	'the catalog holds both registries');
is(digests()->{episode}, $first->{episode}, 'filling another registry leaves the first alone');
cmp_ok(count_of('SELECT count(*) FROM second.patient'), '<', $small{patient},
	'the second registry holds its own, smaller county');

ok(generate(scale => 0.05, seed => 42, replace => 1), 'scale 0.05, seed 42 again');
my $again = digests();
is($again->{$_}, $first->{$_}, "same seed and scale: identical $_ rows") foreach sort keys %$first;

ok(generate(scale => 0.05, replace => 1, seed => 43), 'scale 0.05, seed 43');
my $other = digests();
isnt($other->{episode}, $first->{episode}, 'another seed: other episodes');
isnt($other->{patient}, $first->{patient}, 'another seed: other patients');
is($other->{unit}, $first->{unit}, 'another seed: the same units');

ok(generate(scale => 0.5, replace => 1, seed => 42), 'scale 0.5');
my $pop = count_of('SELECT sum(population) FROM registry.population_cell');
cmp_ok(abs($pop / $small_pop - 10), '<', 0.01, "ten times the scale, ten times the people ($small_pop, $pop)");
foreach my $table (sort keys %small)
{
	my $n = count_of("SELECT count(*) FROM registry.$table");
	cmp_ok(abs($n / $small{$table} - 10), '<', 0.5,
		"ten times the scale, about ten times the ${table}s ($small{$table}, $n)");
}
is(count_of('SELECT count(*) FROM registry.population_cell'), $cells_1km,
	'scale does not change the grid');
# From scale 0.5 the programme checks run too.
checks(0.5, 'scale 0.5');

ok(generate(scale => 0.05, replace => 1, seed => 42, cell_m => 250), '250 m cells');
my $cells_250 = count_of('SELECT count(*) FROM registry.population_cell');
cmp_ok($cells_250 / $cells_1km, '>', 14, "250 m cells: about 16 per 1 km cell ($cells_1km, $cells_250)");
cmp_ok($cells_250 / $cells_1km, '<', 18, '250 m cells: not more than the grid holds');
is(count_of('SELECT sum(population) FROM registry.population_cell'), $small_pop,
	'250 m cells: the same people');
is(count_of(q{SELECT count(*) FROM registry.population_cell
			  WHERE abs(ST_Area(geom) - 62500) > 0.001}), '0', '250 m cells are 250 m squares');
checks(0.05, '250 m cells');

ok(!generate(scale => 0, replace => 1), 'scale 0 is refused');
ok(!generate(scale => 0.05, cell_m => 300, replace => 1), 'a cell size other than 250, 500 or 1000 m is refused');
ok(!generate(scale => 0.05, replace => 'yes'), 'replace other than 0 or 1 is refused');

$node->stop;
done_testing();
