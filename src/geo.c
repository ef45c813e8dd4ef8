/*
 * geo.c
 *		The straight-line travel model, the SWEREF99 TM normalisation of
 *		geometries and the county report's dimensioning ratios (contract
 *		section 4).
 *
 * mobilvard cannot link against liblwgeom, so it never looks inside
 * PostGIS's on-disk geometry format (which has two versions in the wild and
 * optional bounding-box and extended-flag blocks).  Instead it calls
 * PostGIS's own SQL functions through the function manager: ST_SRID and
 * ST_Transform to normalise the SRID, and ST_AsEWKB to get a point's
 * coordinates in extended WKB, a documented interchange format that every
 * PostGIS version writes the same way.  The function lookups happen once per
 * call site and are cached in fn_extra together with the travel profile.
 */
#include "postgres.h"

#include <math.h>

#include "access/htup_details.h"
#include "access/xact.h"
#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "commands/extension.h"
#include "executor/spi.h"
#include "funcapi.h"
#include "nodes/makefuncs.h"
#include "parser/parse_func.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/float.h"
#include "utils/lsyscache.h"
#include "utils/syscache.h"

#define SWEREF99TM_SRID 3006

/* Extended WKB: geometry type codes and the flag that says an SRID follows. */
#define EWKB_POINT_TYPE		1
#define EWKB_TYPE_MASK		0x0FFFFFFF
#define EWKB_SRID_FLAG		0x20000000

/* PostGIS functions, looked up in the schema PostGIS is installed in. */
typedef struct PostgisCalls
{
	FmgrInfo	st_srid;
	FmgrInfo	st_transform;
	FmgrInfo	st_asewkb;
} PostgisCalls;

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
	text	   *profile_name;	/* the profile last looked up, or NULL */
	CommandId	profile_cid;	/* command in which it was looked up */
	TravelProfile profile;
} TravelCache;

static void
lookup_postgis_function(FmgrInfo *finfo, Oid namespace, const char *name,
						int nargs, const Oid *argtypes, MemoryContext mcxt)
{
	List	   *qualified = list_make2(makeString(get_namespace_name(namespace)),
									   makeString(pstrdup(name)));

	fmgr_info_cxt(LookupFuncName(qualified, nargs, argtypes, false), finfo, mcxt);
}

/*
 * Look the PostGIS functions up by signature in the schema of the geometry
 * type that the calling function's first argument was declared with.
 */
static void
init_postgis_calls(PostgisCalls *calls, FunctionCallInfo fcinfo)
{
	MemoryContext mcxt = fcinfo->flinfo->fn_mcxt;
	Oid		   *declared;
	int			nargs;
	Oid			geometry;
	Oid			transform_args[2];
	HeapTuple	tuple;
	Oid			namespace;

	get_func_signature(fcinfo->flinfo->fn_oid, &declared, &nargs);
	geometry = declared[0];
	pfree(declared);
	tuple = SearchSysCache1(TYPEOID, ObjectIdGetDatum(geometry));
	if (!HeapTupleIsValid(tuple))
		elog(ERROR, "cache lookup failed for type %u", geometry);
	namespace = ((Form_pg_type) GETSTRUCT(tuple))->typnamespace;
	ReleaseSysCache(tuple);

	transform_args[0] = geometry;
	transform_args[1] = INT4OID;
	lookup_postgis_function(&calls->st_srid, namespace, "st_srid", 1, &geometry, mcxt);
	lookup_postgis_function(&calls->st_transform, namespace, "st_transform", 2,
							transform_args, mcxt);
	lookup_postgis_function(&calls->st_asewkb, namespace, "st_asewkb", 1, &geometry, mcxt);
}

/*
 * The geometry in SWEREF99 TM: transformed from any other SRID.  SRID 0
 * (unknown) cannot be transformed and is an error naming the argument.
 */
static Datum
geometry_in_sweref99tm(PostgisCalls *calls, Datum geom, const char *argname)
{
	int32		srid = DatumGetInt32(FunctionCall1(&calls->st_srid, geom));

	if (srid == SWEREF99TM_SRID)
		return geom;
	if (srid == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s has SRID 0 (unknown)", argname),
				 errhint("Give the geometry its SRID with ST_SetSRID, e.g. 3006 for SWEREF99 TM.")));
	return FunctionCall2(&calls->st_transform, geom, Int32GetDatum(SWEREF99TM_SRID));
}

static uint32
ewkb_uint32(const unsigned char *p, bool little_endian)
{
	if (little_endian)
		return (uint32) p[0] | (uint32) p[1] << 8 | (uint32) p[2] << 16 | (uint32) p[3] << 24;
	return (uint32) p[3] | (uint32) p[2] << 8 | (uint32) p[1] << 16 | (uint32) p[0] << 24;
}

static double
ewkb_double(const unsigned char *p, bool little_endian)
{
	uint64		bits = 0;
	double		result;
	int			i;

	for (i = 0; i < 8; i++)
		bits |= (uint64) p[little_endian ? i : 7 - i] << (8 * i);
	memcpy(&result, &bits, sizeof(result));
	return result;
}

static const char *
ewkb_type_name(uint32 type)
{
	static const char *const names[] = {
		"Geometry", "Point", "LineString", "Polygon", "MultiPoint",
		"MultiLineString", "MultiPolygon", "GeometryCollection"
	};

	return type < lengthof(names) ? names[type] : "non-point geometry";
}

/*
 * The coordinates of a point geometry in SWEREF99 TM.  Returns false for an
 * empty point (no position, so no distance: PostGIS's ST_Distance gives NULL
 * there too); any other geometry type is an error.
 */
static bool
sweref99tm_point(PostgisCalls *calls, Datum geom, const char *argname,
				 double *x, double *y)
{
	bytea	   *ewkb;
	const unsigned char *p;
	bool		little_endian;
	uint32		type;

	geom = geometry_in_sweref99tm(calls, geom, argname);
	ewkb = DatumGetByteaPP(FunctionCall1(&calls->st_asewkb, geom));
	p = (const unsigned char *) VARDATA_ANY(ewkb);
	if (VARSIZE_ANY_EXHDR(ewkb) < 5)
		elog(ERROR, "ST_AsEWKB returned %zu bytes", VARSIZE_ANY_EXHDR(ewkb));

	/* byte order, type (with flags), SRID if flagged, then x and y */
	little_endian = (p[0] == 1);
	type = ewkb_uint32(p + 1, little_endian);
	if ((type & EWKB_TYPE_MASK) != EWKB_POINT_TYPE)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s is a %s, not a point", argname,
						ewkb_type_name(type & EWKB_TYPE_MASK)),
				 errhint("Travel is between points: use ST_PointOnSurface or ST_Centroid of an area.")));
	p += 5 + ((type & EWKB_SRID_FLAG) ? 4 : 0);
	if ((const char *) p + 16 > VARDATA_ANY(ewkb) + VARSIZE_ANY_EXHDR(ewkb))
		elog(ERROR, "ST_AsEWKB returned a truncated point");
	*x = ewkb_double(p, little_endian);
	*y = ewkb_double(p + 8, little_endian);
	pfree(ewkb);
	return !isnan(*x) && !isnan(*y);
}

/*
 * Read a travel_profile row; the table lives in the schema of the calling
 * function (the extension's schema), so the caller's search_path is never
 * consulted.
 */
static void
lookup_travel_profile(FunctionCallInfo fcinfo, const char *name, TravelProfile *profile)
{
	char	   *schema = get_namespace_name(get_func_namespace(fcinfo->flinfo->fn_oid));
	char	   *query;
	Oid			argtype = TEXTOID;
	Datum		arg = CStringGetTextDatum(name);
	double	   *fields[5];
	int			i;

	query = psprintf("SELECT detour_factor, urban_kmh, rural_kmh, urban_overhead_min, "
					 "rural_overhead_min FROM %s.travel_profile WHERE name = $1",
					 quote_identifier(schema));
	fields[0] = &profile->detour_factor;
	fields[1] = &profile->urban_kmh;
	fields[2] = &profile->rural_kmh;
	fields[3] = &profile->urban_overhead_min;
	fields[4] = &profile->rural_overhead_min;

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	if (SPI_execute_with_args(query, 1, &argtype, &arg, NULL, true, 1) != SPI_OK_SELECT)
		elog(ERROR, "could not read %s.travel_profile", schema);
	if (SPI_processed == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown travel profile \"%s\"", name),
				 errhint("The profiles are the rows of %s.travel_profile.", schema)));
	for (i = 0; i < 5; i++)
	{
		bool		isnull;

		*fields[i] = DatumGetFloat8(SPI_getbinval(SPI_tuptable->vals[0],
												  SPI_tuptable->tupdesc, i + 1, &isnull));
	}
	SPI_finish();
	pfree(query);
}

/*
 * The profile, from the call site's cache when it was read for the same name
 * in the same command: a later command of the transaction may have changed
 * the table.
 */
static const TravelProfile *
travel_profile(FunctionCallInfo fcinfo, TravelCache *cache, text *name)
{
	CommandId	cid = GetCurrentCommandId(false);

	if (cache->profile_name == NULL || cache->profile_cid != cid ||
		VARSIZE_ANY_EXHDR(cache->profile_name) != VARSIZE_ANY_EXHDR(name) ||
		memcmp(VARDATA_ANY(cache->profile_name), VARDATA_ANY(name),
			   VARSIZE_ANY_EXHDR(name)) != 0)
	{
		lookup_travel_profile(fcinfo, text_to_cstring(name), &cache->profile);
		if (cache->profile_name)
			pfree(cache->profile_name);
		cache->profile_name = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt, VARSIZE_ANY(name));
		memcpy(cache->profile_name, name, VARSIZE_ANY(name));
		cache->profile_cid = cid;
	}
	return &cache->profile;
}

static TravelCache *
travel_cache(FunctionCallInfo fcinfo)
{
	if (fcinfo->flinfo->fn_extra == NULL)
	{
		TravelCache *cache = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt,
													sizeof(TravelCache));

		init_postgis_calls(&cache->postgis, fcinfo);
		fcinfo->flinfo->fn_extra = cache;
	}
	return (TravelCache *) fcinfo->flinfo->fn_extra;
}

/*
 * travel_minutes(from geometry, to geometry, urban boolean, profile text)
 *
 * minutes = straight-line metres x detour_factor / (km/h x 1000 / 60)
 *			 + overhead minutes, urban or rural.
 */
PG_FUNCTION_INFO_V1(travel_minutes);
Datum
travel_minutes(PG_FUNCTION_ARGS)
{
	TravelCache *cache = travel_cache(fcinfo);
	bool		urban = PG_GETARG_BOOL(2);
	const TravelProfile *profile = travel_profile(fcinfo, cache, PG_GETARG_TEXT_PP(3));
	double		x1,
				y1,
				x2,
				y2;
	double		metres_per_minute;

	if (!sweref99tm_point(&cache->postgis, PG_GETARG_DATUM(0), "from geometry", &x1, &y1) ||
		!sweref99tm_point(&cache->postgis, PG_GETARG_DATUM(1), "to geometry", &x2, &y2))
		PG_RETURN_NULL();

	metres_per_minute = (urban ? profile->urban_kmh : profile->rural_kmh) * 1000.0 / 60.0;
	PG_RETURN_FLOAT8(hypot(x2 - x1, y2 - y1) * profile->detour_factor / metres_per_minute +
					 (urban ? profile->urban_overhead_min : profile->rural_overhead_min));
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

		init_postgis_calls(calls, fcinfo);
		fcinfo->flinfo->fn_extra = calls;
	}
	PG_RETURN_DATUM(geometry_in_sweref99tm((PostgisCalls *) fcinfo->flinfo->fn_extra,
										   PG_GETARG_DATUM(0), "geometry"));
}

/* What nearest_point keeps per call site: the candidates of the last call. */
typedef struct NearestCache
{
	PostgisCalls postgis;
	ArrayType  *candidates;		/* copy of the array last parsed, or NULL */
	int			count;			/* its elements ... */
	double	   *x;				/* ... their coordinates (NaN for NULL or */
	double	   *y;				/* empty elements, which never match) */
} NearestCache;

/*
 * Parse the candidates into coordinates, unless they are the same as on the
 * previous call: in a query the array is usually one value computed once
 * (a subquery or a parameter), so each row costs one memcmp, not one
 * PostGIS call per candidate.
 */
static void
nearest_candidates(FunctionCallInfo fcinfo, NearestCache *cache, ArrayType *candidates)
{
	MemoryContext mcxt = fcinfo->flinfo->fn_mcxt;
	Size		size = VARSIZE(candidates);
	Datum	   *elements;
	bool	   *nulls;
	int16		typlen;
	bool		typbyval;
	char		typalign;
	int			i;

	if (cache->candidates != NULL && VARSIZE(cache->candidates) == size &&
		memcmp(cache->candidates, candidates, size) == 0)
		return;

	if (cache->candidates != NULL)
	{
		pfree(cache->candidates);
		pfree(cache->x);
		pfree(cache->y);
	}
	get_typlenbyvalalign(ARR_ELEMTYPE(candidates), &typlen, &typbyval, &typalign);
	deconstruct_array(candidates, ARR_ELEMTYPE(candidates), typlen, typbyval, typalign,
					  &elements, &nulls, &cache->count);
	cache->x = MemoryContextAlloc(mcxt, sizeof(double) * Max(cache->count, 1));
	cache->y = MemoryContextAlloc(mcxt, sizeof(double) * Max(cache->count, 1));
	for (i = 0; i < cache->count; i++)
	{
		if (nulls[i] ||
			!sweref99tm_point(&cache->postgis, elements[i], "candidate", &cache->x[i], &cache->y[i]))
			cache->x[i] = cache->y[i] = get_float8_nan();
	}
	cache->candidates = MemoryContextAlloc(mcxt, size);
	memcpy(cache->candidates, candidates, size);
	pfree(elements);
	pfree(nulls);
}

/*
 * nearest_point(p geometry, candidates geometry[]) -> integer
 *
 * The (1-based) position of the candidate point nearest to p, the first one
 * on a tie; NULL when p is empty or no candidate is a non-empty point.
 */
PG_FUNCTION_INFO_V1(nearest_point);
Datum
nearest_point(PG_FUNCTION_ARGS)
{
	NearestCache *cache = (NearestCache *) fcinfo->flinfo->fn_extra;
	ArrayType  *candidates = PG_GETARG_ARRAYTYPE_P(1);
	double		x,
				y;
	double		best_distance = get_float8_infinity();
	int			best = -1;
	int			i;

	if (cache == NULL)
	{
		cache = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(NearestCache));
		init_postgis_calls(&cache->postgis, fcinfo);
		fcinfo->flinfo->fn_extra = cache;
	}
	if (ARR_NDIM(candidates) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("candidates must be a one-dimensional array, not %d-dimensional",
						ARR_NDIM(candidates))));
	nearest_candidates(fcinfo, cache, candidates);
	if (!sweref99tm_point(&cache->postgis, PG_GETARG_DATUM(0), "p", &x, &y))
		PG_RETURN_NULL();

	for (i = 0; i < cache->count; i++)
	{
		/* squared distances order the same; NaN never compares less */
		double		d = (cache->x[i] - x) * (cache->x[i] - x) +
			(cache->y[i] - y) * (cache->y[i] - y);

		if (d < best_distance)
		{
			best_distance = d;
			best = i;
		}
	}
	if (best < 0)
		PG_RETURN_NULL();
	PG_RETURN_INT32(best + ARR_LBOUND(candidates)[0]);
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
