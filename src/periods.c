/*
 * periods.c
 *		care_period_start: a window function that stitches point contacts
 *		into care periods (doc/classification.md).
 *
 * One pass over the partition in contact-date order: a contact more than
 * max_gap_days after the previous one starts a new period.  The state is two
 * dates per partition and only the current row is read, so memory does not
 * grow with the partition.
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "windowapi.h"

#include "dates.h"
#include "window_rows.h"

typedef struct PeriodState
{
	bool		started;		/* seen a dated contact in this partition */
	DateADT		period_start;
	DateADT		last_date;		/* the latest contact so far */
} PeriodState;

PG_FUNCTION_INFO_V1(care_period_start);
Datum
care_period_start(PG_FUNCTION_ARGS)
{
	WindowObject winobj = PG_WINDOW_OBJECT();
	PeriodState *state;
	Datum		arg;
	bool		isnull;
	int32		max_gap;
	DateADT		date;

	window_release_rows_before_current(winobj);

	arg = WinGetFuncArgCurrent(winobj, 1, &isnull);
	if (isnull)
		PG_RETURN_NULL();
	max_gap = DatumGetInt32(arg);
	if (max_gap < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("max_gap_days must not be negative: %d", max_gap)));

	arg = WinGetFuncArgCurrent(winobj, 0, &isnull);
	if (isnull)
		PG_RETURN_NULL();
	date = DatumGetDateADT(arg);

	/* Zeroed by the executor at the start of each partition. */
	state = (PeriodState *) WinGetPartitionLocalMemory(winobj, sizeof(PeriodState));

	if (!state->started)
	{
		state->started = true;
		state->period_start = date;
	}
	else if (date < state->last_date)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("contact date %s is before the previous contact date %s in the window",
						date_text(date), date_text(state->last_date)),
				 errhint("Use ORDER BY contact_date in the window of care_period_start.")));
	/* int64: infinite dates must not overflow the difference */
	else if ((int64) date - (int64) state->last_date > max_gap)
		state->period_start = date;

	state->last_date = date;
	PG_RETURN_DATEADT(state->period_start);
}
