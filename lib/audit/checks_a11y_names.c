/* checks_a11y_names.c: alternate text and accessible-name checks. */
/* SPDX-License-Identifier: MIT */
#include <stdlib.h>
#include <string.h>
#include "audit/checks_a11y.h"
#include "audit/dom.h"

/* Counts a visible element and fails it when it has no accessible name
 * (role="none" / "presentation" pass when allowed). */
static void
need_name(struct a11y_scan *s, const GumboNode *n, bool presentation_ok,
    const char *note)
{
	if (dom_is_hidden(n))
		return;
	s->seen++;
	if (presentation_ok && a11y_presentational(n))
		return;
	if (!a11y_has_name(s, n))
		check_fail_node(s->r, n, note);
}

static void
image_alt_one(struct a11y_scan *s, const GumboNode *n)
{
	if (dom_is_hidden(n))
		return;
	s->seen++;
	if (dom_has_attr(n, "alt") || a11y_presentational(n))
		return;
	if (!a11y_has_name(s, n))
		check_fail_node(s->r, n, "no alt attribute");
}

/* <img>: an alt attribute ("" for decoration), a name, or role=none. */
void
a11y_image_alt(const struct page_ctx *p, struct check_result *r)
{
	a11y_each(p, r, GUMBO_TAG_IMG, image_alt_one, NULL);
}

static void
input_image_one(struct a11y_scan *s, const GumboNode *n)
{
	const char *t = dom_input_type(n);

	if (t != NULL && strcmp(t, "image") == 0)
		need_name(s, n, false, "image button without alt text");
}

/* <input type=image>: alt, aria-label, aria-labelledby or title. */
void
a11y_input_image_alt(const struct page_ctx *p, struct check_result *r)
{
	a11y_each(p, r, GUMBO_TAG_INPUT, input_image_one, NULL);
}

static void
area_one(struct a11y_scan *s, const GumboNode *n)
{
	if (dom_has_attr(n, "href"))
		need_name(s, n, false, "image-map area without alt text");
}

/* <area href>: alt, aria-label or aria-labelledby. */
void
a11y_area_alt(const struct page_ctx *p, struct check_result *r)
{
	a11y_each(p, r, GUMBO_TAG_AREA, area_one, NULL);
}

static void
object_one(struct a11y_scan *s, const GumboNode *n)
{
	char *text;

	if (dom_is_hidden(n))
		return;
	s->seen++;
	if (a11y_presentational(n) || a11y_has_name(s, n))
		return;
	text = dom_text(n);
	if (text != NULL && *text == '\0')
		check_fail_node(s->r, n, "no text alternative");
	free(text);
}

/* <object>: a name (aria-label, aria-labelledby, title) or fallback text. */
void
a11y_object_alt(const struct page_ctx *p, struct check_result *r)
{
	a11y_each(p, r, GUMBO_TAG_OBJECT, object_one, NULL);
}

static void
svg_one(struct a11y_scan *s, const GumboNode *n)
{
	if (dom_attr_eq(n, "role", "img") ||
	    dom_attr_eq(n, "role", "graphics-document") ||
	    dom_attr_eq(n, "role", "graphics-symbol"))
		need_name(s, n, false, "svg image without a name");
}

/* <svg role=img>: a <title> child, aria-label or aria-labelledby. */
void
a11y_svg_img_alt(const struct page_ctx *p, struct check_result *r)
{
	a11y_each(p, r, GUMBO_TAG_SVG, svg_one, NULL);
}

static void
label_one(struct a11y_scan *s, const GumboNode *n)
{
	const char *t = dom_input_type(n);

	if (t != NULL && (strcmp(t, "hidden") == 0 || strcmp(t, "image") == 0 ||
	    strcmp(t, "submit") == 0 || strcmp(t, "reset") == 0 ||
	    strcmp(t, "button") == 0))
		return;
	if (t != NULL || dom_is(n, GUMBO_TAG_TEXTAREA))
		need_name(s, n, true, "form field without a label");
}

/* <input> (text-like, checkbox, radio, file, …) and <textarea>: labelled
 * by <label>, aria-label(ledby), title or placeholder. */
void
a11y_label(const struct page_ctx *p, struct check_result *r)
{
	a11y_each(p, r, GUMBO_TAG_LAST, label_one, NULL);
}

static void
select_one(struct a11y_scan *s, const GumboNode *n)
{
	need_name(s, n, true, "select without a label");
}

/* <select>: a label, aria-label(ledby) or title. */
void
a11y_select_name(const struct page_ctx *p, struct check_result *r)
{
	a11y_each(p, r, GUMBO_TAG_SELECT, select_one, NULL);
}

static void
button_one(struct a11y_scan *s, const GumboNode *n)
{
	need_name(s, n, true, "button without text or aria-label");
}

/* <button>: text content, aria-label(ledby) or title. */
void
a11y_button_name(const struct page_ctx *p, struct check_result *r)
{
	a11y_each(p, r, GUMBO_TAG_BUTTON, button_one, NULL);
}

static void
link_one(struct a11y_scan *s, const GumboNode *n)
{
	if ((dom_is(n, GUMBO_TAG_A) && dom_has_attr(n, "href")) ||
	    dom_attr_eq(n, "role", "link"))
		need_name(s, n, false, "link without text");
}

/* a[href] and [role=link]: text, image alt, aria-label(ledby) or title. */
void
a11y_link_name(const struct page_ctx *p, struct check_result *r)
{
	a11y_each(p, r, GUMBO_TAG_LAST, link_one, NULL);
}

static void
frame_one(struct a11y_scan *s, const GumboNode *n)
{
	if (dom_is(n, GUMBO_TAG_IFRAME) || dom_is(n, GUMBO_TAG_FRAME))
		need_name(s, n, false, "frame without a title");
}

/* <iframe> / <frame>: title, aria-label or aria-labelledby. */
void
a11y_frame_title(const struct page_ctx *p, struct check_result *r)
{
	a11y_each(p, r, GUMBO_TAG_LAST, frame_one, NULL);
}
