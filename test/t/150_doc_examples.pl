# Every example in README.md and doc/ runs, and prints what the page says
# it prints; and every public object has its reference entry.
#
# The convention (doc/reference/README.md): a ```sql block is run by psql
# and must be followed by a ```text block holding what psql prints for it,
# notices and errors included, compared line by line (trailing white space
# aside).  A block marked ```sql no-run is not run (a template with
# placeholders, a statement that needs something the test does not have).
# Each block runs in a session of its own, in page order, in one of the
# page's databases, made when first used and dropped after the page:
#   county  (the default) database county, a registry "registry" holding the
#           small synthetic county (test/county, scale 0.02, seed 7);
#   load    database extracts, a registry "registry" into which
#           scripts/load.sh loaded examples/load, the README's extracts;
#   empty   database mydb, empty.
# A line <!-- doc-test: database NAME --> chooses NAME for the block right
# after it, or, as a page's first line, for all of the page's blocks.
#
# MOBILVARD_DOC_UPDATE=DIR writes each page with the output psql printed
# into DIR (under the page's path), for a writer to review and copy back.
use strict;
use warnings;
use File::Basename qw(basename dirname);
use File::Path 'make_path';
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use MobilvardTest;

my $root = repo_root();
my @pages = ("$root/README.md", sort(glob("$root/doc/*.md")), sort(glob("$root/doc/reference/*.md")));
my $update = $ENV{MOBILVARD_DOC_UPDATE};

# A page's fenced blocks: [info string, first line number, text].
sub blocks
{
	my ($lines) = @_;
	my (@blocks, $open);
	for my $i (0 .. $#$lines)
	{
		my $line = $lines->[$i];
		if (!$open && $line =~ /^```\s*(.*?)\s*$/)
		{
			$open = { info => $1, start => $i, end => undef, text => '' };
		}
		elsif ($open && $line =~ /^```\s*$/)
		{
			$open->{end} = $i;
			push @blocks, $open;
			undef $open;
		}
		elsif ($open)
		{
			$open->{text} .= "$line\n";
		}
	}
	die "an unclosed code block at line " . ($open->{start} + 1) . "\n" if $open;
	return @blocks;
}

sub normalise
{
	my ($text) = @_;
	$text =~ s/[ \t]+$//mg;
	$text =~ s/\n+\z//;
	return $text;
}

my $node = PostgreSQL::Test::Cluster->new('docs');
$node->init;
$node->append_conf('postgresql.conf', "fsync = off\n");
$node->start;
$node->safe_psql('postgres', 'CREATE DATABASE county_template');
$node->safe_psql('county_template', 'CREATE EXTENSION mobilvard CASCADE; SELECT mobilvard.create_registry()');
$node->command_ok(county_command($node, 'county_template'), 'the small county loads');
# A database's settings do not come with its template: the search_path
# that create_registry set is set again on every copy.
my $search_path = $node->safe_psql('county_template', q{
	SELECT s FROM pg_db_role_setting r, unnest(r.setconfig) s
	WHERE r.setdatabase = (SELECT oid FROM pg_database WHERE datname = 'county_template') AND s LIKE 'search_path=%'});
$search_path =~ s/^search_path=//;
ok($search_path ne '', "create_registry set the search_path ($search_path)");

# A new database of this kind.
my %db_name = (county => 'county', load => 'extracts', empty => 'mydb');
sub new_database
{
	my ($kind) = @_;
	my $db = $db_name{$kind} // die "no such kind of database for the examples: $kind\n";
	if ($kind eq 'county')
	{
		$node->safe_psql('postgres', "CREATE DATABASE $db TEMPLATE county_template");
		$node->safe_psql('postgres', "ALTER DATABASE $db SET search_path = $search_path");
	}
	elsif ($kind eq 'load')
	{
		$node->safe_psql('postgres', "CREATE DATABASE $db");
		$node->safe_psql($db, 'CREATE EXTENSION mobilvard CASCADE; SELECT mobilvard.create_registry()');
		$node->command_ok([ 'bash', "$root/scripts/load.sh", "$root/examples/load",
			'--database', $node->connstr($db), '--rejects', $node->basedir . "/$db-rejects.csv" ],
			"$db: scripts/load.sh loads examples/load");
	}
	else
	{
		$node->safe_psql('postgres', "CREATE DATABASE $db");
	}
	return $db;
}

my ($examples, $skipped) = (0, 0);
foreach my $page (@pages)
{
	(my $name = $page) =~ s{^\Q$root\E/}{};
	my @lines = split /\n/, slurp_file($page), -1;
	my @blocks = blocks(\@lines);
	my @sql = grep { $_->{info} =~ /^sql\b/ } @blocks;
	next unless @sql;

	my $default = $lines[0] =~ /^<!-- doc-test: database (\w+) -->$/ ? $1 : 'county';
	my %db;		# kind => this page's database of that kind
	my %replace;	# line index of a block's start => [end, new lines]
	for my $b (0 .. $#blocks)
	{
		my $block = $blocks[$b];
		next unless $block->{info} =~ /^sql\b/;
		my $where = "$name:" . ($block->{start} + 1);
		if ($block->{info} =~ /^sql\s+no-run$/)
		{
			$skipped++;
			next;
		}
		is($block->{info}, 'sql', "$where: a block is sql or sql no-run");
		my $kind = $block->{start} > 0
		  && $lines[ $block->{start} - 1 ] =~ /^<!-- doc-test: database (\w+) -->$/ ? $1 : $default;
		my $db = $db{$kind} //= new_database($kind);

		my $output;
		IPC::Run::run [ 'psql', '-X', '-d', $node->connstr($db) ], '<', \$block->{text},
		  '>&', \$output;
		$output = normalise($output);
		$examples++;

		# The expected output: the next block, when it is text and only
		# blank lines come between.
		my $next = $blocks[ $b + 1 ];
		my $follows = $next && $next->{info} eq 'text'
		  && !grep { $lines[$_] =~ /\S/ } $block->{end} + 1 .. $next->{start} - 1;
		if ($follows)
		{
			is($output, normalise($next->{text}), "$where: the example prints what the page says");
			$replace{ $next->{start} } = [ $next->{end}, [ '```text', split(/\n/, $output), '```' ] ];
		}
		else
		{
			fail("$where: the example is followed by a ```text block of its output");
			diag($output);
			$replace{ $block->{end} + 1 } = [ $block->{end}, [ '```text', split(/\n/, $output), '```' ] ];
		}
	}
	$node->safe_psql('postgres', "DROP DATABASE $_") foreach values %db;
	next unless $update;

	# The page with psql's output in its text blocks.
	my @new;
	for (my $i = 0; $i <= $#lines; $i++)
	{
		if (my $r = $replace{$i})
		{
			push @new, @{ $r->[1] };
			if ($r->[0] >= $i) { $i = $r->[0]; next; }
		}
		push @new, $lines[$i];
	}
	make_path(dirname("$update/$name"));
	open my $fh, '>', "$update/$name" or die "$update/$name: $!";
	print $fh join("\n", @new);
	close $fh;
}
cmp_ok($examples, '>=', 1, "$examples examples ran, $skipped marked no-run");
note("$examples examples ran, $skipped marked no-run");

# Every public object has an entry in doc/reference: a heading that names
# it in backquotes (`hcp_fee(...)`, `registry.charge`).  Public: a function, aggregate, table, view or type of schema
# mobilvard or of a registry whose name does not start with "_", except the
# functions that implement a type's input and output, its operators and its
# operator classes' support (pg_type, pg_operator, pg_amproc) and its
# aggregates' steps (pg_aggregate): those are documented with their type.
my @objects = split /\n/, $node->safe_psql('county_template', q{
	WITH s(nsp) AS (VALUES ('mobilvard'::name), ('registry'::name)),
	support(oid) AS (
		SELECT unnest(ARRAY[typinput, typoutput, typreceive, typsend])::oid FROM pg_type
		UNION SELECT oprcode::oid FROM pg_operator
		UNION SELECT amproc::oid FROM pg_amproc
		UNION SELECT aggtransfn::oid FROM pg_aggregate)
	SELECT DISTINCT 'function ' || p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
	WHERE n.nspname IN (SELECT nsp FROM s) AND p.proname !~ '^_'
	  AND p.oid NOT IN (SELECT oid FROM support)
	UNION
	SELECT CASE c.relkind WHEN 'v' THEN 'view ' ELSE 'table ' END || c.relname
	FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
	WHERE n.nspname IN (SELECT nsp FROM s) AND c.relkind IN ('r', 'v', 'p', 'm') AND c.relname !~ '^_'
	UNION
	SELECT 'type ' || t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
	WHERE n.nspname IN (SELECT nsp FROM s) AND t.typname !~ '^_' AND t.typtype IN ('b', 'c', 'd', 'e', 'r')
	  AND (t.typrelid = 0 OR (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c')
	ORDER BY 1});
cmp_ok(scalar @objects, '>', 50, 'the catalog lists the public objects');
my %heading;
foreach my $page (glob("$root/doc/reference/*.md"))
{
	foreach (split /\n/, slurp_file($page))
	{
		next unless /^#{2,4} (.*)/;
		my $h = $1;
		$heading{$_} = 1 foreach $h =~ /`(?:[a-z_@]+\.)?([a-z][a-z0-9_]*)\b/g;
	}
}
my @missing = grep { my ($kind, $object) = split / /; !$heading{$object} } @objects;
is(join(', ', @missing), '', scalar(@objects) . ' public objects, each with a reference entry in doc/reference');
note(scalar(@objects) . ' public objects');

# Each function's signature, as the catalog prints it, is a line of the
# reference (under its heading).
my %line = map { s/^\s+|\s+$//gr => 1 } map { split /\n/, slurp_file($_) } glob("$root/doc/reference/*.md");
my @signatures = split /\n/, $node->safe_psql('county_template', q{
	SELECT format('%s(%s) → %s', p.proname, pg_get_function_arguments(p.oid), pg_get_function_result(p.oid))
	FROM pg_proc p
	WHERE p.pronamespace IN ('mobilvard'::regnamespace, 'registry'::regnamespace) AND p.proname !~ '^_'
	  AND p.prokind <> 'a'
	  AND p.oid NOT IN (SELECT unnest(ARRAY[typinput, typoutput, typreceive, typsend])::oid FROM pg_type
						UNION SELECT oprcode::oid FROM pg_operator UNION SELECT amproc::oid FROM pg_amproc
						UNION SELECT aggtransfn::oid FROM pg_aggregate)
	ORDER BY 1});
my @wrong = grep { !$line{$_} } @signatures;
is(join("\n", @wrong), '', scalar(@signatures) . ' function signatures, each as the catalog has it in doc/reference');

$node->stop;
done_testing();
