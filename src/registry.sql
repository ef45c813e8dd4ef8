-- registry.sql: the catalog of registries and the functions that make and
-- upgrade them (doc/registry.md).
--
-- A registry is an ordinary schema owned by the role that makes it, holding
-- the tables, views and functions of src/registry/*.sql (the registry
-- model, which the Makefile appends to the install script as
-- _registry_model()).  None of it belongs to the extension: the DBA may add
-- columns, indexes, policies and partitions, pg_dump dumps it as any schema,
-- and DROP EXTENSION refuses while a registry uses the extension's types.

CREATE FUNCTION @extschema@._registry_model_version() RETURNS text
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	RETURN '0.2.0';
COMMENT ON FUNCTION @extschema@._registry_model_version() IS
	'The version of the registry model that create_registry makes (the extension version that last changed it)';

CREATE TABLE @extschema@.registries (
	name text PRIMARY KEY
		CONSTRAINT registries_name_is_simple CHECK (name ~ '^[a-z_][a-z0-9_]{0,62}$'),
	model_version text NOT NULL
);
COMMENT ON TABLE @extschema@.registries IS
	'The registries of this database: schemas made by create_registry, with the version of the registry model they hold (upgrade_registry brings an older one up to date)';
COMMENT ON COLUMN @extschema@.registries.name IS 'The registry''s schema';
COMMENT ON COLUMN @extschema@.registries.model_version IS 'Version of the registry model the schema holds';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.registries', '');

-- Every role may make a registry (create_registry runs as its caller), so
-- every role may write the catalog, but only the rows of schemas it owns:
-- a trigger checks, since row-level security on an extension's table would
-- make pg_dump of a non-superuser fail.
GRANT SELECT, INSERT, UPDATE, DELETE ON @extschema@.registries TO PUBLIC;

CREATE FUNCTION @extschema@._registries_owned() RETURNS trigger
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	row_name text := CASE WHEN TG_OP = 'DELETE' THEN OLD.name ELSE NEW.name END;
	owner oid;
BEGIN
	IF TG_OP = 'UPDATE' AND NEW.name IS DISTINCT FROM OLD.name THEN
		RAISE EXCEPTION 'a registry cannot be renamed in the catalog'
			USING ERRCODE = 'feature_not_supported',
				  HINT = 'Make a registry under the new name with create_registry and copy the rows.';
	END IF;
	SELECT n.nspowner INTO owner FROM pg_namespace n WHERE n.nspname = row_name;
	-- A schema that is gone (DROP SCHEMA) may be forgotten by anyone.
	IF TG_OP = 'DELETE' AND owner IS NULL THEN
		RETURN OLD;
	END IF;
	IF owner IS NULL OR NOT pg_has_role(owner, 'USAGE') THEN
		RAISE EXCEPTION 'permission denied for registry %', row_name
			USING ERRCODE = 'insufficient_privilege',
				  DETAIL = 'Only the owner of a registry''s schema may change its row in @extschema@.registries.';
	END IF;
	RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END
$$;
COMMENT ON FUNCTION @extschema@._registries_owned() IS
	'Trigger on registries: a row may be added, changed or removed only by the owner of its schema (or removed by anyone once the schema is gone)';
CREATE TRIGGER registries_owned BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.registries
	FOR EACH ROW EXECUTE FUNCTION @extschema@._registries_owned();

-- DROP SCHEMA of a registry removes it from the catalog, so that the name
-- can be used again.
CREATE FUNCTION @extschema@._forget_dropped_registries() RETURNS event_trigger
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	DELETE FROM @extschema@.registries r
	USING pg_event_trigger_dropped_objects() d
	WHERE d.object_type = 'schema' AND d.object_name = r.name;
END
$$;
COMMENT ON FUNCTION @extschema@._forget_dropped_registries() IS
	'Event trigger: a dropped registry schema leaves the catalog';
CREATE EVENT TRIGGER mobilvard_forget_dropped_registries ON sql_drop
	WHEN TAG IN ('DROP SCHEMA')
	EXECUTE FUNCTION @extschema@._forget_dropped_registries();

-- The type of the registry's validity ranges: a daterange under a name of
-- its own, because GDAL (3.6), and so QGIS and ogr2ogr, takes every type
-- whose name starts with "date" for a date and reads a daterange as NULL; a
-- domain reaches them as text.
CREATE DOMAIN @extschema@.validity AS daterange;
COMMENT ON DOMAIN @extschema@.validity IS
	'A validity range of dates (daterange), as the registry''s catchments and tariffs have them';

-- Trigger of patient: the birth year follows the birth date where the row
-- does not give one itself (one it gives must agree, a CHECK says).
CREATE FUNCTION @extschema@._birth_year_from_birth_date() RETURNS trigger
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF TG_OP = 'INSERT' AND NEW.birth_year IS NULL
	   OR TG_OP = 'UPDATE' AND NEW.birth_year IS NOT DISTINCT FROM OLD.birth_year THEN
		NEW.birth_year := extract(year FROM NEW.birth_date);
	END IF;
	RETURN NEW;
END
$$;
COMMENT ON FUNCTION @extschema@._birth_year_from_birth_date() IS
	'Trigger of a registry''s patient table: birth_year is filled from birth_date where the row does not give it';

-- ---------------------------------------------------------------------------
-- Making a registry
-- ---------------------------------------------------------------------------

-- A registry's name: a plain schema name that is not reserved.
CREATE FUNCTION @extschema@._check_registry_name(name text) RETURNS void
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF name IS NULL THEN
		RAISE EXCEPTION 'a registry needs a name'
			USING ERRCODE = 'null_value_not_allowed';
	END IF;
	IF name !~ '^[a-z_][a-z0-9_]{0,62}$' THEN
		RAISE EXCEPTION 'invalid registry name "%"', name
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'A registry''s name is a schema name of at most 63 lower-case letters a-z, digits and underscores, not starting with a digit.';
	END IF;
	IF name LIKE 'pg\_%' OR name IN ('public', 'information_schema', '@extschema@') THEN
		RAISE EXCEPTION 'schema "%" cannot hold a registry', name
			USING ERRCODE = 'reserved_name';
	END IF;
END
$$;
COMMENT ON FUNCTION @extschema@._check_registry_name(text) IS
	'Helper of create_registry: errors for a name that cannot be a registry''s';

-- The schema of a new registry, after the checks that make a clear error of
-- what CREATE SCHEMA would refuse or, worse, accept.
CREATE FUNCTION @extschema@._check_new_registry(name text) RETURNS void
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	owner text;
BEGIN
	PERFORM @extschema@._check_registry_name(name);
	IF EXISTS (SELECT FROM @extschema@.registries r WHERE r.name = _check_new_registry.name) THEN
		RAISE EXCEPTION 'registry "%" already exists', name
			USING ERRCODE = 'duplicate_object',
				  HINT = 'upgrade_registry brings an existing registry to the current model.';
	END IF;
	SELECT pg_get_userbyid(n.nspowner) INTO owner FROM pg_namespace n WHERE n.nspname = _check_new_registry.name;
	IF owner IS NOT NULL AND owner <> current_user THEN
		RAISE EXCEPTION 'schema "%" exists and belongs to role %', name, owner
			USING ERRCODE = 'insufficient_privilege',
				  HINT = 'Choose another name for the registry.';
	END IF;
	IF owner IS NOT NULL AND EXISTS (
		SELECT FROM pg_class c WHERE c.relnamespace = (SELECT n.oid FROM pg_namespace n WHERE n.nspname = _check_new_registry.name)
		UNION ALL
		SELECT FROM pg_proc p WHERE p.pronamespace = (SELECT n.oid FROM pg_namespace n WHERE n.nspname = _check_new_registry.name)
		UNION ALL
		SELECT FROM pg_type t WHERE t.typnamespace = (SELECT n.oid FROM pg_namespace n WHERE n.nspname = _check_new_registry.name)) THEN
		RAISE EXCEPTION 'schema "%" exists and is not empty', name
			USING ERRCODE = 'duplicate_schema',
				  HINT = 'A registry is made in a new or empty schema.';
	END IF;
END
$$;
COMMENT ON FUNCTION @extschema@._check_new_registry(text) IS
	'Helper of create_registry: errors for a name that cannot hold a new registry';

-- The registry model in a new schema.  The model's statements qualify the
-- registry's and the extension's objects, and write every other call so
-- that no object of another schema can capture it (doc/registry.md, "What
-- a registry trusts"); PostGIS's objects are found through the search_path
-- set here, and bound when the statements run.
CREATE FUNCTION @extschema@._make_registry(name text) RETURNS void
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	postgis_schema text;
BEGIN
	PERFORM @extschema@._check_new_registry(name);
	SELECT n.nspname INTO postgis_schema
	FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
	WHERE e.extname = 'postgis';
	PERFORM set_config('search_path',
		format('pg_catalog, @extschema@, %I, pg_temp', postgis_schema), true);
	-- From here on, others' objects in PostGIS's schema are in the path.
	EXECUTE pg_catalog.format('CREATE SCHEMA IF NOT EXISTS %I', name);
	EXECUTE pg_catalog.format('COMMENT ON SCHEMA %I IS %L', name,
		pg_catalog.format('mobilvard registry (model %s): made by @extschema@.create_registry',
						  @extschema@._registry_model_version()));
	EXECUTE pg_catalog.replace(@extschema@._registry_model(), '@registry@', name);
	INSERT INTO @extschema@.registries VALUES (name, @extschema@._registry_model_version());
END
$$;
COMMENT ON FUNCTION @extschema@._make_registry(text) IS
	'Helper of create_registry and upgrade_registry: the registry model in a new schema, entered in the catalog';

-- Appends the registry and the extension's schema to the database's default
-- search_path, so that every client's fresh session finds the registry's
-- tables and the operators of the extension's types (a string literal
-- compared with a care_form column needs the type's = operator in the path).
CREATE FUNCTION @extschema@._add_to_search_path(name text) RETURNS void
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	old_path text;
	elements text[];
	wanted text;
	new_path text;
BEGIN
	PERFORM @extschema@._check_registry_name(name);
	SELECT substr(c, length('search_path=') + 1) INTO old_path
	FROM pg_db_role_setting s, unnest(s.setconfig) c
	WHERE s.setdatabase = (SELECT d.oid FROM pg_database d WHERE d.datname = current_database())
	  AND s.setrole = 0 AND c LIKE 'search\_path=%';
	old_path := coalesce(old_path, '"$user", public');
	SELECT array_agg(btrim(e) ORDER BY o) INTO elements
	FROM unnest(string_to_array(old_path, ',')) WITH ORDINALITY AS t(e, o);
	FOREACH wanted IN ARRAY ARRAY[name, '@extschema@'] LOOP
		IF NOT (quote_ident(wanted) = ANY (elements) OR format('"%s"', wanted) = ANY (elements)) THEN
			elements := elements || quote_ident(wanted);
		END IF;
	END LOOP;
	new_path := array_to_string(elements, ', ');
	IF new_path = old_path THEN
		RETURN;
	END IF;
	BEGIN
		EXECUTE format('ALTER DATABASE %I SET search_path = %s', current_database(), new_path);
	EXCEPTION WHEN insufficient_privilege THEN
		RAISE WARNING 'the default search_path of database % is left as it is: only its owner may change it',
			current_database()
			USING HINT = format('Have the owner run: ALTER DATABASE %I SET search_path = %s;',
								current_database(), new_path);
		RETURN;
	END;
	RAISE NOTICE 'the default search_path of database % is now %, was %', current_database(), new_path, old_path
		USING HINT = format('New sessions use it; in this one, run SET search_path = %s; create_registry(..., set_search_path => false) leaves the setting alone.',
							new_path);
END
$$;
COMMENT ON FUNCTION @extschema@._add_to_search_path(text) IS
	'Helper of create_registry: appends the registry and the extension''s schema to the database''s default search_path, keeping what is there';

CREATE FUNCTION @extschema@.create_registry(name text DEFAULT 'registry',
		set_search_path boolean DEFAULT true)
	RETURNS void
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	PERFORM @extschema@._make_registry(name);
	IF set_search_path THEN
		PERFORM @extschema@._add_to_search_path(name);
	END IF;
END
$$;
COMMENT ON FUNCTION @extschema@.create_registry(text, boolean) IS
	'Makes a registry: schema name (new, or empty and owned by the caller), owned by the caller, with every registry table, view and function and the shipped reference rows; with set_search_path (the default), appends the registry and mobilvard to the database''s default search_path (a NOTICE says so)';

-- ---------------------------------------------------------------------------
-- Upgrading a registry
-- ---------------------------------------------------------------------------

-- The registry of 0.1.x: ALTER EXTENSION UPDATE left the tables that were
-- the extension's registry in the schema mobilvard_0_1 (sql/upgrade).  Their
-- rows move into a registry made by the current model; columns a DBA added
-- come along; the old schema goes once every row has arrived.
CREATE FUNCTION @extschema@._registry_from_0_1(name text) RETURNS void
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	-- In an order that satisfies the foreign keys, and the order in which
	-- keys that the registry assigns are given out.
	tables constant text[] := ARRAY['organisation', 'unit', 'catchment', 'patient', 'episode', 'contact',
		'charge_kind', 'charge', 'region_tariff', 'region_tariff_default', 'municipal_tariff',
		'municipal_tariff_default', 'personal_margin', 'travel_profile', 'population_cell',
		'urban_area', 'road_vertex', 'road_edge', 'priority_criterion'];
	order_by constant jsonb := '{"unit": "unit_id", "catchment": "unit_id, valid", "population_cell": "cell_id"}';
	t text;
	columns text;
	extra record;
	copied bigint;
	expected bigint;
BEGIN
	IF to_regnamespace('mobilvard_0_1') IS NULL THEN
		RAISE EXCEPTION 'no registry of mobilvard 0.1 waits in schema mobilvard_0_1'
			USING ERRCODE = 'undefined_object',
				  HINT = 'ALTER EXTENSION mobilvard UPDATE leaves it there when it updates from 0.1.';
	END IF;
	PERFORM @extschema@._make_registry(name);
	FOREACH t IN ARRAY tables LOOP
		IF to_regclass(format('mobilvard_0_1.%I', t)) IS NULL THEN
			CONTINUE;
		END IF;
		FOR extra IN
			SELECT a.attname, format_type(a.atttypid, a.atttypmod) AS type
			FROM pg_attribute a
			WHERE a.attrelid = format('mobilvard_0_1.%I', t)::regclass AND a.attnum > 0 AND NOT a.attisdropped
			  AND NOT EXISTS (SELECT FROM pg_attribute b
							  WHERE b.attrelid = format('%I.%I', name, t)::regclass
								AND b.attname = a.attname AND NOT b.attisdropped)
			ORDER BY a.attnum
		LOOP
			EXECUTE format('ALTER TABLE %I.%I ADD COLUMN %I %s', name, t, extra.attname, extra.type);
			RAISE NOTICE 'column %.% of the 0.1 registry is kept as a column of %.%',
				t, extra.attname, name, t;
		END LOOP;
		SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum) INTO columns
		FROM pg_attribute a
		WHERE a.attrelid = format('mobilvard_0_1.%I', t)::regclass AND a.attnum > 0 AND NOT a.attisdropped;
		-- The reference tables came filled: the old rows, edited or not, replace them.
		EXECUTE format('DELETE FROM %I.%I', name, t);
		EXECUTE format('INSERT INTO %1$I.%2$I (%3$s) SELECT %3$s FROM mobilvard_0_1.%2$I ORDER BY %4$s',
					   name, t, columns, coalesce(order_by ->> t, columns));
		GET DIAGNOSTICS copied = ROW_COUNT;
		EXECUTE format('SELECT count(*) FROM mobilvard_0_1.%I', t) INTO expected;
		IF copied <> expected THEN
			RAISE EXCEPTION 'copied % of the % rows of mobilvard_0_1.%', copied, expected, t;
		END IF;
		EXECUTE format('ANALYZE %I.%I', name, t);
	END LOOP;
	DROP SCHEMA mobilvard_0_1 CASCADE;
END
$$;
COMMENT ON FUNCTION @extschema@._registry_from_0_1(text) IS
	'Helper of upgrade_registry: a registry of 0.1.x (the tables ALTER EXTENSION UPDATE left in schema mobilvard_0_1) moved into a registry of the current model';

CREATE FUNCTION @extschema@.upgrade_registry(name text) RETURNS void
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	version text;
BEGIN
	SELECT r.model_version INTO version
	FROM @extschema@.registries r WHERE r.name = upgrade_registry.name FOR UPDATE;
	IF NOT FOUND AND to_regnamespace('mobilvard_0_1') IS NOT NULL THEN
		PERFORM @extschema@._registry_from_0_1(name);
		PERFORM @extschema@._add_to_search_path(name);
	ELSIF NOT FOUND THEN
		RAISE EXCEPTION 'registry "%" does not exist', name
			USING ERRCODE = 'undefined_object',
				  HINT = 'The registries of this database are the rows of @extschema@.registries.';
	ELSIF version = @extschema@._registry_model_version() THEN
		RAISE NOTICE 'registry "%" already has model %', name, version;
	ELSE
		RAISE EXCEPTION 'registry "%" has model %, which mobilvard % cannot upgrade', name, version,
			@extschema@._registry_model_version()
			USING ERRCODE = 'feature_not_supported';
	END IF;
END
$$;
COMMENT ON FUNCTION @extschema@.upgrade_registry(text) IS
	'Brings a registry made by an older registry model to the current one, data kept; in a database updated from mobilvard 0.1, makes a registry of this name and moves the 0.1 registry''s rows (schema mobilvard_0_1) into it';
