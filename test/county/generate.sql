-- Synthetic county generator: a reproducible registry modelled on Region
-- Örebro county (see README.md in this directory for what is realistic and
-- where the figures come from).
--
--   psql -X -v ON_ERROR_STOP=1 -v registry=registry -v scale=1 -v seed=42 -f test/county/generate.sql
--
-- Variables: registry (the registry to fill, made if it does not exist;
-- default registry), replace (1 to replace the records of a registry that
-- holds some; default 0, which refuses), scale (people, patients and their
-- care; default 1), seed (default 42), cell_m (population grid cell side in
-- metres, 1000 or 250; default 1000).  Needs CREATE EXTENSION mobilvard
-- CASCADE in the database.  The reference tables (charge kinds, default
-- tariffs, travel profiles, priority criteria) are left alone.

\set ON_ERROR_STOP 1
\if :{?registry}
\else
\set registry registry
\endif
\if :{?replace}
\else
\set replace 0
\endif
\if :{?scale}
\else
\set scale 1
\endif
\if :{?seed}
\else
\set seed 42
\endif
\if :{?cell_m}
\else
\set cell_m 1000
\endif

-- One part per concern, in dependency order; part.sql runs each and reports
-- its time on stderr, so that a long run shows how far it has come.
SELECT clock_timestamp() AS gen_started \gset
\set gen_part parts/00_setup.sql
\ir part.sql
\set gen_part parts/10_organisations.sql
\ir part.sql
\set gen_part parts/20_urban_areas.sql
\ir part.sql
\set gen_part parts/30_population_cells.sql
\ir part.sql
\set gen_part parts/40_units.sql
\ir part.sql
\set gen_part parts/50_patients.sql
\ir part.sql
\set gen_part parts/60_episodes.sql
\ir part.sql
\set gen_part parts/64_contacts.sql
\ir part.sql
\set gen_part parts/66_outcomes.sql
\ir part.sql
\set gen_part parts/68_charges.sql
\ir part.sql
\set gen_part parts/70_roads.sql
\ir part.sql
\set gen_part parts/99_finish.sql
\ir part.sql
