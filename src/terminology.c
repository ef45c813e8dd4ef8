/*
 * terminology.c
 *		care_form_of: the mobile care form a unit's name says it is.
 *
 * Regions name the same kind of team in many ways (table 1 of the national
 * pre-study).  The name is folded to lower case and searched for every
 * known name and acronym; the longest match wins, so "specialiserad
 * sjukhusvård i hemmet" is specialised home care although it contains
 * "sjukhusvård i hemmet".  Acronyms only match as whole words ("MAP Norr",
 * not "Mapping"); Swedish compounds match inside words ("Barnteamet").
 * A few names are used for more than one form and are resolved by the
 * unit's care level.
 */
#include "postgres.h"

#include "fmgr.h"
#include "miscadmin.h"
#include "utils/builtins.h"

#include "labels.h"
#include "types.h"

/* A name used for several forms, resolved by the unit's care level. */
#define FORM_BY_LEVEL (-1)

typedef struct TeamName
{
	const char *name;			/* folded UTF-8 */
	bool		whole_word;
	int			form;			/* CareForm, or FORM_BY_LEVEL */
	CareForm	specialised_form;	/* for FORM_BY_LEVEL at a specialised level */
} TeamName;

#define TEAM(name, form)		{name, false, form, CARE_FORM_NONE}
#define ACRONYM(name, form)		{name, true, form, CARE_FORM_NONE}
#define BY_LEVEL(name, specialised_form) {name, false, FORM_BY_LEVEL, specialised_form}

static const TeamName team_names[] = {
	TEAM("sjukhusvård i hemmet", CARE_FORM_HOSPITAL_AT_HOME),
	TEAM("sjukhus hemma", CARE_FORM_HOSPITAL_AT_HOME),
	ACRONYM("hemma", CARE_FORM_HOSPITAL_AT_HOME),

	ACRONYM("asih", CARE_FORM_SPECIALISED_HOME_CARE),
	ACRONYM("ssih", CARE_FORM_SPECIALISED_HOME_CARE),
	ACRONYM("sah", CARE_FORM_SPECIALISED_HOME_CARE),
	ACRONYM("lah", CARE_FORM_SPECIALISED_HOME_CARE),
	TEAM("avancerad sjukvård i hemmet", CARE_FORM_SPECIALISED_HOME_CARE),
	TEAM("specialiserad sjukvård i hemmet", CARE_FORM_SPECIALISED_HOME_CARE),
	TEAM("specialiserad sjukhusvård i hemmet", CARE_FORM_SPECIALISED_HOME_CARE),
	TEAM("sjukhusansluten hemsjukvård", CARE_FORM_SPECIALISED_HOME_CARE),
	TEAM("lasarettsansluten hemsjukvård", CARE_FORM_SPECIALISED_HOME_CARE),

	ACRONYM("spot", CARE_FORM_MOBILE_PSYCHIATRY),
	ACRONYM("map", CARE_FORM_MOBILE_PSYCHIATRY),
	ACRONYM("fact", CARE_FORM_MOBILE_PSYCHIATRY),
	ACRONYM("pea", CARE_FORM_MOBILE_PSYCHIATRY),
	TEAM("mobil psykiatri", CARE_FORM_MOBILE_PSYCHIATRY),
	TEAM("mobilt psykiatriteam", CARE_FORM_MOBILE_PSYCHIATRY),

	TEAM("närsjukvårdsteam", CARE_FORM_COMMUNITY_CARE_TEAM),
	TEAM("närvårdsteam", CARE_FORM_COMMUNITY_CARE_TEAM),
	TEAM("nära vårdteam", CARE_FORM_COMMUNITY_CARE_TEAM),

	TEAM("barnteam", CARE_FORM_MOBILE_SPECIALIST_TEAM),
	TEAM("habteam", CARE_FORM_MOBILE_SPECIALIST_TEAM),
	TEAM("stroketeam", CARE_FORM_MOBILE_SPECIALIST_TEAM),
	TEAM("trachteam", CARE_FORM_MOBILE_SPECIALIST_TEAM),
	TEAM("hjärtsviktsteam", CARE_FORM_MOBILE_SPECIALIST_TEAM),
	TEAM("mobilt specialistteam", CARE_FORM_MOBILE_SPECIALIST_TEAM),

	TEAM("mobilt primärvårdsteam", CARE_FORM_MOBILE_PRIMARY_CARE),

	TEAM("hemgångsteam", CARE_FORM_MUNICIPAL_HEALTH_TEAM),
	TEAM("kommunalt hälso- och sjukvårdsteam", CARE_FORM_MUNICIPAL_HEALTH_TEAM),

	TEAM("ambulans", CARE_FORM_OTHER_MOBILE),
	TEAM("bedömningsbil", CARE_FORM_OTHER_MOBILE),
	TEAM("mobil röntgen", CARE_FORM_OTHER_MOBILE),
	TEAM("läkarbåt", CARE_FORM_OTHER_MOBILE),
	TEAM("vaccinationsbuss", CARE_FORM_OTHER_MOBILE),
	TEAM("övrig mobil vård", CARE_FORM_OTHER_MOBILE),

	BY_LEVEL("hemsjukvård", CARE_FORM_SPECIALISED_HOME_CARE),
	BY_LEVEL("hälso- och sjukvård i hemmet", CARE_FORM_SPECIALISED_HOME_CARE),
	BY_LEVEL("rehabteam", CARE_FORM_MOBILE_SPECIALIST_TEAM),
	BY_LEVEL("demensteam", CARE_FORM_MOBILE_SPECIALIST_TEAM),
};

/* Letters and digits, counting every byte of a multibyte letter. */
static bool
is_word_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80;
}

/* Characters in a UTF-8 string: the bytes that are not continuation bytes. */
static int
utf8_chars(const char *s)
{
	int			n = 0;

	for (; *s; s++)
		if (((unsigned char) *s & 0xC0) != 0x80)
			n++;
	return n;
}

/* Offset of the first match of a team name in the folded name, or -1. */
static int
find_team_name(const char *folded, const TeamName *team)
{
	size_t		len = strlen(team->name);
	const char *hit = folded;

	while ((hit = strstr(hit, team->name)) != NULL)
	{
		CHECK_FOR_INTERRUPTS();
		if (!team->whole_word ||
			((hit == folded || !is_word_byte((unsigned char) hit[-1])) &&
			 !is_word_byte((unsigned char) hit[len])))
			return hit - folded;
		hit++;
	}
	return -1;
}

PG_FUNCTION_INFO_V1(care_form_of);
Datum
care_form_of(PG_FUNCTION_ARGS)
{
	text	   *name;
	char	   *folded;
	const TeamName *best = NULL;
	int			best_chars = 0;
	int			best_offset = 0;
	size_t		i;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	name = PG_GETARG_TEXT_PP(0);
	folded = fold_label(VARDATA_ANY(name), VARSIZE_ANY_EXHDR(name));

	for (i = 0; i < lengthof(team_names); i++)
	{
		int			offset;
		int			chars;

		CHECK_FOR_INTERRUPTS();
		offset = find_team_name(folded, &team_names[i]);

		if (offset < 0)
			continue;
		chars = utf8_chars(team_names[i].name);
		/* the longest name wins; of equal ones, the first in the unit's name */
		if (chars > best_chars || (chars == best_chars && offset < best_offset))
		{
			best = &team_names[i];
			best_chars = chars;
			best_offset = offset;
		}
	}

	if (best == NULL)
		PG_RETURN_NULL();
	if (best->form != FORM_BY_LEVEL)
		PG_RETURN_CARE_FORM((CareForm) best->form);
	if (PG_ARGISNULL(1))
		PG_RETURN_NULL();

	switch (PG_GETARG_CARE_LEVEL(1))
	{
		case CARE_LEVEL_MUNICIPAL_PRIMARY:
			PG_RETURN_CARE_FORM(CARE_FORM_MUNICIPAL_HEALTH_TEAM);
		case CARE_LEVEL_REGIONAL_PRIMARY:
			PG_RETURN_CARE_FORM(CARE_FORM_MOBILE_PRIMARY_CARE);
		case CARE_LEVEL_SPECIALISED_OUTPATIENT:
		case CARE_LEVEL_SPECIALISED_INPATIENT:
			break;
	}
	PG_RETURN_CARE_FORM(best->specialised_form);
}
