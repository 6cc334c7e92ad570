/*
 * posts_store: the store interface of posts at venues, applications to them, pairings of teams
 * with venues and the insurance of projects (store_posts.c, sql/0037_volunteer_posts.sql).
 * Conventions as in core/store.h. The store enforces what the tables guard (one live
 * application per volunteer and post; a decision changes only a pending row); every other rule
 * is posts.c's.
 */
#ifndef WY_POSTS_STORE_H
#define WY_POSTS_STORE_H

#include <stdint.h>

#include "core/store.h"

#define POST_WANTED_MAX 100
#define POST_SKILLS_MAX 5

typedef struct volunteer_post {
    int64_t id;
    int64_t venue_id;
    const char *venue_name;
    const char *division;
    const char *title;
    const char *skills; /* ",guide,usher," */
    const char *description;
    int wanted;
    const char *schedule; /* free text: 每周六上午 */
    const char *status;   /* open, closed */
    int accepted;         /* accepted applications */
    int pending;          /* pending applications */
    int64_t created_by, created_at, updated_at;
} volunteer_post;

typedef struct post_application {
    int64_t id;
    int64_t post_id;
    int64_t volunteer_id;
    int64_t user_id;
    const char *status; /* pending, accepted, declined, withdrawn */
    const char *note;
    int64_t decided_by, decided_at, created_at, updated_at;
    /* joined */
    const char *post_title;
    const char *division;
    const char *real_name;
    const char *phone;
} post_application;

typedef struct volunteer_pairing {
    int64_t id;
    int64_t org_id;
    const char *org_name;
    int64_t venue_id;
    const char *venue_name;
    const char *division;
    const char *starts_on;
    const char *ends_on; /* NULL: still paired */
    const char *note;
    int64_t created_at, updated_at;
} volunteer_pairing;

typedef struct project_insurance {
    int64_t project_id;
    const char *insurer;               /* 1-100 characters */
    const char *policy_no;             /* 1-64 */
    const char *cover_from, *cover_to; /* YYYY-MM-DD */
    const char *summary;               /* 0-200 */
    int64_t recorded_by, updated_at;
} project_insurance;

/* A venue of a subtree, for the coordinators' forms. */
typedef struct post_venue {
    int64_t id;
    const char *name;
    const char *division;
} post_venue;

int store_post_venues(db *c, arena *a, const char *prefix, int limit, post_venue **out, size_t *n);
int store_post_venue(db *c, arena *a, int64_t venue_id, const char **division, const char **name);
int store_post_create(db *c, const volunteer_post *p, int64_t now, int64_t *id);
int store_post_get(db *c, arena *a, int64_t id, volunteer_post *out);
int store_post_list(db *c, arena *a, const char *prefix, int64_t venue_id, int all, int64_t before,
                    int limit, volunteer_post **out, size_t *n);
/* Title, skills, description, wanted and schedule of p->id. */
int store_post_update(db *c, const volunteer_post *p, int64_t now);
/* Open a closed post (WY_NOTFOUND when it is not closed). */
int store_post_reopen(db *c, int64_t id, int64_t now);
/* Close an open post and decline its pending applications (WY_NOTFOUND: not open); the users
 * of the declined ones into users. */
int store_post_close(db *c, arena *a, int64_t id, int64_t now, int64_t **apps, int64_t **users,
                     size_t *n);
/* WY_CONSTRAINT: a live application exists. */
int store_post_apply(db *c, int64_t post_id, int64_t volunteer_id, int64_t user_id,
                     const char *note, int64_t now, int64_t *id);
int store_post_application_get(db *c, arena *a, int64_t id, post_application *out);
/* pending -> to (WY_NOTFOUND when not pending). */
int store_post_application_set(db *c, int64_t id, const char *to, int64_t by, int64_t now);
/* status: NULL all, "live" pending and accepted, else that status. */
int store_post_applications(db *c, arena *a, int64_t post_id, const char *status,
                            post_application **out, size_t *n);
int store_post_application_live(db *c, arena *a, int64_t post_id, int64_t user_id,
                                post_application *out);
int store_pairing_create(db *c, const volunteer_pairing *p, int64_t by, int64_t now, int64_t *id);
int store_pairing_get(db *c, arena *a, int64_t id, volunteer_pairing *out);
/* Set the end of an open pairing (WY_NOTFOUND when it has one). */
int store_pairing_end(db *c, int64_t id, const char *ends_on, int64_t now);
int store_pairing_list(db *c, arena *a, int64_t venue_id, int64_t org_id, volunteer_pairing **out,
                       size_t *n);
int store_insurance_put(db *c, const project_insurance *in, int64_t now);
int store_insurance_get(db *c, arena *a, int64_t project_id, project_insurance *out);

/* Notifications of a decision on an application. */
extern const notify_kind post_kind_accepted;
extern const notify_kind post_kind_declined;

#endif
