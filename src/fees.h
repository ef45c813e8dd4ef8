/*
 * fees.h
 *		What the fee engines (hcp.c, monthly_cap.c) share: reading and
 *		checking one charge row of the window, and amounts of money kept
 *		across the rows of a partition.
 *
 * The engines are window functions that walk a patient's charges once, in
 * date order, keeping their state in partition-local memory.  The executor
 * evaluates each row in a per-row memory context that it resets, so the
 * numeric arithmetic of a row may allocate freely there; only the running
 * amounts must survive the row, and they live in FeeAmount buffers that are
 * reused from row to row.  A partition of a million charges therefore holds
 * no more memory than one of ten.
 */
#ifndef MOBILVARD_FEES_H
#define MOBILVARD_FEES_H

#include "postgres.h"

#include "utils/date.h"
#include "utils/numeric.h"
#include "windowapi.h"

/* An amount of money kept across rows, in a reused partition-memory buffer. */
typedef struct FeeAmount
{
	Numeric		value;			/* NULL until first set */
	Size		capacity;		/* bytes allocated at value */
} FeeAmount;

/* The charge date of the previous row, to reject dates going backwards. */
typedef struct FeeOrder
{
	bool		seen;
	DateADT		last_date;
} FeeOrder;

/* One charge as the engines see it: the list fee and the charge date. */
typedef struct FeeRow
{
	Numeric		list_fee;
	bool		free;			/* list_fee is zero */
	DateADT		charge_date;
} FeeRow;

extern bool fee_row_read(WindowObject winobj, FeeOrder *order, FeeRow *row);
extern Numeric fee_amount_arg(WindowObject winobj, int argno, const char *argname);
extern bool fee_check_amount(Numeric amount, const char *argname);

extern void fee_amount_set(FeeAmount *amount, MemoryContext cxt, Numeric value);
extern Numeric fee_zero(void);
extern Numeric fee_up_to(Numeric list_fee, Numeric limit, Numeric paid);
extern bool fee_reached(Numeric paid, Numeric limit);

#endif							/* MOBILVARD_FEES_H */
