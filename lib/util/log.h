/* log.h: one-line log records on stderr (journald / the stack's log files). */
/* SPDX-License-Identifier: MIT */
#ifndef SA_LOG_H
#define SA_LOG_H

enum log_level { LOG_LVL_DEBUG, LOG_LVL_INFO, LOG_LVL_WARN, LOG_LVL_ERROR };

/* Sets the program name printed in each record and the minimum level. */
void log_init(const char *prog, enum log_level min);
void log_set_level(enum log_level min);
/* Parses "debug" | "info" | "warn" | "error"; returns -1 when unknown. */
int log_level_parse(const char *s);
/* Never pass a secret (key, password, session id) to these. */
void log_msg(enum log_level lvl, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#define log_debug(...) log_msg(LOG_LVL_DEBUG, __VA_ARGS__)
#define log_info(...)  log_msg(LOG_LVL_INFO, __VA_ARGS__)
#define log_warn(...)  log_msg(LOG_LVL_WARN, __VA_ARGS__)
#define log_error(...) log_msg(LOG_LVL_ERROR, __VA_ARGS__)

#endif
