/*
 * team_name.c
 *		care_form_of and the table mobilvard.team_name it reads.
 *
 * Each backend compiles the table's rows once (src/terminology.c) into a
 * memory context under CacheMemoryContext and keeps them until the table
 * changes.  The table's statement trigger (team_name_changed) sends a
 * relcache invalidation of the table, which the backend that made the
 * change processes at its next command and every other backend once the
 * change commits; the callback registered here then drops the compiled
 * names, which the next call reads again.  A DDL change of the table, and
 * a reset of every cache, invalidate them the same way.
 */
#include "postgres.h"

#include "access/genam.h"
#include "access/htup_details.h"
#include "access/table.h"
#include "commands/trigger.h"
#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rangetypes.h"
#include "utils/rel.h"
#include "utils/typcache.h"

#include "labels.h"
#include "terminology.h"
#include "types.h"

/* The compiled names, their context, and the table they came from. */
static TeamNameList *team_names = NULL;
static MemoryContext team_names_context = NULL;
static Oid	team_names_relid = InvalidOid;
static bool team_names_valid = false;

static void
team_names_invalidate(Datum arg pg_attribute_unused(), Oid relid)
{
	if (relid == InvalidOid || relid == team_names_relid)
		team_names_valid = false;
}

/* The index of a column of the table in its tuple descriptor. */
static int
column_of(Relation rel, const char *name)
{
	TupleDesc	desc = RelationGetDescr(rel);
	int			i;

	for (i = 0; i < desc->natts; i++)
	{
		Form_pg_attribute attr = TupleDescAttr(desc, i);

		if (!attr->attisdropped && strcmp(NameStr(attr->attname), name) == 0)
			return i;
	}
	ereport(ERROR,
			(errcode(ERRCODE_UNDEFINED_COLUMN),
			 errmsg("column \"%s\" of relation \"%s\" does not exist",
					name, RelationGetRelationName(rel))));
	return -1;					/* keep the compiler quiet */
}

/* A row's validity as the half-open days [valid_from, valid_until). */
static void
validity_of(Datum datum, TeamName *team)
{
	RangeType  *range = DatumGetRangeTypeP(datum);
	TypeCacheEntry *typcache = lookup_type_cache(RangeTypeGetOid(range), TYPECACHE_RANGE_INFO);
	RangeBound	lower;
	RangeBound	upper;
	bool		empty;

	range_deserialize(typcache, range, &lower, &upper, &empty);
	if (empty)
	{
		team->valid_from = PG_INT64_MAX;
		team->valid_until = PG_INT64_MIN;
		return;
	}
	team->valid_from = lower.infinite ? PG_INT64_MIN
		: (int64) DatumGetDateADT(lower.val) + (lower.inclusive ? 0 : 1);
	team->valid_until = upper.infinite ? PG_INT64_MAX
		: (int64) DatumGetDateADT(upper.val) + (upper.inclusive ? 1 : 0);
}

/*
 * Read the table into a new context.  The catalog snapshot that
 * systable_beginscan takes is a fresh one for a table without a syscache,
 * so it sees every change whose invalidation this backend has processed,
 * and it may be taken in a parallel worker.
 */
static void
team_names_load(Oid relid)
{
	MemoryContext context;
	Relation	rel;
	SysScanDesc scan;
	HeapTuple	tuple;
	TeamName   *names;
	int			count = 0;
	int			size = 64;
	int			col_name,
				col_whole_word,
				col_form,
				col_municipal,
				col_regional,
				col_specialised,
				col_valid;
	Datum	   *values;
	bool	   *nulls;

	/* made under the current context: an error frees it */
	context = AllocSetContextCreate(CurrentMemoryContext, "mobilvard team names",
									ALLOCSET_SMALL_SIZES);
	names = MemoryContextAlloc(context, size * sizeof(TeamName));

	rel = table_open(relid, AccessShareLock);
	col_name = column_of(rel, "name");
	col_whole_word = column_of(rel, "whole_word");
	col_form = column_of(rel, "care_form");
	col_municipal = column_of(rel, "form_municipal_primary");
	col_regional = column_of(rel, "form_regional_primary");
	col_specialised = column_of(rel, "form_specialised");
	col_valid = column_of(rel, "valid");
	values = palloc(RelationGetDescr(rel)->natts * sizeof(Datum));
	nulls = palloc(RelationGetDescr(rel)->natts * sizeof(bool));

	scan = systable_beginscan(rel, InvalidOid, false, NULL, 0, NULL);
	while ((tuple = systable_getnext(scan)) != NULL)
	{
		TeamName   *team;
		text	   *name;
		char	   *folded;

		heap_deform_tuple(tuple, RelationGetDescr(rel), values, nulls);
		/* the table's constraints make a row one of the two kinds */
		if (nulls[col_name] || nulls[col_whole_word] || nulls[col_valid] ||
			(nulls[col_form] && (nulls[col_municipal] || nulls[col_regional] || nulls[col_specialised])))
			continue;
		name = DatumGetTextPP(values[col_name]);
		folded = fold_label(VARDATA_ANY(name), VARSIZE_ANY_EXHDR(name));
		if (folded[0] == '\0')
			continue;

		if (count == size)
		{
			size *= 2;
			names = repalloc(names, size * sizeof(TeamName));
		}
		team = &names[count++];
		team->name = MemoryContextStrdup(context, folded);
		team->whole_word = DatumGetBool(values[col_whole_word]);
		if (!nulls[col_form])
			team->form = DatumGetCareForm(values[col_form]);
		else
		{
			team->form = FORM_BY_LEVEL;
			team->form_at[CARE_LEVEL_MUNICIPAL_PRIMARY] = DatumGetCareForm(values[col_municipal]);
			team->form_at[CARE_LEVEL_REGIONAL_PRIMARY] = DatumGetCareForm(values[col_regional]);
			team->form_at[CARE_LEVEL_SPECIALISED_OUTPATIENT] = DatumGetCareForm(values[col_specialised]);
			team->form_at[CARE_LEVEL_SPECIALISED_INPATIENT] = DatumGetCareForm(values[col_specialised]);
		}
		validity_of(values[col_valid], team);
		pfree(folded);
	}
	systable_endscan(scan);
	table_close(rel, AccessShareLock);
	pfree(values);
	pfree(nulls);

	{
		MemoryContext old = MemoryContextSwitchTo(context);

		team_names = team_names_compile(names, count);
		MemoryContextSwitchTo(old);
	}

	MemoryContextSetParent(context, CacheMemoryContext);
	if (team_names_context != NULL)
		MemoryContextDelete(team_names_context);
	team_names_context = context;
}

/* The compiled names of the team_name table in the schema of the function. */
static const TeamNameList *
team_names_of(FunctionCallInfo fcinfo)
{
	static bool callback_registered = false;
	Oid			schema;
	Oid			relid;

	if (team_names_valid)
		return team_names;
	if (!callback_registered)
	{
		CacheRegisterRelcacheCallback(team_names_invalidate, (Datum) 0);
		callback_registered = true;
	}

	schema = get_func_namespace(fcinfo->flinfo->fn_oid);
	relid = get_relname_relid("team_name", schema);
	if (!OidIsValid(relid))
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("relation \"%s.team_name\" does not exist", get_namespace_name(schema)),
				 errhint("Run ALTER EXTENSION mobilvard UPDATE: this version of the library reads the team names from a table.")));

	/* an invalidation while the table is read makes the next call read it again */
	team_names_relid = relid;
	team_names_valid = true;
	PG_TRY();
	{
		team_names_load(relid);
	}
	PG_CATCH();
	{
		team_names_valid = false;
		PG_RE_THROW();
	}
	PG_END_TRY();
	return team_names;
}

PG_FUNCTION_INFO_V1(care_form_of);
Datum
care_form_of(PG_FUNCTION_ARGS)
{
	const TeamNameList *list;
	text	   *name;
	int			form;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	list = team_names_of(fcinfo);
	name = PG_GETARG_TEXT_PP(0);
	form = care_form_of_name(list, VARDATA_ANY(name), VARSIZE_ANY_EXHDR(name),
							 PG_ARGISNULL(1) ? -1 : (int) PG_GETARG_CARE_LEVEL(1),
							 PG_NARGS() > 2 && !PG_ARGISNULL(2) ? PG_GETARG_DATEADT(2) : GetSQLCurrentDate());
	if (form < 0)
		PG_RETURN_NULL();
	PG_RETURN_CARE_FORM((CareForm) form);
}

/* _fold_team_name: the folding of care_form_of, in the server encoding. */
PG_FUNCTION_INFO_V1(fold_team_name);
Datum
fold_team_name(PG_FUNCTION_ARGS)
{
	text	   *name = PG_GETARG_TEXT_PP(0);
	char	   *folded = fold_label(VARDATA_ANY(name), VARSIZE_ANY_EXHDR(name));

	PG_RETURN_TEXT_P(cstring_to_text(label_to_server(folded)));
}

/* Statement trigger on team_name: every backend reads the table again. */
PG_FUNCTION_INFO_V1(team_name_changed);
Datum
team_name_changed(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("%s must be called as a trigger", "_team_name_changed")));
	CacheInvalidateRelcache(trigdata->tg_relation);
	return PointerGetDatum(NULL);
}
