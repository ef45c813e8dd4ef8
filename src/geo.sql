-- geo.sql: travel model, catchments, nearest base, coverage and dimensioning
-- (src/geo.c; contract section 4).
--
-- SQL function bodies are SQL-standard (BEGIN ATOMIC): they are parsed when
-- the extension is created, so PostGIS functions and operators resolve then
-- and the caller's search_path never matters.

-- ---------------------------------------------------------------------------
-- Travel model (C)
-- ---------------------------------------------------------------------------

CREATE FUNCTION @extschema@.to_sweref99tm(geom geometry) RETURNS geometry
	AS 'MODULE_PATHNAME', 'to_sweref99tm'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.to_sweref99tm(geometry) IS
	'The geometry in SWEREF99 TM (SRID 3006), transformed from any other SRID; SRID 0 (unknown) is error 22023';

CREATE FUNCTION @extschema@.travel_minutes("from" geometry, "to" geometry,
		urban boolean DEFAULT false, profile text DEFAULT 'car')
	RETURNS double precision
	AS 'MODULE_PATHNAME', 'travel_minutes'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.travel_minutes(geometry, geometry, boolean, text) IS
	'Straight-line travel time in minutes between two points: metres x detour_factor / speed + overhead, with the urban or rural speed and overhead of the travel_profile row (unknown profile: 22023). Points in any SRID are transformed to 3006 (SRID 0: 22023); an empty point gives NULL';

CREATE FUNCTION @extschema@.travel_reach_m(minutes double precision, urban boolean DEFAULT false,
		profile text DEFAULT 'car')
	RETURNS double precision
	AS 'MODULE_PATHNAME', 'travel_reach_m'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.travel_reach_m(double precision, boolean, text) IS
	'The inverse of travel_minutes: straight-line metres reachable in the minutes with the urban or rural speed, detour and overhead of the profile (0 when the minutes do not cover the overhead)';

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

CREATE FUNCTION @extschema@.is_urban(p geometry) RETURNS boolean
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
	SELECT EXISTS (SELECT FROM @extschema@.urban_area u
				   WHERE ST_Intersects(u.geom, @extschema@.to_sweref99tm(p)));
END;
COMMENT ON FUNCTION @extschema@.is_urban(geometry) IS
	'Whether the point lies in a town (urban_area), where travel_minutes uses the urban speed and overhead';

-- The union of the towns, for set-based queries that test many points
-- against them at once (the rule of is_urban, with one prepared geometry).
CREATE FUNCTION @extschema@.urban_union() RETURNS geometry
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	SELECT ST_Union(geom) FROM @extschema@.urban_area;
END;
COMMENT ON FUNCTION @extschema@.urban_union() IS
	'All towns (urban_area) as one geometry, NULL when there are none';

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

-- ---------------------------------------------------------------------------
-- Units, catchments and bases
-- ---------------------------------------------------------------------------

CREATE FUNCTION @extschema@.unit_is_active(unit_id text, on_date date) RETURNS boolean
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	SELECT EXISTS (SELECT FROM @extschema@.catchment c
				   WHERE c.unit_id = unit_is_active.unit_id AND c.valid @> on_date)
		OR NOT EXISTS (SELECT FROM @extschema@.catchment c
					   WHERE c.unit_id = unit_is_active.unit_id);
END;
COMMENT ON FUNCTION @extschema@.unit_is_active(text, date) IS
	'Whether the unit works on the date: it has a catchment valid then, or no catchment history at all';

CREATE FUNCTION @extschema@.units_covering(p geometry, on_date date DEFAULT current_date)
	RETURNS text[]
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
	SELECT coalesce(array_agg(DISTINCT c.unit_id ORDER BY c.unit_id), '{}')
	FROM @extschema@.catchment c
	WHERE ST_Intersects(c.area, @extschema@.to_sweref99tm(p)) AND c.valid @> on_date;
END;
COMMENT ON FUNCTION @extschema@.units_covering(geometry, date) IS
	'Units whose catchment, valid on the date, contains the point (boundary included), sorted; empty when none';

CREATE FUNCTION @extschema@.unit_serves(unit_id text, unit_form @extschema@.care_form,
		forms @extschema@.care_form[], on_date date)
	RETURNS boolean
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	SELECT CASE WHEN forms IS NULL THEN unit_form <> 'none' ELSE unit_form = ANY (forms) END
		   AND @extschema@.unit_is_active(unit_id, on_date);
END;
COMMENT ON FUNCTION @extschema@.unit_serves(text, @extschema@.care_form, @extschema@.care_form[], date) IS
	'Whether a unit of this form counts among the given forms (NULL: every mobile form, i.e. not none) and is active on the date';

-- Not STRICT and a single SELECT, so that the planner inlines it into the
-- caller's query.
CREATE FUNCTION @extschema@.active_bases(forms @extschema@.care_form[], on_date date)
	RETURNS TABLE (unit_id text, base geometry)
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	SELECT u.unit_id, u.base
	FROM @extschema@.unit u
	WHERE u.base IS NOT NULL
	  AND @extschema@.unit_serves(u.unit_id, u.unit_form, forms, on_date);
END;
COMMENT ON FUNCTION @extschema@.active_bases(@extschema@.care_form[], date) IS
	'Bases of the units of the given forms (NULL: every mobile form, i.e. not none) that are active on the date';

CREATE FUNCTION @extschema@.nearest_base(p geometry, forms @extschema@.care_form[] DEFAULT NULL,
		on_date date DEFAULT current_date)
	RETURNS TABLE (unit_id text, distance_m double precision, minutes double precision)
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	SELECT b.unit_id, b.base <-> q.p,
		   @extschema@.travel_minutes(b.base, q.p, @extschema@.is_urban(q.p))
	FROM (SELECT @extschema@.to_sweref99tm(p) AS p) q,
		 LATERAL (SELECT u.unit_id, u.base
				  FROM @extschema@.unit u
				  WHERE @extschema@.unit_serves(u.unit_id, u.unit_form, forms, on_date)
				  ORDER BY u.base <-> q.p	-- alone, or the index cannot order
				  LIMIT 1) b;
END;
COMMENT ON FUNCTION @extschema@.nearest_base(geometry, @extschema@.care_form[], date) IS
	'The base nearest to the point among units of the given forms (NULL: every mobile form) active on the date, found through the GiST index on unit.base (on an exact tie, any of the nearest): unit, straight-line metres and travel minutes (car, urban by the point); no row without a base';

-- ---------------------------------------------------------------------------
-- Population cells and coverage
-- ---------------------------------------------------------------------------

CREATE FUNCTION @extschema@.cell_travel(forms @extschema@.care_form[] DEFAULT NULL,
		profile text DEFAULT 'car', on_date date DEFAULT current_date)
	RETURNS TABLE (cell_id text, municipality_code text, population integer,
				   population_65plus integer, unit_id text, distance_m double precision,
				   minutes double precision, urban boolean, geom geometry)
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	-- One pass over the cells: each centroid meets the bases as one array
	-- (nearest_point keeps it parsed) and the towns as one geometry (PostGIS
	-- keeps it prepared), instead of index probes per cell.  OFFSET 0 keeps
	-- the centroid and the nearest subscript computed once per cell.
	WITH bases AS MATERIALIZED (
		SELECT array_agg(a.unit_id ORDER BY a.unit_id) AS unit_ids,
			   array_agg(a.base ORDER BY a.unit_id) AS bases
		FROM @extschema@.active_bases(forms, on_date) a),
	cell AS (
		SELECT c.cell_id, c.municipality_code, c.population, c.population_65plus, c.geom,
			   ST_Centroid(c.geom) AS centre
		FROM @extschema@.population_cell c
		OFFSET 0),
	nearest AS (
		SELECT cell.*,
			   @extschema@.nearest_point(cell.centre, (SELECT b.bases FROM bases b)) AS i,
			   coalesce(ST_Intersects((SELECT @extschema@.urban_union()), cell.centre), false) AS urban
		FROM cell
		OFFSET 0)
	SELECT n.cell_id, n.municipality_code, n.population, n.population_65plus,
		   (SELECT b.unit_ids FROM bases b)[n.i],
		   ST_Distance((SELECT b.bases FROM bases b)[n.i], n.centre),
		   @extschema@.travel_minutes((SELECT b.bases FROM bases b)[n.i], n.centre, n.urban, profile),
		   n.urban, n.geom
	FROM nearest n;
END;
COMMENT ON FUNCTION @extschema@.cell_travel(@extschema@.care_form[], text, date) IS
	'Every population cell with the nearest base (of the given forms, NULL: every mobile form, active on the date) to its centroid: unit, straight-line metres, travel minutes by the profile (urban when the centroid lies in a town); NULL unit when there is no base';

-- The per-municipality sums of coverage, for the straight-line model and
-- the road network alike: every cell counts towards its municipality's
-- population, the cells in covered_cells towards the covered.
CREATE FUNCTION @extschema@.coverage_by_municipality(covered_cells text[])
	RETURNS TABLE (municipality_code text, municipality text, population bigint,
				   population_65plus bigint, covered_population bigint, covered_65plus bigint,
				   covered_share double precision, covered_65plus_share double precision)
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	WITH covered AS (
		SELECT DISTINCT k.cell_id FROM unnest(covered_cells) AS k(cell_id)),
	per_municipality AS (
		SELECT c.municipality_code,
			   sum(c.population) AS population,
			   sum(c.population_65plus) AS population_65plus,
			   coalesce(sum(c.population) FILTER (WHERE k.cell_id IS NOT NULL), 0) AS covered,
			   coalesce(sum(c.population_65plus) FILTER (WHERE k.cell_id IS NOT NULL), 0) AS covered_65plus
		FROM @extschema@.population_cell c
		LEFT JOIN covered k ON k.cell_id = c.cell_id
		GROUP BY c.municipality_code)
	SELECT o.municipality_code, o.name,
		   coalesce(m.population, 0)::bigint, coalesce(m.population_65plus, 0)::bigint,
		   coalesce(m.covered, 0)::bigint, coalesce(m.covered_65plus, 0)::bigint,
		   m.covered::double precision / nullif(m.population, 0),
		   m.covered_65plus::double precision / nullif(m.population_65plus, 0)
	FROM @extschema@.organisation o
	LEFT JOIN per_municipality m ON m.municipality_code = o.municipality_code
	WHERE o.principal = 'municipality'
	ORDER BY o.municipality_code;
END;
COMMENT ON FUNCTION @extschema@.coverage_by_municipality(text[]) IS
	'Per municipality: population and 65+ of its population cells, those of them in the given covered cells, and the shares (NULL where nobody lives); the summary behind coverage and network_coverage';

CREATE FUNCTION @extschema@.coverage(max_minutes double precision,
		forms @extschema@.care_form[] DEFAULT NULL, profile text DEFAULT 'car',
		on_date date DEFAULT current_date)
	RETURNS TABLE (municipality_code text, municipality text, population bigint,
				   population_65plus bigint, covered_population bigint, covered_65plus bigint,
				   covered_share double precision, covered_65plus_share double precision)
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	-- The covered cells are gathered first (OFFSET 0 keeps the subquery
	-- apart), so that errors surface even where no cell is populated.
	SELECT c.*
	FROM (SELECT ARRAY(SELECT t.cell_id FROM @extschema@.cell_travel(forms, profile, on_date) t
					   WHERE t.minutes <= max_minutes) AS cells
		  OFFSET 0) covered,
		 LATERAL @extschema@.coverage_by_municipality(covered.cells) c;
END;
COMMENT ON FUNCTION @extschema@.coverage(double precision, @extschema@.care_form[], text, date) IS
	'Per municipality: population and 65+ (from population_cell), and those in cells whose centroid is within max_minutes of the nearest base of the given forms (NULL: every mobile form) by the travel profile, with the shares (NULL where nobody lives)';

CREATE VIEW @extschema@.coverage_gap AS
SELECT t.cell_id, t.municipality_code, t.population, t.population_65plus,
	   t.unit_id AS nearest_unit_id, t.distance_m, t.minutes,
	   NOT coalesce(ST_Intersects(k.area, ST_Centroid(t.geom)), false) AS outside_catchment,
	   t.minutes IS NULL OR t.minutes > 30 AS beyond_30,
	   t.minutes IS NULL OR t.minutes > 60 AS beyond_60,
	   t.geom::geometry(Polygon, 3006) AS geom
FROM @extschema@.cell_travel() t,
	 (SELECT ST_Union(c.area) AS area FROM @extschema@.catchment c
	  WHERE c.valid @> current_date) k
WHERE t.population > 0
  AND (t.minutes IS NULL OR t.minutes > 30
	   OR NOT coalesce(ST_Intersects(k.area, ST_Centroid(t.geom)), false));
COMMENT ON VIEW @extschema@.coverage_gap IS
	'Populated cells that no team covers today: outside every valid catchment, or more than 30 (or 60) minutes by car from the nearest base of any mobile form; for maps';
COMMENT ON COLUMN @extschema@.coverage_gap.cell_id IS 'Population cell';
COMMENT ON COLUMN @extschema@.coverage_gap.municipality_code IS 'Municipality of the cell';
COMMENT ON COLUMN @extschema@.coverage_gap.population IS 'Residents in the cell';
COMMENT ON COLUMN @extschema@.coverage_gap.population_65plus IS 'Residents aged 65 or more';
COMMENT ON COLUMN @extschema@.coverage_gap.nearest_unit_id IS 'Unit with the nearest base (NULL when there is none)';
COMMENT ON COLUMN @extschema@.coverage_gap.distance_m IS 'Straight-line metres from that base to the cell centroid';
COMMENT ON COLUMN @extschema@.coverage_gap.minutes IS 'Travel minutes by car from that base';
COMMENT ON COLUMN @extschema@.coverage_gap.outside_catchment IS 'The centroid lies in no catchment valid today';
COMMENT ON COLUMN @extschema@.coverage_gap.beyond_30 IS 'No base within 30 minutes';
COMMENT ON COLUMN @extschema@.coverage_gap.beyond_60 IS 'No base within 60 minutes';
COMMENT ON COLUMN @extschema@.coverage_gap.geom IS 'The cell (SWEREF99 TM)';

-- ---------------------------------------------------------------------------
-- Enrolled patients, dimensioning and reach per unit
-- ---------------------------------------------------------------------------

CREATE VIEW @extschema@.enrolled_patient AS
WITH period AS (
	SELECT (max(e.start_date) - interval '1 year' + interval '1 day')::date AS first_day,
		   max(e.start_date) AS last_day
	FROM @extschema@.episode e)
SELECT e.unit_id, p.patient_id, p.municipality_code, p.home,
	   count(*) AS episodes
FROM @extschema@.episode e
JOIN @extschema@.patient p ON p.patient_id = e.patient_id, period
WHERE @extschema@.is_home(e.setting)
  AND e.start_date <= period.last_day
  AND (e.end_date IS NULL OR e.end_date >= period.first_day)
GROUP BY e.unit_id, p.patient_id;
COMMENT ON VIEW @extschema@.enrolled_patient IS
	'Home-care patients of each unit: patients with an episode at home (ordinary or special housing, short-term housing) in the registry''s latest 12 months (up to the latest episode start)';
COMMENT ON COLUMN @extschema@.enrolled_patient.unit_id IS 'Unit the patient is enrolled with';
COMMENT ON COLUMN @extschema@.enrolled_patient.patient_id IS 'Patient';
COMMENT ON COLUMN @extschema@.enrolled_patient.municipality_code IS 'Municipality of residence';
COMMENT ON COLUMN @extschema@.enrolled_patient.home IS 'Home address point (SWEREF99 TM)';
COMMENT ON COLUMN @extschema@.enrolled_patient.episodes IS 'Home episodes with the unit in the period';

CREATE VIEW @extschema@.dimensioning_by_area AS
WITH cells AS (
	SELECT c.municipality_code, sum(c.population) AS population,
		   sum(c.population_65plus) AS population_65plus
	FROM @extschema@.population_cell c
	GROUP BY c.municipality_code),
patients AS (
	SELECT e.municipality_code, count(DISTINCT e.patient_id) AS patients
	FROM @extschema@.enrolled_patient e
	GROUP BY e.municipality_code),
-- The county report's teams are community care teams (a doctor and two
-- nurses each).  A team counts in the municipalities its catchment covers,
-- split by the population it covers there; a team without a populated
-- catchment counts where its base is.
team_cell AS (
	SELECT u.unit_id, c.municipality_code, c.population
	FROM @extschema@.unit u
	JOIN @extschema@.catchment k ON k.unit_id = u.unit_id AND k.valid @> current_date
	JOIN @extschema@.population_cell c
		ON c.geom && k.area AND ST_Intersects(k.area, ST_Centroid(c.geom))
	WHERE u.unit_form = 'community_care_team' AND c.population > 0),
team_share AS (
	SELECT t.unit_id, t.municipality_code,
		   sum(t.population)::numeric / sum(sum(t.population)) OVER (PARTITION BY t.unit_id) AS share
	FROM team_cell t
	GROUP BY t.unit_id, t.municipality_code
	UNION ALL
	SELECT u.unit_id,
		   (SELECT c.municipality_code FROM @extschema@.population_cell c
			ORDER BY c.geom <-> u.base LIMIT 1),
		   1
	FROM @extschema@.unit u
	WHERE u.unit_form = 'community_care_team'
	  AND @extschema@.unit_is_active(u.unit_id, current_date)
	  AND NOT EXISTS (SELECT FROM team_cell t WHERE t.unit_id = u.unit_id)),
municipality AS (
	SELECT o.parent_org, o.county_part, o.municipality_code, o.name,
		   coalesce(c.population, 0) AS population,
		   coalesce(c.population_65plus, 0) AS population_65plus,
		   coalesce(p.patients, 0) AS patients,
		   coalesce((SELECT sum(s.share) FROM team_share s
					 WHERE s.municipality_code = o.municipality_code), 0) AS teams
	FROM @extschema@.organisation o
	LEFT JOIN cells c ON c.municipality_code = o.municipality_code
	LEFT JOIN patients p ON p.municipality_code = o.municipality_code
	WHERE o.principal = 'municipality'),
area AS (
	SELECT CASE WHEN GROUPING(m.municipality_code) = 0 THEN 'municipality'
				WHEN GROUPING(m.county_part) = 0 THEN 'county_part'
				ELSE 'county' END AS area_type,
		   m.parent_org, m.county_part, m.municipality_code, m.name,
		   sum(m.population)::bigint AS population,
		   sum(m.population_65plus)::bigint AS population_65plus,
		   sum(m.patients)::bigint AS patients,
		   round(sum(m.teams), 1) AS teams_present
	FROM municipality m
	GROUP BY GROUPING SETS ((m.parent_org, m.county_part, m.municipality_code, m.name),
							(m.parent_org, m.county_part), (m.parent_org)))
SELECT a.area_type,
	   CASE a.area_type WHEN 'municipality' THEN a.municipality_code
						WHEN 'county_part' THEN a.county_part
						ELSE a.parent_org END AS area_code,
	   CASE a.area_type WHEN 'municipality' THEN a.name
						WHEN 'county_part' THEN a.county_part
						ELSE r.name END AS area_name,
	   a.county_part, a.population, a.population_65plus, a.patients AS home_care_patients,
	   d.teams AS teams_needed, d.severely_ill, d.home_care_low, d.home_care_high,
	   d.doctors_low, d.doctors_high, a.teams_present,
	   d.teams - a.teams_present AS team_gap
FROM area a
LEFT JOIN @extschema@.organisation r ON r.org_code = a.parent_org
CROSS JOIN LATERAL @extschema@.dimensioning(a.population, a.population_65plus, a.patients) d
WHERE a.area_type <> 'county_part' OR a.county_part IS NOT NULL;
COMMENT ON VIEW @extschema@.dimensioning_by_area IS
	'Needs by the county report''s ratios (dimensioning) per municipality, per county part and per county (the region the municipalities belong to), next to the community care teams present (team-equivalents: a team is split over the municipalities its catchment covers, by population)';
COMMENT ON COLUMN @extschema@.dimensioning_by_area.area_type IS '''municipality'', ''county_part'' or ''county''';
COMMENT ON COLUMN @extschema@.dimensioning_by_area.area_code IS 'Municipality code, county part, or the region''s org_code';
COMMENT ON COLUMN @extschema@.dimensioning_by_area.area_name IS 'Name of the municipality, county part or region';
COMMENT ON COLUMN @extschema@.dimensioning_by_area.county_part IS 'County part (NULL for a county row or a municipality without one)';
COMMENT ON COLUMN @extschema@.dimensioning_by_area.population IS 'Residents (population_cell)';
COMMENT ON COLUMN @extschema@.dimensioning_by_area.population_65plus IS 'Residents aged 65 or more (population_cell)';
COMMENT ON COLUMN @extschema@.dimensioning_by_area.home_care_patients IS 'Enrolled home-care patients living there (enrolled_patient)';
COMMENT ON COLUMN @extschema@.dimensioning_by_area.teams_needed IS 'Teams needed: one per 100,000 residents, at least one where anyone lives';
COMMENT ON COLUMN @extschema@.dimensioning_by_area.severely_ill IS 'Expected severely ill and chronically unstable: 0.2% of residents';
COMMENT ON COLUMN @extschema@.dimensioning_by_area.home_care_low IS 'Home-care target group, low estimate: 3% of the 65+';
COMMENT ON COLUMN @extschema@.dimensioning_by_area.home_care_high IS 'Home-care target group, high estimate: 5% of the 65+';
COMMENT ON COLUMN @extschema@.dimensioning_by_area.doctors_low IS 'Home-care doctors needed at 200 patients each';
COMMENT ON COLUMN @extschema@.dimensioning_by_area.doctors_high IS 'Home-care doctors needed at 150 patients each';
COMMENT ON COLUMN @extschema@.dimensioning_by_area.teams_present IS 'Community care teams working there today, in team-equivalents';
COMMENT ON COLUMN @extschema@.dimensioning_by_area.team_gap IS 'teams_needed - teams_present (positive: teams missing)';

CREATE VIEW @extschema@.unit_reach AS
WITH area AS MATERIALIZED (
	SELECT k.unit_id, u.base, ST_Multi(ST_Union(k.area)) AS area
	FROM @extschema@.catchment k
	JOIN @extschema@.unit u ON u.unit_id = k.unit_id
	WHERE k.valid @> current_date
	GROUP BY k.unit_id, u.base),
-- Each cell's centroid and urban flag once, not once per catchment.
cell AS MATERIALIZED (
	SELECT c.population, c.population_65plus, c.centre,
		   coalesce(ST_Intersects((SELECT @extschema@.urban_union()), c.centre), false) AS urban
	FROM (SELECT pc.population, pc.population_65plus, ST_Centroid(pc.geom) AS centre
		  FROM @extschema@.population_cell pc
		  OFFSET 0) c),
catchment_cells AS (
	SELECT a.unit_id, sum(c.population) AS population,
		   sum(c.population_65plus) AS population_65plus,
		   coalesce(sum(c.population) FILTER (WHERE t.minutes <= 30), 0) AS within_30,
		   coalesce(sum(c.population) FILTER (WHERE t.minutes <= 60), 0) AS within_60
	FROM area a
	JOIN cell c ON c.centre && a.area AND ST_Intersects(a.area, c.centre)
	CROSS JOIN LATERAL (SELECT @extschema@.travel_minutes(a.base, c.centre, c.urban) AS minutes) t
	GROUP BY a.unit_id),
patients AS (
	SELECT e.unit_id, count(*) AS patients, avg(t.minutes) AS mean_minutes,
		   max(t.minutes) AS max_minutes
	FROM @extschema@.enrolled_patient e
	JOIN @extschema@.unit u ON u.unit_id = e.unit_id
	CROSS JOIN LATERAL (SELECT @extschema@.travel_minutes(u.base, e.home,
														  @extschema@.is_urban(e.home)) AS minutes) t
	GROUP BY e.unit_id)
SELECT u.unit_id, u.name, u.unit_form, u.unit_form::text AS unit_form_text,
	   c.population::bigint AS catchment_population,
	   c.population_65plus::bigint AS catchment_65plus,
	   coalesce(p.patients, 0) AS enrolled_patients,
	   p.mean_minutes, p.max_minutes,
	   c.within_30::double precision / nullif(c.population, 0) AS share_within_30,
	   c.within_60::double precision / nullif(c.population, 0) AS share_within_60,
	   u.base,
	   a.area::geometry(MultiPolygon, 3006) AS area
FROM @extschema@.unit u
LEFT JOIN area a ON a.unit_id = u.unit_id
LEFT JOIN catchment_cells c ON c.unit_id = u.unit_id
LEFT JOIN patients p ON p.unit_id = u.unit_id;
COMMENT ON VIEW @extschema@.unit_reach IS
	'Per unit: the population of its catchment valid today, its enrolled home-care patients and the travel minutes (car, straight line) from its base to their homes, and the share of the catchment population within 30 and 60 minutes of the base';
COMMENT ON COLUMN @extschema@.unit_reach.unit_id IS 'Unit';
COMMENT ON COLUMN @extschema@.unit_reach.name IS 'Name of the unit';
COMMENT ON COLUMN @extschema@.unit_reach.unit_form IS 'Mobile care form of the unit';
COMMENT ON COLUMN @extschema@.unit_reach.unit_form_text IS 'Mobile care form as text';
COMMENT ON COLUMN @extschema@.unit_reach.catchment_population IS 'Residents of cells whose centroid lies in the catchment (NULL without a catchment today)';
COMMENT ON COLUMN @extschema@.unit_reach.catchment_65plus IS 'Residents aged 65 or more there';
COMMENT ON COLUMN @extschema@.unit_reach.enrolled_patients IS 'Enrolled home-care patients (enrolled_patient)';
COMMENT ON COLUMN @extschema@.unit_reach.mean_minutes IS 'Mean travel minutes from the base to their homes';
COMMENT ON COLUMN @extschema@.unit_reach.max_minutes IS 'Longest travel minutes from the base to a home';
COMMENT ON COLUMN @extschema@.unit_reach.share_within_30 IS 'Share of the catchment population within 30 minutes of the base';
COMMENT ON COLUMN @extschema@.unit_reach.share_within_60 IS 'Share of the catchment population within 60 minutes of the base';
COMMENT ON COLUMN @extschema@.unit_reach.base IS 'Base of the unit (SWEREF99 TM)';
COMMENT ON COLUMN @extschema@.unit_reach.area IS 'Catchment valid today (SWEREF99 TM)';
