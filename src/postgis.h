/*
 * postgis.h
 *		Calling PostGIS from C without linking against it.
 *
 * mobilvard cannot link against liblwgeom, so it never looks inside
 * PostGIS's on-disk geometry format (which has two versions in the wild and
 * optional bounding-box and extended-flag blocks).  Instead it calls
 * PostGIS's own SQL functions through the function manager: ST_SRID and
 * ST_Transform to bring a geometry into SWEREF99 TM, and ST_AsEWKB to read
 * a point's coordinates from extended WKB, a documented interchange format
 * that every PostGIS version writes the same way.  Callers look the
 * functions up once per call site and keep them in fn_extra.
 */
#ifndef MOBILVARD_POSTGIS_H
#define MOBILVARD_POSTGIS_H

#include "postgres.h"
#include "fmgr.h"

#define SWEREF99TM_SRID 3006

typedef struct PostgisCalls
{
	FmgrInfo	st_srid;
	FmgrInfo	st_transform;
	FmgrInfo	st_asewkb;
	FmgrInfo	st_setsrid;
	FmgrInfo	geometry_in;	/* the geometry type's input function */
	Oid			geometry_ioparam;
} PostgisCalls;

/*
 * Look the functions up in the schema of the geometry type that the calling
 * function's argument number argno is declared with (or is an array of).
 */
extern void init_postgis_calls(PostgisCalls *calls, FunctionCallInfo fcinfo, int argno);

/* The same for the geometry type given. */
extern void init_postgis_calls_of_type(PostgisCalls *calls, Oid geometry, MemoryContext mcxt);

/* The geometry in SRID 3006; SRID 0 is error 22023 naming argname. */
extern Datum geometry_in_sweref99tm(PostgisCalls *calls, Datum geom, const char *argname);

/* WKT (taken as SRID 3006) or EWKT, in SRID 3006; unreadable text is 22P02. */
extern Datum geometry_text_in_sweref99tm(PostgisCalls *calls, char *text);

/*
 * The coordinates of a point in SRID 3006; false for an empty point.  Any
 * other geometry type is error 22023 naming argname.
 */
extern bool sweref99tm_point(PostgisCalls *calls, Datum geom, const char *argname,
							 double *x, double *y);

/* The last point read, by its serialized bytes (points are small). */
typedef struct PointMemo
{
	Size		size;			/* 0: nothing remembered */
	char		bytes[64];
	double		x;
	double		y;
	bool		present;
} PointMemo;

/* sweref99tm_point, without a PostGIS call when the point is the last one. */
extern bool sweref99tm_point_memo(PostgisCalls *calls, PointMemo *memo, Datum geom,
								  const char *argname, double *x, double *y);

#endif							/* MOBILVARD_POSTGIS_H */
