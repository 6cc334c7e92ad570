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

#endif
