/* prior_doc.c - prints the shipped-priors section of docs/priors.md
 * (tests/tools/prior_doc.h; `make docs` splices it in). */
#include "prior_doc.h"

int main(void)
{
	char why[2048];
	if (prior_doc_write(stdout, why, sizeof why) != 0) {
		fprintf(stderr, "prior_doc: %s\n", why);
		return 1;
	}
	return ferror(stdout) ? 1 : 0;
}
