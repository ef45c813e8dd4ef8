/*
 * care_level_in.c
 *		Fuzz target: the text input of care_level.
 */
#include "postgres.h"

#include "fuzz.h"
#include "types.h"

extern Datum care_level_in(PG_FUNCTION_ARGS);
extern Datum care_level_out(PG_FUNCTION_ARGS);
extern Datum care_level_label(PG_FUNCTION_ARGS);

extern int	LLVMFuzzerTestOneInput(const uint8 *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8 *data, size_t size)
{
	static const FuzzType type = {
		"care_level", care_level_in, care_level_out, care_level_label, CARE_LEVEL_COUNT
	};

	fuzz_type_input(&type, data, size);
	return 0;
}
