-- registry/access.sql: which organisations' records a role sees
-- (doc/registry.md, "Who sees which records").  Row-level security on the
-- record tables; the views are security_invoker, so they show each role
-- only the rows its policies let through.

CREATE TABLE @registry@.org_access (
	role_name regrole NOT NULL,
	org_code text REFERENCES @registry@.organisation (org_code) ON DELETE CASCADE,
	CONSTRAINT org_access_role_org_key UNIQUE NULLS NOT DISTINCT (role_name, org_code)
);
COMMENT ON TABLE @registry@.org_access IS
	'Which organisations'' records each role sees (row-level security); a row without org_code gives the role every organisation (a national role)';
COMMENT ON COLUMN @registry@.org_access.role_name IS
	'Role (or group role: its members with its privileges see the same); stored by identity, so a later role of the same name gets nothing';
COMMENT ON COLUMN @registry@.org_access.org_code IS
	'Organisation whose records the role sees; NULL for every organisation';

-- The current role's access, for the policies.  It runs with its owner's
-- rights (not security_invoker), so that no role needs to read org_access
-- itself; pg_has_role still asks about the role running the query.
CREATE VIEW @registry@._role_access AS
SELECT coalesce(pg_catalog.bool_or(a.org_code IS NULL), false) AS sees_all,
	   coalesce(pg_catalog.array_agg(a.org_code) FILTER (WHERE a.org_code IS NOT NULL),
				'{}'::text[]) AS org_codes
FROM @registry@.org_access a
WHERE pg_catalog.pg_has_role(a.role_name::oid, 'USAGE');
COMMENT ON VIEW @registry@._role_access IS
	'Helper of the row-level security policies: whether the current role sees every organisation, and which organisations it sees';
COMMENT ON COLUMN @registry@._role_access.sees_all IS 'The current role sees every organisation''s records';
COMMENT ON COLUMN @registry@._role_access.org_codes IS 'The organisations whose records the current role sees';
GRANT SELECT ON @registry@._role_access TO PUBLIC;

-- The policies read the access through these functions, each called once
-- per query as an InitPlan ("(SELECT f())"), so that a national role pays
-- no lookup per row (the cast makes "= ANY" take the array, not a set).  Being functions, not subqueries, they add nothing to
-- plan to every reference of a table in a view.
CREATE FUNCTION @registry@._sees_all() RETURNS boolean
	LANGUAGE sql STABLE PARALLEL SAFE
	RETURN (SELECT r.sees_all FROM @registry@._role_access r);
COMMENT ON FUNCTION @registry@._sees_all() IS
	'Helper of the row-level security policies: whether the current role sees every organisation''s records';

CREATE FUNCTION @registry@._own_org_codes() RETURNS text[]
	LANGUAGE sql STABLE PARALLEL SAFE
	RETURN (SELECT r.org_codes FROM @registry@._role_access r);
COMMENT ON FUNCTION @registry@._own_org_codes() IS
	'Helper of the row-level security policies: the organisations whose records the current role sees';

ALTER TABLE @registry@.unit ENABLE ROW LEVEL SECURITY;
CREATE POLICY unit_of_own_organisations ON @registry@.unit
	USING ((SELECT @registry@._sees_all())
		   OR org_code = ANY ((SELECT @registry@._own_org_codes())::text[]));

ALTER TABLE @registry@.charge ENABLE ROW LEVEL SECURITY;
CREATE POLICY charge_of_own_organisations ON @registry@.charge
	USING ((SELECT @registry@._sees_all())
		   OR org_code = ANY ((SELECT @registry@._own_org_codes())::text[]));

-- Catchments, episodes and contacts belong to their unit's organisation:
-- the unit's policy decides which units the subquery sees.
ALTER TABLE @registry@.catchment ENABLE ROW LEVEL SECURITY;
CREATE POLICY catchment_of_own_units ON @registry@.catchment
	USING ((SELECT @registry@._sees_all())
		   OR unit_id IN (SELECT u.unit_id FROM @registry@.unit u));

ALTER TABLE @registry@.episode ENABLE ROW LEVEL SECURITY;
CREATE POLICY episode_of_own_units ON @registry@.episode
	USING ((SELECT @registry@._sees_all())
		   OR unit_id IN (SELECT u.unit_id FROM @registry@.unit u));

ALTER TABLE @registry@.contact ENABLE ROW LEVEL SECURITY;
CREATE POLICY contact_of_own_units ON @registry@.contact
	USING ((SELECT @registry@._sees_all())
		   OR unit_id IN (SELECT u.unit_id FROM @registry@.unit u));

ALTER TABLE @registry@.patient_listing ENABLE ROW LEVEL SECURITY;
CREATE POLICY patient_listing_of_own_units ON @registry@.patient_listing
	USING ((SELECT @registry@._sees_all())
		   OR unit_id IN (SELECT u.unit_id FROM @registry@.unit u));

-- A patient is seen by the roles that see one of the patient's episodes,
-- contacts, charges or listings.  A new patient has none yet, so adding patients is
-- open to every role with INSERT on the table.
ALTER TABLE @registry@.patient ENABLE ROW LEVEL SECURITY;
CREATE POLICY patient_with_own_records ON @registry@.patient
	USING ((SELECT @registry@._sees_all())
		   OR EXISTS (SELECT FROM @registry@.episode e WHERE e.patient_id = patient.patient_id)
		   OR EXISTS (SELECT FROM @registry@.contact c WHERE c.patient_id = patient.patient_id)
		   OR EXISTS (SELECT FROM @registry@.charge ch WHERE ch.patient_id = patient.patient_id)
		   OR EXISTS (SELECT FROM @registry@.patient_listing l WHERE l.patient_id = patient.patient_id));
CREATE POLICY patient_may_be_added ON @registry@.patient FOR INSERT
	WITH CHECK (true);

-- The personal margin is the municipality's assessment of the patient's
-- means: seen by the roles of the patient's municipality of residence.
ALTER TABLE @registry@.personal_margin ENABLE ROW LEVEL SECURITY;
CREATE POLICY personal_margin_of_own_residents ON @registry@.personal_margin
	USING ((SELECT @registry@._sees_all())
		   OR EXISTS (SELECT FROM @registry@.patient p
					  JOIN @registry@.organisation o ON o.municipality_code = p.municipality_code
					  WHERE p.patient_id = personal_margin.patient_id
						AND o.org_code = ANY ((SELECT @registry@._own_org_codes())::text[])));
