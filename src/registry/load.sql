-- registry/load.sql: loading a region's or a municipality's extracts
-- (doc/loading.md): load() and the rows it rejected.

CREATE SEQUENCE @registry@.load_id_seq;
COMMENT ON SEQUENCE @registry@.load_id_seq IS 'Numbers the runs of load()';

CREATE TABLE @registry@.load_reject (
	load_id bigint NOT NULL,
	target text NOT NULL,
	source_row bigint NOT NULL,
	source jsonb NOT NULL,
	sqlstate text NOT NULL,
	message text NOT NULL,
	at_fault text,
	loaded_by regrole NOT NULL DEFAULT current_user::text::regrole,
	rejected_at timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (load_id, source_row)
);
COMMENT ON TABLE @registry@.load_reject IS
	'Rows load() rejected, verbatim, each with the reason: what to send back to the source system';
COMMENT ON COLUMN @registry@.load_reject.load_id IS 'The run of load() (its summary''s load_id)';
COMMENT ON COLUMN @registry@.load_reject.target IS 'Table the row was for';
COMMENT ON COLUMN @registry@.load_reject.source_row IS 'Number of the row in the extract (the staging table''s source_row, or its order)';
COMMENT ON COLUMN @registry@.load_reject.source IS 'The row as the staging table had it, every column as text';
COMMENT ON COLUMN @registry@.load_reject.sqlstate IS 'SQLSTATE of the error the row would raise';
COMMENT ON COLUMN @registry@.load_reject.message IS 'What is wrong with the row';
COMMENT ON COLUMN @registry@.load_reject.at_fault IS 'The column or constraint at fault';
COMMENT ON COLUMN @registry@.load_reject.loaded_by IS 'Role that ran the load';
COMMENT ON COLUMN @registry@.load_reject.rejected_at IS 'When the load ran';

-- A role sees the rejects of its own loads (rows of its organisations'
-- extracts); a national role sees all.
ALTER TABLE @registry@.load_reject ENABLE ROW LEVEL SECURITY;
CREATE POLICY load_reject_of_own_loads ON @registry@.load_reject
	USING ((SELECT @registry@._sees_all()) OR pg_catalog.pg_has_role(loaded_by::oid, 'USAGE'));

CREATE FUNCTION @registry@.load(target text, staging regclass)
	RETURNS TABLE (load_id bigint, rows_read bigint, inserted bigint, updated bigint,
				   unchanged bigint, rejected bigint)
	LANGUAGE sql VOLATILE
BEGIN ATOMIC
	SELECT * FROM @extschema@._load('@registry@', target, staging);
END;
COMMENT ON FUNCTION @registry@.load(text, regclass) IS
	'Loads the rows of a staging table (text columns named as the target''s) into a table of the registry: good rows inserted or, where their key exists, updated when they differ; every other row kept in load_reject with its reason. Returns the run''s summary';
