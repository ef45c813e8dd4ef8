-- registry/geo.sql: a registry's travel profiles, population grid, towns,
-- and the catchment, coverage and dimensioning functions and views on them
-- (geo.sql; doc/geography.md).  Function bodies are SQL-standard (BEGIN
-- ATOMIC or RETURN): PostGIS's functions and operators are bound when the
-- registry is made, and the caller's search_path never matters.

CREATE TABLE @registry@.travel_profile (
	name text PRIMARY KEY,
	detour_factor double precision NOT NULL
		CONSTRAINT travel_profile_detour_at_least_one CHECK (detour_factor >= 1),
	urban_kmh double precision NOT NULL
		CONSTRAINT travel_profile_urban_speed_positive CHECK (urban_kmh > 0),
	rural_kmh double precision NOT NULL
		CONSTRAINT travel_profile_rural_speed_positive CHECK (rural_kmh > 0),
	urban_overhead_min double precision NOT NULL
		CONSTRAINT travel_profile_urban_overhead_not_negative CHECK (urban_overhead_min >= 0),
	rural_overhead_min double precision NOT NULL
		CONSTRAINT travel_profile_rural_overhead_not_negative CHECK (rural_overhead_min >= 0)
);
COMMENT ON TABLE @registry@.travel_profile IS
	'Straight-line travel model: minutes = distance x detour_factor / speed + overhead (urban or rural)';
COMMENT ON COLUMN @registry@.travel_profile.name IS 'Profile name (key), e.g. car';
COMMENT ON COLUMN @registry@.travel_profile.detour_factor IS 'Road distance per straight-line distance';
COMMENT ON COLUMN @registry@.travel_profile.urban_kmh IS 'Average speed in towns, km/h';
COMMENT ON COLUMN @registry@.travel_profile.rural_kmh IS 'Average speed outside towns, km/h';
COMMENT ON COLUMN @registry@.travel_profile.urban_overhead_min IS 'Minutes added per trip in towns (parking, walking to the door)';
COMMENT ON COLUMN @registry@.travel_profile.rural_overhead_min IS 'Minutes added per trip outside towns';

-- The travel profile mobilvard ships (assumed; doc/geography.md): car, road
-- 1.3 x the straight line, 30 km/h in towns and 70 outside, 5 and 1 minutes
-- to park.
INSERT INTO @registry@.travel_profile
	(name, detour_factor, urban_kmh, rural_kmh, urban_overhead_min, rural_overhead_min)
	VALUES ('car', 1.3::float8, 30::float8, 70::float8, 5::float8, 1::float8);

CREATE TABLE @registry@.population_cell (
	cell_id text PRIMARY KEY,
	municipality_code text NOT NULL REFERENCES @registry@.organisation (municipality_code),
	population integer NOT NULL
		CONSTRAINT population_cell_population_not_negative CHECK (population >= 0),
	population_65plus integer NOT NULL
		CONSTRAINT population_cell_65plus_within_population
		CHECK (population_65plus BETWEEN 0 AND population),
	geom geometry(Polygon, 3006) NOT NULL
);
CREATE INDEX population_cell_geom_idx ON @registry@.population_cell USING gist (geom);
CREATE INDEX population_cell_municipality_idx ON @registry@.population_cell (municipality_code);
COMMENT ON TABLE @registry@.population_cell IS
	'Population on a square grid (1 km or 250 m cells), the base of coverage analysis';
COMMENT ON COLUMN @registry@.population_cell.cell_id IS 'Grid cell identifier (key)';
COMMENT ON COLUMN @registry@.population_cell.municipality_code IS 'Municipality the cell belongs to';
COMMENT ON COLUMN @registry@.population_cell.population IS 'Residents in the cell';
COMMENT ON COLUMN @registry@.population_cell.population_65plus IS 'Residents aged 65 or more';
COMMENT ON COLUMN @registry@.population_cell.geom IS 'The cell (SWEREF99 TM)';

CREATE TABLE @registry@.urban_area (
	name text PRIMARY KEY,
	geom geometry(MultiPolygon, 3006) NOT NULL
);
CREATE INDEX urban_area_geom_idx ON @registry@.urban_area USING gist (geom);
COMMENT ON TABLE @registry@.urban_area IS
	'Towns, where travel is slower and parking takes time';
COMMENT ON COLUMN @registry@.urban_area.name IS 'Name of the town (key)';
COMMENT ON COLUMN @registry@.urban_area.geom IS 'Built-up area (SWEREF99 TM)';


-- The travel model of this registry's profiles (geo.sql's _travel_minutes
-- and _travel_reach_m with this travel_profile table): inlined into the
-- caller's query.
CREATE FUNCTION @registry@.travel_minutes("from" geometry, "to" geometry,
		urban boolean DEFAULT false, profile text DEFAULT 'car')
	RETURNS double precision
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	RETURN @extschema@._travel_minutes("from", "to", urban, profile,
									   '@registry@.travel_profile'::regclass);
COMMENT ON FUNCTION @registry@.travel_minutes(geometry, geometry, boolean, text) IS
	'Straight-line travel time in minutes between two points: metres x detour_factor / speed + overhead, with the urban or rural speed and overhead of the travel_profile row (unknown profile: 22023). Points in any SRID are transformed to 3006 (SRID 0: 22023); an empty point gives NULL';

CREATE FUNCTION @registry@.travel_reach_m(minutes double precision, urban boolean DEFAULT false,
		profile text DEFAULT 'car')
	RETURNS double precision
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	RETURN @extschema@._travel_reach_m(minutes, urban, profile, '@registry@.travel_profile'::regclass);
COMMENT ON FUNCTION @registry@.travel_reach_m(double precision, boolean, text) IS
	'The inverse of travel_minutes: straight-line metres reachable in the minutes with the urban or rural speed, detour and overhead of the travel_profile row (0 when the minutes do not cover the overhead)';

CREATE FUNCTION @registry@.is_urban(p geometry) RETURNS boolean
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
	SELECT EXISTS (SELECT FROM @registry@.urban_area u
				   WHERE ST_Intersects(u.geom, @extschema@.to_sweref99tm(p)));
END;
COMMENT ON FUNCTION @registry@.is_urban(geometry) IS
	'Whether the point lies in a town (urban_area), where travel_minutes uses the urban speed and overhead';

-- The union of the towns, for set-based queries that test many points
-- against them at once (the rule of is_urban, with one prepared geometry).
CREATE FUNCTION @registry@._urban_union() RETURNS geometry
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	SELECT ST_Union(geom) FROM @registry@.urban_area;
END;
COMMENT ON FUNCTION @registry@._urban_union() IS
	'All towns (urban_area) as one geometry, NULL when there are none';

-- ---------------------------------------------------------------------------
-- Units, catchments and bases
-- ---------------------------------------------------------------------------

CREATE FUNCTION @registry@._unit_is_active(unit_id text, on_date date) RETURNS boolean
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	SELECT EXISTS (SELECT FROM @registry@.catchment c
				   WHERE c.unit_id = _unit_is_active.unit_id AND c.valid @> on_date)
		OR NOT EXISTS (SELECT FROM @registry@.catchment c
					   WHERE c.unit_id = _unit_is_active.unit_id);
END;
COMMENT ON FUNCTION @registry@._unit_is_active(text, date) IS
	'Whether the unit works on the date: it has a catchment valid then, or no catchment history at all';

CREATE FUNCTION @registry@.units_covering(p geometry, on_date date DEFAULT current_date)
	RETURNS text[]
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
	SELECT coalesce(array_agg(DISTINCT c.unit_id ORDER BY c.unit_id), '{}')
	FROM @registry@.catchment c
	WHERE ST_Intersects(c.area, @extschema@.to_sweref99tm(p)) AND c.valid @> on_date;
END;
COMMENT ON FUNCTION @registry@.units_covering(geometry, date) IS
	'Units whose catchment, valid on the date, contains the point (boundary included), sorted; empty when none';

CREATE FUNCTION @registry@._unit_serves(unit_id text, unit_form @extschema@.care_form,
		forms @extschema@.care_form[], on_date date)
	RETURNS boolean
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	SELECT CASE WHEN forms IS NULL THEN unit_form <> 'none' ELSE unit_form = ANY (forms) END
		   AND @registry@._unit_is_active(unit_id, on_date);
END;
COMMENT ON FUNCTION @registry@._unit_serves(text, @extschema@.care_form, @extschema@.care_form[], date) IS
	'Whether a unit of this form counts among the given forms (NULL: every mobile form, i.e. not none) and is active on the date';

-- Not STRICT and a single SELECT, so that the planner inlines it into the
-- caller's query.
CREATE FUNCTION @registry@._active_bases(forms @extschema@.care_form[], on_date date)
	RETURNS TABLE (unit_id text, base geometry)
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	SELECT u.unit_id, u.base
	FROM @registry@.unit u
	WHERE u.base IS NOT NULL
	  AND @registry@._unit_serves(u.unit_id, u.unit_form, forms, on_date);
END;
COMMENT ON FUNCTION @registry@._active_bases(@extschema@.care_form[], date) IS
	'Bases of the units of the given forms (NULL: every mobile form, i.e. not none) that are active on the date';

CREATE FUNCTION @registry@.nearest_base(p geometry, forms @extschema@.care_form[] DEFAULT NULL,
		on_date date DEFAULT current_date)
	RETURNS TABLE (unit_id text, distance_m double precision, minutes double precision)
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	SELECT b.unit_id, b.base <-> q.p,
		   @registry@.travel_minutes(b.base, q.p, @registry@.is_urban(q.p))
	FROM (SELECT @extschema@.to_sweref99tm(p) AS p) q,
		 LATERAL (SELECT u.unit_id, u.base
				  FROM @registry@.unit u
				  WHERE @registry@._unit_serves(u.unit_id, u.unit_form, forms, on_date)
				  ORDER BY u.base <-> q.p	-- alone, or the index cannot order
				  LIMIT 1) b;
END;
COMMENT ON FUNCTION @registry@.nearest_base(geometry, @extschema@.care_form[], date) IS
	'The base nearest to the point among units of the given forms (NULL: every mobile form) active on the date, found through the GiST index on unit.base (on an exact tie, any of the nearest): unit, straight-line metres and travel minutes (car, urban by the point); no row without a base';

-- ---------------------------------------------------------------------------
-- Population cells and coverage
-- ---------------------------------------------------------------------------

CREATE FUNCTION @registry@._cell_travel(forms @extschema@.care_form[] DEFAULT NULL,
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
		FROM @registry@._active_bases(forms, on_date) a),
	cell AS (
		SELECT c.cell_id, c.municipality_code, c.population, c.population_65plus, c.geom,
			   ST_Centroid(c.geom) AS centre
		FROM @registry@.population_cell c
		OFFSET 0),
	nearest AS (
		SELECT cell.*,
			   @extschema@.nearest_point(cell.centre, (SELECT b.bases FROM bases b)) AS i,
			   coalesce(ST_Intersects((SELECT @registry@._urban_union()), cell.centre), false) AS urban
		FROM cell
		OFFSET 0)
	SELECT n.cell_id, n.municipality_code, n.population, n.population_65plus,
		   (SELECT b.unit_ids FROM bases b)[n.i],
		   ST_Distance((SELECT b.bases FROM bases b)[n.i], n.centre),
		   @registry@.travel_minutes((SELECT b.bases FROM bases b)[n.i], n.centre, n.urban, profile),
		   n.urban, n.geom
	FROM nearest n;
END;
COMMENT ON FUNCTION @registry@._cell_travel(@extschema@.care_form[], text, date) IS
	'Every population cell with the nearest base (of the given forms, NULL: every mobile form, active on the date) to its centroid: unit, straight-line metres, travel minutes by the profile (urban when the centroid lies in a town); NULL unit when there is no base';

-- The per-municipality sums of coverage, for the straight-line model and
-- the road network alike: every cell counts towards its municipality's
-- population, the cells in covered_cells towards the covered.
CREATE FUNCTION @registry@._coverage_by_municipality(covered_cells text[])
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
		FROM @registry@.population_cell c
		LEFT JOIN covered k ON k.cell_id = c.cell_id
		GROUP BY c.municipality_code)
	SELECT o.municipality_code, o.name,
		   coalesce(m.population, 0)::bigint, coalesce(m.population_65plus, 0)::bigint,
		   coalesce(m.covered, 0)::bigint, coalesce(m.covered_65plus, 0)::bigint,
		   m.covered::double precision / nullif(m.population, 0),
		   m.covered_65plus::double precision / nullif(m.population_65plus, 0)
	FROM @registry@.organisation o
	LEFT JOIN per_municipality m ON m.municipality_code = o.municipality_code
	WHERE o.principal = 'municipality'
	ORDER BY o.municipality_code;
END;
COMMENT ON FUNCTION @registry@._coverage_by_municipality(text[]) IS
	'Per municipality: population and 65+ of its population cells, those of them in the given covered cells, and the shares (NULL where nobody lives); the summary behind coverage and network_coverage';

CREATE FUNCTION @registry@.coverage(max_minutes double precision,
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
	FROM (SELECT ARRAY(SELECT t.cell_id FROM @registry@._cell_travel(forms, profile, on_date) t
					   WHERE t.minutes <= max_minutes) AS cells
		  OFFSET 0) covered,
		 LATERAL @registry@._coverage_by_municipality(covered.cells) c;
END;
COMMENT ON FUNCTION @registry@.coverage(double precision, @extschema@.care_form[], text, date) IS
	'Per municipality: population and 65+ (from population_cell), and those in cells whose centroid is within max_minutes of the nearest base of the given forms (NULL: every mobile form) by the travel profile, with the shares (NULL where nobody lives)';

CREATE VIEW @registry@.coverage_gap WITH (security_invoker = true) AS
SELECT t.cell_id, t.municipality_code, t.population, t.population_65plus,
	   t.unit_id AS nearest_unit_id, t.distance_m, t.minutes,
	   NOT coalesce(ST_Intersects(k.area, ST_Centroid(t.geom)), false) AS outside_catchment,
	   t.minutes IS NULL OR t.minutes > 30 AS beyond_30,
	   t.minutes IS NULL OR t.minutes > 60 AS beyond_60,
	   t.geom::geometry(Polygon, 3006) AS geom
FROM @registry@._cell_travel() t,
	 (SELECT ST_Union(c.area) AS area FROM @registry@.catchment c
	  WHERE c.valid @> current_date) k
WHERE t.population > 0
  AND (t.minutes IS NULL OR t.minutes > 30
	   OR NOT coalesce(ST_Intersects(k.area, ST_Centroid(t.geom)), false));
COMMENT ON VIEW @registry@.coverage_gap IS
	'Populated cells that no team covers today: outside every valid catchment, or more than 30 (or 60) minutes by car from the nearest base of any mobile form; for maps';
COMMENT ON COLUMN @registry@.coverage_gap.cell_id IS 'Population cell';
COMMENT ON COLUMN @registry@.coverage_gap.municipality_code IS 'Municipality of the cell';
COMMENT ON COLUMN @registry@.coverage_gap.population IS 'Residents in the cell';
COMMENT ON COLUMN @registry@.coverage_gap.population_65plus IS 'Residents aged 65 or more';
COMMENT ON COLUMN @registry@.coverage_gap.nearest_unit_id IS 'Unit with the nearest base (NULL when there is none)';
COMMENT ON COLUMN @registry@.coverage_gap.distance_m IS 'Straight-line metres from that base to the cell centroid';
COMMENT ON COLUMN @registry@.coverage_gap.minutes IS 'Travel minutes by car from that base';
COMMENT ON COLUMN @registry@.coverage_gap.outside_catchment IS 'The centroid lies in no catchment valid today';
COMMENT ON COLUMN @registry@.coverage_gap.beyond_30 IS 'No base within 30 minutes';
COMMENT ON COLUMN @registry@.coverage_gap.beyond_60 IS 'No base within 60 minutes';
COMMENT ON COLUMN @registry@.coverage_gap.geom IS 'The cell (SWEREF99 TM)';

-- ---------------------------------------------------------------------------
-- Enrolled patients, dimensioning and reach per unit
-- ---------------------------------------------------------------------------

CREATE VIEW @registry@.enrolled_patient WITH (security_invoker = true) AS
WITH period AS (
	SELECT (max(e.start_date) - interval '1 year' + interval '1 day')::date AS first_day,
		   max(e.start_date) AS last_day
	FROM @registry@.episode e)
SELECT e.unit_id, p.patient_id, p.municipality_code, p.home,
	   count(*) AS episodes
FROM @registry@.episode e
JOIN @registry@.patient p ON p.patient_id = e.patient_id, period
WHERE @extschema@.is_home(e.setting)
  AND e.start_date <= period.last_day
  AND (e.end_date IS NULL OR e.end_date >= period.first_day)
GROUP BY e.unit_id, p.patient_id;
COMMENT ON VIEW @registry@.enrolled_patient IS
	'Home-care patients of each unit: patients with an episode at home (ordinary or special housing, short-term housing) in the registry''s latest 12 months (up to the latest episode start)';
COMMENT ON COLUMN @registry@.enrolled_patient.unit_id IS 'Unit the patient is enrolled with';
COMMENT ON COLUMN @registry@.enrolled_patient.patient_id IS 'Patient';
COMMENT ON COLUMN @registry@.enrolled_patient.municipality_code IS 'Municipality of residence';
COMMENT ON COLUMN @registry@.enrolled_patient.home IS 'Home address point (SWEREF99 TM)';
COMMENT ON COLUMN @registry@.enrolled_patient.episodes IS 'Home episodes with the unit in the period';

CREATE VIEW @registry@.dimensioning_by_area WITH (security_invoker = true) AS
WITH cells AS (
	SELECT c.municipality_code, sum(c.population) AS population,
		   sum(c.population_65plus) AS population_65plus
	FROM @registry@.population_cell c
	GROUP BY c.municipality_code),
patients AS (
	SELECT e.municipality_code, count(DISTINCT e.patient_id) AS patients
	FROM @registry@.enrolled_patient e
	GROUP BY e.municipality_code),
-- The county report's teams are community care teams (a doctor and two
-- nurses each).  A team counts in the municipalities its catchment covers,
-- split by the population it covers there; a team without a populated
-- catchment counts where its base is.
team_cell AS (
	SELECT u.unit_id, c.municipality_code, c.population
	FROM @registry@.unit u
	JOIN @registry@.catchment k ON k.unit_id = u.unit_id AND k.valid @> current_date
	JOIN @registry@.population_cell c
		ON c.geom && k.area AND ST_Intersects(k.area, ST_Centroid(c.geom))
	WHERE u.unit_form = 'community_care_team' AND c.population > 0),
team_share AS (
	SELECT t.unit_id, t.municipality_code,
		   sum(t.population)::numeric / sum(sum(t.population)) OVER (PARTITION BY t.unit_id) AS share
	FROM team_cell t
	GROUP BY t.unit_id, t.municipality_code
	UNION ALL
	SELECT u.unit_id,
		   (SELECT c.municipality_code FROM @registry@.population_cell c
			ORDER BY c.geom <-> u.base LIMIT 1),
		   1
	FROM @registry@.unit u
	WHERE u.unit_form = 'community_care_team'
	  AND @registry@._unit_is_active(u.unit_id, current_date)
	  AND NOT EXISTS (SELECT FROM team_cell t WHERE t.unit_id = u.unit_id)),
municipality AS (
	SELECT o.parent_org, o.county_part, o.municipality_code, o.name,
		   coalesce(c.population, 0) AS population,
		   coalesce(c.population_65plus, 0) AS population_65plus,
		   coalesce(p.patients, 0) AS patients,
		   coalesce((SELECT sum(s.share) FROM team_share s
					 WHERE s.municipality_code = o.municipality_code), 0) AS teams
	FROM @registry@.organisation o
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
LEFT JOIN @registry@.organisation r ON r.org_code = a.parent_org
CROSS JOIN LATERAL @extschema@.dimensioning(a.population, a.population_65plus, a.patients) d
WHERE a.area_type <> 'county_part' OR a.county_part IS NOT NULL;
COMMENT ON VIEW @registry@.dimensioning_by_area IS
	'Needs by the county report''s ratios (dimensioning) per municipality, per county part and per county (the region the municipalities belong to), next to the community care teams present (team-equivalents: a team is split over the municipalities its catchment covers, by population)';
COMMENT ON COLUMN @registry@.dimensioning_by_area.area_type IS '''municipality'', ''county_part'' or ''county''';
COMMENT ON COLUMN @registry@.dimensioning_by_area.area_code IS 'Municipality code, county part, or the region''s org_code';
COMMENT ON COLUMN @registry@.dimensioning_by_area.area_name IS 'Name of the municipality, county part or region';
COMMENT ON COLUMN @registry@.dimensioning_by_area.county_part IS 'County part (NULL for a county row or a municipality without one)';
COMMENT ON COLUMN @registry@.dimensioning_by_area.population IS 'Residents (population_cell)';
COMMENT ON COLUMN @registry@.dimensioning_by_area.population_65plus IS 'Residents aged 65 or more (population_cell)';
COMMENT ON COLUMN @registry@.dimensioning_by_area.home_care_patients IS 'Enrolled home-care patients living there (enrolled_patient)';
COMMENT ON COLUMN @registry@.dimensioning_by_area.teams_needed IS 'Teams needed: one per 100,000 residents, at least one where anyone lives';
COMMENT ON COLUMN @registry@.dimensioning_by_area.severely_ill IS 'Expected severely ill and chronically unstable: 0.2% of residents';
COMMENT ON COLUMN @registry@.dimensioning_by_area.home_care_low IS 'Home-care target group, low estimate: 3% of the 65+';
COMMENT ON COLUMN @registry@.dimensioning_by_area.home_care_high IS 'Home-care target group, high estimate: 5% of the 65+';
COMMENT ON COLUMN @registry@.dimensioning_by_area.doctors_low IS 'Home-care doctors needed at 200 patients each';
COMMENT ON COLUMN @registry@.dimensioning_by_area.doctors_high IS 'Home-care doctors needed at 150 patients each';
COMMENT ON COLUMN @registry@.dimensioning_by_area.teams_present IS 'Community care teams working there today, in team-equivalents';
COMMENT ON COLUMN @registry@.dimensioning_by_area.team_gap IS 'teams_needed - teams_present (positive: teams missing)';

CREATE VIEW @registry@.unit_reach WITH (security_invoker = true) AS
WITH area AS MATERIALIZED (
	SELECT k.unit_id, u.base, ST_Multi(ST_Union(k.area)) AS area
	FROM @registry@.catchment k
	JOIN @registry@.unit u ON u.unit_id = k.unit_id
	WHERE k.valid @> current_date
	GROUP BY k.unit_id, u.base),
-- Each cell's centroid and urban flag once, not once per catchment.
cell AS MATERIALIZED (
	SELECT c.population, c.population_65plus, c.centre,
		   coalesce(ST_Intersects((SELECT @registry@._urban_union()), c.centre), false) AS urban
	FROM (SELECT pc.population, pc.population_65plus, ST_Centroid(pc.geom) AS centre
		  FROM @registry@.population_cell pc
		  OFFSET 0) c),
catchment_cells AS (
	SELECT a.unit_id, sum(c.population) AS population,
		   sum(c.population_65plus) AS population_65plus,
		   coalesce(sum(c.population) FILTER (WHERE t.minutes <= 30), 0) AS within_30,
		   coalesce(sum(c.population) FILTER (WHERE t.minutes <= 60), 0) AS within_60
	FROM area a
	JOIN cell c ON c.centre && a.area AND ST_Intersects(a.area, c.centre)
	CROSS JOIN LATERAL (SELECT @registry@.travel_minutes(a.base, c.centre, c.urban) AS minutes) t
	GROUP BY a.unit_id),
patients AS (
	SELECT e.unit_id, count(*) AS patients, avg(t.minutes) AS mean_minutes,
		   max(t.minutes) AS max_minutes
	FROM @registry@.enrolled_patient e
	JOIN @registry@.unit u ON u.unit_id = e.unit_id
	CROSS JOIN LATERAL (SELECT @registry@.travel_minutes(u.base, e.home,
														  @registry@.is_urban(e.home)) AS minutes) t
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
FROM @registry@.unit u
LEFT JOIN area a ON a.unit_id = u.unit_id
LEFT JOIN catchment_cells c ON c.unit_id = u.unit_id
LEFT JOIN patients p ON p.unit_id = u.unit_id;
COMMENT ON VIEW @registry@.unit_reach IS
	'Per unit: the population of its catchment valid today, its enrolled home-care patients and the travel minutes (car, straight line) from its base to their homes, and the share of the catchment population within 30 and 60 minutes of the base';
COMMENT ON COLUMN @registry@.unit_reach.unit_id IS 'Unit';
COMMENT ON COLUMN @registry@.unit_reach.name IS 'Name of the unit';
COMMENT ON COLUMN @registry@.unit_reach.unit_form IS 'Mobile care form of the unit';
COMMENT ON COLUMN @registry@.unit_reach.unit_form_text IS 'Mobile care form as text';
COMMENT ON COLUMN @registry@.unit_reach.catchment_population IS 'Residents of cells whose centroid lies in the catchment (NULL without a catchment today)';
COMMENT ON COLUMN @registry@.unit_reach.catchment_65plus IS 'Residents aged 65 or more there';
COMMENT ON COLUMN @registry@.unit_reach.enrolled_patients IS 'Enrolled home-care patients (enrolled_patient)';
COMMENT ON COLUMN @registry@.unit_reach.mean_minutes IS 'Mean travel minutes from the base to their homes';
COMMENT ON COLUMN @registry@.unit_reach.max_minutes IS 'Longest travel minutes from the base to a home';
COMMENT ON COLUMN @registry@.unit_reach.share_within_30 IS 'Share of the catchment population within 30 minutes of the base';
COMMENT ON COLUMN @registry@.unit_reach.share_within_60 IS 'Share of the catchment population within 60 minutes of the base';
COMMENT ON COLUMN @registry@.unit_reach.base IS 'Base of the unit (SWEREF99 TM)';
COMMENT ON COLUMN @registry@.unit_reach.area IS 'Catchment valid today (SWEREF99 TM)';
