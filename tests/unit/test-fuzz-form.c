/* SPDX-License-Identifier: MIT */
/* test-fuzz-form.c: replays the fuzz corpus under ASan + UBSan, so every
 * input a fuzzer once found interesting stays harmless. */
#include <dirent.h>
#include <stdint.h>
#include <stdlib.h>

#include "unit.h"

#include "../fuzz/fuzz-form.c"

#define CORPUS "tests/fuzz/form"

static int replayed;

static void replay_corpus(void)
{
	struct dirent *de;
	DIR *d = opendir(CORPUS);

	CHECK(d != NULL);
	if (d == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		char path[600], buf[65536];
		size_t n;
		FILE *f;

		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), CORPUS "/%s", de->d_name);
		f = fopen(path, "rb");
		CHECK(f != NULL);
		if (f == NULL)
			continue;
		n = fread(buf, 1, sizeof(buf), f);
		fclose(f);
		LLVMFuzzerTestOneInput((const uint8_t *)buf, n);
		replayed++;
	}
	closedir(d);
	CHECK(replayed >= 8);
}

int main(void)
{
	unit_name = "fuzz-form";
	RUN(replay_corpus);
	return unit_report();
}
