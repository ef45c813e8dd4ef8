-- load.sql: the loaders' engine (src/load.c; doc/loading.md).  Each
-- registry's load() (registry/load.sql) calls _load with its own name.

CREATE FUNCTION @extschema@._input_problem(value text, type regtype) RETURNS text
	AS 'MODULE_PATHNAME', 'input_problem'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@._input_problem(text, regtype) IS
	'Helper of the loaders: NULL when the text is good input for the type (dates as YYYY-MM-DD or YYYYMMDD), else "SQLSTATE: message", without raising the error';

-- A geometry column's text as the loaders read it: WKT is taken to be
-- SWEREF99 TM already, EWKT in another SRID is transformed (src/load.c).
CREATE FUNCTION @extschema@._geometry_from_text(wkt text) RETURNS geometry
	AS 'MODULE_PATHNAME', 'geometry_from_text'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@._geometry_from_text(text) IS
	'Helper of the loaders: WKT as SWEREF99 TM (SRID 3006), EWKT of another SRID transformed to it; text PostGIS cannot read is 22P02';

-- The sex codes source systems write: F/M/X, Swedish K (kvinna), and the
-- registries' 1 (man) and 2 (kvinna).  Not STRICT, so that it is inlined
-- (NULL gives NULL all the same).
CREATE FUNCTION @extschema@._sex_from_text(code text) RETURNS text
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	RETURN CASE pg_catalog.upper(pg_catalog.btrim(code))
		WHEN 'F' THEN 'F' WHEN 'K' THEN 'F' WHEN '2' THEN 'F'
		WHEN 'M' THEN 'M' WHEN '1' THEN 'M'
		WHEN 'X' THEN 'X' END;
COMMENT ON FUNCTION @extschema@._sex_from_text(text) IS
	'Helper of the loaders: F, M or X from F/M/X, K (kvinna), 1 (man) or 2 (kvinna), any case; NULL for anything else';

-- The tables a registry's load() fills, and the columns it accepts.
CREATE FUNCTION @extschema@._loadable_tables() RETURNS text[]
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	RETURN ARRAY['organisation', 'unit', 'catchment', 'patient', 'patient_listing', 'episode', 'contact', 'charge',
				 'region_tariff', 'municipal_tariff', 'personal_margin', 'population_cell'];
COMMENT ON FUNCTION @extschema@._loadable_tables() IS
	'Helper of the loaders: the tables load() fills';

CREATE FUNCTION @extschema@._load(registry text, target text, staging regclass,
		OUT load_id bigint, OUT rows_read bigint, OUT inserted bigint, OUT updated bigint,
		OUT unchanged bigint, OUT rejected bigint)
	LANGUAGE plpgsql
	SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
DECLARE
	sep constant text := E'\x1f';
	chunk_rows constant bigint := 50000;
	tbl regclass;
	geo name;
	staged text[];
	col record;
	src text;
	problems text[] := '{}';
	typed text[] := '{}';
	loaded text[] := '{}';
	key_cols text[];
	natural_key text[];
	check_cases text[] := '{}';
	check_any text[] := '{}';
	row_no text;
	sql text;
	first_row bigint;
	last_row bigint;
	a bigint;
	n_ins bigint;
	n_upd bigint;
	r record;
	err_state text;
	err_message text;
	err_column text;
	err_constraint text;
	fk record;
	geometry_text text := '';
	source_table constant regclass := staging;
BEGIN
	IF NOT EXISTS (SELECT FROM @extschema@.registries g WHERE g.name OPERATOR(pg_catalog.=) registry) THEN
		RAISE EXCEPTION 'registry "%" does not exist', registry
			USING ERRCODE = 'undefined_object', HINT = 'Make it with @extschema@.create_registry().';
	END IF;
	IF target IS NULL OR NOT target OPERATOR(pg_catalog.=) ANY (@extschema@._loadable_tables()) THEN
		RAISE EXCEPTION 'cannot load table "%"', target
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'load() fills ' || array_to_string(@extschema@._loadable_tables(), ', ') || '.';
	END IF;
	tbl := format('%I.%I', registry, target)::regclass;
	SELECT n.nspname INTO geo
	FROM pg_extension e JOIN pg_namespace n ON n.oid OPERATOR(pg_catalog.=) e.extnamespace
	WHERE e.extname OPERATOR(pg_catalog.=) 'postgis';
	SELECT array_agg(a.attname::text) INTO staged
	FROM pg_attribute a
	WHERE a.attrelid OPERATOR(pg_catalog.=) staging AND a.attnum OPERATOR(pg_catalog.>) 0 AND NOT a.attisdropped;

	-- A source row's number: the staging table's source_row where it has
	-- one (load.sh fills it in file order), else the physical order, made
	-- once into a numbered copy so that every pass agrees.
	IF to_regclass('pg_temp._load_numbered') IS NOT NULL THEN
		DROP TABLE pg_temp._load_numbered;
	END IF;
	IF 'source_row' OPERATOR(pg_catalog.=) ANY (staged) THEN
		row_no := 's.source_row::bigint';
	ELSE
		EXECUTE format('CREATE TEMP TABLE _load_numbered AS '
					   'SELECT row_number() OVER () AS source_row, s.* FROM %s s', staging);
		staging := 'pg_temp._load_numbered'::regclass;
		row_no := 's.source_row';
	END IF;

	-- Each column of the target: the problem of its text (NULL when none)
	-- and its typed value, in column order (a later column's check may cast
	-- an earlier one, whose problem is found first).
	FOR col IN
		SELECT a.attname::text AS name, format_type(a.atttypid, a.atttypmod) AS type,
			   a.attnotnull AS not_null, a.attidentity OPERATOR(pg_catalog.<>) '' AS is_identity,
			   t.typname::text AS typname,
			   coalesce(nullif(t.typbasetype, 0), a.atttypid) OPERATOR(pg_catalog.=) ANY (ARRAY[
				   'text', 'character varying', 'date', 'time', 'smallint', 'integer', 'bigint', 'numeric',
				   'double precision', 'boolean', 'daterange', 'int4multirange', 'text[]', '@extschema@.care_level',
				   '@extschema@.care_setting', '@extschema@.care_form']::regtype[]::oid[]) AS checkable
		FROM pg_attribute a JOIN pg_type t ON t.oid OPERATOR(pg_catalog.=) a.atttypid
		WHERE a.attrelid OPERATOR(pg_catalog.=) tbl AND a.attnum OPERATOR(pg_catalog.>) 0
		  AND NOT a.attisdropped AND a.attgenerated OPERATOR(pg_catalog.=) ''
		ORDER BY a.attnum
	LOOP
		src := format('s.%I::text', col.name);
		IF col.typname OPERATOR(pg_catalog.=) 'geometry' AND col.type LIKE '%(Point,%'
		   AND NOT col.name OPERATOR(pg_catalog.=) ANY (staged) THEN
			-- A point from coordinate columns: x and y in SWEREF99 TM, or lon
			-- and lat (WGS 84), transformed.
			IF ('x' OPERATOR(pg_catalog.=) ANY (staged)) OPERATOR(pg_catalog.<>) ('y' OPERATOR(pg_catalog.=) ANY (staged))
			   OR ('lon' OPERATOR(pg_catalog.=) ANY (staged)) OPERATOR(pg_catalog.<>) ('lat' OPERATOR(pg_catalog.=) ANY (staged)) THEN
				RAISE EXCEPTION 'staging table % has only one of the coordinate columns of %.%', source_table, target, col.name
					USING ERRCODE = 'invalid_parameter_value',
						  HINT = 'Give x and y (SWEREF99 TM), or lon and lat (WGS 84), or the column itself as WKT.';
			END IF;
			IF ARRAY['x', 'y'] OPERATOR(pg_catalog.<@) staged THEN
				problems := problems || format(
					'coalesce(%1$L || @extschema@._input_problem(s.x::text, ''double precision''), '
					'%2$L || @extschema@._input_problem(s.y::text, ''double precision''))',
					'x' || sep, 'y' || sep);
				typed := typed || format('%1$I.st_setsrid(%1$I.st_makepoint(s.x::text::float8, s.y::text::float8), 3006)', geo);
			ELSIF ARRAY['lon', 'lat'] OPERATOR(pg_catalog.<@) staged THEN
				problems := problems || format(
					'coalesce(%1$L || @extschema@._input_problem(s.lon::text, ''double precision''), '
					'%2$L || @extschema@._input_problem(s.lat::text, ''double precision''), '
					'CASE WHEN NOT (s.lon::text::float8 BETWEEN -180 AND 180 AND s.lat::text::float8 BETWEEN -90 AND 90) '
					'THEN %3$L || s.lon || '' '' || s.lat END)',
					'lon' || sep, 'lat' || sep,
					'lon' || sep || '22023: coordinates out of range for longitude and latitude: ');
				typed := typed || format('%1$I.st_transform(%1$I.st_setsrid(%1$I.st_makepoint(s.lon::text::float8, s.lat::text::float8), 4326), 3006)', geo);
			ELSE
				CONTINUE;
			END IF;
			loaded := loaded || col.name;
			CONTINUE;
		END IF;
		IF target OPERATOR(pg_catalog.=) 'unit' AND col.name OPERATOR(pg_catalog.=) 'unit_form' THEN
			-- A unit's form from its name where the extract has none.
			src := CASE WHEN 'unit_form' OPERATOR(pg_catalog.=) ANY (staged) THEN src ELSE 'NULL::text' END;
			problems := problems || format(
				'CASE WHEN %1$s IS NOT NULL THEN %2$L || @extschema@._input_problem(%1$s, ''@extschema@.care_form'') '
				'WHEN @extschema@.care_form_of(s.name::text, s.unit_level::text::@extschema@.care_level) IS NULL '
				'THEN %3$L || s.name || ''" names no mobile care form; give unit_form (none for a unit that does not go out)'' END',
				src, 'unit_form' || sep, 'unit_form' || sep || '23502: the unit name "');
			typed := typed || format('coalesce(%s::@extschema@.care_form, @extschema@.care_form_of(s.name::text, s.unit_level::text::@extschema@.care_level))', src);
			loaded := loaded || col.name;
			CONTINUE;
		END IF;
		IF NOT col.name OPERATOR(pg_catalog.=) ANY (staged) THEN
			IF col.not_null AND NOT col.is_identity THEN
				RAISE EXCEPTION 'staging table % has no column "%", which %.% requires', source_table, col.name, registry, target
					USING ERRCODE = 'invalid_parameter_value',
						  HINT = 'Name the staging table''s columns as the target''s (extra columns are ignored).';
			END IF;
			CONTINUE;
		END IF;
		IF col.is_identity AND col.name OPERATOR(pg_catalog.<>) ALL (SELECT a.attname::text FROM pg_index i
				JOIN pg_attribute a ON a.attrelid OPERATOR(pg_catalog.=) i.indrelid AND a.attnum OPERATOR(pg_catalog.=) ANY (i.indkey)
				WHERE i.indrelid OPERATOR(pg_catalog.=) tbl AND i.indisprimary) THEN
			CONTINUE;	-- a key the registry assigns for GIS tools: never the source's
		END IF;
		problems := problems || format('CASE WHEN %1$s IS NULL THEN %2$s ELSE %3$s END', src,
			CASE WHEN col.not_null AND NOT col.is_identity
				 THEN quote_literal(format('%s%s23502: null value in column "%s" of relation "%s" violates not-null constraint',
										   col.name, sep, col.name, target))
				 ELSE 'NULL' END,
			CASE WHEN col.checkable
				 THEN CASE WHEN target OPERATOR(pg_catalog.=) 'patient' AND col.name OPERATOR(pg_catalog.=) 'sex'
						   THEN format('CASE WHEN @extschema@._sex_from_text(%s) IS NULL THEN %L || %s || ''" (use F, M or X; K; or 1 for M and 2 for F)'' END',
									   src, 'sex' || sep || '22P02: invalid sex "', src)
						   ELSE format('%L || @extschema@._input_problem(%s, %L::regtype)', col.name || sep, src, col.type) END
				 ELSE 'NULL' END);
		IF col.typname OPERATOR(pg_catalog.=) 'geometry' THEN
			geometry_text := concat_ws(', ', nullif(geometry_text, ''), col.name);
		END IF;
		typed := typed || CASE
			WHEN target OPERATOR(pg_catalog.=) 'patient' AND col.name OPERATOR(pg_catalog.=) 'sex'
				THEN format('@extschema@._sex_from_text(%s)', src)
			WHEN col.typname OPERATOR(pg_catalog.=) 'geometry' AND col.type LIKE '%(MultiPolygon,%'
				THEN format('%I.st_multi(@extschema@._geometry_from_text(%s))::%s', geo, src, col.type)
			WHEN col.typname OPERATOR(pg_catalog.=) 'geometry'
				THEN format('@extschema@._geometry_from_text(%s)::%s', src, col.type)
			ELSE format('%s::%s', src, col.type) END;
		loaded := loaded || col.name;
	END LOOP;

	-- The key a re-run matches on: the primary key, or for a catchment
	-- without catchment_id its unit and validity.
	SELECT array_agg(a.attname::text ORDER BY k.ord) INTO key_cols
	FROM pg_index i
	CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY k(attnum, ord)
	JOIN pg_attribute a ON a.attrelid OPERATOR(pg_catalog.=) i.indrelid AND a.attnum OPERATOR(pg_catalog.=) k.attnum
	WHERE i.indrelid OPERATOR(pg_catalog.=) tbl AND i.indisprimary;
	IF target OPERATOR(pg_catalog.=) 'catchment' AND NOT 'catchment_id' OPERATOR(pg_catalog.=) ANY (loaded) THEN
		natural_key := ARRAY['unit_id', 'valid'];
	END IF;

	-- Pass 1: every row's first problem, and the typed values of the rows
	-- without one.  The checks leave only geometry text unchecked: where
	-- its parse fails, the rows are read again in chunks and the failing
	-- chunks row by row, from a numbered copy with an index.
	IF to_regclass('pg_temp._load_rows') IS NOT NULL THEN
		DROP TABLE pg_temp._load_rows;
	END IF;
	SELECT string_agg(format('CASE WHEN s._load_problem IS NULL THEN %s END AS %I', t.expr, t.name), ', ' ORDER BY t.ord)
	INTO sql
	FROM unnest(typed, loaded) WITH ORDINALITY t(expr, name, ord);
	sql := format('SELECT s._load_row, s._load_problem, %s '
				  'FROM (SELECT %s AS _load_row, coalesce(%s) AS _load_problem, s.* FROM @staging@ s WHERE @rows@ OFFSET 0) s',
				  sql, row_no, array_to_string(problems, ', '));
	EXECUTE 'CREATE TEMP TABLE _load_rows AS '
		|| replace(replace(sql, '@staging@', staging::text), '@rows@', 'false');
	BEGIN
		EXECUTE 'INSERT INTO pg_temp._load_rows '
			|| replace(replace(sql, '@staging@', staging::text), '@rows@', 'true');
	EXCEPTION WHEN OTHERS THEN
		IF to_regclass('pg_temp._load_numbered') IS NULL THEN
			EXECUTE format('CREATE TEMP TABLE _load_numbered AS SELECT * FROM %s', staging);
		END IF;
		CREATE INDEX ON pg_temp._load_numbered (source_row);
		ANALYZE pg_temp._load_numbered;
		sql := 'INSERT INTO pg_temp._load_rows '
			|| replace(replace(sql, '@staging@', 'pg_temp._load_numbered'), '@rows@', 's.source_row BETWEEN $1 AND $2');
		SELECT min(source_row), max(source_row) INTO first_row, last_row FROM pg_temp._load_numbered;
		a := first_row;
		WHILE a <= last_row LOOP
			BEGIN
				EXECUTE sql USING a, a + chunk_rows - 1;
			EXCEPTION WHEN OTHERS THEN
				FOR r IN SELECT n.source_row FROM pg_temp._load_numbered n
						 WHERE n.source_row BETWEEN a AND a + chunk_rows - 1 ORDER BY 1 LOOP
					BEGIN
						EXECUTE sql USING r.source_row, r.source_row;
					EXCEPTION WHEN OTHERS THEN
						-- Only the geometry columns' text is read unchecked.
						GET STACKED DIAGNOSTICS err_state = RETURNED_SQLSTATE, err_message = MESSAGE_TEXT;
						INSERT INTO pg_temp._load_rows (_load_row, _load_problem)
						VALUES (r.source_row, geometry_text || sep || err_state || ': ' || err_message);
					END;
				END LOOP;
			END;
			a := a + chunk_rows;
		END LOOP;
		staging := 'pg_temp._load_numbered'::regclass;
		row_no := 's.source_row';
	END;
	CREATE INDEX ON pg_temp._load_rows (_load_row);
	ANALYZE pg_temp._load_rows;

	-- Pass 2: the table's CHECK constraints over the loaded columns, its
	-- foreign keys (where no row-level security hides the referenced rows:
	-- the key itself is checked as the insert runs), and keys that an
	-- earlier row of the extract already has.
	FOR r IN
		SELECT c.conname::text AS name, pg_get_expr(c.conbin, c.conrelid) AS def
		FROM pg_constraint c
		WHERE c.conrelid OPERATOR(pg_catalog.=) tbl AND c.contype OPERATOR(pg_catalog.=) 'c'
		  AND NOT EXISTS (SELECT FROM pg_attribute a
						  WHERE a.attrelid OPERATOR(pg_catalog.=) tbl AND a.attnum OPERATOR(pg_catalog.=) ANY (c.conkey)
							AND NOT a.attname::text OPERATOR(pg_catalog.=) ANY (loaded))
		ORDER BY c.conname
	LOOP
		check_cases := check_cases || format('WHEN NOT (%s) THEN %L', r.def,
			format('%s%s23514: new row for relation "%s" violates check constraint "%s"', r.name, sep, target, r.name));
		check_any := check_any || format('NOT (%s)', r.def);
	END LOOP;
	IF cardinality(check_cases) OPERATOR(pg_catalog.>) 0 THEN
		EXECUTE format('UPDATE pg_temp._load_rows SET _load_problem = CASE %s END '
					   'WHERE _load_problem IS NULL AND (%s)',
					   array_to_string(check_cases, ' '), array_to_string(check_any, ' OR '));
	END IF;
	FOR fk IN
		SELECT c.conname::text AS name, c.confrelid::regclass AS ref, c.confrelid OPERATOR(pg_catalog.=) tbl AS self,
			   (SELECT p.relname::text FROM pg_class p WHERE p.oid OPERATOR(pg_catalog.=) c.confrelid) AS ref_name,
			   array_agg(a.attname::text ORDER BY k.ord) AS cols, array_agg(f.attname::text ORDER BY k.ord) AS ref_cols
		FROM pg_constraint c
		CROSS JOIN LATERAL unnest(c.conkey, c.confkey) WITH ORDINALITY k(attnum, fattnum, ord)
		JOIN pg_attribute a ON a.attrelid OPERATOR(pg_catalog.=) c.conrelid AND a.attnum OPERATOR(pg_catalog.=) k.attnum
		JOIN pg_attribute f ON f.attrelid OPERATOR(pg_catalog.=) c.confrelid AND f.attnum OPERATOR(pg_catalog.=) k.fattnum
		WHERE c.conrelid OPERATOR(pg_catalog.=) tbl AND c.contype OPERATOR(pg_catalog.=) 'f'
		GROUP BY c.oid, c.conname, c.confrelid, c.conrelid
		ORDER BY c.conname
	LOOP
		CONTINUE WHEN NOT fk.cols OPERATOR(pg_catalog.<@) loaded OR row_security_active(fk.ref);
		SELECT string_agg(format('t.%I IS NOT NULL', x.c), ' AND ') AS given,
			   string_agg(format('r.%I = t.%I', x.rc, x.c), ' AND ') AS in_ref,
			   string_agg(format('l.%I = t.%I', x.rc, x.c), ' AND ') AS in_load,
			   string_agg(format('t.%I::text', x.c), ' || '', '' || ') AS key_text
		INTO r
		FROM unnest(fk.cols, fk.ref_cols) x(c, rc);
		EXECUTE format(
			'UPDATE pg_temp._load_rows t SET _load_problem = %L || %s || %L '
			'WHERE t._load_problem IS NULL AND %s AND NOT EXISTS (SELECT FROM %s r WHERE %s)%s',
			format('%s%s23503: insert or update on table "%s" violates foreign key constraint "%s": key (%s)=(',
				   fk.name, sep, target, fk.name, array_to_string(fk.cols, ', ')),
			r.key_text,
			format(') is not present in table "%s"', fk.ref_name),
			r.given, fk.ref, r.in_ref,
			CASE WHEN fk.self
				 THEN format(' AND NOT EXISTS (SELECT FROM pg_temp._load_rows l WHERE l._load_problem IS NULL AND %s)', r.in_load)
				 ELSE '' END);
	END LOOP;
	IF target OPERATOR(pg_catalog.=) 'charge' THEN
		-- The rules the charge table's trigger keeps (fees.sql), here for
		-- the whole extract at once, in the trigger's order.
		EXECUTE 'UPDATE pg_temp._load_rows t SET _load_problem = $1 || _charge_year_message(_year_of(t.charge_date)) '
				'WHERE t._load_problem IS NULL AND NOT _year_has_price_base_amount(_year_of(t.charge_date))'
		USING 'charge_date' || sep || '23503: ';
		EXECUTE format(
			'UPDATE pg_temp._load_rows t '
			'SET _load_problem = $1 || _charge_principal_message(t.charge_id, t.kind, m.kind_principal, t.org_code, m.org_principal) '
			'FROM %I._charge_kind_mismatch m '
			'WHERE t._load_problem IS NULL AND m.kind = t.kind AND m.org_code = t.org_code', registry)
		USING 'kind' || sep || '23514: ';
	END IF;
	IF natural_key IS NOT NULL THEN
		-- Rows that match an existing catchment take its id, the others a
		-- new one.
		ALTER TABLE pg_temp._load_rows ADD COLUMN catchment_id bigint;
		EXECUTE format('UPDATE pg_temp._load_rows t SET catchment_id = c.catchment_id FROM %s c '
					   'WHERE t._load_problem IS NULL AND c.unit_id = t.unit_id AND c.valid = t.valid', tbl);
		EXECUTE format('UPDATE pg_temp._load_rows t SET catchment_id = nextval(%L) '
					   'WHERE t._load_problem IS NULL AND t.catchment_id IS NULL',
					   pg_get_serial_sequence(tbl::text, 'catchment_id'));
		loaded := loaded || 'catchment_id'::text;
	END IF;
	EXECUTE format(
		'UPDATE pg_temp._load_rows t SET _load_problem = %L || d.first || %L '
		'FROM (SELECT _load_row, first_value(_load_row) OVER (PARTITION BY %s ORDER BY _load_row) AS first '
		'      FROM pg_temp._load_rows WHERE _load_problem IS NULL) d '
		'WHERE d._load_row = t._load_row AND d.first <> d._load_row',
		array_to_string(key_cols, ', ') || sep || format('23505: duplicate key (%s): source row ', array_to_string(key_cols, ', ')),
		' has it already',
		(SELECT string_agg(format('%I', k), ', ') FROM unnest(key_cols) k));

	-- Pass 3: the good rows, in chunks: inserted, or updated where they
	-- differ from the registry's row (as text: that needs no operator of
	-- each type, and an unchanged extract is unchanged text).  A chunk that fails (a trigger, an
	-- exclusion constraint, a row hidden from the checks above) is written
	-- again row by row, each failing row rejected with its error.
	SELECT format('INSERT INTO %s AS t (%s) SELECT %s FROM pg_temp._load_rows l '
				  'WHERE l._load_problem IS NULL AND l._load_row BETWEEN $1 AND $2 '
				  'ON CONFLICT (%s) DO UPDATE SET %s WHERE ROW(%s)::text IS DISTINCT FROM ROW(%s)::text '
				  'RETURNING t.xmax = ''0''::xid',
				  tbl,
				  string_agg(format('%I', c), ', '),
				  string_agg(format('l.%I', c), ', '),
				  (SELECT string_agg(format('%I', k), ', ') FROM unnest(key_cols) k),
				  string_agg(format('%1$I = EXCLUDED.%1$I', c), ', '),
				  string_agg(format('t.%I', c), ', '),
				  string_agg(format('EXCLUDED.%I', c), ', '))
	INTO sql
	FROM unnest(loaded) c;
	sql := format('WITH w(is_insert) AS (%s) '
				  'SELECT count(*) FILTER (WHERE is_insert), count(*) FILTER (WHERE NOT is_insert) FROM w', sql);
	inserted := 0;
	updated := 0;
	SELECT min(l._load_row), max(l._load_row) INTO first_row, last_row FROM pg_temp._load_rows l;
	a := first_row;
	WHILE a <= last_row LOOP
		BEGIN
			EXECUTE sql INTO n_ins, n_upd USING a, a + chunk_rows - 1;
			inserted := inserted + n_ins;
			updated := updated + n_upd;
		EXCEPTION WHEN OTHERS THEN
			FOR r IN SELECT l._load_row FROM pg_temp._load_rows l
					 WHERE l._load_problem IS NULL AND l._load_row BETWEEN a AND a + chunk_rows - 1
					 ORDER BY l._load_row LOOP
				BEGIN
					EXECUTE sql INTO n_ins, n_upd USING r._load_row, r._load_row;
					inserted := inserted + n_ins;
					updated := updated + n_upd;
				EXCEPTION WHEN OTHERS THEN
					GET STACKED DIAGNOSTICS err_state = RETURNED_SQLSTATE, err_message = MESSAGE_TEXT,
											err_column = COLUMN_NAME, err_constraint = CONSTRAINT_NAME;
					UPDATE pg_temp._load_rows l
					SET _load_problem = coalesce(nullif(err_constraint, ''), nullif(err_column, ''), '')
										|| sep || err_state || ': ' || err_message
					WHERE l._load_row = r._load_row;
				END;
			END LOOP;
		END;
		a := a + chunk_rows;
	END LOOP;

	-- Pass 4: every rejected row, verbatim, with its reason.
	load_id := nextval(format('%I.load_id_seq', registry));
	EXECUTE format(
		'INSERT INTO %I.load_reject (load_id, target, source_row, source, sqlstate, message, at_fault) '
		'SELECT $1, $2, l._load_row, to_jsonb(s) - ''source_row'', '
		'       left(split_part(l._load_problem, $3, 2), 5), substr(split_part(l._load_problem, $3, 2), 8), '
		'       nullif(split_part(l._load_problem, $3, 1), '''') '
		'FROM pg_temp._load_rows l JOIN %s s ON %s = l._load_row '
		'WHERE l._load_problem IS NOT NULL',
		registry, staging, row_no)
	USING load_id, target, sep;
	GET DIAGNOSTICS rejected = ROW_COUNT;
	EXECUTE format('SELECT count(*) FROM %s', staging) INTO rows_read;
	unchanged := rows_read - inserted - updated - rejected;
	DROP TABLE pg_temp._load_rows;
	IF to_regclass('pg_temp._load_numbered') IS NOT NULL THEN
		DROP TABLE pg_temp._load_numbered;
	END IF;
	RETURN;
END
$$;
COMMENT ON FUNCTION @extschema@._load(text, text, regclass) IS
	'The engine of a registry''s load(): checks the staging table''s rows set-wise, writes the good ones (inserted, or updated where they differ), and keeps the rest in load_reject with their reasons; returns the run''s summary';
