# No page or comment points outside the repository: every link of README.md
# and doc/ leads to a file of the repository (and to a heading of it, for a
# link with #), every path of the repository that README.md, doc/ or src/
# names exists, and none of them cites a document users do not have (a
# design contract, an issue, another machine's files).
use strict;
use warnings;
use File::Basename 'dirname';
use File::Find;
use PostgreSQL::Test::Utils;
use Test::More;
use MobilvardTest;

my $root = repo_root();
my @pages = ("$root/README.md", "$root/CHANGELOG.md");
my @sources;
find(sub { push @pages, $File::Find::name if /\.md$/ }, "$root/doc", "$root/examples", "$root/test");
find(sub { push @sources, $File::Find::name if -f && /\.(c|h|sql|in|awk)$/ }, "$root/src");
@pages = sort @pages;
@sources = sort @sources;

# A heading's anchor as GitHub makes it: lower case, punctuation dropped,
# spaces as hyphens.
sub anchor
{
	my ($heading) = @_;
	$heading = lc $heading;
	$heading =~ s/[^\w\- ]//g;
	$heading =~ tr/ /-/;
	return $heading;
}

my %anchors;
sub anchors_of
{
	my ($file) = @_;
	return $anchors{$file} //= do {
		my %a;
		my $in_code = 0;
		foreach (split /\n/, slurp_file($file))
		{
			$in_code = !$in_code if /^```/;
			$a{ anchor($1) } = 1 if !$in_code && /^#+ (.*?)\s*$/;
		}
		\%a;
	};
}

sub rel
{
	return $_[0] =~ s{^\Q$root\E/}{}r;
}

# Links: [text](target) outside code blocks and code spans.
my @bad_links;
my $links = 0;
foreach my $page (@pages)
{
	my $text = slurp_file($page);
	$text =~ s/^```.*?^```//msg;
	$text =~ s/`[^`\n]*`//g;
	while ($text =~ /\]\(([^)\s]+)\)/g)
	{
		my $target = $1;
		next if $target =~ m{^(https?|mailto):};
		$links++;
		my ($path, $fragment) = split /#/, $target, 2;
		my $file = $path eq '' ? $page : dirname($page) . "/$path";
		if (!-e $file)
		{
			push @bad_links, rel($page) . ": $target (no such file)";
		}
		elsif (defined $fragment && -f $file && $file =~ /\.md$/ && !anchors_of($file)->{$fragment})
		{
			push @bad_links, rel($page) . ": $target (no such heading)";
		}
	}
}
is(join("\n", @bad_links), '', "$links links of README.md and doc/ lead to files and headings of the repository");

# Paths of the repository named in the text: they exist (a pattern with *
# or a placeholder <...> is not a path).
my @bad_paths;
my $paths = 0;
foreach my $file (@pages, @sources)
{
	my $text = slurp_file($file);
	while ($text =~ m{(?<![\w/.\-\$@])((?:doc|src|test|scripts|examples|sql|expected|debian)/[\w.\-/]*[\w/])(?![\w*<@\$])}g)
	{
		my $path = $1;
		next if $path =~ m{\.\.};
		$paths++;
		push @bad_paths, rel($file) . ": $path" unless -e "$root/$path";
	}
}
is(join("\n", @bad_paths), '', "$paths paths named in README.md, doc/ and src/ exist");

# Documents users do not have.
my @cited;
foreach my $file (@pages, @sources)
{
	my $n = 0;
	foreach my $line (split /\n/, slurp_file($file))
	{
		$n++;
		push @cited, rel($file) . ":$n: $line"
		  if $line =~ m{\.\./shared|/work/|architecture\.md|domain\.md|\b(the|design) contract\b|\bissues? #?\d+}i;
	}
}
is(join("\n", @cited), '', 'README.md, doc/ and src/ cite no design contract, issue or file outside the repository');

done_testing();
