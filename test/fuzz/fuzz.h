/*
 * fuzz.h
 *		The libFuzzer harness of mobilvard's text parsing: the backend's
 *		stand-ins (backend.c), calls under an error trap and the variants
 *		of an input that must parse alike (fuzz.c), and the checks shared by
 *		the type input targets (type_input.c).
 */
#ifndef MOBILVARD_FUZZ_H
#define MOBILVARD_FUZZ_H

#include "postgres.h"

#include <setjmp.h>

#include "fmgr.h"

/* The error that the last ereport(ERROR) or elog(ERROR) raised. */
typedef struct FuzzError
{
	int			sqlerrcode;
	const char *message;
	const char *hint;
} FuzzError;

extern FuzzError fuzz_error;
extern sigjmp_buf *fuzz_error_target;

/* Frees what was palloc'd since the last reset, as a context reset does. */
extern void fuzz_reset_memory(void);

/* Reports a failed check and aborts, which libFuzzer reports as a crash. */
extern void fuzz_abort(const char *fmt,...) pg_attribute_printf(1, 2) pg_attribute_noreturn();

extern char *fuzz_cstring(const uint8 *data, size_t size);
extern bool fuzz_is_utf8(const char *str);
extern char *fuzz_quote(const char *str);
extern bool fuzz_call(PGFunction fn, int nargs, const Datum *args, const bool *nulls,
					  Datum *result, bool *isnull);

/*
 * Rewritings of an input that the documentation says are read alike (doc/
 * classification.md, input rules): a parsing core must give each the same
 * answer as the input.
 */
typedef enum FuzzVariant
{
	FUZZ_UPPER,					/* ASCII and Latin-1 letters in upper case */
	FUZZ_LOWER,					/* the same in lower case */
	FUZZ_NO_BREAK,				/* no-break spaces and Unicode dashes */
	FUZZ_PADDED,				/* white space before and after */
	FUZZ_DECOMPOSED				/* Unicode NFD */
} FuzzVariant;

#define FUZZ_VARIANTS 5

extern const char *const fuzz_variant_names[FUZZ_VARIANTS];
extern char *fuzz_variant(const char *str, FuzzVariant variant);

/* A type whose text input a target fuzzes: its SQL I/O functions. */
typedef struct FuzzType
{
	const char *name;
	PGFunction	in;
	PGFunction	out;
	PGFunction	label;
	int			count;			/* values 0 .. count - 1 */
} FuzzType;

extern void fuzz_type_input(const FuzzType *type, const uint8 *data, size_t size);

#endif							/* MOBILVARD_FUZZ_H */
