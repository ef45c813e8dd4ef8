/*
 * care_form_of.c
 *		Fuzz target: care_form_of(team_name, unit_level), the harmonisation
 *		of team names in src/terminology.c, with the names mobilvard ships.
 *
 * The input is the name, called with no level and with each level, on the
 * day the last shipped name became valid (so that every shipped name is).
 * The shipped names are the lines of src/terminology.sql that run.sh
 * writes to shipped_team_names.h; they are compiled again for each input,
 * as a backend compiles the table.  What doc/classification.md promises of
 * every name:
 *
 * - the answer is NULL or a care_form, never an error, and the same every
 *   time;
 * - the level decides only when a name of several forms wins: a form at no
 *   level is the form at every level; NULL at no level is NULL at every
 *   level (nothing matched), or, as the shipped names of several forms
 *   have it, municipal_health_team at municipal_primary,
 *   mobile_primary_care at regional_primary, and at both specialised levels
 *   one form, specialised_home_care or mobile_specialist_team;
 * - case (ASCII and Latin-1 letters), no-break spaces and Unicode dashes,
 *   surrounding white space and Unicode normalisation change nothing.
 */
#include "postgres.h"

#include <stdio.h>

#include "utils/builtins.h"

#include "fuzz.h"
#include "terminology.h"
#include "types.h"

extern Datum care_form_in(PG_FUNCTION_ARGS);

extern int	LLVMFuzzerTestOneInput(const uint8 *data, size_t size);

/* A row of _shipped_team_name() as src/terminology.sql writes it. */
typedef struct ShippedName
{
	const char *name;
	bool		whole_word;
	const char *care_form;
	const char *form_municipal_primary;
	const char *form_regional_primary;
	const char *form_specialised;
	const char *valid;
	const char *source;
} ShippedName;

static const ShippedName shipped[] = {
#include "shipped_team_names.h"
};

static TeamName shipped_names[lengthof(shipped)];
static TeamNameList *list;
static DateADT on_date;

/* A date's days from 2000-01-01 (the proleptic Gregorian calendar). */
static int64
days_of(const char *str)
{
	int			y,
				m,
				d;
	int64		era,
				yoe,
				doy;

	if (sscanf(str, "%d-%d-%d", &y, &m, &d) != 3)
		fuzz_abort("shipped validity %s: not a date", str);
	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 730425;
}

static CareForm
form_of_label(const char *label)
{
	int			form = enum_value_of_label(enum_type_of_input(care_form_in), label);

	if (form < 0)
		fuzz_abort("shipped form %s: not a care_form", label);
	return (CareForm) form;
}

/* The shipped rows as a backend reads them, once. */
static void
read_shipped(void)
{
	size_t		i;
	int64		latest = PG_INT64_MIN;

	for (i = 0; i < lengthof(shipped); i++)
	{
		const ShippedName *row = &shipped[i];
		TeamName   *team = &shipped_names[i];
		const char *comma = strchr(row->valid, ',');

		team->name = row->name;
		team->whole_word = row->whole_word;
		team->form = row->care_form ? (int) form_of_label(row->care_form) : FORM_BY_LEVEL;
		if (!row->care_form)
		{
			team->form_at[CARE_LEVEL_MUNICIPAL_PRIMARY] = form_of_label(row->form_municipal_primary);
			team->form_at[CARE_LEVEL_REGIONAL_PRIMARY] = form_of_label(row->form_regional_primary);
			team->form_at[CARE_LEVEL_SPECIALISED_OUTPATIENT] = form_of_label(row->form_specialised);
			team->form_at[CARE_LEVEL_SPECIALISED_INPATIENT] = form_of_label(row->form_specialised);
		}
		/* "[from,until)", either end may be empty */
		if (row->valid[0] != '[' && row->valid[0] != '(')
			fuzz_abort("shipped validity %s: not a range", row->valid);
		team->valid_from = row->valid[1] == ',' ? PG_INT64_MIN
			: days_of(row->valid + 1) + (row->valid[0] == '(');
		team->valid_until = comma[1] == ')' || comma[1] == ']' ? PG_INT64_MAX
			: days_of(comma + 1) + (row->valid[strlen(row->valid) - 1] == ']');
		if (team->valid_from != PG_INT64_MIN && team->valid_from > latest)
			latest = team->valid_from;
	}
	on_date = latest == PG_INT64_MIN ? 0 : (DateADT) latest;
	fuzz_reset_memory();
}

/* care_form_of on the shipped names, as the executor calls it. */
static Datum
care_form_of_shipped(PG_FUNCTION_ARGS)
{
	text	   *name = PG_GETARG_TEXT_PP(0);
	int			form = care_form_of_name(list, VARDATA_ANY(name), VARSIZE_ANY_EXHDR(name),
										 PG_ARGISNULL(1) ? -1 : (int) PG_GETARG_CARE_LEVEL(1), on_date);

	if (form < 0)
		PG_RETURN_NULL();
	PG_RETURN_CARE_FORM((CareForm) form);
}

/* The form, or -1 for NULL, of care_form_of(name, level); level -1 is NULL. */
static int
form_of(const char *name, int level)
{
	Datum		args[2] = {PointerGetDatum(cstring_to_text(name)), CareLevelGetDatum(0)};
	bool		nulls[2] = {false, level < 0};
	Datum		result;
	bool		isnull;

	if (level >= 0)
		args[1] = CareLevelGetDatum(level);
	if (!fuzz_call(care_form_of_shipped, 2, args, nulls, &result, &isnull))
		fuzz_abort("care_form_of(%s, %d) raises %s", fuzz_quote(name), level,
				   fuzz_quote(fuzz_error.message ? fuzz_error.message : ""));
	if (!isnull && DatumGetUInt8(result) >= CARE_FORM_COUNT)
		fuzz_abort("care_form_of(%s, %d) gives %d", fuzz_quote(name), level,
				   (int) DatumGetUInt8(result));
	return isnull ? -1 : DatumGetUInt8(result);
}

/* The level decides only for a name of several forms, as documented. */
static bool
levels_agree(int none, const int at[CARE_LEVEL_COUNT])
{
	int			level;

	if (none >= 0 || at[CARE_LEVEL_MUNICIPAL_PRIMARY] < 0)
	{
		for (level = 0; level < CARE_LEVEL_COUNT; level++)
			if (at[level] != none)
				return false;
		return true;
	}
	return at[CARE_LEVEL_MUNICIPAL_PRIMARY] == CARE_FORM_MUNICIPAL_HEALTH_TEAM &&
		at[CARE_LEVEL_REGIONAL_PRIMARY] == CARE_FORM_MOBILE_PRIMARY_CARE &&
		at[CARE_LEVEL_SPECIALISED_OUTPATIENT] == at[CARE_LEVEL_SPECIALISED_INPATIENT] &&
		(at[CARE_LEVEL_SPECIALISED_INPATIENT] == CARE_FORM_SPECIALISED_HOME_CARE ||
		 at[CARE_LEVEL_SPECIALISED_INPATIENT] == CARE_FORM_MOBILE_SPECIALIST_TEAM);
}

int
LLVMFuzzerTestOneInput(const uint8 *data, size_t size)
{
	static bool shipped_read = false;
	char	   *name;
	int			none;
	int			at[CARE_LEVEL_COUNT];
	int			i;
	TeamName   *names;

	if (!shipped_read)
	{
		read_shipped();
		shipped_read = true;
	}
	names = palloc(sizeof(shipped_names));
	memcpy(names, shipped_names, sizeof(shipped_names));
	list = team_names_compile(names, lengthof(shipped_names));

	name = fuzz_cstring(data, size);
	none = form_of(name, -1);

	for (i = 0; i < CARE_LEVEL_COUNT; i++)
		at[i] = form_of(name, i);
	if (!levels_agree(none, at))
		fuzz_abort("care_form_of(%s) gives %d with no level, %d %d %d %d at the levels",
				   fuzz_quote(name), none, at[0], at[1], at[2], at[3]);
	if (form_of(name, -1) != none)
		fuzz_abort("care_form_of(%s) gives %d, then %d", fuzz_quote(name), none,
				   form_of(name, -1));

	/*
	 * The server passes only valid UTF-8; the rules are for it.  With no
	 * level and at a specialised one, the answers tell every level's.
	 */
	if (fuzz_is_utf8(name))
	{
		for (i = 0; i < FUZZ_VARIANTS; i++)
		{
			char	   *variant = fuzz_variant(name, (FuzzVariant) i);
			int			level = CARE_LEVEL_SPECIALISED_INPATIENT;

			if (form_of(variant, -1) != none || form_of(variant, level) != at[level])
				fuzz_abort("care_form_of(%s) gives %d with no level and %d at %d, "
						   "its %s variant %s %d and %d",
						   fuzz_quote(name), none, at[level], level,
						   fuzz_variant_names[i], fuzz_quote(variant),
						   form_of(variant, -1), form_of(variant, level));
		}
	}
	fuzz_reset_memory();
	return 0;
}
