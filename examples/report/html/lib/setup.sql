-- What every section starts with: the registry's views first in the
-- search_path, then the extension's operators and PostGIS's functions
-- (report.sh passes registry and postgis_schema).
SET search_path = :"registry", mobilvard, :"postgis_schema";
