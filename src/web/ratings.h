/*
 * ratings: the JSON and the page parts of the core's ratings (core/rating.h), the same for
 * every kind of subject, so a module that registers a kind adds its routes with a line each:
 * its handlers call these with the kind's name.
 */
#ifndef WY_WEB_RATINGS_H
#define WY_WEB_RATINGS_H

#include <jansson.h>

#include "core/rating.h"
#include "http/request.h"
#include "web/html.h"

/* {"average": 4.25|null, "count": 4} */
json_t *web_rating_summary_json(const rating_summary *s);
/* A rating as the API shows it: id, subject (the kind), subject_id, <kind>_id, <kind>_title,
 * score, comment, status, user (masked), created_at, updated_at, own; with staff, its reason
 * and decided_at. */
json_t *web_rating_json(http_req *req, const rating *r, int staff);

/* The handlers' bodies, for the subject (kind, req_id(req, 0)):
 * POST {score, comment?} -> 201 (200 when it replaced the caller's earlier rating);
 * GET  -> a page of approved ratings with "rating": the summary. */
void web_api_rating_post(http_req *req, const char *kind);
void web_api_subject_ratings(http_req *req, const char *kind);
/* GET /api/v1/ratings?status= (the moderation queue of every kind) and
 * POST /api/v1/ratings/{id}/decision {decision, reason?}. */
void web_api_ratings_queue(http_req *req);
void web_api_rating_decide(http_req *req);

/* "4.3 of 5 (12 ratings)" or "No ratings yet", escaped into h. */
void web_rating_average(http_req *req, html *h, const rating_summary *s);
/* The section of a subject's page: its average, its approved ratings and, for whoever may
 * rate it, the form posting score and comment to action. Nothing when the subject is not
 * shown. */
void web_ratings_section(http_req *req, html *h, const char *kind, int64_t id, const char *action);
/* The form's POST: rate the subject (kind, req_id(req, 0)), then back to back?msg=rated. */
void web_rate_post(http_req *req, const char *kind, const char *back);

#endif
