/*
 * care_form_of.c
 *		Fuzz target: care_form_of(team_name, unit_level), the harmonisation
 *		of team names in src/terminology.c.
 *
 * The input is the name, called with no level and with each level.  What
 * doc/classification.md promises of every name:
 *
 * - the answer is NULL or a care_form, never an error, and the same every
 *   time;
 * - the level decides only when a name of several forms wins: a form at no
 *   level is the form at every level; NULL at no level is NULL at every
 *   level (nothing matched), or municipal_health_team at municipal_primary,
 *   mobile_primary_care at regional_primary, and at both specialised levels
 *   one form, specialised_home_care or mobile_specialist_team;
 * - case (ASCII and Latin-1 letters), no-break spaces and Unicode dashes,
 *   surrounding white space and Unicode normalisation change nothing.
 */
#include "postgres.h"

#include "utils/builtins.h"

#include "fuzz.h"
#include "types.h"

extern Datum care_form_of(PG_FUNCTION_ARGS);

extern int	LLVMFuzzerTestOneInput(const uint8 *data, size_t size);

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
	if (!fuzz_call(care_form_of, 2, args, nulls, &result, &isnull))
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
	char	   *name = fuzz_cstring(data, size);
	int			none = form_of(name, -1);
	int			at[CARE_LEVEL_COUNT];
	int			i;

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
