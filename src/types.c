/*
 * types.c
 *		care_level, care_setting and care_form: one-byte, pass-by-value
 *		enumerations with text and binary I/O, comparison and hashing.
 *
 * The three types share one implementation driven by a table of labels per
 * type: the canonical English label (the text output), the Swedish label
 * (also accepted on input) and the English display label.  The comparison
 * and hash support functions compare the stored byte, so one C function
 * serves all three types.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "common/hashfn.h"
#include "fmgr.h"
#include "libpq/pqformat.h"
#include "mb/pg_wchar.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/sortsupport.h"

#include "labels.h"
#include "types.h"

PG_MODULE_MAGIC;

struct EnumType
{
	const char *name;			/* SQL type name, for messages */
	const EnumLabel *labels;	/* indexed by the stored value */
	int			count;
};

static const EnumLabel care_level_labels[CARE_LEVEL_COUNT] = {
	{"municipal_primary", "kommunal primärvård", "municipal primary care"},
	{"regional_primary", "regional primärvård", "regional primary care"},
	{"specialised_outpatient", "specialiserad öppen vård", "specialised outpatient care"},
	{"specialised_inpatient", "specialiserad sluten vård", "specialised inpatient care"},
};

static const EnumLabel care_setting_labels[CARE_SETTING_COUNT] = {
	{"hospital_ward", "vårdavdelning", "hospital ward"},
	{"emergency_department", "akutmottagning", "emergency department"},
	{"outpatient_clinic", "mottagning", "outpatient clinic"},
	{"ordinary_home", "ordinärt boende", "ordinary home"},
	{"special_housing", "särskilt boende", "special housing"},
	{"short_term_housing", "korttidsboende", "short-term housing"},
	{"remote", "distans", "remote"},
	{"prehospital", "prehospital", "prehospital"},
};

static const EnumLabel care_form_labels[CARE_FORM_COUNT] = {
	{"none", "ingen", "none"},
	{"hospital_at_home", "sjukhusvård i hemmet", "hospital at home"},
	{"specialised_home_care", "specialiserad sjukvård i hemmet", "specialised home care"},
	{"mobile_specialist_team", "mobilt specialistteam", "mobile specialist team"},
	{"mobile_psychiatry", "mobilt psykiatriteam", "mobile psychiatry"},
	{"community_care_team", "närsjukvårdsteam", "community care team"},
	{"mobile_primary_care", "mobilt primärvårdsteam", "mobile primary care team"},
	{"municipal_health_team", "kommunalt hälso- och sjukvårdsteam", "municipal health-care team"},
	{"other_mobile", "övrig mobil vård", "other mobile care"},
};

static const EnumType care_level_type = {"care_level", care_level_labels, CARE_LEVEL_COUNT};
static const EnumType care_setting_type = {"care_setting", care_setting_labels, CARE_SETTING_COUNT};
static const EnumType care_form_type = {"care_form", care_form_labels, CARE_FORM_COUNT};

/*
 * PostgreSQL 16 lets input functions report errors softly (pg_input_is_valid,
 * COPY ... ON_ERROR); before that every input error is thrown.
 */
#if PG_VERSION_NUM >= 160000
#define input_error(escontext, ...) ereturn(escontext, (Datum) 0, __VA_ARGS__)
#else
#define input_error(escontext, ...) \
	do { (void) (escontext); ereport(ERROR, __VA_ARGS__); pg_unreachable(); } while (0)
#endif

static char *
valid_labels(const EnumType *type)
{
	StringInfoData buf;
	int			i;

	initStringInfo(&buf);
	for (i = 0; i < type->count; i++)
		appendStringInfo(&buf, "%s%s", i > 0 ? ", " : "", type->labels[i].name);
	return buf.data;
}

/* The value whose label the text is, any of the three; -1 when none. */
int
enum_value_of_label(const EnumType *type, const char *str)
{
	char	   *folded = fold_label(str, strlen(str));
	int			i;

	for (i = 0; i < type->count; i++)
	{
		if (strcmp(folded, type->labels[i].name) == 0 ||
			strcmp(folded, type->labels[i].swedish) == 0 ||
			strcmp(folded, type->labels[i].english) == 0)
			break;
	}
	pfree(folded);
	return i < type->count ? i : -1;
}

static Datum
value_in(const EnumType *type, const char *str, Node *escontext)
{
	int			value = enum_value_of_label(type, str);

	if (value >= 0)
		return UInt8GetDatum((uint8) value);

	input_error(escontext,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type %s: \"%s\"", type->name, str),
				 errhint("Valid values are %s, or their Swedish or English labels.",
						 valid_labels(type))));
}

static uint8
checked_value(const EnumType *type, Datum value)
{
	uint8		v = DatumGetUInt8(value);

	if (v >= type->count)
		elog(ERROR, "corrupt %s value %d", type->name, (int) v);
	return v;
}

static Datum
value_recv(const EnumType *type, StringInfo buf)
{
	int			v = pq_getmsgbyte(buf);

	if (v < 0 || v >= type->count)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary value %d for type %s", v, type->name)));
	return UInt8GetDatum((uint8) v);
}

static Datum
value_send(const EnumType *type, Datum value)
{
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, checked_value(type, value));
	return PointerGetDatum(pq_endtypsend(&buf));
}

/* label(x, lang): the display label in Swedish ('sv') or English ('en'). */
static Datum
value_label(const EnumType *type, Datum value, text *lang)
{
	const EnumLabel *label = &type->labels[checked_value(type, value)];
	char	   *code = text_to_cstring(lang);
	const char *utf8;

	if (strcmp(code, "sv") == 0)
		utf8 = label->swedish;
	else if (strcmp(code, "en") == 0)
		utf8 = label->english;
	else
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unsupported label language \"%s\"", code),
				 errhint("Use 'sv' for Swedish or 'en' for English.")));

	return CStringGetTextDatum(label_to_server(utf8));
}

/*
 * The SQL-callable I/O functions of one type: thin wrappers that bind the
 * shared implementation to the type's label table.
 */
#define ENUM_TYPE_FUNCTIONS(sqlname, desc) \
PG_FUNCTION_INFO_V1(sqlname##_in); \
Datum \
sqlname##_in(PG_FUNCTION_ARGS) \
{ \
	return value_in(&desc, PG_GETARG_CSTRING(0), fcinfo->context); \
} \
PG_FUNCTION_INFO_V1(sqlname##_out); \
Datum \
sqlname##_out(PG_FUNCTION_ARGS) \
{ \
	PG_RETURN_CSTRING(pstrdup(desc.labels[checked_value(&desc, PG_GETARG_DATUM(0))].name)); \
} \
PG_FUNCTION_INFO_V1(sqlname##_recv); \
Datum \
sqlname##_recv(PG_FUNCTION_ARGS) \
{ \
	return value_recv(&desc, (StringInfo) PG_GETARG_POINTER(0)); \
} \
PG_FUNCTION_INFO_V1(sqlname##_send); \
Datum \
sqlname##_send(PG_FUNCTION_ARGS) \
{ \
	return value_send(&desc, PG_GETARG_DATUM(0)); \
} \
PG_FUNCTION_INFO_V1(sqlname##_label); \
Datum \
sqlname##_label(PG_FUNCTION_ARGS) \
{ \
	return value_label(&desc, PG_GETARG_DATUM(0), PG_GETARG_TEXT_PP(1)); \
}

ENUM_TYPE_FUNCTIONS(care_level, care_level_type)
ENUM_TYPE_FUNCTIONS(care_setting, care_setting_type)
ENUM_TYPE_FUNCTIONS(care_form, care_form_type)

/*
 * The label table of the type whose input function is the one given (one
 * of the three), or NULL: the loaders check labels without the error.
 */
const EnumType *
enum_type_of_input(PGFunction input)
{
	if (input == care_level_in)
		return &care_level_type;
	if (input == care_setting_in)
		return &care_setting_type;
	if (input == care_form_in)
		return &care_form_type;
	return NULL;
}

const char *
enum_type_name(const EnumType *type)
{
	return type->name;
}

/*
 * Comparison and hashing, shared by the three types: each stores its value
 * in one byte whose numeric order is the type's order.
 */
#define ENUM_COMPARISON(fname, op) \
PG_FUNCTION_INFO_V1(fname); \
Datum \
fname(PG_FUNCTION_ARGS) \
{ \
	PG_RETURN_BOOL(DatumGetUInt8(PG_GETARG_DATUM(0)) op DatumGetUInt8(PG_GETARG_DATUM(1))); \
}

ENUM_COMPARISON(mobilvard_enum_eq, ==)
ENUM_COMPARISON(mobilvard_enum_ne, !=)
ENUM_COMPARISON(mobilvard_enum_lt, <)
ENUM_COMPARISON(mobilvard_enum_le, <=)
ENUM_COMPARISON(mobilvard_enum_gt, >)
ENUM_COMPARISON(mobilvard_enum_ge, >=)

PG_FUNCTION_INFO_V1(mobilvard_enum_cmp);
Datum
mobilvard_enum_cmp(PG_FUNCTION_ARGS)
{
	int			a = DatumGetUInt8(PG_GETARG_DATUM(0));
	int			b = DatumGetUInt8(PG_GETARG_DATUM(1));

	PG_RETURN_INT32(a - b);
}

/*
 * Sort support: the stored byte, zero-extended in the Datum, orders as an
 * unsigned integer, which lets tuplesort use its specialised comparator.
 */
PG_FUNCTION_INFO_V1(mobilvard_enum_sortsupport);
Datum
mobilvard_enum_sortsupport(PG_FUNCTION_ARGS)
{
	SortSupport ssup = (SortSupport) PG_GETARG_POINTER(0);

	ssup->comparator = ssup_datum_unsigned_cmp;
	PG_RETURN_VOID();
}

PG_FUNCTION_INFO_V1(mobilvard_enum_smaller);
Datum
mobilvard_enum_smaller(PG_FUNCTION_ARGS)
{
	return Min(DatumGetUInt8(PG_GETARG_DATUM(0)), DatumGetUInt8(PG_GETARG_DATUM(1)));
}

PG_FUNCTION_INFO_V1(mobilvard_enum_larger);
Datum
mobilvard_enum_larger(PG_FUNCTION_ARGS)
{
	return Max(DatumGetUInt8(PG_GETARG_DATUM(0)), DatumGetUInt8(PG_GETARG_DATUM(1)));
}

PG_FUNCTION_INFO_V1(mobilvard_enum_hash);
Datum
mobilvard_enum_hash(PG_FUNCTION_ARGS)
{
	return hash_uint32((uint32) DatumGetUInt8(PG_GETARG_DATUM(0)));
}

PG_FUNCTION_INFO_V1(mobilvard_enum_hash_extended);
Datum
mobilvard_enum_hash_extended(PG_FUNCTION_ARGS)
{
	return hash_uint32_extended((uint32) DatumGetUInt8(PG_GETARG_DATUM(0)),
								PG_GETARG_INT64(1));
}

/* ---- the domain rules attached to the types ---- */

Principal
care_level_principal(CareLevel level)
{
	return level == CARE_LEVEL_MUNICIPAL_PRIMARY ? PRINCIPAL_MUNICIPALITY : PRINCIPAL_REGION;
}

const char *
principal_name(Principal principal)
{
	return principal == PRINCIPAL_MUNICIPALITY ? "municipality" : "region";
}

bool
care_setting_is_home(CareSetting setting)
{
	return setting == CARE_SETTING_ORDINARY_HOME ||
		setting == CARE_SETTING_SPECIAL_HOUSING ||
		setting == CARE_SETTING_SHORT_TERM_HOUSING;
}

uint8
care_form_permitted_levels(CareForm form)
{
	const uint8 specialised = CARE_LEVEL_BIT(CARE_LEVEL_SPECIALISED_OUTPATIENT) |
		CARE_LEVEL_BIT(CARE_LEVEL_SPECIALISED_INPATIENT);
	const uint8 regional = CARE_LEVEL_BIT(CARE_LEVEL_REGIONAL_PRIMARY);
	const uint8 municipal = CARE_LEVEL_BIT(CARE_LEVEL_MUNICIPAL_PRIMARY);

	switch (form)
	{
		case CARE_FORM_HOSPITAL_AT_HOME:
		case CARE_FORM_SPECIALISED_HOME_CARE:
		case CARE_FORM_MOBILE_SPECIALIST_TEAM:
		case CARE_FORM_MOBILE_PSYCHIATRY:
			return specialised;
		case CARE_FORM_COMMUNITY_CARE_TEAM:
		case CARE_FORM_OTHER_MOBILE:
			return specialised | regional;
		case CARE_FORM_MOBILE_PRIMARY_CARE:
			return regional;
		case CARE_FORM_MUNICIPAL_HEALTH_TEAM:
			return municipal;
		case CARE_FORM_NONE:
			break;
	}
	return specialised | regional | municipal;
}

PG_FUNCTION_INFO_V1(care_level_principal_sql);
Datum
care_level_principal_sql(PG_FUNCTION_ARGS)
{
	CareLevel	level = PG_GETARG_CARE_LEVEL(0);

	PG_RETURN_TEXT_P(cstring_to_text(principal_name(care_level_principal(level))));
}

PG_FUNCTION_INFO_V1(care_setting_is_home_sql);
Datum
care_setting_is_home_sql(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(care_setting_is_home(PG_GETARG_CARE_SETTING(0)));
}

PG_FUNCTION_INFO_V1(care_form_permitted_levels_sql);
Datum
care_form_permitted_levels_sql(PG_FUNCTION_ARGS)
{
	uint8		permitted = care_form_permitted_levels(PG_GETARG_CARE_FORM(0));
	Oid			level_type = get_element_type(get_fn_expr_rettype(fcinfo->flinfo));
	Datum		levels[CARE_LEVEL_COUNT];
	int			n = 0;
	int			level;

	if (!OidIsValid(level_type))
		elog(ERROR, "could not determine the care_level type");

	for (level = 0; level < CARE_LEVEL_COUNT; level++)
		if (permitted & CARE_LEVEL_BIT(level))
			levels[n++] = CareLevelGetDatum(level);

	PG_RETURN_ARRAYTYPE_P(construct_array(levels, n, level_type, 1, true, TYPALIGN_CHAR));
}

/*
 * The encounter class (HL7 v3 ActCode) of a setting.  Home care counts as
 * inpatient (IMP) when it replaces a hospital bed, else as home health (HH).
 */
static const char *
encounter_class(CareSetting setting, bool inpatient_equivalent)
{
	switch (setting)
	{
		case CARE_SETTING_HOSPITAL_WARD:
			return "IMP";
		case CARE_SETTING_EMERGENCY_DEPARTMENT:
			return "EMER";
		case CARE_SETTING_OUTPATIENT_CLINIC:
			return "AMB";
		case CARE_SETTING_ORDINARY_HOME:
		case CARE_SETTING_SPECIAL_HOUSING:
		case CARE_SETTING_SHORT_TERM_HOUSING:
			return inpatient_equivalent ? "IMP" : "HH";
		case CARE_SETTING_REMOTE:
			return "VR";
		case CARE_SETTING_PREHOSPITAL:
			break;
	}
	return "FLD";
}

PG_FUNCTION_INFO_V1(fhir_encounter_class);
Datum
fhir_encounter_class(PG_FUNCTION_ARGS)
{
	PG_RETURN_TEXT_P(cstring_to_text(encounter_class(PG_GETARG_CARE_SETTING(0),
													 PG_GETARG_BOOL(1))));
}

/*
 * OMOP visit concept of the encounter class: the standard Visit concepts
 * that the OMOP CDM v5.4 documentation of VISIT_OCCURRENCE lists (Inpatient,
 * Outpatient, Emergency Room, Home, Telehealth and Ambulance Visit), so that
 * every setting has one: visit_concept_id is NOT NULL there.  Prehospital
 * care (FLD) is the Ambulance Visit.
 */
PG_FUNCTION_INFO_V1(omop_visit_concept_id);
Datum
omop_visit_concept_id(PG_FUNCTION_ARGS)
{
	static const struct
	{
		const char *class;
		int32		concept_id;
	}			concept_map[] = {
		{"IMP", 9201},
		{"AMB", 9202},
		{"EMER", 9203},
		{"HH", 581476},
		{"VR", 5083},
		{"FLD", 581478},
	};
	const char *class = encounter_class(PG_GETARG_CARE_SETTING(0), PG_GETARG_BOOL(1));
	size_t		i;

	for (i = 0; i < lengthof(concept_map); i++)
		if (strcmp(concept_map[i].class, class) == 0)
			PG_RETURN_INT32(concept_map[i].concept_id);
	elog(ERROR, "no OMOP visit concept for encounter class %s", class);
}
