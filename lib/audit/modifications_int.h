/* modifications_int.h: internals shared by modifications*.c. */
/* SPDX-License-Identifier: MIT */
#ifndef SA_MODIFICATIONS_INT_H
#define SA_MODIFICATIONS_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <gumbo.h>
#include <json-c/json.h>
#include "audit/audit.h"

/* What the rules read from the page, gathered in one walk. */
struct mods_page {
	const char     *url;
	const GumboNode *root;      /* <html> */
	const GumboNode *title;     /* first <title>, or NULL */
	const GumboNode *meta_desc; /* <meta name=description>, or NULL */
	const GumboNode *robots;    /* <meta name=robots>, or NULL */
	const GumboNode *canonical; /* <link rel=canonical>, or NULL */
	const GumboNode *h1s[8];
	size_t           nh1;
	size_t           njsonld;   /* <script type=application/ld+json> */
	size_t           nquestions;  /* headings ending in '?' */
	bool             article, product;
	char            *text;      /* the main text, for drafting; owned */
};

/* Appends one edit to arr; cur / prop may be NULL (JSON null). */
void mods_add(json_object *arr, const char *type, const char *target,
    const char *cur, const char *prop, const char *reason);
/* s cut to at most max bytes at a word boundary (UTF-8 safe), with "…"
 * when cut; caller frees. */
char *mods_cut(const char *s, size_t max);
/* The page's host ("www.example.com") into out[n]. */
void mods_host(const char *url, char *out, size_t n);

/* modifications_items.c: per-element edits and failing checks. */
void mods_images(const struct mods_page *p, json_object *arr);
void mods_links(const struct mods_page *p, json_object *arr);
void mods_headings(const struct mods_page *p, json_object *arr);
void mods_checks(const struct audit_report *rep, json_object *arr);
/* modifications_jsonld.c */
void mods_jsonld(const struct mods_page *p, json_object *arr);
/* The JSON-LD for the page's kind even when it has blocks (broken or of
 * the wrong type, says why). */
void mods_jsonld_fix(const struct mods_page *p, json_object *arr,
    const char *why);
/* modifications_agent.c: edits for the failing agent-readiness checks of
 * rep (the llms.txt draft, WebMCP attributes, citation tags, robots.txt). */
void mods_agent(const struct mods_page *p, const struct audit_report *rep,
    json_object *arr);
/* modifications_webmcp.c: toolname / tooldescription / toolparamdescription
 * for the page's forms. */
void mods_webmcp(const struct mods_page *p, json_object *arr);

#endif
