-- geo.sql: the travel model, SWEREF99 TM points, nearest points and the
-- dimensioning ratios (src/geo.c, src/nearest.c; doc/geography.md).  The
-- registry's catchments, coverage and travel profiles are in registry/geo.sql.

-- ---------------------------------------------------------------------------
-- Travel model (C)
-- ---------------------------------------------------------------------------

CREATE FUNCTION @extschema@.to_sweref99tm(geom geometry) RETURNS geometry
	AS 'MODULE_PATHNAME', 'to_sweref99tm'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.to_sweref99tm(geometry) IS
	'The geometry in SWEREF99 TM (SRID 3006), transformed from any other SRID; SRID 0 (unknown) is error 22023';

-- @sweden-extent {
-- Registry geometries must lie within Sweden's extent: a point in the sea
-- off Africa is a coordinate mix-up, and would silently make every distance
-- and catchment of the registry wrong.  The arguments are of the exact
-- types ST_MakeEnvelope takes, so that no other function can match better.
CREATE FUNCTION @extschema@._in_sweden(g geometry) RETURNS boolean
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	RETURN ST_IsEmpty(g)
		OR g @ ST_MakeEnvelope(181896::float8, 6090340::float8, 1086313::float8, 7689479::float8, 3006);
COMMENT ON FUNCTION @extschema@._in_sweden(geometry) IS
	'Helper of the registry''s geometry constraints: whether the geometry''s bounding box lies within Sweden''s extent in SWEREF99 TM (the EPSG area of use of SRID 3006: 10.03-24.17 E, 54.96-69.07 N); an empty geometry is left to the constraints on emptiness';
-- @sweden-extent }

-- @profile-travel {
-- The registry's travel_minutes and travel_reach_m call these with their
-- own travel_profile table.
CREATE FUNCTION @extschema@._travel_minutes("from" geometry, "to" geometry,
		urban boolean, profile text, profiles regclass)
	RETURNS double precision
	AS 'MODULE_PATHNAME', 'travel_minutes'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@._travel_minutes(geometry, geometry, boolean, text, regclass) IS
	'Straight-line travel time in minutes between two points: metres x detour_factor / speed + overhead, with the urban or rural speed and overhead of the profile, a row of the table profiles (unknown profile: 22023). Points in any SRID are transformed to 3006 (SRID 0: 22023); an empty point gives NULL';

CREATE FUNCTION @extschema@._travel_reach_m(minutes double precision, urban boolean,
		profile text, profiles regclass)
	RETURNS double precision
	AS 'MODULE_PATHNAME', 'travel_reach_m'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@._travel_reach_m(double precision, boolean, text, regclass) IS
	'The inverse of travel_minutes: straight-line metres reachable in the minutes with the urban or rural speed, detour and overhead of the profile (0 when the minutes do not cover the overhead)';

-- @profile-travel }

CREATE FUNCTION @extschema@.nearest_point(p geometry, candidates geometry[]) RETURNS integer
	AS 'MODULE_PATHNAME', 'nearest_point'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.nearest_point(geometry, geometry[]) IS
	'Subscript of the candidate point nearest to p (any SRID, transformed to 3006; the lowest subscript on a tie); NULL when p is empty or no candidate is a point. For one array of candidates (e.g. bases) against many rows: the parsed array is kept between rows; for large candidate sets use nearest_points';

CREATE FUNCTION @extschema@.nearest_points(points geometry[], candidates geometry[])
	RETURNS TABLE (point_no integer, candidate_no integer, distance_m double precision)
	AS 'MODULE_PATHNAME', 'nearest_points'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 1000;
COMMENT ON FUNCTION @extschema@.nearest_points(geometry[], geometry[]) IS
	'For each point (any SRID, transformed to 3006), the nearest candidate point: their subscripts and the distance in metres (the lowest candidate subscript on a tie). Points that are NULL or empty, or have no candidate, give no row. One call for many points: the candidates are bucketed on a grid once';

-- ---------------------------------------------------------------------------
-- Dimensioning (C)
-- ---------------------------------------------------------------------------

CREATE FUNCTION @extschema@.dimensioning(population bigint, population_65plus bigint,
		home_care_patients bigint,
		OUT teams integer, OUT severely_ill integer,
		OUT home_care_low integer, OUT home_care_high integer,
		OUT doctors_low integer, OUT doctors_high integer)
	AS 'MODULE_PATHNAME', 'dimensioning'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.dimensioning(bigint, bigint, bigint) IS
	'The county report''s ratios: teams = round(population / 100000), at least 1 where anyone lives; severely_ill = round(0.2% of population); home-care target group 3-5% of the 65+; doctors = ceil(patients / 200) to ceil(patients / 150). Negative input: 22023';

