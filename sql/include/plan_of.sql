-- plan_of(query): the lines of the query's EXPLAIN (COSTS OFF), for tests
-- that check which scans a view's query uses.
CREATE FUNCTION pg_temp.plan_of(query text) RETURNS SETOF text
LANGUAGE plpgsql AS $$
BEGIN
	RETURN QUERY EXECUTE 'EXPLAIN (COSTS OFF) ' || query;
END
$$;
