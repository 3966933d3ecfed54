/* schedule.c: the next occurrence of a site's scan schedule (pure code). */
/* SPDX-License-Identifier: MIT */
#include <string.h>
#include "model/schedule.h"

const char *const sched_kind_names[SCHED__MAX] = {
	"off", "daily", "weekly", "monthly",
};

int
sched_kind_parse(const char *s)
{
	for (int i = 0; s && i < SCHED__MAX; i++)
		if (strcmp(s, sched_kind_names[i]) == 0)
			return i;
	return -1;
}

bool
sched_valid(const struct sched *s)
{
	return s->kind >= SCHED_OFF && s->kind < SCHED__MAX &&
	    s->hour >= 0 && s->hour <= 23 &&
	    s->weekday >= 0 && s->weekday <= 6 &&
	    s->monthday >= 1 && s->monthday <= 28;
}

/* The instant at s->hour:00:00 UTC on day `mday` of tm's month (normalised). */
static time_t
at_hour(const struct tm *tm, int mon_add, int mday, int hour)
{
	struct tm t = { 0 };

	t.tm_year = tm->tm_year;
	t.tm_mon = tm->tm_mon + mon_add;
	t.tm_mday = mday;
	t.tm_hour = hour;
	return timegm(&t);
}

time_t
sched_next(const struct sched *s, time_t after)
{
	struct tm tm;
	time_t t;

	if (s->kind == SCHED_OFF || !sched_valid(s) || !gmtime_r(&after, &tm))
		return (time_t)-1;
	switch (s->kind) {
	case SCHED_DAILY:
		t = at_hour(&tm, 0, tm.tm_mday, s->hour);
		return t > after ? t : t + 86400;
	case SCHED_WEEKLY:
		t = at_hour(&tm, 0, tm.tm_mday + (s->weekday - tm.tm_wday + 7) % 7,
		    s->hour);
		return t > after ? t : t + 7 * 86400;
	default:
		t = at_hour(&tm, 0, s->monthday, s->hour);
		return t > after ? t : at_hour(&tm, 1, s->monthday, s->hour);
	}
}

void
sched_format(time_t t, char out[20])
{
	struct tm tm;

	if (!gmtime_r(&t, &tm) || strftime(out, 20, "%Y-%m-%d %H:%M:%S", &tm) == 0)
		out[0] = '\0';
}
