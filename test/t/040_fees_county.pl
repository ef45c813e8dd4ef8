# charge_split on a whole registry, checked against an independent
# implementation (test/fees/reference_split.sql: PL/pgSQL loops fed straight
# from the tables) and against the invariants the rules promise.  Runs on a
# seeded random registry (test/fees/random_registry.sql) and, when the
# synthetic county generator is there, on a small county (scale 0.02).
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use MobilvardTest;

my $root = repo_root();
my $county = "$root/test/county/generate.sql";

my $node = PostgreSQL::Test::Cluster->new('fees');
$node->init;
$node->append_conf('postgresql.conf', "work_mem = '64MB'\nmax_parallel_workers_per_gather = 0");
$node->start;

sub load
{
	my ($db, @args) = @_;
	my ($ret, $out, $err) = $node->psql($db, undef, extra_params => [ '-v', 'ON_ERROR_STOP=1', @args ]);
	die "loading @args into $db failed: $err" if $ret != 0;
}

sub check_split
{
	my ($db, $what, $must_reach, $family_past_18) = @_;

	load($db, '-f', "$root/test/fees/peers.sql");
	load($db, '-f', "$root/test/fees/reference_split.sql");

	my $charges = $node->safe_psql($db, 'SELECT count(*) FROM registry.charge');
	cmp_ok($charges, '>', 0, "$what: has charges ($charges)");

	is($node->safe_psql($db, q{
		SELECT count(*) FROM registry.charge_split s
		FULL JOIN fees_peer.reference_split() r USING (charge_id)
		WHERE s.paid IS DISTINCT FROM r.paid}),
		'0', "$what: every charge pays what the independent implementation says");

	is($node->safe_psql($db, q{
		SELECT count(*) FROM registry.charge_split
		WHERE paid + waived <> list_fee OR paid < 0 OR paid > list_fee
		   OR (waived > 0) <> (waived_by IS NOT NULL)}),
		'0', "$what: paid + waived = list fee, and a rule is named for what is waived");

	is($node->safe_psql($db, q{
		SELECT count(*) FROM registry.charge c
		FULL JOIN registry.charge_split s USING (charge_id)
		WHERE c.charge_id IS NULL OR s.charge_id IS NULL}),
		'0', "$what: one split row per charge");

	# Per high-cost period (from hcp_status over the windows the reference
	# put each charge in), the paid counted fees stay within the period's
	# ceiling.
	is($node->safe_psql($db, q{
		WITH regional AS (
			SELECT s.*, r.hcp_key,
				   CASE WHEN s.waived_by = 'age_exemption' THEN 0 ELSE s.list_fee END AS fee_due,
				   least(mobilvard.national_hcp_ceiling(s.charge_date),
						 (SELECT t.hcp_ceiling FROM registry.region_tariff t
						  WHERE t.org_code = s.org_code AND t.valid @> s.charge_date)) AS ceiling
			FROM registry.charge_split s JOIN fees_peer.reference_split() r USING (charge_id)
			WHERE s.principal = 'region'),
		periods AS (
			SELECT r.*, mobilvard.hcp_status(r.fee_due, r.charge_date, r.counts_towards = 'hcp',
											 CASE WHEN r.counts_towards = 'hcp' THEN r.ceiling END)
					   OVER (PARTITION BY r.hcp_key ORDER BY r.charge_date, r.charge_id) AS st
			FROM regional r)
		SELECT count(*) FROM (
			SELECT hcp_key, (st).period_start, sum(paid) AS paid,
				   (array_agg(ceiling ORDER BY charge_date, charge_id))[1] AS ceiling
			FROM periods WHERE counts_towards = 'hcp' AND (st).period_start IS NOT NULL
			GROUP BY hcp_key, (st).period_start) t
		WHERE paid > ceiling}),
		'0', "$what: per high-cost period, paid <= the ceiling of its start");

	# The law's age rule: no counted regional fee is paid from the 85th
	# birthday, and some family member pays under the family's ceiling past
	# an 18th birthday.
	is($node->safe_psql($db, q{
		SELECT count(*) FROM registry.charge_split s JOIN registry.patient p USING (patient_id)
		WHERE s.principal = 'region' AND s.counts_towards = 'hcp' AND s.paid > 0
		  AND s.charge_date >= coalesce(p.birth_date, make_date(p.birth_year, 1, 1)) + interval '85 years'}),
		'0', "$what: no counted regional fee paid from the 85th birthday");
	my $adults_in_family = $node->safe_psql($db, q{
		SELECT count(*) FROM fees_peer.reference_split() r
		JOIN registry.charge c USING (charge_id) JOIN registry.patient p USING (patient_id)
		WHERE r.hcp_key < 0
		  AND c.charge_date >= coalesce(p.birth_date, make_date(p.birth_year, 1, 1)) + interval '18 years'});
	diag("$what: charges of members aged 18 or over under a family's ceiling: $adults_in_family");
	cmp_ok($adults_in_family, '>', 0, "$what: members past 18 keep the family's ceiling to its period's end")
	  if $family_past_18;

	# Per month, municipal fees under the maximum fee stay within it (or the
	# personal margin), and per category within the category cap.
	is($node->safe_psql($db, q{
		SELECT count(*) FROM (
			SELECT s.patient_id, s.org_code, date_trunc('month', s.charge_date)::date AS month,
				   sum(s.paid) AS paid, min(s.charge_date) AS first_day
			FROM registry.charge_split s
			WHERE s.counts_towards = 'maxtaxa'
			GROUP BY 1, 2, 3) m
		LEFT JOIN registry.personal_margin pm ON pm.patient_id = m.patient_id AND pm.month = m.month
		WHERE m.paid > least(mobilvard.national_maxtaxa(m.first_day), pm.margin)}),
		'0', "$what: per month, maxtaxa-counted fees paid <= least(maxtaxa, personal margin)");
	is($node->safe_psql($db, q{
		SELECT count(*) FROM (
			SELECT s.patient_id, s.org_code, s.category, date_trunc('month', s.charge_date) AS month,
				   sum(s.paid) AS paid, min(s.charge_date) AS first_day
			FROM registry.charge_split s
			WHERE s.principal = 'municipality'
			GROUP BY 1, 2, 3, 4) m
		JOIN registry.municipal_tariff_in_force t
		  ON t.org_code = m.org_code AND t.category = m.category AND t.valid @> m.first_day
		WHERE m.paid > t.monthly_cap}),
		'0', "$what: per month and category, paid <= the category cap");

	is($node->safe_psql($db, q{
		SELECT count(*) FROM (
			SELECT patient_id, extract(year FROM charge_date)::integer AS year, principal,
				   count(*) AS charges, sum(list_fee) AS list_fees, sum(paid) AS paid, sum(waived) AS waived
			FROM registry.charge_split GROUP BY 1, 2, 3) s
		FULL JOIN registry.patient_fees_by_year y USING (patient_id, year, principal)
		WHERE (s.charges, s.list_fees, s.paid, s.waived) IS DISTINCT FROM
			  (y.charges, y.list_fees, y.paid, y.waived)}),
		'0', "$what: patient_fees_by_year sums charge_split");

	my %reached = map { split /\|/ } split /\n/, $node->safe_psql($db, q{
		SELECT waived_by, count(*) FROM registry.charge_split
		WHERE waived_by IS NOT NULL GROUP BY 1});
	diag("$what: charges waived by rule: "
		  . join(', ', map { "$_ $reached{$_}" } sort keys %reached));
	cmp_ok($reached{$_} // 0, '>', 0, "$what: some charges are waived by $_") for @$must_reach;
}

$node->safe_psql('postgres', 'CREATE DATABASE random_registry');
$node->safe_psql('random_registry',
	'CREATE EXTENSION mobilvard CASCADE; SELECT mobilvard.create_registry(set_search_path => false)');
load('random_registry', '-f', "$root/test/fees/random_registry.sql");
check_split('random_registry', 'random registry',
	[ 'frikort', 'category_cap', 'maxtaxa', 'age_exemption', 'category_cap+maxtaxa' ], 1);

SKIP:
{
	skip 'no synthetic county generator (test/county/generate.sql)', 1 unless -f $county;
	$node->safe_psql('postgres', 'CREATE DATABASE county');
	$node->safe_psql('county', 'CREATE EXTENSION mobilvard CASCADE');
	load('county', '-v', 'scale=0.02', '-v', 'seed=42', '-f', $county);
	check_split('county', 'county (scale 0.02)', ['frikort']);
}

$node->stop;
done_testing();
