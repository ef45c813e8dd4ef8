/*
 * fuzz.c
 *		Calls under an error trap, the variants of an input, and failure
 *		reports, for every fuzz target.
 */
#include "postgres.h"

#include <stdio.h>
#include <stdlib.h>

#include "common/unicode_norm.h"
#include "lib/stringinfo.h"
#include "mb/pg_wchar.h"

#include "fuzz.h"

const char *const fuzz_variant_names[FUZZ_VARIANTS] = {
	"upper-case", "lower-case", "no-break", "padded", "decomposed"
};

void
fuzz_abort(const char *fmt,...)
{
	va_list		args;

	fprintf(stderr, "fuzz check failed: ");
	va_start(args, fmt);
	vfprintf(stderr, fmt, args);
	va_end(args);
	fprintf(stderr, "\n");
	abort();
}

/*
 * The input as a C string: up to its first zero byte, since neither a
 * cstring nor a text value can hold one.
 */
char *
fuzz_cstring(const uint8 *data, size_t size)
{
	return pnstrdup((const char *) data, size);
}

/* Whether the server could pass the string: valid UTF-8. */
bool
fuzz_is_utf8(const char *str)
{
	int			len = strlen(str);

	return pg_encoding_verifymbstr(PG_UTF8, str, len) == len;
}

/* The string in C escapes, for messages. */
char *
fuzz_quote(const char *str)
{
	StringInfoData buf;
	const unsigned char *c;

	initStringInfo(&buf);
	appendStringInfoChar(&buf, '"');
	for (c = (const unsigned char *) str; *c != '\0'; c++)
	{
		if (*c < 0x20 || *c >= 0x7F || *c == '"' || *c == '\\')
			appendStringInfo(&buf, "\\x%02X", *c);
		else
			appendStringInfoChar(&buf, (char) *c);
	}
	appendStringInfoChar(&buf, '"');
	return buf.data;
}

/*
 * Call a SQL-callable C function as the executor does, with up to two
 * arguments.  Returns false when it raised an error, which is then in
 * fuzz_error.
 */
bool
fuzz_call(PGFunction fn, int nargs, const Datum *args, const bool *nulls,
		  Datum *result, bool *isnull)
{
	LOCAL_FCINFO(fcinfo, 2);
	sigjmp_buf	trap;
	int			i;

	Assert(nargs <= 2);
	InitFunctionCallInfoData(*fcinfo, NULL, nargs, InvalidOid, NULL, NULL);
	for (i = 0; i < nargs; i++)
	{
		fcinfo->args[i].value = args[i];
		fcinfo->args[i].isnull = nulls[i];
	}
	if (sigsetjmp(trap, 0) != 0)
	{
		fuzz_error_target = NULL;
		return false;
	}
	fuzz_error_target = &trap;
	*result = fn(fcinfo);
	fuzz_error_target = NULL;
	*isnull = fcinfo->isnull;
	return true;
}

/* The UTF-8 string in Unicode NFD, by PostgreSQL's own normalisation. */
static char *
decomposed(const char *str)
{
	int			len = strlen(str);
	pg_wchar   *chars = palloc(sizeof(pg_wchar) * (len + 1));
	pg_wchar   *nfd;
	int			count;
	char	   *result;

	count = pg_encoding_mb2wchar_with_len(PG_UTF8, str, chars, len);
	chars[count] = 0;
	nfd = unicode_normalize(UNICODE_NFD, chars);
	if (nfd == NULL)
		fuzz_abort("out of memory in unicode_normalize");
	for (count = 0; nfd[count] != 0; count++)
		;
	result = palloc(count * MAX_MULTIBYTE_CHAR_LEN + 1);
	pg_encoding_wchar2mb_with_len(PG_UTF8, nfd, result, count);
	return result;
}

/*
 * A variant of a valid UTF-8 string.  Upper and lower case change the ASCII
 * letters and the Latin-1 letters À to Þ and à to þ (in UTF-8 0xC3 followed
 * by 0x80-0x9E and 0xA0-0xBE, but for × and ÷); the no-break variant turns
 * every space into U+00A0 and every hyphen into one of U+2010-U+2015 in turn.
 */
char *
fuzz_variant(const char *str, FuzzVariant variant)
{
	StringInfoData buf;
	const unsigned char *c;
	int			hyphens = 0;

	if (variant == FUZZ_DECOMPOSED)
		return decomposed(str);

	initStringInfo(&buf);
	if (variant == FUZZ_PADDED)
		appendStringInfoString(&buf, "\xC2\xA0 \t\n");
	for (c = (const unsigned char *) str; *c != '\0'; c++)
	{
		if (variant == FUZZ_UPPER && *c >= 'a' && *c <= 'z')
			appendStringInfoChar(&buf, (char) (*c - ('a' - 'A')));
		else if (variant == FUZZ_LOWER && *c >= 'A' && *c <= 'Z')
			appendStringInfoChar(&buf, (char) (*c + ('a' - 'A')));
		else if (variant == FUZZ_UPPER && c[0] == 0xC3 &&
				 c[1] >= 0xA0 && c[1] <= 0xBE && c[1] != 0xB7)
		{
			appendStringInfoChar(&buf, (char) 0xC3);
			appendStringInfoChar(&buf, (char) (*++c - 0x20));
		}
		else if (variant == FUZZ_LOWER && c[0] == 0xC3 &&
				 c[1] >= 0x80 && c[1] <= 0x9E && c[1] != 0x97)
		{
			appendStringInfoChar(&buf, (char) 0xC3);
			appendStringInfoChar(&buf, (char) (*++c + 0x20));
		}
		else if (variant == FUZZ_NO_BREAK && *c == ' ')
			appendStringInfoString(&buf, "\xC2\xA0");
		else if (variant == FUZZ_NO_BREAK && *c == '-')
		{
			appendStringInfoString(&buf, "\xE2\x80");
			appendStringInfoChar(&buf, (char) (0x90 + hyphens++ % 6));
		}
		else
			appendStringInfoChar(&buf, (char) *c);
	}
	if (variant == FUZZ_PADDED)
		appendStringInfoString(&buf, "\r\f\v\xC2\xA0");
	return buf.data;
}
