/*
 * terminology.h
 *		The team names care_form_of looks for, compiled for matching.
 *
 * The names are the rows of mobilvard.team_name (src/team_name.c loads
 * them); the matching itself (src/terminology.c) needs no catalog access,
 * so that the fuzz target can run it on the shipped names.
 */
#ifndef MOBILVARD_TERMINOLOGY_H
#define MOBILVARD_TERMINOLOGY_H

#include "utils/date.h"

#include "types.h"

/* A name used for several forms, resolved by the unit's care level. */
#define FORM_BY_LEVEL (-1)

typedef struct TeamName
{
	const char *name;			/* folded UTF-8 (fold_label), not empty */
	bool		whole_word;		/* an acronym: matches only as a whole word */
	int			form;			/* CareForm, or FORM_BY_LEVEL */
	CareForm	form_at[CARE_LEVEL_COUNT];	/* for FORM_BY_LEVEL */
	int64		valid_from;		/* first day the name is valid, PG_INT64_MIN */
	int64		valid_until;	/* day after its last, PG_INT64_MAX */
	/* set by team_names_compile */
	int			len;			/* bytes */
	int			chars;			/* characters */
} TeamName;

typedef struct TeamNameList
{
	TeamName   *names;			/* by first byte */
	int			start[257];		/* names[start[b]] to names[start[b + 1] - 1]
								 * begin with byte b */
} TeamNameList;

extern TeamNameList *team_names_compile(TeamName *names, int count);
extern int	care_form_of_name(const TeamNameList *list, const char *name, int len,
							  int level, DateADT on_date);

#endif							/* MOBILVARD_TERMINOLOGY_H */
