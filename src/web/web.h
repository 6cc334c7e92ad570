/*
 * web: the server-rendered pages. Each page handler builds its body with html.h and wraps
 * it in the shared layout (header, navigation, language switch, footer).
 */
#ifndef WY_WEB_H
#define WY_WEB_H

#include "http/request.h"
#include "web/html.h"

/* Start a page: doctype, head, header with navigation. */
void web_begin(http_req *req, html *h, const char *title);
/* The same for a page that reloads itself every refresh_s seconds (<meta http-equiv=refresh>:
 * a job's progress without script). */
void web_begin_refresh(http_req *req, html *h, const char *title, int refresh_s);
/* Close the page and answer with it. */
void web_end(http_req *req, html *h, int status);
/* A page that says what went wrong. */
void web_error_page(http_req *req, int status, const char *message);
/* The hidden CSRF field every form carries. */
void web_csrf_field(http_req *req, html *h);
/* Translated text, escaped. */
void web_t(http_req *req, html *h, const char *msgid);
/* A flash message line from ?msg= (a known key only). */
void web_flash(http_req *req, html *h);

/* Widgets (widgets.c). The msgids are literals, found by scripts/update-po.sh. */
/* The empty state of a list: <p class="empty">msgid</p>. */
void web_empty(http_req *req, html *h, const char *msgid);
/* The same alone in a card, with a link to where to find something (href NULL: none). */
void web_empty_card(http_req *req, html *h, const char *msgid, const char *href,
                    const char *link_msgid);
/* The "next page" link (id next-page): path?cursor=cursor, then &name=value for each pair of
 * params ({name, value, ..., NULL}) whose value is set and not empty, so the next page keeps
 * the filters of this one. */
void web_pager(http_req *req, html *h, const char *path, const char *cursor,
               const char *const *params);
/* The same with a record's id as the cursor. */
void web_pager_id(http_req *req, html *h, const char *path, int64_t cursor,
                  const char *const *params);
/* The tabs of a filter: <nav class="nav_class"> with a link base+value for each of values
 * (NULL-terminated), labelled with its translation; the one equal to current (NULL: the
 * first) is marked aria-current="page". */
void web_tabs(http_req *req, html *h, const char *nav_class, const char *base,
              const char *const *values, const char *current);

#endif
