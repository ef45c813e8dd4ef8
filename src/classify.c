/*
 * classify.c
 *		classify_episode: the harmonised classification of a care episode
 *		(rules 1-9 of doc/classification.md).
 *
 * Whatever a region reported, the episode gets comparable categories from
 * its unit's level and form and the setting the care was given in.  The
 * function runs once per episode in the registry views, so each distinct
 * result tuple is formed once per call site and copied for later rows.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "fmgr.h"
#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/date.h"

#include "dates.h"
#include "types.h"

/* The columns of mobilvard.episode_class, in order. */
enum
{
	EC_HOME_BASED,
	EC_CARE_FORM,
	EC_CARE_LEVEL,
	EC_CONSISTENT,
	EC_INPATIENT_EQUIVALENT,
	EC_HAH_PATHWAY,
	EC_REPORTING_MISMATCH,
	EC_PRINCIPAL,
	EC_HOME_BED_DAYS,
	EC_NATTS
};

typedef enum HahPathway
{
	HAH_NONE,					/* not hospital at home: NULL */
	HAH_EARLY_SUPPORTED_DISCHARGE,
	HAH_ADMISSION_AVOIDANCE
} HahPathway;

#define HAH_PATHWAY_COUNT 3

static const char *const hah_pathway_names[HAH_PATHWAY_COUNT] = {
	NULL, "early_supported_discharge", "admission_avoidance"
};

typedef enum Mismatch
{
	MISMATCH_UNKNOWN,			/* nothing reported: NULL */
	MISMATCH_NO,
	MISMATCH_YES
} Mismatch;

#define MISMATCH_COUNT 3

/* An episode's classification before it becomes a tuple. */
typedef struct EpisodeClass
{
	bool		home_based;
	CareForm	care_form;
	CareLevel	care_level;
	bool		inpatient_equivalent;
	HahPathway	pathway;
	Mismatch	mismatch;
	bool		has_bed_days;
	int32		home_bed_days;
} EpisodeClass;

/*
 * later - earlier in days.  The rules are written as SQL date subtraction,
 * which has no answer for infinite dates; say so the way date_mi does.
 */
static int32
days_between(DateADT later, DateADT earlier)
{
	if (DATE_NOT_FINITE(later) || DATE_NOT_FINITE(earlier))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("cannot count the days between %s and %s",
						date_text(earlier), date_text(later)),
				 errhint("Episode dates used in the classification must be finite.")));
	return later - earlier;
}

/* Rule 2: the mobile care form the episode was delivered in. */
static CareForm
episode_care_form(CareLevel level, CareForm unit_form, CareSetting setting)
{
	switch (setting)
	{
		case CARE_SETTING_HOSPITAL_WARD:
		case CARE_SETTING_EMERGENCY_DEPARTMENT:
		case CARE_SETTING_OUTPATIENT_CLINIC:
			return CARE_FORM_NONE;
		case CARE_SETTING_PREHOSPITAL:
			return CARE_FORM_OTHER_MOBILE;
		case CARE_SETTING_REMOTE:
			return unit_form;
		case CARE_SETTING_ORDINARY_HOME:
		case CARE_SETTING_SPECIAL_HOUSING:
		case CARE_SETTING_SHORT_TERM_HOUSING:
			break;
	}
	if (unit_form != CARE_FORM_NONE)
		return unit_form;

	/* Care at home by a unit without a mobile form: its level decides. */
	switch (level)
	{
		case CARE_LEVEL_SPECIALISED_INPATIENT:
			return CARE_FORM_HOSPITAL_AT_HOME;
		case CARE_LEVEL_SPECIALISED_OUTPATIENT:
			return CARE_FORM_MOBILE_SPECIALIST_TEAM;
		case CARE_LEVEL_REGIONAL_PRIMARY:
			return CARE_FORM_MOBILE_PRIMARY_CARE;
		case CARE_LEVEL_MUNICIPAL_PRIMARY:
			break;
	}
	return CARE_FORM_MUNICIPAL_HEALTH_TEAM;
}

/* Rule 4: the care level is one the care form may be delivered at. */
static bool
episode_consistent(CareForm form, CareLevel level)
{
	return (care_form_permitted_levels(form) & CARE_LEVEL_BIT(level)) != 0;
}

/* Rule 5: inpatient care, or care that replaces it. */
static bool
episode_inpatient_equivalent(CareSetting setting, CareForm form)
{
	return setting == CARE_SETTING_HOSPITAL_WARD || form == CARE_FORM_HOSPITAL_AT_HOME;
}

/*
 * Rule 6: hospital at home after a ward discharge the same or the previous
 * day is early supported discharge, otherwise admission avoidance.
 */
static HahPathway
episode_pathway(CareForm form, DateADT start_date, bool has_discharge, DateADT discharge)
{
	if (form != CARE_FORM_HOSPITAL_AT_HOME)
		return HAH_NONE;
	if (has_discharge && days_between(start_date, discharge) <= 1)
		return HAH_EARLY_SUPPORTED_DISCHARGE;
	return HAH_ADMISSION_AVOIDANCE;
}

/* Rule 7: the reported inpatient status contradicts the classification. */
static Mismatch
episode_mismatch(bool has_reported, bool reported_inpatient, bool inpatient_equivalent)
{
	if (!has_reported)
		return MISMATCH_UNKNOWN;
	return reported_inpatient != inpatient_equivalent ? MISMATCH_YES : MISMATCH_NO;
}

/*
 * Rule 9: an ended home stay that replaced a bed counts at least one bed
 * day; false when the rule gives no bed days (NULL).
 */
static bool
episode_home_bed_days(bool inpatient_equivalent, bool home_based, DateADT start_date,
					  bool has_end, DateADT end_date, int32 *days)
{
	if (!(inpatient_equivalent && home_based && has_end))
		return false;
	*days = Max(days_between(end_date, start_date), 1);
	return true;
}

/*
 * Every column but home_bed_days takes only a handful of values, and
 * consistent and principal follow from care_form and care_level.  So each
 * distinct result is formed once per call site, with a placeholder for the
 * bed days, and later rows copy it: forming a tuple costs more than the
 * rules.  The key enumerates the varying parts.
 */
#define TEMPLATE_COUNT \
	(CARE_FORM_COUNT * CARE_LEVEL_COUNT * 2 * 2 * HAH_PATHWAY_COUNT * MISMATCH_COUNT * 2)

static int
template_key(const EpisodeClass *c)
{
	int			key = c->care_form;

	key = key * CARE_LEVEL_COUNT + c->care_level;
	key = key * 2 + c->home_based;
	key = key * 2 + c->inpatient_equivalent;
	key = key * HAH_PATHWAY_COUNT + c->pathway;
	key = key * MISMATCH_COUNT + c->mismatch;
	return key * 2 + c->has_bed_days;
}

/* What a call site keeps between rows, in fn_mcxt. */
typedef struct ClassifyCache
{
	TupleDesc	tupdesc;
	HeapTuple	templates[TEMPLATE_COUNT];	/* formed on first use */
} ClassifyCache;

static ClassifyCache *
classify_cache(FunctionCallInfo fcinfo)
{
	ClassifyCache *cache = (ClassifyCache *) fcinfo->flinfo->fn_extra;
	MemoryContext oldcontext;
	TupleDesc	tupdesc;

	if (cache != NULL)
		return cache;

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("classify_episode must return the composite type episode_class")));
	/* The bed days are patched into the last four bytes of a copy. */
	if (tupdesc->natts != EC_NATTS ||
		TupleDescAttr(tupdesc, EC_HOME_BED_DAYS)->atttypid != INT4OID)
		elog(ERROR, "episode_class does not end with the integer home_bed_days");

	oldcontext = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);
	cache = palloc0(sizeof(ClassifyCache));
	cache->tupdesc = BlessTupleDesc(CreateTupleDescCopy(tupdesc));
	MemoryContextSwitchTo(oldcontext);

	fcinfo->flinfo->fn_extra = cache;
	return cache;
}

static HeapTuple
form_template(ClassifyCache *cache, const EpisodeClass *c, MemoryContext mcxt)
{
	MemoryContext oldcontext = MemoryContextSwitchTo(mcxt);
	Datum		values[EC_NATTS];
	bool		nulls[EC_NATTS] = {false};
	HeapTuple	tuple;

	values[EC_HOME_BASED] = BoolGetDatum(c->home_based);
	values[EC_CARE_FORM] = CareFormGetDatum(c->care_form);
	values[EC_CARE_LEVEL] = CareLevelGetDatum(c->care_level);
	values[EC_CONSISTENT] = BoolGetDatum(episode_consistent(c->care_form, c->care_level));
	values[EC_INPATIENT_EQUIVALENT] = BoolGetDatum(c->inpatient_equivalent);
	if (c->pathway == HAH_NONE)
		nulls[EC_HAH_PATHWAY] = true;
	else
		values[EC_HAH_PATHWAY] = CStringGetTextDatum(hah_pathway_names[c->pathway]);
	if (c->mismatch == MISMATCH_UNKNOWN)
		nulls[EC_REPORTING_MISMATCH] = true;
	else
		values[EC_REPORTING_MISMATCH] = BoolGetDatum(c->mismatch == MISMATCH_YES);
	values[EC_PRINCIPAL] =
		CStringGetTextDatum(principal_name(care_level_principal(c->care_level)));
	values[EC_HOME_BED_DAYS] = Int32GetDatum(0);
	nulls[EC_HOME_BED_DAYS] = !c->has_bed_days;

	tuple = heap_form_tuple(cache->tupdesc, values, nulls);
	MemoryContextSwitchTo(oldcontext);
	return tuple;
}

PG_FUNCTION_INFO_V1(classify_episode);
Datum
classify_episode(PG_FUNCTION_ARGS)
{
	ClassifyCache *cache;
	EpisodeClass c;
	CareSetting setting;
	DateADT		start_date;
	HeapTuple	template;
	HeapTupleHeader result;
	int			key;

	/* NULL level, form, setting or start date: nothing to classify. */
	if (PG_ARGISNULL(0) || PG_ARGISNULL(1) || PG_ARGISNULL(2) || PG_ARGISNULL(4))
		PG_RETURN_NULL();

	setting = PG_GETARG_CARE_SETTING(2);
	start_date = PG_GETARG_DATEADT(4);

	if (!PG_ARGISNULL(5) && PG_GETARG_DATEADT(5) < start_date)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("episode end date %s is before its start date %s",
						date_text(PG_GETARG_DATEADT(5)), date_text(start_date))));
	if (!PG_ARGISNULL(6) && PG_GETARG_DATEADT(6) > start_date)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("preceding discharge date %s is after the episode start date %s",
						date_text(PG_GETARG_DATEADT(6)), date_text(start_date)),
				 errhint("preceding_discharge is the discharge from a hospital stay before the episode.")));

	/* Rules 1-3 and 5-7, 9; 4 and 8 follow from form and level (form_template) */
	c.home_based = care_setting_is_home(setting);
	c.care_level = PG_GETARG_CARE_LEVEL(0);
	c.care_form = episode_care_form(c.care_level, PG_GETARG_CARE_FORM(1), setting);
	c.inpatient_equivalent = episode_inpatient_equivalent(setting, c.care_form);
	c.pathway = episode_pathway(c.care_form, start_date, !PG_ARGISNULL(6),
								PG_ARGISNULL(6) ? 0 : PG_GETARG_DATEADT(6));
	c.mismatch = episode_mismatch(!PG_ARGISNULL(3), !PG_ARGISNULL(3) && PG_GETARG_BOOL(3),
								  c.inpatient_equivalent);
	c.home_bed_days = 0;
	c.has_bed_days = episode_home_bed_days(c.inpatient_equivalent, c.home_based, start_date,
										   !PG_ARGISNULL(5),
										   PG_ARGISNULL(5) ? 0 : PG_GETARG_DATEADT(5),
										   &c.home_bed_days);

	cache = classify_cache(fcinfo);
	key = template_key(&c);
	template = cache->templates[key];
	if (template == NULL)
		template = cache->templates[key] =
			form_template(cache, &c, fcinfo->flinfo->fn_mcxt);

	result = (HeapTupleHeader) palloc(template->t_len);
	memcpy(result, template->t_data, template->t_len);
	if (c.has_bed_days)
		memcpy((char *) result + template->t_len - sizeof(int32),
			   &c.home_bed_days, sizeof(int32));
	PG_RETURN_HEAPTUPLEHEADER(result);
}

/*
 * The rules one column at a time, for the registry's episode_classified
 * view: a view that calls classify_episode in FROM materialises its result
 * for every row, while scalar calls in the select list are evaluated only
 * for the columns a query reads.  Each applies the same rule function as
 * classify_episode; the view's tables already reject the dates that
 * classify_episode checks.
 */
PG_FUNCTION_INFO_V1(episode_care_form_sql);
Datum
episode_care_form_sql(PG_FUNCTION_ARGS)
{
	PG_RETURN_CARE_FORM(episode_care_form(PG_GETARG_CARE_LEVEL(0), PG_GETARG_CARE_FORM(1),
										  PG_GETARG_CARE_SETTING(2)));
}

PG_FUNCTION_INFO_V1(episode_consistent_sql);
Datum
episode_consistent_sql(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(episode_consistent(PG_GETARG_CARE_FORM(0), PG_GETARG_CARE_LEVEL(1)));
}

PG_FUNCTION_INFO_V1(episode_inpatient_equivalent_sql);
Datum
episode_inpatient_equivalent_sql(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(episode_inpatient_equivalent(PG_GETARG_CARE_SETTING(0),
												PG_GETARG_CARE_FORM(1)));
}

/* (care_form, start_date, preceding_discharge): NULL form or start, NULL. */
PG_FUNCTION_INFO_V1(episode_hah_pathway_sql);
Datum
episode_hah_pathway_sql(PG_FUNCTION_ARGS)
{
	HahPathway	pathway;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		PG_RETURN_NULL();
	pathway = episode_pathway(PG_GETARG_CARE_FORM(0), PG_GETARG_DATEADT(1), !PG_ARGISNULL(2),
							  PG_ARGISNULL(2) ? 0 : PG_GETARG_DATEADT(2));
	if (pathway == HAH_NONE)
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(cstring_to_text(hah_pathway_names[pathway]));
}

/* (reported_inpatient, inpatient_equivalent), strict. */
PG_FUNCTION_INFO_V1(episode_reporting_mismatch_sql);
Datum
episode_reporting_mismatch_sql(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(episode_mismatch(true, PG_GETARG_BOOL(0), PG_GETARG_BOOL(1)) == MISMATCH_YES);
}

/* (setting, care_form, start_date, end_date): NULL but for the end date, NULL. */
PG_FUNCTION_INFO_V1(episode_home_bed_days_sql);
Datum
episode_home_bed_days_sql(PG_FUNCTION_ARGS)
{
	CareSetting setting;
	int32		days;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1) || PG_ARGISNULL(2))
		PG_RETURN_NULL();
	setting = PG_GETARG_CARE_SETTING(0);
	if (!episode_home_bed_days(episode_inpatient_equivalent(setting, PG_GETARG_CARE_FORM(1)),
							   care_setting_is_home(setting), PG_GETARG_DATEADT(2),
							   !PG_ARGISNULL(3), PG_ARGISNULL(3) ? 0 : PG_GETARG_DATEADT(3),
							   &days))
		PG_RETURN_NULL();
	PG_RETURN_INT32(days);
}
