/* model_doc.c - renders docs/model.md from docs/model.md.in (argument 1) to
 * stdout: the template's placeholders filled from the schema's defaults and
 * the simulator's formulas (model_doc.h). `make docs` runs it; tests/test_docs.c
 * checks that the committed page is what it renders. */
#include <stdio.h>
#include <stdlib.h>

#include "model_doc.h"

static char *read_all(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 1 << 16, len = 0;
	char *buf = malloc(cap);
	size_t n;
	while (buf && (n = fread(buf + len, 1, cap - len - 1, f)) > 0) {
		len += n;
		if (len + 1 == cap) {
			char *nb = realloc(buf, cap *= 2);
			if (!nb) {
				free(buf);
				buf = NULL;
			}
			buf = nb;
		}
	}
	fclose(f);
	if (buf)
		buf[len] = 0;
	return buf;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: model_doc docs/model.md.in > docs/model.md\n");
		return 2;
	}
	char *in = read_all(argv[1]);
	if (!in) {
		fprintf(stderr, "model_doc: cannot read %s\n", argv[1]);
		return 1;
	}
	char err[256];
	char *out = model_doc_render(in, err, sizeof err);
	free(in);
	if (!out) {
		fprintf(stderr, "model_doc: %s: %s\n", argv[1], err);
		return 1;
	}
	fputs(out, stdout);
	free(out);
	return ferror(stdout) ? 1 : 0;
}
