/*
 * nearest.c
 *		The nearest of many candidate points, for many points.
 *
 * Coverage and snapping ask the same question for every population cell:
 * which base (a few dozen) or which road vertex (a hundred thousand) is
 * nearest?  A GiST nearest-neighbour probe per cell costs tens of
 * microseconds; here the candidates go into a uniform grid of buckets once,
 * and each point searches the rings of buckets around its own until no
 * closer candidate can remain.  Two entry points share the grid:
 * nearest_point, called per row with the same small array of candidates
 * (kept parsed between rows), and nearest_points, one call for a whole set
 * of points against any number of candidates.
 */
#include "postgres.h"

#include <math.h>

#include "funcapi.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/lsyscache.h"
#include "utils/tuplestore.h"

#include "postgis.h"

typedef struct Coordinates
{
	int			count;
	double	   *x;
	double	   *y;
	bool	   *present;		/* false for a NULL or empty element */
	int			lower_bound;	/* subscript of the first element */
} Coordinates;

/* Candidates bucketed on a grid: bucket b holds item[start[b] .. start[b+1]). */
typedef struct Grid
{
	const Coordinates *c;
	double		x0,
				y0,
				side;
	int			nx,
				ny;
	int		   *start;
	int		   *item;
} Grid;

static void
read_coordinates(PostgisCalls *calls, ArrayType *array, const char *argname,
				 const char *elemname, Coordinates *c)
{
	Datum	   *elements;
	bool	   *nulls;
	int16		typlen;
	bool		typbyval;
	char		typalign;
	int			i;

	if (ARR_NDIM(array) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be a one-dimensional array, not %d-dimensional",
						argname, ARR_NDIM(array))));
	get_typlenbyvalalign(ARR_ELEMTYPE(array), &typlen, &typbyval, &typalign);
	deconstruct_array(array, ARR_ELEMTYPE(array), typlen, typbyval, typalign,
					  &elements, &nulls, &c->count);
	c->lower_bound = ARR_NDIM(array) == 1 ? ARR_LBOUND(array)[0] : 1;
	c->x = palloc(sizeof(double) * Max(c->count, 1));
	c->y = palloc(sizeof(double) * Max(c->count, 1));
	c->present = palloc(sizeof(bool) * Max(c->count, 1));
	for (i = 0; i < c->count; i++)
	{
		CHECK_FOR_INTERRUPTS();
		c->present[i] = !nulls[i] &&
			sweref99tm_point(calls, elements[i], elemname, &c->x[i], &c->y[i]);
	}
	pfree(elements);
	pfree(nulls);
}

/* About two candidates per bucket over the candidates' bounding box. */
static void
build_grid(Grid *g, const Coordinates *c)
{
	double		x1 = -INFINITY,
				y1 = -INFINITY;
	int			n = 0;
	int		   *fill;
	int			i;

	g->c = c;
	g->x0 = g->y0 = INFINITY;
	for (i = 0; i < c->count; i++)
	{
		if (!c->present[i])
			continue;
		g->x0 = Min(g->x0, c->x[i]);
		g->y0 = Min(g->y0, c->y[i]);
		x1 = Max(x1, c->x[i]);
		y1 = Max(y1, c->y[i]);
		n++;
	}
	if (n == 0)
	{
		g->nx = g->ny = 0;
		return;
	}
	g->side = sqrt(Max((x1 - g->x0) * (y1 - g->y0), 0.0) / Max(n / 2, 1));
	if (!(g->side > 0))			/* all candidates on one line or point */
		g->side = Max(Max(x1 - g->x0, y1 - g->y0) / Max(n / 2, 1), 1.0);
	g->nx = Min((int) ((x1 - g->x0) / g->side) + 1, 1 << 15);
	g->ny = Min((int) ((y1 - g->y0) / g->side) + 1, 1 << 15);

	g->start = palloc0(sizeof(int) * ((Size) g->nx * g->ny + 1));
	g->item = palloc(sizeof(int) * n);
	fill = palloc0(sizeof(int) * ((Size) g->nx * g->ny));
	for (i = 0; i < c->count; i++)
	{
		if (c->present[i])
			g->start[Min((int) ((c->y[i] - g->y0) / g->side), g->ny - 1) * g->nx +
					 Min((int) ((c->x[i] - g->x0) / g->side), g->nx - 1) + 1]++;
	}
	for (i = 0; i < g->nx * g->ny; i++)
		g->start[i + 1] += g->start[i];
	for (i = 0; i < c->count; i++)
	{
		int			b;

		if (!c->present[i])
			continue;
		b = Min((int) ((c->y[i] - g->y0) / g->side), g->ny - 1) * g->nx +
			Min((int) ((c->x[i] - g->x0) / g->side), g->nx - 1);
		g->item[g->start[b] + fill[b]++] = i;
	}
	pfree(fill);
}

static int
clamp(double v, int n)
{
	return v < 0 ? 0 : v >= n ? n - 1 : (int) v;
}

/*
 * The candidate nearest to (x, y), the lowest position on a tie, or -1 when
 * there is none.  Ring r holds the buckets at Chebyshev distance r from the
 * point's (clamped) bucket; once the best distance found is no more than the
 * distance from the point to the outside of rings 0..r, no later ring can
 * hold a closer candidate.
 */
static int
nearest_in_grid(const Grid *g, double x, double y, double *distance)
{
	int			bx,
				by,
				r,
				best = -1;
	double		best_d2 = INFINITY;

	if (g->nx == 0)
		return -1;
	bx = clamp((x - g->x0) / g->side, g->nx);
	by = clamp((y - g->y0) / g->side, g->ny);
	for (r = 0;; r++)
	{
		int			ix,
					iy;
		double		left = g->x0 + (bx - r) * g->side,
					right = g->x0 + (bx + r + 1) * g->side,
					bottom = g->y0 + (by - r) * g->side,
					top = g->y0 + (by + r + 1) * g->side,
					reach;

		CHECK_FOR_INTERRUPTS();
		for (iy = Max(by - r, 0); iy <= Min(by + r, g->ny - 1); iy++)
		{
			/* whole rows at the top and bottom of the ring, else its ends */
			int			step = (iy == by - r || iy == by + r) ? 1 : 2 * r;

			for (ix = bx - r; ix <= bx + r; ix += Max(step, 1))
			{
				int			b,
							k;

				if (ix < 0 || ix >= g->nx)
					continue;
				b = iy * g->nx + ix;
				for (k = g->start[b]; k < g->start[b + 1]; k++)
				{
					int			i = g->item[k];
					double		dx = g->c->x[i] - x,
								dy = g->c->y[i] - y,
								d2 = dx * dx + dy * dy;

					if (d2 < best_d2 || (d2 == best_d2 && i < best))
					{
						best_d2 = d2;
						best = i;
					}
				}
			}
		}
		if (r >= g->nx && r >= g->ny)
			break;				/* every bucket searched */
		reach = (x >= left && x <= right && y >= bottom && y <= top) ?
			Min(Min(x - left, right - x), Min(y - bottom, top - y)) : 0;
		if (best >= 0 && best_d2 <= reach * reach)
			break;
	}
	*distance = sqrt(best_d2);
	return best;
}

/*
 * What nearest_point keeps per call site: the candidates of the last call,
 * parsed and bucketed, in fn_mcxt.
 */
typedef struct NearestCache
{
	PostgisCalls postgis;
	MemoryContext mcxt;			/* holds everything below; NULL before use */
	ArrayType  *array;			/* copy of the candidates array */
	Coordinates candidates;
	Grid		grid;
} NearestCache;

/*
 * nearest_point(p geometry, candidates geometry[]) -> integer
 *
 * The subscript of the candidate nearest to p, NULL when p is empty or there
 * is no candidate.  In a query the candidates are usually one value computed
 * once (a subquery or a parameter), so a row costs one memcmp to recognise
 * them, not one PostGIS call per candidate.
 */
PG_FUNCTION_INFO_V1(nearest_point);
Datum
nearest_point(PG_FUNCTION_ARGS)
{
	NearestCache *cache = (NearestCache *) fcinfo->flinfo->fn_extra;
	ArrayType  *array = PG_GETARG_ARRAYTYPE_P(1);
	double		x,
				y,
				distance;
	int			best;

	if (cache == NULL)
	{
		cache = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(NearestCache));
		init_postgis_calls(&cache->postgis, fcinfo, 0);
		fcinfo->flinfo->fn_extra = cache;
	}
	if (cache->mcxt == NULL || VARSIZE(cache->array) != VARSIZE(array) ||
		memcmp(cache->array, array, VARSIZE(array)) != 0)
	{
		MemoryContext old;

		if (cache->mcxt != NULL)
			MemoryContextDelete(cache->mcxt);
		cache->mcxt = AllocSetContextCreate(fcinfo->flinfo->fn_mcxt, "nearest_point",
											ALLOCSET_SMALL_SIZES);
		old = MemoryContextSwitchTo(cache->mcxt);
		cache->array = palloc(VARSIZE(array));
		memcpy(cache->array, array, VARSIZE(array));
		read_coordinates(&cache->postgis, cache->array, "candidates", "candidate",
						 &cache->candidates);
		build_grid(&cache->grid, &cache->candidates);
		MemoryContextSwitchTo(old);
	}

	if (!sweref99tm_point(&cache->postgis, PG_GETARG_DATUM(0), "p", &x, &y))
		PG_RETURN_NULL();
	best = nearest_in_grid(&cache->grid, x, y, &distance);
	if (best < 0)
		PG_RETURN_NULL();
	PG_RETURN_INT32(best + cache->candidates.lower_bound);
}

/*
 * nearest_points(points geometry[], candidates geometry[])
 *		RETURNS TABLE (point_no integer, candidate_no integer, distance_m float8)
 *
 * One row per non-empty point that has a nearest candidate, with the
 * subscripts of both in their arrays.
 */
PG_FUNCTION_INFO_V1(nearest_points);
Datum
nearest_points(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	PostgisCalls calls;
	Coordinates points;
	Coordinates candidates;
	Grid		grid = {0};
	MemoryContext work;
	MemoryContext old;
	int			i;

	InitMaterializedSRF(fcinfo, 0);

	/* the parsed arrays and the grid live until the tuplestore is full */
	work = AllocSetContextCreate(CurrentMemoryContext, "nearest_points",
								 ALLOCSET_DEFAULT_SIZES);
	old = MemoryContextSwitchTo(work);
	init_postgis_calls(&calls, fcinfo, 0);
	read_coordinates(&calls, PG_GETARG_ARRAYTYPE_P(1), "candidates", "candidate", &candidates);
	read_coordinates(&calls, PG_GETARG_ARRAYTYPE_P(0), "points", "point", &points);
	build_grid(&grid, &candidates);
	MemoryContextSwitchTo(old);

	for (i = 0; i < points.count; i++)
	{
		Datum		values[3];
		bool		nulls[3] = {false};
		double		distance;
		int			best;

		CHECK_FOR_INTERRUPTS();
		if (!points.present[i])
			continue;
		best = nearest_in_grid(&grid, points.x[i], points.y[i], &distance);
		if (best < 0)
			continue;
		values[0] = Int32GetDatum(i + points.lower_bound);
		values[1] = Int32GetDatum(best + candidates.lower_bound);
		values[2] = Float8GetDatum(distance);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	MemoryContextDelete(work);
	return (Datum) 0;
}
