/* dom_select.c: CSS-path selectors and start-tag snippets for elements. */
/* SPDX-License-Identifier: MIT */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "audit/dom.h"
#include "util/buf.h"

static bool
is_elem(const GumboNode *n)
{
	return n && (n->type == GUMBO_NODE_ELEMENT ||
	    n->type == GUMBO_NODE_TEMPLATE);
}

/*==== Selectors and snippets ==============================================*/

#define SEL_DEPTH 48

static bool
same_tag(const GumboNode *a, const GumboNode *b)
{
	GumboStringPiece pa, pb;

	if (a->v.element.tag != b->v.element.tag)
		return false;
	if (a->v.element.tag != GUMBO_TAG_UNKNOWN)
		return true;
	pa = a->v.element.original_tag;
	pb = b->v.element.original_tag;
	gumbo_tag_from_original_text(&pa);
	gumbo_tag_from_original_text(&pb);
	return pa.length == pb.length &&
	    (pa.length == 0 || strncasecmp(pa.data, pb.data, pa.length) == 0);
}

/* 1-based position among same-tag siblings; 0 when it is the only one. */
static size_t
nth_of_type(const GumboNode *n)
{
	const GumboVector *v;
	size_t i, pos = 0, count = 0;

	if (!is_elem(n->parent))
		return 0;
	v = &n->parent->v.element.children;
	for (i = 0; i < v->length; i++) {
		const GumboNode *c = v->data[i];
		if (!is_elem(c) || !same_tag(c, n))
			continue;
		count++;
		if (c == n)
			pos = count;
	}
	return count > 1 ? pos : 0;
}

/* An id usable as "#id" without escaping and unique in the document. */
static bool
id_anchor(const GumboNode *n)
{
	const char *id = dom_attr(n, "id"), *p;

	if (id == NULL || !(isalpha((unsigned char)*id) || *id == '_'))
		return false;
	for (p = id; *p; p++)
		if (!isalnum((unsigned char)*p) && *p != '-' && *p != '_')
			return false;
	return p - id <= 128 && dom_count_id(dom_doc(n), id) == 1;
}

static void
sel_part(struct buf *b, const GumboNode *n, bool anchor)
{
	size_t k;

	buf_adds(b, dom_tag_name(n));
	if (anchor)
		buf_printf(b, "#%s", dom_attr(n, "id"));
	else if ((k = nth_of_type(n)) > 0)
		buf_printf(b, ":nth-of-type(%zu)", k);
}

char *
dom_selector(const GumboNode *n)
{
	const GumboNode *path[SEL_DEPTH];
	size_t depth = 0, i;
	bool anchor = false;
	struct buf b;

	if (!is_elem(n))
		return strdup("");
	while (depth < SEL_DEPTH) {
		path[depth++] = n;
		if ((anchor = id_anchor(n)) || dom_is(n, GUMBO_TAG_BODY) ||
		    dom_is(n, GUMBO_TAG_HTML))
			break;
		n = n->parent;
		if (!is_elem(n) || dom_is(n, GUMBO_TAG_BODY) ||
		    dom_is(n, GUMBO_TAG_HTML))
			break;
	}
	buf_init(&b, 16384);
	for (i = depth; i-- > 0;) {
		sel_part(&b, path[i], anchor && i == depth - 1);
		if (i > 0)
			buf_adds(&b, " > ");
	}
	return buf_take(&b, NULL);
}

char *
dom_snippet(const GumboNode *n, size_t max)
{
	GumboStringPiece p;
	struct buf b;
	size_t keep;
	char *s;

	buf_init(&b, (size_t)1 << 30);
	if (is_elem(n)) {
		p = n->v.element.original_tag;
		if (p.data != NULL && p.length > 0)
			buf_add(&b, p.data, p.length);
		else
			buf_printf(&b, "<%s>", dom_tag_name(n));
	}
	if ((s = buf_take(&b, &keep)) == NULL || keep <= max)
		return s;
	keep = max >= 3 ? max - 3 : max;
	while (keep > 0 && ((unsigned char)s[keep] & 0xC0) == 0x80)
		keep--;
	if (max >= 3)
		memcpy(s + keep, "\xe2\x80\xa6", 3);   /* "…" */
	s[keep + (max >= 3 ? 3 : 0)] = '\0';
	return s;
}
