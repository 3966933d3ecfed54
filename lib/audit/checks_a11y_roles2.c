/* checks_a11y_roles2.c: ARIA role tables (owned elements, context,
 * allowed / prohibited attributes) and implicit roles of HTML elements. */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <string.h>
#include "audit/checks_a11y.h"
#include "audit/dom.h"

/*
 * Data from axe-core 4.14.1 (the copy inside Lighthouse 13.5):
 * lib/standards/aria-roles.js, dpub-roles.js, graphics-roles.js and
 * aria-attrs.js. Lists are " a b c " so a token test is one strstr.
 * attrs holds allowedAttrs + requiredAttrs (global ones are added by
 * a11y_attr_allowed). Roles absent here (abstract ones) have no entry.
 */
#define EXP " aria-expanded "
#define CELL " aria-colindex aria-colspan aria-rowindex aria-rowspan "
#define HDR " aria-sort aria-colindex aria-colspan aria-expanded " \
	"aria-readonly aria-required aria-rowindex aria-rowspan aria-selected "
#define MENU " group menuitemradio menuitem menuitemcheckbox menu separator "
#define MCTX " menu menubar group "
#define TEXTB " aria-activedescendant aria-autocomplete aria-multiline " \
	"aria-placeholder aria-readonly aria-required "
#define CHK " aria-checked aria-expanded aria-posinset aria-readonly " \
	"aria-setsize "

static const struct a11y_role_def role_defs[] = {
	{ "alert", NULL, NULL, EXP, false },
	{ "alertdialog", NULL, NULL, " aria-expanded aria-modal ", false },
	{ "application", NULL, NULL, " aria-activedescendant aria-expanded ",
	  false },
	{ "article", NULL, NULL, " aria-posinset aria-setsize aria-expanded ",
	  false },
	{ "banner", NULL, NULL, EXP, false },
	{ "blockquote", NULL, NULL, " ", false },
	{ "button", NULL, NULL, " aria-expanded aria-pressed ", false },
	{ "caption", NULL, " figure table grid treegrid ", " ", true },
	{ "cell", NULL, " row ", CELL "aria-expanded ", false },
	{ "checkbox", NULL, NULL, " aria-checked aria-readonly aria-expanded "
	  "aria-required ", false },
	{ "code", NULL, NULL, " ", true },
	{ "columnheader", NULL, " row ", HDR, false },
	{ "combobox", NULL, NULL, " aria-expanded aria-controls aria-owns "
	  "aria-autocomplete aria-readonly aria-required "
	  "aria-activedescendant aria-orientation ", false },
	{ "complementary", NULL, NULL, EXP, false },
	{ "contentinfo", NULL, NULL, EXP, false },
	{ "definition", NULL, NULL, EXP, false },
	{ "deletion", NULL, NULL, " ", true },
	{ "dialog", NULL, NULL, " aria-expanded aria-modal ", false },
	{ "directory", NULL, NULL, EXP, false },
	{ "document", NULL, NULL, EXP, false },
	{ "emphasis", NULL, NULL, " ", true },
	{ "feed", " article ", NULL, EXP, false },
	{ "figure", NULL, NULL, EXP, false },
	{ "form", NULL, NULL, EXP, false },
	{ "grid", " rowgroup row ", NULL, " aria-level aria-multiselectable "
	  "aria-readonly aria-activedescendant aria-colcount aria-expanded "
	  "aria-rowcount ", false },
	{ "gridcell", NULL, " row ", " aria-readonly aria-required "
	  "aria-selected" CELL "aria-expanded ", false },
	{ "group", NULL, NULL, " aria-activedescendant aria-expanded ", false },
	{ "heading", NULL, NULL, " aria-level aria-expanded ", false },
	{ "img", NULL, NULL, EXP, false },
	{ "insertion", NULL, NULL, " ", true },
	{ "link", NULL, NULL, EXP, false },
	{ "list", " listitem ", NULL, EXP, false },
	{ "listbox", " group option ", NULL, " aria-multiselectable "
	  "aria-readonly aria-required aria-activedescendant aria-expanded "
	  "aria-orientation ", false },
	{ "listitem", NULL, " list ", " aria-level aria-posinset aria-setsize "
	  "aria-expanded ", false },
	{ "log", NULL, NULL, EXP, false },
	{ "main", NULL, NULL, EXP, false },
	{ "mark", NULL, NULL, " ", true },
	{ "marquee", NULL, NULL, EXP, false },
	{ "math", NULL, NULL, EXP, false },
	{ "menu", MENU, NULL, " aria-activedescendant aria-expanded "
	  "aria-orientation ", false },
	{ "menubar", MENU, NULL, " aria-activedescendant aria-expanded "
	  "aria-orientation ", false },
	{ "menuitem", NULL, MCTX, " aria-posinset aria-setsize aria-expanded ",
	  false },
	{ "menuitemcheckbox", NULL, MCTX, CHK, false },
	{ "menuitemradio", NULL, MCTX, CHK, false },
	{ "meter", NULL, NULL, " aria-valuenow aria-valuemax aria-valuemin "
	  "aria-valuetext ", false },
	{ "navigation", NULL, NULL, EXP, false },
	{ "none", NULL, NULL, " ", true },
	{ "note", NULL, NULL, EXP, false },
	{ "option", NULL, " group listbox ", " aria-selected aria-checked "
	  "aria-posinset aria-setsize ", false },
	{ "paragraph", NULL, NULL, " ", true },
	{ "presentation", NULL, NULL, " ", true },
	{ "progressbar", NULL, NULL, " aria-expanded aria-valuemax "
	  "aria-valuemin aria-valuenow aria-valuetext ", false },
	{ "radio", NULL, NULL, " aria-checked aria-posinset aria-setsize "
	  "aria-required ", false },
	{ "radiogroup", NULL, NULL, " aria-readonly aria-required "
	  "aria-activedescendant aria-expanded aria-orientation ", false },
	{ "region", NULL, NULL, EXP, false },
	{ "row", " cell columnheader gridcell rowheader ",
	  " grid rowgroup table treegrid ", " aria-colindex aria-level "
	  "aria-rowindex aria-selected aria-activedescendant aria-expanded "
	  "aria-posinset aria-setsize ", false },
	{ "rowgroup", " row ", " grid table treegrid ", " ", false },
	{ "rowheader", NULL, " row ", HDR, false },
	{ "scrollbar", NULL, NULL, " aria-valuenow aria-controls "
	  "aria-orientation aria-valuemax aria-valuemin aria-valuetext ",
	  false },
	{ "search", NULL, NULL, EXP, false },
	{ "searchbox", NULL, NULL, TEXTB, false },
	{ "separator", NULL, NULL, " aria-valuenow aria-valuemax "
	  "aria-valuemin aria-orientation aria-valuetext ", false },
	{ "slider", NULL, NULL, " aria-valuenow aria-valuemax aria-valuemin "
	  "aria-orientation aria-readonly aria-required aria-valuetext ",
	  false },
	{ "spinbutton", NULL, NULL, " aria-valuemax aria-valuemin "
	  "aria-readonly aria-required aria-activedescendant aria-valuetext "
	  "aria-valuenow ", false },
	{ "status", NULL, NULL, EXP, false },
	{ "strong", NULL, NULL, " ", true },
	{ "subscript", NULL, NULL, " ", true },
	{ "superscript", NULL, NULL, " ", true },
	{ "switch", NULL, NULL, " aria-checked aria-expanded aria-readonly "
	  "aria-required ", false },
	{ "tab", NULL, " tablist ", " aria-posinset aria-selected aria-setsize "
	  "aria-expanded ", false },
	{ "table", " rowgroup row ", NULL, " aria-colcount aria-rowcount "
	  "aria-expanded ", false },
	{ "tablist", " tab ", NULL, " aria-level aria-multiselectable "
	  "aria-orientation aria-activedescendant aria-expanded ", false },
	{ "tabpanel", NULL, NULL, EXP, false },
	{ "term", NULL, NULL, EXP, false },
	{ "textbox", NULL, NULL, TEXTB, false },
	{ "time", NULL, NULL, " ", false },
	{ "timer", NULL, NULL, EXP, false },
	{ "toolbar", NULL, NULL, " aria-orientation aria-activedescendant "
	  "aria-expanded ", false },
	{ "tooltip", NULL, NULL, EXP, false },
	{ "tree", " group treeitem ", NULL, " aria-multiselectable "
	  "aria-required aria-activedescendant aria-expanded "
	  "aria-orientation ", false },
	{ "treegrid", " rowgroup row ", NULL, " aria-activedescendant "
	  "aria-colcount aria-expanded aria-level aria-multiselectable "
	  "aria-orientation aria-readonly aria-required aria-rowcount ",
	  false },
	{ "treeitem", NULL, " group tree ", " aria-checked aria-expanded "
	  "aria-level aria-posinset aria-selected aria-setsize ", false },
	{ "comment", NULL, NULL, " aria-level aria-posinset aria-setsize ",
	  false },
	{ "image", NULL, NULL, EXP, false },
	{ "sectionfooter", NULL, NULL, " ", false },
	{ "sectionheader", NULL, NULL, " ", false },
	{ "suggestion", " insertion deletion ", NULL, " ", true },
	{ "text", NULL, NULL, " ", false },
	{ "graphics-document", NULL, NULL, " ", false },
	{ "graphics-object", NULL, NULL, " ", false },
	{ "graphics-symbol", NULL, NULL, " ", false },
	{ "doc-biblioentry", NULL, NULL, " aria-expanded aria-level "
	  "aria-posinset aria-setsize ", false },
	{ "doc-endnote", NULL, NULL, " aria-expanded aria-level "
	  "aria-posinset aria-setsize ", false },
	{ "doc-pagebreak", NULL, NULL, " aria-expanded aria-orientation ",
	  false },
	{ "doc-pullquote", NULL, NULL, " ", false },
};

/* axe-core 4.14.1 aria-attrs.js: the states and properties with global. */
static const char *const global_attrs =
    " aria-actions aria-atomic aria-braillelabel aria-brailleroledescription"
    " aria-busy aria-controls aria-current aria-describedby aria-description"
    " aria-details aria-disabled aria-dropeffect aria-errormessage"
    " aria-flowto aria-grabbed aria-haspopup aria-hidden aria-invalid"
    " aria-keyshortcuts aria-label aria-labelledby aria-live aria-owns"
    " aria-relevant aria-roledescription ";

/* ... and every attribute it knows (the others are aria-valid-attr's). */
static const char *const known_attrs =
    " aria-activedescendant aria-autocomplete aria-checked aria-colcount"
    " aria-colindex aria-colspan aria-expanded aria-level aria-modal"
    " aria-multiline aria-multiselectable aria-orientation aria-placeholder"
    " aria-posinset aria-pressed aria-readonly aria-required aria-rowcount"
    " aria-rowindex aria-rowspan aria-selected aria-setsize aria-sort"
    " aria-valuemax aria-valuemin aria-valuenow aria-valuetext ";

bool
a11y_token_in(const char *list, const char *word)
{
	char key[64];
	int n;

	if (list == NULL)
		return false;
	n = snprintf(key, sizeof(key), " %s ", word);
	return n > 0 && (size_t)n < sizeof(key) && strstr(list, key) != NULL;
}

const struct a11y_role_def *
a11y_role_def(const char *role)
{
	size_t i;

	for (i = 0; i < SA_NITEMS(role_defs); i++)
		if (strcmp(role, role_defs[i].role) == 0)
			return &role_defs[i];
	if (strncmp(role, "doc-", 4) == 0 && a11y_role_valid(role)) {
		static const struct a11y_role_def dpub = { "doc-*", NULL, NULL,
		    EXP, false };
		return &dpub;   /* the other DPUB roles allow aria-expanded */
	}
	return NULL;
}

bool
a11y_attr_global(const char *attr)
{
	return a11y_token_in(global_attrs, attr);
}

bool
a11y_attr_known(const char *attr)
{
	return a11y_attr_global(attr) || a11y_token_in(known_attrs, attr);
}

bool
a11y_attr_allowed(const struct a11y_role_def *d, const char *attr)
{
	return a11y_attr_global(attr) || a11y_token_in(d->attrs, attr);
}

bool
a11y_has_global_attr(const GumboNode *n)
{
	const GumboVector *v = &n->v.element.attributes;

	for (unsigned i = 0; i < v->length; i++) {
		const GumboAttribute *a = v->data[i];
		if (a11y_attr_global(a->name))
			return true;
	}
	return false;
}

static const char *
input_role(const GumboNode *n)
{
	static const char *const map[][2] = {
		{ "checkbox", "checkbox" }, { "radio", "radio" },
		{ "button", "button" }, { "submit", "button" },
		{ "reset", "button" }, { "image", "button" },
		{ "range", "slider" }, { "number", "spinbutton" },
		{ "search", "searchbox" }, { "text", "textbox" },
		{ "email", "textbox" }, { "tel", "textbox" },
		{ "url", "textbox" },
	};
	const char *t = dom_input_type(n);

	if (dom_has_attr(n, "list"))
		return "combobox";
	for (size_t i = 0; i < SA_NITEMS(map); i++)
		if (strcmp(t, map[i][0]) == 0)
			return map[i][1];
	return NULL;
}

static const struct { GumboTag tag; const char *role; } implicit[] = {
	{ GUMBO_TAG_ARTICLE, "article" }, { GUMBO_TAG_ASIDE, "complementary" },
	{ GUMBO_TAG_BUTTON, "button" }, { GUMBO_TAG_DATALIST, "listbox" },
	{ GUMBO_TAG_DD, "definition" }, { GUMBO_TAG_DETAILS, "group" },
	{ GUMBO_TAG_DT, "term" },
	{ GUMBO_TAG_FIELDSET, "group" }, { GUMBO_TAG_FIGURE, "figure" },
	{ GUMBO_TAG_H1, "heading" }, { GUMBO_TAG_H2, "heading" },
	{ GUMBO_TAG_H3, "heading" }, { GUMBO_TAG_H4, "heading" },
	{ GUMBO_TAG_H5, "heading" }, { GUMBO_TAG_H6, "heading" },
	{ GUMBO_TAG_HR, "separator" }, { GUMBO_TAG_LI, "listitem" },
	{ GUMBO_TAG_MAIN, "main" }, { GUMBO_TAG_MATH, "math" },
	{ GUMBO_TAG_MENU, "list" }, { GUMBO_TAG_METER, "meter" },
	{ GUMBO_TAG_NAV, "navigation" }, { GUMBO_TAG_OL, "list" },
	{ GUMBO_TAG_UL, "list" }, { GUMBO_TAG_OPTGROUP, "group" },
	{ GUMBO_TAG_OPTION, "option" }, { GUMBO_TAG_OUTPUT, "status" },
	{ GUMBO_TAG_P, "paragraph" }, { GUMBO_TAG_PROGRESS, "progressbar" },
	{ GUMBO_TAG_TABLE, "table" }, { GUMBO_TAG_TBODY, "rowgroup" },
	{ GUMBO_TAG_THEAD, "rowgroup" }, { GUMBO_TAG_TFOOT, "rowgroup" },
	{ GUMBO_TAG_TR, "row" }, { GUMBO_TAG_TD, "cell" },
	{ GUMBO_TAG_TEXTAREA, "textbox" }, { GUMBO_TAG_CAPTION, "caption" },
	{ GUMBO_TAG_CODE, "code" }, { GUMBO_TAG_EM, "emphasis" },
	{ GUMBO_TAG_STRONG, "strong" }, { GUMBO_TAG_DEL, "deletion" },
	{ GUMBO_TAG_INS, "insertion" }, { GUMBO_TAG_SUB, "subscript" },
	{ GUMBO_TAG_SUP, "superscript" }, { GUMBO_TAG_BLOCKQUOTE, "blockquote" },
	{ GUMBO_TAG_TIME, "time" }, { GUMBO_TAG_MARK, "mark" },
};

/*
 * The role HTML gives n (html-aam), for the elements whose role does not
 * depend on things we cannot see; NULL for generic / unknown ones so that
 * callers look through them, as axe does for role-less elements.
 */
const char *
a11y_implicit_role(const GumboNode *n)
{
	const char *alt;

	switch (n->v.element.tag) {
	case GUMBO_TAG_A:
	case GUMBO_TAG_AREA:
		return dom_has_attr(n, "href") ? "link" : NULL;
	case GUMBO_TAG_IMG:
		alt = dom_attr(n, "alt");
		return alt != NULL && *alt == '\0' ? NULL : "img";
	case GUMBO_TAG_INPUT:
		return input_role(n);
	case GUMBO_TAG_SELECT:
		return dom_has_attr(n, "multiple") ? "listbox" : "combobox";
	case GUMBO_TAG_TH:
		return dom_attr_eq(n, "scope", "row") ? "rowheader" :
		    "columnheader";
	case GUMBO_TAG_UNKNOWN:   /* gumbo has no tag ids for these */
		if (strcmp(dom_tag_name(n), "dialog") == 0)
			return "dialog";
		if (strcmp(dom_tag_name(n), "search") == 0)
			return "search";
		return NULL;
	default:
		break;
	}
	for (size_t i = 0; i < SA_NITEMS(implicit); i++)
		if (n->v.element.tag == implicit[i].tag)
			return implicit[i].role;
	return NULL;
}

const char *
a11y_role_of(const GumboNode *n, char *buf, size_t len)
{
	if (a11y_role(n, buf, len) && a11y_role_valid(buf)) {
		if (strcmp(buf, "none") != 0 && strcmp(buf, "presentation") != 0)
			return buf;
		/* ARIA's conflict resolution: a focusable element or one with
		 * global ARIA keeps its own role. */
		if (!dom_is_focusable(n) && !a11y_has_global_attr(n))
			return NULL;
	}
	return a11y_implicit_role(n);
}
