/* checks_a11y.h: internal — the accessibility checks over checks_a11y*.c. */
/* SPDX-License-Identifier: MIT */
#ifndef SA_CHECKS_A11Y_H
#define SA_CHECKS_A11Y_H

#include <stdbool.h>
#include <stddef.h>
#include <gumbo.h>
#include "audit/check.h"

struct a11y_scan;
typedef void (*a11y_fn)(struct a11y_scan *s, const GumboNode *n);

/* State of one pass over the document (see a11y_each). */
struct a11y_scan {
	const struct page_ctx *p;
	struct check_result   *r;
	const GumboNode       *root;   /* <html> */
	size_t                 seen;   /* applicable elements met so far */
	GumboTag               tag;    /* GUMBO_TAG_LAST: every element */
	a11y_fn                fn;
	void                  *arg;
};

/*
 * Calls fn for each element with tag (GUMBO_TAG_LAST: all) in document
 * order; fn counts what applies in s->seen and fails nodes on s->r. Then
 * the verdict is PASS (unless failed) when anything applied, else it stays
 * NA.
 */
void a11y_each(const struct page_ctx *p, struct check_result *r, GumboTag tag,
    a11y_fn fn, void *arg);
/* True when n's accessible name is not blank. */
bool a11y_has_name(const struct a11y_scan *s, const GumboNode *n);
/* role="none" / role="presentation". */
bool a11y_presentational(const GumboNode *n);
/* The first token of role="" lower-cased into out (size outlen); false
 * when there is no role. */
bool a11y_role(const GumboNode *n, char *out, size_t outlen);
/* True when role names a concrete ARIA 1.2 / DPUB / graphics role. */
bool a11y_role_valid(const char *role);
/* Heading level 1..6 of h1..h6 or role=heading (aria-level, default 2);
 * 0 when n is not a heading. */
int a11y_heading_level(const GumboNode *n);

/* checks_a11y_names.c */
void a11y_image_alt(const struct page_ctx *p, struct check_result *r);
void a11y_input_image_alt(const struct page_ctx *p, struct check_result *r);
void a11y_area_alt(const struct page_ctx *p, struct check_result *r);
void a11y_object_alt(const struct page_ctx *p, struct check_result *r);
void a11y_svg_img_alt(const struct page_ctx *p, struct check_result *r);
void a11y_label(const struct page_ctx *p, struct check_result *r);
void a11y_select_name(const struct page_ctx *p, struct check_result *r);
void a11y_button_name(const struct page_ctx *p, struct check_result *r);
void a11y_link_name(const struct page_ctx *p, struct check_result *r);
void a11y_frame_title(const struct page_ctx *p, struct check_result *r);
/* checks_a11y_doc.c */
void a11y_html_has_lang(const struct page_ctx *p, struct check_result *r);
void a11y_html_lang_valid(const struct page_ctx *p, struct check_result *r);
void a11y_valid_lang(const struct page_ctx *p, struct check_result *r);
void a11y_document_title(const struct page_ctx *p, struct check_result *r);
void a11y_meta_viewport(const struct page_ctx *p, struct check_result *r);
void a11y_meta_refresh(const struct page_ctx *p, struct check_result *r);
void a11y_bypass(const struct page_ctx *p, struct check_result *r);
void a11y_heading_order(const struct page_ctx *p, struct check_result *r);
void a11y_empty_heading(const struct page_ctx *p, struct check_result *r);
void a11y_tabindex(const struct page_ctx *p, struct check_result *r);
/* checks_a11y_struct.c */
void a11y_list(const struct page_ctx *p, struct check_result *r);
void a11y_listitem(const struct page_ctx *p, struct check_result *r);
void a11y_definition_list(const struct page_ctx *p, struct check_result *r);
void a11y_dlitem(const struct page_ctx *p, struct check_result *r);
void a11y_td_headers_attr(const struct page_ctx *p, struct check_result *r);
void a11y_th_has_data_cells(const struct page_ctx *p,
    struct check_result *r);
void a11y_duplicate_id_aria(const struct page_ctx *p,
    struct check_result *r);
/* checks_a11y_aria.c */
void a11y_aria_valid_attr(const struct page_ctx *p, struct check_result *r);
void a11y_aria_valid_attr_value(const struct page_ctx *p,
    struct check_result *r);
void a11y_aria_allowed_role(const struct page_ctx *p,
    struct check_result *r);
void a11y_aria_roles(const struct page_ctx *p, struct check_result *r);
void a11y_aria_required_attr(const struct page_ctx *p,
    struct check_result *r);
void a11y_aria_hidden_body(const struct page_ctx *p, struct check_result *r);
void a11y_aria_hidden_focus(const struct page_ctx *p,
    struct check_result *r);
/* checks_a11y_contrast.c */
void a11y_color_contrast(const struct page_ctx *p, struct check_result *r);

/* checks_a11y_roles2.c: axe-core 4.14.1's role tables (see there). */
struct a11y_role_def {
	const char *role;
	const char *owned;     /* required owned roles " a b ", or NULL */
	const char *context;   /* required context roles, or NULL */
	const char *attrs;     /* allowed + required aria-* (not global) */
	bool        no_name;   /* aria-label / -labelledby prohibited */
};
const struct a11y_role_def *a11y_role_def(const char *role);
/* True when word is one of the " a b c " tokens of list (NULL: none). */
bool a11y_token_in(const char *list, const char *word);
bool a11y_attr_global(const char *attr);
bool a11y_attr_known(const char *attr);
bool a11y_attr_allowed(const struct a11y_role_def *d, const char *attr);
bool a11y_has_global_attr(const GumboNode *n);
/* html-aam role of n where it is unambiguous, else NULL. */
const char *a11y_implicit_role(const GumboNode *n);
/* Effective role: a valid explicit role (none / presentation yield NULL
 * unless focusable or globally ARIA-labelled), else the implicit one. */
const char *a11y_role_of(const GumboNode *n, char *buf, size_t len);
/* checks_a11y_aria2.c */
void a11y_aria_required_children(const struct page_ctx *p,
    struct check_result *r);
void a11y_aria_required_parent(const struct page_ctx *p,
    struct check_result *r);
void a11y_aria_allowed_attr(const struct page_ctx *p, struct check_result *r);
void a11y_aria_prohibited_attr(const struct page_ctx *p,
    struct check_result *r);
void a11y_aria_conditional_attr(const struct page_ctx *p,
    struct check_result *r);
/* checks_a11y_names2.c */
void a11y_aria_command_name(const struct page_ctx *p, struct check_result *r);
void a11y_aria_dialog_name(const struct page_ctx *p, struct check_result *r);
void a11y_aria_input_field_name(const struct page_ctx *p,
    struct check_result *r);
void a11y_aria_toggle_field_name(const struct page_ctx *p,
    struct check_result *r);
void a11y_aria_tooltip_name(const struct page_ctx *p, struct check_result *r);
void a11y_aria_treeitem_name(const struct page_ctx *p,
    struct check_result *r);
void a11y_input_button_name(const struct page_ctx *p, struct check_result *r);
/* checks_a11y_misc2.c */
void a11y_aria_text(const struct page_ctx *p, struct check_result *r);
void a11y_table_duplicate_name(const struct page_ctx *p,
    struct check_result *r);
void a11y_autocomplete_valid(const struct page_ctx *p, struct check_result *r);
void a11y_presentation_role_conflict(const struct page_ctx *p,
    struct check_result *r);
/* True when n has an aria-* attribute. */
bool a11y_has_aria(const GumboNode *n);
/* True when n or an ancestor is hidden inline or by the page's CSS. */
bool a11y_hidden2(const struct a11y_scan *s, const GumboNode *n);

#endif
