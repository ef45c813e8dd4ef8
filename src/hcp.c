/*
 * hcp.c
 *		The region's high-cost protection (högkostnadsskydd): the window
 *		functions hcp_fee (what the patient pays) and hcp_status (the
 *		protection's state after the row), two faces of one engine, and
 *		hcp_family_fee, the same engine over a family's shared ceiling.
 *
 * A period opens at the first counted positive fee and lasts to the day
 * before its anniversary; its ceiling is the one passed on the row that opens
 * it.  In the period the patient pays until the paid sum equals the ceiling
 * (the fee that reaches it is reduced to the remainder), then nothing for
 * counted fees until the period's last day (frikort).  Fees that do not count
 * are paid in full and leave the state alone (doc/fees.md).
 *
 * A family's children share one ceiling.  Who shares it is decided per
 * period: a member under 18 on the first day of the family's period counts
 * towards it to the period's end, even past an 18th birthday; the member's
 * other charges are the member's own.
 */
#include "postgres.h"

#include "datatype/timestamp.h"
#include "fmgr.h"
#include "funcapi.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/memutils.h"
#include "utils/numeric.h"
#include "windowapi.h"

#include "calendar.h"
#include "dates.h"
#include "fees.h"

PG_FUNCTION_INFO_V1(hcp_fee);
PG_FUNCTION_INFO_V1(hcp_status);
PG_FUNCTION_INFO_V1(hcp_family_fee);

/* Arguments after list_fee and charge_date. */
#define HCP_ARG_COUNTS		2
#define HCP_ARG_CEILING		3
/* hcp_family_fee's, after those: the member's birth */
#define HCP_ARG_BIRTH_DATE	4
#define HCP_ARG_BIRTH_YEAR	5

/* Children share the family's ceiling until this age. */
#define HCP_FAMILY_AGE_LIMIT 18

#define HCP_STATE_NATTS		4

typedef struct HcpState
{
	MemoryContext cxt;			/* the partition's memory, for the amounts */
	FeeOrder	order;
	bool		open;			/* a period has been opened */
	DateADT		period_start;
	DateADT		period_end;		/* last day of the period */
	FeeAmount	ceiling;		/* fixed when the period opens */
	FeeAmount	paid;			/* paid in the period so far */
	bool		frikort;		/* the paid sum has reached the ceiling */
} HcpState;

static HcpState *
hcp_state_of(WindowObject winobj)
{
	HcpState   *state = WinGetPartitionLocalMemory(winobj, sizeof(HcpState));

	if (state->cxt == NULL)
		state->cxt = GetMemoryChunkContext(state);
	return state;
}

/*
 * The period's last day: the day before the anniversary of its start.
 * date2j counts on from 28 February, so the anniversary of 29 February in a
 * common year is 1 March and the period ends on 28 February.
 */
static DateADT
hcp_period_end(DateADT start)
{
	int			year;
	int			month;
	int			day;
	DateADT		end;

	j2date(start + POSTGRES_EPOCH_JDATE, &year, &month, &day);
	end = date2j(year + 1, month, day) - POSTGRES_EPOCH_JDATE - 1;
	if (!IS_VALID_DATE(end))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("high-cost period starting \"%s\" ends after the last date PostgreSQL supports",
						date_text(start))));
	return end;
}

/* Open a period on the current row, with the row's ceiling. */
static void
hcp_open_period(WindowObject winobj, HcpState *state, DateADT start)
{
	bool		isnull;
	Datum		arg = WinGetFuncArgCurrent(winobj, HCP_ARG_CEILING, &isnull);
	Numeric		ceiling;

	if (isnull)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("ceiling is NULL on the charge of \"%s\" that opens a high-cost period",
						date_text(start)),
				 errhint("Pass the ceiling in force on the charge date, e.g. mobilvard.national_hcp_ceiling(charge_date).")));
	ceiling = DatumGetNumeric(arg);
	if (fee_check_amount(ceiling, "ceiling"))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("ceiling \"0\" on the charge of \"%s\" that opens a high-cost period is not positive",
						date_text(start))));

	state->open = true;
	state->period_start = start;
	state->period_end = hcp_period_end(start);
	fee_amount_set(&state->ceiling, state->cxt, ceiling);
	fee_amount_set(&state->paid, state->cxt, fee_zero());
	state->frikort = false;
}

/*
 * The engine: apply a charge to the state, setting *pay to what the patient
 * pays for it.
 */
static void
hcp_charge(WindowObject winobj, HcpState *state, FeeRow *row, Numeric *pay)
{
	bool		counts_null;
	bool		counts;

	counts = DatumGetBool(WinGetFuncArgCurrent(winobj, HCP_ARG_COUNTS, &counts_null));
	if (counts_null)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("counts is NULL for the charge of \"%s\"", date_text(row->charge_date)),
				 errhint("Whether a fee counts towards the high-cost protection must be known.")));

	if (!counts || row->free)
	{
		*pay = row->list_fee;
		return;
	}

	if (!state->open || row->charge_date > state->period_end)
		hcp_open_period(winobj, state, row->charge_date);

	if (state->frikort)
	{
		*pay = fee_zero();
		return;
	}
	*pay = fee_up_to(row->list_fee, state->ceiling.value, state->paid.value);
	fee_amount_set(&state->paid, state->cxt,
				   numeric_add_opt_error(state->paid.value, *pay, NULL));
	state->frikort = fee_reached(state->paid.value, state->ceiling.value);
}

/*
 * Apply the current row.  Returns false for a row that is skipped (NULL fee
 * or date); otherwise sets *pay to what the patient pays for the row.
 */
static bool
hcp_apply(WindowObject winobj, HcpState *state, Numeric *pay)
{
	FeeRow		row;

	if (!fee_row_read(winobj, &state->order, &row))
		return false;
	hcp_charge(winobj, state, &row, pay);
	return true;
}

/*
 * hcp_fee(list_fee numeric, charge_date date, counts boolean, ceiling numeric)
 *		OVER (PARTITION BY patient ORDER BY charge_date, charge_id) → numeric
 */
Datum
hcp_fee(PG_FUNCTION_ARGS)
{
	WindowObject winobj = PG_WINDOW_OBJECT();
	Numeric		pay;

	if (!hcp_apply(winobj, hcp_state_of(winobj), &pay))
		PG_RETURN_NULL();
	PG_RETURN_NUMERIC(pay);
}

/* The hcp_state row descriptor, looked up once per query. */
static TupleDesc
hcp_state_tupdesc(FunctionCallInfo fcinfo)
{
	if (fcinfo->flinfo->fn_extra == NULL)
	{
		TupleDesc	tupdesc;
		MemoryContext old;

		if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE ||
			tupdesc->natts != HCP_STATE_NATTS)
			elog(ERROR, "hcp_status must return mobilvard.hcp_state");
		old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);
		fcinfo->flinfo->fn_extra = BlessTupleDesc(CreateTupleDescCopy(tupdesc));
		MemoryContextSwitchTo(old);
	}
	return (TupleDesc) fcinfo->flinfo->fn_extra;
}

/*
 * hcp_status(list_fee numeric, charge_date date, counts boolean, ceiling numeric)
 *		OVER (same window) → hcp_state(period_start, period_end, paid_in_period, frikort)
 */
Datum
hcp_status(PG_FUNCTION_ARGS)
{
	WindowObject winobj = PG_WINDOW_OBJECT();
	HcpState   *state = hcp_state_of(winobj);
	TupleDesc	tupdesc = hcp_state_tupdesc(fcinfo);
	Datum		values[HCP_STATE_NATTS];
	bool		nulls[HCP_STATE_NATTS] = {false};
	Numeric		pay;

	if (!hcp_apply(winobj, state, &pay))
		PG_RETURN_NULL();

	if (state->open)
	{
		values[0] = DateADTGetDatum(state->period_start);
		values[1] = DateADTGetDatum(state->period_end);
		values[2] = NumericGetDatum(state->paid.value);
	}
	else
		nulls[0] = nulls[1] = nulls[2] = true;
	values[3] = BoolGetDatum(state->frikort);

	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}

/*
 * Whether the current row's charge is the family's: its member is under 18
 * on the charge date, or was on the first day of the open family period the
 * charge falls in.  A member of unknown age is not a child.
 */
static bool
hcp_family_shares(WindowObject winobj, HcpState *state, DateADT charge_date)
{
	NullableDatum birth_date;
	NullableDatum birth_year;
	DateADT		birthday;

	birth_date.value = WinGetFuncArgCurrent(winobj, HCP_ARG_BIRTH_DATE, &birth_date.isnull);
	birth_year.value = WinGetFuncArgCurrent(winobj, HCP_ARG_BIRTH_YEAR, &birth_year.isnull);
	if (!calendar_birthday(birth_date, birth_year, &birthday))
		return false;
	if (calendar_age(birthday, charge_date) < HCP_FAMILY_AGE_LIMIT)
		return true;
	return state->open && charge_date <= state->period_end &&
		calendar_age(birthday, state->period_start) < HCP_FAMILY_AGE_LIMIT;
}

/*
 * hcp_family_fee(list_fee numeric, charge_date date, counts boolean, ceiling numeric,
 *				  birth_date date, birth_year integer)
 *		OVER (PARTITION BY family ORDER BY charge_date, charge_id) → numeric
 *
 * What the member pays for a charge under the family's shared ceiling, or
 * NULL for a charge that is not the family's (which leaves the family's
 * state alone, and is the member's own to pay under hcp_fee).
 */
Datum
hcp_family_fee(PG_FUNCTION_ARGS)
{
	WindowObject winobj = PG_WINDOW_OBJECT();
	HcpState   *state = hcp_state_of(winobj);
	FeeRow		row;
	Numeric		pay;

	if (!fee_row_read(winobj, &state->order, &row) ||
		!hcp_family_shares(winobj, state, row.charge_date))
		PG_RETURN_NULL();
	hcp_charge(winobj, state, &row, &pay);
	PG_RETURN_NUMERIC(pay);
}
