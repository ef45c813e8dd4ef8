-- registry/network.sql: travel times on a registry's road network through
-- pgRouting (doc/geography.md).
--
-- pgRouting is optional: mobilvard installs and works without it, and only
-- the functions that route need it.  They reach it through dynamic SQL in
-- one function, _driving_distance, which raises a clear error (SQLSTATE
-- 55000, object not in prerequisite state, as PostgreSQL itself does for a
-- module that must be set up first) when it is missing.  Everything else is
-- plain SQL on top of that.

-- ---------------------------------------------------------------------------
-- The road graph, in pgRouting's layout
-- ---------------------------------------------------------------------------

CREATE TABLE @registry@.road_vertex (
	id bigint PRIMARY KEY,
	geom geometry(Point, 3006) NOT NULL
		CONSTRAINT road_vertex_geom_is_valid CHECK (ST_IsValid(geom) AND NOT ST_IsEmpty(geom))
		CONSTRAINT road_vertex_geom_in_sweden CHECK (@extschema@._in_sweden(geom))
);
CREATE INDEX road_vertex_geom_idx ON @registry@.road_vertex USING gist (geom);
COMMENT ON TABLE @registry@.road_vertex IS
	'Vertices (junctions) of the road graph; places are snapped to the nearest one';
COMMENT ON COLUMN @registry@.road_vertex.id IS 'Vertex identifier (key; road_edge.source and target)';
COMMENT ON COLUMN @registry@.road_vertex.geom IS 'Position of the vertex (SWEREF99 TM)';

CREATE TABLE @registry@.road_edge (
	id bigint PRIMARY KEY,
	source bigint NOT NULL REFERENCES @registry@.road_vertex (id),
	target bigint NOT NULL REFERENCES @registry@.road_vertex (id),
	cost double precision NOT NULL,
	reverse_cost double precision NOT NULL,
	geom geometry(LineString, 3006)
		CONSTRAINT road_edge_geom_in_sweden CHECK (@extschema@._in_sweden(geom)),
	CONSTRAINT road_edge_passable_one_way_at_least CHECK (cost >= 0::double precision OR reverse_cost >= 0::double precision),
	CONSTRAINT road_edge_costs_finite
		CHECK (cost > '-Infinity' AND cost < 'Infinity' AND reverse_cost > '-Infinity' AND reverse_cost < 'Infinity')
);
CREATE INDEX road_edge_source_idx ON @registry@.road_edge (source);
CREATE INDEX road_edge_target_idx ON @registry@.road_edge (target);
CREATE INDEX road_edge_geom_idx ON @registry@.road_edge USING gist (geom);
COMMENT ON TABLE @registry@.road_edge IS
	'Road graph in pgRouting''s layout (id, source, target, cost, reverse_cost), costs in minutes';
COMMENT ON COLUMN @registry@.road_edge.id IS 'Edge identifier (key)';
COMMENT ON COLUMN @registry@.road_edge.source IS 'Vertex the edge starts at';
COMMENT ON COLUMN @registry@.road_edge.target IS 'Vertex the edge ends at';
COMMENT ON COLUMN @registry@.road_edge.cost IS 'Minutes from source to target; negative: no way in that direction';
COMMENT ON COLUMN @registry@.road_edge.reverse_cost IS 'Minutes from target to source; negative: no way in that direction (one-way street)';
COMMENT ON COLUMN @registry@.road_edge.geom IS 'The road (SWEREF99 TM), for maps';

-- ---------------------------------------------------------------------------
-- The one call into pgRouting
-- ---------------------------------------------------------------------------

CREATE FUNCTION @registry@._driving_distance(starts bigint[], max_minutes double precision)
	RETURNS TABLE (start_vertex bigint, vertex_id bigint, minutes double precision)
	LANGUAGE plpgsql STABLE PARALLEL UNSAFE
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	pgr_schema name;
	pgr_version text;
	pgr oid;
	impostors text;
BEGIN
	SELECT n.nspname, e.extversion, e.oid INTO pgr_schema, pgr_version, pgr
	FROM pg_catalog.pg_extension e
	JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace
	WHERE e.extname = 'pgrouting';
	IF NOT FOUND THEN
		RAISE EXCEPTION 'road network travel needs the extension pgrouting, which is not installed'
			USING ERRCODE = 'object_not_in_prerequisite_state',
				  HINT = 'CREATE EXTENSION pgrouting;';
	END IF;
	-- pgRouting's functions take polymorphic arrays and call one another by
	-- name, so a function of another role's in pgRouting's schema under
	-- the name of one of pgRouting's, taking exactly the types a call
	-- passes, would run in its place.
	SELECT pg_catalog.string_agg(p.oid::regprocedure::text, ', ' ORDER BY p.oid::regprocedure::text)
	INTO impostors
	FROM pg_catalog.pg_proc p
	WHERE p.pronamespace = (SELECT e.extnamespace FROM pg_catalog.pg_extension e WHERE e.oid = pgr)
	  AND p.proname IN (SELECT q.proname FROM pg_catalog.pg_proc q
						JOIN pg_catalog.pg_depend d ON d.objid = q.oid
						WHERE d.classid = 'pg_catalog.pg_proc'::regclass AND d.deptype = 'e'
						  AND d.refclassid = 'pg_catalog.pg_extension'::regclass AND d.refobjid = pgr)
	  AND NOT EXISTS (SELECT FROM pg_catalog.pg_depend d
					  WHERE d.classid = 'pg_catalog.pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
						AND d.refclassid = 'pg_catalog.pg_extension'::regclass AND d.refobjid = pgr);
	IF impostors IS NOT NULL THEN
		RAISE EXCEPTION 'schema "%" holds functions under the names of pgRouting''s that are not pgRouting''s: %',
			pgr_schema, impostors
			USING ERRCODE = 'insufficient_privilege',
				  HINT = 'pgRouting would call them in place of its own: drop them, or keep pgRouting in a schema where only its owner creates objects.';
	END IF;
	max_minutes := @extschema@._time_limit(max_minutes, 'max_minutes');
	IF pg_catalog.array_ndims(starts) > 1 THEN
		RAISE EXCEPTION 'starts must be a one-dimensional array, not %-dimensional',
			pg_catalog.array_ndims(starts)
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	-- Not STRICT, so that a missing pgRouting is reported even when there
	-- is nothing to route; no start (or no limit) reaches nothing.
	starts := pg_catalog.array_remove(starts, NULL);
	IF coalesce(pg_catalog.cardinality(starts), 0) = 0 OR max_minutes IS NULL THEN
		RETURN;
	END IF;
	-- One multi-start run, then the nearest start per vertex.  Not with
	-- pgRouting's equicost: in 3.4 it keeps a vertex with a start that
	-- reached it, not always the nearest (sql/network.sql compares the
	-- result with pgr_dijkstraCost).  pgRouting 3.6 renamed the start column.
	-- pgRouting's SQL functions call their helpers unqualified, so they run
	-- with pgRouting's schema in the search_path (after pg_catalog); the
	-- function's SET clause restores the caller's when it returns.  Others'
	-- objects may be in that schema: what follows names its own.
	PERFORM pg_catalog.set_config('search_path',
		'pg_catalog, ' || pg_catalog.quote_ident(pgr_schema), true);
	RETURN QUERY EXECUTE pg_catalog.format(
		'SELECT DISTINCT ON (d.node) d.%1$I, d.node, d.agg_cost '
		'FROM %2$I.pgr_drivingDistance($1, $2, $3, true, false) d '
		'ORDER BY d.node, d.agg_cost, d.%1$I',
		CASE WHEN pg_catalog.string_to_array(pgr_version, '.')::int[] OPERATOR(pg_catalog.>=) '{3,6}'
			 THEN 'start_vid' ELSE 'from_v' END,
		pgr_schema)
	USING 'SELECT id, source, target, cost, reverse_cost FROM @registry@.road_edge',
		  starts, max_minutes;
END
$$;
COMMENT ON FUNCTION @registry@._driving_distance(bigint[], double precision) IS
	'Road vertices within max_minutes of any start vertex (one multi-start pgr_drivingDistance over road_edge), each once, with the start nearest to it and the minutes from it; NULL starts are ignored. Needs pgrouting (55000 without it)';

-- ---------------------------------------------------------------------------
-- Snapping and network travel
-- ---------------------------------------------------------------------------

CREATE FUNCTION @registry@._nearest_vertex(p geometry) RETURNS bigint
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
	SELECT v.id FROM @registry@.road_vertex v
	ORDER BY v.geom <-> @extschema@.to_sweref99tm(p), v.id
	LIMIT 1;
END;
COMMENT ON FUNCTION @registry@._nearest_vertex(geometry) IS
	'The road vertex nearest to the point (GiST index), NULL without a road graph';

CREATE FUNCTION @registry@._network_reach(max_minutes double precision,
		forms @extschema@.care_form[] DEFAULT NULL, on_date date DEFAULT current_date)
	RETURNS TABLE (vertex_id bigint, unit_id text, minutes double precision)
	LANGUAGE sql STABLE PARALLEL UNSAFE
BEGIN ATOMIC
	-- Bases are depots on the network: each starts at its nearest vertex.
	-- Units sharing a vertex share its times; the first unit_id names them.
	WITH start AS MATERIALIZED (
		SELECT @registry@._nearest_vertex(b.base) AS vertex_id, min(b.unit_id) AS unit_id
		FROM @registry@._active_bases(forms, on_date) b
		GROUP BY 1)
	SELECT d.vertex_id, s.unit_id, d.minutes
	FROM @registry@._driving_distance(
			 (SELECT pg_catalog.array_agg(s.vertex_id) FROM start s WHERE s.vertex_id IS NOT NULL),
			 max_minutes) d
	JOIN start s ON s.vertex_id = d.start_vertex;
END;
COMMENT ON FUNCTION @registry@._network_reach(double precision, @extschema@.care_form[], date) IS
	'Road vertices within max_minutes by road of the nearest base of the given forms (NULL: every mobile form) active on the date, with that unit; one pgRouting run from all bases';

CREATE FUNCTION @registry@._network_travel(max_minutes double precision,
		forms @extschema@.care_form[] DEFAULT NULL, profile text DEFAULT 'car',
		on_date date DEFAULT current_date)
	RETURNS TABLE (kind text, id text, municipality_code text, population integer,
				   population_65plus integer, unit_id text, vertex_id bigint,
				   minutes double precision)
	LANGUAGE sql STABLE PARALLEL UNSAFE
BEGIN ATOMIC
	-- Places (cell centroids, enrolled patients' homes) are snapped to their
	-- nearest vertex, all in one nearest_points call; the straight-line
	-- access from it, with the place's urban or rural speed and parking
	-- overhead, is added to the road time.
	WITH reach AS MATERIALIZED (
		SELECT * FROM @registry@._network_reach(max_minutes, forms, on_date)),
	vertex AS MATERIALIZED (
		SELECT pg_catalog.array_agg(v.id ORDER BY v.id) AS ids, pg_catalog.array_agg(v.geom ORDER BY v.id) AS geoms
		FROM @registry@.road_vertex v),
	place AS MATERIALIZED (
		SELECT pg_catalog.array_agg(pl.kind) AS kinds, pg_catalog.array_agg(pl.id) AS ids,
			   pg_catalog.array_agg(pl.municipality_code) AS municipality_codes,
			   pg_catalog.array_agg(pl.population) AS populations,
			   pg_catalog.array_agg(pl.population_65plus) AS populations_65plus,
			   pg_catalog.array_agg(pl.geom) AS geoms
		FROM (SELECT 'cell' AS kind, c.cell_id AS id, c.municipality_code, c.population,
					 c.population_65plus, ST_Centroid(c.geom) AS geom
			  FROM @registry@.population_cell c
			  UNION ALL
			  SELECT 'patient', p.patient_id::text, p.municipality_code, NULL, NULL, p.home
			  FROM @registry@.patient p
			  WHERE p.home IS NOT NULL
				AND p.patient_id IN (SELECT e.patient_id FROM @registry@.enrolled_patient e)) pl),
	snap AS (
		SELECT n.point_no, n.candidate_no
		FROM place, vertex, @extschema@.nearest_points(place.geoms, vertex.geoms) n),
	vertex_no AS (
		SELECT v.id, v.geom, v.no
		FROM vertex, unnest(vertex.ids, vertex.geoms) WITH ORDINALITY AS v(id, geom, no)),
	place_no AS (
		SELECT p.*
		FROM place, unnest(place.kinds, place.ids, place.municipality_codes, place.populations,
						   place.populations_65plus, place.geoms)
			 WITH ORDINALITY AS p(kind, id, municipality_code, population, population_65plus,
								  geom, no))
	SELECT p.kind, p.id, p.municipality_code, p.population, p.population_65plus,
		   CASE WHEN t.minutes <= max_minutes THEN r.unit_id END, v.id,
		   CASE WHEN t.minutes <= max_minutes THEN t.minutes END
	FROM place_no p
	LEFT JOIN snap s ON s.point_no = p.no
	LEFT JOIN vertex_no v ON v.no = s.candidate_no
	LEFT JOIN reach r ON r.vertex_id = v.id
	CROSS JOIN LATERAL (
		SELECT r.minutes + @registry@.travel_minutes(
			v.geom, p.geom,
			coalesce(ST_Intersects((SELECT @registry@._urban_union()), p.geom), false),
			profile) AS minutes) t;
END;
COMMENT ON FUNCTION @registry@._network_travel(double precision, @extschema@.care_form[], text, date) IS
	'Every population cell (kind cell, id cell_id) and enrolled home-care patient (kind patient, id patient_id) with its nearest road vertex and the travel minutes by road from the nearest base of the given forms (NULL: every mobile form) active on the date: road time to that vertex plus straight-line access by the travel profile; NULL unit and minutes beyond max_minutes';

CREATE FUNCTION @registry@.network_coverage(max_minutes double precision,
		forms @extschema@.care_form[] DEFAULT NULL, profile text DEFAULT 'car',
		on_date date DEFAULT current_date)
	RETURNS TABLE (municipality_code text, municipality text, population bigint,
				   population_65plus bigint, covered_population bigint, covered_65plus bigint,
				   covered_share double precision, covered_65plus_share double precision)
	LANGUAGE sql STABLE PARALLEL UNSAFE
BEGIN ATOMIC
	-- As in coverage: the covered cells first, so that errors surface (and
	-- every cell's travel is asked for, NULL where it is not covered).
	SELECT c.*
	FROM (SELECT ARRAY(SELECT CASE WHEN t.minutes IS NOT NULL THEN t.id END
					   FROM @registry@._network_travel(l.minutes, forms, profile, on_date) t
					   WHERE t.kind = 'cell') AS cells
		  FROM (SELECT @extschema@._time_limit(max_minutes, 'max_minutes') AS minutes OFFSET 0) l
		  OFFSET 0) covered,
		 LATERAL @registry@._coverage_by_municipality(covered.cells) c;
END;
COMMENT ON FUNCTION @registry@.network_coverage(double precision, @extschema@.care_form[], text, date) IS
	'coverage by road: per municipality, the population and 65+ in cells whose centroid is within max_minutes by road (network_travel) of the nearest base of the given forms, with the shares';

CREATE FUNCTION @registry@._isochrone(unit_id text, minutes double precision, profile text)
	RETURNS geometry
	LANGUAGE sql STABLE STRICT PARALLEL UNSAFE
BEGIN ATOMIC
	-- The places reachable in time: around each vertex reached, the disc
	-- that the straight-line access covers in the minutes left.
	SELECT ST_Multi(ST_Union(ST_Buffer(v.geom, r.metres, 4)))
	FROM @registry@.unit u,
		 LATERAL @registry@._driving_distance(
			 ARRAY[@registry@._nearest_vertex(u.base)], minutes) d
		 JOIN @registry@.road_vertex v ON v.id = d.vertex_id,
		 LATERAL (SELECT @registry@.travel_reach_m(
						  _isochrone.minutes - d.minutes,
						  coalesce(ST_Intersects((SELECT @registry@._urban_union()), v.geom), false),
						  profile) AS metres) r
	WHERE u.unit_id = _isochrone.unit_id AND u.base IS NOT NULL AND r.metres > 0::double precision
	  AND @extschema@._time_limit(_isochrone.minutes, 'minutes') IS NOT NULL;
END;
COMMENT ON FUNCTION @registry@._isochrone(text, double precision, text) IS
	'Helper of isochrone: the area itself';

-- GEOS reports a statement cancelled in the middle of the union (by
-- statement_timeout or a cancel request) as an error of its own, which
-- PostGIS passes on as an internal error; the caller is told that the
-- statement was cancelled.
CREATE FUNCTION @registry@.isochrone(unit_id text, minutes double precision,
		profile text DEFAULT 'car')
	RETURNS geometry
	LANGUAGE plpgsql STABLE STRICT PARALLEL UNSAFE
	SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	RETURN @registry@._isochrone(unit_id, minutes, profile);
EXCEPTION WHEN internal_error THEN
	IF SQLERRM LIKE '%InterruptedException%' THEN
		RAISE EXCEPTION 'canceling statement: the isochrone of unit % in % minutes was interrupted', unit_id, minutes
			USING ERRCODE = 'query_canceled';
	END IF;
	RAISE;
END
$$;
COMMENT ON FUNCTION @registry@.isochrone(text, double precision, text) IS
	'Area reachable by road from the unit''s base within the minutes (road time plus straight-line access by the travel profile), for maps; NULL when the unit has no base or nothing is reachable';
