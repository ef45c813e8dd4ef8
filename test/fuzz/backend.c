/*
 * backend.c
 *		Stand-ins for the parts of the PostgreSQL backend that src/types.c,
 *		src/labels.c and src/terminology.c call, so that the fuzz targets
 *		link those files unchanged.
 *
 * What the server would do is kept where the code under test can tell the
 * difference:
 *
 * - palloc'd memory belongs to a memory context that fuzz_reset_memory()
 *   resets after each input, so code may leave memory to the context as it
 *   may in the server; pfree or repalloc of a pointer that palloc did not
 *   return is a failure.  Memory comes from malloc, one block per chunk, so
 *   that AddressSanitizer sees every overrun.
 * - ereport and elog at ERROR record the error and jump back to the
 *   fuzz_call that made the call (fuzz.c), as PG_TRY would.
 * - the database encoding is UTF-8: conversion to and from it returns the
 *   string itself, as mbutils.c does.
 *
 * unicode_normalize and the UTF-8 tables come from PostgreSQL's libpgcommon;
 * its frontend build allocates with malloc, so the link wraps
 * unicode_normalize (-Wl,--wrap) to hand back palloc'd memory, as the
 * backend's build does.
 */
#include "postgres.h"

#include <stdio.h>
#include <stdlib.h>

#include "common/unicode_norm.h"
#include "fmgr.h"
#include "libpq/pqformat.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/sortsupport.h"

#include "fuzz.h"

/* ---- memory: one context, reset after each input ---- */

static void **chunks;
static int	nchunks;
static int	maxchunks;

static int
chunk_index(void *pointer)
{
	int			i;

	/* the newest chunks are the likeliest to be freed */
	for (i = nchunks - 1; i >= 0; i--)
		if (chunks[i] == pointer)
			return i;
	return -1;
}

void *
palloc(Size size)
{
	void	   *pointer;

	if (!AllocSizeIsValid(size))
		elog(ERROR, "invalid memory alloc request size %zu", size);
	if (nchunks == maxchunks)
	{
		maxchunks = maxchunks > 0 ? 2 * maxchunks : 64;
		chunks = realloc(chunks, sizeof(void *) * maxchunks);
		if (chunks == NULL)
			fuzz_abort("out of memory for the chunk list");
	}
	pointer = malloc(size > 0 ? size : 1);
	if (pointer == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_OUT_OF_MEMORY),
				 errmsg("out of memory")));
	chunks[nchunks++] = pointer;
	return pointer;
}

void *
palloc0(Size size)
{
	return memset(palloc(size), 0, size);
}

void *
repalloc(void *pointer, Size size)
{
	int			i = chunk_index(pointer);
	void	   *moved;

	if (i < 0)
		fuzz_abort("repalloc of a pointer that palloc did not return");
	if (!AllocSizeIsValid(size))
		elog(ERROR, "invalid memory alloc request size %zu", size);
	moved = realloc(pointer, size > 0 ? size : 1);
	if (moved == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_OUT_OF_MEMORY),
				 errmsg("out of memory")));
	chunks[i] = moved;
	return moved;
}

void
pfree(void *pointer)
{
	int			i = chunk_index(pointer);

	if (i < 0)
		fuzz_abort("pfree of a pointer that palloc did not return");
	free(pointer);
	chunks[i] = chunks[--nchunks];
}

char *
pstrdup(const char *in)
{
	return pnstrdup(in, strlen(in));
}

char *
pnstrdup(const char *in, Size len)
{
	char	   *out;

	len = strnlen(in, len);
	out = palloc(len + 1);
	memcpy(out, in, len);
	out[len] = '\0';
	return out;
}

void
fuzz_reset_memory(void)
{
	while (nchunks > 0)
		free(chunks[--nchunks]);
}

/*
 * The frontend build of unicode_normalize looks compositions up by a linear
 * scan of its table (the backend's by a perfect hash), which makes it most
 * of a target's time; as each input is normalised once per call of the
 * function under test, the last results are kept.
 */
#define NORMALISED_KEPT 8

typedef struct Normalised
{
	UnicodeNormalizationForm form;
	pg_wchar   *input;			/* malloc'd; NULL in an empty slot */
	size_t		input_len;
	pg_wchar   *output;			/* from unicode_normalize */
	size_t		output_len;
} Normalised;

static Normalised normalised[NORMALISED_KEPT];
static int	normalised_next;

extern pg_wchar *__real_unicode_normalize(UnicodeNormalizationForm form,
										  const pg_wchar *input);
extern pg_wchar *__wrap_unicode_normalize(UnicodeNormalizationForm form,
										  const pg_wchar *input);

static size_t
wchar_len(const pg_wchar *s)
{
	size_t		len = 0;

	while (s[len] != 0)
		len++;
	return len;
}

pg_wchar *
__wrap_unicode_normalize(UnicodeNormalizationForm form, const pg_wchar *input)
{
	size_t		input_len = wchar_len(input);
	Normalised *kept = NULL;
	pg_wchar   *result;
	int			i;

	for (i = 0; i < NORMALISED_KEPT && kept == NULL; i++)
		if (normalised[i].input != NULL && normalised[i].form == form &&
			normalised[i].input_len == input_len &&
			memcmp(normalised[i].input, input, sizeof(pg_wchar) * input_len) == 0)
			kept = &normalised[i];
	if (kept == NULL)
	{
		pg_wchar   *output = __real_unicode_normalize(form, input);

		if (output == NULL)
			return NULL;
		kept = &normalised[normalised_next];
		normalised_next = (normalised_next + 1) % NORMALISED_KEPT;
		free(kept->input);
		free(kept->output);
		kept->form = form;
		kept->input = malloc(sizeof(pg_wchar) * (input_len + 1));
		if (kept->input == NULL)
			fuzz_abort("out of memory for a normalised string");
		memcpy(kept->input, input, sizeof(pg_wchar) * (input_len + 1));
		kept->input_len = input_len;
		kept->output = output;
		kept->output_len = wchar_len(output);
	}
	result = palloc(sizeof(pg_wchar) * (kept->output_len + 1));
	memcpy(result, kept->output, sizeof(pg_wchar) * (kept->output_len + 1));
	return result;
}

/* ---- errors: recorded, then a jump back to fuzz_call ---- */

FuzzError	fuzz_error;
sigjmp_buf *fuzz_error_target;

static char *
format_va(const char *fmt, va_list args)
{
	size_t		len = 128;

	for (;;)
	{
		char	   *buf = palloc(len);
		va_list		copy;
		size_t		needed;

		va_copy(copy, args);
		needed = pvsnprintf(buf, len, fmt, copy);
		va_end(copy);
		if (needed < len)
			return buf;
		pfree(buf);
		len = needed;
	}
}

bool
errstart_cold(int elevel, const char *domain)
{
	if (elevel < ERROR)
		fuzz_abort("a message below ERROR");
	/* as errstart: an error without errcode() is an internal error */
	fuzz_error.sqlerrcode = ERRCODE_INTERNAL_ERROR;
	fuzz_error.message = NULL;
	fuzz_error.hint = NULL;
	return true;
}

void
errfinish(const char *filename, int lineno, const char *funcname)
{
	if (fuzz_error_target == NULL)
		fuzz_abort("an error outside fuzz_call");
	siglongjmp(*fuzz_error_target, 1);
}

int
errcode(int sqlerrcode)
{
	fuzz_error.sqlerrcode = sqlerrcode;
	return 0;
}

int
errmsg(const char *fmt,...)
{
	va_list		args;

	va_start(args, fmt);
	fuzz_error.message = format_va(fmt, args);
	va_end(args);
	return 0;
}

int
errmsg_internal(const char *fmt,...)
{
	va_list		args;

	va_start(args, fmt);
	fuzz_error.message = format_va(fmt, args);
	va_end(args);
	return 0;
}

int
errhint(const char *fmt,...)
{
	va_list		args;

	va_start(args, fmt);
	fuzz_error.hint = format_va(fmt, args);
	va_end(args);
	return 0;
}

/* No query is ever cancelled here. */
volatile sig_atomic_t InterruptPending = false;

void
ProcessInterrupts(void)
{
	fuzz_abort("ProcessInterrupts without a pending interrupt");
}

/* ---- text and the UTF-8 database encoding ---- */

struct varlena *
pg_detoast_datum_packed(struct varlena *datum)
{
	/* fuzz_text makes plain values, never toasted or compressed ones */
	if (VARATT_IS_EXTENDED(datum) && !VARATT_IS_SHORT(datum))
		fuzz_abort("an extended datum");
	return datum;
}

text *
cstring_to_text(const char *s)
{
	size_t		len = strlen(s);
	text	   *result = palloc(VARHDRSZ + len);

	SET_VARSIZE(result, VARHDRSZ + len);
	memcpy(VARDATA(result), s, len);
	return result;
}

char *
text_to_cstring(const text *t)
{
	return pnstrdup(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t));
}

char *
pg_server_to_any(const char *s, int len, int encoding)
{
	if (encoding != PG_UTF8)
		fuzz_abort("a conversion to an encoding other than UTF-8");
	return unconstify(char *, s);
}

char *
pg_any_to_server(const char *s, int len, int encoding)
{
	if (encoding != PG_UTF8)
		fuzz_abort("a conversion from an encoding other than UTF-8");
	return unconstify(char *, s);
}

/*
 * The conversions between UTF-8 and code points run in libpgcommon, which
 * AddressSanitizer does not instrument: they work on copies, and memcpy,
 * which it checks, reads the caller's source and fills the caller's buffer,
 * so that a buffer sized too small by the caller is still reported.  Both
 * write a terminator after what they convert.
 */
int
pg_encoding_mb2wchar_with_len(int encoding, const char *from, pg_wchar *to, int len)
{
	unsigned char *source = malloc(len + 1);
	pg_wchar   *target = malloc(sizeof(pg_wchar) * (len + 1));
	int			count;

	if (source == NULL || target == NULL)
		fuzz_abort("out of memory converting to code points");
	memcpy(source, from, len);
	source[len] = '\0';
	count = pg_wchar_table[encoding].mb2wchar_with_len(source, target, len);
	memcpy(to, target, sizeof(pg_wchar) * (count + 1));
	free(source);
	free(target);
	return count;
}

int
pg_encoding_wchar2mb_with_len(int encoding, const pg_wchar *from, char *to, int len)
{
	pg_wchar   *source = malloc(sizeof(pg_wchar) * (len + 1));
	unsigned char *target = malloc((size_t) len * MAX_MULTIBYTE_CHAR_LEN + 1);
	int			count;

	if (source == NULL || target == NULL)
		fuzz_abort("out of memory converting to UTF-8");
	memcpy(source, from, sizeof(pg_wchar) * len);
	source[len] = 0;
	count = pg_wchar_table[encoding].wchar2mb_with_len(source, target, len);
	memcpy(to, target, count + 1);
	free(source);
	free(target);
	return count;
}

/*
 * ---- what types.c calls only from functions that no target calls ----
 * (binary I/O, sort support, permitted_levels' array)
 */

int
pq_getmsgbyte(StringInfo msg)
{
	fuzz_abort("pq_getmsgbyte called");
}

void
pq_begintypsend(StringInfo buf)
{
	fuzz_abort("pq_begintypsend called");
}

bytea *
pq_endtypsend(StringInfo buf)
{
	fuzz_abort("pq_endtypsend called");
}

ArrayType *
construct_array(Datum *elems, int nelems, Oid elmtype, int elmlen,
				bool elmbyval, char elmalign)
{
	fuzz_abort("construct_array called");
}

Oid
get_element_type(Oid typid)
{
	fuzz_abort("get_element_type called");
}

Oid
get_fn_expr_rettype(FmgrInfo *flinfo)
{
	fuzz_abort("get_fn_expr_rettype called");
}

int
ssup_datum_unsigned_cmp(Datum x, Datum y, SortSupport ssup)
{
	fuzz_abort("ssup_datum_unsigned_cmp called");
}
