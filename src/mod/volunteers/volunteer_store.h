/*
 * volunteer_store: the store interface of the volunteers module (store_volunteers.c).
 * Conventions as in core/store.h.
 */
#ifndef WY_VOLUNTEER_STORE_H
#define WY_VOLUNTEER_STORE_H

#include <stdint.h>

#include "core/store.h"

/* ---- organisations and teams (志愿服务队) ---- */
typedef struct volunteer_org {
    int64_t id;
    int64_t parent_id; /* 0: an organisation; else the organisation of this team */
    const char *division;
    const char *name;
    const char *description;
    int64_t created_by;
    int64_t created_at;
    int64_t archived_at; /* 0: not archived */
} volunteer_org;

int store_volunteer_org_create(db *c, const volunteer_org *o, int64_t now, int64_t *id);
int store_volunteer_org_get(db *c, arena *a, int64_t id, volunteer_org *out);
/* Name and description of o->id. */
int store_volunteer_org_update(db *c, const volunteer_org *o, int64_t now);
/* Archive organisation id and its teams (those not archived yet); WY_NOTFOUND when there was
 * none to archive. Nothing is deleted. */
int store_volunteer_org_archive(db *c, int64_t id, int64_t by, int64_t now);
/* What keeps organisation id (with its teams) from being archived: its projects pending review,
 * and its projects' open shifts that end after now. */
int store_volunteer_org_open_work(db *c, int64_t id, int64_t now, int64_t *projects,
                                  int64_t *shifts);
/* Organisations and teams inside prefix that are not archived, by id, after cursor (an id; 0:
 * from the start). */
int store_volunteer_org_list(db *c, arena *a, const char *prefix, int64_t after, int limit,
                             volunteer_org **out, size_t *n);

/* ---- coordinators of organisations (sql/0044) ---- */
typedef struct org_coordinator {
    int64_t org_id;
    int64_t user_id;
    const char *name;  /* the account's */
    const char *phone; /* as stored (the rules mask it) */
    int64_t added_by, added_at;
} org_coordinator;

/* WY_CONSTRAINT when user_id coordinates org_id already. */
int store_org_coordinator_add(db *c, int64_t org_id, int64_t user_id, int64_t by, int64_t now);
/* WY_NOTFOUND when user_id does not coordinate org_id. */
int store_org_coordinator_remove(db *c, int64_t org_id, int64_t user_id);
/* The coordinators of org_id, in the order they were added (at most 200). */
int store_org_coordinator_list(db *c, arena *a, int64_t org_id, org_coordinator **out, size_t *n);
/* Does user_id coordinate org_id's organisation (org_id itself, or a team's parent)? */
int store_org_coordinates(db *c, int64_t org_id, int64_t user_id, int *yes);

/* ---- volunteers' profiles ---- */
typedef struct volunteer {
    int64_t id;
    int64_t user_id;
    const char *real_name;
    const char *phone; /* the account's, as stored (the rules mask it) */
    const char *birth_date;
    const char *skills; /* ",guide,usher," */
    const char *availability;
    const char *areas; /* ",510402001,510402002," */
    const char *division;
    const char *guardian_name; /* NULL: no consent recorded */
    const char *guardian_phone;
    const char *guardian_consent;
    int64_t created_at;
    int64_t no_shows; /* sign-ups marked no_show (store_volunteer_list only; 0 elsewhere) */
} volunteer;

int store_volunteer_create(db *c, const volunteer *v, int64_t now, int64_t *id);
/* Every field of v's profile but its account and id, by v->user_id. */
int store_volunteer_update(db *c, const volunteer *v, int64_t now);
/* WY_NOTFOUND when the account has no profile. */
int store_volunteer_by_user(db *c, arena *a, int64_t user_id, volunteer *out);
int store_volunteer_get(db *c, arena *a, int64_t id, volunteer *out);
/* Volunteers whose first service area is inside prefix, by id, after cursor; skill (without
 * commas) narrows to those who have it, NULL for all. Each with its count of no-shows. */
int store_volunteer_list(db *c, arena *a, const char *prefix, const char *skill, int64_t after,
                         int limit, volunteer **out, size_t *n);

/* ---- projects (志愿服务项目), published through review ---- */
typedef struct volunteer_project {
    int64_t id;
    int64_t org_id;
    const char *division;
    const char *title;
    const char *description;
    const char *status;
    int64_t created_by;
    int64_t created_at;
    int64_t published_at;
} volunteer_project;

int store_volunteer_project_create(db *c, const volunteer_project *p, int64_t now, int64_t *id);
int store_volunteer_project_get(db *c, arena *a, int64_t id, volunteer_project *out);
/* Title and description of a draft or rejected project (WY_NOTFOUND when it is neither). */
int store_volunteer_project_update(db *c, int64_t id, const char *title, const char *description,
                                   int64_t now);
int store_volunteer_project_set_status(db *c, int64_t id, const char *status, int64_t now);
/* Title and description of a published project: an approved revision (WY_NOTFOUND when it is
 * not published). */
int store_volunteer_project_revise(db *c, int64_t id, const char *title, const char *description,
                                   int64_t now);
/* Projects inside prefix with status (NULL: any), newest first, before cursor (0: none). */
int store_volunteer_project_list(db *c, arena *a, const char *prefix, const char *status,
                                 int64_t before, int limit, volunteer_project **out, size_t *n);

#endif
