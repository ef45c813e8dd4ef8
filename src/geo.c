/*
 * geo.c
 *		The straight-line travel model, the SWEREF99 TM normalisation of
 *		geometries and the county report's dimensioning ratios
 *		(doc/geography.md).
 *
 * The travel profile is read once per call site and kept in fn_extra, with
 * the PostGIS functions that read the points (postgis.h).
 */
#include "postgres.h"

#include <math.h>

#include "access/htup_details.h"
#include "access/xact.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"

#include "postgis.h"

/* A travel_profile row. */
typedef struct TravelProfile
{
	double		detour_factor;
	double		urban_kmh;
	double		rural_kmh;
	double		urban_overhead_min;
	double		rural_overhead_min;
} TravelProfile;

/* What travel_minutes keeps per call site. */
typedef struct TravelCache
{
	PostgisCalls postgis;
	PointMemo	from;			/* the last points read */
	PointMemo	to;
	text	   *profile_name;	/* the profile last looked up, or NULL */
	Oid			profile_table;	/* the table it was read from */
	CommandId	profile_cid;	/* command in which it was looked up */
	TravelProfile profile;
} TravelCache;

/*
 * Read a row of a registry's travel_profile table, named by its OID (the
 * registry's travel_minutes passes its own table), so the caller's
 * search_path is never consulted.
 */
static void
lookup_travel_profile(Oid table, const char *name, TravelProfile *profile)
{
	char	   *relname = get_rel_name(table);
	char	   *schema;
	char	   *qualified;
	char	   *query;
	Oid			argtype = TEXTOID;
	Datum		arg = CStringGetTextDatum(name);
	double	   *fields[5];
	int			i;

	if (relname == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("travel profile table with OID %u does not exist", table)));
	schema = get_namespace_name(get_rel_namespace(table));
	qualified = quote_qualified_identifier(schema, relname);
	/* cast, so that a column of another numeric type is read as a number */
	query = psprintf("SELECT detour_factor::pg_catalog.float8, urban_kmh::pg_catalog.float8, "
					 "rural_kmh::pg_catalog.float8, urban_overhead_min::pg_catalog.float8, "
					 "rural_overhead_min::pg_catalog.float8 FROM %s WHERE name OPERATOR(pg_catalog.=) $1",
					 qualified);
	fields[0] = &profile->detour_factor;
	fields[1] = &profile->urban_kmh;
	fields[2] = &profile->rural_kmh;
	fields[3] = &profile->urban_overhead_min;
	fields[4] = &profile->rural_overhead_min;

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	if (SPI_execute_with_args(query, 1, &argtype, &arg, NULL, true, 1) != SPI_OK_SELECT)
		elog(ERROR, "could not read %s", qualified);
	if (SPI_processed == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown travel profile \"%s\"", name),
				 errhint("The profiles are the rows of %s.", qualified)));
	for (i = 0; i < 5; i++)
	{
		bool		isnull;

		*fields[i] = DatumGetFloat8(SPI_getbinval(SPI_tuptable->vals[0],
												  SPI_tuptable->tupdesc, i + 1, &isnull));
		if (isnull)
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("travel profile \"%s\" has no %s", name,
							NameStr(TupleDescAttr(SPI_tuptable->tupdesc, i)->attname))));
	}
	SPI_finish();
	pfree(query);
}

/*
 * The profile, from the call site's cache when it was read for the same name
 * from the same table in the same command: a later command of the
 * transaction may have changed the table.
 */
static const TravelProfile *
travel_profile(FunctionCallInfo fcinfo, TravelCache *cache, text *name, Oid table)
{
	CommandId	cid = GetCurrentCommandId(false);

	if (cache->profile_name == NULL || cache->profile_cid != cid ||
		cache->profile_table != table ||
		VARSIZE_ANY_EXHDR(cache->profile_name) != VARSIZE_ANY_EXHDR(name) ||
		memcmp(VARDATA_ANY(cache->profile_name), VARDATA_ANY(name),
			   VARSIZE_ANY_EXHDR(name)) != 0)
	{
		lookup_travel_profile(table, text_to_cstring(name), &cache->profile);
		if (cache->profile_name)
			pfree(cache->profile_name);
		cache->profile_name = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt, VARSIZE_ANY(name));
		memcpy(cache->profile_name, name, VARSIZE_ANY(name));
		cache->profile_table = table;
		cache->profile_cid = cid;
	}
	return &cache->profile;
}

static TravelCache *
travel_cache(FunctionCallInfo fcinfo, bool with_postgis)
{
	if (fcinfo->flinfo->fn_extra == NULL)
	{
		TravelCache *cache = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt,
													sizeof(TravelCache));

		if (with_postgis)
			init_postgis_calls(&cache->postgis, fcinfo, 0);
		fcinfo->flinfo->fn_extra = cache;
	}
	return (TravelCache *) fcinfo->flinfo->fn_extra;
}

/* Straight-line metres covered per minute: the road speed over the detour. */
static double
metres_per_minute(const TravelProfile *profile, bool urban)
{
	return (urban ? profile->urban_kmh : profile->rural_kmh) * 1000.0 / 60.0 /
		profile->detour_factor;
}

static double
overhead_minutes(const TravelProfile *profile, bool urban)
{
	return urban ? profile->urban_overhead_min : profile->rural_overhead_min;
}

/*
 * _travel_minutes(from geometry, to geometry, urban boolean, profile text,
 *				   profiles regclass)
 *
 * minutes = straight-line metres x detour_factor / (km/h x 1000 / 60)
 *			 + overhead minutes, urban or rural.
 */
PG_FUNCTION_INFO_V1(travel_minutes);
Datum
travel_minutes(PG_FUNCTION_ARGS)
{
	TravelCache *cache = travel_cache(fcinfo, true);
	bool		urban = PG_GETARG_BOOL(2);
	const TravelProfile *profile = travel_profile(fcinfo, cache, PG_GETARG_TEXT_PP(3),
												  PG_GETARG_OID(4));
	double		x1,
				y1,
				x2,
				y2;

	if (!sweref99tm_point_memo(&cache->postgis, &cache->from, PG_GETARG_DATUM(0),
							   "from geometry", &x1, &y1) ||
		!sweref99tm_point_memo(&cache->postgis, &cache->to, PG_GETARG_DATUM(1),
							   "to geometry", &x2, &y2))
		PG_RETURN_NULL();

	PG_RETURN_FLOAT8(hypot(x2 - x1, y2 - y1) / metres_per_minute(profile, urban) +
					 overhead_minutes(profile, urban));
}

/*
 * _travel_reach_m(minutes double precision, urban boolean, profile text,
 *				   profiles regclass)
 *
 * The inverse of travel_minutes: the straight-line metres that the minutes
 * reach, none when they do not cover the overhead.  Finite minutes whose
 * reach overflows double precision are an error, as float8 arithmetic's
 * overflow is.
 */
PG_FUNCTION_INFO_V1(travel_reach_m);
Datum
travel_reach_m(PG_FUNCTION_ARGS)
{
	TravelCache *cache = travel_cache(fcinfo, false);
	double		minutes = PG_GETARG_FLOAT8(0);
	bool		urban = PG_GETARG_BOOL(1);
	const TravelProfile *profile = travel_profile(fcinfo, cache, PG_GETARG_TEXT_PP(2),
												  PG_GETARG_OID(3));
	double		metres = Max(minutes - overhead_minutes(profile, urban), 0.0) *
		metres_per_minute(profile, urban);

	if (isinf(metres) && !isinf(minutes))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("the reach of %g minutes is out of range for double precision", minutes)));
	PG_RETURN_FLOAT8(metres);
}

/* to_sweref99tm(geometry): the geometry in SRID 3006; SRID 0 is an error. */
PG_FUNCTION_INFO_V1(to_sweref99tm);
Datum
to_sweref99tm(PG_FUNCTION_ARGS)
{
	if (fcinfo->flinfo->fn_extra == NULL)
	{
		PostgisCalls *calls = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt,
												 sizeof(PostgisCalls));

		init_postgis_calls(calls, fcinfo, 0);
		fcinfo->flinfo->fn_extra = calls;
	}
	PG_RETURN_DATUM(geometry_in_sweref99tm((PostgisCalls *) fcinfo->flinfo->fn_extra,
										   PG_GETARG_DATUM(0), "geometry"));
}

/*
 * round(value x num / den) (half up) or ceil(value x num / den) for a
 * non-negative value, without overflowing on the way: the result must fit an
 * integer.
 */
static int32
scaled(int64 value, int64 num, int64 den, bool ceiling)
{
	int64		whole = value / den;
	int64		rest = value % den;
	int64		result;

	if (whole > PG_INT32_MAX / num)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("dimensioning of " INT64_FORMAT " is out of range for integer", value)));
	result = whole * num + (rest * num + (ceiling ? den - 1 : den / 2)) / den;
	if (result > PG_INT32_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("dimensioning of " INT64_FORMAT " is out of range for integer", value)));
	return (int32) result;
}

static int64
dimensioning_arg(FunctionCallInfo fcinfo, int argno, const char *name)
{
	int64		value = PG_GETARG_INT64(argno);

	if (value < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must not be negative: " INT64_FORMAT, name, value)));
	return value;
}

/*
 * dimensioning(population, population_65plus, home_care_patients), by the
 * county report's ratios: a team per 100,000 inhabitants (at least one where
 * anyone lives), 0.2% severely ill, a home-care target group of 3-5% of the
 * 65+, and a doctor per 150-200 home-care patients.
 */
PG_FUNCTION_INFO_V1(dimensioning);
Datum
dimensioning(PG_FUNCTION_ARGS)
{
	int64		population = dimensioning_arg(fcinfo, 0, "population");
	int64		population_65plus = dimensioning_arg(fcinfo, 1, "population_65plus");
	int64		patients = dimensioning_arg(fcinfo, 2, "home_care_patients");
	TupleDesc	tupdesc;
	Datum		values[6];
	bool		nulls[6] = {false};
	int32		teams;

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");

	teams = scaled(population, 1, 100000, false);
	if (teams == 0 && population > 0)
		teams = 1;
	values[0] = Int32GetDatum(teams);
	values[1] = Int32GetDatum(scaled(population, 2, 1000, false));
	values[2] = Int32GetDatum(scaled(population_65plus, 3, 100, false));
	values[3] = Int32GetDatum(scaled(population_65plus, 5, 100, false));
	values[4] = Int32GetDatum(scaled(patients, 1, 200, true));
	values[5] = Int32GetDatum(scaled(patients, 1, 150, true));

	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(BlessTupleDesc(tupdesc), values, nulls)));
}
