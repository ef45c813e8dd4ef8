# The report in a real browser: Debian's Chromium, headless, loads the HTML
# that scripts/report.sh writes for a small county. The page must load
# without a console message (it has no script, so any is an error: a
# resource it tried to fetch, a parse error), and the map and every chart
# must be drawn with marks of a size inside their SVG, measured by the
# browser's layout. The screenshot of the whole page goes to
# MOBILVARD_ARTIFACTS (default /tmp/mobilvard-artifacts), for CI, not git.
use strict;
use warnings;
use JSON::PP;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use MobilvardTest;

my ($chromium) = grep { -x } map { "$_/chromium" } split /:/, $ENV{PATH};
plan skip_all => 'chromium is not installed (scripts/test.sh installs it)' unless $chromium;

my $node = PostgreSQL::Test::Cluster->new('report_html');
$node->init;
$node->start;
$node->safe_psql('postgres', 'CREATE EXTENSION mobilvard CASCADE');
$node->command_ok(county_command($node, 'postgres'), 'small county loads');

my $dir = PostgreSQL::Test::Utils::tempdir;
my $report = "$dir/report.html";
$node->command_ok([ 'bash', repo_root() . '/scripts/report.sh', '-d', $node->connstr('postgres'), '-o', $report ],
	'report.sh writes the report');

# The sections that draw a chart, as their files say.
my @chart_sections = map { slurp_file($_) =~ /^\\qecho '<section id="([^"]+)">'/m ? $1 : () }
  grep { slurp_file($_) =~ m{^\\ir lib/bar_chart\.sql}m } sort glob(repo_root() . '/examples/report/html/[0-9]*.sql');
cmp_ok(scalar @chart_sections, '>=', 8, 'the report has its charts (' . join(', ', @chart_sections) . ')');

# Chromium with a profile of its own, nothing from the network (any name
# resolves to nothing), console messages on stderr (with --v=1 console.error
# too, not only uncaught exceptions).
sub chromium
{
	my (@args) = @_;
	my ($out, $err) = ('', '');
	local $ENV{HOME} = $dir;
	IPC::Run::run [
		$chromium, '--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
		'--no-first-run', '--hide-scrollbars', "--user-data-dir=$dir/profile",
		'--host-resolver-rules=MAP * ~NOTFOUND', '--disable-background-networking', '--disable-component-update',
		'--enable-logging=stderr', '--v=1',
		'--virtual-time-budget=10000', @args ],
	  '>', \$out, '2>', \$err, IPC::Run::timeout(120);
	return ($? >> 8, $out, $err);
}

sub console_messages
{
	my ($stderr) = @_;
	return grep { /:CONSOLE[(:]/ } split /\n/, $stderr;
}

# The page as it is: its DOM once loaded, and what the console said.
my ($status, $dom, $err) = chromium('--dump-dom', "file://$report");
is($status, 0, 'chromium loads the report') or diag($err);
like($dom, qr/<section id="map">/, 'its DOM has the map');
is(join("\n", console_messages($err)), '', 'no console message');

# A copy with a probe at the end of the body: once the page has loaded, what
# the browser drew and fetched, as JSON in an element of the dumped DOM;
# errors (a script's, a resource's) caught from the start of the head.
my $probe = <<'JS';
<script>
window.addEventListener('load', function () {
	function drawn(el, box) {
		var b = el.getBoundingClientRect();
		return b.width > 0 && b.height > 0 && b.left >= box.left - 1 && b.right <= box.right + 1
			&& b.top >= box.top - 1 && b.bottom <= box.bottom + 1;
	}
	var r = { errors: window.__errors, charts: {}, height: document.documentElement.scrollHeight,
		resources: performance.getEntriesByType('resource').map(function (e) { return e.name; }) };
	var map = document.querySelector('figure.map svg');
	if (map) {
		var box = map.getBoundingClientRect();
		r.map = { width: box.width, height: box.height,
			paths: [].filter.call(map.querySelectorAll('path'), function (p) { return drawn(p, box); }).length,
			bases: [].filter.call(map.querySelectorAll('circle.base'), function (c) { return drawn(c, box); }).length };
	}
	[].forEach.call(document.querySelectorAll('section'), function (s) {
		var svg = s.querySelector('figure.chart svg');
		if (!svg) return;
		var box = svg.getBoundingClientRect();
		r.charts[s.id] = { width: box.width, height: box.height,
			marks: [].filter.call(svg.querySelectorAll('.mark'), function (m) { return drawn(m, box); }).length };
	});
	var pre = document.createElement('pre');
	pre.id = 'probe';
	pre.textContent = JSON.stringify(r);
	document.body.appendChild(pre);
});
</script>
JS
my $catch = q{<script>window.__errors = []; window.addEventListener('error', function (e) { window.__errors.push(String(e.message || (e.target && e.target.outerHTML))); }, true);</script>};
my $html = slurp_file($report);
(my $probed = $html) =~ s{<head>\n}{<head>\n$catch\n};
$probed =~ s{</body>}{$probe</body>};
open my $fh, '>', "$dir/probed.html" or die $!;
print $fh $probed;
close $fh;

# The probe's findings, from a dumped DOM.
sub probe_result
{
	my ($dom) = @_;
	my ($json) = $dom =~ m{<pre id="probe">(.*?)</pre>}s;
	return undef unless defined $json;
	$json =~ s/&lt;/</g;
	$json =~ s/&gt;/>/g;
	$json =~ s/&amp;/&/g;
	return decode_json($json);
}

# The checks can fail: a page with a console error, a script error and an
# image from elsewhere.
(my $bad = $probed) =~ s{</main>}{<img src="http://example.com/x.png"><script>console.error("planted"); no_such_function();</script></main>};
open $fh, '>', "$dir/bad.html" or die $!;
print $fh $bad;
close $fh;
($status, $dom, $err) = chromium('--dump-dom', "file://$dir/bad.html");
is(scalar(my @planted = console_messages($err)), 2, 'a planted console error and script error are caught on the console');
my $bad_probe = probe_result($dom) // {};
is(scalar @{ $bad_probe->{errors} // [] }, 2, 'and by the probe, with the image that did not load');
is_deeply($bad_probe->{resources}, ['http://example.com/x.png'], 'which it lists as fetched');

($status, $dom, $err) = chromium('--window-size=1280,1000', '--dump-dom', "file://$dir/probed.html");
my $drawn = probe_result($dom);
ok(defined $drawn, 'the probe ran') or diag($err);
$drawn //= {};
is_deeply($drawn->{errors}, [], 'no error while loading');
is_deeply($drawn->{resources}, [], 'nothing fetched');
cmp_ok($drawn->{map}{width} // 0, '>', 500, 'the map is drawn wide');
cmp_ok($drawn->{map}{height} // 0, '>', 300, 'and high');
cmp_ok($drawn->{map}{paths} // 0, '>=', 3, "with its paths (cells, municipalities, catchments): $drawn->{map}{paths}");
cmp_ok($drawn->{map}{bases} // 0, '>', 0, 'and the bases');
foreach my $id (@chart_sections)
{
	my $chart = $drawn->{charts}{$id} // {};
	cmp_ok($chart->{height} // 0, '>', 100, "chart $id is drawn");
	cmp_ok($chart->{marks} // 0, '>', 0, "chart $id has bars inside it: " . ($chart->{marks} // 0));
}

# The screenshot of the whole page, for CI.
my $artifacts = $ENV{MOBILVARD_ARTIFACTS} || '/tmp/mobilvard-artifacts';
mkdir $artifacts unless -d $artifacts;
my $shot = "$artifacts/report.png";
unlink $shot;
my $height = $drawn->{height} && $drawn->{height} < 20000 ? $drawn->{height} : 8000;
($status, undef, $err) = chromium("--window-size=1280,$height", "--screenshot=$shot", "file://$report");
ok(-s $shot, "the screenshot is written: $shot") or diag($err);
my $png = -e $shot ? slurp_file($shot) : '';
my ($width, $shot_height) = unpack('N2', substr($png, 16, 8)) if length($png) > 24;
ok(substr($png, 0, 8) eq "\x89PNG\r\n\x1a\n" && ($width // 0) == 1280 && ($shot_height // 0) == $height,
	"a PNG of the whole page, 1280 x $height");
cmp_ok(length($png), '>', 100_000, 'with something on it (a blank page compresses to a few kB)');
diag("screenshot: $shot");

$node->stop;
done_testing();
