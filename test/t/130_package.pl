# The distribution's metadata agrees with mobilvard.control: META.json (the
# PGXN meta-spec 1.0.0) is valid JSON and names the control file's version
# and required extensions, debian/changelog's version is the same,
# CHANGELOG.md has a section for it, and "make dist" zips the tree under
# mobilvard-<version>/.  test/package builds and tests the Debian package.
use strict;
use warnings;
use PostgreSQL::Test::Utils;
use Test::More;
use JSON::PP;
use IO::Uncompress::Unzip qw($UnzipError);
use MobilvardTest;

my $root = repo_root();

sub slurp
{
	my ($path) = @_;
	open my $fh, '<:raw', $path or die "$path: $!";
	local $/;
	return <$fh>;
}

my $control = slurp("$root/mobilvard.control");
my ($version) = $control =~ /^default_version = '([^']+)'$/m;
my ($requires) = $control =~ /^requires = '([^']*)'$/m;
ok(defined $version, "mobilvard.control has a default_version");
my @requires = split /\s*,\s*/, $requires // '';

my $meta = eval { JSON::PP->new->utf8->decode(slurp("$root/META.json")) };
ok(ref $meta eq 'HASH', 'META.json is a JSON object') or diag($@);
$meta //= {};
is($meta->{'meta-spec'}{version}, '1.0.0', 'META.json follows the meta-spec 1.0.0');
is($meta->{name}, 'mobilvard', 'META.json names the distribution mobilvard');
is($meta->{version}, $version, "META.json's version is mobilvard.control's default_version");
is($meta->{provides}{mobilvard}{version}, $version, 'META.json provides mobilvard in that version');
my $file = $meta->{provides}{mobilvard}{file} // '';
ok($file ne '' && -f "$root/$file", "META.json's file of mobilvard ($file) is in the tree");
ok(defined $meta->{$_} && $meta->{$_} ne '', "META.json has $_")
  foreach qw(abstract maintainer);
is($meta->{license}, 'postgresql', "META.json's licence is the PostgreSQL Licence");
like(slurp("$root/LICENSE"), qr/\APostgreSQL License\n/, 'LICENSE is the PostgreSQL Licence');

my $runtime = $meta->{prereqs}{runtime}{requires} // {};
ok(defined $runtime->{PostgreSQL}, 'META.json requires PostgreSQL');
ok(defined $runtime->{$_}, "META.json requires $_, as mobilvard.control does")
  foreach @requires;
cmp_ok(scalar @requires, '>', 0, 'mobilvard.control requires extensions');

my ($debian_version) = slurp("$root/debian/changelog") =~ /\Amobilvard \(([^)]+)\)/;
is($debian_version, $version, "debian/changelog's latest version is the extension's");
like(slurp("$root/CHANGELOG.md"), qr/^## \Q$version\E\b/m, "CHANGELOG.md has a section for $version");

# make dist archives HEAD, so it needs the repository; the tests may run on a
# copy without it, and as a user the repository does not belong to.
SKIP:
{
	local $ENV{GIT_CONFIG_COUNT} = 1;
	local $ENV{GIT_CONFIG_KEY_0} = 'safe.directory';
	local $ENV{GIT_CONFIG_VALUE_0} = '*';
	skip 'no git repository (the tests run on a copy)', 3
	  if system("git -C '$root' rev-parse -q --verify HEAD >/dev/null 2>&1") != 0;
	my $zip = PostgreSQL::Test::Utils::tempdir() . "/mobilvard-$version.zip";
	command_ok([ 'make', '-s', '-C', $root, 'dist', "DIST_ZIP=$zip" ], 'make dist');
	my %members;
	if (my $unzip = IO::Uncompress::Unzip->new($zip))
	{
		my $status = 1;
		while ($status > 0)
		{
			$members{ $unzip->getHeaderInfo->{Name} } = 1;
			$status = $unzip->nextStream;
		}
	}
	else
	{
		diag("$zip: $UnzipError");
	}
	my @outside = grep { !m{^mobilvard-\Q$version\E/} } keys %members;
	ok(%members && !@outside, "every file of the zip is under mobilvard-$version/")
	  or diag("outside: @outside");
	my @absent = grep { !$members{"mobilvard-$version/$_"} }
	  qw(META.json LICENSE CHANGELOG.md README.md Makefile mobilvard.control debian/control debian/rules);
	ok(!@absent, 'the zip holds META.json, LICENSE, the Makefile, the control file and debian/')
	  or diag("absent: @absent");
}

done_testing();
