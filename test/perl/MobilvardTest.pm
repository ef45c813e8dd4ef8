# What the TAP tests in test/t share: where the repository is, the psql
# command that loads the synthetic county (test/county) into a database, and
# the list of a registry's tables.
package MobilvardTest;

use strict;
use warnings;
use Cwd 'abs_path';
use Exporter 'import';
use File::Basename 'dirname';

our @EXPORT = qw(repo_root county_command registry_tables);

# The repository: MOBILVARD_ROOT (scripts/lib.sh's run_tap_tests sets it
# when the tests run on a copy), else the one this module is in.
sub repo_root
{
	return $ENV{MOBILVARD_ROOT} // abs_path(dirname(__FILE__) . '/../..');
}

# The command that loads the county into database $db of $node: a small one
# (scale 0.02, about 1,100 patients, seed 7) unless %var says otherwise.
sub county_command
{
	my ($node, $db, %var) = @_;
	%var = (scale => 0.02, seed => 7, %var);
	return [
		'psql', '-X', '-q', '-v', 'ON_ERROR_STOP=1',
		(map { ('-v', "$_=$var{$_}") } sort keys %var),
		'-d', $node->connstr($db), '-f', repo_root() . '/test/county/generate.sql'
	];
}

# The tables of a registry (default registry), qualified, by name.
sub registry_tables
{
	my ($node, $db, $registry) = @_;
	$registry //= 'registry';
	return split /\n/, $node->safe_psql($db, qq{
		SELECT format('%I.%I', n.nspname, c.relname) FROM pg_class c
		JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE n.nspname = '$registry' AND c.relkind = 'r' ORDER BY c.relname});
}

1;
