/* report_text.c: the audit report as plain terminal text (ANSI colour optional). */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "audit/report.h"
#include "audit/report_int.h"
#include "audit/score.h"

#define ANSI_RED   "\033[31m"
#define ANSI_AMBER "\033[33m"
#define ANSI_GREEN "\033[32m"
#define ANSI_BOLD  "\033[1m"
#define ANSI_DIM   "\033[2m"
#define ANSI_OFF   "\033[0m"

/* Lighthouse's bands: red < 50, amber < 90, green >= 90. */
static const char *
score_colour(int score)
{
	if (score < 50)
		return ANSI_RED;
	return score < 90 ? ANSI_AMBER : ANSI_GREEN;
}

/* One "  Label  NN" line (nothing when absent); note follows the number. */
static void
print_score(FILE *f, const char *label, int score, bool color,
    const char *note)
{
	if (score == SCORE_ABSENT)
		return;
	if (color)
		fprintf(f, "  %-16s %s%3d%s", label, score_colour(score), score,
		    ANSI_OFF);
	else
		fprintf(f, "  %-16s %3d", label, score);
	fprintf(f, "%s%s\n", note ? "  " : "", note ? note : "");
}

/* Prints s on one line, control characters replaced, cut at max bytes. */
static void
print_clean(FILE *f, const char *s, size_t max)
{
	size_t i;

	for (i = 0; s[i] && i < max; i++)
		fputc((unsigned char)s[i] < 0x20 || s[i] == 0x7f ? ' ' : s[i], f);
	if (s[i])
		fputs("...", f);
}

static void
print_example(FILE *f, const struct report_issue *it, size_t i, bool color,
    bool many_pages)
{
	const struct check_item *item = it->ex[i].item;

	fputs("      ", f);
	if (many_pages) {
		print_clean(f, it->ex[i].page, 200);
		fputs(" ", f);
	}
	if (item == NULL) {
		fputs("(the page)\n", f);
		return;
	}
	if (item->selector && item->selector[0]) {
		print_clean(f, item->selector, 200);
		fputs("  ", f);
	}
	if (color)
		fputs(ANSI_DIM, f);
	if (item->snippet)
		print_clean(f, item->snippet, REPORT_SNIPPET_MAX);
	if (color)
		fputs(ANSI_OFF, f);
	if (item->note) {
		fputs("  - ", f);
		print_clean(f, item->note, 300);
	}
	fputc('\n', f);
}

static void
print_issue(FILE *f, const struct report_issue *it, bool color,
    bool many_pages)
{
	const char *mark = it->info ? "i" : "x";

	if (color)
		fprintf(f, "  %s%s%s ", it->info ? ANSI_AMBER : ANSI_RED, mark,
		    ANSI_OFF);
	else
		fprintf(f, "  %s ", mark);
	fprintf(f, "[%s] %s%s%s - %s (%zu)\n", report_dim_label(it->def->dim),
	    color ? ANSI_BOLD : "", it->def->id, color ? ANSI_OFF : "",
	    it->def->title, it->count);
	for (size_t i = 0; i < it->nex; i++)
		print_example(f, it, i, color, many_pages);
	if (it->count > it->nex && it->nex > 0)
		fprintf(f, "      ... and %zu more\n", it->count - it->nex);
}

void
report_print_text(const struct audit_report *r, FILE *f, bool color)
{
	struct report_issues is;

	fprintf(f, "%s", color ? ANSI_BOLD : "");
	print_clean(f, r->final_url ? r->final_url : r->url, 500);
	fprintf(f, "%s (%s)\n\n", color ? ANSI_OFF : "",
	    audit_strategy_name(r->strategy));
	for (int d = 0; d < DIM_OVERALL_COUNT; d++)
		print_score(f, report_dim_label((enum audit_dim)d), r->scores[d],
		    color, NULL);
	print_score(f, "Overall", r->overall, color, NULL);
	/* the sixth score after Overall, since Overall is not made from it */
	print_score(f, report_dim_label(DIM_AGENT_READINESS),
	    r->scores[DIM_AGENT_READINESS], color, "(not part of overall)");
	if (report_collect_issues(r, &is) != SA_OK)
		return;
	if (is.n == 0)
		fputs("\nNo failing checks.\n", f);
	else
		fputs("\nFailing checks and advice:\n", f);
	for (size_t i = 0; i < is.n; i++)
		print_issue(f, &is.v[i], color, r->npages > 1);
	free(is.v);
}
