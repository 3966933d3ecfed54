/* resources_int.h: internal — shared by resources.c and resources_find.c. */
/* SPDX-License-Identifier: MIT */
#ifndef SA_RESOURCES_INT_H
#define SA_RESOURCES_INT_H

#include "audit/resources.h"

/*
 * Appends url (taken: freed on every path but success, when the set owns
 * it) as a resource of type t. NULL when skipped (duplicate, set full,
 * unparsable host); *rc is SA_ENOMEM only on allocation failure.
 */
struct page_resource *res_add(struct res_set *s, char *url,
    enum resource_type t, const GumboNode *node, enum sa_err *rc);

#endif
