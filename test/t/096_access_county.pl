# Row-level security on the synthetic county (doc/registry.md, "Who sees
# which records"): a region's, a municipality's and a national role's
# counts of every record table and view equal what the owner counts for
# their organisations by plain joins; and a second session's change of
# org_access is seen by the next query, not half-way.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use MobilvardTest;

my $node = PostgreSQL::Test::Cluster->new('access');
$node->init;
$node->start;
$node->safe_psql('postgres', 'CREATE EXTENSION mobilvard CASCADE');
$node->command_ok(county_command($node, 'postgres'), 'small county loads');

my ($region, $municipality) = split /\|/, $node->safe_psql('postgres', q{
	SELECT (SELECT min(org_code) FROM registry.organisation WHERE principal = 'region'),
		   (SELECT o.org_code FROM registry.organisation o JOIN registry.unit u USING (org_code)
			WHERE o.principal = 'municipality' GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1)});
$node->safe_psql('postgres', qq{
	CREATE ROLE region_analyst;
	CREATE ROLE municipal_analyst;
	CREATE ROLE national_analyst;
	GRANT USAGE ON SCHEMA registry TO PUBLIC;
	GRANT SELECT ON ALL TABLES IN SCHEMA registry TO PUBLIC;
	INSERT INTO registry.org_access VALUES
		('region_analyst', '$region'), ('municipal_analyst', '$municipality'), ('national_analyst', NULL);
});

# What a role may see, counted by the owner through plain joins: the rules of
# doc/registry.md written out once more, independently of the policies.
sub expected
{
	my ($orgs) = @_;
	return $node->safe_psql('postgres', qq{
		WITH o AS (SELECT org_code FROM registry.organisation WHERE $orgs),
		u AS (SELECT unit_id FROM registry.unit WHERE org_code IN (SELECT org_code FROM o)),
		p AS (SELECT patient_id FROM registry.episode WHERE unit_id IN (SELECT unit_id FROM u)
			  UNION SELECT patient_id FROM registry.contact WHERE unit_id IN (SELECT unit_id FROM u)
			  UNION SELECT patient_id FROM registry.charge WHERE org_code IN (SELECT org_code FROM o)
			  UNION SELECT patient_id FROM registry.patient_listing WHERE unit_id IN (SELECT unit_id FROM u))
		SELECT concat_ws(' ',
			(SELECT count(*) FROM u),
			(SELECT count(*) FROM registry.episode WHERE unit_id IN (SELECT unit_id FROM u)),
			(SELECT count(*) FROM registry.contact WHERE unit_id IN (SELECT unit_id FROM u)),
			(SELECT count(*) FROM registry.charge WHERE org_code IN (SELECT org_code FROM o)),
			(SELECT count(*) FROM p),
			(SELECT count(*) FROM registry.episode_classified WHERE unit_id IN (SELECT unit_id FROM u)),
			(SELECT count(*) FROM registry.charge_split WHERE org_code IN (SELECT org_code FROM o)),
			(SELECT count(*) FROM registry.care_period WHERE unit_id IN (SELECT unit_id FROM u)))});
}

sub patients_with_records
{
	return $node->safe_psql('postgres', q{
		SELECT count(*) FROM registry.patient p
		WHERE EXISTS (SELECT FROM registry.episode e WHERE e.patient_id = p.patient_id)
		   OR EXISTS (SELECT FROM registry.contact c WHERE c.patient_id = p.patient_id)
		   OR EXISTS (SELECT FROM registry.charge c WHERE c.patient_id = p.patient_id)
		   OR EXISTS (SELECT FROM registry.patient_listing l WHERE l.patient_id = p.patient_id)});
}

sub seen
{
	my ($role) = @_;
	return $node->safe_psql('postgres', qq{
		SET ROLE $role;
		SELECT concat_ws(' ',
			(SELECT count(*) FROM registry.unit),
			(SELECT count(*) FROM registry.episode),
			(SELECT count(*) FROM registry.contact),
			(SELECT count(*) FROM registry.charge),
			(SELECT count(*) FROM registry.patient),
			(SELECT count(*) FROM registry.episode_classified),
			(SELECT count(*) FROM registry.charge_split),
			(SELECT count(*) FROM registry.care_period))});
}

my $all = seen('postgres');
my $of_region = expected("org_code = '$region'");
my $of_municipality = expected("org_code = '$municipality'");
note("units episodes contacts charges patients classified split periods: all $all; "
	  . "$region $of_region; $municipality $of_municipality");
isnt($of_region, $all, 'the region has less than everything');
is(expected('true'), $all =~ s/^((?:\d+ ){4})\d+/$1 . patients_with_records()/er,
	'counted by the joins, all organisations together have every record');
isnt($of_municipality, $of_region, 'the municipality has other records than the region');
is(seen('national_analyst'), $all, 'the national role sees every record, patients without records too');
is(seen('region_analyst'), $of_region, "the region's role sees the region's records and patients");
is(seen('municipal_analyst'), $of_municipality,
	"the municipality's role sees the municipality's records and patients");
is($node->safe_psql('postgres', q{
	SET ROLE municipal_analyst;
	SELECT count(*) FROM registry.charge_split s JOIN registry.organisation o USING (org_code)
	WHERE o.principal = 'region'}), '0', 'no regional charge reaches the municipality');

# A second session takes the region's access away and commits while the
# region's role is in a repeatable-read transaction: that transaction keeps
# its snapshot; the next one sees nothing.
my $reader = $node->background_psql('postgres');
$reader->query_safe('SET ROLE region_analyst');
$reader->query_safe('BEGIN ISOLATION LEVEL REPEATABLE READ');
my $before = $reader->query_safe('SELECT count(*) FROM registry.episode');
$node->safe_psql('postgres', "DELETE FROM registry.org_access WHERE role_name = 'region_analyst'::regrole");
is($reader->query_safe('SELECT count(*) FROM registry.episode'), $before,
	'a transaction begun with access keeps its snapshot');
$reader->query_safe('COMMIT');
is($reader->query_safe('SELECT count(*) FROM registry.episode'), '0',
	'the next transaction sees no records once the access is gone');
$reader->quit;

done_testing();
