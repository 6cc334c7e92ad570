/*
 * timeutil: wall-clock time in milliseconds since the epoch, and RFC 3339 text with the
 * city's offset (+08:00, China Standard Time, which has no daylight saving).
 */
#ifndef WY_TIMEUTIL_H
#define WY_TIMEUTIL_H

#include <stddef.h>
#include <stdint.h>

#define WY_TZ_OFFSET_MIN (8 * 60)

int64_t time_now_ms(void);
int64_t time_mono_ms(void);
int64_t time_mono_us(void);
/* "2026-11-22T14:30:00+08:00" (with_ms: "...00.123+08:00"). */
void time_format_rfc3339(int64_t ms, char *out, size_t n, int with_ms);
/* Parse RFC 3339 with an offset or Z; -1 on anything else. */
int time_parse_rfc3339(const char *s, int64_t *ms);

#endif
