/*
 * window_rows.h
 *		Releasing the rows a current-row-only window function is done with.
 *
 * The executor keeps every row of a partition in the window's buffer until a
 * window function moves its mark past them.  care_period_start and the fee
 * engines only ever read the current row, so they could move the mark on
 * every row; but each move is a seek in the buffer and a trim of it, which
 * costs these cheap functions more than their own work.  Moving it once every
 * WINDOW_RELEASE_INTERVAL rows bounds the buffer by that many rows, whatever
 * the length of the partition, at a small fraction of the cost.
 */
#ifndef MOBILVARD_WINDOW_ROWS_H
#define MOBILVARD_WINDOW_ROWS_H

#include "postgres.h"

#include "windowapi.h"

#define WINDOW_RELEASE_INTERVAL 1024

static inline void
window_release_rows_before_current(WindowObject winobj)
{
	int64		pos = WinGetCurrentPosition(winobj);

	if (pos % WINDOW_RELEASE_INTERVAL == 0)
		WinSetMarkPosition(winobj, pos);
}

#endif							/* MOBILVARD_WINDOW_ROWS_H */
