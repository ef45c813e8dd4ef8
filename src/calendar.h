/*
 * calendar.h
 *		Ages as the fee terms count them (calendar.c).
 */
#ifndef MOBILVARD_CALENDAR_H
#define MOBILVARD_CALENDAR_H

#include "postgres.h"

#include "fmgr.h"
#include "utils/date.h"

extern bool calendar_birthday(NullableDatum birth_date, NullableDatum birth_year, DateADT *birthday);
extern int	calendar_age(DateADT birthday, DateADT on_date);

#endif							/* MOBILVARD_CALENDAR_H */
