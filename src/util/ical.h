/*
 * ical: iCalendar (RFC 5545) output: CRLF line ends, lines folded at 75 octets without
 * splitting a UTF-8 character, TEXT values escaped. Times are written in UTC (…Z).
 */
#ifndef WY_ICAL_H
#define WY_ICAL_H

#include <stdint.h>

#include "util/strbuf.h"

void ical_begin(strbuf *sb, const char *name);
void ical_end(strbuf *sb);
/* A content line "NAME:value" with value escaped as TEXT. */
void ical_text(strbuf *sb, const char *name, const char *value);
/* A content line "NAME:YYYYMMDDTHHMMSSZ". */
void ical_time(strbuf *sb, const char *name, int64_t ms);
/* A content line written as given (no escaping), folded. */
void ical_raw(strbuf *sb, const char *line);

#endif
