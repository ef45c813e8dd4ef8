# The demo report (examples/report/*.sql, what scripts/demo.sh prints) runs
# to the end on a small county: every section prints its table.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use MobilvardTest;

my $node = PostgreSQL::Test::Cluster->new('report');
$node->init;
$node->start;
$node->safe_psql('postgres', 'CREATE EXTENSION mobilvard CASCADE; CREATE EXTENSION pgrouting');
$node->command_ok(county_command($node, 'postgres'), 'small county loads');

my @reports = sort glob(repo_root() . "/examples/report/*.sql");
ok(@reports > 0, 'the report has sections');

foreach my $report (@reports)
{
	my $name = $report =~ s{.*/}{}r;
	my @sections = slurp_file($report) =~ /^\\echo '== /mg;
	my ($stdout, $stderr);
	my $ok = IPC::Run::run [ 'psql', '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-P', 'pager=off',
		'-d', $node->connstr('postgres'), '-f', $report ], '>', \$stdout, '2>', \$stderr;
	ok($ok, "$name runs without error") or diag($stderr);
	my @tables = $stdout =~ /^\(\d+ rows?\)$/mg;
	is(scalar @tables, scalar @sections, "$name prints a table for each of its " . scalar(@sections) . ' sections');
}

$node->stop;
done_testing();
