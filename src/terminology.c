/*
 * terminology.c
 *		Matching a unit's name against the known team names: the rules of
 *		care_form_of (doc/classification.md).
 *
 * Regions name the same kind of team in many ways (table 1 of the national
 * pre-study).  The folded name is searched for every known name valid on
 * the date; the longest match wins, so "specialiserad sjukhusvård i hemmet"
 * is specialised home care although it contains "sjukhusvård i hemmet".
 * Acronyms only match as whole words ("MAP Norr", not "Mapping"); Swedish
 * compounds match inside words ("Barnteamet").
 *
 * The names are sorted by their first byte, so that the unit's name is read
 * once and each of its bytes is compared only with the names that begin
 * with it.  Nothing here reads the catalog: src/team_name.c builds the list
 * from mobilvard.team_name, the fuzz target from the shipped names.
 */
#include "postgres.h"

#include "miscadmin.h"

#include "labels.h"
#include "terminology.h"

/* Letters and digits, counting every byte of a multibyte letter. */
static bool
is_word_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80;
}

/* Characters in a UTF-8 string: the bytes that are not continuation bytes. */
static int
utf8_chars(const char *s)
{
	int			n = 0;

	for (; *s; s++)
		if (((unsigned char) *s & 0xC0) != 0x80)
			n++;
	return n;
}

/* Order of the compiled list: by first byte, then a fixed order. */
static int
team_name_cmp(const void *a, const void *b)
{
	const TeamName *x = a;
	const TeamName *y = b;
	int			cmp = strcmp(x->name, y->name);

	if (cmp != 0)
		return cmp;
	return x->valid_from < y->valid_from ? -1 : x->valid_from > y->valid_from;
}

/*
 * The list of names for team_name_form.  The array and its names must live
 * as long as the list, which is made in the current memory context.
 */
TeamNameList *
team_names_compile(TeamName *names, int count)
{
	TeamNameList *list = palloc0(sizeof(TeamNameList));
	int			i;
	int			byte;

	for (i = 0; i < count; i++)
	{
		Assert(names[i].name[0] != '\0');
		names[i].len = strlen(names[i].name);
		names[i].chars = utf8_chars(names[i].name);
	}
	if (count > 0)
		qsort(names, count, sizeof(TeamName), team_name_cmp);
	list->names = names;

	/* start[b]: the first name whose first byte is b or more */
	i = 0;
	for (byte = 0; byte <= 256; byte++)
	{
		while (i < count && (unsigned char) names[i].name[0] < byte)
			i++;
		list->start[byte] = i;
	}
	return list;
}

/*
 * The form of the longest name in the folded unit's name that is valid on
 * the date; of equally long ones, the one that occurs first.  A name of
 * several forms gives its form at the level (CareLevel, or -1 for none:
 * then it gives -1).  -1 when nothing matches.
 */
static int
team_name_form(const TeamNameList *list, const char *folded, int level, DateADT on_date)
{
	const TeamName *best = NULL;
	size_t		length = strlen(folded);
	size_t		pos;

	for (pos = 0; pos < length; pos++)
	{
		unsigned char c = (unsigned char) folded[pos];
		int			i;

		/* a team name may be any text */
		if ((pos & 0xFFFF) == 0)
			CHECK_FOR_INTERRUPTS();

		for (i = list->start[c]; i < list->start[c + 1]; i++)
		{
			const TeamName *team = &list->names[i];

			/* later and no longer loses; the first byte is c */
			if ((best != NULL && team->chars <= best->chars) ||
				(size_t) team->len > length - pos ||
				memcmp(folded + pos + 1, team->name + 1, team->len - 1) != 0)
				continue;
			if (team->whole_word &&
				((pos > 0 && is_word_byte((unsigned char) folded[pos - 1])) ||
				 is_word_byte((unsigned char) folded[pos + team->len])))
				continue;
			if (on_date < team->valid_from || on_date >= team->valid_until)
				continue;
			best = team;
		}
	}

	if (best == NULL)
		return -1;
	if (best->form != FORM_BY_LEVEL)
		return best->form;
	return level < 0 ? -1 : (int) best->form_at[level];
}

/* The form of a unit's name in the server encoding, folded as labels are. */
int
care_form_of_name(const TeamNameList *list, const char *name, int len, int level, DateADT on_date)
{
	char	   *folded = fold_label(name, len);
	int			form = team_name_form(list, folded, level, on_date);

	pfree(folded);
	return form;
}
