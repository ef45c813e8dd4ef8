/*
 * calendar.c
 *		The calendar year and the first day of the month of a date, as the fee
 *		terms count them (doc/fees.md): ages are reached in the year of a fee,
 *		national figures are those of its year, personal margins those of its
 *		month; episodes are counted by the month they start in.  SQL's
 *		extract() and date_trunc() give the same through numeric and
 *		timestamp, at several times the cost per row of a view over millions
 *		of rows.
 */
#include "postgres.h"

#include "datatype/timestamp.h"
#include "fmgr.h"
#include "utils/date.h"
#include "utils/datetime.h"

#include "dates.h"

static void
calendar_check(DateADT date)
{
	if (DATE_NOT_FINITE(date))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("date %s has no calendar year", date_text(date))));
}

PG_FUNCTION_INFO_V1(calendar_year);
Datum
calendar_year(PG_FUNCTION_ARGS)
{
	DateADT		date = PG_GETARG_DATEADT(0);
	int			year,
				month,
				day;

	calendar_check(date);
	j2date(date + POSTGRES_EPOCH_JDATE, &year, &month, &day);
	/* j2date counts 1 BC as year 0; extract() as -1, there being no year 0 */
	PG_RETURN_INT32(year > 0 ? year : year - 1);
}

/*
 * An infinite date is its own month, as date_trunc() has it.  Never raising
 * an error is what lets the function be LEAKPROOF, so that a filter on
 * monthly_activity's month still uses its index under row-level security.
 */
PG_FUNCTION_INFO_V1(calendar_month_start);
Datum
calendar_month_start(PG_FUNCTION_ARGS)
{
	DateADT		date = PG_GETARG_DATEADT(0);
	int			year,
				month,
				day;

	if (DATE_NOT_FINITE(date))
		PG_RETURN_DATEADT(date);
	j2date(date + POSTGRES_EPOCH_JDATE, &year, &month, &day);
	PG_RETURN_DATEADT(date - (day - 1));
}
