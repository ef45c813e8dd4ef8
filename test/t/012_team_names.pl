# A DBA's change of mobilvard.team_name reaches a session that has already
# compiled the names, without a reconnect: once the change commits, not
# before; a change under session_replication_role = replica (as logical
# replication applies it) too; and a parallel worker reads the same names.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

my $node = PostgreSQL::Test::Cluster->new('team_names');
$node->init;
$node->start;
$node->safe_psql('postgres', 'CREATE EXTENSION mobilvard CASCADE');

# A session that stays open: each answer is read up to a marker.
my ($in, $out, $err) = ('', '', '');
my $reader = IPC::Run::start [ 'psql', '-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1',
	'-d', $node->connstr('postgres') ], '<', \$in, '>', \$out, '2>', \$err;
my $asked = 0;
sub ask
{
	my ($sql) = @_;
	$asked++;
	$out = '';
	$in .= "$sql;\nSELECT 'done $asked';\n";
	$reader->pump until $out =~ /done $asked\n/ || $err ne '';
	die "the reading session failed: $err" if $err ne '';
	$out =~ s/done $asked\n//;
	chomp $out;
	return $out;
}
my $form_of = q{SELECT coalesce(mobilvard.care_form_of('Mobila läkarteamet Norr')::text, 'NULL')};

is(ask($form_of), 'NULL', 'a name the table does not have: NULL, and the names are compiled');
is(ask(q{SELECT mobilvard.care_form_of('ASIH Örebro')}), 'specialised_home_care',
	'a shipped name from the compiled names');

# Another session's change, uncommitted and then committed.
my ($win, $wout, $werr) = ('', '', '');
my $writer = IPC::Run::start [ 'psql', '-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1',
	'-d', $node->connstr('postgres') ], '<', \$win, '>', \$wout, '2>', \$werr;
$win .= q{BEGIN;
	INSERT INTO mobilvard.team_name (name, care_form) VALUES ('Mobila läkarteamet', 'other_mobile');
	DELETE FROM mobilvard.team_name WHERE name = 'asih';
	SELECT 'written';
};
$writer->pump until $wout =~ /written/ || $werr ne '';
is($werr, '', 'the other session changes the names in an open transaction');
is(ask($form_of), 'NULL', 'an uncommitted addition is not seen');
is(ask(q{SELECT mobilvard.care_form_of('ASIH Örebro')}), 'specialised_home_care',
	'nor an uncommitted delete');

$win .= "COMMIT;\nSELECT 'committed';\n";
$writer->pump until $wout =~ /committed/ || $werr ne '';
is(ask($form_of), 'other_mobile', 'once committed, the addition takes effect in the open session');
is(ask(q{SELECT coalesce(mobilvard.care_form_of('ASIH Örebro')::text, 'NULL')}), 'NULL',
	'and the delete');

# As logical replication applies a change: ordinary triggers do not fire.
$win .= q{SET session_replication_role = replica;
	UPDATE mobilvard.team_name SET care_form = 'mobile_primary_care' WHERE name = 'mobila läkarteamet';
	RESET session_replication_role;
	SELECT 'replicated';
};
$writer->pump until $wout =~ /replicated/ || $werr ne '';
is($werr, '', 'a change under session_replication_role = replica');
is(ask($form_of), 'mobile_primary_care', 'reaches the open session too');

# Parallel workers compile the names themselves, with the same result.
$win .= "\\q\n";
$writer->finish;
ask(q{CREATE TABLE unit_names AS
	SELECT name || ' ' || g AS name FROM mobilvard.team_name, generate_series(1, 200) g});
ask(q{SET max_parallel_workers_per_gather = 2; SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0;
	SET min_parallel_table_scan_size = 0});
my $count = q{SELECT count(*) FILTER (WHERE mobilvard.care_form_of(name, 'regional_primary') IS NOT NULL)
	FROM unit_names};
like(ask("EXPLAIN (COSTS OFF) $count"), qr/Workers Planned: 2/, 'care_form_of runs in parallel workers');
my $parallel = ask($count);
ask('SET max_parallel_workers_per_gather = 0');
is($parallel, ask($count), 'they give what the leader alone gives');
cmp_ok($parallel, '>', 0, 'which matches names');

$in .= "\\q\n";
$reader->finish;
$node->stop;
done_testing();
