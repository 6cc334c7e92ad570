/* api_meta: health, metrics and the API description. */
#include <stdio.h>
#include <stdlib.h>

#include "mod/site/handlers.h"
#include "http/app.h"
#include "core/session_cache.h"
#include "http/router.h"
#include "util/timeutil.h"
#include "web/api.h"

void api_healthz(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    db_stmt *st = db_query(ctx->c, "SELECT 1", "");
    int ok = st && db_step(st) == 1;
    db_done(st);
    resp_json(req, ok ? 200 : 503,
              json_pack("{s:s,s:s,s:I}", "status", ok ? "ok" : "database unavailable", "version",
                        WY_VERSION, "uptime_s",
                        (json_int_t)((time_now_ms() - req->app->started_ms) / 1000)));
}

static const char *route_label(int i, char *buf, size_t n)
{
    size_t count;
    const route *t = routes_table(&count);
    snprintf(buf, n, "%s %s", t[i].method, t[i].pattern);
    return buf;
}

void api_metrics(http_req *req)
{
    strbuf sb = STRBUF_INIT;
    metrics_render(req->app->m, &sb, route_label, req->app->st,
                   time_now_ms() - req->app->started_ms);
    session_cache_stats cs;
    session_cache_stats_get(&cs);
    sb_addf(&sb,
            "# HELP wenyun_session_cache_hits_total Requests whose session was known without"
            " the database.\n# TYPE wenyun_session_cache_hits_total counter\n"
            "wenyun_session_cache_hits_total %llu\n"
            "# HELP wenyun_session_cache_misses_total Requests whose session was read from the"
            " database.\n# TYPE wenyun_session_cache_misses_total counter\n"
            "wenyun_session_cache_misses_total %llu\n"
            "# HELP wenyun_session_cache_entries Sessions remembered by this process.\n"
            "# TYPE wenyun_session_cache_entries gauge\nwenyun_session_cache_entries %llu\n",
            (unsigned long long)cs.hits, (unsigned long long)cs.misses,
            (unsigned long long)cs.entries);
    resp_text(req, 200, "text/plain; version=0.0.4; charset=utf-8", sb.buf, sb.len);
    sb_release(&sb);
}

/* The description assembled at build time from the modules' fragments (web/api.h). */
void api_openapi(http_req *req)
{
    resp_text(req, 200, "application/json; charset=utf-8", wy_openapi_json, wy_openapi_json_len);
}
