# scripts/load.sh at scale: MOBILVARD_LOAD_ROWS episodes (default 50,000;
# 1,000,000 for the full run), their units and patients, and charges, with 1%
# bad rows of twenty-five kinds (test/load/generate.sql).  Loaded + rejected
# = read, exactly the planted rows are rejected, each with its SQLSTATE, the
# column or constraint at fault and its message; a second run changes
# nothing; a changed row is updated.

use strict;
use warnings;
use IPC::Run;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use MobilvardTest;

my $root = repo_root();
my $rows = $ENV{MOBILVARD_LOAD_ROWS} // 50000;
my @targets = qw(organisation unit patient episode charge);

# Each planted kind: the target, the SQLSTATE, what load_reject names at
# fault (undef: nothing; the charge trigger's errors name no column) and a
# piece of the message.
my %expected = (
	'unit/unknown_label'              => [ '22P02', 'unit_level', qr/type care_level: "tertiärvård"/ ],
	'unit/bad_coordinates'            => [ '23514', 'unit_base_in_sweden', qr/unit_base_in_sweden/ ],
	'unit/unknown_org'                => [ '23503', 'unit_org_code_fkey', qr/\(org_code\)=\(X99\)/ ],
	'unit/no_care_form'               => [ '23502', 'unit_form', qr/names no mobile care form/ ],
	'patient/bad_sex'                 => [ '22P02', 'sex', qr/invalid sex "Q"/ ],
	'patient/bad_coordinates'         => [ '23514', 'patient_home_in_sweden', qr/patient_home_in_sweden/ ],
	'patient/coordinate_not_number'   => [ '22P02', 'x', qr/double precision: "51x000"/ ],
	'patient/bad_date'                => [ '22008', 'birth_date', qr/out of range: "1950-02-30"/ ],
	'patient/implausible_date'        => [ '23514', 'patient_birth_date_plausible', qr/patient_birth_date_plausible/ ],
	'patient/unknown_municipality'    => [ '23503', 'patient_municipality_code_fkey', qr/\(municipality_code\)=\(9999\)/ ],
	'episode/bad_date'                => [ '22008', 'start_date', qr/out of range: "2024-02-30"/ ],
	'episode/bad_date_syntax'         => [ '22007', 'start_date', qr/type date: "3\/1\/2024"/ ],
	'episode/end_before_start'        => [ '23514', 'episode_ends_after_start', qr/episode_ends_after_start/ ],
	'episode/unknown_unit'            => [ '23503', 'episode_unit_id_fkey', qr/\(unit_id\)=\(NOSUCH\)/ ],
	'episode/unknown_patient'         => [ '23503', 'episode_patient_id_fkey', qr/\(patient_id\)=\(999999999\)/ ],
	'episode/unknown_label'           => [ '22P02', 'setting', qr/type care_setting: "trädgård"/ ],
	'episode/missing_required'        => [ '23502', 'start_date', qr/null value in column "start_date"/ ],
	'episode/duplicate_id'            => [ '23505', 'episode_id', qr/duplicate key \(episode_id\): source row \d+ has it/ ],
	'episode/bad_boolean'             => [ '22P02', 'reported_inpatient', qr/type boolean: "kanske"/ ],
	'charge/negative_fee'             => [ '23514', 'charge_list_fee_not_negative', qr/charge_list_fee_not_negative/ ],
	'charge/nan'                      => [ '23514', 'charge_list_fee_finite', qr/charge_list_fee_finite/ ],
	'charge/wrong_principal'          => [ '23514', 'kind', qr/of kind home_visit is the region's to charge, but K\d+ is a municipality/ ],
	'charge/bad_number'               => [ '22P02', 'list_fee', qr/type numeric: "12,50"/ ],
	'charge/unknown_kind'             => [ '23503', 'charge_kind_fkey', qr/\(kind\)=\(parking\)/ ],
	'charge/no_price_base_amount'     => [ '23503', 'charge_date', qr/no price base amount for year 2019/ ],
);

my $node = PostgreSQL::Test::Cluster->new('load_scale');
$node->init;
$node->start;
$node->safe_psql('postgres', 'CREATE DATABASE load');
$node->safe_psql('load', q{CREATE EXTENSION mobilvard CASCADE;
	SELECT mobilvard.create_registry(set_search_path => false)});
my $db = $node->connstr('load');
my $tmp = PostgreSQL::Test::Utils::tempdir();
mkdir "$tmp/extract" or die;

sub sql
{
	return $node->safe_psql('load', shift);
}

# scripts/load.sh on a directory: its exit status, the summary per target
# and the rejects line, and what it said on stderr.
sub load_sh
{
	my ($dir, $rejects) = @_;
	my ($out, $err) = ('', '');
	my $ok = IPC::Run::run(
		[ 'bash', "$root/scripts/load.sh", $dir, '--database', $db, '--rejects', $rejects ],
		'>', \$out, '2>', \$err);
	note($out);
	my %summary;
	foreach (split /\n/, $out)
	{
		my @f = split ' ';
		next unless @f == 10 && $f[1] =~ /^\d+$/;
		@{ $summary{ $f[0] } }{qw(load_id rows_read inserted updated unchanged rejected)} = @f[ 1 .. 6 ];
	}
	my ($n_rejects) = $out =~ /^rejects: (\d+) rows in \Q$rejects\E$/m;
	return { ok => $ok, summary => \%summary, rejects => $n_rejects, stderr => $err };
}

sub digests
{
	return { map { $_ => sql("SELECT md5(string_agg(t::text, E'\\n' ORDER BY t::text)) FROM registry.$_ t") } @targets };
}

$node->command_ok(
	[ 'psql', '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-v', "dir=$tmp/extract", '-v', "planted=$tmp/planted.csv",
	  '-v', "rows=$rows", '-d', $db, '-f', "$root/test/load/generate.sql" ],
	"the generator writes the extract ($rows episodes)");
my %input;
foreach my $t (@targets)
{
	open my $fh, '<', "$tmp/extract/$t.csv" or die "$t.csv: $!";
	my $lines = 0;
	$lines++ while <$fh>;
	$input{$t} = $lines - 1;
}
sql(qq{CREATE TABLE planted (target text, source_row bigint, kind text);
	\\copy planted FROM '$tmp/planted.csv' (FORMAT csv, HEADER)});
my %bad = map { $_ => sql("SELECT count(*) FROM planted WHERE target = '$_'") } @targets;
is($bad{organisation}, 0, 'no bad organisations (the file is small)');
is($bad{episode}, int($input{episode} / 100 + 0.5), '1% of the episodes are bad');
is(sql(q{SELECT string_agg(DISTINCT target || '/' || kind, ' ' ORDER BY target || '/' || kind) FROM planted}),
	join(' ', sort keys %expected), 'every kind of bad row is planted');

# First run: every good row in, exactly the planted rows out.
my $t0 = time;
local $ENV{LOAD_PROGRESS_ROWS} = int($rows / 5);
my $first = load_sh("$tmp/extract", "$tmp/rejects1.csv");
ok($first->{ok}, 'load.sh exits 0 although rows were rejected') or diag($first->{stderr});
note(sprintf 'first run: %d s', time - $t0);
my $step = int($rows / 5) =~ s/(?<=\d)(?=(\d{3})+$)/,/gr;
like($first->{stderr}, qr/episode\.csv: \Q$step\E rows, [\d,]+ rows\/s/,
	'progress: a running count and rows per second on a long file');
my $ids = join(',', map { $first->{summary}{$_}{load_id} // 0 } @targets);
foreach my $t (@targets)
{
	my $s = $first->{summary}{$t};
	is($s->{rows_read}, $input{$t}, "$t: rows read = the file's rows ($input{$t})");
	is($s->{inserted} + $s->{rejected}, $s->{rows_read}, "$t: inserted + rejected = read");
	is($s->{rejected}, $bad{$t}, "$t: the planted rows are rejected ($bad{$t})");
	is($s->{updated} + $s->{unchanged}, 0, "$t: nothing updated or unchanged in an empty registry");
	is(sql("SELECT count(*) FROM registry.$t"), $s->{inserted}, "$t: the registry holds the inserted rows");
	is(sql(qq{SELECT count(*) FROM registry.load_reject r WHERE r.load_id = $s->{load_id}
			  AND NOT EXISTS (SELECT FROM planted p WHERE p.target = r.target AND p.source_row = r.source_row)}),
		0, "$t: no good row is rejected");
	is(sql(qq{SELECT count(*) FROM planted p WHERE p.target = '$t'
			  AND NOT EXISTS (SELECT FROM registry.load_reject r
							  WHERE r.load_id = $s->{load_id} AND r.source_row = p.source_row)}),
		0, "$t: every planted row is rejected");
}
my $reasons = sql(qq{SELECT p.target || '/' || p.kind, r.sqlstate, coalesce(r.at_fault, '-'), r.message
	FROM planted p JOIN registry.load_reject r USING (target, source_row)
	WHERE r.load_id IN ($ids)
	ORDER BY 1, r.source_row});
my (%wrong, %seen);
foreach (split /\n/, $reasons)
{
	my ($kind, $sqlstate, $at_fault, $message) = split /\|/, $_, 4;
	my ($want_state, $want_fault, $want_message) = @{ $expected{$kind} };
	$seen{$kind}++;
	$wrong{$kind} //= "$sqlstate $at_fault $message"
		unless $sqlstate eq $want_state && $at_fault eq ($want_fault // '-') && $message =~ $want_message;
}
foreach my $kind (sort keys %expected)
{
	ok($seen{$kind} && !$wrong{$kind},
		"$kind: $expected{$kind}[0] at " . ($expected{$kind}[1] // 'no column') . " ($seen{$kind} rows)")
		or diag("first wrong reject: " . ($wrong{$kind} // 'none'));
}

# The rejects CSV holds this run's rejects, as load_reject has them.
my $total_bad = 0;
$total_bad += $_ foreach values %bad;
is($first->{rejects}, $total_bad, 'load.sh names the rejects CSV and its row count');
sql(qq{CREATE TABLE rejects_csv (load_id bigint, target text, source_row bigint, sqlstate text, at_fault text,
	message text, source jsonb);
	\\copy rejects_csv FROM '$tmp/rejects1.csv' (FORMAT csv, HEADER)});
is(sql(qq{SELECT count(*) FROM ((SELECT load_id, target, source_row, sqlstate, at_fault, message, source
		   FROM registry.load_reject WHERE load_id IN ($ids)
		   EXCEPT ALL SELECT * FROM rejects_csv)
		  UNION ALL (SELECT * FROM rejects_csv EXCEPT ALL
		   SELECT load_id, target, source_row, sqlstate, at_fault, message, source
		   FROM registry.load_reject WHERE load_id IN ($ids))) d}),
	0, 'the rejects CSV equals load_reject of the run, source fields included');

# Second run of the same extract: nothing changes.
my $before = digests();
$t0 = time;
my $second = load_sh("$tmp/extract", "$tmp/rejects2.csv");
ok($second->{ok}, 'second run: load.sh exits 0');
note(sprintf 'second run: %d s', time - $t0);
foreach my $t (@targets)
{
	my $s = $second->{summary}{$t};
	is("$s->{inserted} $s->{updated} $s->{unchanged} $s->{rejected}",
		'0 0 ' . ($input{$t} - $bad{$t}) . " $bad{$t}",
		"second run, $t: inserted 0, updated 0, the good rows unchanged, the bad rejected");
}
is_deeply(digests(), $before, 'second run: the registry tables are identical');

# Third run: one episode changed in the extract is updated, the rest unchanged.
mkdir "$tmp/changed" or die;
open my $in, '<', "$tmp/extract/episode.csv" or die;
open my $out, '>', "$tmp/changed/episode.csv" or die;
my ($changed_id, $new_discharge);
while (my $line = <$in>)
{
	if ($. == 3)
	{
		chomp $line;
		my @f = split /,/, $line, -1;
		# preceding_discharge (the last field): set to the start date, or cleared.
		$f[7] = $f[7] eq '' ? $f[5] : '';
		($changed_id, $new_discharge) = ($f[0], $f[7]);
		$line = join(',', @f) . "\n";
	}
	print $out $line;
}
close $out;
my $third = load_sh("$tmp/changed", "$tmp/rejects3.csv");
ok($third->{ok}, 'third run: load.sh exits 0');
my $s = $third->{summary}{episode};
is("$s->{inserted} $s->{updated} $s->{unchanged} $s->{rejected}",
	'0 1 ' . ($input{episode} - $bad{episode} - 1) . " $bad{episode}",
	'third run: the changed episode is updated, the others unchanged');
is(sql("SELECT coalesce(preceding_discharge::text, '') FROM registry.episode WHERE episode_id = $changed_id"),
	$new_discharge eq '' ? '' : sql("SELECT '$new_discharge'::date::text"),
	'third run: the registry has the changed value');
is(scalar keys %{ $third->{summary} }, 1, 'third run: only the files in the directory are loaded');

$node->stop;
done_testing();
