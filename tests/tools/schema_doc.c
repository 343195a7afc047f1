/* schema_doc.c - prints the reference tables of docs/config.md from the
 * parameter schema (`make docs` splices them in; tests/test_scenario.c checks
 * that the document agrees with the schema). */
#include <stdio.h>

#include "../../sim/scenario/scenario_internal.h"

int main(void)
{
	schema_doc_write(stdout);
	return ferror(stdout) ? 1 : 0;
}
