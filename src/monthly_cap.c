/*
 * monthly_cap.c
 *		The municipality's monthly caps: the window function monthly_cap_fee.
 *
 * Per calendar month of the charge date the patient pays at most the cap of
 * the month's first row (NULL: no cap); the row that reaches the cap pays the
 * remainder and later rows of the month pay nothing.  The municipalities use
 * it twice: per tariff category (e.g. at most 600 SEK a month for nurse
 * visits), then over all fees under the maximum fee (maxtaxa) with
 * least(maxtaxa, personal margin) as the cap (doc/fees.md).
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/memutils.h"
#include "utils/numeric.h"
#include "windowapi.h"

#include "fees.h"

PG_FUNCTION_INFO_V1(monthly_cap_fee);

#define MONTHLY_CAP_ARG_CAP 2

typedef struct MonthlyCapState
{
	MemoryContext cxt;			/* the partition's memory, for the amounts */
	FeeOrder	order;
	bool		in_month;		/* a month has begun */
	int			month;			/* year * 12 + month - 1 */
	bool		capped;			/* the month's first row had a cap */
	FeeAmount	cap;
	FeeAmount	paid;			/* paid in the month so far, when capped */
} MonthlyCapState;

static int
month_of(DateADT date)
{
	int			year;
	int			month;
	int			day;

	j2date(date + POSTGRES_EPOCH_JDATE, &year, &month, &day);
	return year * 12 + month - 1;
}

/*
 * monthly_cap_fee(list_fee numeric, charge_date date, cap numeric)
 *		OVER (PARTITION BY patient[, category] ORDER BY charge_date, charge_id) → numeric
 */
Datum
monthly_cap_fee(PG_FUNCTION_ARGS)
{
	WindowObject winobj = PG_WINDOW_OBJECT();
	MonthlyCapState *state = WinGetPartitionLocalMemory(winobj, sizeof(MonthlyCapState));
	FeeRow		row;
	Numeric		cap;
	Numeric		pay;
	int			month;

	if (state->cxt == NULL)
		state->cxt = GetMemoryChunkContext(state);

	if (!fee_row_read(winobj, &state->order, &row))
		PG_RETURN_NULL();
	/* Checked on every row, though only the month's first row sets the cap. */
	cap = fee_amount_arg(winobj, MONTHLY_CAP_ARG_CAP, "cap");

	month = month_of(row.charge_date);
	if (!state->in_month || month != state->month)
	{
		state->in_month = true;
		state->month = month;
		state->capped = (cap != NULL);
		if (state->capped)
		{
			fee_amount_set(&state->cap, state->cxt, cap);
			fee_amount_set(&state->paid, state->cxt, fee_zero());
		}
	}

	if (!state->capped)
		PG_RETURN_NUMERIC(row.list_fee);

	if (row.free)
		PG_RETURN_NUMERIC(row.list_fee);
	pay = fee_up_to(row.list_fee, state->cap.value, state->paid.value);
	fee_amount_set(&state->paid, state->cxt,
				   numeric_add_opt_error(state->paid.value, pay, NULL));
	PG_RETURN_NUMERIC(pay);
}
