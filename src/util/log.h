/*
 * log: one line per event on stderr, "2026-11-22T06:30:00.123+08:00 LEVEL message".
 * error() returns -1 so a caller can `return error("...")`; die() is for start-up only.
 * Control characters in a message are written escaped (log_escape), so one event is always
 * one line, whatever text from outside it carries.
 */
#ifndef WY_LOG_H
#define WY_LOG_H

#include <stddef.h>

#include "util/strbuf.h"

enum log_level { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERROR };

void log_set_level(enum log_level lvl);
/* Copy src[0..len) into dst (cap bytes, NUL-terminated) with \n, \r and \t written as those
 * two-character escapes and other bytes below 0x20 and 0x7f as \xNN; with space, ' ' too (a
 * field of a space-separated line). Bytes from 0x80 up (UTF-8) pass. What does not fit is left
 * out, never half an escape. Returns the length written. */
size_t log_escape(char *dst, size_t cap, const char *src, size_t len, int space);
void log_msg(enum log_level lvl, const char *fmt, ...) WY_PRINTF(2, 3);
int error(const char *fmt, ...) WY_PRINTF(1, 2);
/* Format a message into err (errlen bytes) for a caller that reports it; NULL err: nothing. */
void set_err(char *err, size_t errlen, const char *fmt, ...) WY_PRINTF(3, 4);
_Noreturn void die(const char *fmt, ...) WY_PRINTF(1, 2);

#define log_info(...)  log_msg(LOG_INFO, __VA_ARGS__)
#define log_warn(...)  log_msg(LOG_WARN, __VA_ARGS__)
#define log_debug(...) log_msg(LOG_DEBUG, __VA_ARGS__)

#endif
