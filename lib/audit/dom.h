/* dom.h: helpers over gumbo's HTML5 tree — walking, text, names, selectors. */
/* SPDX-License-Identifier: MIT */
#ifndef SA_DOM_H
#define SA_DOM_H

#include <stdbool.h>
#include <stddef.h>
#include <gumbo.h>

/* Attribute value (as parsed, entity-decoded) or NULL when absent. */
const char *dom_attr(const GumboNode *n, const char *name);
bool dom_has_attr(const GumboNode *n, const char *name);
/* True for an element node with this tag. */
bool dom_is(const GumboNode *n, GumboTag tag);
/* Lower-case tag name (also for unknown tags), or "" for non-elements. */
const char *dom_tag_name(const GumboNode *n);

/*
 * Visits root and every element below it, in document order. fn returns
 * false to skip the children of the node it was given.
 */
typedef bool (*dom_visit_fn)(const GumboNode *n, void *arg);
void dom_walk(const GumboNode *root, dom_visit_fn fn, void *arg);

/* First element with tag in document order below root (root included). */
const GumboNode *dom_find(const GumboNode *root, GumboTag tag);
const GumboNode *dom_by_id(const GumboNode *root, const char *id);
const GumboNode *dom_root(const GumboOutput *doc);   /* <html> */
const GumboNode *dom_head(const GumboOutput *doc);
const GumboNode *dom_body(const GumboOutput *doc);

/* Text content with whitespace collapsed and trimmed; caller frees. */
char *dom_text(const GumboNode *n);
/*
 * Accessible name per the accname algorithm's common cases: aria-labelledby,
 * aria-label, alt (img / area / input[type=image]), label[for] and a wrapping
 * <label> for form controls, text content for buttons / links / headings,
 * value for input buttons, title last. Trimmed; "" when none; caller frees.
 */
char *dom_accessible_name(const GumboNode *root, const GumboNode *n);
/* True when n or an ancestor is hidden (hidden attr, aria-hidden="true",
 * inline display:none / visibility:hidden). */
bool dom_is_hidden(const GumboNode *n);
/* A CSS path that locates n, e.g. "main > form:nth-of-type(1) > input#q";
 * caller frees. */
char *dom_selector(const GumboNode *n);
/* The element's start tag as written (at most max bytes, cut on a UTF-8
 * boundary and ending in "…" when cut); caller frees. */
char *dom_snippet(const GumboNode *n, size_t max);

/*
 * Additions (dom.c).
 *
 * Selector format: one "tag", "tag:nth-of-type(k)" (only when a same-tag
 * sibling exists) or "tag#id" per level, joined by " > ". The path starts
 * below <body> (or <html> for head content) and stops early at the nearest
 * element whose id is a plain identifier unique in the document, so an
 * element with such an id is just "img#hero". dom_tag_name's pointer for
 * unknown tags lives in a per-thread ring and survives 7 further calls.
 */
/* True when attribute name is present and equals value, ignoring ASCII case
 * and surrounding white space. */
/* True when the whitespace-separated token list (a rel / class value)
 * holds tok, ASCII case-insensitively; false for a NULL list. */
bool dom_token_list_has(const char *list, const char *tok);
bool dom_attr_eq(const GumboNode *n, const char *name, const char *value);
/* Parent element, or NULL at <html> / for non-elements. */
const GumboNode *dom_parent(const GumboNode *n);
/* The document node n belongs to (n itself when it has no parent). */
const GumboNode *dom_doc(const GumboNode *n);
/* Number of elements below root whose id is exactly id. */
size_t dom_count_id(const GumboNode *root, const char *id);
/* True when the inline style="" declares prop: value (ASCII case-insensitive,
 * !important ignored). */
bool dom_style_has(const GumboNode *n, const char *prop, const char *value);
/* The lower-case input type ("text" when absent or unknown); NULL when n is
 * not an <input>. Static string. */
const char *dom_input_type(const GumboNode *n);
/* Focusable: links/areas with href, enabled form controls, iframe, summary,
 * media with controls, [tabindex], [contenteditable]. */
bool dom_is_focusable(const GumboNode *n);
/* Focusable and not removed from the tab order by a negative tabindex. */
bool dom_is_tabbable(const GumboNode *n);
/* Form controls that a <label> can name (input except hidden, select,
 * textarea, button, meter, output, progress). */
bool dom_is_labelable(const GumboNode *n);

#endif
