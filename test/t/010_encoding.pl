# The type labels and team names are Swedish: they must read and print the
# same in a database whose server encoding is not UTF-8.
use strict;
use warnings;
use utf8;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

my $node = PostgreSQL::Test::Cluster->new('encoding');
$node->init(extra => [ '--encoding=UTF8', '--locale=C' ]);
$node->start;

$node->safe_psql('postgres',
	"CREATE DATABASE latin1 ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0");
$node->safe_psql('latin1', 'CREATE EXTENSION mobilvard CASCADE');

# psql talks UTF-8 to a LATIN1 server: the server converts both ways.
sub query
{
	my ($sql) = @_;
	my $out = $node->safe_psql('latin1', "SET client_encoding = 'UTF8'; $sql");
	utf8::decode($out);
	return $out;
}

is(query("SELECT 'SÄRSKILT BOENDE'::mobilvard.care_setting"),
	'special_housing', 'Swedish capitals fold in a LATIN1 database');
is(query("SELECT ' kommunal primärvård '::mobilvard.care_level"),
	'municipal_primary', 'Swedish label with white space in a LATIN1 database');
is(query("SELECT mobilvard.label('special_housing'::mobilvard.care_setting)"),
	'särskilt boende', 'Swedish label printed in the client encoding');
is(query("SELECT mobilvard.label('municipal_health_team'::mobilvard.care_form)"),
	'kommunalt hälso- och sjukvårdsteam', 'care_form label through LATIN1');
is(query("SELECT mobilvard.care_form_of('NÄRSJUKVÅRDSTEAM Väst')"),
	'community_care_team', 'team names fold through LATIN1');
is(query("SELECT mobilvard.care_form_of('Hemgångsteam Örebro')"),
	'municipal_health_team', 'compound team name through LATIN1');
is(query("SELECT mobilvard.care_form_of('ALMA OCH ÄLSA TEAM')"),
	'community_care_team', 'a shipped name of the table with Swedish letters through LATIN1');
is(query(q{INSERT INTO mobilvard.team_name (name, care_form) VALUES ('  Läkarbåten NÄRA ', 'other_mobile');
	SELECT name FROM mobilvard.team_name WHERE name LIKE 'läkarbåten%';
	SELECT mobilvard.care_form_of('LÄKARBÅTEN NÄRA Öckerö')}),
	"läkarbåten nära\nother_mobile", 'a DBA\'s team name is folded and found through LATIN1');

my ($ret, $stdout, $stderr) = $node->psql('latin1',
	"SET client_encoding = 'UTF8'; SELECT 'sjukhusvard i hemmet'::mobilvard.care_form");
isnt($ret, 0, 'a misspelt label fails in LATIN1 too');
like($stderr, qr/invalid input syntax for type care_form/, 'with the type named');

$node->stop;
done_testing();
