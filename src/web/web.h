/*
 * web: the server-rendered pages. Each page handler builds its body with html.h and wraps
 * it in the shared layout (header, navigation, language switch, footer).
 */
#ifndef WY_WEB_H
#define WY_WEB_H

#include <stddef.h>

#include <jansson.h>

#include "core/authz.h"
#include "http/request.h"
#include "web/html.h"

/* Where a navigation link is drawn. */
typedef enum web_nav_place {
    WEB_NAV_MAIN,    /* the bar at the top of every page */
    WEB_NAV_ACCOUNT, /* the bar, after the main links: the logged-in caller's own pages */
    WEB_NAV_ADMIN,   /* the admin console's sub-navigation */
} web_nav_place;

/* A link of the navigation, shown to callers who hold perm. The page kit knows no module: the
 * application hands it the modules' links at start-up (web_set_nav). */
typedef struct web_nav {
    web_nav_place place;
    const char *href;
    const char *label; /* an English msgid, translated when the link is drawn */
    perm perm;         /* PERM_PUBLIC: everyone; PERM_LOGGED_IN: anyone logged in */
    int order;         /* links of a place are sorted by it (ties: the module list's order) */
    const char *id;    /* the element's id attribute, or NULL */
    /* WEB_NAV_ADMIN: the path prefix that marks the link current (NULL: the path is href) */
    const char *current;
    /* the href is followed by the caller's division for perm ("/admin/divisions/" + "5104");
     * the link is left out for a caller without one */
    int scoped;
} web_nav;

/* Take the navigation (copied, sorted by place and order); -1 when out of memory. Called at
 * start-up, before any page is drawn; a later call replaces the list. */
int web_set_nav(const web_nav *const *items, size_t n);
/* The links of one place that the request's caller may see, in order; writes at most max. */
size_t web_nav_links(http_req *req, web_nav_place place, const web_nav **out, size_t max);

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
/* A message a module's pages may be sent back with (?msg=KEY); msgid a N_() literal. */
typedef struct web_flash_msg {
    const char *key, *msgid;
    int refusal; /* said as an error (role alert), not as a success */
} web_flash_msg;
/* The line of ?msg= when it is one of the n messages of tab, else as web_flash. */
void web_flash_of(http_req *req, html *h, const web_flash_msg *tab, size_t n);
#define WEB_FLASH(req, h, tab) web_flash_of(req, h, tab, sizeof(tab) / sizeof((tab)[0]))

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

/* A column of a table's head: its label (an English msgid, translated; NULL: an empty cell)
 * and whether it holds numbers (class "num", right-aligned like its cells). */
typedef struct web_col {
    const char *label;
    int num;
} web_col;
/* The head of a table and the opening of its body: <thead><tr><th>…</th>…</tr></thead><tbody>.
 * The labels are msgids passed as variables: mark them N_ where the table is declared. */
void web_thead(http_req *req, html *h, const web_col *cols, size_t n);

/* Charts and badges (chart.c). */
/* A chart drawn by Apache ECharts from spec, wenyun's own JSON (static/charts.js says its
 * members: kind, categories, series, unit, target), embedded in the page as the data-chart
 * attribute of the chart's box, in <figure id="ID-chart">; label is its caption and
 * accessible name.
 * Takes spec (NULL: nothing is drawn). The box stays hidden without script: a page that draws
 * a chart also holds its numbers in a table. */
void web_chart(http_req *req, html *h, const char *id, const char *label, json_t *spec);
/* The scripts that draw the page's charts, once a page, after its last chart. */
void web_chart_scripts(html *h);
/* <span class="badge CLS">msgid, translated</span> (a status in a list). */
void web_badge(http_req *req, html *h, const char *cls, const char *msgid);

#endif
