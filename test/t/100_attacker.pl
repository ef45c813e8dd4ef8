# An install cannot be hijacked by a role that got to the schemas first: a
# role with CREATE on the database that makes the schema mobilvard before
# the DBA installs, or that may create objects in it, or that makes the
# schema a registry is to have, is refused with 42501 and a hint, and
# nothing of the extension or the registry is made in its schema.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

my $node = PostgreSQL::Test::Cluster->new('attacker');
$node->init;
$node->start;
$node->safe_psql('postgres', q{
	CREATE ROLE squatter LOGIN;
	CREATE DATABASE registry_db;
	GRANT CREATE ON DATABASE registry_db TO squatter;
});

# The squatter makes the extension's schema first.
$node->safe_psql('registry_db', 'CREATE SCHEMA mobilvard', extra_params => [ '-U', 'squatter' ]);
my ($ret, $out, $err) = $node->psql('registry_db', 'CREATE EXTENSION mobilvard CASCADE');
isnt($ret, 0, 'CREATE EXTENSION into a schema another role made is refused');
like($err, qr/schema "mobilvard" belongs to role squatter, not to the role installing mobilvard/,
	'the refusal names the owner');
like($err, qr/HINT:  Drop or rename that schema/, 'with a hint');
is($node->safe_psql('registry_db', q{SELECT count(*) FROM pg_extension WHERE extname = 'mobilvard'}),
	'0', 'nothing is installed');

# The DBA's own schema, in which the squatter may create objects.
$node->safe_psql('registry_db', q{
	DROP SCHEMA mobilvard;
	CREATE SCHEMA mobilvard;
	GRANT CREATE ON SCHEMA mobilvard TO squatter;
});
($ret, $out, $err) = $node->psql('registry_db', 'CREATE EXTENSION mobilvard CASCADE');
isnt($ret, 0, 'CREATE EXTENSION into a schema others may create in is refused');
like($err, qr/other roles may create objects in schema "mobilvard": squatter/, 'the refusal names them');

# Taken back, it installs; a registry's schema made by the squatter is not used.
$node->safe_psql('registry_db', q{
	REVOKE CREATE ON SCHEMA mobilvard FROM squatter;
	CREATE EXTENSION mobilvard CASCADE;
});
$node->safe_psql('registry_db', 'CREATE SCHEMA registry', extra_params => [ '-U', 'squatter' ]);
($ret, $out, $err) = $node->psql('registry_db', 'SELECT mobilvard.create_registry()');
isnt($ret, 0, 'create_registry in a schema another role made is refused');
like($err, qr/schema "registry" exists and belongs to role squatter/, 'the refusal names the owner');
is($node->safe_psql('registry_db', q{
		SELECT count(*) FROM pg_class WHERE relnamespace = 'registry'::regnamespace}),
	'0', 'nothing is made in the squatter\'s schema');
is($node->safe_psql('registry_db', 'SELECT count(*) FROM mobilvard.registries'), '0',
	'and the catalog holds no registry');

$node->stop;
done_testing();
