# A short pgbench run (test/bench/pgbench.sh: 8 clients for 10 s of report
# queries, fee lookups and inserts of charges and episodes) on a small
# county ends without a failed transaction; every row the clients inserted
# is there, under ids that no two clients shared; and the views agree on the
# new rows.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use IPC::Run;
use MobilvardTest;

my $seconds = $ENV{MOBILVARD_PGBENCH_SECONDS} // 10;

my $node = PostgreSQL::Test::Cluster->new('pgbench');
$node->init;
$node->append_conf('postgresql.conf', "max_connections = 30\n");
$node->start;
$node->safe_psql('postgres', 'CREATE EXTENSION mobilvard CASCADE');
$node->command_ok(county_command($node, 'postgres'), 'small county loads');

my ($out, $err);
my $ran;
{
	local %ENV = (%ENV, PGHOST => $node->host, PGPORT => $node->port, DATABASE => 'postgres',
		CLIENTS => 8, JOBS => 2);
	$ran = IPC::Run::run([ 'bash', repo_root() . '/test/bench/pgbench.sh', $seconds ],
		'>', \$out, '2>', \$err);
}
ok($ran, "pgbench.sh runs $seconds s and its checks pass") or diag("$out\n$err");
note($out);

my ($tps, $failed) = $out =~ /^pgbench, 8 clients, 2 threads, \d+ s: ([0-9.]+) tps, .*, (\d+) failed transactions$/m;
ok(defined $tps && $tps > 0, 'pgbench reports its throughput (' . ($tps // 'none') . ' tps)');
is($failed, '0', 'no transaction failed');
my %transactions = $out =~ /^SQL script \d+: \S*\/(\w+)\.sql\n - weight: .*\n - (\d+) transactions/mg;
cmp_ok($transactions{$_} // 0, '>', 0, "$_ ran") foreach qw(report_month report_classified patient_fees insert_charges insert_episode);

# The ids came from the scripts' sequences: no gap, no duplicate, and every
# row of every successful insert present.  pgbench does not count a
# transaction that commits after the duration has run out, so each of the 8
# clients may have added the rows of one more.
my $range = 'BETWEEN 9000000000000000000 AND 9223372036854775807';
my $charges = $node->safe_psql('postgres', "SELECT count(*) FROM registry.charge WHERE charge_id $range");
ok($charges >= 2 * $transactions{insert_charges} && $charges <= 2 * ($transactions{insert_charges} + 8),
	"two charges per insert_charges transaction are in the table ($charges for $transactions{insert_charges})");
my $episodes = $node->safe_psql('postgres', "SELECT count(*) FROM registry.episode WHERE episode_id $range");
ok($episodes >= $transactions{insert_episode} && $episodes <= $transactions{insert_episode} + 8,
	"one episode per insert_episode transaction is in the table ($episodes for $transactions{insert_episode})");
is($node->safe_psql('postgres', qq{
	SELECT (SELECT last_value FROM mobilvard_bench.charge_id) - 9000000000000000000 + 1
		 = (SELECT count(*) FROM registry.charge WHERE charge_id $range)
	   AND (SELECT last_value FROM mobilvard_bench.episode_id) - 9000000000000000000 + 1
		 = (SELECT count(*) FROM registry.episode WHERE episode_id $range)}),
	't', 'every id the sequences gave out is used once');

# The views agree on the new rows: the split prices every new charge with
# paid + waived = list fee, the yearly sums of the patients concerned equal
# their split, and every new episode is classified.
is($node->safe_psql('postgres', qq{
	SELECT count(*) = (SELECT count(*) FROM registry.charge WHERE charge_id $range)
		   AND bool_and(paid + waived = list_fee)
	FROM registry.charge_split WHERE charge_id $range}),
	't', 'charge_split prices every new charge, paid + waived = list fee');
is($node->safe_psql('postgres', qq{
	WITH patients AS (SELECT DISTINCT patient_id FROM registry.charge WHERE charge_id $range),
	split AS (SELECT sum(s.paid) AS paid, sum(s.list_fee) AS list_fees
			  FROM registry.charge_split s JOIN patients USING (patient_id)),
	yearly AS (SELECT sum(y.paid) AS paid, sum(y.list_fees) AS list_fees
			   FROM registry.patient_fees_by_year y JOIN patients USING (patient_id))
	SELECT split.paid = yearly.paid AND split.list_fees = yearly.list_fees FROM split, yearly}),
	't', 'patient_fees_by_year sums the split of the patients charged');
is($node->safe_psql('postgres', qq{
	SELECT count(*) FROM registry.episode_classified WHERE episode_id $range}),
	$episodes, 'episode_classified classifies every new episode');

$node->stop;
done_testing();
