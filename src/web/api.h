/*
 * api: the JSON handlers under /api/v1, one file per module. Handlers read input, call the
 * domain, and turn its results (or its refusal) into JSON. No rule lives here.
 */
#ifndef WY_API_H
#define WY_API_H

#include <jansson.h>

#include "http/request.h"
#include "core/store.h"

/* A string member of a JSON body: -1 (and a 400 answer) when it has the wrong type or is
 * required and missing. */
int api_str(http_req *req, json_t *body, const char *key, int required, const char **out);
/* An integer member. */
int api_int(http_req *req, json_t *body, const char *key, int required, int64_t *out);
/* RFC 3339 text of a time in ms. */
json_t *api_time(int64_t ms);
/* An account as the caller may see it (phone masked unless allowed). */
json_t *api_user(http_req *req, const account *u);
/* {"items": [...], "next_cursor": "..."|null} */
json_t *api_page(json_t *items, int64_t next_cursor);
/* Send the record of the route's first {id} to review with submit (a module's rule: 0 and the
 * record's new status, or -1 with the refusal) and answer {"id", "status"}: the handler of
 * every POST .../{id}/submit. */
void api_submit(http_req *req, int (*submit)(wy_ctx *ctx, int64_t id, const char **status));

/* The OpenAPI description of the whole API (NUL-terminated JSON text, len bytes), assembled
 * at build time from openapi-base.json here and each module's openapi.json
 * (cmake/openapi_assemble.c) and compiled in, so the server serves it from any folder. */
extern const char wy_openapi_json[];
extern const size_t wy_openapi_json_len;

#endif
