# Every function of the extension and of a registry, called with random,
# extreme and NULL arguments: no call crashes the server, none ends with an
# internal error (class XX), and every error is one of the SQLSTATEs that
# doc/errors.md lists.
#
# The functions come from the catalog: the extension's members and the
# functions of the registry's schema, helpers included (a user may call them
# too); only trigger functions and functions of type internal, which SQL
# cannot call, are left out.  Each argument is drawn from a pool of values of
# its type (random ones, the edges of the type, NULL, odd text and odd
# geometries, real keys of the registry); window functions run over random
# rows (NULLs, negatives, NaN, infinities, equal and falling dates) in
# random windows (partitions, orders, ROWS/RANGE/GROUPS frames, EXCLUDE),
# aggregates over random rows.  Each call runs in its own savepoint under a
# statement_timeout, as the superuser or as a plain role, with one of several
# search_paths.
#
#   MOBILVARD_RANDOM_SEED=n    repeat a run (the seed is printed)
#   MOBILVARD_RANDOM_CALLS=n   calls in all (default 3000, about a minute);
#                              a long run: MOBILVARD_RANDOM_CALLS=200000
use strict;
use warnings;
use utf8;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use IPC::Run;
use MobilvardTest;

my $seed = $ENV{MOBILVARD_RANDOM_SEED} // int(rand(2**31));
my $wanted = $ENV{MOBILVARD_RANDOM_CALLS} // 3000;
srand($seed);
diag("random calls: MOBILVARD_RANDOM_SEED=$seed MOBILVARD_RANDOM_CALLS=$wanted");

# The SQLSTATEs a call may end with: the table of doc/errors.md.
my %allowed;
foreach my $line (split /\n/, slurp_file(repo_root() . '/doc/errors.md'))
{
	$allowed{$1} = 1 if $line =~ /^\|\s*`([0-9A-Z]{5})`\s*\|/;
}
cmp_ok(scalar(keys %allowed), '>', 10, 'doc/errors.md lists the SQLSTATEs');
ok(!(grep { /^XX/ } keys %allowed), 'doc/errors.md lists no internal error');

my $node = PostgreSQL::Test::Cluster->new('random_calls');
$node->init;
$node->append_conf('postgresql.conf', "restart_after_crash = on\n");
$node->start;
$node->safe_psql('postgres', q{
	CREATE EXTENSION mobilvard CASCADE;
	CREATE EXTENSION pgrouting;
	CREATE ROLE plain LOGIN;
});
$node->command_ok(county_command($node, 'postgres'), 'small county loads');
$node->safe_psql('postgres', q{
	GRANT USAGE ON SCHEMA registry TO plain;
	GRANT SELECT ON ALL TABLES IN SCHEMA registry TO plain;
});

# Rows of a query, each a list of its fields.
sub rows
{
	my ($sql) = @_;
	my $out = $node->safe_psql('postgres', $sql);
	utf8::decode($out);
	return map { [ split /\|/, $_, -1 ] } grep { $_ ne '' } split /\n/, $out;
}

# ---------------------------------------------------------------------------
# The functions
# ---------------------------------------------------------------------------

my @functions;
my @left_out;
foreach my $row (rows(q{
	SET search_path = '';
	SELECT p.oid::regprocedure, quote_ident(n.nspname) || '.' || quote_ident(p.proname),
		   p.prokind, p.proretset, p.pronargdefaults,
		   array_to_string(ARRAY(SELECT format_type(t, NULL)
								 FROM unnest(p.proargtypes) WITH ORDINALITY a(t, i) ORDER BY i), ';'),
		   format_type(p.prorettype, NULL)
	FROM pg_proc p
	JOIN pg_namespace n ON n.oid = p.pronamespace
	WHERE p.oid IN (SELECT d.objid FROM pg_depend d
					WHERE d.classid = 'pg_proc'::regclass AND d.deptype = 'e'
					  AND d.refclassid = 'pg_extension'::regclass
					  AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'mobilvard'))
	   OR n.nspname = 'registry'
	ORDER BY 1::text}))
{
	my ($signature, $name, $kind, $retset, $ndefaults, $args, $rettype) = @$row;
	my @args = $args eq '' ? () : split /;/, $args;
	if ($rettype eq 'trigger' || $rettype eq 'event_trigger' || grep { $_ eq 'internal' } @args)
	{
		push @left_out, $signature;
		next;
	}
	push @functions, {
		signature => $signature, name => $name, kind => $kind,
		retset => $retset eq 't', ndefaults => $ndefaults, args => \@args,
		rettype => $rettype
	};
}
my @windows = grep { $_->{kind} eq 'w' } @functions;
my @aggregates = grep { $_->{kind} eq 'a' } @functions;
cmp_ok(scalar @functions, '>', 100, scalar(@functions) . ' functions to call');
ok((grep { $_->{signature} =~ /hcp_fee/ } @windows) && (grep { $_->{signature} =~ /care_period_start/ } @windows),
	'the window functions are among them: ' . join(', ', map { $_->{name} } @windows));
ok((grep { $_->{name} =~ /^registry\./ } @functions), 'the registry\'s functions are among them');
note('left out (triggers, internal arguments): ' . join(', ', @left_out));

# ---------------------------------------------------------------------------
# Pools of argument values, per type, as SQL expressions
# ---------------------------------------------------------------------------

sub pick { return $_[ int(rand(@_)) ] }
sub chance { return rand() < $_[0] }
sub quoted { my ($s) = @_; $s =~ s/'/''/g; return "'$s'" }
sub typed { my ($value, $type) = @_; return quoted($value) . "::$type" }

# Real keys and values of the registry, so that calls reach past the lookups
# (the same ones in every run, so that a seed repeats a run).
my @unit_ids = map { $_->[0] } rows('SELECT unit_id FROM registry.unit ORDER BY 1');
my @unit_names = map { $_->[0] } rows('SELECT name FROM registry.unit ORDER BY 1 LIMIT 20');
my @patient_ids = map { $_->[0] } rows('SELECT patient_id FROM registry.patient WHERE patient_id % 37 = 1 ORDER BY 1 LIMIT 30');
my @family_ids = map { $_->[0] } rows('SELECT DISTINCT family_id FROM registry.patient WHERE family_id IS NOT NULL ORDER BY 1 LIMIT 10');
my @cell_ids = map { $_->[0] } rows('SELECT cell_id FROM registry.population_cell WHERE cell_key % 97 = 1 ORDER BY 1 LIMIT 20');
my @vertex_ids = map { $_->[0] } rows('SELECT id FROM registry.road_vertex WHERE id % 101 = 1 ORDER BY 1 LIMIT 20');
my %values = (
	'mobilvard.care_level' => [qw(municipal_primary regional_primary specialised_outpatient specialised_inpatient)],
	'mobilvard.care_setting' => [qw(hospital_ward emergency_department outpatient_clinic ordinary_home
		special_housing short_term_housing remote prehospital)],
	'mobilvard.care_form' => [qw(none hospital_at_home specialised_home_care mobile_specialist_team
		mobile_psychiatry community_care_team mobile_primary_care municipal_health_team other_mobile)]);
my @labels = map { @{ $values{$_} } } sort keys %values;
foreach my $type (sort keys %values)
{
	push @labels, map { @$_ } rows(qq{
		SELECT mobilvard.label(v::$type, 'sv'), mobilvard.label(v::$type, 'en')
		FROM unnest(ARRAY['@{[ join "','", @{ $values{$type} } ]}']) v});
}

# Text as people and programs write it, right and wrong.
sub odd_label
{
	my $label = pick(@labels);
	my $r = int(rand(8));
	return uc $label if $r == 0;
	return $label =~ s/ /\x{A0}/gr if $r == 1;
	return $label =~ s/å/a\x{30A}/gr =~ s/ä/a\x{308}/gr =~ s/ö/o\x{308}/gr if $r == 2;
	return " \t$label\n " if $r == 3;
	return $label =~ s/-/\x{2013}/gr =~ s/_/-/gr if $r == 4;
	return $label =~ s/ /  /r if $r == 5;
	return substr($label, 0, length($label) - 1) if $r == 6;
	return $label =~ tr/åäö/aao/r;
}

sub random_string
{
	my @chars = (('a' .. 'z'), ('A' .. 'Z'), (0 .. 9), ' ', '-', '_', "'", '"', '\\', ';', '%', '$',
		'å', 'Ä', 'ö', 'é', "\x{A0}", "\x{30A}", "\x{2013}", "\x{200B}", "\x{202E}", "\x{FEFF}",
		"\x{1F600}", "\x{FFFD}", "\x{10FFFF}", "\x{E000}", "\x{85}", "\x{2028}", "\t", "\n", "\x01");
	return join '', map { pick(@chars) } 1 .. int(rand(24));
}

sub text_value
{
	my $r = rand();
	return 'NULL::text' if $r < 0.06;
	return quoted(pick(@labels)) if $r < 0.25;
	return quoted(odd_label()) if $r < 0.40;
	return quoted(pick(@unit_ids, @unit_names)) if $r < 0.50;
	return quoted(pick('car', 'CAR', 'sv', 'en', 'fr', 'SV', '', ' ', 'registry', 'mobilvard', 'public',
		'pg_temp', 'information_schema', 'pg_x', 'zz', '_x', '1a', 'Abc', 'a' x 63, 'a' x 64,
		'ASIH', 'MAP Norr', 'Mapping unit', 'Team (ASIH)', 'Hemsjukvård Kumla', 'hemsjukvård',
		"'; DROP SCHEMA registry CASCADE; --", '"; SELECT 1; --', '%s%s%n', '$1', 'registry.unit',
		"\x{FEFF}ASIH", "ASIH\x{200B}", "\x{202E}ASIH")) if $r < 0.70;
	return pick("repeat('ASIH ', 40000)", "repeat('å', 100000)", "repeat('x', 1000000)",
		"repeat(' ', 10000) || 'none'") if $r < 0.74;
	return quoted(random_string());
}

sub date_literal
{
	my $r = rand();
	return pick('infinity', '-infinity', '4714-11-24 BC', '4713-01-01 BC', '0001-01-01',
		'1899-12-31', '1900-01-01', '2024-02-29', '2025-01-01', '2025-06-01', '2025-12-31',
		'2199-12-31', '2200-01-01', '294276-12-31', '5874897-12-31') if $r < 0.35;
	return sprintf('%04d-%02d-%02d', 2022 + int(rand(5)), 1 + int(rand(12)), 1 + int(rand(28))) if $r < 0.85;
	return sprintf('%04d-%02d-%02d', 1 + int(rand(9999)), 1 + int(rand(12)), 1 + int(rand(28)));
}

sub numeric_literal
{
	my $r = rand();
	return pick('0', '-0', '1', '-1', '0.5', '-0.01', '100', '200', '1450', '2642', '1e300',
		'-1e300', '1e-300', 'NaN', 'Infinity', '-Infinity', '1e1000', '-1e1000',
		'99999999999999999999.999999', '0.000000000000000000001') if $r < 0.45;
	return int(rand(5000)) if $r < 0.75;
	return sprintf('%.2f', rand(3000) - 100);
}

sub float_literal
{
	my $r = rand();
	return pick('0', '-0', '1', '-1', '5', '20', '30', '60', '1e300', '-1e300', '1e308',
		'-1e308', '5e-324', 'NaN', 'Infinity', '-Infinity') if $r < 0.5;
	return sprintf('%.3f', rand(200) - 20);
}

sub int4_literal
{
	return pick('0', '1', '-1', '30', '365', '2147483647', '-2147483648', '2147483646') if chance(0.4);
	return int(rand(200)) - 20;
}

sub int8_literal
{
	my $r = rand();
	return pick('0', '1', '-1', '9223372036854775807', '-9223372036854775808', '2147483648',
		'-2147483649') if $r < 0.3;
	return pick(@patient_ids, @family_ids, @vertex_ids) if $r < 0.7;
	return int(rand(1e6)) - 1000;
}

# Geometries: empty, SRID 0, lon/lat, SWEREF99 TM, huge, NaN and infinite
# coordinates, unknown SRIDs, three and four dimensions, invalid polygons,
# collections, curves, and the registry's own.
sub geometry_value
{
	my $r = rand();
	my $x = 430000 + rand(130000);
	my $y = 6490000 + rand(190000);
	return 'NULL::public.geometry' if $r < 0.05;
	return typed("SRID=3006;POINT($x $y)", 'public.geometry') if $r < 0.25;
	return typed(sprintf('SRID=4326;POINT(%.5f %.5f)', 12 + rand(6), 58 + rand(3)), 'public.geometry')
		if $r < 0.32;
	return typed(sprintf('SRID=4326;POINT(%.3f %.3f)', rand(400) - 200, rand(200) - 100), 'public.geometry')
		if $r < 0.36;
	return pick(
		"(SELECT home FROM registry.patient ORDER BY patient_id OFFSET @{[ int(rand(50)) ]} LIMIT 1)",
		"(SELECT base FROM registry.unit WHERE base IS NOT NULL ORDER BY unit_id OFFSET @{[ int(rand(40)) ]} LIMIT 1)",
		"(SELECT geom FROM registry.population_cell ORDER BY cell_id OFFSET @{[ int(rand(50)) ]} LIMIT 1)",
		"(SELECT area FROM registry.catchment ORDER BY catchment_id OFFSET @{[ int(rand(20)) ]} LIMIT 1)",
		"(SELECT geom FROM registry.urban_area ORDER BY name LIMIT 1)") if $r < 0.46;
	return pick(
		"public.ST_SetSRID(public.ST_MakePoint('NaN', 'NaN'), 3006)",
		"public.ST_SetSRID(public.ST_MakePoint('NaN', 6573000), 3006)",
		"public.ST_SetSRID(public.ST_MakePoint('Infinity', 6573000), 3006)",
		"public.ST_SetSRID(public.ST_MakePoint('-Infinity', '-Infinity'), 4326)",
		"public.ST_SetSRID(public.ST_MakePoint('Infinity', 0), 4326)",
		"public.ST_SetSRID(public.ST_MakePoint('NaN', 0), 4326)") if $r < 0.56;
	return typed(pick(
		'POINT EMPTY', 'SRID=3006;POINT EMPTY', 'SRID=4326;POINT EMPTY', 'POINT(514000 6573000)',
		'SRID=3006;POINT(1e300 1e300)', 'SRID=3006;POINT(1e308 -1e308)', 'SRID=3006;POINT(-1e308 1e308)',
		'SRID=3006;POINT(0 0)', 'SRID=3006;POINT(-1e7 -1e7)', 'SRID=4326;POINT(1e300 1e300)',
		'SRID=4326;POINT(200 100)', 'SRID=4326;POINT(0 90)', 'SRID=4326;POINT(180 -90)',
		'SRID=3021;POINT(1470000 6575000)', 'SRID=3021;POINT(1e30 1e30)', 'SRID=3857;POINT(1e20 0)',
		'SRID=32633;POINT(500000 6570000)', 'SRID=999999;POINT(1 1)', 'SRID=-1;POINT(1 1)',
		'SRID=3006;POINT Z (514000 6573000 10)', 'SRID=3006;POINTM(514000 6573000 3)',
		'SRID=3006;POINT ZM (514000 6573000 1 2)',
		'SRID=3006;POLYGON((514000 6573000,515000 6573000,515000 6574000,514000 6574000,514000 6573000))',
		'SRID=3006;POLYGON((514000 6573000,515000 6574000,515000 6573000,514000 6574000,514000 6573000))',
		'SRID=3006;POLYGON((0 0,1e300 0,1e300 1e300,0 0))', 'SRID=3006;POLYGON EMPTY',
		'SRID=3006;MULTIPOLYGON(((514000 6573000,515000 6573000,515000 6574000,514000 6573000)))',
		'SRID=3006;LINESTRING(514000 6573000,515000 6574000)', 'SRID=3006;LINESTRING EMPTY',
		'SRID=3006;MULTIPOINT((514000 6573000),(515000 6574000))', 'SRID=3006;MULTIPOINT EMPTY',
		'SRID=3006;GEOMETRYCOLLECTION(POINT(514000 6573000),LINESTRING(0 0,1 1))',
		'SRID=3006;GEOMETRYCOLLECTION EMPTY', 'SRID=3006;GEOMETRYCOLLECTION(POINT EMPTY)',
		'SRID=3006;CIRCULARSTRING(514000 6573000,515000 6574000,516000 6573000)',
		'SRID=3006;TRIANGLE((0 0,0 1,1 1,0 0))', 'SRID=3006;TIN(((0 0 0,0 1 0,1 1 0,0 0 0)))',
		'SRID=4326;POLYGON((15 59,16 60,16 59,15 60,15 59))',
		'SRID=4326;LINESTRING(-180 -90,180 90)'), 'public.geometry') if $r < 0.9;
	return typed(sprintf('SRID=3006;POINT(%.3f %.3f)', rand(2e7) - 1e7, rand(2e7) - 1e7), 'public.geometry');
}

sub daterange_value
{
	my $r = rand();
	return 'NULL::daterange' if $r < 0.08;
	return typed(pick('empty', '(,)', '[2025-01-01,2026-01-01)', '[2025-06-01,2025-06-01]',
		'[-infinity,infinity]', '[2023-01-01,)', '(,2024-01-01)', '[4713-01-01 BC,294276-12-31]',
		'[2024-02-29,2024-03-01)', '(2025-01-01,2025-01-02)'), 'daterange') if $r < 0.5;
	my ($a, $b) = sort { $a cmp $b } map { sprintf('%04d-%02d-%02d', 2022 + int(rand(5)), 1 + int(rand(12)),
		1 + int(rand(28))) } 1 .. 2;
	return typed(pick('[', '(') . "$a,$b" . pick(')', ']'), 'daterange');
}

# An array of n values of a pool, sometimes with another lower bound or as a
# two-dimensional array.
sub array_of
{
	my ($element, $type) = @_;
	my $element_type = $type =~ s/\[\]$//r;
	my $r = rand();
	return "NULL::$type" if $r < 0.08;
	return "'{}'::$type" if $r < 0.16;
	return "pg_catalog.array_fill((@{[ $element->() ]})::$element_type, ARRAY[@{[ 1 + int(rand(4)) ]}], ARRAY[@{[ int(rand(7)) - 3 ]}])"
		if $r < 0.24;
	return "ARRAY[[@{[ $element->() ]}, @{[ $element->() ]}], [@{[ $element->() ]}, @{[ $element->() ]}]]::$type"
		if $r < 0.30;
	return 'ARRAY[' . join(', ', map { $element->() } 1 .. 1 + int(rand(6))) . "]::$type";
}

my %pool;
%pool = (
	'boolean' => sub { pick('NULL::boolean', 'true', 'false') },
	'integer' => sub { chance(0.06) ? 'NULL::integer' : typed(int4_literal(), 'integer') },
	'bigint' => sub { chance(0.06) ? 'NULL::bigint' : typed(int8_literal(), 'bigint') },
	'numeric' => sub { chance(0.06) ? 'NULL::numeric' : typed(numeric_literal(), 'numeric') },
	'double precision' => sub { chance(0.06) ? 'NULL::double precision' : typed(float_literal(), 'double precision') },
	'date' => sub { chance(0.06) ? 'NULL::date' : typed(date_literal(), 'date') },
	'text' => \&text_value,
	'cstring' => sub { '(' . text_value() . ')::cstring' },
	'daterange' => \&daterange_value,
	'int4multirange' => sub {
		pick('NULL::int4multirange', q{'{}'::int4multirange}, q{'{[0,20)}'::int4multirange},
			q{'{[0,18),[85,)}'::int4multirange}, q{'{(,)}'::int4multirange},
			q{'{[-2147483648,-5],[2147483640,2147483647)}'::int4multirange});
	},
	'regtype' => sub {
		pick('NULL::regtype', map { quoted($_) . '::regtype' } 'date', 'text', 'bigint', 'integer', 'numeric',
			'double precision', 'boolean', 'daterange', 'mobilvard.validity', 'mobilvard.care_setting',
			'mobilvard.care_form', 'point', 'geometry', 'jsonb');
	},
	'regclass' => sub {
		pick('NULL::regclass', q{'registry.travel_profile'::regclass}, q{'pg_catalog.pg_class'::regclass},
			q{'registry.unit'::regclass}, q{'mobilvard.registries'::regclass}, q{'0'::oid::regclass},
			q{'4294967295'::oid::regclass}, q{'registry.episode_classified'::regclass},
			q{'mobilvard.price_base_amount'::regclass});
	},
	'public.geometry' => \&geometry_value,
	'public.geometry[]' => sub {
		chance(0.15)
		  ? pick('(SELECT array_agg(base ORDER BY unit_id) FROM registry.unit)',
			'(SELECT array_agg(geom ORDER BY id) FROM registry.road_vertex)',
			'(SELECT array_agg(home ORDER BY patient_id) FROM registry.patient)')
		  : array_of(\&geometry_value, 'public.geometry[]');
	},
	'text[]' => sub {
		chance(0.2)
		  ? '(SELECT array_agg(cell_id) FROM registry.population_cell)'
		  : array_of(sub { chance(0.5) ? quoted(pick(@cell_ids)) : text_value() }, 'text[]');
	},
	'bigint[]' => sub {
		chance(0.2)
		  ? '(SELECT array_agg(id) FROM registry.road_vertex WHERE id % 997 = 0)'
		  : array_of(sub { typed(chance(0.5) ? pick(@vertex_ids) : int8_literal(), 'bigint') }, 'bigint[]');
	},
	'mobilvard.care_form[]' => sub {
		array_of(sub { $pool{'mobilvard.care_form'}->() }, 'mobilvard.care_form[]');
	});
foreach my $type (keys %values)
{
	$pool{$type} = sub { chance(0.08) ? "NULL::$type" : typed(pick(@{ $values{$type} }), $type) };
}

my @missing = sort grep { !$pool{$_} } map { @{ $_->{args} } } @functions;
is_deeply(\@missing, [], 'every argument type has a pool of values');
exit 1 if @missing;

# ---------------------------------------------------------------------------
# Calls
# ---------------------------------------------------------------------------

sub arguments
{
	my ($f) = @_;
	my @args = @{ $f->{args} };
	my $given = @args - int(rand($f->{ndefaults} + 1));
	return map { $pool{$_}->() } @args[ 0 .. $given - 1 ];
}

# One value of a window row's column: mostly plausible, sometimes not.
sub row_value
{
	my ($type, $state) = @_;
	if ($type eq 'date')
	{
		# dates mostly in order, with equal dates, a few going back
		my $r = rand();
		return 'NULL::date' if $r < 0.05;
		return typed(pick('infinity', '-infinity', '2024-02-29', '5874897-12-31', '4714-11-24 BC'), 'date') if $r < 0.08;
		$state->{day} += $r < 0.12 ? -int(rand(40)) : pick(0, 0, 1, 3, 10, 31, 45, 200, 400);
		return "('2023-01-01'::date + $state->{day})";
	}
	if ($type eq 'numeric')
	{
		return chance(0.85) ? typed(pick(0, 100, 200, 300, 450, 120.50, 2000), 'numeric') : $pool{numeric}->();
	}
	if ($type eq 'boolean')
	{
		return chance(0.9) ? pick('true', 'true', 'false') : 'NULL::boolean';
	}
	if ($type eq 'integer')
	{
		return chance(0.85) ? pick(30, 30, 0, 7) . '::integer' : $pool{integer}->();
	}
	return $pool{$type}->();
}

# A frame clause that PostgreSQL accepts for the window's ORDER BY.
sub frame
{
	my ($order) = @_;	 # undef, 'int', 'date' (one column) or 'many'
	return '' if chance(0.3);
	my @modes = ('ROWS');
	push @modes, 'GROUPS' if $order;
	push @modes, 'RANGE';
	my $mode = pick(@modes);
	my $offset = sub {
		my $n = int(rand(6));
		return "interval '$n days'" if $mode eq 'RANGE' && ($order // '') eq 'date';
		return $n;
	};
	# RANGE with an offset needs one ORDER BY column of a type with in_range
	my $offsets = $mode ne 'RANGE' || ($order && $order ne 'many');
	my @bounds = ('UNBOUNDED PRECEDING', 'P', 'CURRENT ROW', 'F', 'UNBOUNDED FOLLOWING');
	my $bound = sub {
		my $b = $bounds[ $_[0] ];
		return $b eq 'P' ? $offset->() . ' PRECEDING' : $b eq 'F' ? $offset->() . ' FOLLOWING' : $b;
	};
	my ($start, $end);
	do {
		$start = int(rand(4));
		$end = $start + int(rand(5 - $start));
		$end = 1 + int(rand(4)) if $end == 0;
	} until ($offsets || (($start != 1 && $start != 3) && ($end != 1 && $end != 3)));
	my $clause = chance(0.2) && $start <= 2
	  ? "$mode " . $bound->($start)
	  : "$mode BETWEEN " . $bound->($start) . ' AND ' . $bound->($end);
	$clause .= ' EXCLUDE ' . pick('CURRENT ROW', 'GROUP', 'TIES', 'NO OTHERS') if chance(0.3);
	return $clause;
}

# A window function or aggregate over random rows in a random window.
sub window_call
{
	my ($f) = @_;
	my @types = @{ $f->{args} };
	my @columns = map { "a$_" } 0 .. $#types;
	my $from;
	if (chance(0.15))
	{
		# many rows, so that the functions release rows as they go
		my $n = pick(10, 1100, 3000);
		my @exprs = map {
			my $t = $types[$_];
			$t eq 'date' ? "('2024-01-01'::date + i / " . pick(1, 3, 50) . ")"
			  : $t eq 'numeric' ? "((i * 7919) % 500)::numeric"
			  : $t eq 'boolean' ? "(i % 5 <> 0)"
			  : $t eq 'integer' ? "30"
			  : row_value($t, {})
		} 0 .. $#types;
		$from = "(SELECT i AS id, i % " . pick(1, 2, 7) . " AS g, " . join(', ', map { "$exprs[$_] AS $columns[$_]" } 0 .. $#types)
		  . " FROM generate_series(1, $n) i) v";
	}
	else
	{
		my $state = { day => int(rand(1000)) };
		my $nrows = pick(0, 1, 2, 3, 5, 8, 13, 21, 30);
		if ($nrows == 0)
		{
			$from = "(SELECT 1 AS id, 1 AS g, " . join(', ', map { $pool{ $types[$_] }->() . " AS $columns[$_]" } 0 .. $#types)
			  . ' WHERE false) v';
		}
		else
		{
			my @rows = map {
				my $id = $_;
				"($id, " . (chance(0.1) ? 'NULL::integer' : int(rand(3))) . ', '
				  . join(', ', map { row_value($_, $state) } @types) . ')'
			} 1 .. $nrows;
			$from = '(VALUES ' . join(', ', @rows) . ") v(id, g, @{[ join ', ', @columns ]})";
		}
	}
	my @args = map { chance(0.85) ? "v.$columns[$_]" : $pool{ $types[$_] }->() } 0 .. $#types;
	my $call = "$f->{name}(" . join(', ', @args) . ')';
	my ($date) = grep { $types[$_] eq 'date' } 0 .. $#types;
	if ($f->{kind} eq 'a' && chance(0.5))
	{
		return "SELECT $call FROM $from" . (chance(0.5) ? ' GROUP BY v.g' : '');
	}
	my $partition = pick('', 'PARTITION BY v.g', 'PARTITION BY v.g, v.id % 2');
	my ($order, $order_type) = @{ pick(['', undef], ['ORDER BY v.id', 'int'], ['ORDER BY v.id DESC', 'int'],
		['ORDER BY v.g', 'int'], ['ORDER BY v.g, v.id', 'many'],
		defined $date
		  ? (['ORDER BY v.' . $columns[$date], 'date'], ['ORDER BY v.' . $columns[$date] . ', v.id', 'many'],
			 ['ORDER BY v.' . $columns[$date] . ' DESC', 'date'],
			 ['ORDER BY v.' . $columns[$date] . ' NULLS FIRST', 'date'])
		  : ()) };
	my $window = join ' ', grep { $_ ne '' } $partition, $order, frame($order_type);
	my @select = ("$call OVER w");
	push @select, pick('count(*) OVER w', 'lag(v.id) OVER w', "$call OVER w", 'first_value(v.id) OVER w',
		"$f->{name}(" . join(', ', map { "v.$_" } @columns) . ') OVER (ORDER BY v.id)') if chance(0.3);
	return 'SELECT v.id, ' . join(', ', @select) . " FROM $from WINDOW w AS ($window)";
}

sub call
{
	my ($f) = @_;
	return window_call($f) if $f->{kind} eq 'w' || $f->{kind} eq 'a';
	my $r = rand();
	if ($r < 0.25 && @{ $f->{args} })
	{
		# several rows through one call site: caches kept between rows
		my @types = @{ $f->{args} };
		my $given = @types - int(rand($f->{ndefaults} + 1));
		my @columns = map { "a$_" } 0 .. $given - 1;
		my @rows = map { '(' . join(', ', map { $pool{ $types[$_] }->() } 0 .. $given - 1) . ')' }
		  1 .. 2 + int(rand(5));
		my $call = "$f->{name}(" . join(', ', map { "v.$_" } @columns) . ')';
		$call = "(SELECT count(*) FROM $call)" if $f->{retset};
		return "SELECT $call FROM (VALUES " . join(', ', @rows) . ") v(@{[ join ', ', @columns ]})" if @columns;
	}
	my $call = "$f->{name}(" . join(', ', arguments($f)) . ')';
	return "SELECT * FROM $call" if $f->{retset} || $r < 0.6;
	return "SELECT $call";
}

# ---------------------------------------------------------------------------
# Running them
# ---------------------------------------------------------------------------

my @calls;		# [function, sql]
while (@calls < $wanted)
{
	my @round = @functions;
	foreach my $i (reverse 1 .. $#round)
	{
		my $j = int(rand($i + 1));
		@round[ $i, $j ] = @round[ $j, $i ];
	}
	foreach my $f (@round)
	{
		push @calls, [ $f, call($f) ];
	}
}

my %codes;		# signature => code => count
my @failures;
my $tmp = PostgreSQL::Test::Utils::tempdir();

# Runs calls $first.. in one psql session until it ends or the connection
# is lost; returns the number of calls that reported.
sub run_batch
{
	my ($first, $count) = @_;
	my $user = chance(0.3) ? 'plain' : 'postgres';
	my $path = pick(q{'$user', public}, 'public, registry, mobilvard', 'pg_catalog, public', q{''});
	my $script = "SET statement_timeout = '3s';\nSET search_path = $path;\n\\set VERBOSITY verbose\nBEGIN;\n";
	foreach my $i ($first .. $first + $count - 1)
	{
		$script .= "SAVEPOINT c;\n$calls[$i][1];\n\\warn @@ $i :SQLSTATE\nROLLBACK TO SAVEPOINT c;\n";
	}
	$script .= "ROLLBACK;\n\\warn @@ end\n";
	open my $fh, '>:encoding(UTF-8)', "$tmp/batch.sql" or die;
	print $fh $script;
	close $fh;
	my ($out, $err);
	IPC::Run::run([ 'psql', '-X', '-q', '-o', '/dev/null', '-d', $node->connstr('postgres'),
		'-U', $user, '-f', "$tmp/batch.sql" ], '>', \$out, '2>', \$err);
	utf8::decode($err);
	my @messages;
	my $done = 0;
	foreach my $line (split /\n/, $err)
	{
		if ($line =~ /^@@ (\d+) (\S+)$/)
		{
			my ($i, $code) = ($1, $2);
			my ($f, $sql) = @{ $calls[$i] };
			$codes{ $f->{signature} }{$code}++;
			push @failures, [ $f->{signature}, $code, $sql, join("\n", @messages) ]
			  if $code =~ /^XX/ || ($code ne '00000' && !$allowed{$code});
			@messages = ();
			$done++;
		}
		elsif ($line eq '@@ end')
		{
			return $count;
		}
		else
		{
			push @messages, $line;
		}
	}
	# the connection was lost in the call after the last that reported
	my $i = $first + $done;
	my ($f, $sql) = @{ $calls[$i] };
	$codes{ $f->{signature} }{'lost connection'}++;
	push @failures, [ $f->{signature}, 'lost connection', $sql, join("\n", @messages) ];
	$node->poll_query_until('postgres', 'SELECT true') or BAIL_OUT('the server did not come back');
	return $done + 1;
}

my $before = $node->safe_psql('postgres', q{
	SELECT string_agg(format('%s %s', c.relname, (xpath('/row/n/text()',
		query_to_xml(format('SELECT count(*) AS n FROM registry.%I', c.relname), false, true, '')))[1]), ', ' ORDER BY c.relname)
	FROM pg_class c WHERE c.relnamespace = 'registry'::regnamespace AND c.relkind = 'r'});
my $start = time;
my $next = 0;
while ($next < @calls)
{
	my $count = @calls - $next < 200 ? @calls - $next : 200;
	$next += run_batch($next, $count);
}
my $seconds = time - $start;

foreach my $f (@functions)
{
	my $seen = $codes{ $f->{signature} } // {};
	my @bad = grep { $_->[0] eq $f->{signature} } @failures;
	my $summary = join ', ', map { "$_ x$seen->{$_}" } sort keys %$seen;
	ok(!@bad && %$seen, "$f->{signature}: $summary");
	foreach my $bad (@bad[ 0 .. ($#bad < 2 ? $#bad : 2) ])
	{
		diag("$bad->[1] from:\n$bad->[2]\n$bad->[3]\n");
	}
}

my $after = $node->safe_psql('postgres', q{
	SELECT string_agg(format('%s %s', c.relname, (xpath('/row/n/text()',
		query_to_xml(format('SELECT count(*) AS n FROM registry.%I', c.relname), false, true, '')))[1]), ', ' ORDER BY c.relname)
	FROM pg_class c WHERE c.relnamespace = 'registry'::regnamespace AND c.relkind = 'r'});
is($after, $before, 'the registry holds the same rows after the calls');
is($node->safe_psql('postgres', 'SELECT string_agg(name, \' \') FROM mobilvard.registries'), 'registry',
	'and the catalog only the registry');

my $log = slurp_file($node->logfile);
my @crashes = $log =~ /^.*(?:terminated by signal|PANIC|TRAP:|server process .* exited).*$/mg;
is_deeply(\@crashes, [], 'the server log shows no crash');

my %total;
foreach my $seen (values %codes)
{
	$total{$_} += $seen->{$_} foreach keys %$seen;
}
ok(!@failures, scalar(@calls) . " calls of " . scalar(@functions) . " functions in $seconds s, seed $seed: "
	  . join(', ', map { "$_ x$total{$_}" } sort keys %total));

$node->stop;
done_testing();
