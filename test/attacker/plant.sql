-- plant.sql: a role that may create objects in schema public plants
-- shadows of the operators, functions and aggregates that SQL code calls,
-- for test/t/105_planted_objects.pl.
--
--   psql -X -v ON_ERROR_STOP=1 -U planter -f test/attacker/plant.sql
--
-- A shadow is an object of the same name taking exactly the argument types
-- of a call whose genuine match needs a cast or is polymorphic: PostgreSQL
-- prefers it, from any schema of the search_path, over the genuine one.
-- For every operator and function name below and every combination of the
-- argument types, the plausible calls are probed as they resolve now (in a
-- temporary view) and, where the match is not exact, a shadow is made that
-- logs its call in public.attack_log and returns what the genuine object
-- returns, so that nothing but the log betrays it.  Shadows are IMMUTABLE
-- (index expressions take them too).  public.planted keeps each one's DDL,
-- with @schema@ for its schema, so that test sessions can plant the same
-- objects in their pg_temp.  Run again after CREATE EXTENSION mobilvard, it
-- adds the shadows on mobilvard's types.

CREATE TABLE IF NOT EXISTS public.attack_log (
	object text NOT NULL,
	victim name NOT NULL DEFAULT current_user,
	query text DEFAULT current_setting('attack.query', true),
	statement text DEFAULT current_query()
);
GRANT SELECT, INSERT ON public.attack_log TO PUBLIC;

CREATE TABLE IF NOT EXISTS public.planted (
	signature text PRIMARY KEY,
	ddl text[] NOT NULL
);
GRANT SELECT ON public.planted TO PUBLIC;

CREATE OR REPLACE FUNCTION public.log_attack(object text) RETURNS boolean
	LANGUAGE sql VOLATILE
	AS $$ INSERT INTO public.attack_log (object) VALUES (object); SELECT true $$;

-- The planting session's helpers (in its pg_temp, so that they leave no
-- trace); each returns the DDL of one shadow, or NULL where the genuine
-- match is exact, the call does not resolve, or a shadow catches it already.

CREATE FUNCTION pg_temp.type_name(t oid) RETURNS text
	LANGUAGE sql STABLE
	AS $$
	SELECT CASE WHEN y.typnamespace OPERATOR(pg_catalog.=) 'pg_catalog'::regnamespace
				THEN pg_catalog.format_type(y.oid, NULL)
				WHEN y.typcategory OPERATOR(pg_catalog.=) 'A'
				THEN pg_temp.type_name(y.typelem) OPERATOR(pg_catalog.||) '[]'
				ELSE pg_catalog.format('%I.%I', n.nspname, y.typname) END
	FROM pg_catalog.pg_type y JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) y.typnamespace
	WHERE y.oid OPERATOR(pg_catalog.=) t
	$$;

-- A declared argument as the shadow passes it on: cast to the genuine
-- object's type, unless that is polymorphic.
CREATE FUNCTION pg_temp.pass(arg text, declared oid) RETURNS text
	LANGUAGE sql STABLE
	AS $$
	SELECT CASE WHEN (SELECT y.typtype FROM pg_catalog.pg_type y WHERE y.oid OPERATOR(pg_catalog.=) declared)
					 OPERATOR(pg_catalog.=) 'p'
				THEN arg ELSE pg_catalog.format('%s::%s', arg, pg_temp.type_name(declared)) END
	$$;

-- The object an expression resolves to now (an operator or a function)
-- and its type: made into a temporary view, whose stored query names the
-- outermost operator or function first (pg_depend leaves out PostgreSQL's
-- own objects).
CREATE FUNCTION pg_temp.probe(expr text, OUT genuine oid, OUT result oid)
	LANGUAGE plpgsql
	AS $$
BEGIN
	BEGIN
		EXECUTE 'CREATE TEMP VIEW plant_probe AS SELECT ' OPERATOR(pg_catalog.||) expr OPERATOR(pg_catalog.||) ' AS r';
	EXCEPTION WHEN OTHERS THEN
		RETURN;
	END;
	SELECT (pg_catalog.regexp_match(w.ev_action::text, ':(?:opno|funcid|aggfnoid) (\d+)'))[1]::oid INTO genuine
	FROM pg_catalog.pg_rewrite w
	WHERE w.ev_class OPERATOR(pg_catalog.=) 'pg_temp.plant_probe'::regclass;
	SELECT a.atttypid INTO result FROM pg_catalog.pg_attribute a
	WHERE a.attrelid OPERATOR(pg_catalog.=) 'pg_temp.plant_probe'::regclass AND a.attnum OPERATOR(pg_catalog.=) 1;
	DROP VIEW pg_temp.plant_probe;
END
$$;

CREATE FUNCTION pg_temp.body(signature text, expr text) RETURNS text
	LANGUAGE sql IMMUTABLE
	AS $$
	SELECT pg_catalog.format(
		'LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog AS %s BEGIN PERFORM public.log_attack(%L); %s; END %s',
		'$shadow$', signature, expr, '$shadow$')
	$$;

CREATE FUNCTION pg_temp.shadow_name(signature text) RETURNS text
	LANGUAGE sql IMMUTABLE
	AS $$ SELECT '_shadow_' OPERATOR(pg_catalog.||) pg_catalog.left(pg_catalog.md5(signature), 12) $$;

CREATE FUNCTION pg_temp.plant_operator(op text, lt text, rt text) RETURNS text[]
	LANGUAGE plpgsql
	AS $$
DECLARE
	signature text := pg_catalog.format('%s(%s,%s)', op, coalesce(lt, 'NONE'), rt);
	res record;
	g record;
	fn text := pg_temp.shadow_name(signature);
BEGIN
	IF pg_catalog.to_regoperator(signature) IS NOT NULL THEN
		RETURN NULL;
	END IF;
	res := pg_temp.probe(CASE WHEN lt IS NULL THEN pg_catalog.format('%s NULL::%s', op, rt)
								ELSE pg_catalog.format('NULL::%s %s NULL::%s', lt, op, rt) END);
	SELECT o.*, n.nspname INTO g FROM pg_catalog.pg_operator o
	JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) o.oprnamespace
	WHERE o.oid OPERATOR(pg_catalog.=) res.genuine;
	IF NOT FOUND OR g.oprowner OPERATOR(pg_catalog.=) (SELECT r.oid FROM pg_catalog.pg_roles r WHERE r.rolname OPERATOR(pg_catalog.=) current_user) THEN
		RETURN NULL;
	END IF;
	RETURN ARRAY[
		pg_catalog.format('CREATE FUNCTION @schema@.%s(%s) RETURNS %s %s', fn,
			CASE WHEN lt IS NULL THEN rt ELSE lt OPERATOR(pg_catalog.||) ', ' OPERATOR(pg_catalog.||) rt END,
			pg_temp.type_name(res.result),
			pg_temp.body(signature, pg_catalog.format('RETURN %s OPERATOR(%I.%s) %s',
				CASE WHEN lt IS NULL THEN '' ELSE pg_temp.pass('$1', g.oprleft) END, g.nspname, op,
				pg_temp.pass(CASE WHEN lt IS NULL THEN '$1' ELSE '$2' END, g.oprright)))),
		pg_catalog.format('CREATE OPERATOR @schema@.%s (%s RIGHTARG = %s, FUNCTION = @schema@.%s)', op,
			CASE WHEN lt IS NULL THEN '' ELSE pg_catalog.format('LEFTARG = %s,', lt) END, rt, fn)];
END
$$;

-- Function calls with these argument types (genuine is a plain function,
-- or an aggregate with is_aggregate).
CREATE FUNCTION pg_temp.plant_function(fname text, args text[], is_aggregate boolean DEFAULT false) RETURNS text[]
	LANGUAGE plpgsql
	AS $$
DECLARE
	signature text := pg_catalog.format('%s(%s)', fname, pg_catalog.array_to_string(args, ','));
	res record;
	g record;
	fn text := pg_temp.shadow_name(signature);
	passed text[] := '{}';
	declared oid;
	i integer;
BEGIN
	IF pg_catalog.to_regprocedure(signature) IS NOT NULL THEN
		RETURN NULL;
	END IF;
	res := pg_temp.probe(pg_catalog.format('%I(%s)', fname,
							   (SELECT pg_catalog.string_agg('NULL::' OPERATOR(pg_catalog.||) a, ', ' ORDER BY o)
								FROM pg_catalog.unnest(args) WITH ORDINALITY AS x(a, o))));
	SELECT p.*, n.nspname INTO g FROM pg_catalog.pg_proc p
	JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) p.pronamespace
	WHERE p.oid OPERATOR(pg_catalog.=) res.genuine;
	IF NOT FOUND OR g.proowner OPERATOR(pg_catalog.=) (SELECT r.oid FROM pg_catalog.pg_roles r WHERE r.rolname OPERATOR(pg_catalog.=) current_user)
	   OR g.prokind OPERATOR(pg_catalog.<>) (CASE WHEN is_aggregate THEN 'a' ELSE 'f' END)
	   OR (SELECT y.typtype FROM pg_catalog.pg_type y WHERE y.oid OPERATOR(pg_catalog.=) res.result) OPERATOR(pg_catalog.=) 'p' THEN
		RETURN NULL;
	END IF;
	FOR i IN 1 .. pg_catalog.cardinality(args) LOOP
		declared := CASE WHEN i OPERATOR(pg_catalog.<=) g.pronargs AND NOT (g.provariadic OPERATOR(pg_catalog.<>) 0 AND i OPERATOR(pg_catalog.>=) g.pronargs)
						 THEN g.proargtypes[i OPERATOR(pg_catalog.-) 1] ELSE g.provariadic END;
		passed := passed OPERATOR(pg_catalog.||) pg_temp.pass(CASE WHEN is_aggregate THEN 'x' ELSE '$' OPERATOR(pg_catalog.||) i END, declared);
	END LOOP;
	IF NOT is_aggregate THEN
		RETURN ARRAY[pg_catalog.format('CREATE FUNCTION @schema@.%I(%s) RETURNS %s%s %s', fname,
			pg_catalog.array_to_string(args, ', '),
			CASE WHEN g.proretset THEN 'SETOF ' ELSE '' END, pg_temp.type_name(res.result),
			pg_temp.body(signature, pg_catalog.format('RETURN %s%I.%I(%s)',
				CASE WHEN g.proretset THEN 'QUERY SELECT ' ELSE '' END, g.nspname, fname,
				pg_catalog.array_to_string(passed, ', '))))];
	END IF;
	IF pg_catalog.right(args[1], 2) OPERATOR(pg_catalog.=) '[]' THEN
		RETURN NULL;
	END IF;
	-- An aggregate gathers its input and hands it to the genuine one.
	RETURN ARRAY[
		pg_catalog.format('CREATE FUNCTION @schema@.%s_s(s %s[], v %s) RETURNS %s[] %s', fn, args[1], args[1], args[1],
			pg_temp.body(signature, 'RETURN pg_catalog.array_append(s, v)')),
		pg_catalog.format('CREATE FUNCTION @schema@.%s_f(s %s[]) RETURNS %s LANGUAGE sql IMMUTABLE AS %L', fn, args[1],
			pg_temp.type_name(res.result),
			pg_catalog.format('SELECT %I.%I(%s) FROM pg_catalog.unnest(s) AS x', g.nspname, fname, passed[1])),
		pg_catalog.format('CREATE AGGREGATE @schema@.%I(%s) (SFUNC = @schema@.%s_s, STYPE = %s[], FINALFUNC = @schema@.%s_f)',
			fname, args[1], fn, args[1], fn)];
END
$$;

-- Whether some genuine function of this name takes k arguments.
CREATE FUNCTION pg_temp.takes(fname text, k integer) RETURNS boolean
	LANGUAGE sql STABLE
	AS $$
	SELECT EXISTS (SELECT FROM pg_catalog.pg_proc p
				   WHERE p.proname OPERATOR(pg_catalog.=) fname
					 AND p.pronargs OPERATOR(pg_catalog.-) p.pronargdefaults OPERATOR(pg_catalog.<=) k
					 AND (k OPERATOR(pg_catalog.<=) p.pronargs OR p.provariadic OPERATOR(pg_catalog.<>) 0))
	$$;

CREATE TEMP TABLE shadow (signature text PRIMARY KEY, ddl text[] NOT NULL);

DO $plant$
DECLARE
	-- The argument types of the calls shadowed (those that exist).
	scalar_names constant text[] := ARRAY['integer', 'bigint', 'smallint', 'numeric', 'double precision',
		'real', 'date', 'timestamp', 'timestamptz', 'interval', 'daterange', 'datemultirange', 'text',
		'name', 'boolean', 'geometry', 'mobilvard.validity', 'mobilvard.care_form',
		'mobilvard.care_level', 'mobilvard.care_setting'];
	array_names constant text[] := ARRAY['text[]', 'bigint[]', 'integer[]', 'double precision[]',
		'date[]', 'geometry[]', 'mobilvard.care_form[]'];
	-- Three-argument calls: fewer types.
	triple_names constant text[] := ARRAY['integer', 'numeric', 'double precision', 'date',
		'timestamp', 'text', 'name', 'boolean', 'geometry'];
	binary_operators constant text[] := ARRAY['=', '<>', '<', '>', '<=', '>=', '+', '-', '*', '/',
		'%', '^', '&&', '@>', '<@', '<->', '||', '~', '~~', '!~~', '~~*', '<<', '>>', '-|-', '&<', '&>'];
	prefix_operators constant text[] := ARRAY['-', '+', '@', '|/'];
	functions constant text[] := ARRAY['lower', 'upper', 'isempty', 'lower_inf', 'upper_inf',
		'lower_inc', 'upper_inc', 'range_merge', 'multirange', 'datemultirange', 'daterange',
		'floor', 'ceil', 'ceiling', 'round', 'trunc', 'abs', 'sign', 'sqrt', 'power', 'div', 'mod',
		'unnest', 'cardinality', 'array_length', 'array_remove', 'array_append', 'array_position',
		'array_to_string', 'string_to_array', 'length', 'btrim', 'substr', 'split_part', 'replace',
		'regexp_replace', 'left', 'right', 'md5', 'quote_ident', 'quote_literal', 'format',
		'set_config', 'current_setting', 'to_regclass', 'to_regnamespace', 'pg_get_userbyid',
		'pg_has_role', 'format_type', 'date_trunc', 'date_part', 'age', 'make_date', 'to_char',
		'isfinite', 'generate_series', 'st_isvalid', 'st_isempty', 'st_intersects', 'st_contains',
		'st_within', 'st_covers', 'st_dwithin', 'st_distance', 'st_centroid', 'st_multi',
		'st_buffer', 'st_area', 'st_x', 'st_y', 'st_srid', 'st_setsrid', 'st_transform',
		'st_intersection', 'st_union', 'st_makepoint', 'st_asewkb'];
	aggregates constant text[] := ARRAY['count', 'sum', 'avg', 'min', 'max', 'array_agg',
		'range_agg', 'range_intersect_agg', 'bool_and', 'bool_or', 'every', 'st_union',
		'st_collect', 'st_extent'];
	scalars text[] := '{}';
	arrays text[] := '{}';
	triples text[] := '{}';
	lefts text[] := '{}';
	rights text[] := '{}';
	t text;
	u text;
	v text;
	n text;
	k integer;
	s record;
	d text;
	failed integer := 0;
BEGIN
	-- As the installing and registry-making sessions resolve names.
	SET LOCAL search_path = pg_catalog, mobilvard, public;
	FOREACH t IN ARRAY scalar_names LOOP
		IF pg_catalog.to_regtype(t) IS NOT NULL THEN
			scalars := scalars OPERATOR(pg_catalog.||) pg_temp.type_name(pg_catalog.to_regtype(t));
		END IF;
	END LOOP;
	FOREACH t IN ARRAY array_names LOOP
		IF pg_catalog.to_regtype(t) IS NOT NULL THEN
			arrays := arrays OPERATOR(pg_catalog.||) pg_temp.type_name(pg_catalog.to_regtype(t));
		END IF;
	END LOOP;
	FOREACH t IN ARRAY triple_names LOOP
		IF pg_catalog.to_regtype(t) IS NOT NULL THEN
			triples := triples OPERATOR(pg_catalog.||) pg_temp.type_name(pg_catalog.to_regtype(t));
		END IF;
	END LOOP;

	-- Argument pairs: every two scalars; an array with itself and with its
	-- element.
	FOREACH t IN ARRAY scalars LOOP
		FOREACH u IN ARRAY scalars LOOP
			lefts := lefts OPERATOR(pg_catalog.||) t;
			rights := rights OPERATOR(pg_catalog.||) u;
		END LOOP;
	END LOOP;
	FOREACH t IN ARRAY arrays LOOP
		v := pg_catalog.left(t, -2);
		lefts := lefts OPERATOR(pg_catalog.||) ARRAY[t, t, v];
		rights := rights OPERATOR(pg_catalog.||) ARRAY[t, v, t];
	END LOOP;

	-- Probe everything first, then plant: a shadow must not be taken for
	-- the genuine object of a later probe.
	FOREACH n IN ARRAY binary_operators LOOP
		FOR k IN 1 .. pg_catalog.cardinality(lefts) LOOP
			INSERT INTO pg_temp.shadow
			SELECT pg_catalog.format('%s(%s,%s)', n, lefts[k], rights[k]), x
			FROM pg_temp.plant_operator(n, lefts[k], rights[k]) x WHERE x IS NOT NULL;
		END LOOP;
	END LOOP;
	FOREACH n IN ARRAY prefix_operators LOOP
		FOREACH t IN ARRAY scalars LOOP
			INSERT INTO pg_temp.shadow
			SELECT pg_catalog.format('%s(NONE,%s)', n, t), x
			FROM pg_temp.plant_operator(n, NULL, t) x WHERE x IS NOT NULL;
		END LOOP;
	END LOOP;
	FOREACH n IN ARRAY functions LOOP
		IF pg_temp.takes(n, 1) THEN
			FOREACH t IN ARRAY scalars OPERATOR(pg_catalog.||) arrays LOOP
				INSERT INTO pg_temp.shadow
				SELECT pg_catalog.format('%s(%s)', n, t), x
				FROM pg_temp.plant_function(n, ARRAY[t]) x WHERE x IS NOT NULL;
			END LOOP;
		END IF;
		IF pg_temp.takes(n, 2) THEN
			FOR k IN 1 .. pg_catalog.cardinality(lefts) LOOP
				INSERT INTO pg_temp.shadow
				SELECT pg_catalog.format('%s(%s,%s)', n, lefts[k], rights[k]), x
				FROM pg_temp.plant_function(n, ARRAY[lefts[k], rights[k]]) x WHERE x IS NOT NULL;
			END LOOP;
		END IF;
		IF pg_temp.takes(n, 3) THEN
			FOREACH t IN ARRAY triples LOOP
				FOREACH u IN ARRAY triples LOOP
					FOREACH v IN ARRAY triples LOOP
						INSERT INTO pg_temp.shadow
						SELECT pg_catalog.format('%s(%s,%s,%s)', n, t, u, v), x
						FROM pg_temp.plant_function(n, ARRAY[t, u, v]) x WHERE x IS NOT NULL;
					END LOOP;
				END LOOP;
			END LOOP;
		END IF;
	END LOOP;
	FOREACH n IN ARRAY aggregates LOOP
		FOREACH t IN ARRAY scalars LOOP
			INSERT INTO pg_temp.shadow
			SELECT pg_catalog.format('aggregate %s(%s)', n, t), x
			FROM pg_temp.plant_function(n, ARRAY[t], true) x WHERE x IS NOT NULL;
		END LOOP;
	END LOOP;

	FOR s IN SELECT * FROM pg_temp.shadow ORDER BY signature LOOP
		BEGIN
			FOREACH d IN ARRAY s.ddl LOOP
				EXECUTE pg_catalog.replace(d, '@schema@', 'public');
			END LOOP;
			INSERT INTO public.planted VALUES (s.signature, s.ddl)
			ON CONFLICT (signature) DO UPDATE SET ddl = excluded.ddl;
		EXCEPTION WHEN OTHERS THEN
			RAISE WARNING 'shadow % not planted: %', s.signature, SQLERRM;
			failed := failed OPERATOR(pg_catalog.+) 1;
		END;
	END LOOP;
	RAISE NOTICE 'planted % shadows (% failed)',
		(SELECT pg_catalog.count(*) FROM pg_temp.shadow) OPERATOR(pg_catalog.-) failed, failed;
END
$plant$;
