/*
 * fees.c
 *		Row reading, argument checks and running amounts shared by the fee
 *		engines (see fees.h).
 */
#include "postgres.h"

#include "datatype/timestamp.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/fmgrprotos.h"
#include "utils/memutils.h"
#include "utils/numeric.h"
#include "windowapi.h"

#include "dates.h"
#include "fees.h"
#include "window_rows.h"

/* Argument positions common to every engine. */
#define FEE_ARG_LIST_FEE	0
#define FEE_ARG_CHARGE_DATE 1

static char *
fee_amount_text(Numeric amount)
{
	return DatumGetCString(DirectFunctionCall1(numeric_out, NumericGetDatum(amount)));
}

/* Zero SEK, made once per backend. */
Numeric
fee_zero(void)
{
	static Numeric zero = NULL;

	if (zero == NULL)
	{
		MemoryContext old = MemoryContextSwitchTo(TopMemoryContext);

		zero = int64_to_numeric(0);
		MemoryContextSwitchTo(old);
	}
	return zero;
}

static int
fee_cmp(Numeric a, Numeric b)
{
	return DatumGetInt32(DirectFunctionCall2(numeric_cmp,
											 NumericGetDatum(a), NumericGetDatum(b)));
}

/* Amounts of money are finite and not negative.  Returns whether it is zero. */
bool
fee_check_amount(Numeric amount, const char *argname)
{
	int			sign;

	if (numeric_is_nan(amount) || numeric_is_inf(amount))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s \"%s\" is not a finite amount", argname, fee_amount_text(amount)),
				 errhint("Fees, ceilings and caps are amounts in SEK.")));
	sign = fee_cmp(amount, fee_zero());
	if (sign < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s \"%s\" is negative", argname, fee_amount_text(amount)),
				 errhint("Fees, ceilings and caps are zero or positive amounts in SEK.")));
	return sign == 0;
}

/*
 * The current row's amount argument, checked; NULL if the argument is NULL.
 * The value is detoasted into the per-row context.
 */
Numeric
fee_amount_arg(WindowObject winobj, int argno, const char *argname)
{
	bool		isnull;
	Datum		d = WinGetFuncArgCurrent(winobj, argno, &isnull);
	Numeric		amount;

	if (isnull)
		return NULL;
	amount = DatumGetNumeric(d);
	fee_check_amount(amount, argname);
	return amount;
}

/*
 * Read the current row's list fee and charge date.  Returns false for a row
 * the engines skip (NULL fee or date: it gets NULL and changes nothing).
 * Rejects a negative or non-finite fee, a non-finite date and a date before
 * the previous row's.
 *
 * The engines only ever look at the current row, so the rows before it are
 * released (window_rows.h).
 */
bool
fee_row_read(WindowObject winobj, FeeOrder *order, FeeRow *row)
{
	bool		fee_null;
	bool		date_null;
	Datum		fee;
	Datum		date;

	window_release_rows_before_current(winobj);

	fee = WinGetFuncArgCurrent(winobj, FEE_ARG_LIST_FEE, &fee_null);
	date = WinGetFuncArgCurrent(winobj, FEE_ARG_CHARGE_DATE, &date_null);
	if (fee_null || date_null)
		return false;

	row->list_fee = DatumGetNumeric(fee);
	row->charge_date = DatumGetDateADT(date);
	row->free = fee_check_amount(row->list_fee, "list_fee");

	if (DATE_NOT_FINITE(row->charge_date))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("charge_date \"%s\" is not a finite date",
						date_text(row->charge_date))));
	if (order->seen && row->charge_date < order->last_date)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("charge_date \"%s\" is earlier than the previous row's \"%s\"",
						date_text(row->charge_date), date_text(order->last_date)),
				 errhint("Order the window by the charge date: OVER (PARTITION BY ... ORDER BY charge_date, charge_id).")));
	order->seen = true;
	order->last_date = row->charge_date;
	return true;
}

/*
 * Keep value as the running amount.  The buffer lives in cxt (the partition's
 * memory) and is reused for every row; it is only replaced when a longer
 * numeric arrives, which bounds it by the longest amount, not by the number
 * of rows.
 */
void
fee_amount_set(FeeAmount *amount, MemoryContext cxt, Numeric value)
{
	Size		len = VARSIZE(value);

	if (len > amount->capacity)
	{
		if (amount->value != NULL)
			pfree(amount->value);
		amount->value = MemoryContextAlloc(cxt, len);
		amount->capacity = len;
	}
	memcpy(amount->value, value, len);
}

/* least(list_fee, limit - paid): what a row pays under a ceiling or a cap. */
Numeric
fee_up_to(Numeric list_fee, Numeric limit, Numeric paid)
{
	Numeric		remaining = numeric_sub_opt_error(limit, paid, NULL);

	return fee_cmp(list_fee, remaining) <= 0 ? list_fee : remaining;
}

/* Whether the paid sum has reached the limit. */
bool
fee_reached(Numeric paid, Numeric limit)
{
	return fee_cmp(paid, limit) >= 0;
}
