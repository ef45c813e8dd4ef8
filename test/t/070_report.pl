# scripts/report.sh on a small county: one HTML file with every section and
# a summary line for each; the period from the data or from --from/--to;
# its errors; the registry's text escaped; a registry without records; and
# a role under row-level security, which gets a report of its own rows.
# test/t/140_report_html.pl renders the file in a browser.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use MobilvardTest;

my $node = PostgreSQL::Test::Cluster->new('report');
$node->init;
$node->start;
$node->safe_psql('postgres', 'CREATE EXTENSION mobilvard CASCADE');
$node->command_ok(county_command($node, 'postgres'), 'small county loads');

my $dir = PostgreSQL::Test::Utils::tempdir;
my $html_dir = repo_root() . '/examples/report/html';
my @section_files = sort glob("$html_dir/[0-9]*.sql");
my @section_ids = map { slurp_file($_) =~ /^\\qecho '<section id="([^"]+)">'/m ? $1 : () } @section_files;

# Runs report.sh with the arguments as the given role (the owner unless
# said); returns its exit status, stdout and stderr.
sub report
{
	my ($user, @args) = @_;
	my $connstr = $node->connstr('postgres') . ($user ? " user=$user" : '');
	my ($out, $err) = ('', '');
	IPC::Run::run [ 'bash', repo_root() . '/scripts/report.sh', '-d', $connstr, @args ],
	  '>', \$out, '2>', \$err;
	return ($? >> 8, $out, $err);
}

sub section
{
	my ($html, $id) = @_;
	return $html =~ m{<section id="\Q$id\E">(.*?)</section>}s ? $1 : '';
}

# A name with markup in it, as a source system may send one.
$node->safe_psql('postgres',
	q{UPDATE registry.organisation SET name = 'Lekeberg <script>alert(1)</script> & "Co"' WHERE org_code = '1814'});

# The default period: the 12 months that end with the month of the latest episode.
my ($first, $last) = split /\|/, $node->safe_psql('postgres', q{
	SELECT (date_trunc('month', max(start_date)) - interval '11 months')::date,
		   (date_trunc('month', max(start_date)) + interval '1 month - 1 day')::date
	FROM registry.episode});
my ($status, $out, $err) = report(undef, '-o', "$dir/county.html");
is($status, 0, 'report.sh writes the report') or diag($err);
my @lines = split /\n/, $out;
is(scalar @lines, @section_files + 1, 'a summary line for each section, and one for the file') or diag($out);
like($lines[0], qr/^registry registry, \Q$first\E to \Q$last\E: /, 'the period is the last 12 months of data');
like($lines[-1], qr{^wrote \Q$dir\E/county\.html \(\d+ kB, ${\ scalar @section_files} sections\) in [\d.]+ s$}, 'the last line says where the file is');
is($err, '', 'nothing on stderr');

my $html = slurp_file("$dir/county.html");
like($html, qr/\A<!DOCTYPE html>\n<html lang="en">/, 'an HTML5 document');
like($html, qr{</html>\n\z}, 'that ends');
my $episodes = $node->safe_psql('postgres',
	"SELECT count(*) FROM registry.episode WHERE start_date BETWEEN '$first' AND '$last'");
like($lines[0], qr/: $episodes episodes of /, "the summary counts the period's $episodes episodes");
foreach my $id (@section_ids)
{
	isnt(section($html, $id), '', "section $id is there");
}
is(scalar(() = $html =~ /<figure class="chart">/g), scalar(grep { slurp_file($_) =~ m{\\ir lib/bar_chart\.sql} } @section_files),
	'every chart has data on the county');
like($html, qr/<figure class="map"><svg [^>]*viewBox="\d+ -\d+ \d+ \d+"/, 'the map has a viewBox in SWEREF99 TM metres');
unlike($html, qr/<(script|link|img|iframe|object)\b/i, 'no script, link, image or frame: nothing to load');
unlike($html =~ s{xmlns="http://www\.w3\.org/2000/svg"}{}gr, qr{(https?:)?//}, 'no address but the SVG namespace');
unlike($html, qr/Lekeberg <script>/, 'markup in a name is not markup in the report');
like($html, qr/Lekeberg &lt;script&gt;alert\(1\)&lt;\/script&gt; &amp; "Co"/, 'it is escaped');

# --from and --to: whole months.
($status, $out, $err) = report(undef, '-o', "$dir/spring.html", '--from', '2024-03-15', '--to', '20240502');
is($status, 0, 'a period of its own') or diag($err);
like($out, qr/^registry registry, 2024-03-01 to 2024-05-31: /, 'in whole months');
my @months = section(slurp_file("$dir/spring.html"), 'episodes') =~ /class="label">(\w+ \d{4})</g;
is("@months", 'Mar 2024 Apr 2024 May 2024', 'the monthly charts have its three months');
($status, $out) = report(undef, '-o', "$dir/to.html", '--to', '2024-06-30');
like($out, qr/^registry registry, 2023-07-01 to 2024-06-30: /, '--to alone: the 12 months that end with it');

# Errors.
($status, $out, $err) = report(undef, '-r', 'nosuch', '-o', "$dir/x.html");
is($status, 1, 'an unknown registry is an error');
like($err, qr/no registry "nosuch" in database/, 'that says so');
($status, $out, $err) = report(undef, '--from', 'soon', '-o', "$dir/x.html");
is($status, 1, 'a bad date is an error');
like($err, qr/invalid input syntax for type date: "soon"/, "PostgreSQL's message names it");
($status, $out, $err) = report(undef, '--from', '2025-05-01', '--to', '2025-01-31', '-o', "$dir/x.html");
is($status, 1, '--from after --to is an error');
like($err, qr/--from 2025-05-01 is after --to 2025-01-31/, 'that says so');
($status, $out, $err) = report(undef, '--colour');
is($status, 2, 'an unknown option is a usage error');
like($err, qr/^usage: /, 'with the usage');
($status, $out, $err) = report(undef, '-o');
is($status, 2, 'an option without its value too');
ok(!-e "$dir/x.html", 'no file is written on an error');

# Any registry: one without records has no period of its own, but reports on one given.
$node->safe_psql('postgres', q{SELECT mobilvard.create_registry('empty', set_search_path => false)});
($status, $out, $err) = report(undef, '-r', 'empty', '-o', "$dir/empty.html");
is($status, 1, 'a registry without episodes needs a period');
like($err, qr/no episodes in registry empty to take the period from: give --from and --to/, 'and says so');
($status, $out, $err) = report(undef, '-r', 'empty', '-o', "$dir/empty.html", '--from', '2025-01-01', '--to', '2025-12-31');
is($status, 0, 'given one, it reports on an empty registry') or diag($err);
like($out, qr/^registry empty, 2025-01-01 to 2025-12-31: 0 episodes of 0 patients/, 'with no episodes');
my $empty = slurp_file("$dir/empty.html");
unlike($empty, qr/<figure class="chart">/, 'and no chart');
like($empty, qr/Nothing to show for the period/, 'but a sentence saying so');

# A role of the region's, under row-level security, with SELECT only.
$node->safe_psql('postgres', q{
	CREATE ROLE region_analyst LOGIN;
	INSERT INTO registry.org_access (role_name, org_code) VALUES ('region_analyst', 'R18');
	GRANT USAGE ON SCHEMA registry TO region_analyst;
	GRANT SELECT ON ALL TABLES IN SCHEMA registry TO region_analyst});
($status, $out, $err) = report('region_analyst', '-o', "$dir/region.html");
is($status, 0, 'a role that may only read gets its report') or diag($err);
my $region_episodes = $node->safe_psql('postgres', qq{
	SET ROLE region_analyst;
	SELECT count(*) FROM registry.episode WHERE start_date BETWEEN '$first' AND '$last'});
cmp_ok($region_episodes, '<', $episodes, 'the region sees fewer episodes than the owner');
like($out, qr/^registry registry, \Q$first\E to \Q$last\E: $region_episodes episodes of /, "the report counts the region's $region_episodes");
my $region = slurp_file("$dir/region.html");
my @principals = section($region, 'fees') =~ m{<tr><td>(region|municipality)</td>}g;
is("@principals", 'region', "the fees are the region's only");
my @organisations = section($region, 'mismatches') =~ m{<tr><td>([^<]*)</td>}g;
is("@organisations", 'Region Örebro län', 'and so are the episodes by organisation');
my @all_principals = section($html, 'fees') =~ m{<tr><td>(region|municipality)</td>}g;
is("@all_principals", 'region municipality', "where the owner's report has both principals");

$node->stop;
done_testing();
