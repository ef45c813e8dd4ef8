/*
 * calendar.c
 *		The calendar year and the first day of the month of a date, and a
 *		person's age on a date, as the fee terms count them (doc/fees.md):
 *		national figures are those of a fee's year, personal margins those of
 *		its month, ages are whole years on its date; episodes are counted by
 *		the month they start in.  SQL's extract(), date_trunc() and age() give
 *		the same through numeric, timestamp and interval, at several times the
 *		cost per row of a view over millions of rows.
 */
#include "postgres.h"

#include "datatype/timestamp.h"
#include "fmgr.h"
#include "utils/date.h"
#include "utils/datetime.h"

#include "calendar.h"
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

/*
 * The birthday a person's age counts from: the birth date, or with only the
 * year known 1 January of it.  False when neither is known.
 */
bool
calendar_birthday(NullableDatum birth_date, NullableDatum birth_year, DateADT *birthday)
{
	int32		year;

	if (!birth_date.isnull)
	{
		*birthday = DatumGetDateADT(birth_date.value);
		calendar_check(*birthday);
		return true;
	}
	if (birth_year.isnull)
		return false;
	year = DatumGetInt32(birth_year.value);
	if (!IS_VALID_JULIAN(year, 1, 1) || !IS_VALID_DATE(date2j(year, 1, 1) - POSTGRES_EPOCH_JDATE))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("birth year %d is out of range", year)));
	*birthday = date2j(year, 1, 1) - POSTGRES_EPOCH_JDATE;
	return true;
}

/*
 * Whole years from the birthday to the date: a year is added on the
 * birthday's month and day.  Comparing month and day makes a 29 February
 * birthday come on 1 March in a common year.
 */
int
calendar_age(DateADT birthday, DateADT on_date)
{
	int			birth_year,
				birth_month,
				birth_day;
	int			year,
				month,
				day;

	calendar_check(on_date);
	j2date(birthday + POSTGRES_EPOCH_JDATE, &birth_year, &birth_month, &birth_day);
	j2date(on_date + POSTGRES_EPOCH_JDATE, &year, &month, &day);
	if (month < birth_month || (month == birth_month && day < birth_day))
		return year - birth_year - 1;
	return year - birth_year;
}

/*
 * _age_on(birth_date date, birth_year integer, on_date date) → integer:
 * NULL when the date or both of the birth are unknown.
 */
PG_FUNCTION_INFO_V1(calendar_age_on);
Datum
calendar_age_on(PG_FUNCTION_ARGS)
{
	DateADT		birthday;

	if (PG_ARGISNULL(2) || !calendar_birthday(fcinfo->args[0], fcinfo->args[1], &birthday))
		PG_RETURN_NULL();
	PG_RETURN_INT32(calendar_age(birthday, PG_GETARG_DATEADT(2)));
}
