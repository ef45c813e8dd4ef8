/*
 * labels.c
 *		Folding of label and name input for matching, and output of UTF-8
 *		labels in the server encoding.
 */
#include "postgres.h"

#include "common/unicode_norm.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"

#include "labels.h"

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/*
 * The UTF-8 string in a Unicode normalisation form: a palloc'd copy, or the
 * string itself when it is ASCII (in every form already).
 */
static char *
utf8_normalise(char *utf8, UnicodeNormalizationForm form)
{
	int			len = strlen(utf8);
	pg_wchar   *chars;
	pg_wchar   *normalised;
	int			count;
	int			i;
	char	   *result;

	for (i = 0; i < len; i++)
		if ((unsigned char) utf8[i] >= 0x80)
			break;
	if (i == len)
		return utf8;

	chars = palloc(sizeof(pg_wchar) * ((Size) len + 1));
	count = pg_encoding_mb2wchar_with_len(PG_UTF8, utf8, chars, len);
	chars[count] = 0;
	normalised = unicode_normalize(form, chars);
	if (normalised == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_OUT_OF_MEMORY),
				 errmsg("out of memory normalising a label")));
	for (count = 0; normalised[count] != 0; count++)
		;
	result = palloc((Size) count * MAX_MULTIBYTE_CHAR_LEN + 1);
	pg_encoding_wchar2mb_with_len(PG_UTF8, normalised, result, count);
	pfree(chars);
	pfree(normalised);
	return result;
}

/*
 * Return a palloc'd UTF-8 copy of a server-encoded string for matching:
 * in Unicode NFC, so that an "å" typed as "a" and a combining ring matches
 * the "å" of a label; a no-break space (U+00A0) read as a space and the
 * Unicode dashes U+2010-U+2015 as a hyphen, as word processors and
 * registries write them; surrounding white space removed; and letters
 * folded to lower case: ASCII, and the Latin-1 capitals that have no
 * decomposition (Æ, Ð, Ø, Þ), which in UTF-8 are 0xC3 0x80-0x9E and fold by
 * adding 0x20 to the second byte (0xC3 0x97, the multiplication sign, is
 * not a letter).
 *
 * Case is folded on the text decomposed (NFD), which is then composed: Å,
 * Ä, Ö and É are then an ASCII letter and accents, and a letter folds alike
 * whether it and its accents are one character or several.  Folded after
 * composition instead, "I" and a combining dot above would compose to "İ",
 * which does not fold, while "i" and the dot do not compose: the capitals
 * and the small letters of one name would read differently.
 */
char *
fold_label(const char *str, int len)
{
	char	   *utf8;
	int			from;
	int			to = 0;
	int			start;

	utf8 = (char *) pg_server_to_any(str, len, PG_UTF8);
	if (utf8 == str)
		utf8 = pnstrdup(str, len);
	utf8 = utf8_normalise(utf8, UNICODE_NFD);

	/* fold in place: every replacement is no longer than what it replaces */
	for (from = 0; utf8[from] != '\0'; from++)
	{
		unsigned char c = (unsigned char) utf8[from];
		unsigned char next = c != 0 ? (unsigned char) utf8[from + 1] : 0;

		/* a label is short, but a team name may be any text */
		if ((from & 0xFFFF) == 0)
			CHECK_FOR_INTERRUPTS();

		if (c >= 'A' && c <= 'Z')
			utf8[to++] = (char) (c + ('a' - 'A'));
		else if (c == 0xC2 && next == 0xA0)
		{
			utf8[to++] = ' ';
			from++;
		}
		else if (c == 0xE2 && next == 0x80 &&
				 (unsigned char) utf8[from + 2] >= 0x90 && (unsigned char) utf8[from + 2] <= 0x95)
		{
			utf8[to++] = '-';
			from += 2;
		}
		else if (c == 0xC3 && next != '\0')
		{
			utf8[to++] = (char) c;
			utf8[to++] = (char) ((next >= 0x80 && next <= 0x9E && next != 0x97) ? next + 0x20 : next);
			from++;
		}
		else
			utf8[to++] = (char) c;
	}
	utf8[to] = '\0';
	utf8 = utf8_normalise(utf8, UNICODE_NFC);

	to = strlen(utf8);
	while (to > 0 && is_space(utf8[to - 1]))
		to--;
	utf8[to] = '\0';
	for (start = 0; is_space(utf8[start]); start++)
		;
	return start > 0 ? memmove(utf8, utf8 + start, to - start + 1) : utf8;
}

/* A UTF-8 label in the server encoding (the same pointer when UTF-8). */
const char *
label_to_server(const char *utf8)
{
	return pg_any_to_server(utf8, strlen(utf8), PG_UTF8);
}
