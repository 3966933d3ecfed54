/* modifications.h: a page audit's concrete suggested edits, built by rules. */
/* SPDX-License-Identifier: MIT */
#ifndef SA_MODIFICATIONS_H
#define SA_MODIFICATIONS_H

#include <stddef.h>
#include <json-c/json.h>
#include "audit/audit.h"

/*
 * Builds {"summary": "…", "modifications": [ {type, target, currentValue,
 * proposedValue, reason, source: "rules"}, … ]} for the page at url from its HTML and the
 * engine's report of it (rep may be NULL: then no failing-check edits).
 * Covers the title, meta description (drafted from the page's own text),
 * headings, every image without alt text, vague link texts, JSON-LD
 * (Organization / Article / FAQPage / Product as the page suggests),
 * canonical and robots, and each failing engine check. currentValue is
 * null when the element is missing. Caller json_object_put()s; NULL on
 * allocation failure.
 */
json_object *mods_build(const char *url, const char *html, size_t len,
    const struct audit_report *rep);

#endif
