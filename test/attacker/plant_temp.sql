-- plant_temp.sql: the shadows that plant.sql made in schema public, made
-- again in this session's pg_temp, and temporary views under the names of
-- the catalogs and registry tables that SQL code reads, each logging its
-- reads in public.attack_log.  Run at the start of a session:
--
--   \i test/attacker/plant_temp.sql
--
-- PostgreSQL never looks up functions and operators in pg_temp unless they
-- are qualified, and it looks up relations there first unless the
-- search_path lists pg_temp later; nothing of mobilvard's may find them.

DO $plant_temp$
DECLARE
	s record;
	d text;
	r record;
	registries text[] := '{}';
BEGIN
	IF pg_catalog.to_regclass('mobilvard.registries') IS NOT NULL THEN
		EXECUTE 'SELECT pg_catalog.array_agg(g.name) FROM mobilvard.registries g' INTO registries;
	END IF;
	-- The shadows whose types exist (a shadow on a type of mobilvard's
	-- went with an earlier version of the extension).
	FOR s IN SELECT p.ddl FROM public.planted p LOOP
		BEGIN
			FOREACH d IN ARRAY s.ddl LOOP
				EXECUTE pg_catalog.replace(d, '@schema@', 'pg_temp');
			END LOOP;
		EXCEPTION WHEN undefined_object THEN
			NULL;
		END;
	END LOOP;
	FOR r IN
		SELECT n.nspname, c.relname,
			   (SELECT pg_catalog.string_agg(pg_catalog.quote_ident(a.attname), ', ' ORDER BY a.attnum)
				FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_type y ON y.oid OPERATOR(pg_catalog.=) a.atttypid
				WHERE a.attrelid OPERATOR(pg_catalog.=) c.oid AND a.attnum OPERATOR(pg_catalog.>) 0
				  AND NOT a.attisdropped AND y.typtype OPERATOR(pg_catalog.<>) 'p') AS columns
		FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) c.relnamespace
		WHERE c.relkind OPERATOR(pg_catalog.=) ANY ('{r,v}')
		  AND (n.nspname OPERATOR(pg_catalog.=) ANY (registries)
			   OR n.nspname OPERATOR(pg_catalog.=) 'pg_catalog'
				  AND c.relname OPERATOR(pg_catalog.=) ANY ('{pg_namespace,pg_class,pg_proc,pg_type,pg_attribute,pg_extension,pg_roles,pg_database,pg_db_role_setting,pg_depend,pg_constraint}'))
		  AND pg_catalog.to_regclass(pg_catalog.format('pg_temp.%I', c.relname)) IS NULL
	LOOP
		EXECUTE pg_catalog.format('CREATE TEMP VIEW %I AS SELECT %s FROM %I.%I WHERE public.log_attack(%L)',
			r.relname, r.columns, r.nspname, r.relname, 'pg_temp.' OPERATOR(pg_catalog.||) r.relname);
	END LOOP;
END
$plant_temp$;
