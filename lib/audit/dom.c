/* dom.c: helpers over gumbo's HTML5 tree — walking, text, names, selectors. */
/* SPDX-License-Identifier: MIT */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "audit/dom.h"
#include "util/buf.h"

#define TEXT_CAP   (8u << 20)   /* dom_text / names never grow past this */
#define TAG_RING   8
#define TAG_MAX    64

/*==== Walking =============================================================*/

static bool
is_elem(const GumboNode *n)
{
	return n && (n->type == GUMBO_NODE_ELEMENT ||
	    n->type == GUMBO_NODE_TEMPLATE);
}

static const GumboVector *
kids(const GumboNode *n)
{
	switch (n->type) {
	case GUMBO_NODE_DOCUMENT:
		return &n->v.document.children;
	case GUMBO_NODE_ELEMENT:
	case GUMBO_NODE_TEMPLATE:
		return &n->v.element.children;
	default:
		return NULL;
	}
}

/* Index of n in its parent's children (trusting index_within_parent when
 * it agrees, searching otherwise). */
static size_t
index_in(const GumboVector *v, const GumboNode *n)
{
	size_t i = n->index_within_parent;

	if (i < v->length && v->data[i] == n)
		return i;
	for (i = 0; i < v->length; i++)
		if (v->data[i] == n)
			return i;
	return v->length;
}

/* Pre-order successor of n inside root; iterative so deep trees are safe. */
static const GumboNode *
next_node(const GumboNode *root, const GumboNode *n, bool descend)
{
	const GumboVector *v;
	size_t i;

	if (descend && (v = kids(n)) != NULL && v->length > 0)
		return v->data[0];
	while (n != root && n->parent != NULL) {
		v = kids(n->parent);
		i = index_in(v, n) + 1;
		if (i < v->length)
			return v->data[i];
		n = n->parent;
	}
	return NULL;
}

/* Visits every node (text included); fn returns false to skip children. */
static void
walk_all(const GumboNode *root, dom_visit_fn fn, void *arg)
{
	const GumboNode *n = root;

	while (n != NULL) {
		bool descend = fn(n, arg);
		n = next_node(root, n, descend);
	}
}

void
dom_walk(const GumboNode *root, dom_visit_fn fn, void *arg)
{
	const GumboNode *n = root;
	bool descend;

	while (n != NULL) {
		if (is_elem(n))
			descend = fn(n, arg);
		else
			descend = n->type == GUMBO_NODE_DOCUMENT;
		n = next_node(root, n, descend);
	}
}

/*==== Attributes and tags =================================================*/

const char *
dom_attr(const GumboNode *n, const char *name)
{
	const GumboAttribute *a;

	if (!is_elem(n))
		return NULL;
	a = gumbo_get_attribute(&n->v.element.attributes, name);
	return a ? a->value : NULL;
}

bool
dom_has_attr(const GumboNode *n, const char *name)
{
	return dom_attr(n, name) != NULL;
}

bool
dom_is(const GumboNode *n, GumboTag tag)
{
	return is_elem(n) && n->v.element.tag == tag;
}

/* Unknown tags are lower-cased into a small per-thread ring of buffers;
 * the pointer stays valid for the next TAG_RING - 1 calls. */
const char *
dom_tag_name(const GumboNode *n)
{
	static _Thread_local char ring[TAG_RING][TAG_MAX];
	static _Thread_local unsigned next;
	GumboStringPiece p;
	char *out;
	size_t i;

	if (!is_elem(n))
		return "";
	if (n->v.element.tag != GUMBO_TAG_UNKNOWN)
		return gumbo_normalized_tagname(n->v.element.tag);
	p = n->v.element.original_tag;
	if (p.data == NULL || p.length == 0)
		return "";
	gumbo_tag_from_original_text(&p);
	out = ring[next++ % TAG_RING];
	for (i = 0; i < p.length && i < TAG_MAX - 1; i++)
		out[i] = (char)tolower((unsigned char)p.data[i]);
	out[i] = '\0';
	return out;
}

bool
dom_attr_eq(const GumboNode *n, const char *name, const char *value)
{
	const char *v = dom_attr(n, name);
	size_t len;

	if (v == NULL)
		return false;
	while (isspace((unsigned char)*v))
		v++;
	len = strlen(v);
	while (len > 0 && isspace((unsigned char)v[len - 1]))
		len--;
	return len == strlen(value) && strncasecmp(v, value, len) == 0;
}

const GumboNode *
dom_parent(const GumboNode *n)
{
	if (n == NULL || !is_elem(n->parent))
		return NULL;
	return n->parent;
}

const GumboNode *
dom_doc(const GumboNode *n)
{
	while (n != NULL && n->parent != NULL)
		n = n->parent;
	return n;
}

/*==== Finding =============================================================*/

struct find {
	GumboTag tag;
	const char *id;
	const GumboNode *hit;
	size_t count;
};

static bool
find_tag_cb(const GumboNode *n, void *arg)
{
	struct find *f = arg;

	if (f->hit != NULL)
		return false;
	if (n->v.element.tag == f->tag)
		f->hit = n;
	return f->hit == NULL;
}

const GumboNode *
dom_find(const GumboNode *root, GumboTag tag)
{
	struct find f = { .tag = tag };

	if (root != NULL)
		dom_walk(root, find_tag_cb, &f);
	return f.hit;
}

static bool
find_id_cb(const GumboNode *n, void *arg)
{
	struct find *f = arg;
	const char *id = dom_attr(n, "id");

	if (id != NULL && strcmp(id, f->id) == 0) {
		if (f->hit == NULL)
			f->hit = n;
		f->count++;
	}
	return true;
}

const GumboNode *
dom_by_id(const GumboNode *root, const char *id)
{
	struct find f = { .id = id };

	if (root == NULL || id == NULL || *id == '\0')
		return NULL;
	dom_walk(root, find_id_cb, &f);
	return f.hit;
}

size_t
dom_count_id(const GumboNode *root, const char *id)
{
	struct find f = { .id = id };

	if (root == NULL || id == NULL || *id == '\0')
		return 0;
	dom_walk(root, find_id_cb, &f);
	return f.count;
}

const GumboNode *
dom_root(const GumboOutput *doc)
{
	return doc ? doc->root : NULL;
}

static const GumboNode *
root_child(const GumboOutput *doc, GumboTag tag)
{
	const GumboNode *r = dom_root(doc);
	unsigned i;

	if (!is_elem(r))
		return NULL;
	for (i = 0; i < r->v.element.children.length; i++) {
		const GumboNode *c = r->v.element.children.data[i];
		if (dom_is(c, tag))
			return c;
	}
	return NULL;
}

const GumboNode *
dom_head(const GumboOutput *doc)
{
	return root_child(doc, GUMBO_TAG_HEAD);
}

const GumboNode *
dom_body(const GumboOutput *doc)
{
	return root_child(doc, GUMBO_TAG_BODY);
}

/*==== Text ================================================================*/

struct text {
	struct buf b;
	const GumboNode *top;    /* the node whose content is gathered */
	bool name_mode;          /* accessible-name rules for descendants */
	bool oom;
};

static void
text_add(struct text *t, const char *s, size_t n)
{
	size_t room = TEXT_CAP - t->b.len;

	if (t->oom || room == 0)
		return;
	if (buf_add(&t->b, s, n < room ? n : room) != SA_OK)
		t->oom = true;
}

/* Collapses runs of ASCII white space to one space and trims; in place. */
static void
collapse(char *s)
{
	char *r, *w = s;
	bool space = false;

	for (r = s; *r; r++) {
		if (isspace((unsigned char)*r)) {
			space = w != s;
			continue;
		}
		if (space)
			*w++ = ' ';
		*w++ = *r;
		space = false;
	}
	*w = '\0';
}

static char *
text_take(struct text *t)
{
	char *s;

	if (t->oom) {
		buf_free(&t->b);
		return NULL;
	}
	s = buf_take(&t->b, NULL);
	if (s != NULL)
		collapse(s);
	return s;
}

static bool
skip_content(const GumboNode *n)
{
	return dom_is(n, GUMBO_TAG_SCRIPT) || dom_is(n, GUMBO_TAG_STYLE) ||
	    dom_is(n, GUMBO_TAG_TEMPLATE) || n->type == GUMBO_NODE_TEMPLATE;
}

static bool name_child(struct text *t, const GumboNode *n);

static bool
text_cb(const GumboNode *n, void *arg)
{
	struct text *t = arg;

	switch (n->type) {
	case GUMBO_NODE_TEXT:
	case GUMBO_NODE_CDATA:
	case GUMBO_NODE_WHITESPACE:
		text_add(t, n->v.text.text, strlen(n->v.text.text));
		return false;
	case GUMBO_NODE_ELEMENT:
	case GUMBO_NODE_TEMPLATE:
		if (n != t->top && skip_content(n))
			return false;
		if (dom_is(n, GUMBO_TAG_BR))
			text_add(t, " ", 1);
		return n == t->top || !t->name_mode || name_child(t, n);
	default:
		return false;
	}
}

char *
dom_text(const GumboNode *n)
{
	struct text t = { .top = n };

	buf_init(&t.b, TEXT_CAP);
	if (n != NULL)
		walk_all(n, text_cb, &t);
	return text_take(&t);
}

/*==== Inline style and hiding =============================================*/

/* Trims ASCII white space from both ends of [*a, *b). */
static void
trim_span(const char **a, const char **b)
{
	while (*a < *b && isspace((unsigned char)**a))
		(*a)++;
	while (*b > *a && isspace((unsigned char)(*b)[-1]))
		(*b)--;
}

static bool
span_is(const char *a, const char *b, const char *word)
{
	size_t len;

	trim_span(&a, &b);
	len = (size_t)(b - a);
	return len == strlen(word) && strncasecmp(a, word, len) == 0;
}

bool
dom_style_has(const GumboNode *n, const char *prop, const char *value)
{
	const char *p = dom_attr(n, "style"), *end, *colon, *bang;

	while (p != NULL && *p != '\0') {
		end = strchr(p, ';');
		if (end == NULL)
			end = p + strlen(p);
		colon = memchr(p, ':', (size_t)(end - p));
		if (colon != NULL && span_is(p, colon, prop)) {
			bang = memchr(colon, '!', (size_t)(end - colon));
			if (span_is(colon + 1, bang ? bang : end, value))
				return true;
		}
		p = *end ? end + 1 : NULL;
	}
	return false;
}

/* Hidden by its own attributes (ancestors not considered). */
static bool
self_hidden(const GumboNode *n)
{
	return dom_has_attr(n, "hidden") || dom_attr_eq(n, "aria-hidden", "true") ||
	    dom_style_has(n, "display", "none") ||
	    dom_style_has(n, "visibility", "hidden");
}

bool
dom_is_hidden(const GumboNode *n)
{
	for (; n != NULL; n = n->parent)
		if (is_elem(n) && self_hidden(n))
			return true;
	return false;
}

static const char *const input_types[] = {
	"text", "hidden", "search", "tel", "url", "email", "password", "date",
	"month", "week", "time", "datetime-local", "number", "range", "color",
	"checkbox", "radio", "file", "submit", "image", "reset", "button",
};

const char *
dom_input_type(const GumboNode *n)
{
	size_t i;

	if (!dom_is(n, GUMBO_TAG_INPUT))
		return NULL;
	for (i = 0; i < SA_NITEMS(input_types); i++)
		if (dom_attr_eq(n, "type", input_types[i]))
			return input_types[i];
	return "text";
}

static bool
input_is(const GumboNode *n, const char *type)
{
	const char *t = dom_input_type(n);

	return t != NULL && strcmp(t, type) == 0;
}

bool
dom_is_focusable(const GumboNode *n)
{
	if (!is_elem(n))
		return false;
	if (dom_has_attr(n, "disabled") && (dom_is(n, GUMBO_TAG_BUTTON) ||
	    dom_is(n, GUMBO_TAG_INPUT) || dom_is(n, GUMBO_TAG_SELECT) ||
	    dom_is(n, GUMBO_TAG_TEXTAREA)))
		return false;
	if (dom_has_attr(n, "tabindex") || dom_has_attr(n, "contenteditable"))
		return true;
	switch (n->v.element.tag) {
	case GUMBO_TAG_A:
	case GUMBO_TAG_AREA:
		return dom_has_attr(n, "href");
	case GUMBO_TAG_INPUT:
		return !input_is(n, "hidden");
	case GUMBO_TAG_BUTTON: case GUMBO_TAG_SELECT: case GUMBO_TAG_TEXTAREA:
	case GUMBO_TAG_IFRAME: case GUMBO_TAG_SUMMARY:
		return true;
	case GUMBO_TAG_AUDIO:
	case GUMBO_TAG_VIDEO:
		return dom_has_attr(n, "controls");
	default:
		return false;
	}
}

bool
dom_is_tabbable(const GumboNode *n)
{
	const char *ti = dom_attr(n, "tabindex");

	if (!dom_is_focusable(n))
		return false;
	while (ti != NULL && isspace((unsigned char)*ti))
		ti++;
	return ti == NULL || *ti != '-';
}

/*==== Accessible name =====================================================*/

static bool
blank(const char *s)
{
	for (; s && *s; s++)
		if (!isspace((unsigned char)*s))
			return false;
	return true;
}

static void
add_spaced(struct text *t, const char *s)
{
	text_add(t, " ", 1);
	text_add(t, s, strlen(s));
	text_add(t, " ", 1);
}

/* A descendant's contribution to a name from content; false = skip kids. */
static bool
name_child(struct text *t, const GumboNode *n)
{
	const char *s;

	if (self_hidden(n) || dom_is(n, GUMBO_TAG_SELECT) ||
	    dom_is(n, GUMBO_TAG_TEXTAREA))
		return false;
	if ((s = dom_attr(n, "aria-label")) != NULL && !blank(s)) {
		add_spaced(t, s);
		return false;
	}
	if (dom_is(n, GUMBO_TAG_IMG) || dom_is(n, GUMBO_TAG_AREA) ||
	    input_is(n, "image")) {
		if ((s = dom_attr(n, "alt")) != NULL)
			add_spaced(t, s);
		return false;
	}
	return true;
}

/* True when the buffer holds a non-blank name; otherwise empties it. */
static bool
got(struct text *t)
{
	if (!t->oom && !blank(buf_str(&t->b)))
		return true;
	buf_reset(&t->b);
	return false;
}

static void
name_content(struct text *t, const GumboNode *n)
{
	const GumboNode *top = t->top;

	t->top = n;
	walk_all(n, text_cb, t);
	t->top = top;
	text_add(t, " ", 1);
}

static bool
name_attr(struct text *t, const GumboNode *n, const char *attr)
{
	const char *s = dom_attr(n, attr);

	if (s != NULL)
		text_add(t, s, strlen(s));
	return got(t);
}

static void
labelledby_one(struct text *t, const GumboNode *root, const char *id,
    size_t len)
{
	char tmp[256];
	const GumboNode *ref;
	const char *s;

	if (len == 0 || len >= sizeof(tmp))
		return;
	memcpy(tmp, id, len);
	tmp[len] = '\0';
	if ((ref = dom_by_id(root, tmp)) == NULL)
		return;
	if ((s = dom_attr(ref, "aria-label")) != NULL && !blank(s))
		add_spaced(t, s);
	else
		name_content(t, ref);
}

static bool
name_labelledby(struct text *t, const GumboNode *root, const GumboNode *n)
{
	const char *s = dom_attr(n, "aria-labelledby"), *e;

	while (s != NULL && *s != '\0') {
		while (isspace((unsigned char)*s))
			s++;
		for (e = s; *e && !isspace((unsigned char)*e); e++)
			;
		labelledby_one(t, root, s, (size_t)(e - s));
		s = e;
	}
	return got(t);
}

struct labels {
	struct text *t;
	const char *id;
};

static bool
label_for_cb(const GumboNode *n, void *arg)
{
	struct labels *l = arg;
	const char *f;

	if (dom_is(n, GUMBO_TAG_LABEL) && (f = dom_attr(n, "for")) != NULL &&
	    strcmp(f, l->id) == 0)
		name_content(l->t, n);
	return true;
}

bool
dom_is_labelable(const GumboNode *n)
{
	if (dom_is(n, GUMBO_TAG_INPUT))
		return !input_is(n, "hidden");
	return dom_is(n, GUMBO_TAG_SELECT) || dom_is(n, GUMBO_TAG_TEXTAREA) ||
	    dom_is(n, GUMBO_TAG_BUTTON) || dom_is(n, GUMBO_TAG_METER) ||
	    dom_is(n, GUMBO_TAG_OUTPUT) || dom_is(n, GUMBO_TAG_PROGRESS);
}

static bool
name_labels(struct text *t, const GumboNode *root, const GumboNode *n)
{
	struct labels l = { .t = t, .id = dom_attr(n, "id") };
	const GumboNode *p;

	if (l.id != NULL && *l.id != '\0') {
		dom_walk(root, label_for_cb, &l);
		if (got(t))
			return true;
	}
	for (p = dom_parent(n); p != NULL; p = dom_parent(p))
		if (dom_is(p, GUMBO_TAG_LABEL)) {
			name_content(t, p);
			break;
		}
	return got(t);
}

/* Text of the first child element with tag (svg title, legend, caption). */
static bool
name_child_tag(struct text *t, const GumboNode *n, GumboTag tag)
{
	const GumboVector *v = &n->v.element.children;
	unsigned i;

	for (i = 0; i < v->length; i++)
		if (dom_is(v->data[i], tag)) {
			name_content(t, v->data[i]);
			break;
		}
	return got(t);
}

static const char *const content_roles[] = {
	"button", "link", "heading", "tab", "menuitem", "menuitemcheckbox",
	"menuitemradio", "option", "treeitem", "cell", "gridcell",
	"columnheader", "rowheader", "checkbox", "radio", "switch", "tooltip",
};

static bool
name_from_content(const GumboNode *n)
{
	size_t i;

	for (i = 0; i < SA_NITEMS(content_roles); i++)
		if (dom_attr_eq(n, "role", content_roles[i]))
			return true;
	switch (n->v.element.tag) {
	case GUMBO_TAG_A: case GUMBO_TAG_BUTTON: case GUMBO_TAG_H1:
	case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4:
	case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_SUMMARY:
	case GUMBO_TAG_OPTION: case GUMBO_TAG_TD: case GUMBO_TAG_TH:
	case GUMBO_TAG_CAPTION: case GUMBO_TAG_LEGEND: case GUMBO_TAG_LABEL:
	case GUMBO_TAG_DT: case GUMBO_TAG_DD: case GUMBO_TAG_LI:
		return true;
	default:
		return false;
	}
}

static bool
name_input_button(struct text *t, const GumboNode *n)
{
	if (name_attr(t, n, "value"))
		return true;
	if (input_is(n, "submit"))
		text_add(t, "Submit", 6);
	else if (input_is(n, "reset"))
		text_add(t, "Reset", 5);
	return got(t);
}

/* The host language's own naming: alt, labels, value, caption, content. */
static bool
name_native(struct text *t, const GumboNode *root, const GumboNode *n)
{
	if (dom_is(n, GUMBO_TAG_IMG) || dom_is(n, GUMBO_TAG_AREA) ||
	    input_is(n, "image"))
		return name_attr(t, n, "alt");
	if (input_is(n, "submit") || input_is(n, "reset") ||
	    input_is(n, "button"))
		return name_labels(t, root, n) || name_input_button(t, n);
	if (dom_is_labelable(n) && name_labels(t, root, n))
		return true;
	if (dom_is(n, GUMBO_TAG_SVG))
		return name_child_tag(t, n, GUMBO_TAG_TITLE);
	if (dom_is(n, GUMBO_TAG_FIELDSET))
		return name_child_tag(t, n, GUMBO_TAG_LEGEND);
	if (dom_is(n, GUMBO_TAG_TABLE))
		return name_child_tag(t, n, GUMBO_TAG_CAPTION);
	if (dom_is(n, GUMBO_TAG_FIGURE))
		return name_child_tag(t, n, GUMBO_TAG_FIGCAPTION);
	if (name_from_content(n))
		name_content(t, n);
	return got(t);
}

char *
dom_accessible_name(const GumboNode *root, const GumboNode *n)
{
	struct text t = { .top = n, .name_mode = true };

	buf_init(&t.b, TEXT_CAP);
	if (root == NULL)
		root = dom_doc(n);
	if (is_elem(n) && !name_labelledby(&t, root, n) &&
	    !name_attr(&t, n, "aria-label") && !name_native(&t, root, n) &&
	    !name_attr(&t, n, "title"))
		name_attr(&t, n, "placeholder");
	return text_take(&t);
}

bool
dom_token_list_has(const char *list, const char *tok)
{
	size_t tl = strlen(tok);

	while (list && *list) {
		size_t n;

		list += strspn(list, " \t\r\n\f");
		n = strcspn(list, " \t\r\n\f");
		if (n == tl && strncasecmp(list, tok, n) == 0)
			return true;
		list += n;
	}
	return false;
}
