/*
 * dates.h
 *		Dates in messages.
 */
#ifndef MOBILVARD_DATES_H
#define MOBILVARD_DATES_H

#include "postgres.h"

#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/date.h"

/* A date as the server's DateStyle writes it, for error messages. */
static inline char *
date_text(DateADT date)
{
	return DatumGetCString(DirectFunctionCall1(date_out, DateADTGetDatum(date)));
}

#endif							/* MOBILVARD_DATES_H */
