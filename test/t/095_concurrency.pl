# Overlapping validity is refused under concurrency too: while one session
# holds an uncommitted tariff (or catchment), a second session's
# overlapping row waits for it and then fails with 23P01, so the registry
# never holds two rows that would count a charge twice.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

my $node = PostgreSQL::Test::Cluster->new('concurrency');
$node->init;
$node->start;
$node->safe_psql('postgres', q{
	CREATE EXTENSION mobilvard CASCADE;
	SELECT mobilvard.create_registry(set_search_path => false);
	INSERT INTO registry.organisation VALUES ('R1', 'Region', 'region', NULL, NULL, NULL);
	INSERT INTO registry.unit (unit_id, org_code, name, unit_level) VALUES ('U1', 'R1', 'ASIH', 'specialised_inpatient');
});

foreach my $case (
	[ 'region_tariff',
	  q{INSERT INTO registry.region_tariff (org_code, valid, hcp_ceiling) VALUES ('R1', '[2025-01-01,2026-01-01)', 1000)},
	  q{INSERT INTO registry.region_tariff (org_code, valid, hcp_ceiling) VALUES ('R1', '[2025-06-01,2027-01-01)', 900)} ],
	[ 'catchment',
	  q{INSERT INTO registry.catchment (unit_id, valid, area) VALUES ('U1', '[2025-01-01,)', 'SRID=3006;MULTIPOLYGON(((500000 6600000,500001 6600000,500001 6600001,500000 6600001,500000 6600000)))')},
	  q{INSERT INTO registry.catchment (unit_id, valid, area) VALUES ('U1', '[2024-01-01,2025-02-01)', 'SRID=3006;MULTIPOLYGON(((500000 6600000,500002 6600000,500002 6600002,500000 6600002,500000 6600000)))')} ])
{
	my ($table, $first, $second) = @$case;

	# The first session inserts and keeps its transaction open.
	my ($in, $out, $err) = ('', '', '');
	my $holder = IPC::Run::start [ 'psql', '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', $node->connstr('postgres') ],
	  '<', \$in, '>', \$out, '2>', \$err;
	$in .= "BEGIN; $first; SELECT 'inserted';\n";
	$holder->pump until $out =~ /inserted/;

	# The second waits for the first, seen in pg_locks, ...
	my ($in2, $out2, $err2) = ('', '', '');
	my $waiter = IPC::Run::start [ 'psql', '-X', '-q', '-d', $node->connstr('postgres'), '-c', $second ],
	  '<', \$in2, '>', \$out2, '2>', \$err2;
	ok($node->poll_query_until('postgres', q{
			SELECT EXISTS (SELECT FROM pg_stat_activity
						   WHERE wait_event_type = 'Lock' AND query LIKE 'INSERT INTO registry.%')}),
		"$table: the second session's overlapping row waits for the first");

	# ... and fails once the first commits.
	$in .= "COMMIT;\n\\q\n";
	$holder->finish;
	$waiter->finish;
	like($err2, qr/conflicting key value violates exclusion constraint "${table}_not_overlapping"/,
		"$table: then it fails with the exclusion violation");
	is($node->safe_psql('postgres', "SELECT count(*) FROM registry.$table"), '1',
		"$table: one row, the first session's");
}

$node->stop;
done_testing();
