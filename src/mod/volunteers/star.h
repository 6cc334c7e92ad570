/*
 * star: volunteers' star levels (星级认定), the service-record certificates (志愿服务记录证明)
 * and the module's indicators (docs/volunteers.md, "Star levels", "Certificates").
 *
 * A volunteer's verified total is the balance of their account "u:<user_id>" of the hours
 * ledger (book "hours", minutes; core/ledger.h), read without scanning history. Levels one to
 * five go by that total against five thresholds in hours: those of the nearest ancestor of the
 * volunteer's division that a province or city has set (star_thresholds_set), else the national
 * default 100/300/600/1000/1500.
 *
 * A level is applied for (by the volunteer, or by a coordinator for them) when the total
 * reaches it; the application is on the public notice (公示) for [volunteers]
 * star_notice_days working days of the city's calendar (core/workday.h: Monday to Friday in
 * China time, less public holidays, plus make-up working days on weekends), during which anyone
 * logged in may object with a reason. After the notice a coordinator over the volunteer's division
 * who is neither the volunteer nor who applied grants or refuses it; an upheld objection refuses
 * it, and a grant is refused when the verified total no longer supports the level. The grant writes
 * the volunteer's current level (read without scanning the applications); a revocation (hours
 * proved false) sets it to 0. Grants, refusals, revocations and thresholds are audited; the
 * volunteer is told of each decision (core/notify.h).
 */
#ifndef WY_VOLUNTEER_STAR_H
#define WY_VOLUNTEER_STAR_H

#include "core/certificate.h"
#include "core/domain.h"
#include "core/indicator.h"
#include "core/notify.h"
#include "mod/volunteers/star_store.h"
#include "mod/volunteers/volunteer_store.h"

#define STAR_HOURS_BOOK                 "hours"
#define STAR_REASON_MAX                 500
#define VOLUNTEER_CERTIFICATE_KIND      "volunteer_service"
#define VOLUNTEER_STAR_CERTIFICATE_KIND "volunteer_star"

extern const int64_t star_national_hours[STAR_LEVELS]; /* 100, 300, 600, 1000, 1500 */

typedef struct star_thresholds {
    int64_t hours[STAR_LEVELS];
    char from[16]; /* the division that set them; "" for the national default */
} star_thresholds;

/* The thresholds that apply to a volunteer of division. */
int star_thresholds_for(wy_ctx *ctx, const char *division, star_thresholds *out);
/* A province or city (a code of 2 or 4 digits) sets its five thresholds, strictly rising,
 * 1 to 100000 hours: volunteers_manage over it; audited (volunteer_stars.thresholds). */
int star_thresholds_set(wy_ctx *ctx, const char *division, const int64_t hours[STAR_LEVELS]);

/* The highest level whose threshold minutes reach (0: none). */
int star_level_for(const star_thresholds *t, int64_t minutes);
/* How many volunteers of a subtree (NULL or "": everywhere) qualify by their verified hours for
 * each level: counts[0] none, counts[k] level k, under the thresholds of each one's
 * jurisdiction. One pass over the volunteers with their balances (no history is read); for
 * volunteers_manage over the subtree (NULL ctx->who: the command line). */
int star_levels_count(wy_ctx *ctx, const char *division, int64_t counts[STAR_LEVELS + 1]);
/* The end of a notice opened at now that lasts days working days into *end: 00:00 China time
 * of the day after the days-th working day (core/workday.h) after now's day. */
int star_notice_end(wy_ctx *ctx, int64_t now, int days, int64_t *end);

/* A volunteer's standing. */
typedef struct star_standing {
    volunteer v;
    int64_t minutes; /* verified, from the ledger */
    star_thresholds t;
    int qualified;         /* the level the minutes reach */
    int level;             /* granted, current */
    int64_t next_hours;    /* the threshold of the next level above both; 0 at five */
    star_application open; /* id 0: no application in notice */
} star_standing;

/* The caller's standing; E_NOTFOUND not_registered without a profile. */
int star_mine(wy_ctx *ctx, star_standing *out);

/* Apply for level for volunteer_id (0: the caller's own profile; another's: volunteers_manage
 * over their division). 422 not_qualified above what the verified total reaches, 409
 * already_level at or below the current level, 409 open_application with one in notice. */
int star_apply(wy_ctx *ctx, int64_t volunteer_id, int level, int64_t *id);
/* An application on notice (anyone); a decided one only for its volunteer and volunteers_manage
 * over its division (404 for everyone else). */
int star_application_get(wy_ctx *ctx, int64_t id, star_application *out);
/* Applications of a subtree in notice (anyone); with another status, volunteers_manage over
 * the subtree (NULL division: the caller's widest). */
int star_application_list(wy_ctx *ctx, const char *status, const char *division, int64_t after,
                          int limit, star_application **out, size_t *n);
/* An objection with a reason (1 to 500 characters) while the notice lasts: anyone logged in
 * (409 notice_closed after it). */
int star_object(wy_ctx *ctx, int64_t id, const char *reason, int64_t *objection_id);
int star_objections(wy_ctx *ctx, int64_t id, star_objection **out, size_t *n);
/* Decide after the notice: decision "grant" or "refuse" (refuse needs a note); objections
 * "upheld" or "dismissed" when there are open ones (422 objections_undecided otherwise; upheld
 * refuses whatever the decision). *status: granted or refused. */
int star_decide(wy_ctx *ctx, int64_t id, const char *decision, const char *objections,
                const char *note, const char **status);
/* Revoke a granted level with a reason (1 to 500 characters). */
int star_revoke(wy_ctx *ctx, int64_t id, const char *reason);

/* The notification kinds (the descriptor lists them with star_note_text). */
extern const notify_kind star_kind_granted, star_kind_refused, star_kind_revoked;

/* ---- certificates (service_certificate.c) ---- */
extern const certificate_kind volunteer_certificate_kind, volunteer_star_certificate_kind;
/* The star level's certificate of a grant (in the grant's transaction): the level, the verified
 * total at the grant, the area; issued by the organisation on the application, else the
 * volunteer's division. */
int star_certificate_issue_tx(wy_ctx *ctx, const star_application *a, int64_t minutes);
/* Revoke the valid certificates of an application's grant (in the revocation's transaction). */
int star_certificate_revoke_tx(wy_ctx *ctx, int64_t application_id, const char *reason);
/* A coordinator over org_id's division issues the volunteer's service certificate of that
 * organisation: the verified minutes of its records (corrections included), the period, the
 * organisation, number and date. 422 no_hours without verified minutes there; the same
 * records give the same certificate again (*existing). */
int volunteer_certificate_issue(wy_ctx *ctx, int64_t org_id, int64_t volunteer_id, certificate *out,
                                int *existing);

/* ---- indicators (star_indicators.c) ---- */
int star_ind_per_million(wy_ctx *ctx, const char *division, int64_t from, int64_t to, double *out);
int star_ind_hours(wy_ctx *ctx, const char *division, int64_t from, int64_t to, double *out);
int star_ind_active(wy_ctx *ctx, const char *division, int64_t from, int64_t to, double *out);
int star_ind_per_resident(wy_ctx *ctx, const char *division, int64_t from, int64_t to, double *out);
int star_ind_stars_1(wy_ctx *ctx, const char *division, int64_t from, int64_t to, double *out);
int star_ind_stars_2(wy_ctx *ctx, const char *division, int64_t from, int64_t to, double *out);
int star_ind_stars_3(wy_ctx *ctx, const char *division, int64_t from, int64_t to, double *out);
int star_ind_stars_4(wy_ctx *ctx, const char *division, int64_t from, int64_t to, double *out);
int star_ind_stars_5(wy_ctx *ctx, const char *division, int64_t from, int64_t to, double *out);

/* `wenyun demo`: a star volunteer of 东区 with a granted level and a service certificate
 * (demo_stars.c); called at the end of volunteers_demo. */
int volunteers_demo_stars(wy_ctx *ctx, int verbose);

#endif
