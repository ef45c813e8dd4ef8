# What the TAP tests in test/t share: where the repository is, the psql
# command that loads the synthetic county (test/county) into a database, and
# the list of the registry's tables.
package MobilvardTest;

use strict;
use warnings;
use Exporter 'import';

our @EXPORT = qw(repo_root county_command registry_tables);

# The repository (scripts/lib.sh's run_tap_tests sets MOBILVARD_ROOT).
sub repo_root
{
	return $ENV{MOBILVARD_ROOT} // die "MOBILVARD_ROOT is not set";
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

# The tables the extension registers for pg_dump (its registry), by name.
sub registry_tables
{
	my ($node, $db) = @_;
	return split /\n/, $node->safe_psql($db, q{
		SELECT c::regclass FROM pg_extension e, unnest(e.extconfig) AS c
		WHERE e.extname = 'mobilvard' ORDER BY 1});
}

1;
