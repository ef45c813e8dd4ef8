/*
 * types.h
 *		The three mobilvard base types: care level, care setting and mobile
 *		care form.
 *
 * Each is a small enumeration stored in one byte and passed by value.  The
 * numeric order of the values is the sort order of the SQL type, so it must
 * never change once data is on disk: new values are appended.
 */
#ifndef MOBILVARD_TYPES_H
#define MOBILVARD_TYPES_H

#include "postgres.h"
#include "fmgr.h"

typedef enum CareLevel
{
	CARE_LEVEL_MUNICIPAL_PRIMARY = 0,
	CARE_LEVEL_REGIONAL_PRIMARY,
	CARE_LEVEL_SPECIALISED_OUTPATIENT,
	CARE_LEVEL_SPECIALISED_INPATIENT
} CareLevel;

#define CARE_LEVEL_COUNT 4

typedef enum CareSetting
{
	CARE_SETTING_HOSPITAL_WARD = 0,
	CARE_SETTING_EMERGENCY_DEPARTMENT,
	CARE_SETTING_OUTPATIENT_CLINIC,
	CARE_SETTING_ORDINARY_HOME,
	CARE_SETTING_SPECIAL_HOUSING,
	CARE_SETTING_SHORT_TERM_HOUSING,
	CARE_SETTING_REMOTE,
	CARE_SETTING_PREHOSPITAL
} CareSetting;

#define CARE_SETTING_COUNT 8

typedef enum CareForm
{
	CARE_FORM_NONE = 0,
	CARE_FORM_HOSPITAL_AT_HOME,
	CARE_FORM_SPECIALISED_HOME_CARE,
	CARE_FORM_MOBILE_SPECIALIST_TEAM,
	CARE_FORM_MOBILE_PSYCHIATRY,
	CARE_FORM_COMMUNITY_CARE_TEAM,
	CARE_FORM_MOBILE_PRIMARY_CARE,
	CARE_FORM_MUNICIPAL_HEALTH_TEAM,
	CARE_FORM_OTHER_MOBILE
} CareForm;

#define CARE_FORM_COUNT 9

#define DatumGetCareLevel(X)	((CareLevel) DatumGetUInt8(X))
#define DatumGetCareSetting(X)	((CareSetting) DatumGetUInt8(X))
#define DatumGetCareForm(X)		((CareForm) DatumGetUInt8(X))
#define CareLevelGetDatum(X)	UInt8GetDatum((uint8) (X))
#define CareSettingGetDatum(X)	UInt8GetDatum((uint8) (X))
#define CareFormGetDatum(X)		UInt8GetDatum((uint8) (X))

#define PG_GETARG_CARE_LEVEL(n)		DatumGetCareLevel(PG_GETARG_DATUM(n))
#define PG_GETARG_CARE_SETTING(n)	DatumGetCareSetting(PG_GETARG_DATUM(n))
#define PG_GETARG_CARE_FORM(n)		DatumGetCareForm(PG_GETARG_DATUM(n))
#define PG_RETURN_CARE_LEVEL(x)		return CareLevelGetDatum(x)
#define PG_RETURN_CARE_SETTING(x)	return CareSettingGetDatum(x)
#define PG_RETURN_CARE_FORM(x)		return CareFormGetDatum(x)

/* The principal (huvudman) of a care level: municipality or region. */
typedef enum Principal
{
	PRINCIPAL_MUNICIPALITY,
	PRINCIPAL_REGION
} Principal;

extern Principal care_level_principal(CareLevel level);
extern const char *principal_name(Principal principal);

/* Ordinary home, special housing or short-term housing. */
extern bool care_setting_is_home(CareSetting setting);

/* Bit set of the care levels a mobile care form may be delivered at. */
extern uint8 care_form_permitted_levels(CareForm form);

#define CARE_LEVEL_BIT(level)	((uint8) (1 << (level)))

/* Label lookup without the input error, for the loaders (load.c). */
typedef struct EnumType EnumType;

extern const EnumType *enum_type_of_input(PGFunction input);
extern const char *enum_type_name(const EnumType *type);
extern int	enum_value_of_label(const EnumType *type, const char *str);

#endif							/* MOBILVARD_TYPES_H */
