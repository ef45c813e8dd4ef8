# Neither the extension nor a registry depends on the search_path: a role
# that may create objects in schema public (where PostGIS lives, and so on
# the search_path of the install and of create_registry) plants shadows of
# the operators, functions and aggregates SQL code calls (test/attacker),
# before CREATE EXTENSION and before create_registry, and in the pg_temp of
# every session that runs anything.  The DBA installs, makes a registry and
# loads a county, firing every trigger and constraint; an analyst runs every
# view and function with search_path = pg_catalog and with the database's
# default.  No shadow may ever run (public.attack_log stays empty), and no
# object of mobilvard's or of the registry may be bound to one (pg_depend).
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use MobilvardTest;

my $root = repo_root();
my $plant = "$root/test/attacker/plant.sql";
my $temp = "\\i $root/test/attacker/plant_temp.sql\n";

my $node = PostgreSQL::Test::Cluster->new('planted');
$node->init;
$node->start;

# The county's rows, from a database nobody attacks.
my $rows = $node->basedir . '/rows';
mkdir $rows or die "mkdir $rows: $!";
my @tables = qw(organisation unit catchment patient episode contact charge_kind charge
  region_tariff region_tariff_default municipal_tariff municipal_tariff_default
  personal_margin travel_profile population_cell urban_area road_vertex road_edge
  priority_criterion);
$node->safe_psql('postgres', 'CREATE DATABASE clean');
$node->safe_psql('clean', 'CREATE EXTENSION mobilvard CASCADE; CREATE EXTENSION pgrouting');
$node->command_ok(county_command($node, 'clean'), 'the county loads into a database nobody attacks');
$node->safe_psql('clean', join("\n", map { "COPY registry.$_ TO '$rows/$_.copy';" } @tables));

# The victim: PostGIS, btree_gist and pgRouting are there, and every role
# may create objects in public, as before PostgreSQL 15.
$node->safe_psql('postgres', q{
	CREATE ROLE planter LOGIN;
	CREATE ROLE analyst LOGIN;
	CREATE DATABASE victim;
});
$node->safe_psql('victim', q{
	CREATE EXTENSION postgis;
	CREATE EXTENSION btree_gist;
	CREATE EXTENSION pgrouting;
	GRANT CREATE ON SCHEMA public TO PUBLIC;
});

sub plant
{
	my ($label, $db) = @_;
	my ($ret, $out, $err) = $node->psql($db // 'victim', '', extra_params => [ '-U', 'planter', '-f', $plant ]);
	is($ret, 0, "the attacker plants ($label)") or diag($err);
	my ($planted) = $err =~ /planted (\d+) shadows/;
	return $planted // 0;
}

# Runs $sql as the DBA (or $user) in a session of database victim (or $db)
# whose pg_temp holds the shadows too; returns psql's status and output.
sub victim_psql
{
	my ($sql, $user, $db) = @_;
	return $node->psql($db // 'victim', $temp . $sql,
		extra_params => [ '-U', $user // 'postgres', '-v', 'ON_ERROR_STOP=1' ]);
}

sub victim_ok
{
	my ($sql, $label, $db) = @_;
	my ($ret, $out, $err) = victim_psql($sql, undef, $db);
	is($ret, 0, $label) or diag(substr($err, 0, 2000));
	return $out;
}

cmp_ok(plant('before CREATE EXTENSION'), '>', 1000, 'shadows of core and PostGIS calls are planted');
victim_ok('CREATE EXTENSION mobilvard CASCADE', 'CREATE EXTENSION mobilvard');
cmp_ok(plant('on mobilvard\'s types'), '>', 10, 'shadows of calls on mobilvard\'s types are planted');
victim_ok('SELECT mobilvard.create_registry()', 'create_registry');

# The county, by COPY: every row passes the registry's constraints and
# triggers; the shipped reference rows are replaced by the same ones.
victim_ok(join("\n",
		'DELETE FROM registry.charge_kind; DELETE FROM registry.region_tariff_default;',
		'DELETE FROM registry.municipal_tariff_default; DELETE FROM registry.travel_profile;',
		'DELETE FROM registry.priority_criterion;',
		(map { "COPY registry.$_ FROM '$rows/$_.copy';" } @tables),
		map { "SELECT pg_catalog.setval(pg_catalog.pg_get_serial_sequence('registry.$_->[0]', '$_->[1]'),
				(SELECT pg_catalog.max($_->[1]) FROM registry.$_->[0]));" }
		  ([ 'unit', 'unit_key' ], [ 'catchment', 'catchment_id' ], [ 'population_cell', 'cell_key' ])),
	'the county loads');
is($node->safe_psql('victim', 'SELECT count(*) FROM registry.charge'),
	$node->safe_psql('clean', 'SELECT count(*) FROM registry.charge'), 'with every charge');

# Every trigger, and every constraint's refusal.
victim_ok(q{
	UPDATE registry.charge SET list_fee = list_fee
	WHERE charge_id IN (SELECT c.charge_id FROM registry.charge c ORDER BY c.charge_id LIMIT 50);
	UPDATE registry.patient SET birth_date = birth_date
	WHERE patient_id IN (SELECT p.patient_id FROM registry.patient p WHERE p.birth_date IS NOT NULL
						 ORDER BY p.patient_id LIMIT 50);
	INSERT INTO registry.patient (patient_id, birth_date) VALUES (-1, '1950-05-05');
	INSERT INTO registry.personal_margin (patient_id, month, margin) VALUES (-1, '2025-03-01', 500);
	INSERT INTO registry.region_tariff (org_code, valid, hcp_ceiling)
	SELECT o.org_code, '[1990-01-01,1991-01-01)', 1200 FROM registry.organisation o
	WHERE o.principal = 'region';
	INSERT INTO registry.municipal_tariff (org_code, valid, category, visit_fee)
	SELECT o.org_code, '[1990-01-01,1991-01-01)', 'home_health', 100 FROM registry.organisation o
	WHERE o.principal = 'municipality';
	INSERT INTO mobilvard.price_base_amount VALUES (2025, 58800), (2030, 60000);
	INSERT INTO mobilvard.team_name (name, care_form) VALUES ('ASIH', 'specialised_home_care'),
		(' Mobila Läkarteamet ', 'other_mobile');
	UPDATE mobilvard.team_name SET valid = '(,2030-01-01)' WHERE name = 'tandvård';
	DELETE FROM mobilvard.team_name WHERE name = 'mobila läkarteamet';
	SELECT mobilvard.care_form_of('ASIH Örebro', 'specialised_inpatient', '2026-07-01');
	SELECT mobilvard.create_registry('second', set_search_path => false);
	DROP SCHEMA second CASCADE;
	SELECT mobilvard.upgrade_registry('registry');
}, 'the triggers fire');

# The loaders, as the DBA runs them: every kind of column text, good and bad.
victim_ok(q{
	CREATE TABLE public.staged_unit (unit_id text, org_code text, name text, unit_level text,
									 unit_form text, lon text, lat text);
	INSERT INTO public.staged_unit
	SELECT 'L1', o.org_code, 'ASIH Örebro', 'specialiserad sluten vård', NULL, '15.2', '59.27'
	FROM registry.organisation o WHERE o.principal = 'region'
	UNION ALL SELECT 'L2', 'nobody', 'x', 'nivå 9', 'none', 'abc', '59'
	UNION ALL SELECT 'L3', 'nobody', 'Avdelning', 'specialised_inpatient', NULL, NULL, NULL;
	SELECT * FROM registry.load('unit', 'public.staged_unit');
	CREATE TABLE public.staged_patient (patient_id text, birth_date text, sex text, home text, source_row bigint);
	INSERT INTO public.staged_patient VALUES
		('-7', '19400501', 'K', 'SRID=4326;POINT(15.2 59.27)', 1), ('-8', '2025-13-01', '9', 'POINT(1', 2),
		('-7', '1940-05-01', '2', NULL, 3);
	SELECT * FROM registry.load('patient', 'public.staged_patient');
	CREATE TABLE public.staged_catchment (unit_id text, valid text, area text);
	INSERT INTO public.staged_catchment VALUES
		('L1', '[2031-01-01,)', 'POLYGON((500000 6560000, 530000 6560000, 530000 6590000, 500000 6560000))'),
		('L1', '[2031-06-01,)', 'POLYGON((500000 6560000, 530000 6560000, 530000 6590000, 500000 6560000))');
	SELECT * FROM registry.load('catchment', 'public.staged_catchment');
	CREATE TABLE public.staged_charge (charge_id text, patient_id text, org_code text, charge_date text,
									   kind text, list_fee text);
	INSERT INTO public.staged_charge VALUES ('-1', '-7', 'nobody', '2025-01-01', 'home_visit', '100'),
		('-2', '-7', (SELECT min(org_code) FROM registry.organisation WHERE principal = 'municipality'),
		 '2025-01-01', 'home_visit', '12.5');
	SELECT * FROM registry.load('charge', 'public.staged_charge');
}, 'the loaders run');
my @refused = (
	[ 'catchment', q{INSERT INTO registry.catchment (unit_id, valid, area)
		SELECT k.unit_id, k.valid, k.area FROM registry.catchment k ORDER BY k.catchment_id LIMIT 1} ],
	[ 'region_tariff', q{INSERT INTO registry.region_tariff (org_code, valid)
		SELECT t.org_code, '[1990-06-01,1990-07-01)' FROM registry.region_tariff t LIMIT 1} ],
	[ 'region_tariff_default', q{INSERT INTO registry.region_tariff_default VALUES ('[1990-01-01,1991-01-01)', 1, 1)} ],
	[ 'municipal_tariff', q{INSERT INTO registry.municipal_tariff (org_code, valid, category)
		SELECT t.org_code, '[1990-06-01,1990-07-01)', t.category FROM registry.municipal_tariff t LIMIT 1} ],
	[ 'municipal_tariff_default', q{INSERT INTO registry.municipal_tariff_default (category, valid)
		VALUES ('home_health', '[1990-01-01,1991-01-01)')} ]);
foreach my $case (@refused)
{
	my ($ret, $out, $err) = victim_psql($case->[1]);
	like($err, qr/conflicting key value violates exclusion constraint "$case->[0]_not_overlapping"/,
		"an overlapping $case->[0] is refused");
}
foreach my $case (
	[ 'charge_list_fee_not_negative', q{UPDATE registry.charge SET list_fee = -1 WHERE charge_id = (SELECT min(c.charge_id) FROM registry.charge c)} ],
	[ 'patient_birth_year_of_birth_date', q{INSERT INTO registry.patient (patient_id, birth_year, birth_date) VALUES (-2, 1951, '1950-05-05')} ],
	[ 'personal_margin_month_is_first_day', q{INSERT INTO registry.personal_margin VALUES (-1, '2025-04-02', 1)} ],
	[ 'travel_profile_detour_at_least_one', q{INSERT INTO registry.travel_profile VALUES ('slow', 0.5, 1, 1, 1, 1)} ],
	[ 'price_base_amount_positive', q{INSERT INTO mobilvard.price_base_amount VALUES (2031, 0)} ])
{
	my ($ret, $out, $err) = victim_psql($case->[1]);
	like($err, qr/violates check constraint "$case->[0]"/, "$case->[0] refuses a bad row");
}

# The analyst: every view and every function that is not a trigger's, with
# arguments that reach their rows.
$node->safe_psql('victim', q{
	GRANT USAGE ON SCHEMA registry TO analyst;
	GRANT SELECT ON ALL TABLES IN SCHEMA registry TO analyst;
});
my $home = '(SELECT p.home FROM registry.patient p WHERE p.home IS NOT NULL ORDER BY p.patient_id LIMIT 1)';
my $base = '(SELECT u.base FROM registry.unit u WHERE u.base IS NOT NULL ORDER BY u.unit_id LIMIT 1)';
my $forms = q{'{community_care_team,hospital_at_home,specialised_home_care}'::mobilvard.care_form[]};
my %by_name = (
	from => $base, to => $home, p => $home, geom => $home,
	unit_id => '(SELECT u.unit_id FROM registry.unit u WHERE u.base IS NOT NULL ORDER BY u.unit_id LIMIT 1)',
	profile => q{'car'}, lang => q{'en'}, team_name => q{'ASIH Örebro'}, name => q{'no_such_registry'},
	patient_id => '(SELECT c.patient_id FROM registry.contact c ORDER BY c.contact_id LIMIT 1)',
	episode_id => '(SELECT e.episode_id FROM registry.episode e ORDER BY e.episode_id LIMIT 1)',
	resource_type => q{'Encounter'}, org_code => q{'R18'},
	family_id => '(SELECT p.family_id FROM registry.patient p WHERE p.family_id IS NOT NULL ORDER BY p.patient_id LIMIT 1)',
	starts => 'ARRAY(SELECT v.id FROM registry.road_vertex v ORDER BY v.id LIMIT 3)',
	covered_cells => 'ARRAY(SELECT c.cell_id FROM registry.population_cell c ORDER BY c.cell_id LIMIT 50)',
	candidates => 'ARRAY(SELECT u.base FROM registry.unit u WHERE u.base IS NOT NULL ORDER BY u.unit_id)',
	points => 'ARRAY(SELECT p.home FROM registry.patient p WHERE p.home IS NOT NULL ORDER BY p.patient_id LIMIT 50)',
	profiles => q{'registry.travel_profile'::pg_catalog.regclass},
	period => q{'[2025-01-01,2026-01-01)'::pg_catalog.daterange},
	forms => $forms);
my %by_type = (
	'date' => q{'2025-06-01'::pg_catalog.date}, 'boolean' => 'true', 'numeric' => '100::pg_catalog.numeric',
	'integer' => '30', 'bigint' => '1000::pg_catalog.int8', 'double precision' => '30::pg_catalog.float8',
	'text' => q{'x'::pg_catalog.text}, 'mobilvard.care_form' => q{'hospital_at_home'::mobilvard.care_form},
	'mobilvard.care_level' => q{'specialised_outpatient'::mobilvard.care_level},
	'mobilvard.care_setting' => q{'ordinary_home'::mobilvard.care_setting},
	'mobilvard.care_form[]' => $forms, 'public.geometry' => $home,
	'regtype' => q{'pg_catalog.date'::pg_catalog.regtype},
	'int4multirange' => q{'{[0,20)}'::pg_catalog.int4multirange});
$by_name{wkt} = q{'POINT(515000 6570000)'};
$by_name{code} = q{'K'};
$by_name{codes} = q{'{I214,E119}'::pg_catalog.text[]};
# Made or loaded by the DBA, not read (the loaders run above).
my %not_called = map { $_ => 1 } qw(create_registry upgrade_registry _make_registry _registry_from_0_1 _add_to_search_path
  load _load);

my %calls;
foreach my $view (split /\n/, $node->safe_psql('victim', q{
	SET search_path = pg_catalog;
	SELECT c.oid::regclass FROM pg_class c
	WHERE c.relnamespace IN ('mobilvard'::regnamespace, 'registry'::regnamespace) AND c.relkind = 'v'}))
{
	$calls{"view $view"} = "SELECT * FROM $view";
}
foreach my $f (split /\n/, $node->safe_psql('victim', q{
	SET search_path = pg_catalog;
	SELECT p.oid::regprocedure, p.oid::regproc, p.prokind, p.proretset OR p.prorettype = 'record'::regtype,
		   pg_catalog.array_to_string(ARRAY(
			   SELECT coalesce(p.proargnames[i], '') || ':' || p.proargtypes[i - 1]::regtype
			   FROM pg_catalog.generate_series(1, p.pronargs) AS i ORDER BY i), ',')
	FROM pg_proc p
	WHERE p.pronamespace IN ('mobilvard'::regnamespace, 'registry'::regnamespace)
	  AND p.prorettype NOT IN ('trigger'::regtype, 'event_trigger'::regtype)
	  AND NOT p.proargtypes::oid[] && ARRAY['cstring'::regtype, 'internal'::regtype]::oid[]
	ORDER BY 1}))
{
	my ($signature, $fname, $kind, $rows, $args) = split /\|/, $f;
	(my $short = $fname) =~ s/^.*\.//;
	next if $not_called{$short};
	my @args;
	foreach my $arg (split /,/, $args)
	{
		my ($argname, $type) = split /:/, $arg;
		my $value = $by_name{$argname} // $by_type{$type}
		  // die "no argument for $argname of type $type of $signature";
		push @args, $value;
	}
	my $call = "$fname(" . join(', ', @args) . ')';
	$calls{"function $signature"} =
		$kind eq 'w' ? "SELECT $call OVER ()"
	  : $kind eq 'a' ? "SELECT $call"
	  : $rows eq 't' ? "SELECT * FROM $call"
	  :                "SELECT $call";
}
cmp_ok(scalar(grep { /^view / } keys %calls), '>=', 15, 'the views to run');
cmp_ok(scalar(grep { /^function / } keys %calls), '>=', 60, 'the functions to run');

# Each call in one session: its whole rows are read (q::text reads every
# column), and an error is recorded, not fatal.
my $harness = "CREATE TEMP TABLE calls (name text, query text, outcome text);\n"
  . "INSERT INTO pg_temp.calls (name, query) VALUES\n"
  . join(",\n", map { '(' . quote($_) . ', ' . quote($calls{$_}) . ')' } sort keys %calls) . ";\n"
  . q{DO $harness$
DECLARE
	c record;
	n bigint;
BEGIN
	FOR c IN SELECT * FROM pg_temp.calls LOOP
		PERFORM pg_catalog.set_config('attack.query', c.name, false);
		BEGIN
			EXECUTE 'SELECT pg_catalog.count(q::pg_catalog.text) FROM (' OPERATOR(pg_catalog.||) c.query
				OPERATOR(pg_catalog.||) ') q' INTO n;
			UPDATE pg_temp.calls SET outcome = 'ok' WHERE name OPERATOR(pg_catalog.=) c.name;
		EXCEPTION WHEN OTHERS THEN
			UPDATE pg_temp.calls SET outcome = SQLSTATE OPERATOR(pg_catalog.||) ' ' OPERATOR(pg_catalog.||) SQLERRM
			WHERE name OPERATOR(pg_catalog.=) c.name;
		END;
	END LOOP;
	PERFORM pg_catalog.set_config('attack.query', '', false);
END
$harness$;
SELECT c.name, c.outcome FROM pg_temp.calls c ORDER BY c.name;
};

sub quote
{
	my ($s) = @_;
	$s =~ s/'/''/g;
	return "'$s'";
}

foreach my $path ('pg_catalog', 'the database default')
{
	my $set = $path eq 'pg_catalog' ? "SET search_path = pg_catalog;\n" : '';
	my ($ret, $out, $err) = victim_psql($set . $harness, 'analyst');
	is($ret, 0, "the analyst's calls run with search_path = $path") or diag(substr($err, 0, 2000));
	my %outcome = map { split /\|/, $_, 2 } split /\n/, $out;
	is($outcome{$_}, 'ok', "$_ answers with search_path = $path") foreach sort keys %calls;
}

# Nothing the attacker planted ran.
is($node->safe_psql('victim', q{
		SELECT pg_catalog.string_agg(pg_catalog.format('%s (%s times, as %s, in %s)', object, n, victim, context),
									 E'\n' ORDER BY object)
		FROM (SELECT a.object, a.victim, coalesce(nullif(a.query, ''), pg_catalog.left(a.statement, 80)) AS context,
					 pg_catalog.count(*) AS n
			  FROM public.attack_log a GROUP BY 1, 2, 3) l}),
	'', 'no planted object ran');

# No object of mobilvard's or of a registry is bound to an operator or
# function outside pg_catalog, mobilvard, the registry and the extensions
# it trusts (PostgreSQL's own objects are not in pg_depend at all).
is(offenders('victim'), '',
	'no object of mobilvard\'s or of the registry is bound to an untrusted operator or function');

# pgRouting's own SQL finds its functions by name through the search_path,
# and takes polymorphic arrays: a function under pgRouting's name taking
# exactly the types of the registry's call would be called instead.  The
# registry refuses to route then, and says which.
$node->safe_psql('victim', q{
	CREATE FUNCTION public.pgr_drivingdistance(text, bigint[], double precision, boolean, boolean,
		OUT seq integer, OUT from_v bigint, OUT node bigint, OUT edge bigint,
		OUT cost double precision, OUT agg_cost double precision)
		RETURNS SETOF record
		LANGUAGE plpgsql
		AS $$
	BEGIN
		PERFORM public.log_attack('pgr_drivingdistance(text,bigint[],double precision,boolean,boolean)');
		RETURN QUERY SELECT * FROM public._pgr_drivingdistance(public._pgr_get_statement($1), $2, $3, $4, $5);
	END
	$$;
}, extra_params => [ '-U', 'planter' ]);
my ($ret, $out, $err) = victim_psql("\\set VERBOSITY verbose\nSELECT count(*) FROM registry.network_coverage(30)",
	'analyst');
like($err, qr/ERROR:  42501: schema "public" holds functions under the names of pgRouting's that are not pgRouting's: public\.pgr_drivingdistance\(text,bigint\[\],double precision,boolean,boolean\)/,
	'road network travel refuses a function planted under the name of pgRouting\'s');
is($node->safe_psql('victim', 'SELECT pg_catalog.count(*) FROM public.attack_log'), '0', 'which never ran');

# Planted before CREATE EXTENSION mobilvard CASCADE makes PostGIS and
# btree_gist too (no shadows on geometry then).
$node->safe_psql('postgres', 'CREATE DATABASE cascade');
$node->safe_psql('cascade', 'GRANT CREATE ON SCHEMA public TO PUBLIC');
plant('before CREATE EXTENSION ... CASCADE makes PostGIS', 'cascade');
victim_ok('CREATE EXTENSION mobilvard CASCADE', 'CREATE EXTENSION mobilvard CASCADE makes PostGIS among the shadows',
	'cascade');
plant('on PostGIS\'s and mobilvard\'s types', 'cascade');
victim_ok('SELECT mobilvard.create_registry()', 'create_registry', 'cascade');
is($node->safe_psql('cascade', 'SELECT pg_catalog.string_agg(DISTINCT object, E\'\n\') FROM public.attack_log'),
	'', 'no planted object ran in the install or create_registry');
is(offenders('cascade'), '', 'no object of the extension or the registry is bound to an untrusted one');

# The update from the last release before 0.2.0, installed while the
# shadows were there (it was bound to some of them): the update and
# upgrade_registry run none, and what the update keeps is bound anew.
my ($current) = slurp_file("$root/mobilvard.control") =~ /^default_version = '([^']+)'$/m;
my ($last) = reverse grep { $_ ne $current } map { /^(\S+)\s+\S+/ ? $1 : () }
  grep { !/^\s*(#|$)/ } split /\n/, slurp_file("$root/test/upgrade/releases");
SKIP:
{
	skip "no install script for $last (its commit is not in this clone)", 8
	  unless -f $node->config_data('--sharedir') . "/extension/mobilvard--$last.sql";
	# The shadows on mobilvard's types go with the extension.
	$node->safe_psql('victim', 'DROP SCHEMA registry CASCADE; DROP EXTENSION mobilvard CASCADE',
		extra_params => [ '-q', '-c', 'SET client_min_messages = warning' ]);
	victim_ok("CREATE EXTENSION mobilvard VERSION '$last'", "$last installs among the shadows");
	plant("on $last\'s types");
	$node->safe_psql('victim', 'TRUNCATE public.attack_log');
	victim_ok('ALTER EXTENSION mobilvard UPDATE', "$last updates to $current");
	plant("on $current\'s types");
	victim_ok(q{SELECT mobilvard.upgrade_registry('registry')}, 'upgrade_registry');
	is($node->safe_psql('victim', 'SELECT pg_catalog.string_agg(DISTINCT object, E\'\n\') FROM public.attack_log'),
		'', 'no planted object ran in the update or upgrade_registry');
	is(offenders('victim'), '', "$last updated is bound to no untrusted operator or function");
}

$node->stop;
done_testing();

# The objects of mobilvard's or of a registry bound to an operator or
# function that is neither in pg_catalog, mobilvard or a registry nor a
# member of an extension they trust, one line each.
sub offenders
{
	my ($db) = @_;
	return $node->safe_psql($db, q{
	SET search_path = pg_catalog;
	WITH trusted_schema AS (
		SELECT oid FROM pg_namespace
		WHERE nspname IN ('pg_catalog', 'mobilvard') OR nspname IN (SELECT name FROM mobilvard.registries)),
	member AS (
		SELECT d.classid, d.objid, e.extname
		FROM pg_depend d JOIN pg_extension e ON e.oid = d.refobjid
		WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'),
	dependent AS (
		SELECT d.*,
			   CASE d.classid
				   WHEN 'pg_class'::regclass THEN (SELECT c.relnamespace FROM pg_class c WHERE c.oid = d.objid)
				   WHEN 'pg_proc'::regclass THEN (SELECT p.pronamespace FROM pg_proc p WHERE p.oid = d.objid)
				   WHEN 'pg_type'::regclass THEN (SELECT t.typnamespace FROM pg_type t WHERE t.oid = d.objid)
				   WHEN 'pg_operator'::regclass THEN (SELECT o.oprnamespace FROM pg_operator o WHERE o.oid = d.objid)
				   WHEN 'pg_constraint'::regclass THEN (SELECT c.connamespace FROM pg_constraint c WHERE c.oid = d.objid)
				   WHEN 'pg_opclass'::regclass THEN (SELECT c.opcnamespace FROM pg_opclass c WHERE c.oid = d.objid)
				   WHEN 'pg_opfamily'::regclass THEN (SELECT f.opfnamespace FROM pg_opfamily f WHERE f.oid = d.objid)
				   WHEN 'pg_rewrite'::regclass THEN
					   (SELECT c.relnamespace FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class WHERE r.oid = d.objid)
				   WHEN 'pg_attrdef'::regclass THEN
					   (SELECT c.relnamespace FROM pg_attrdef a JOIN pg_class c ON c.oid = a.adrelid WHERE a.oid = d.objid)
				   WHEN 'pg_trigger'::regclass THEN
					   (SELECT c.relnamespace FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE t.oid = d.objid)
				   WHEN 'pg_amop'::regclass THEN
					   (SELECT f.opfnamespace FROM pg_amop a JOIN pg_opfamily f ON f.oid = a.amopfamily WHERE a.oid = d.objid)
				   WHEN 'pg_amproc'::regclass THEN
					   (SELECT f.opfnamespace FROM pg_amproc a JOIN pg_opfamily f ON f.oid = a.amprocfamily WHERE a.oid = d.objid)
			   END AS nsp
		FROM pg_depend d
		WHERE d.refclassid IN ('pg_proc'::regclass, 'pg_operator'::regclass)),
	referenced AS (
		SELECT d.*,
			   CASE d.refclassid
				   WHEN 'pg_proc'::regclass THEN (SELECT p.pronamespace FROM pg_proc p WHERE p.oid = d.refobjid)
				   WHEN 'pg_operator'::regclass THEN (SELECT o.oprnamespace FROM pg_operator o WHERE o.oid = d.refobjid)
			   END AS refnsp
		FROM dependent d
		WHERE d.nsp IN (SELECT oid FROM trusted_schema)
		   OR EXISTS (SELECT FROM member m WHERE m.classid = d.classid AND m.objid = d.objid AND m.extname = 'mobilvard'))
	SELECT string_agg(DISTINCT pg_describe_object(r.classid, r.objid, r.objsubid) || ' uses '
					  || pg_describe_object(r.refclassid, r.refobjid, 0), E'\n')
	FROM referenced r
	WHERE r.refnsp NOT IN (SELECT oid FROM trusted_schema)
	  AND NOT EXISTS (SELECT FROM member m
					  WHERE m.classid = r.refclassid AND m.objid = r.refobjid
						AND m.extname IN ('mobilvard', 'postgis', 'btree_gist', 'pgrouting'))});
}
