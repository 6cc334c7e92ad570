/* course: see course.h. */
#include "mod/courses/course.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/authz.h"
#include "core/division.h"
#include "core/review.h"
#include "mod/venues/venue.h"
#include "mod/venues/venue_store.h"
#include "util/csvread.h"
#include "util/timeutil.h"

const char *const course_categories[] = {
    "literature",
    "art_appreciation",
    "music_instruments",
    "dance",
    "opera",
    "calligraphy_painting",
    "photography",
    "intangible_heritage",
    "digital_skills",
    "other",
    NULL,
};
const char *const course_levels[] = {"all", "beginner", "intermediate", "advanced", NULL};
const char *const course_deliveries[] = {"onsite", "online", "both", NULL};

static int in_list(const char *const *list, const char *v)
{
    for (int i = 0; v && list[i]; i++)
        if (!strcmp(list[i], v))
            return 1;
    return 0;
}

int course_category_known(const char *c)
{
    return in_list(course_categories, c);
}

static int on_review_status(wy_ctx *ctx, int64_t id, const char *status)
{
    int rc = store_course_set_status(ctx->c, id, status, ctx->now);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "course status");
}

const review_type course_review_type = {"course", on_review_status};

static int text_ok(const char *s, size_t max)
{
    return !s || (utf8_valid(s, strlen(s)) && utf8_length(s) <= max);
}

static int url_ok(const char *u)
{
    return !u || !strncmp(u, "https://", 8) || !strncmp(u, "http://", 7);
}

/* ---- local days ---- */

#define DAY_MS    (24LL * 3600 * 1000)
#define OFFSET_MS ((int64_t)WY_TZ_OFFSET_MIN * 60 * 1000)

/* Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
static int64_t days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static int parse_ymd(const char *s, int *y, int *m, int *d)
{
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return -1;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return -1;
    *y = atoi(s);
    *m = atoi(s + 5);
    *d = atoi(s + 8);
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (*y < 1900 || *y > 2999 || *m < 1 || *m > 12 || *d < 1 || *d > mdays[*m - 1])
        return -1;
    int leap = (*y % 4 == 0 && *y % 100 != 0) || *y % 400 == 0;
    return *m == 2 && *d == 29 && !leap ? -1 : 0;
}

int64_t course_day_parse(const char *s)
{
    int y, m, d;
    return parse_ymd(s, &y, &m, &d) < 0 ? -1 : days_from_civil(y, m, d);
}

void course_day_text(int64_t day, char out[11])
{
    /* civil_from_days (Howard Hinnant) */
    int64_t z = day + 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t y = yoe + era * 400;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    int d = (int)(doy - (153 * mp + 2) / 5 + 1);
    int m = (int)(mp < 10 ? mp + 3 : mp - 9);
    y += m <= 2;
    /* each part within its width (a year of 4 digits), so the text is exactly 10 */
    unsigned yy = (unsigned)(y % 10000 + 10000) % 10000, mm = (unsigned)m % 100,
             dd = (unsigned)d % 100;
    out[0] = (char)('0' + yy / 1000);
    out[1] = (char)('0' + yy / 100 % 10);
    out[2] = (char)('0' + yy / 10 % 10);
    out[3] = (char)('0' + yy % 10);
    out[4] = '-';
    out[5] = (char)('0' + mm / 10);
    out[6] = (char)('0' + mm % 10);
    out[7] = '-';
    out[8] = (char)('0' + dd / 10);
    out[9] = (char)('0' + dd % 10);
    out[10] = '\0';
}

int64_t course_day_of(int64_t ms)
{
    int64_t t = ms + OFFSET_MS;
    return t >= 0 ? t / DAY_MS : -((-t + DAY_MS - 1) / DAY_MS);
}

int course_weekday(int64_t day)
{
    /* 1970-01-01 was a Thursday (4) */
    int64_t w = (day + 3) % 7;
    if (w < 0)
        w += 7;
    return (int)w + 1;
}

int course_age_on(const char *birth_date, const char *day)
{
    int by, bm, bd, y, m, d;
    if (parse_ymd(birth_date, &by, &bm, &bd) < 0 || parse_ymd(day, &y, &m, &d) < 0)
        return -1;
    int age = y - by - ((m < bm || (m == bm && d < bd)) ? 1 : 0);
    return age < 0 ? -1 : age;
}

/* ---- the weekly schedule ---- */

int course_schedule_parse(const char *text, course_slot *out, size_t max, size_t *n)
{
    json_t *j = text ? json_loads(text, 0, NULL) : NULL;
    int ok = j && json_is_array(j) && json_array_size(j) >= 1 && json_array_size(j) <= max;
    *n = 0;
    for (size_t i = 0; ok && i < json_array_size(j); i++) {
        json_t *o = json_array_get(j, i);
        json_t *wd = json_object_get(o, "weekday");
        const char *s = json_string_value(json_object_get(o, "starts"));
        const char *e = json_string_value(json_object_get(o, "ends"));
        ok = json_is_object(o) && json_is_integer(wd) && s && e;
        if (ok) {
            out[i] = (course_slot){(int)json_integer_value(wd), venue_parse_hhmm(s),
                                   venue_parse_hhmm(e)};
            ok = out[i].weekday >= 1 && out[i].weekday <= 7 && out[i].starts >= 0 &&
                 out[i].ends > out[i].starts && out[i].ends <= 24 * 60;
            *n = i + 1;
        }
    }
    json_decref(j);
    return ok ? 0 : -1;
}

static int slot_cmp(const void *a, const void *b)
{
    const course_slot *x = a, *y = b;
    return x->weekday != y->weekday ? x->weekday - y->weekday : x->starts - y->starts;
}

int course_schedule_sessions(const course_slot *slots, size_t nslots, const char *from,
                             const char *until, course_session *out, size_t max, size_t *n)
{
    int64_t d0 = course_day_parse(from), d1 = course_day_parse(until);
    *n = 0;
    if (d0 < 0 || d1 < d0)
        return -1;
    course_slot s[COURSE_SLOTS_MAX];
    if (nslots > COURSE_SLOTS_MAX)
        return -1;
    memcpy(s, slots, nslots * sizeof(*s));
    qsort(s, nslots, sizeof(*s), slot_cmp);
    for (int64_t d = d0; d <= d1; d++) {
        int wd = course_weekday(d);
        int64_t midnight = d * DAY_MS - OFFSET_MS;
        for (size_t i = 0; i < nslots; i++) {
            if (s[i].weekday != wd)
                continue;
            if (*n < max)
                out[*n] = (course_session){.starts_at = midnight + s[i].starts * 60000LL,
                                           .ends_at = midnight + s[i].ends * 60000LL,
                                           .status = "scheduled"};
            (*n)++;
        }
    }
    return 0;
}

/* ---- JSON lists of short texts (specialties, titles) ---- */

static int text_list_ok(const char *text)
{
    if (!text)
        return 1;
    json_t *j = json_loads(text, 0, NULL);
    int ok = json_is_array(j) && json_array_size(j) <= 20;
    for (size_t i = 0; ok && i < json_array_size(j); i++) {
        const char *s = json_string_value(json_array_get(j, i));
        ok = s && *s && text_ok(s, 100);
    }
    json_decref(j);
    return ok;
}

/* ---- teachers ---- */

static int check_teacher(wy_ctx *ctx, const course_teacher *t)
{
    if (t->name && (!*t->name || !text_ok(t->name, 32)))
        return wy_fail_field(ctx, E_INVALID, "bad_name", "A name has 1 to 32 characters.", "name");
    if (!text_list_ok(t->specialties))
        return wy_fail_field(ctx, E_INVALID, "bad_specialties",
                             "Specialties are a list of at most 20 texts of 1 to 100 characters.",
                             "specialties");
    if (!text_list_ok(t->titles))
        return wy_fail_field(ctx, E_INVALID, "bad_titles",
                             "Titles are a list of at most 20 texts of 1 to 100 characters.",
                             "titles");
    if (!text_ok(t->bio, 5000))
        return wy_fail_field(ctx, E_INVALID, "bad_bio", "A biography has at most 5000 characters.",
                             "bio");
    if (t->photo_url && (!url_ok(t->photo_url) || !text_ok(t->photo_url, 500)))
        return wy_fail_field(ctx, E_INVALID, "bad_url", "A link is a web address (http or https).",
                             "photo_url");
    return 0;
}

/* Does the account hold the teacher role anywhere? */
static int holds_teacher_role(wy_ctx *ctx, int64_t user_id, int *yes)
{
    role_grant *g;
    size_t n;
    *yes = 0;
    int rc = store_roles_of(ctx->c, ctx->a, user_id, &g, &n);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "roles");
    for (size_t i = 0; i < n; i++)
        if (role_parse(g[i].role) == ROLE_TEACHER)
            *yes = 1;
    return 0;
}

int teacher_create(wy_ctx *ctx, course_teacher *t, int64_t *id)
{
    char div[DIVISION_CODE_MAX];
    if (!t->division || division_normalize(t->division, div) < 0)
        return wy_fail_field(ctx, E_INVALID, "bad_division",
                             "A division code has 2, 4, 6, 9 or 12 digits.", "division");
    if (t->user_id <= 0)
        return wy_fail_field(ctx, E_INVALID, "missing_field", "Name the teacher's account.",
                             "user_id");
    if (check_teacher(ctx, t) < 0 || authz_require(ctx, PERM_COURSES_MANAGE, div) < 0)
        return -1;
    t->division = arena_strdup(ctx->a, div);
    if (!t->specialties)
        t->specialties = "[]";
    if (!t->titles)
        t->titles = "[]";
    if (!t->bio)
        t->bio = "";
    if (tx_begin(ctx) < 0)
        return -1;
    account u;
    int yes = 0, res = 0;
    int rc = store_user_by_id(ctx->c, ctx->a, t->user_id, &u);
    if (rc == WY_NOTFOUND)
        res = wy_fail_field(ctx, E_INVALID, "unknown_account", "No such account.", "user_id");
    else if (rc != WY_OK)
        res = wy_fail_store(ctx, rc, "account");
    if (res == 0)
        res = holds_teacher_role(ctx, t->user_id, &yes);
    if (res == 0 && !yes)
        res = wy_fail_field(ctx, E_RULE, "not_a_teacher",
                            "This account does not hold the teacher role.", "user_id");
    if (res == 0) {
        if (!t->name || !*t->name)
            t->name = u.name;
        t->created_by = ctx->who->user_id;
        rc = store_teacher_create(ctx->c, t, ctx->now, id);
        if (rc == WY_CONSTRAINT)
            res = wy_fail_field(ctx, E_CONFLICT, "duplicate",
                                "This account has a teacher's profile already.", "user_id");
        else if (rc != WY_OK)
            res = wy_fail_store(ctx, rc, "teacher");
    }
    if (res == 0)
        res = audit_add(ctx, "teacher.create", "course_teacher", *id, div, NULL, NULL, t->name);
    if (tx_end(ctx, res) < 0)
        return -1;
    t->id = *id;
    return 0;
}

int teacher_update(wy_ctx *ctx, int64_t id, const course_teacher *in)
{
    course_teacher t;
    if (check_teacher(ctx, in) < 0)
        return -1;
    if (tx_begin(ctx) < 0)
        return -1;
    int res = 0;
    int rc = store_teacher_get(ctx->c, ctx->a, id, &t);
    if (rc != WY_OK)
        res = wy_fail_store(ctx, rc, "teacher");
    else if (!(ctx->who && ctx->who->user_id == t.user_id))
        res = authz_require(ctx, PERM_COURSES_MANAGE, t.division);
    if (res == 0) {
        if (in->name)
            t.name = in->name;
        if (in->specialties)
            t.specialties = in->specialties;
        if (in->titles)
            t.titles = in->titles;
        if (in->photo_url)
            t.photo_url = *in->photo_url ? in->photo_url : NULL;
        if (in->bio)
            t.bio = in->bio;
        rc = store_teacher_update(ctx->c, &t, ctx->now);
        if (rc != WY_OK)
            res = wy_fail_store(ctx, rc, "teacher");
    }
    if (res == 0)
        res = audit_add(ctx, "teacher.update", "course_teacher", id, t.division, NULL, NULL, NULL);
    return tx_end(ctx, res);
}

int teacher_get(wy_ctx *ctx, int64_t id, course_teacher *out)
{
    int rc = store_teacher_get(ctx->c, ctx->a, id, out);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "teacher");
}

int teacher_mine(wy_ctx *ctx, course_teacher *out)
{
    if (!ctx->who || !ctx->who->user_id)
        return wy_fail(ctx, E_UNAUTH, "login_required", "Please log in first.");
    int rc = store_teacher_by_user(ctx->c, ctx->a, ctx->who->user_id, out);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "teacher");
}

/* A division filter: "" for none, else normalised into div; -1 with the refusal. */
static int division_filter(wy_ctx *ctx, const char *in, char div[DIVISION_CODE_MAX])
{
    div[0] = '\0';
    if (in && *in && division_normalize(in, div) < 0)
        return wy_fail_field(ctx, E_INVALID, "bad_division",
                             "A division code has 2, 4, 6, 9 or 12 digits.", "division");
    return 0;
}

int teacher_list(wy_ctx *ctx, const char *division, int64_t after, int limit, course_teacher **out,
                 size_t *n)
{
    char div[DIVISION_CODE_MAX];
    if (division_filter(ctx, division, div) < 0)
        return -1;
    int rc = store_teacher_list(ctx->c, ctx->a, div, after, limit, out, n);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "teachers");
}

/* ---- terms ---- */

static int check_term(wy_ctx *ctx, const course_term *t)
{
    if (!t->name || !*t->name || !text_ok(t->name, 100))
        return wy_fail_field(ctx, E_INVALID, "bad_name", "A name has 1 to 100 characters.", "name");
    if (!t->enrol_opens_at || t->enrol_closes_at <= t->enrol_opens_at)
        return wy_fail_field(ctx, E_INVALID, "bad_window",
                             "The enrolment window closes after it opens.", "enrol_closes_at");
    int64_t d0 = course_day_parse(t->classes_from), d1 = course_day_parse(t->classes_until);
    if (d0 < 0 || d1 < 0 || d1 < d0 || d1 - d0 > 366)
        return wy_fail_field(ctx, E_INVALID, "bad_dates",
                             "Classes run from one date (YYYY-MM-DD) to another, within a year.",
                             "classes_until");
    if (t->max_courses < 1 || t->max_courses > 20)
        return wy_fail_field(ctx, E_INVALID, "bad_limit", "A person takes 1 to 20 courses a term.",
                             "max_courses");
    if (t->max_choices < 1 || t->max_choices > 10)
        return wy_fail_field(ctx, E_INVALID, "bad_limit", "An application ranks 1 to 10 courses.",
                             "max_choices");
    return 0;
}

int term_create(wy_ctx *ctx, course_term *t, int64_t *id)
{
    char div[DIVISION_CODE_MAX];
    if (!t->division || division_normalize(t->division, div) < 0)
        return wy_fail_field(ctx, E_INVALID, "bad_division",
                             "A division code has 2, 4, 6, 9 or 12 digits.", "division");
    if (check_term(ctx, t) < 0 || authz_require(ctx, PERM_COURSES_MANAGE, div) < 0)
        return -1;
    t->division = arena_strdup(ctx->a, div);
    t->created_by = ctx->who->user_id;
    if (tx_begin(ctx) < 0)
        return -1;
    int res = 0;
    int rc = store_term_create(ctx->c, t, ctx->now, id);
    if (rc == WY_CONSTRAINT)
        res = wy_fail_field(ctx, E_INVALID, "unknown_division", "No such division.", "division");
    else if (rc != WY_OK)
        res = wy_fail_store(ctx, rc, "term");
    if (res == 0)
        res = audit_add(ctx, "course_term.create", "course_term", *id, div, NULL, NULL, t->name);
    if (tx_end(ctx, res) < 0)
        return -1;
    t->id = *id;
    return 0;
}

int term_update(wy_ctx *ctx, const course_term *in)
{
    course_term t;
    if (check_term(ctx, in) < 0)
        return -1;
    if (tx_begin(ctx) < 0)
        return -1;
    int res = 0;
    int rc = store_term_get(ctx->c, ctx->a, in->id, &t);
    if (rc != WY_OK)
        res = wy_fail_store(ctx, rc, "term");
    else
        res = authz_require(ctx, PERM_COURSES_MANAGE, t.division);
    if (res == 0 && (rc = store_term_update(ctx->c, in, ctx->now)) != WY_OK)
        res = wy_fail_store(ctx, rc, "term");
    if (res == 0)
        res = audit_add(ctx, "course_term.update", "course_term", in->id, t.division, NULL, NULL,
                        in->name);
    return tx_end(ctx, res);
}

int term_get(wy_ctx *ctx, int64_t id, course_term *out)
{
    int rc = store_term_get(ctx->c, ctx->a, id, out);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "term");
}

int term_list(wy_ctx *ctx, const char *division, int64_t before, int limit, course_term **out,
              size_t *n)
{
    char div[DIVISION_CODE_MAX];
    if (division_filter(ctx, division, div) < 0)
        return -1;
    int rc = store_term_list(ctx->c, ctx->a, div, before, limit, out, n);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "terms");
}

term_window term_window_at(const course_term *t, int64_t now)
{
    return now < t->enrol_opens_at     ? TERM_NOT_OPEN
           : now >= t->enrol_closes_at ? TERM_CLOSED
                                       : TERM_OPEN;
}

/* ---- courses ---- */

int course_session_get(wy_ctx *ctx, int64_t id, course_session *out)
{
    int rc = store_course_session_get(ctx->c, ctx->a, id, out);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "session");
}

int course_managed_by(const principal *who, const course *k)
{
    return authz_allows(who, PERM_COURSES_MANAGE, k->division);
}

int course_taught_by(wy_ctx *ctx, const course *k)
{
    course_teacher t;
    if (!k->teacher_id || !ctx->who || !ctx->who->user_id)
        return 0;
    return store_teacher_get(ctx->c, ctx->a, k->teacher_id, &t) == WY_OK &&
           t.user_id == ctx->who->user_id;
}

/* The rules of a course's own fields; the division (and residence) normalised in place. */
static int check_course(wy_ctx *ctx, course *k)
{
    char div[DIVISION_CODE_MAX];
    if (!k->title || !*k->title || !text_ok(k->title, 100))
        return wy_fail_field(ctx, E_INVALID, "bad_title", "A title has 1 to 100 characters.",
                             "title");
    if (!course_category_known(k->category))
        return wy_fail_field(ctx, E_INVALID, "bad_category", "No such course category.",
                             "category");
    if (!k->level)
        k->level = "all";
    if (!in_list(course_levels, k->level))
        return wy_fail_field(ctx, E_INVALID, "bad_level",
                             "A level is all, beginner, intermediate or advanced.", "level");
    if (!k->division || division_normalize(k->division, div) < 0)
        return wy_fail_field(ctx, E_INVALID, "bad_division",
                             "A division code has 2, 4, 6, 9 or 12 digits.", "division");
    k->division = arena_strdup(ctx->a, div);
    if (k->residence && *k->residence) {
        if (division_normalize(k->residence, div) < 0)
            return wy_fail_field(ctx, E_INVALID, "bad_division",
                                 "A division code has 2, 4, 6, 9 or 12 digits.", "residence");
        k->residence = arena_strdup(ctx->a, div);
    } else {
        k->residence = NULL;
    }
    if (!text_ok(k->description, 20000) || !text_ok(k->room, 100))
        return wy_fail(ctx, E_INVALID, "bad_text", "A text field is too long or not UTF-8.");
    if (k->age_min > 150 || k->age_max > 150 ||
        (k->age_min >= 0 && k->age_max >= 0 && k->age_max < k->age_min))
        return wy_fail_field(ctx, E_INVALID, "bad_ages",
                             "An age range runs from 0 to 150, its end not before its start.",
                             "age_max");
    if (k->places < 1 || k->places > 100000)
        return wy_fail_field(ctx, E_INVALID, "bad_places", "A course has 1 to 100000 places.",
                             "places");
    if (!k->delivery)
        k->delivery = "onsite";
    if (!in_list(course_deliveries, k->delivery))
        return wy_fail_field(ctx, E_INVALID, "bad_delivery", "Delivery is onsite, online or both.",
                             "delivery");
    if (!strcmp(k->delivery, "onsite")) {
        k->online_kind = NULL;
        k->online_url = NULL;
    } else if (!k->online_kind ||
               (strcmp(k->online_kind, "live") && strcmp(k->online_kind, "recorded")) ||
               !k->online_url || !url_ok(k->online_url) || !text_ok(k->online_url, 500)) {
        return wy_fail_field(ctx, E_INVALID, "bad_online",
                             "A course online has its kind (live or recorded) and its link.",
                             "online_url");
    }
    if (!k->enrolment || (strcmp(k->enrolment, "first_come") && strcmp(k->enrolment, "lottery")))
        return wy_fail_field(ctx, E_INVALID, "bad_enrolment", "Enrolment is first_come or lottery.",
                             "enrolment");
    course_slot slots[COURSE_SLOTS_MAX];
    size_t ns;
    if (course_schedule_parse(k->schedule, slots, COURSE_SLOTS_MAX, &ns) < 0)
        return wy_fail_field(ctx, E_INVALID, "bad_schedule",
                             "A schedule is 1 to 14 weekly slots: a weekday (1 Monday to 7 "
                             "Sunday), a start and an end (HH:MM).",
                             "schedule");
    return 0;
}

/* Inside the caller's transaction: the references of k (term, teacher, venue) that who may
 * use, and the sessions its schedule makes; -1 with the refusal. */
static int course_refs(wy_ctx *ctx, const course *k, course_term *t, course_session **ss,
                       size_t *nss)
{
    int rc = store_term_get(ctx->c, ctx->a, k->term_id, t);
    if (rc == WY_NOTFOUND)
        return wy_fail_field(ctx, E_INVALID, "unknown_term", "No such term.", "term_id");
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "term");
    if (!division_contains(t->division, k->division) &&
        !division_contains(k->division, t->division))
        return wy_fail_field(ctx, E_INVALID, "term_elsewhere",
                             "The term belongs to a centre of another division.", "term_id");
    if (k->teacher_id) {
        course_teacher te;
        rc = store_teacher_get(ctx->c, ctx->a, k->teacher_id, &te);
        if (rc == WY_NOTFOUND)
            return wy_fail_field(ctx, E_INVALID, "unknown_teacher", "No such teacher.",
                                 "teacher_id");
        if (rc != WY_OK)
            return wy_fail_store(ctx, rc, "teacher");
    }
    if (k->venue_id) {
        venue v;
        rc = store_venue_get(ctx->c, ctx->a, k->venue_id, &v);
        if (rc == WY_NOTFOUND)
            return wy_fail_field(ctx, E_INVALID, "unknown_venue", "There is no such venue.",
                                 "venue_id");
        if (rc != WY_OK)
            return wy_fail_store(ctx, rc, "venue");
        if (!authz_allows(ctx->who, PERM_COURSES_MANAGE, v.division))
            return wy_fail_field(ctx, E_FORBIDDEN, "venue_forbidden",
                                 "You may not hold courses at this venue: it is outside your "
                                 "divisions.",
                                 "venue_id");
    }
    course_slot slots[COURSE_SLOTS_MAX];
    size_t nslots, n;
    course_session *s = arena_alloc(ctx->a, (COURSE_SESSIONS_MAX + 1) * sizeof(*s));
    if (!s || course_schedule_parse(k->schedule, slots, COURSE_SLOTS_MAX, &nslots) < 0 ||
        course_schedule_sessions(slots, nslots, t->classes_from, t->classes_until, s,
                                 COURSE_SESSIONS_MAX, &n) < 0)
        return wy_fail(ctx, E_INTERNAL, "internal", "Something went wrong on our side.");
    if (n == 0 || n > COURSE_SESSIONS_MAX)
        return wy_fail_field(ctx, E_INVALID, "bad_schedule",
                             "The schedule makes no session in the term's class dates, or more "
                             "than 200.",
                             "schedule");
    *ss = s;
    *nss = n;
    return 0;
}

int course_create(wy_ctx *ctx, course *k, int64_t *id)
{
    if (check_course(ctx, k) < 0 || authz_require(ctx, PERM_COURSES_MANAGE, k->division) < 0)
        return -1;
    if (tx_begin(ctx) < 0)
        return -1;
    course_term t;
    course_session *ss;
    size_t ns;
    int res = course_refs(ctx, k, &t, &ss, &ns);
    int rc;
    if (res == 0) {
        k->created_by = ctx->who->user_id;
        rc = store_course_create(ctx->c, k, ctx->now, id);
        if (rc == WY_OK)
            rc = store_course_sessions_replace(ctx->c, *id, ss, ns);
        if (rc == WY_CONSTRAINT)
            res =
                wy_fail_field(ctx, E_INVALID, "unknown_reference", "No such division.", "division");
        else if (rc != WY_OK)
            res = wy_fail_store(ctx, rc, "course");
    }
    if (res == 0)
        res = review_author_add(ctx, "course", *id);
    if (res == 0)
        res = audit_add(ctx, "course.create", "course", *id, k->division, NULL, "draft",
                        arena_sprintf(ctx->a, "%zu sessions", ns));
    if (tx_end(ctx, res) < 0)
        return -1;
    k->id = *id;
    k->status = "draft";
    return 0;
}

/* Who may change or submit a course: its managers. A draft is not known to those who may not
 * see it. */
static int may_manage(wy_ctx *ctx, const course *k)
{
    if (course_managed_by(ctx->who, k))
        return 0;
    if (strcmp(k->status, "published") && !authz_allows(ctx->who, PERM_REVIEW, k->division) &&
        !course_taught_by(ctx, k))
        return wy_fail(ctx, E_NOTFOUND, "not_found", "Not found.");
    return authz_require(ctx, PERM_COURSES_MANAGE, k->division) < 0
               ? -1
               : wy_fail(ctx, E_FORBIDDEN, "forbidden", "You may not do that here.");
}

int course_update(wy_ctx *ctx, const course *in)
{
    course k = *in, old;
    if (check_course(ctx, &k) < 0)
        return -1;
    if (tx_begin(ctx) < 0)
        return -1;
    int res = 0;
    int rc = store_course_get(ctx->c, ctx->a, k.id, &old);
    if (rc != WY_OK)
        res = wy_fail_store(ctx, rc, "course");
    else if (may_manage(ctx, &old) < 0)
        res = -1;
    else if (strcmp(old.status, "draft") && strcmp(old.status, "rejected"))
        res = wy_fail(ctx, E_CONFLICT, "bad_state",
                      "Only a draft or a rejected course can be changed.");
    else if (authz_require(ctx, PERM_COURSES_MANAGE, k.division) < 0)
        res = -1;
    course_term t;
    course_session *ss = NULL;
    size_t ns = 0;
    if (res == 0)
        res = course_refs(ctx, &k, &t, &ss, &ns);
    if (res == 0) {
        rc = store_course_update(ctx->c, &k, ctx->now);
        if (rc == WY_OK)
            rc = store_course_sessions_replace(ctx->c, k.id, ss, ns);
        if (rc != WY_OK)
            res = wy_fail_store(ctx, rc, "course");
    }
    if (res == 0)
        res = review_author_add(ctx, "course", k.id);
    if (res == 0)
        res = audit_add(ctx, "course.update", "course", k.id, k.division, old.status, old.status,
                        NULL);
    return tx_end(ctx, res);
}

int course_submit(wy_ctx *ctx, int64_t id, const char **status)
{
    if (tx_begin(ctx) < 0)
        return -1;
    course k;
    int res = 0;
    int rc = store_course_get(ctx->c, ctx->a, id, &k);
    if (rc != WY_OK)
        res = wy_fail_store(ctx, rc, "course");
    else if (may_manage(ctx, &k) < 0)
        res = -1;
    else if (strcmp(k.status, "draft") && strcmp(k.status, "rejected"))
        res = wy_fail(ctx, E_CONFLICT, "bad_state",
                      "Only a draft or a rejected course can be submitted.");
    if (res == 0)
        res = review_submit_tx(ctx, "course", id, k.division, k.title, status);
    return tx_end(ctx, res);
}

int course_cancel(wy_ctx *ctx, int64_t id)
{
    if (tx_begin(ctx) < 0)
        return -1;
    course k;
    int res = 0;
    int rc = store_course_get(ctx->c, ctx->a, id, &k);
    if (rc != WY_OK)
        res = wy_fail_store(ctx, rc, "course");
    else if (may_manage(ctx, &k) < 0)
        res = -1;
    else if (!strcmp(k.status, "cancelled"))
        res = wy_fail(ctx, E_CONFLICT, "bad_state", "This course is cancelled already.");
    if (res == 0 && (rc = store_course_set_status(ctx->c, id, "cancelled", ctx->now)) != WY_OK)
        res = wy_fail_store(ctx, rc, "course");
    if (res == 0)
        res =
            audit_add(ctx, "course.cancel", "course", id, k.division, k.status, "cancelled", NULL);
    return tx_end(ctx, res);
}

static int may_see(wy_ctx *ctx, const course *k)
{
    return !strcmp(k->status, "published") || !strcmp(k->status, "cancelled") ||
           course_managed_by(ctx->who, k) || authz_allows(ctx->who, PERM_REVIEW, k->division) ||
           course_taught_by(ctx, k);
}

/* The names and the term of a view (its course read). A page of a list takes what an earlier
 * view of it read already (the views before[0..nbefore)): the courses of a page mostly share
 * their term, centre and teachers. */
static int fill_view(wy_ctx *ctx, course_view *v, int with_sessions, const course_view *before,
                     size_t nbefore)
{
    int got_term = 0, got_teacher = !v->k.teacher_id, got_venue = !v->k.venue_id, got_division = 0;
    for (size_t i = 0; i < nbefore; i++) {
        const course_view *b = &before[i];
        if (!got_term && b->k.term_id == v->k.term_id) {
            v->term = b->term;
            got_term = 1;
        }
        if (!got_teacher && b->k.teacher_id == v->k.teacher_id) {
            v->teacher_name = b->teacher_name;
            got_teacher = 1;
        }
        if (!got_venue && b->k.venue_id == v->k.venue_id) {
            v->venue_name = b->venue_name;
            v->venue_lon = b->venue_lon;
            v->venue_lat = b->venue_lat;
            got_venue = 1;
        }
        if (!got_division && !strcmp(b->k.division, v->k.division)) {
            v->division_name = b->division_name;
            got_division = 1;
        }
    }
    int rc = got_term ? WY_OK : store_term_get(ctx->c, ctx->a, v->k.term_id, &v->term);
    if (rc == WY_OK && with_sessions)
        rc = store_course_sessions(ctx->c, ctx->a, v->k.id, &v->sessions, &v->nsessions);
    if (rc == WY_OK && !got_teacher) {
        course_teacher t;
        rc = store_teacher_get(ctx->c, ctx->a, v->k.teacher_id, &t);
        v->teacher_name = rc == WY_OK ? t.name : NULL;
    }
    if (rc == WY_OK && !got_venue) {
        venue ve;
        rc = store_venue_get(ctx->c, ctx->a, v->k.venue_id, &ve);
        v->venue_name = rc == WY_OK ? ve.name : NULL;
        if (rc == WY_OK) {
            v->venue_lon = ve.lon;
            v->venue_lat = ve.lat;
        }
    }
    if (rc == WY_OK && !strcmp(v->k.enrolment, "lottery"))
        rc = store_course_applicants(ctx->c, v->k.id, &v->applicants);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "course");
    if (!got_division)
        v->division_name = division_name(ctx, v->k.division);
    return 0;
}

int course_get(wy_ctx *ctx, int64_t id, course_view *out)
{
    memset(out, 0, sizeof(*out));
    int rc = store_course_get(ctx->c, ctx->a, id, &out->k);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "course");
    if (!may_see(ctx, &out->k))
        return wy_fail(ctx, E_NOTFOUND, "not_found", "Not found.");
    return fill_view(ctx, out, 1, NULL, 0);
}

/* "id" without q, "rank.id" with it */
static int parse_cursor(const char *c, int with_q, int64_t *rank, int64_t *id)
{
    char *end;
    *rank = 0;
    *id = 0;
    if (!c || !*c)
        return 0;
    if (with_q) {
        *rank = strtoll(c, &end, 10);
        if (*end != '.' || (*rank != 0 && *rank != 1))
            return -1;
        c = end + 1;
    }
    *id = strtoll(c, &end, 10);
    return *end || *id <= 0 ? -1 : 0;
}

int course_search(wy_ctx *ctx, const course_query *q, course_view **out, size_t *n,
                  const char **next_cursor)
{
    char div[DIVISION_CODE_MAX];
    *next_cursor = NULL;
    const char *text = q->q && *q->q ? q->q : NULL;
    if (division_filter(ctx, q->division, div) < 0)
        return -1;
    if (q->category && *q->category && !course_category_known(q->category))
        return wy_fail_field(ctx, E_INVALID, "bad_category", "No such course category.",
                             "category");
    if (text && (!utf8_valid(text, strlen(text)) || utf8_length(text) > COURSE_QUERY_MAX))
        return wy_fail_field(ctx, E_INVALID, "bad_query", "A search has at most 100 characters.",
                             "q");
    course_filter f = {.prefix = div,
                       .category = q->category && *q->category ? q->category : NULL,
                       .q = text,
                       .status = "published",
                       .term_id = q->term_id,
                       .teacher_id = q->teacher_id,
                       .limit = (q->limit > 0 ? q->limit : 20) + 1};
    if (parse_cursor(q->cursor, text != NULL, &f.after_rank, &f.after) < 0)
        return wy_fail_field(ctx, E_INVALID, "bad_cursor", "The cursor is not valid.", "cursor");
    course_hit *hits;
    size_t nh;
    int rc = store_course_list(ctx->c, ctx->a, &f, &hits, &nh);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "courses");
    size_t limit = (size_t)(f.limit - 1);
    if (nh > limit) {
        nh = limit;
        const course_hit *last = &hits[nh - 1];
        *next_cursor =
            text ? arena_sprintf(ctx->a, "%d.%lld", last->title_rank, (long long)last->k.id)
                 : arena_sprintf(ctx->a, "%lld", (long long)last->k.id);
    }
    course_view *v = arena_alloc(ctx->a, (nh + 1) * sizeof(*v));
    if (!v)
        return wy_fail(ctx, E_INTERNAL, "internal", "Something went wrong on our side.");
    memset(v, 0, (nh + 1) * sizeof(*v));
    for (size_t i = 0; i < nh; i++) {
        v[i].k = hits[i].k;
        if (fill_view(ctx, &v[i], 0, v, i) < 0)
            return -1;
    }
    *out = v;
    *n = nh;
    return 0;
}

int course_staff_list(wy_ctx *ctx, const char *division, int64_t term_id, int64_t after, int limit,
                      course_view **out, size_t *n, int *more)
{
    char div[DIVISION_CODE_MAX];
    *more = 0;
    if (division_filter(ctx, division, div) < 0)
        return -1;
    if (!div[0]) {
        const char *scope = authz_scope(ctx->who, PERM_COURSES_MANAGE);
        if (!scope)
            return authz_require(ctx, PERM_COURSES_MANAGE, NULL);
        snprintf(div, sizeof(div), "%s", scope);
    }
    if (authz_require(ctx, PERM_COURSES_MANAGE, div) < 0)
        return -1;
    course_filter f = {
        .prefix = div, .term_id = term_id, .after = after, .limit = (limit > 0 ? limit : 50) + 1};
    course_hit *hits;
    size_t nh;
    int rc = store_course_list(ctx->c, ctx->a, &f, &hits, &nh);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "courses");
    if (nh == (size_t)f.limit) {
        nh--;
        *more = 1;
    }
    course_view *v = arena_alloc(ctx->a, (nh + 1) * sizeof(*v));
    if (!v)
        return wy_fail_store(ctx, WY_NOMEM, "courses");
    memset(v, 0, (nh + 1) * sizeof(*v));
    for (size_t i = 0; i < nh; i++) {
        v[i].k = hits[i].k;
        if (fill_view(ctx, &v[i], 0, v, i) < 0)
            return -1;
    }
    *out = v;
    *n = nh;
    return 0;
}
