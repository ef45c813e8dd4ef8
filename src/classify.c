/*
 * classify.c
 *		classify_episode: the harmonised classification of a care episode
 *		(contract section 2, rules 1-9).
 *
 * Whatever a region reported, the episode gets comparable categories from
 * its unit's level and form and the setting the care was given in.  The
 * function runs once per episode in the registry views, so the result tuple
 * is built with a descriptor and text values prepared once per call site.
 */
#include "postgres.h"

#include "access/htup_details.h"
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
	HAH_EARLY_SUPPORTED_DISCHARGE,
	HAH_ADMISSION_AVOIDANCE
} HahPathway;

/* What a call site keeps between rows, in fn_mcxt. */
typedef struct ClassifyCache
{
	TupleDesc	tupdesc;
	Datum		principal[2];	/* text, by Principal */
	Datum		pathway[2];		/* text, by HahPathway */
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
	if (tupdesc->natts != EC_NATTS)
		elog(ERROR, "episode_class has %d columns, expected %d", tupdesc->natts, EC_NATTS);

	oldcontext = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);
	cache = palloc(sizeof(ClassifyCache));
	cache->tupdesc = BlessTupleDesc(CreateTupleDescCopy(tupdesc));
	cache->principal[PRINCIPAL_MUNICIPALITY] =
		CStringGetTextDatum(principal_name(PRINCIPAL_MUNICIPALITY));
	cache->principal[PRINCIPAL_REGION] =
		CStringGetTextDatum(principal_name(PRINCIPAL_REGION));
	cache->pathway[HAH_EARLY_SUPPORTED_DISCHARGE] =
		CStringGetTextDatum("early_supported_discharge");
	cache->pathway[HAH_ADMISSION_AVOIDANCE] =
		CStringGetTextDatum("admission_avoidance");
	MemoryContextSwitchTo(oldcontext);

	fcinfo->flinfo->fn_extra = cache;
	return cache;
}

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

PG_FUNCTION_INFO_V1(classify_episode);
Datum
classify_episode(PG_FUNCTION_ARGS)
{
	ClassifyCache *cache;
	CareLevel	level;
	CareForm	unit_form;
	CareSetting setting;
	DateADT		start_date;
	CareForm	form;
	bool		home_based;
	bool		inpatient_equivalent;
	Datum		values[EC_NATTS];
	bool		nulls[EC_NATTS];

	/* NULL level, form, setting or start date: nothing to classify. */
	if (PG_ARGISNULL(0) || PG_ARGISNULL(1) || PG_ARGISNULL(2) || PG_ARGISNULL(4))
		PG_RETURN_NULL();

	level = PG_GETARG_CARE_LEVEL(0);
	unit_form = PG_GETARG_CARE_FORM(1);
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

	cache = classify_cache(fcinfo);
	memset(nulls, false, sizeof(nulls));

	/* Rules 1-5 */
	home_based = care_setting_is_home(setting);
	form = episode_care_form(level, unit_form, setting);
	inpatient_equivalent = setting == CARE_SETTING_HOSPITAL_WARD ||
		form == CARE_FORM_HOSPITAL_AT_HOME;
	values[EC_HOME_BASED] = BoolGetDatum(home_based);
	values[EC_CARE_FORM] = CareFormGetDatum(form);
	values[EC_CARE_LEVEL] = CareLevelGetDatum(level);
	values[EC_CONSISTENT] =
		BoolGetDatum((care_form_permitted_levels(form) & CARE_LEVEL_BIT(level)) != 0);
	values[EC_INPATIENT_EQUIVALENT] = BoolGetDatum(inpatient_equivalent);

	/* Rule 6: discharged from a ward the same or the previous day is ESD */
	if (form != CARE_FORM_HOSPITAL_AT_HOME)
		nulls[EC_HAH_PATHWAY] = true;
	else if (!PG_ARGISNULL(6) &&
			 days_between(start_date, PG_GETARG_DATEADT(6)) <= 1)
		values[EC_HAH_PATHWAY] = cache->pathway[HAH_EARLY_SUPPORTED_DISCHARGE];
	else
		values[EC_HAH_PATHWAY] = cache->pathway[HAH_ADMISSION_AVOIDANCE];

	/* Rule 7 */
	if (PG_ARGISNULL(3))
		nulls[EC_REPORTING_MISMATCH] = true;
	else
		values[EC_REPORTING_MISMATCH] =
			BoolGetDatum(PG_GETARG_BOOL(3) != inpatient_equivalent);

	/* Rule 8 */
	values[EC_PRINCIPAL] = cache->principal[care_level_principal(level)];

	/* Rule 9: a home stay that replaced a bed counts at least one bed day */
	if (inpatient_equivalent && home_based && !PG_ARGISNULL(5))
		values[EC_HOME_BED_DAYS] =
			Int32GetDatum(Max(days_between(PG_GETARG_DATEADT(5), start_date), 1));
	else
		nulls[EC_HOME_BED_DAYS] = true;

	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(cache->tupdesc, values, nulls)));
}
