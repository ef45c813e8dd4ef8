-- Independent implementations of the fee engines' rules (doc/fees.md),
-- for the benchmark (test/bench/fees.sh) and for checking charge_split
-- (test/t/040_fees_county.pl).  Three peers per engine: a PL/pgSQL loop over
-- the sorted rows, a PL/pgSQL aggregate used as a window function, and a
-- recursive CTE.  They implement the rules for valid input (no NULL fees or
-- dates, dates in order); the error cases are the extension's tests' job.
--
-- Every peer takes its rows from a query text with the columns
--   hcp: (key bigint, charge_id bigint, charge_date date, list_fee numeric, counts boolean, ceiling numeric)
--   cap: (key bigint, charge_id bigint, charge_date date, list_fee numeric, cap numeric)
-- where key is the window's partition, and returns (charge_id, paid).
CREATE SCHEMA fees_peer;

-- The last day of a high-cost period that starts on d: the day before the
-- anniversary; from 29 February that is 28 February.
CREATE FUNCTION fees_peer.period_end(d date) RETURNS date
LANGUAGE sql IMMUTABLE AS $$
	SELECT CASE WHEN extract(month FROM d) = 2 AND extract(day FROM d) = 29
				THEN make_date(extract(year FROM d)::integer + 1, 2, 28)
				ELSE (d + interval '1 year')::date - 1 END
$$;

-- ---------------------------------------------------------------------------
-- PL/pgSQL loops
-- ---------------------------------------------------------------------------

CREATE FUNCTION fees_peer.hcp_loop(source text)
RETURNS TABLE (charge_id bigint, paid numeric)
LANGUAGE plpgsql AS $$
DECLARE
	r record;
	current_key bigint;
	period_end date;
	ceiling numeric;
	paid_in_period numeric;
BEGIN
	FOR r IN EXECUTE format(
		'SELECT * FROM (%s) s(key, charge_id, charge_date, list_fee, counts, ceiling) '
		'ORDER BY key, charge_date, charge_id', source)
	LOOP
		IF current_key IS DISTINCT FROM r.key THEN
			current_key := r.key;
			period_end := NULL;
		END IF;
		charge_id := r.charge_id;
		IF NOT r.counts OR r.list_fee = 0 THEN
			paid := r.list_fee;
		ELSE
			IF period_end IS NULL OR r.charge_date > period_end THEN
				period_end := fees_peer.period_end(r.charge_date);
				ceiling := r.ceiling;
				paid_in_period := 0;
			END IF;
			paid := least(r.list_fee, ceiling - paid_in_period);
			paid_in_period := paid_in_period + paid;
		END IF;
		RETURN NEXT;
	END LOOP;
END
$$;

CREATE FUNCTION fees_peer.cap_loop(source text)
RETURNS TABLE (charge_id bigint, paid numeric)
LANGUAGE plpgsql AS $$
DECLARE
	r record;
	current_key bigint;
	month date;
	cap numeric;
	paid_in_month numeric;
BEGIN
	FOR r IN EXECUTE format(
		'SELECT * FROM (%s) s(key, charge_id, charge_date, list_fee, cap) '
		'ORDER BY key, charge_date, charge_id', source)
	LOOP
		IF current_key IS DISTINCT FROM r.key OR
		   month <> date_trunc('month', r.charge_date)::date THEN
			current_key := r.key;
			month := date_trunc('month', r.charge_date)::date;
			cap := r.cap;
			paid_in_month := 0;
		END IF;
		charge_id := r.charge_id;
		paid := CASE WHEN cap IS NULL THEN r.list_fee
					 ELSE least(r.list_fee, cap - paid_in_month) END;
		paid_in_month := paid_in_month + paid;
		RETURN NEXT;
	END LOOP;
END
$$;

-- ---------------------------------------------------------------------------
-- PL/pgSQL aggregates, used as window functions over the default frame
-- (partition start to the current row): the state after the current row,
-- and its final function gives what that row pays.
-- ---------------------------------------------------------------------------

CREATE TYPE fees_peer.hcp_acc AS (period_end date, ceiling numeric, paid numeric, pay numeric);

CREATE FUNCTION fees_peer.hcp_acc_step(s fees_peer.hcp_acc, list_fee numeric, charge_date date,
									   counts boolean, ceiling numeric)
RETURNS fees_peer.hcp_acc
LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
	IF NOT counts OR list_fee = 0 THEN
		s.pay := list_fee;
		RETURN s;
	END IF;
	IF s.period_end IS NULL OR charge_date > s.period_end THEN
		s.period_end := fees_peer.period_end(charge_date);
		s.ceiling := ceiling;
		s.paid := 0;
	END IF;
	s.pay := least(list_fee, s.ceiling - s.paid);
	s.paid := s.paid + s.pay;
	RETURN s;
END
$$;

CREATE FUNCTION fees_peer.acc_pay(s fees_peer.hcp_acc) RETURNS numeric
LANGUAGE plpgsql IMMUTABLE AS $$ BEGIN RETURN s.pay; END $$;

CREATE AGGREGATE fees_peer.hcp_agg(numeric, date, boolean, numeric) (
	sfunc = fees_peer.hcp_acc_step, stype = fees_peer.hcp_acc,
	finalfunc = fees_peer.acc_pay, initcond = '(,,,)');

CREATE TYPE fees_peer.cap_acc AS (month date, cap numeric, paid numeric, pay numeric);

CREATE FUNCTION fees_peer.cap_acc_step(s fees_peer.cap_acc, list_fee numeric, charge_date date,
									   cap numeric)
RETURNS fees_peer.cap_acc
LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
	IF s.month IS NULL OR s.month <> date_trunc('month', charge_date)::date THEN
		s.month := date_trunc('month', charge_date)::date;
		s.cap := cap;
		s.paid := 0;
	END IF;
	s.pay := CASE WHEN s.cap IS NULL THEN list_fee ELSE least(list_fee, s.cap - s.paid) END;
	s.paid := s.paid + s.pay;
	RETURN s;
END
$$;

CREATE FUNCTION fees_peer.acc_pay(s fees_peer.cap_acc) RETURNS numeric
LANGUAGE plpgsql IMMUTABLE AS $$ BEGIN RETURN s.pay; END $$;

CREATE AGGREGATE fees_peer.cap_agg(numeric, date, numeric) (
	sfunc = fees_peer.cap_acc_step, stype = fees_peer.cap_acc,
	finalfunc = fees_peer.acc_pay, initcond = '(,,,)');

-- ---------------------------------------------------------------------------
-- Recursive CTEs: walk each partition row by row from its first row.  They
-- need the rows numbered per partition with an index, which
-- fees_peer.numbered() builds (timed with them).
-- ---------------------------------------------------------------------------

CREATE FUNCTION fees_peer.numbered(source text, columns text) RETURNS void
LANGUAGE plpgsql SET client_min_messages = warning AS $$
BEGIN
	DROP TABLE IF EXISTS pg_temp.peer_numbered;
	EXECUTE format(
		'CREATE TEMP TABLE peer_numbered AS '
		'SELECT s.*, row_number() OVER (PARTITION BY key ORDER BY charge_date, charge_id) AS rn '
		'FROM (%s) s(%s)', source, columns);
	CREATE INDEX ON pg_temp.peer_numbered (key, rn);
	ANALYZE pg_temp.peer_numbered;
END
$$;

-- Each step of the walk probes the index once per partition: hashing or
-- sorting the whole table at every step would be quadratic.
CREATE FUNCTION fees_peer.hcp_recursive(source text)
RETURNS TABLE (charge_id bigint, paid numeric)
LANGUAGE plpgsql SET enable_hashjoin = off SET enable_mergejoin = off AS $$
BEGIN
	PERFORM fees_peer.numbered(source, 'key, charge_id, charge_date, list_fee, counts, ceiling');
	RETURN QUERY
	WITH RECURSIVE walk AS (
		SELECT n.key, n.rn, n.charge_id, s.period_end, s.ceiling, s.paid, s.pay
		FROM pg_temp.peer_numbered n
		CROSS JOIN LATERAL (SELECT n.counts AND n.list_fee > 0 AS opens) o
		CROSS JOIN LATERAL (
			SELECT CASE WHEN o.opens THEN fees_peer.period_end(n.charge_date) END AS period_end,
				   CASE WHEN o.opens THEN n.ceiling END AS ceiling,
				   CASE WHEN o.opens THEN least(n.list_fee, n.ceiling) ELSE 0 END AS paid,
				   CASE WHEN o.opens THEN least(n.list_fee, n.ceiling) ELSE n.list_fee END AS pay) s
		WHERE n.rn = 1
		UNION ALL
		SELECT n.key, n.rn, n.charge_id, s.period_end, s.ceiling,
			   s.paid_before + CASE WHEN o.counted THEN p.pay ELSE 0 END, p.pay
		FROM walk w
		JOIN pg_temp.peer_numbered n ON n.key = w.key AND n.rn = w.rn + 1
		CROSS JOIN LATERAL (
			SELECT n.counts AND n.list_fee > 0 AS counted,
				   n.counts AND n.list_fee > 0 AND
				   (w.period_end IS NULL OR n.charge_date > w.period_end) AS opens) o
		CROSS JOIN LATERAL (
			SELECT CASE WHEN o.opens THEN fees_peer.period_end(n.charge_date) ELSE w.period_end END AS period_end,
				   CASE WHEN o.opens THEN n.ceiling ELSE w.ceiling END AS ceiling,
				   CASE WHEN o.opens THEN 0 ELSE w.paid END AS paid_before) s
		CROSS JOIN LATERAL (
			SELECT CASE WHEN o.counted THEN least(n.list_fee, s.ceiling - s.paid_before)
						ELSE n.list_fee END AS pay) p
	)
	SELECT walk.charge_id, walk.pay FROM walk;
END
$$;

CREATE FUNCTION fees_peer.cap_recursive(source text)
RETURNS TABLE (charge_id bigint, paid numeric)
LANGUAGE plpgsql SET enable_hashjoin = off SET enable_mergejoin = off AS $$
BEGIN
	PERFORM fees_peer.numbered(source, 'key, charge_id, charge_date, list_fee, cap');
	RETURN QUERY
	WITH RECURSIVE walk AS (
		SELECT n.key, n.rn, n.charge_id, date_trunc('month', n.charge_date)::date AS month, n.cap,
			   CASE WHEN n.cap IS NULL THEN n.list_fee ELSE least(n.list_fee, n.cap) END AS paid,
			   CASE WHEN n.cap IS NULL THEN n.list_fee ELSE least(n.list_fee, n.cap) END AS pay
		FROM pg_temp.peer_numbered n
		WHERE n.rn = 1
		UNION ALL
		SELECT n.key, n.rn, n.charge_id, s.month, s.cap, s.paid_before + p.pay, p.pay
		FROM walk w
		JOIN pg_temp.peer_numbered n ON n.key = w.key AND n.rn = w.rn + 1
		CROSS JOIN LATERAL (
			SELECT date_trunc('month', n.charge_date)::date <> w.month AS new_month) o
		CROSS JOIN LATERAL (
			SELECT date_trunc('month', n.charge_date)::date AS month,
				   CASE WHEN o.new_month THEN n.cap ELSE w.cap END AS cap,
				   CASE WHEN o.new_month THEN 0 ELSE w.paid END AS paid_before) s
		CROSS JOIN LATERAL (
			SELECT CASE WHEN s.cap IS NULL THEN n.list_fee
						ELSE least(n.list_fee, s.cap - s.paid_before) END AS pay) p
	)
	SELECT walk.charge_id, walk.pay FROM walk;
END
$$;
