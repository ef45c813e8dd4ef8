/*
 * load.c
 *		What is wrong with a text value as input for a type, without raising
 *		the error: the loaders (load.sql) check a whole extract set-wise and
 *		cast only the values that pass, so that one bad value costs no
 *		subtransaction.  PostgreSQL 16's soft input errors would do this for
 *		every type; before them, the types a registry's tables use are
 *		checked here, each as its own input function reads it.
 *
 * A problem is reported as "SQLSTATE: message", the form the loaders store
 * in load_reject.
 */
#include "postgres.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/lsyscache.h"

#include "postgis.h"
#include "types.h"

static text *
problem(const char *sqlstate, const char *format, const char *value)
{
	return cstring_to_text(psprintf("%s: %s", sqlstate, psprintf(format, value)));
}

static const char *
skip_space(const char *s)
{
	while (isspace((unsigned char) *s))
		s++;
	return s;
}

static bool
only_space(const char *s)
{
	return *skip_space(s) == '\0';
}

static bool
read_digits(const char **s, int count, int *value)
{
	int			i;

	*value = 0;
	for (i = 0; i < count; i++)
	{
		if (!isdigit((unsigned char) (*s)[i]))
			return false;
		*value = *value * 10 + ((*s)[i] - '0');
	}
	*s += count;
	return true;
}

/*
 * A date as the loaders accept it, whatever the DateStyle: ISO (2025-03-01)
 * or compact (20250301), which date_in reads alike.
 */
static text *
date_problem(const char *value)
{
	const char *s = skip_space(value);
	int			year,
				month,
				day;
	bool		dashes = (strlen(s) >= 5 && s[4] == '-');

	if (!read_digits(&s, 4, &year) ||
		(dashes && *s++ != '-') || !read_digits(&s, 2, &month) ||
		(dashes && *s++ != '-') || !read_digits(&s, 2, &day) ||
		!only_space(s))
		return problem("22007", "invalid input syntax for type date: \"%s\" (use YYYY-MM-DD or YYYYMMDD)",
					   value);
	if (year < 1 || month < 1 || month > MONTHS_PER_YEAR || day < 1 ||
		day > day_tab[isleap(year)][month - 1])
		return problem("22008", "date/time field value out of range: \"%s\"", value);
	return NULL;
}

/*
 * A time of day as the loaders accept it: HH:MM or HH:MM:SS with an optional
 * fraction of a second, 24-hour, up to 24:00:00 (which time_in takes too).
 */
static text *
time_problem(const char *value)
{
	const char *s = skip_space(value);
	int			hour,
				minute,
				second = 0;
	bool		fraction = false;

	if (!read_digits(&s, 2, &hour) || *s++ != ':' || !read_digits(&s, 2, &minute))
		return problem("22007",
					   "invalid input syntax for type time without time zone: \"%s\" (use HH:MM or HH:MM:SS)",
					   value);
	if (*s == ':')
	{
		s++;
		if (!read_digits(&s, 2, &second))
			return problem("22007",
						   "invalid input syntax for type time without time zone: \"%s\" (use HH:MM or HH:MM:SS)",
						   value);
		if (*s == '.' && isdigit((unsigned char) s[1]))
		{
			s++;
			while (isdigit((unsigned char) *s))
				fraction |= (*s++ != '0');
		}
	}
	if (!only_space(s))
		return problem("22007",
					   "invalid input syntax for type time without time zone: \"%s\" (use HH:MM or HH:MM:SS)",
					   value);
	if (hour > HOURS_PER_DAY || minute >= MINS_PER_HOUR || second >= SECS_PER_MINUTE ||
		(hour == HOURS_PER_DAY && (minute > 0 || second > 0 || fraction)))
		return problem("22008", "date/time field value out of range: \"%s\"", value);
	return NULL;
}

/* An integer of the given size, as int2in, int4in and int8in read it. */
static text *
integer_problem(const char *value, Oid type)
{
	const char *s = skip_space(value);
	const char *typname = format_type_be(type);
	char	   *end;
	long long	v;

	if (*s == '+')
		s++;
	if (!isdigit((unsigned char) *s) && !(*s == '-' && isdigit((unsigned char) s[1])))
		return problem("22P02", psprintf("invalid input syntax for type %s: \"%%s\"", typname), value);
	errno = 0;
	v = strtoll(s, &end, 10);
	if (!only_space(end))
		return problem("22P02", psprintf("invalid input syntax for type %s: \"%%s\"", typname), value);
	if (errno == ERANGE ||
		(type == INT4OID && (v < PG_INT32_MIN || v > PG_INT32_MAX)) ||
		(type == INT2OID && (v < PG_INT16_MIN || v > PG_INT16_MAX)))
		return problem("22003", psprintf("value \"%%s\" is out of range for type %s", typname), value);
	return NULL;
}

/*
 * A number as numeric_in reads it: digits with an optional point and
 * exponent, or NaN and Infinity (which the tables' constraints refuse,
 * naming themselves).  An exponent beyond numeric's range is 22003.
 */
static text *
numeric_problem(const char *value)
{
	const char *s = skip_space(value);
	bool		digits = false;
	char	   *end;
	long		exponent;

	if (*s == '+' || *s == '-')
		s++;
	if (pg_strncasecmp(s, "nan", 3) == 0 && only_space(s + 3))
		return NULL;
	if (pg_strncasecmp(s, "infinity", 8) == 0 && only_space(s + 8))
		return NULL;
	if (pg_strncasecmp(s, "inf", 3) == 0 && only_space(s + 3))
		return NULL;
	while (isdigit((unsigned char) *s))
		s++, digits = true;
	if (*s == '.')
		for (s++; isdigit((unsigned char) *s); s++)
			digits = true;
	if (!digits)
		return problem("22P02", "invalid input syntax for type numeric: \"%s\"", value);
	if (*s == 'e' || *s == 'E')
	{
		s++;
		if (!isdigit((unsigned char) *s) && !((*s == '+' || *s == '-') && isdigit((unsigned char) s[1])))
			return problem("22P02", "invalid input syntax for type numeric: \"%s\"", value);
		errno = 0;
		exponent = strtol(s, &end, 10);
		if (errno == ERANGE || exponent > 1000 || exponent < -1000)
			return problem("22003", "value overflows numeric format: \"%s\"", value);
		s = end;
	}
	if (!only_space(s))
		return problem("22P02", "invalid input syntax for type numeric: \"%s\"", value);
	return NULL;
}

/* A double precision as float8in reads it (strtod, as float8in uses). */
static text *
float_problem(const char *value)
{
	const char *s = skip_space(value);
	char	   *end;
	double		v;

	errno = 0;
	v = strtod(s, &end);
	if (end == s || !only_space(end))
		return problem("22P02", "invalid input syntax for type double precision: \"%s\"", value);
	if (errno == ERANGE && (v == 0.0 || isinf(v)))
		return problem("22003", "\"%s\" is out of range for type double precision", value);
	return NULL;
}

/*
 * A date range as range_in reads one of dates: empty, or a bound bracket,
 * two dates (either may be left out for unbounded), and a bracket, with the
 * lower bound not after the upper.
 */
static text *
daterange_problem(const char *value)
{
	const char *s = skip_space(value);
	const char *comma;
	const char *close;
	char	   *lower;
	char	   *upper;

	if (pg_strncasecmp(s, "empty", 5) == 0 && only_space(s + 5))
		return NULL;
	comma = strchr(s, ',');
	close = comma ? strpbrk(comma, "])") : NULL;
	if ((*s != '[' && *s != '(') || comma == NULL || close == NULL || !only_space(close + 1))
		return problem("22P02", "malformed range literal: \"%s\" (use [first,last) with dates YYYY-MM-DD)",
					   value);
	lower = pnstrdup(s + 1, comma - s - 1);
	upper = pnstrdup(comma + 1, close - comma - 1);
	if ((!only_space(lower) && date_problem(lower) != NULL) ||
		(!only_space(upper) && date_problem(upper) != NULL))
		return problem("22P02", "malformed range literal: \"%s\" (use [first,last) with dates YYYY-MM-DD)",
					   value);
	if (!only_space(lower) && !only_space(upper) &&
		DatumGetDateADT(DirectFunctionCall1(date_in, CStringGetDatum(lower))) >
		DatumGetDateADT(DirectFunctionCall1(date_in, CStringGetDatum(upper))))
		return problem("22000", "range lower bound must be less than or equal to range upper bound: \"%s\"",
					   value);
	return NULL;
}

/*
 * Reads one element of a braced list at s: returns the position after it,
 * or NULL with *result set to what is wrong.
 */
typedef const char *(*ListElementReader) (const char *s, const char *value, const char *malformed,
										  text **result);

/*
 * A list in braces as array_in and multirange_in read them: "{}" or
 * "{element, element, ...}" with white space around the elements and
 * nothing after the closing brace; malformed is the message of a list that
 * is not one.
 */
static text *
braced_list_problem(const char *value, const char *malformed, ListElementReader read_element)
{
	const char *s = skip_space(value);
	text	   *result = NULL;

	if (*s++ != '{')
		return problem("22P02", malformed, value);
	s = skip_space(s);
	if (*s != '}')
		for (;;)
		{
			s = read_element(skip_space(s), value, malformed, &result);
			if (s == NULL)
				return result;
			s = skip_space(s);
			if (*s == '}')
				break;
			if (*s++ != ',')
				return problem("22P02", malformed, value);
		}
	if (!only_space(s + 1))
		return problem("22P02", malformed, value);
	return NULL;
}

/*
 * An int4range of a multirange: empty, or a bound bracket, two integers
 * (either may be left out for unbounded) and a bracket, the lower not after
 * the upper.  A bound that is no integer is reported as int4in reports it.
 */
static const char *
int4range_element(const char *s, const char *value, const char *malformed, text **result)
{
	const char *comma;
	const char *close;
	char	   *lower;
	char	   *upper;

	if (pg_strncasecmp(s, "empty", 5) == 0)
		return s + 5;
	comma = strchr(s, ',');
	close = comma ? strpbrk(comma, "])") : NULL;
	if ((*s != '[' && *s != '(') || close == NULL)
	{
		*result = problem("22P02", malformed, value);
		return NULL;
	}
	lower = pnstrdup(s + 1, comma - s - 1);
	upper = pnstrdup(comma + 1, close - comma - 1);
	if ((!only_space(lower) && (*result = integer_problem(lower, INT4OID)) != NULL) ||
		(!only_space(upper) && (*result = integer_problem(upper, INT4OID)) != NULL))
		return NULL;
	if (!only_space(lower) && !only_space(upper) &&
		strtoll(lower, NULL, 10) > strtoll(upper, NULL, 10))
	{
		*result = problem("22000", "range lower bound must be less than or equal to range upper bound: \"%s\"",
						  value);
		return NULL;
	}
	return close + 1;
}

/*
 * A text element of an array: unquoted (no braces, commas, quotes,
 * backslashes or inner white space) or in double quotes with backslash
 * escapes.
 */
static const char *
text_element(const char *s, const char *value, const char *malformed, text **result)
{
	const char *start = s;

	if (*s == '"')
	{
		for (s++; *s != '"'; s++)
			if (*s == '\0' || (*s == '\\' && *++s == '\0'))
			{
				*result = problem("22P02", malformed, value);
				return NULL;
			}
		return s + 1;
	}
	while (*s != '\0' && strchr("{},\"\\", *s) == NULL && !isspace((unsigned char) *s))
		s++;
	if (s == start)
	{
		*result = problem("22P02", malformed, value);
		return NULL;
	}
	return s;
}

/* The free ages of a tariff, an int4multirange. */
static text *
int4multirange_problem(const char *value)
{
	return braced_list_problem(value,
							   "malformed multirange literal: \"%s\" (use {[first,last), ...} with whole numbers)",
							   int4range_element);
}

/* The code lists of an episode, one-dimensional text arrays. */
static text *
text_array_problem(const char *value)
{
	return braced_list_problem(value, "malformed array literal: \"%s\" (use {code,code,...})", text_element);
}

static text *
boolean_problem(const char *value)
{
	bool		result;
	char	   *trimmed = pstrdup(skip_space(value));
	int			len = strlen(trimmed);

	while (len > 0 && isspace((unsigned char) trimmed[len - 1]))
		len--;
	if (!parse_bool_with_len(trimmed, len, &result))
		return problem("22P02", "invalid input syntax for type boolean: \"%s\"", value);
	return NULL;
}

/* What input_problem knows of its type argument, kept between calls. */
typedef struct InputCheck
{
	Oid			type;			/* the argument */
	Oid			base;			/* its base type, for a domain */
	const EnumType *enum_type;	/* one of the three mobilvard types, or NULL */
} InputCheck;

/* The label table of one of the three types, by its input function. */
static const EnumType *
enum_type_of(Oid type)
{
	Oid			typinput;
	Oid			typioparam;
	FmgrInfo	finfo;

	getTypeInputInfo(type, &typinput, &typioparam);
	fmgr_info(typinput, &finfo);
	return enum_type_of_input(finfo.fn_addr);
}

static text *
enum_problem(const EnumType *type, const char *value)
{
	if (enum_value_of_label(type, value) >= 0)
		return NULL;
	return problem("22P02",
				   psprintf("invalid input syntax for type %s: \"%%s\"", enum_type_name(type)), value);
}

/*
 * _input_problem(value text, type regtype): NULL when the value is good
 * input for the type (or the domain's base type: a domain's constraints are
 * the loader's to check), else "SQLSTATE: message".  A type without a check
 * here is an internal error: the loaders ask only about their tables'.
 */
PG_FUNCTION_INFO_V1(input_problem);
Datum
input_problem(PG_FUNCTION_ARGS)
{
	char	   *value = text_to_cstring(PG_GETARG_TEXT_PP(0));
	Oid			type = PG_GETARG_OID(1);
	InputCheck *check = (InputCheck *) fcinfo->flinfo->fn_extra;
	text	   *result;

	if (check == NULL || check->type != type)
	{
		if (check == NULL)
			check = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt, sizeof(InputCheck));
		check->type = type;
		check->base = getBaseType(type);
		check->enum_type = enum_type_of(check->base);
		fcinfo->flinfo->fn_extra = check;
	}

	if (check->enum_type != NULL)
		result = enum_problem(check->enum_type, value);
	else
		switch (check->base)
		{
			case TEXTOID:
			case VARCHAROID:
				result = NULL;
				break;
			case DATEOID:
				result = date_problem(value);
				break;
			case TIMEOID:
				result = time_problem(value);
				break;
			case INT2OID:
			case INT4OID:
			case INT8OID:
				result = integer_problem(value, check->base);
				break;
			case NUMERICOID:
				result = numeric_problem(value);
				break;
			case FLOAT8OID:
				result = float_problem(value);
				break;
			case BOOLOID:
				result = boolean_problem(value);
				break;
			case DATERANGEOID:
				result = daterange_problem(value);
				break;
			case INT4MULTIRANGEOID:
				result = int4multirange_problem(value);
				break;
			case TEXTARRAYOID:
				result = text_array_problem(value);
				break;
			default:
				ereport(ERROR,
						(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
						 errmsg("no input check for type %s", format_type_be(type)),
						 errhint("The loaders check the types of a registry's tables.")));
		}
	if (result == NULL)
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(result);
}

/*
 * _geometry_from_text(text): a geometry column's text as the loaders read
 * it (postgis.c); the return type is the geometry type, whose schema the
 * PostGIS functions are looked up in.
 */
PG_FUNCTION_INFO_V1(geometry_from_text);
Datum
geometry_from_text(PG_FUNCTION_ARGS)
{
	PostgisCalls *calls = (PostgisCalls *) fcinfo->flinfo->fn_extra;

	if (calls == NULL)
	{
		calls = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt, sizeof(PostgisCalls));
		init_postgis_calls_of_type(calls, get_func_rettype(fcinfo->flinfo->fn_oid),
								   fcinfo->flinfo->fn_mcxt);
		fcinfo->flinfo->fn_extra = calls;
	}
	PG_RETURN_DATUM(geometry_text_in_sweref99tm(calls, text_to_cstring(PG_GETARG_TEXT_PP(0))));
}
