/*
 * weburl: the web addresses people give wenyun to show or call (an activity's live stream
 * and replay, a venue's photos, a webhook), parsed by libcurl's URL API. An address is
 * http:// or https:// (any case), then a host (a name of letters, digits, '-', '_' and dots,
 * non-ASCII letters included, or an IPv6 address in brackets) with an optional port from 1 to
 * 65535, then an optional path, query or fragment. Refused: no host ("https://",
 * "https:///x"), credentials before the host ("https://a@b"), a backslash, a space or a
 * control character anywhere (C0, DEL, C1), text that is not UTF-8, more than WEBURL_MAX
 * bytes. With WEBURL_LOCAL a path on this site ("/files/1.jpg", not "//host") is accepted as
 * well.
 */
#ifndef WY_WEBURL_H
#define WY_WEBURL_H

#define WEBURL_MAX   2000 /* bytes */
#define WEBURL_LOCAL 1u   /* a path on this site is accepted too */

/* 1 when u is such an address, else 0 (NULL is not one). */
int weburl_valid(const char *u, unsigned flags);

#endif
