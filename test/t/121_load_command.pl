# scripts/load.sh as a command: the example directory of README
# (examples/load) loads into a registry and its report reads it; headers as
# spreadsheets write them; what it refuses, and its exit statuses.

use strict;
use warnings;
use IPC::Run;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use MobilvardTest;

my $root = repo_root();
my $node = PostgreSQL::Test::Cluster->new('load_command');
$node->init;
$node->start;
$node->safe_psql('postgres', 'CREATE DATABASE load');
$node->safe_psql('load', q{CREATE EXTENSION mobilvard CASCADE;
	SELECT mobilvard.create_registry(set_search_path => false);
	SELECT mobilvard.create_registry('second', set_search_path => false)});
my $db = $node->connstr('load');
my $tmp = PostgreSQL::Test::Utils::tempdir();

sub sql
{
	return $node->safe_psql('load', shift);
}

# load.sh with these arguments: exit status, stdout, stderr.
sub load_sh
{
	my ($out, $err) = ('', '');
	IPC::Run::run([ 'bash', "$root/scripts/load.sh", @_ ], '>', \$out, '2>', \$err);
	return ($? >> 8, $out, $err);
}

sub write_file
{
	my ($path, $text) = @_;
	open my $fh, '>:raw', $path or die "$path: $!";
	print $fh $text;
	close $fh;
}

# The README's example: every file loads, two rows are rejected.
my ($status, $out, $err) = load_sh("$root/examples/load", '--database', $db, '--rejects', "$tmp/example.csv");
is($status, 0, 'examples/load: load.sh exits 0 with two rows rejected') or diag($err);
my @loaded = map { (split ' ')[0] } grep { /^\w+\s+\d+\s/ } split /\n/, $out;
is("@loaded", 'organisation unit catchment patient episode contact charge region_tariff municipal_tariff '
	. 'personal_margin population_cell', 'every file loads, in dependency order');
like($out, qr/^episode\s+\d+\s+5\s+4\s+0\s+0\s+1\s/m, 'episode: 5 read, 4 inserted, 1 rejected');
like($out, qr/^charge\s+\d+\s+5\s+4\s+0\s+0\s+1\s/m, 'charge: 5 read, 4 inserted, 1 rejected');
like($out, qr/^rejects: 2 rows in \Q$tmp\E\/example\.csv$/m, 'the rejects CSV is named with its row count');
like($err, qr/^==> episode\.csv: 5 rows; loading$/m, 'a short file says its row count');
is(sql(q{SELECT string_agg(format('%s %s %s', target, source_row, sqlstate), ', ' ORDER BY target)
		 FROM registry.load_reject}),
	'charge 4 23514, episode 4 23514', 'the wrong principal and the episode ending before it starts are rejected');
open my $fh, '<', "$tmp/example.csv" or die;
my @csv = <$fh>;
is(scalar @csv, 3, 'the rejects CSV: a header and two rows');
like($csv[0], qr/^load_id,target,source_row,sqlstate,at_fault,message,source$/, 'the rejects CSV header');
like($csv[1], qr/^\d+,episode,4,23514,episode_ends_after_start,/, 'the rejects CSV: the episode and its constraint');
is(sql(q{SELECT string_agg(episode_id || ' ' || care_form, ', ' ORDER BY episode_id) FROM registry.episode_classified}),
	'101 none, 102 specialised_home_care, 103 community_care_team, 105 municipal_health_team',
	"the report's view classifies the loaded episodes, unit forms from the units' names");
is(sql(q{SELECT round(ST_X(home)) || ' ' || sex FROM registry.patient WHERE patient_id = 1}), '512163 F',
	'a patient home from lon/lat in SWEREF99 TM, sex K as F');
is(sql(q{SELECT ST_GeometryType(area) FROM registry.catchment c WHERE unit_id = 'NVT-ORE'}), 'ST_MultiPolygon',
	'a catchment given as a polygon is a multipolygon');

($status, $out) = load_sh("$root/examples/load", '--database', $db, '--rejects', "$tmp/again.csv");
is($status, 0, 'examples/load again: exit 0');
my @again = grep { /^\w+\s+\d+\s/ } split /\n/, $out;
is(scalar(grep { my @f = split ' '; $f[3] == 0 && $f[4] == 0 && $f[5] == $f[2] - $f[6] } @again), 11,
	'examples/load again: nothing inserted or updated, every good row unchanged');

($status, $out) = load_sh("$root/examples/load", '--database', $db, '--registry', 'second', '--rejects', "$tmp/second.csv");
is($status, 0, '--registry second: exit 0');
is(sql('SELECT count(*) FROM second.episode'), 4, '--registry second: the episodes are in the second registry');

# Headers as spreadsheets write them: a byte-order mark, CRLF line ends,
# quoted and upper-case names, blanks around them, a quoted line break in a
# value and a column the table does not have.
mkdir "$tmp/header" or die;
write_file("$tmp/header/organisation.csv",
	qq{\xEF\xBB\xBF"ORG_CODE", Name ,"Principal","a ""comment"", say"\r\n}
	. qq{R01,"Region ""Test"",\r\nwith two lines",region,ignored\r\n});
($status, $out, $err) = load_sh("$tmp/header", '--database', $db, '--registry', 'second', '--rejects', "$tmp/h.csv");
is($status, 0, 'a spreadsheet header: exit 0') or diag($err);
is(sql(q{SELECT name FROM second.organisation WHERE org_code = 'R01'}), qq{Region "Test",\r\nwith two lines},
	'a spreadsheet header: the row is read, value and all');

# What it refuses, before anything is loaded.
my $loads = sql('SELECT last_value FROM registry.load_id_seq');
my @refused = (
	[ 'an unknown file name', { 'episodes.csv' => "episode_id\n1\n" }, qr/no table "episodes" to load; the files are named after the tables: organisation\.csv/ ],
	[ 'a header with an unclosed quote', { 'unit.csv' => qq{"unit_id,name\nU1,x\n} }, qr/unit\.csv: the header line has an unclosed quote/ ],
	[ 'an empty file', { 'unit.csv' => '' }, qr/unit\.csv: no header line/ ],
	[ 'an empty column name', { 'unit.csv' => "unit_id,,name\n" }, qr/the header names an empty column/ ],
	[ 'a column source_row', { 'unit.csv' => "unit_id,source_row\n" }, qr/source_row is load\.sh's own column/ ],
	[ 'a directory without CSV files', { 'README' => "x\n" }, qr/no \.csv files in/ ]);
foreach my $case (@refused)
{
	my ($name, $files, $message) = @$case;
	my $dir = "$tmp/refused_" . ($name =~ s/\W+/_/gr);
	mkdir $dir or die;
	write_file("$dir/organisation.csv", "org_code,name,principal\nR99,Good,region\n") unless $files->{README};
	write_file("$dir/$_", $files->{$_}) foreach keys %$files;
	($status, $out, $err) = load_sh($dir, '--database', $db);
	is($status, 1, "$name: exit 1");
	like($err, $message, "$name: says why");
}
is(sql('SELECT last_value FROM registry.load_id_seq'), $loads, 'nothing was loaded from the refused directories');

($status, $out, $err) = load_sh("$root/examples/load", '--database', $db, '--registry', 'nosuch');
is($status, 1, 'an unknown registry: exit 1');
like($err, qr/no registry nosuch in this database \(registries: registry, second\)/, 'an unknown registry: says which there are');
$node->safe_psql('postgres', 'CREATE DATABASE plain');
($status, $out, $err) = load_sh("$root/examples/load", '--database', $node->connstr('plain'));
is($status, 1, 'a database without mobilvard: exit 1');
like($err, qr/mobilvard is not installed in this database/, 'a database without mobilvard: says so');
($status, $out, $err) = load_sh("$tmp/nosuch", '--database', $db);
is($status, 1, 'a missing directory: exit 1');
($status, $out, $err) = load_sh('--database', $db);
is($status, 2, 'no directory: exit 2, with the usage');
like($err, qr/load\.sh DIR \[--registry NAME\]/, 'no directory: the usage');
($status) = load_sh("$root/examples/load", '--frobnicate');
is($status, 2, 'an unknown option: exit 2');

# A malformed line is an error, not a reject: the files before it stay
# loaded, the rejects of this run are still written.
mkdir "$tmp/malformed" or die;
write_file("$tmp/malformed/organisation.csv", "org_code,name,principal\nR98,Fine,region\nR97,Bad\n");
write_file("$tmp/malformed/unit.csv", "unit_id,org_code,name,unit_level\nU1,R98,ASIH Test,specialised_outpatient\n");
write_file("$tmp/malformed/patient.csv", "patient_id,sex\n1,Q\n");
write_file("$tmp/malformed/episode.csv", "episode_id,patient_id\n1,1,1\n");
($status, $out, $err) = load_sh("$tmp/malformed", '--database', $db, '--registry', 'second', '--rejects', "$tmp/m.csv");
is($status, 1, 'a malformed line: exit 1');
like($err, qr/missing data for column "principal".*organisation\.csv: not loaded/s, 'a malformed line: COPY says where');
is(sql(q{SELECT count(*) FROM second.organisation WHERE org_code IN ('R98', 'R97')}), 0,
	'a malformed line: nothing of its file is loaded');
mkdir "$tmp/malformed2" or die;
write_file("$tmp/malformed2/unit.csv", "unit_id,org_code,name,unit_level\nU1,R01,ASIH Test,specialised_outpatient\n");
write_file("$tmp/malformed2/patient.csv", "patient_id,sex\n1,Q\n");
write_file("$tmp/malformed2/episode.csv", "episode_id,patient_id\n1,1,1\n");
($status, $out, $err) = load_sh("$tmp/malformed2", '--database', $db, '--registry', 'second', '--rejects', "$tmp/m2.csv");
is($status, 1, 'a malformed line in a later file: exit 1');
like($err, qr/episode\.csv: not loaded \(see the error above\), nor the files after it/, 'a later malformed file: named');
is(sql(q{SELECT count(*) FROM second.unit WHERE unit_id = 'U1'}), 1, 'a later malformed file: the files before it are loaded');
like($out, qr/^rejects: 1 rows in /m, "a later malformed file: the earlier files' rejects are written");

$node->stop;
done_testing();
