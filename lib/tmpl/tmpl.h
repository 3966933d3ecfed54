/* tmpl.h: the HTML template renderer over json-c values, escaping by default. */
/* SPDX-License-Identifier: MIT */
#ifndef SA_TMPL_H
#define SA_TMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <json-c/json.h>
#include "sa.h"
#include "util/buf.h"

/*
 * Template syntax (a Mustache subset, with no raw form):
 *
 *   {{name}}  {{a.b}}  {{.}}   the value, HTML-escaped (& < > " ')
 *   {{#name}} … {{/name}}      section: once per array element (the element
 *                              becomes the context), once with an object as
 *                              the context, once when otherwise truthy
 *   {{^name}} … {{/name}}      inverted: when missing, null, false, "", []
 *   {{>name}}                  partial: DIR/name.html with the same context
 *   {{! comment }}
 *
 * Missing keys render as nothing. Numbers render as numbers (0 is truthy).
 * A numeric segment indexes an array: {{#list.0}} … {{/list.0}} renders
 * once, with the first element as context, when the list is not empty.
 * The only values that go out unescaped are the ones the server built with
 * tmpl_markup(): JSON parsed from the database or a request can never be
 * markup, so data cannot reach the page raw.
 */

#define TMPL_MAX_DEPTH   32      /* nested sections + partials */
#define TMPL_MAX_BYTES   (1u << 20)

/*
 * A new string value that renders unescaped. Only for markup the server
 * generated itself from escaped pieces (the SVG chart, a rendered page
 * inside the layout). Caller owns the reference.
 */
json_object *tmpl_markup(const char *html, size_t len);
/* True when o was made by tmpl_markup(). */
bool tmpl_is_markup(json_object *o);

/* Appends s[0..n) to out with & < > " ' escaped. */
enum sa_err tmpl_escape(struct buf *out, const char *s, size_t n);

/*
 * Renders the template text src[0..len) with ctx into out. Partials are
 * read from dir (NULL: partials fail). SA_EINVAL on a syntax error (why in
 * err), SA_ENOTFOUND on a missing partial, SA_ETOOBIG when out overflows.
 */
enum sa_err tmpl_render_text(const char *dir, const char *src, size_t len,
    json_object *ctx, struct buf *out, char *err, size_t errlen);

/* Renders DIR/name.html (name: [a-z0-9_-]) with ctx into out. */
enum sa_err tmpl_render(const char *dir, const char *name, json_object *ctx,
    struct buf *out, char *err, size_t errlen);

/*
 * Renders DIR/page.html, adds the result to ctx as markup under "content",
 * then renders DIR/layout.html into out: the page inside the layout.
 */
enum sa_err tmpl_page(const char *dir, const char *page, json_object *ctx,
    struct buf *out, char *err, size_t errlen);

#endif
