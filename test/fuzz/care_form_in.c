/*
 * care_form_in.c
 *		Fuzz target: the text input of care_form.
 */
#include "postgres.h"

#include "fuzz.h"
#include "types.h"

extern Datum care_form_in(PG_FUNCTION_ARGS);
extern Datum care_form_out(PG_FUNCTION_ARGS);
extern Datum care_form_label(PG_FUNCTION_ARGS);

extern int	LLVMFuzzerTestOneInput(const uint8 *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8 *data, size_t size)
{
	static const FuzzType type = {
		"care_form", care_form_in, care_form_out, care_form_label, CARE_FORM_COUNT
	};

	fuzz_type_input(&type, data, size);
	return 0;
}
