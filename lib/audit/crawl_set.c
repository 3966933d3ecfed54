/* crawl_set.c: a string set for the crawl's de-duplication (open addressing). */
/* SPDX-License-Identifier: MIT */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "audit/crawl_int.h"

static uint64_t
fnv1a(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return h;
}

void
strset_init(struct strset *s)
{
	memset(s, 0, sizeof(*s));
}

/* The slot holding str, or the empty slot where it belongs. */
static size_t
find_slot(char *const *slots, size_t cap, const char *str)
{
	size_t i = (size_t)fnv1a(str) & (cap - 1);

	while (slots[i] != NULL && strcmp(slots[i], str) != 0)
		i = (i + 1) & (cap - 1);
	return i;
}

/* Doubles the table; false on ENOMEM. */
static bool
rehash(struct strset *s)
{
	size_t cap = s->cap ? s->cap * 2 : 64;
	char **slots = calloc(cap, sizeof(*slots));

	if (slots == NULL)
		return false;
	for (size_t i = 0; i < s->cap; i++)
		if (s->slots[i] != NULL)
			slots[find_slot(slots, cap, s->slots[i])] = s->slots[i];
	free(s->slots);
	s->slots = slots;
	s->cap = cap;
	return true;
}

int
strset_add(struct strset *s, const char *str)
{
	size_t i;

	if ((s->n + 1) * 2 > s->cap && !rehash(s))
		return -1;
	i = find_slot(s->slots, s->cap, str);
	if (s->slots[i] != NULL)
		return 0;
	if ((s->slots[i] = strdup(str)) == NULL)
		return -1;
	s->n++;
	return 1;
}

bool
strset_has(const struct strset *s, const char *str)
{
	return s->cap > 0 && s->slots[find_slot(s->slots, s->cap, str)] != NULL;
}

void
strset_free(struct strset *s)
{
	for (size_t i = 0; i < s->cap; i++)
		free(s->slots[i]);
	free(s->slots);
	memset(s, 0, sizeof(*s));
}
