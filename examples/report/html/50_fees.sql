-- Fees paid and waived by principal, and by which rule (charge_split).
\ir lib/setup.sql
\qecho '<section id="fees">'
\qecho '<h2>Patient fees paid and waived</h2>'
WITH s AS (
	SELECT principal, coalesce(waived_by, '') AS waived_by, count(*) AS charges,
		   sum(list_fee) AS list_fees, sum(paid) AS paid, sum(waived) AS waived
	FROM charge_split
	WHERE charge_date BETWEEN :'from' AND :'to'
	GROUP BY 1, 2
),
-- One bar per principal: what patients paid, then what each rule waived.
part AS (
	SELECT principal, 'paid by patients' AS s, 0 AS so, sum(paid) AS sek FROM s GROUP BY principal
	UNION ALL
	SELECT principal, 'waived: ' || replace(replace(waived_by, '_', ' '), '+', ' and '),
		   dense_rank() OVER (ORDER BY waived_by), waived
	FROM s WHERE waived > 0
)
SELECT (SELECT coalesce(json_agg(json_build_object('x', principal, 'xo', CASE principal WHEN 'region' THEN 1 ELSE 2 END,
				's', s, 'so', so, 'v', round(sek / 1000, 1))), '[]') FROM part) AS chart,
	   (SELECT coalesce(json_agg(json_build_object('principal', principal, 'charges', charges,
				'list fees, SEK', list_fees, 'paid, SEK', paid, 'waived, SEK', waived,
				'% waived', round(100 * waived / nullif(list_fees, 0), 1))
			ORDER BY principal DESC), '[]')
		FROM (SELECT principal, sum(charges) AS charges, sum(list_fees) AS list_fees, sum(paid) AS paid,
					 sum(waived) AS waived FROM s GROUP BY principal) p) AS table,
	   (SELECT coalesce(sum(paid), 0) FROM s) AS paid, (SELECT coalesce(sum(waived), 0) FROM s) AS waived
\gset
SELECT xmlelement(name p, xmlattributes('what' AS class),
	format('What patients paid of the fees charged in the period, and what was waived, by the principal that charged '
		   '(the region or a municipality) and the rule that waived it: frikort under the high-cost protection, the age '
		   'exemptions, the category cap and the maximum fee (thousand SEK; %s SEK paid, %s SEK waived).',
		   to_char(:paid, 'FM999,999,999,990'), to_char(:waived, 'FM999,999,999,990')));
\set chart_mode stack
\set chart_unit 'thousand SEK'
\set chart_label 'Fees paid and waived by principal'
\ir lib/bar_chart.sql
\ir lib/table.sql
\qecho '</section>'
\echo fees: :paid SEK paid, :waived SEK waived
