-- schema.sql: the extension's schema (doc/registry.md).

-- The schema must be the installer's alone: a schema made beforehand by
-- another role, or one in which others may create objects, would let them
-- plant functions and operators among the extension's (and PostgreSQL
-- installs into an existing schema as it finds it).
DO $schema$
DECLARE
	owner oid;
	creators text;
BEGIN
	SELECT n.nspowner INTO owner FROM pg_catalog.pg_namespace n WHERE n.nspname = '@extschema@';
	IF owner OPERATOR(pg_catalog.<>) (SELECT r.oid FROM pg_catalog.pg_roles r WHERE r.rolname = current_user) THEN
		RAISE EXCEPTION 'schema "@extschema@" belongs to role %, not to the role installing mobilvard',
			pg_catalog.pg_get_userbyid(owner)
			USING ERRCODE = 'insufficient_privilege',
				  HINT = 'Drop or rename that schema, or have its owner give it up (ALTER SCHEMA ... OWNER TO), then CREATE EXTENSION again.';
	END IF;
	SELECT pg_catalog.string_agg(CASE WHEN a.grantee OPERATOR(pg_catalog.=) 0 THEN 'PUBLIC'
									  ELSE pg_catalog.pg_get_userbyid(a.grantee) END, ', ')
	INTO creators
	FROM pg_catalog.pg_namespace n, pg_catalog.aclexplode(n.nspacl) a
	WHERE n.nspname = '@extschema@' AND a.privilege_type OPERATOR(pg_catalog.=) 'CREATE'
	  AND a.grantee OPERATOR(pg_catalog.<>) n.nspowner;
	IF creators IS NOT NULL THEN
		RAISE EXCEPTION 'other roles may create objects in schema "@extschema@": %', creators
			USING ERRCODE = 'insufficient_privilege',
				  HINT = 'REVOKE CREATE ON SCHEMA @extschema@ FROM them, then CREATE EXTENSION again.';
	END IF;
END
$schema$;

-- The extension's types, functions and national figures are for every role
-- that reads a registry: its columns are of these types, and comparing them
-- with a literal needs their operators in a schema the role may use.
GRANT USAGE ON SCHEMA @extschema@ TO PUBLIC;
