/*
 * care_setting_in.c
 *		Fuzz target: the text input of care_setting.
 */
#include "postgres.h"

#include "fuzz.h"
#include "types.h"

extern Datum care_setting_in(PG_FUNCTION_ARGS);
extern Datum care_setting_out(PG_FUNCTION_ARGS);
extern Datum care_setting_label(PG_FUNCTION_ARGS);

extern int	LLVMFuzzerTestOneInput(const uint8 *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8 *data, size_t size)
{
	static const FuzzType type = {
		"care_setting", care_setting_in, care_setting_out, care_setting_label, CARE_SETTING_COUNT
	};

	fuzz_type_input(&type, data, size);
	return 0;
}
