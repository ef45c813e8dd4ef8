/*
 * labels.c
 *		Folding of label and name input for matching, and output of UTF-8
 *		labels in the server encoding.
 */
#include "postgres.h"

#include "mb/pg_wchar.h"
#include "miscadmin.h"

#include "labels.h"

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/*
 * Return a palloc'd UTF-8 copy of a server-encoded string with surrounding
 * white space removed and letters folded to lower case: ASCII, and the
 * Latin-1 capitals (Å, Ä, Ö, É and their neighbours), which in UTF-8 are
 * 0xC3 0x80-0x9E and fold by adding 0x20 to the second byte (0xC3 0x97, the
 * multiplication sign, is not a letter).
 */
char *
fold_label(const char *str, int len)
{
	char	   *utf8;
	char	   *result;
	int			start = 0;
	int			end = len;
	int			i;

	while (start < end && is_space(str[start]))
		start++;
	while (end > start && is_space(str[end - 1]))
		end--;

	utf8 = (char *) pg_server_to_any(str + start, end - start, PG_UTF8);
	if (utf8 == str + start)
		utf8 = pnstrdup(utf8, end - start);
	result = utf8;

	for (i = 0; utf8[i] != '\0'; i++)
	{
		unsigned char c = (unsigned char) utf8[i];

		/* a label is short, but a team name may be any text */
		if ((i & 0xFFFF) == 0)
			CHECK_FOR_INTERRUPTS();

		if (c >= 'A' && c <= 'Z')
			utf8[i] = (char) (c + ('a' - 'A'));
		else if (c == 0xC3)
		{
			unsigned char next = (unsigned char) utf8[i + 1];

			if (next >= 0x80 && next <= 0x9E && next != 0x97)
				utf8[i + 1] = (char) (next + 0x20);
			if (next != '\0')
				i++;
		}
	}
	return result;
}

/* A UTF-8 label in the server encoding (the same pointer when UTF-8). */
const char *
label_to_server(const char *utf8)
{
	return pg_any_to_server(utf8, strlen(utf8), PG_UTF8);
}
