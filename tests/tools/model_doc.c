/* model_doc.c - renders docs/model.md from docs/model.md.in (on stdin) to
 * stdout: the template's placeholders filled from the schema's defaults and
 * the simulator's formulas (model_doc.h). `make docs` runs it; tests/test_docs.c
 * checks that the committed page is what it renders. */
#include <stdio.h>
#include <stdlib.h>

#include "model_doc.h"

int main(void)
{
	/* the whole template: it holds no NUL, so one getdelim reads it all */
	char *in = NULL;
	size_t cap = 0;
	if (getdelim(&in, &cap, '\0', stdin) < 0) {
		fprintf(stderr, "model_doc: cannot read the template on stdin\n");
		free(in);
		return 1;
	}
	char err[256];
	char *out = model_doc_render(in, err, sizeof err);
	free(in);
	if (!out) {
		fprintf(stderr, "model_doc: docs/model.md.in: %s\n", err);
		return 1;
	}
	fputs(out, stdout);
	free(out);
	return ferror(stdout) ? 1 : 0;
}
