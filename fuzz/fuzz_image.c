/* fuzz_image.c: the image dimension sniffers the load model uses on fetched
 * images (PNG, GIF, JPEG, WebP: perf_image_size). The input is the body,
 * not NUL-terminated, exactly as the fetcher hands it over. */
/* SPDX-License-Identifier: MIT */
#include "audit/perf.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int w = -1, h = -1;

	if (perf_image_size((const char *)data, size, &w, &h))
		FUZZ_CHECK(w > 0 && h > 0);
	return 0;
}
