/*
 * postgis.c
 *		Calling PostGIS from C without linking against it (see postgis.h).
 */
#include "postgres.h"

#include <math.h>

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "nodes/makefuncs.h"
#include "parser/parse_func.h"
#include "utils/lsyscache.h"
#include "utils/syscache.h"

#include "postgis.h"

/* Extended WKB: geometry type codes and the flag that says an SRID follows. */
#define EWKB_POINT_TYPE		1
#define EWKB_TYPE_MASK		0x0FFFFFFF
#define EWKB_SRID_FLAG		0x20000000

static void
lookup_postgis_function(FmgrInfo *finfo, Oid namespace, const char *name,
						int nargs, const Oid *argtypes, MemoryContext mcxt)
{
	List	   *qualified = list_make2(makeString(get_namespace_name(namespace)),
									   makeString(pstrdup(name)));

	fmgr_info_cxt(LookupFuncName(qualified, nargs, argtypes, false), finfo, mcxt);
}

void
init_postgis_calls(PostgisCalls *calls, FunctionCallInfo fcinfo, int argno)
{
	Oid		   *declared;
	int			nargs;
	Oid			geometry;

	get_func_signature(fcinfo->flinfo->fn_oid, &declared, &nargs);
	Assert(argno < nargs);
	geometry = declared[argno];
	if (OidIsValid(get_element_type(geometry)))
		geometry = get_element_type(geometry);	/* a geometry[] argument */
	pfree(declared);
	init_postgis_calls_of_type(calls, geometry, fcinfo->flinfo->fn_mcxt);
}

void
init_postgis_calls_of_type(PostgisCalls *calls, Oid geometry, MemoryContext mcxt)
{
	Oid			transform_args[2];
	HeapTuple	tuple;
	Oid			namespace;
	Oid			typinput;

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
	lookup_postgis_function(&calls->st_setsrid, namespace, "st_setsrid", 2, transform_args, mcxt);
	getTypeInputInfo(geometry, &typinput, &calls->geometry_ioparam);
	fmgr_info_cxt(typinput, &calls->geometry_in, mcxt);
}

/*
 * PostGIS reports input it cannot use (an SRID it does not know, coordinates
 * outside a system's domain, text it cannot parse) as an internal error
 * (XX000), although it is the caller's argument that is wrong.  This runs a
 * PostGIS call and returns NULL with *result set, or the ErrorData of such
 * an error for the caller to raise its own error at once: nothing runs
 * between catching it and aborting.  Any other error is re-raised.
 */
typedef Datum (*PostgisCall) (PostgisCalls *calls, void *arg);

static ErrorData *
call_postgis(PostgisCall call, PostgisCalls *calls, void *arg, Datum *result)
{
	MemoryContext cxt = CurrentMemoryContext;
	ErrorData  *volatile edata = NULL;

	PG_TRY();
	{
		*result = call(calls, arg);
	}
	PG_CATCH();
	{
		MemoryContextSwitchTo(cxt);
		edata = CopyErrorData();
		if (edata->sqlerrcode != ERRCODE_INTERNAL_ERROR)
			PG_RE_THROW();
		FlushErrorState();
	}
	PG_END_TRY();
	return edata;
}

static Datum
call_transform(PostgisCalls *calls, void *geom)
{
	return FunctionCall2(&calls->st_transform, *(Datum *) geom, Int32GetDatum(SWEREF99TM_SRID));
}

static Datum
call_geometry_in(PostgisCalls *calls, void *text)
{
	return InputFunctionCall(&calls->geometry_in, (char *) text, calls->geometry_ioparam, -1);
}

/*
 * The geometry in SWEREF99 TM: transformed from any other SRID.  SRID 0
 * (unknown) cannot be transformed and is an error naming the argument; so
 * is a transformation PostGIS cannot make (22023, naming the argument, its
 * SRID and, for a point, its coordinates: xy, or NULL).
 */
static Datum
transform_to_sweref99tm(PostgisCalls *calls, Datum geom, const char *argname,
						const double *xy)
{
	int32		srid = DatumGetInt32(FunctionCall1(&calls->st_srid, geom));
	Datum		result;
	ErrorData  *edata;

	if (srid == SWEREF99TM_SRID)
		return geom;
	if (srid == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s has SRID 0 (unknown)", argname),
				 errhint("Give the geometry its SRID with ST_SetSRID, e.g. 3006 for SWEREF99 TM.")));
	edata = call_postgis(call_transform, calls, &geom, &result);
	if (edata != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s%s in SRID %d cannot be transformed to SWEREF99 TM (SRID 3006)",
						argname, xy ? psprintf(" POINT(%.15g %.15g)", xy[0], xy[1]) : "", srid),
				 errdetail("PostGIS: %s", edata->message),
				 errhint("Check the SRID and that the coordinates lie in its area of use.")));
	return result;
}

Datum
geometry_in_sweref99tm(PostgisCalls *calls, Datum geom, const char *argname)
{
	return transform_to_sweref99tm(calls, geom, argname, NULL);
}

/*
 * Geometry text read by PostGIS's input function, in SWEREF99 TM: WKT
 * without an SRID is taken to be in SWEREF99 TM already, EWKT of another
 * SRID is transformed.  Text PostGIS cannot parse is 22P02 naming it.
 */
Datum
geometry_text_in_sweref99tm(PostgisCalls *calls, char *text)
{
	Datum		geom;
	ErrorData  *edata = call_postgis(call_geometry_in, calls, text, &geom);

	if (edata != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid geometry text: \"%s\"", text),
				 errdetail("PostGIS: %s", edata->message),
				 errhint("Give WKT in SWEREF99 TM, or EWKT with its SRID.")));
	if (DatumGetInt32(FunctionCall1(&calls->st_srid, geom)) == 0)
		return FunctionCall2(&calls->st_setsrid, geom, Int32GetDatum(SWEREF99TM_SRID));
	return geometry_in_sweref99tm(calls, geom, "geometry text");
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
 * Read a point from extended WKB: false for an empty point (both coordinates
 * NaN in WKB), an error for a non-finite coordinate and for any other type.
 * *srid is 0 when none is given.
 */
static bool
ewkb_point(PostgisCalls *calls, Datum geom, const char *argname,
		   int32 *srid, double *x, double *y)
{
	bytea	   *ewkb = DatumGetByteaPP(FunctionCall1(&calls->st_asewkb, geom));
	const unsigned char *p = (const unsigned char *) VARDATA_ANY(ewkb);
	const unsigned char *end = p + VARSIZE_ANY_EXHDR(ewkb);
	bool		little_endian;
	uint32		type;

	/* byte order, type (with flags), SRID if flagged, then x and y */
	if (end - p < 5)
		elog(ERROR, "ST_AsEWKB returned %d bytes", (int) (end - p));
	little_endian = (p[0] == 1);
	type = ewkb_uint32(p + 1, little_endian);
	if ((type & EWKB_TYPE_MASK) != EWKB_POINT_TYPE)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s is a %s, not a point", argname,
						ewkb_type_name(type & EWKB_TYPE_MASK)),
				 errhint("Travel is between points: use ST_PointOnSurface or ST_Centroid of an area.")));
	p += 5;
	*srid = 0;
	if (type & EWKB_SRID_FLAG)
	{
		if (end - p < 4)
			elog(ERROR, "ST_AsEWKB returned a truncated point");
		*srid = (int32) ewkb_uint32(p, little_endian);
		p += 4;
	}
	if (end - p < 16)
		elog(ERROR, "ST_AsEWKB returned a truncated point");
	*x = ewkb_double(p, little_endian);
	*y = ewkb_double(p + 8, little_endian);
	pfree(ewkb);
	if (isnan(*x) && isnan(*y))
		return false;
	/* one NaN or an infinity is no position: no distance can be had from it */
	if (!isfinite(*x) || !isfinite(*y))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s has a coordinate that is not finite: POINT(%g %g)", argname, *x, *y)));
	return true;
}

/*
 * The coordinates of a point geometry in SWEREF99 TM.  Returns false for an
 * empty point (no position, so no distance: PostGIS's ST_Distance gives NULL
 * there too); any other geometry type is an error.  A point in SRID 3006
 * takes one PostGIS call.
 */
bool
sweref99tm_point(PostgisCalls *calls, Datum geom, const char *argname,
				 double *x, double *y)
{
	int32		srid;
	bool		present = ewkb_point(calls, geom, argname, &srid, x, y);

	double		xy[2];

	if (srid == SWEREF99TM_SRID)
		return present;
	xy[0] = *x;
	xy[1] = *y;
	return ewkb_point(calls, transform_to_sweref99tm(calls, geom, argname, present ? xy : NULL),
					  argname, &srid, x, y);
}

/*
 * sweref99tm_point, remembering the last point read through this memo: a
 * query that pairs one base with many places passes the same small geometry
 * on every row.
 */
bool
sweref99tm_point_memo(PostgisCalls *calls, PointMemo *memo, Datum geom,
					  const char *argname, double *x, double *y)
{
	struct varlena *value = PG_DETOAST_DATUM_PACKED(geom);
	Size		size = VARSIZE_ANY(value);

	if (memo->size != size || memcmp(memo->bytes, value, size) != 0)
	{
		memo->size = 0;			/* stays unusable if reading fails */
		memo->present = sweref99tm_point(calls, PointerGetDatum(value), argname,
										 &memo->x, &memo->y);
		if (size <= sizeof(memo->bytes))
		{
			memcpy(memo->bytes, value, size);
			memo->size = size;
		}
	}
	*x = memo->x;
	*y = memo->y;
	return memo->present;
}
