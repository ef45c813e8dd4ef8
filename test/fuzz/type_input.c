/*
 * type_input.c
 *		The checks of a type's text input, shared by the care_level,
 *		care_setting and care_form targets.
 *
 * What doc/classification.md promises of every input:
 *
 * - it is accepted as a value of the type, or refused with error 22P02
 *   naming it, with the valid values as hint; never another error;
 * - the output of an accepted value, and its Swedish and English labels,
 *   read back as the value;
 * - case (ASCII and Latin-1 letters), no-break spaces and Unicode dashes,
 *   surrounding white space and Unicode normalisation change nothing.
 */
#include "postgres.h"

#include "utils/builtins.h"
#include "utils/errcodes.h"

#include "fuzz.h"

/* The five characters of a SQLSTATE, as unpack_sql_state gives them. */
static char *
sqlstate(int sqlerrcode)
{
	char	   *buf = palloc(6);
	int			i;

	for (i = 0; i < 5; i++)
	{
		buf[i] = PGUNSIXBIT(sqlerrcode);
		sqlerrcode >>= 6;
	}
	buf[5] = '\0';
	return buf;
}

/* The value the string reads as, or -1 when it is refused. */
static int
read_value(const FuzzType *type, const char *str)
{
	Datum		arg = CStringGetDatum(str);
	bool		argnull = false;
	Datum		result;
	bool		isnull;
	char	   *message;

	if (fuzz_call(type->in, 1, &arg, &argnull, &result, &isnull))
	{
		if (isnull || DatumGetUInt8(result) >= type->count ||
			result != UInt8GetDatum(DatumGetUInt8(result)))
			fuzz_abort("%s input %s gives a datum out of range",
					   type->name, fuzz_quote(str));
		return DatumGetUInt8(result);
	}

	message = psprintf("invalid input syntax for type %s: \"%s\"", type->name, str);
	if (fuzz_error.sqlerrcode != ERRCODE_INVALID_TEXT_REPRESENTATION ||
		fuzz_error.message == NULL || strcmp(fuzz_error.message, message) != 0 ||
		fuzz_error.hint == NULL || strncmp(fuzz_error.hint, "Valid values are ", 17) != 0)
		fuzz_abort("%s input %s raises the error %s (SQLSTATE %s, hint %s)",
				   type->name, fuzz_quote(str),
				   fuzz_error.message ? fuzz_quote(fuzz_error.message) : "none",
				   sqlstate(fuzz_error.sqlerrcode),
				   fuzz_error.hint ? fuzz_quote(fuzz_error.hint) : "none");
	return -1;
}

/* out(value), or label(value, lang) when lang is given. */
static char *
write_value(const FuzzType *type, int value, const char *lang)
{
	Datum		args[2] = {UInt8GetDatum((uint8) value)};
	bool		nulls[2] = {false, false};
	Datum		result;
	bool		isnull;

	if (lang != NULL)
		args[1] = PointerGetDatum(cstring_to_text(lang));
	if (!fuzz_call(lang ? type->label : type->out, lang ? 2 : 1, args, nulls,
				   &result, &isnull) || isnull)
		fuzz_abort("%s output of %d fails: %s", type->name, value,
				   fuzz_error.message ? fuzz_error.message : "NULL");
	return lang ? text_to_cstring(DatumGetTextPP(result)) : DatumGetCString(result);
}

void
fuzz_type_input(const FuzzType *type, const uint8 *data, size_t size)
{
	char	   *str = fuzz_cstring(data, size);
	int			value = read_value(type, str);
	int			i;

	if (value >= 0)
	{
		const char *const langs[] = {NULL, "sv", "en"};

		for (i = 0; i < (int) lengthof(langs); i++)
		{
			char	   *label = write_value(type, value, langs[i]);

			if (langs[i] == NULL &&
				strspn(label, "abcdefghijklmnopqrstuvwxyz_") != strlen(label))
				fuzz_abort("%s output %s is not a lower-case identifier",
						   type->name, fuzz_quote(label));
			if (read_value(type, label) != value)
				fuzz_abort("%s input %s gives %d, whose %s label %s does not read back",
						   type->name, fuzz_quote(str), value,
						   langs[i] ? langs[i] : "output", fuzz_quote(label));
		}
	}

	/* the server passes only valid UTF-8; the rules are for it */
	if (fuzz_is_utf8(str))
	{
		for (i = 0; i < FUZZ_VARIANTS; i++)
		{
			char	   *variant = fuzz_variant(str, (FuzzVariant) i);
			int			other = read_value(type, variant);

			if (other != value)
				fuzz_abort("%s input %s gives %d, its %s variant %s gives %d",
						   type->name, fuzz_quote(str), value,
						   fuzz_variant_names[i], fuzz_quote(variant), other);
		}
	}
	fuzz_reset_memory();
}
