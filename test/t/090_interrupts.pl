# Long C calls stop when the statement is cancelled: with statement_timeout
# = '200ms', nearest_points of half a million points far from their
# candidates and care_form_of over a name of 260 MB end with 57014 within a
# second, long before the call would have finished.  The inputs are made
# first and are quick to read (an array of 20 MB; the name lz4-compressed to
# a few MB), so that the timeout falls inside the C function, or in the
# copy of the name it starts with.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use Time::HiRes qw(time);

my $node = PostgreSQL::Test::Cluster->new('interrupts');
$node->init;
$node->append_conf('postgresql.conf', "max_parallel_workers_per_gather = 0");
$node->start;
$node->safe_psql('postgres', q{
	CREATE EXTENSION mobilvard CASCADE;
	CREATE TABLE arrays AS
	SELECT ARRAY(SELECT ST_SetSRID(ST_MakePoint(500000 + random() * 100000, 6500000 + random() * 100000), 3006)
				 FROM generate_series(1, 500000)) AS points,
		   ARRAY(SELECT ST_SetSRID(ST_MakePoint(700000 + random() * 1000, 6700000 + random() * 1000), 3006)
				 FROM generate_series(1, 4000)) AS candidates;
	CREATE TABLE long_name (name text COMPRESSION lz4);
	INSERT INTO long_name SELECT repeat('xasihxssihxsahxlahxspotxmapxfactxpeax', 7000000);
});

# The seconds a query takes, its exit code and its error.
sub timed
{
	my ($sql) = @_;
	my $start = time;
	my ($ret, $out, $err) = $node->psql('postgres', $sql);
	return (time - $start, $ret, $err);
}

foreach my $case (
	[ 'nearest_points', 'SELECT count(*) FROM arrays, mobilvard.nearest_points(points, candidates)' ],
	[ 'care_form_of', 'SELECT mobilvard.care_form_of(name) FROM long_name' ])
{
	my ($name, $query) = @$case;
	my ($whole, $ret) = timed($query);
	is($ret, 0, "$name runs to the end without a timeout (" . sprintf('%.2f', $whole) . ' s)');
	my ($stopped, $ret2, $err) = timed("SET statement_timeout = '200ms'; $query");
	like($err, qr/canceling statement due to statement timeout/, "$name is cancelled by statement_timeout");
	cmp_ok($stopped, '<', 1, "$name stops within a second (" . sprintf('%.2f', $stopped) . ' s)');
	cmp_ok($stopped, '<', 0.6 * $whole, "$name stops at the timeout, not when the call ends");
}

$node->stop;
done_testing();
