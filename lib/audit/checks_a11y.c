/* checks_a11y.c: the accessibility check table and shared helpers. */
/* SPDX-License-Identifier: MIT */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "audit/checks_a11y.h"
#include "audit/dom.h"

/*
 * Weights are Lighthouse's (core/config/default-config.js, accessibility
 * category): axe impact critical 10, serious 7, moderate 3, minor 1, with
 * best-practice minor rules at 0 and Lighthouse's "informational" ones at 1.
 * area-alt is not a Lighthouse audit: 10, from the same table (critical,
 * wcag2a). Severity is axe-core's impact.
 */
#define A(id, w, sev, title, desc, fn) \
	{ id, DIM_ACCESSIBILITY, w, sev, title, desc, fn }

const struct check_def audit_checks_a11y[] = {
A("image-alt", 10, SEV_CRITICAL, "Image elements have `[alt]` attributes",
  "Informative images need short, descriptive alternate text; decorative "
  "ones an empty alt attribute.", a11y_image_alt),
A("input-image-alt", 10, SEV_CRITICAL,
  "`<input type=\"image\">` elements have `[alt]` text",
  "An image used as a button needs alternate text that says what it does.",
  a11y_input_image_alt),
A("area-alt", 10, SEV_CRITICAL, "`<area>` elements have alternate text",
  "Each clickable region of an image map needs alternate text.",
  a11y_area_alt),
A("object-alt", 7, SEV_SERIOUS, "`<object>` elements have alternate text",
  "Screen readers can't read embedded objects; give them a text "
  "alternative.", a11y_object_alt),
A("svg-img-alt", 1, SEV_SERIOUS,
  "SVG elements with an `img` role have an accessible text alternative",
  "An SVG exposed as an image needs a <title>, aria-label or "
  "aria-labelledby.", a11y_svg_img_alt),
A("label", 10, SEV_CRITICAL, "Form elements have associated labels",
  "Labels make form controls announced properly by assistive "
  "technologies.", a11y_label),
A("select-name", 10, SEV_CRITICAL,
  "Select elements have associated label elements.",
  "Without a label a select is announced only as \"combo box\".",
  a11y_select_name),
A("button-name", 10, SEV_CRITICAL, "Buttons have an accessible name",
  "A button without an accessible name is announced as \"button\", which "
  "tells the user nothing.", a11y_button_name),
A("link-name", 7, SEV_SERIOUS, "Links have a discernible name",
  "Link text (and alternate text for images used as links) that is "
  "discernible, unique and focusable helps every user.", a11y_link_name),
A("frame-title", 7, SEV_SERIOUS,
  "`<frame>` or `<iframe>` elements have a title",
  "Screen reader users rely on frame titles to describe their contents.",
  a11y_frame_title),
A("html-has-lang", 7, SEV_SERIOUS, "`<html>` element has a `[lang]` "
  "attribute", "Without a lang attribute screen readers read the page in "
  "the user's default language.", a11y_html_has_lang),
A("html-lang-valid", 7, SEV_SERIOUS, "`<html>` element has a valid value "
  "for its `[lang]` attribute", "The lang attribute must be a valid BCP 47 "
  "language tag so text is pronounced correctly.", a11y_html_lang_valid),
A("valid-lang", 7, SEV_SERIOUS, "`[lang]` attributes have a valid value",
  "Language changes inside the page need valid BCP 47 tags.",
  a11y_valid_lang),
A("document-title", 7, SEV_SERIOUS, "Document has a `<title>` element",
  "The title gives screen reader users an overview of the page.",
  a11y_document_title),
A("duplicate-id-aria", 10, SEV_CRITICAL, "ARIA IDs are unique",
  "An id referenced by ARIA or a label must be unique, or assistive "
  "technologies pick the wrong element.", a11y_duplicate_id_aria),
A("heading-order", 3, SEV_MODERATE, "Heading elements appear in a "
  "sequentially-descending order", "Headings that skip levels break the "
  "page's outline for people who navigate by heading.",
  a11y_heading_order),
A("empty-heading", 0, SEV_MINOR, "All heading elements contain content.",
  "A heading without text announces nothing.", a11y_empty_heading),
A("list", 7, SEV_SERIOUS, "Lists contain only `<li>` elements and script "
  "supporting elements (`<script>` and `<template>`).", "Screen readers "
  "announce lists by their items; other children break that.", a11y_list),
A("listitem", 7, SEV_SERIOUS, "List items (`<li>`) are contained within "
  "`<ul>`, `<ol>` or `<menu>` parent elements", "A list item outside a list "
  "is not announced as part of one.", a11y_listitem),
A("definition-list", 7, SEV_SERIOUS, "`<dl>`'s contain only "
  "properly-ordered `<dt>` and `<dd>` groups, `<script>`, `<template>` or "
  "`<div>` elements.", "Malformed definition lists are announced wrongly.",
  a11y_definition_list),
A("dlitem", 7, SEV_SERIOUS, "Definition list items are wrapped in `<dl>` "
  "elements", "<dt> and <dd> need a <dl> parent to be announced as a "
  "definition list.", a11y_dlitem),
A("meta-viewport", 10, SEV_CRITICAL, "`[user-scalable=\"no\"]` is not used "
  "in the `<meta name=\"viewport\">` element and the `[maximum-scale]` "
  "attribute is not less than 5.", "Disabling zoom hurts people with low "
  "vision who magnify the page (axe fails maximum-scale below 2).",
  a11y_meta_viewport),
A("meta-refresh", 10, SEV_CRITICAL, "The document does not use `<meta "
  "http-equiv=\"refresh\">`", "A timed refresh moves the page away from "
  "users before they finish reading.", a11y_meta_refresh),
A("tabindex", 7, SEV_SERIOUS, "No element has a `[tabindex]` value "
  "greater than 0", "A positive tabindex changes the tab order away from "
  "the reading order.", a11y_tabindex),
A("bypass", 7, SEV_SERIOUS, "The page contains a heading, skip link, or "
  "landmark region", "A way to skip repeated content lets keyboard users "
  "reach the main content quickly.", a11y_bypass),
A("aria-valid-attr", 10, SEV_CRITICAL, "`[aria-*]` attributes are valid "
  "and not misspelled", "Misspelled or invented ARIA attributes are "
  "ignored.", a11y_aria_valid_attr),
A("aria-valid-attr-value", 10, SEV_CRITICAL, "`[aria-*]` attributes have "
  "valid values", "ARIA attributes with invalid values are ignored or "
  "misread.", a11y_aria_valid_attr_value),
A("aria-allowed-role", 0, SEV_MINOR, "Uses ARIA roles only on compatible "
  "elements", "Some roles conflict with the element's own semantics.",
  a11y_aria_allowed_role),
A("aria-roles", 10, SEV_CRITICAL, "`[role]` values are valid",
  "An unknown or abstract role makes the element meaningless to "
  "assistive technologies.", a11y_aria_roles),
A("aria-required-attr", 10, SEV_CRITICAL, "`[role]`s have all required "
  "`[aria-*]` attributes", "Some roles need state attributes (e.g. "
  "checkbox needs aria-checked).", a11y_aria_required_attr),
A("aria-hidden-body", 10, SEV_CRITICAL, "`[aria-hidden=\"true\"]` is not "
  "present on the document `<body>`", "aria-hidden on <body> hides the "
  "whole page from assistive technologies.", a11y_aria_hidden_body),
A("aria-hidden-focus", 7, SEV_SERIOUS, "`[aria-hidden=\"true\"]` elements "
  "do not contain focusable descendents", "Focusable content inside "
  "aria-hidden is reachable but silent.", a11y_aria_hidden_focus),
A("td-headers-attr", 7, SEV_SERIOUS, "Cells in a `<table>` element that "
  "use the `[headers]` attribute refer to table cells within the same "
  "table.", "headers must point at cells of the same table.",
  a11y_td_headers_attr),
A("th-has-data-cells", 7, SEV_SERIOUS, "`<th>` elements and elements with "
  "`[role=\"columnheader\"/\"rowheader\"]` have data cells they describe.",
  "A header with no data cells confuses table navigation.",
  a11y_th_has_data_cells),
A("color-contrast", 7, SEV_SERIOUS, "Background and foreground colors have "
  "a sufficient contrast ratio", "Low-contrast text is hard or impossible "
  "for many users to read (WCAG AA: 4.5:1, 3:1 for large text).",
  a11y_color_contrast),
/* axe-core 4.14.1 rules (checks_a11y_aria2.c, _names2.c, _misc2.c). */
A("aria-required-children", 10, SEV_CRITICAL, "Elements with an ARIA "
  "`[role]` that require children to contain a specific `[role]` have all "
  "required children.", "Some parent roles must own specific child roles "
  "(list → listitem, tablist → tab).", a11y_aria_required_children),
A("aria-required-parent", 10, SEV_CRITICAL, "`[role]`s are contained by "
  "their required parent element", "Some child roles only work inside "
  "specific parents (listitem in list, tab in tablist).",
  a11y_aria_required_parent),
A("aria-allowed-attr", 10, SEV_CRITICAL, "`[aria-*]` attributes match their "
  "roles", "An aria-* attribute the element's role does not support is "
  "ignored or misread.", a11y_aria_allowed_attr),
A("aria-prohibited-attr", 7, SEV_SERIOUS, "Elements use only permitted ARIA "
  "attributes", "aria-label / aria-labelledby are prohibited on roles that "
  "cannot be named (generic, paragraph, …).", a11y_aria_prohibited_attr),
A("aria-conditional-attr", 7, SEV_SERIOUS, "ARIA attributes are used as "
  "specified for the element's role", "aria-checked must match a native "
  "checkbox; tree attributes belong on treegrid rows only.",
  a11y_aria_conditional_attr),
A("aria-command-name", 7, SEV_SERIOUS, "`button`, `link`, and `menuitem` "
  "elements have accessible names", "A command without a name is "
  "announced only by its role.", a11y_aria_command_name),
A("aria-dialog-name", 7, SEV_SERIOUS, "Elements with `role=\"dialog\"` or "
  "`role=\"alertdialog\"` have accessible names.", "A named dialog tells "
  "screen reader users what it is for.", a11y_aria_dialog_name),
A("aria-input-field-name", 7, SEV_SERIOUS, "ARIA input fields have "
  "accessible names", "An input field without a name is announced as a "
  "generic field.", a11y_aria_input_field_name),
A("aria-toggle-field-name", 7, SEV_SERIOUS, "ARIA toggle fields have "
  "accessible names", "A toggle without a name is announced as a generic "
  "control.", a11y_aria_toggle_field_name),
A("aria-tooltip-name", 7, SEV_SERIOUS, "ARIA `tooltip` elements have "
  "accessible names", "A tooltip without a name says nothing.",
  a11y_aria_tooltip_name),
A("aria-treeitem-name", 7, SEV_SERIOUS, "ARIA `treeitem` elements have "
  "accessible names", "Tree items need names to be told apart.",
  a11y_aria_treeitem_name),
A("aria-text", 7, SEV_SERIOUS, "Elements with the `role=text` attribute do "
  "not have focusable descendents.", "role=text flattens its content, so "
  "focusable children inside it lose their semantics.", a11y_aria_text),
A("input-button-name", 10, SEV_CRITICAL, "Input buttons have discernible "
  "text.", "An input button without a value or label is announced only as "
  "\"button\".", a11y_input_button_name),
A("table-duplicate-name", 0, SEV_MINOR, "Tables have different content in "
  "the summary attribute and `<caption>`.", "A summary that repeats the "
  "caption is read twice.", a11y_table_duplicate_name),
A("autocomplete-valid", 1, SEV_SERIOUS, "`[autocomplete]` attributes are "
  "used correctly", "Valid autofill tokens let browsers and assistive "
  "technologies fill forms for the user.", a11y_autocomplete_valid),
A("presentation-role-conflict", 1, SEV_MINOR, "Elements with "
  "`role=\"none\"` or `role=\"presentation\"` have no focus or global ARIA",
  "Focus or global ARIA cancels the presentational role.",
  a11y_presentation_role_conflict),
};

const size_t audit_checks_a11y_count = SA_NITEMS(audit_checks_a11y);
_Static_assert(SA_NITEMS(audit_checks_a11y) == 51, "51 a11y checks");

/*==== Shared helpers ======================================================*/

static bool
each_cb(const GumboNode *n, void *arg)
{
	struct a11y_scan *s = arg;

	if (n->type == GUMBO_NODE_TEMPLATE || dom_is(n, GUMBO_TAG_TEMPLATE))
		return false;          /* inert content */
	if (s->tag == GUMBO_TAG_LAST || n->v.element.tag == s->tag)
		s->fn(s, n);
	return true;
}

void
a11y_each(const struct page_ctx *p, struct check_result *r, GumboTag tag,
    a11y_fn fn, void *arg)
{
	struct a11y_scan s = { .p = p, .r = r, .tag = tag, .fn = fn,
	    .arg = arg };

	s.root = dom_root(p->gumbo);
	if (s.root == NULL)
		return;
	dom_walk(s.root, each_cb, &s);
	if (s.seen > 0)
		check_pass(r);
}

bool
a11y_has_name(const struct a11y_scan *s, const GumboNode *n)
{
	char *name = dom_accessible_name(s->root, n);
	bool ok = name != NULL && *name != '\0';

	free(name);
	return ok;
}

bool
a11y_presentational(const GumboNode *n)
{
	return dom_attr_eq(n, "role", "none") ||
	    dom_attr_eq(n, "role", "presentation");
}

bool
a11y_role(const GumboNode *n, char *out, size_t outlen)
{
	const char *r = dom_attr(n, "role");
	size_t i = 0;

	if (r == NULL || outlen == 0)
		return false;
	while (isspace((unsigned char)*r))
		r++;
	while (r[i] && !isspace((unsigned char)r[i]) && i + 1 < outlen) {
		out[i] = (char)tolower((unsigned char)r[i]);
		i++;
	}
	out[i] = '\0';
	return i > 0;
}

static const char *const roles[] = {
	"alert", "alertdialog", "application", "article", "banner",
	"blockquote", "button", "caption", "cell", "checkbox", "code",
	"columnheader", "combobox", "complementary", "contentinfo",
	"definition", "deletion", "dialog", "directory", "document",
	"emphasis", "feed", "figure", "form", "generic", "grid", "gridcell",
	"group", "heading", "img", "insertion", "link", "list", "listbox",
	"listitem", "log", "main", "marquee", "math", "menu", "menubar",
	"menuitem", "menuitemcheckbox", "menuitemradio", "meter",
	"navigation", "none", "note", "option", "paragraph", "presentation",
	"progressbar", "radio", "radiogroup", "region", "row", "rowgroup",
	"rowheader", "scrollbar", "search", "searchbox", "separator", "slider",
	"spinbutton", "status", "strong", "subscript", "superscript", "switch",
	"tab", "table", "tablist", "tabpanel", "term", "textbox", "time",
	"timer", "toolbar", "tooltip", "tree", "treegrid", "treeitem",
	"graphics-document", "graphics-object", "graphics-symbol",
	"doc-abstract", "doc-acknowledgments", "doc-afterword", "doc-appendix",
	"doc-backlink", "doc-biblioentry", "doc-bibliography",
	"doc-biblioref", "doc-chapter", "doc-colophon", "doc-conclusion",
	"doc-cover", "doc-credit", "doc-credits", "doc-dedication",
	"doc-endnote", "doc-endnotes", "doc-epigraph", "doc-epilogue",
	"doc-errata", "doc-example", "doc-footnote", "doc-foreword",
	"doc-glossary", "doc-glossref", "doc-index", "doc-introduction",
	"doc-noteref", "doc-notice", "doc-pagebreak", "doc-pagefooter",
	"doc-pageheader", "doc-pagelist", "doc-part", "doc-preface",
	"doc-prologue", "doc-pullquote", "doc-qna", "doc-subtitle", "doc-tip",
	"doc-toc",
	/* ARIA 1.3 roles axe-core 4.14.1 already accepts */
	"comment", "image", "mark", "sectionfooter", "sectionheader",
	"suggestion", "text",
};

bool
a11y_role_valid(const char *role)
{
	size_t i;

	for (i = 0; i < SA_NITEMS(roles); i++)
		if (strcmp(role, roles[i]) == 0)
			return true;
	return false;
}

int
a11y_heading_level(const GumboNode *n)
{
	const char *lvl;
	char *end;
	long l;

	switch (n->v.element.tag) {
	case GUMBO_TAG_H1: return 1;
	case GUMBO_TAG_H2: return 2;
	case GUMBO_TAG_H3: return 3;
	case GUMBO_TAG_H4: return 4;
	case GUMBO_TAG_H5: return 5;
	case GUMBO_TAG_H6: return 6;
	default: break;
	}
	if (!dom_attr_eq(n, "role", "heading"))
		return 0;
	if ((lvl = dom_attr(n, "aria-level")) == NULL)
		return 2;
	l = strtol(lvl, &end, 10);
	return (end != lvl && l >= 1 && l <= 6) ? (int)l : 2;
}
