/* volunteer: see volunteer.h. */
#include "mod/volunteers/volunteer.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/account.h"
#include "core/audit.h"
#include "core/authz.h"
#include "core/division.h"
#include "core/review.h"
#include "util/csvread.h"

const char *const volunteer_skills[] = {
    "guide",       /* 讲解 */
    "library",     /* 图书整理与借阅 */
    "usher",       /* 引导与秩序 */
    "performance", /* 文艺演出 */
    "teaching",    /* 辅导培训 */
    "photography", /* 摄影摄像 */
    "first-aid",   /* 急救 */
    "translation", /* 翻译 */
    "it",          /* 信息技术 */
    "elderly",     /* 助老服务 */
    "children",    /* 儿童活动 */
    "publicity",   /* 宣传推广 */
    NULL,
};

int volunteer_skill_known(const char *name)
{
    for (size_t i = 0; name && volunteer_skills[i]; i++)
        if (!strcmp(name, volunteer_skills[i]))
            return 1;
    return 0;
}

static int text_ok(const char *s, size_t min, size_t max)
{
    if (!s)
        return min == 0;
    size_t n = strlen(s);
    if (!utf8_valid(s, n))
        return 0;
    size_t len = utf8_length(s);
    return len >= min && len <= max;
}

/* The division must be known: a refusal on ctx otherwise. */
static int division_known(wy_ctx *ctx, const char *div, const char *field)
{
    division d;
    int rc = store_division_get(ctx->c, ctx->a, div, &d);
    if (rc == WY_NOTFOUND)
        return wy_fail_field(ctx, E_INVALID, "unknown_division", "No such division.", field);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "division");
}

int volunteer_org_create(wy_ctx *ctx, const char *code, int64_t parent_id, const char *name,
                         const char *description, int64_t *id)
{
    char div[DIVISION_CODE_MAX];
    if (division_normalize(code, div) < 0)
        return wy_fail_field(ctx, E_INVALID, "bad_division",
                             "A division code has 2, 4, 6, 9 or 12 digits.", "division");
    if (!text_ok(name, 1, 100))
        return wy_fail_field(ctx, E_INVALID, "bad_name", "A name has 1 to 100 characters.", "name");
    if (!text_ok(description, 0, 5000))
        return wy_fail_field(ctx, E_INVALID, "bad_description",
                             "A description has at most 5000 characters.", "description");
    if (authz_require(ctx, PERM_VOLUNTEERS_MANAGE, div) < 0)
        return -1;
    int rc = store_begin(ctx->c, 1);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "begin");
    int res = division_known(ctx, div, "division");
    if (res == 0 && parent_id) {
        volunteer_org p;
        rc = store_volunteer_org_get(ctx->c, ctx->a, parent_id, &p);
        if (rc == WY_NOTFOUND)
            res = wy_fail_field(ctx, E_INVALID, "unknown_parent", "No such organisation.",
                                "parent_id");
        else if (rc != WY_OK)
            res = wy_fail_store(ctx, rc, "organisation");
        else if (p.parent_id)
            res = wy_fail_field(ctx, E_INVALID, "bad_parent",
                                "A team belongs to an organisation, not to another team.",
                                "parent_id");
        else if (strncmp(div, p.division, strlen(p.division)))
            res = wy_fail_field(ctx, E_INVALID, "bad_parent",
                                "A team is in its organisation's division or inside it.",
                                "parent_id");
        else if (p.archived_at)
            res = wy_fail_field(ctx, E_CONFLICT, "archived", "This organisation has been removed.",
                                "parent_id");
        else
            res = volunteer_org_require(ctx, parent_id, p.division);
    }
    if (res == 0) {
        volunteer_org o = {
            0, parent_id, div, name, description ? description : "", ctx->who->user_id, 0, 0};
        rc = store_volunteer_org_create(ctx->c, &o, ctx->now, id);
        if (rc != WY_OK)
            res = wy_fail_store(ctx, rc, "organisation create");
    }
    /* a coordinator who creates an organisation coordinates it (an admin is not made one) */
    if (res == 0 && !parent_id && !volunteer_admin_over(ctx->who, div) &&
        (rc = store_org_coordinator_add(ctx->c, *id, ctx->who->user_id, ctx->who->user_id,
                                        ctx->now)) != WY_OK)
        res = wy_fail_store(ctx, rc, "coordinator add");
    if (res == 0)
        res = audit_add(ctx, parent_id ? "volunteer_team.create" : "volunteer_org.create",
                        "volunteer_org", *id, div, NULL, NULL, name);
    return tx_end(ctx, res);
}

/* "a,b" of the names whose values differ, for the audit log. */
static void changed_fields(char *what, size_t size, const char *const *names,
                           const char *const *was, const char *const *now, size_t n)
{
    what[0] = '\0';
    for (size_t i = 0; i < n; i++)
        if (strcmp(was[i] ? was[i] : "", now[i] ? now[i] : ""))
            snprintf(what + strlen(what), size - strlen(what), "%s%s", what[0] ? "," : "",
                     names[i]);
}

int volunteer_org_update(wy_ctx *ctx, int64_t id, const char *name, const char *description)
{
    if (name && !text_ok(name, 1, 100))
        return wy_fail_field(ctx, E_INVALID, "bad_name", "A name has 1 to 100 characters.", "name");
    if (description && !text_ok(description, 0, 5000))
        return wy_fail_field(ctx, E_INVALID, "bad_description",
                             "A description has at most 5000 characters.", "description");
    int rc = store_begin(ctx->c, 1);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "begin");
    volunteer_org o;
    int res = 0;
    rc = store_volunteer_org_get(ctx->c, ctx->a, id, &o);
    if (rc != WY_OK)
        res = wy_fail_store(ctx, rc, "organisation");
    if (res == 0)
        res = volunteer_org_require(ctx, id, o.division);
    if (res == 0 && o.archived_at)
        res = wy_fail(ctx, E_CONFLICT, "archived", "This organisation has been removed.");
    char what[64] = "";
    if (res == 0) {
        volunteer_org n = o;
        n.name = name ? name : o.name;
        n.description = description ? description : o.description;
        const char *const names[] = {"name", "description"};
        const char *const was[] = {o.name, o.description}, *const now[] = {n.name, n.description};
        changed_fields(what, sizeof what, names, was, now, 2);
        rc = store_volunteer_org_update(ctx->c, &n, ctx->now);
        if (rc != WY_OK)
            res = wy_fail_store(ctx, rc, "organisation update");
    }
    if (res == 0)
        res = audit_add(ctx, "volunteer_org.update", "volunteer_org", id, o.division, NULL, NULL,
                        what);
    return tx_end(ctx, res);
}

int volunteer_org_managed(wy_ctx *ctx, int limit, volunteer_org **out, size_t *n)
{
    const char *scopes[AUTHZ_SCOPES_MAX];
    size_t ns = authz_scopes(ctx->who, PERM_VOLUNTEERS_MANAGE, scopes, AUTHZ_SCOPES_MAX);
    if (!ns)
        return authz_require(ctx, PERM_VOLUNTEERS_MANAGE, NULL);
    volunteer_org *all = arena_alloc(ctx->a, (size_t)limit * ns * sizeof(*all));
    size_t total = 0;
    if (!all)
        return wy_fail_store(ctx, WY_NOMEM, "organisations");
    for (size_t i = 0; i < ns; i++) {
        volunteer_org *os;
        size_t k;
        int rc = store_volunteer_org_list(ctx->c, ctx->a, scopes[i], 0, limit, &os, &k);
        if (rc != WY_OK)
            return wy_fail_store(ctx, rc, "organisations");
        memcpy(all + total, os, k * sizeof(*os));
        total += k;
    }
    *out = all;
    *n = total;
    return 0;
}

int volunteer_org_get(wy_ctx *ctx, int64_t id, volunteer_org *out)
{
    int rc = store_volunteer_org_get(ctx->c, ctx->a, id, out);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "organisation");
}

int volunteer_org_list(wy_ctx *ctx, const char *division, int64_t after, int limit,
                       volunteer_org **out, size_t *n)
{
    char div[DIVISION_CODE_MAX] = "";
    if (division && *division && division_normalize(division, div) < 0)
        return wy_fail_field(ctx, E_INVALID, "bad_division",
                             "A division code has 2, 4, 6, 9 or 12 digits.", "division");
    int rc = store_volunteer_org_list(ctx->c, ctx->a, div, after, limit, out, n);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "organisation list");
}

static int on_project_status(wy_ctx *ctx, int64_t id, const char *status)
{
    int rc = store_volunteer_project_set_status(ctx->c, id, status, ctx->now);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "project status");
}

const review_type volunteer_project_review_type = {"volunteer_project", on_project_status};

int volunteer_project_create(wy_ctx *ctx, int64_t org_id, const char *title,
                             const char *description, int64_t *id)
{
    if (!text_ok(title, 1, 100))
        return wy_fail_field(ctx, E_INVALID, "bad_title", "A title has 1 to 100 characters.",
                             "title");
    if (!text_ok(description, 0, 5000))
        return wy_fail_field(ctx, E_INVALID, "bad_description",
                             "A description has at most 5000 characters.", "description");
    int rc = store_begin(ctx->c, 1);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "begin");
    volunteer_org o;
    int res = 0;
    rc = store_volunteer_org_get(ctx->c, ctx->a, org_id, &o);
    if (rc == WY_NOTFOUND)
        res = wy_fail_field(ctx, E_INVALID, "unknown_org", "No such organisation.", "org_id");
    else if (rc != WY_OK)
        res = wy_fail_store(ctx, rc, "organisation");
    if (res == 0)
        res = volunteer_org_require(ctx, org_id, o.division);
    if (res == 0 && o.archived_at)
        res = wy_fail_field(ctx, E_CONFLICT, "archived",
                            "This organisation has been removed: it takes no new projects.",
                            "org_id");
    if (res == 0) {
        volunteer_project p = {.org_id = org_id,
                               .division = o.division,
                               .title = title,
                               .description = description ? description : "",
                               .created_by = ctx->who->user_id};
        rc = store_volunteer_project_create(ctx->c, &p, ctx->now, id);
        if (rc != WY_OK)
            res = wy_fail_store(ctx, rc, "project create");
    }
    if (res == 0)
        res = review_author_add(ctx, "volunteer_project", *id);
    if (res == 0)
        res = audit_add(ctx, "volunteer_project.create", "volunteer_project", *id, o.division, NULL,
                        "draft", title);
    return tx_end(ctx, res);
}

int volunteer_project_submit(wy_ctx *ctx, int64_t id, const char **status)
{
    int rc = store_begin(ctx->c, 1);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "begin");
    volunteer_project p;
    int res = 0;
    rc = store_volunteer_project_get(ctx->c, ctx->a, id, &p);
    if (rc != WY_OK)
        res = wy_fail_store(ctx, rc, "project");
    if (res == 0)
        res = volunteer_org_require(ctx, p.org_id, p.division);
    if (res == 0)
        res = volunteer_org_live(ctx, p.org_id);
    if (res == 0 && strcmp(p.status, "draft") && strcmp(p.status, "rejected"))
        res = wy_fail(ctx, E_CONFLICT, "bad_state",
                      "Only a draft or a rejected project can be submitted.");
    if (res == 0)
        res = review_submit_tx(ctx, "volunteer_project", id, p.division, p.title, status);
    return tx_end(ctx, res);
}

int volunteer_project_update(wy_ctx *ctx, int64_t id, const char *title, const char *description)
{
    if (title && !text_ok(title, 1, 100))
        return wy_fail_field(ctx, E_INVALID, "bad_title", "A title has 1 to 100 characters.",
                             "title");
    if (description && !text_ok(description, 0, 5000))
        return wy_fail_field(ctx, E_INVALID, "bad_description",
                             "A description has at most 5000 characters.", "description");
    int rc = store_begin(ctx->c, 1);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "begin");
    volunteer_project p;
    int res = 0;
    rc = store_volunteer_project_get(ctx->c, ctx->a, id, &p);
    if (rc != WY_OK)
        res = wy_fail_store(ctx, rc, "project");
    /* like a read: a project the caller may not manage is refused as its read would be */
    if (res == 0 && !authz_allows(ctx->who, PERM_VOLUNTEERS_MANAGE, p.division) &&
        strcmp(p.status, "published") && !authz_allows(ctx->who, PERM_REVIEW, p.division))
        res = wy_fail(ctx, E_NOTFOUND, "not_found", "Not found.");
    if (res == 0)
        res = volunteer_org_require(ctx, p.org_id, p.division);
    /* what reviewers decide (pending) is not changed under them: it is withdrawn first */
    if (res == 0 && !strcmp(p.status, "pending"))
        res = wy_fail(ctx, E_CONFLICT, "under_review",
                      "This project waits for review; withdraw it to change it.");
    /* what was approved (published) stays as it is while a change of it is reviewed */
    if (res == 0 && !strcmp(p.status, "published")) {
        const char *status;
        return tx_end(ctx, project_revision_propose(ctx, &p, title, description, &status));
    }
    char what[64] = "";
    if (res == 0) {
        const char *t = title ? title : p.title, *d = description ? description : p.description;
        const char *const names[] = {"title", "description"};
        const char *const was[] = {p.title, p.description}, *const now[] = {t, d};
        changed_fields(what, sizeof what, names, was, now, 2);
        rc = store_volunteer_project_update(ctx->c, id, t, d, ctx->now);
        if (rc == WY_NOTFOUND) /* its status changed meanwhile */
            res = wy_fail(ctx, E_CONFLICT, "bad_state",
                          "Only a draft or a rejected project can be changed.");
        else if (rc != WY_OK)
            res = wy_fail_store(ctx, rc, "project update");
    }
    /* whoever changed it never decides it */
    if (res == 0)
        res = review_author_add(ctx, "volunteer_project", id);
    if (res == 0)
        res = audit_add(ctx, "volunteer_project.update", "volunteer_project", id, p.division,
                        p.status, p.status, what);
    return tx_end(ctx, res);
}

int volunteer_project_withdraw(wy_ctx *ctx, int64_t id)
{
    int rc = store_begin(ctx->c, 1);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "begin");
    volunteer_project p;
    int res = 0;
    rc = store_volunteer_project_get(ctx->c, ctx->a, id, &p);
    if (rc != WY_OK)
        res = wy_fail_store(ctx, rc, "project");
    /* like a read: a project the caller may not see is not found */
    if (res == 0 && !authz_allows(ctx->who, PERM_VOLUNTEERS_MANAGE, p.division) &&
        strcmp(p.status, "published") && !authz_allows(ctx->who, PERM_REVIEW, p.division))
        res = wy_fail(ctx, E_NOTFOUND, "not_found", "Not found.");
    if (res == 0)
        res = volunteer_org_require(ctx, p.org_id, p.division);
    if (res == 0 && strcmp(p.status, "pending"))
        res = wy_fail(ctx, E_CONFLICT, "bad_state",
                      "Only a project waiting for review can be withdrawn.");
    /* the review item goes back to draft and tells the project (on_project_status) */
    if (res == 0)
        res = review_withdraw_tx(ctx, "volunteer_project", id);
    if (res == 0)
        res = audit_add(ctx, "volunteer_project.withdraw", "volunteer_project", id, p.division,
                        "pending", "draft", NULL);
    return tx_end(ctx, res);
}

int volunteer_project_managed(wy_ctx *ctx, int limit, volunteer_project **out, size_t *n)
{
    const char *scopes[AUTHZ_SCOPES_MAX];
    size_t ns = authz_scopes(ctx->who, PERM_VOLUNTEERS_MANAGE, scopes, AUTHZ_SCOPES_MAX);
    if (!ns)
        return authz_require(ctx, PERM_VOLUNTEERS_MANAGE, NULL);
    volunteer_project *all = arena_alloc(ctx->a, (size_t)limit * ns * sizeof(*all));
    size_t total = 0;
    if (!all)
        return wy_fail_store(ctx, WY_NOMEM, "projects");
    for (size_t i = 0; i < ns; i++) {
        volunteer_project *ps;
        size_t k;
        int rc = store_volunteer_project_list(ctx->c, ctx->a, scopes[i], NULL, 0, limit, &ps, &k);
        if (rc != WY_OK)
            return wy_fail_store(ctx, rc, "projects");
        /* an admin over the scope sees all; a volunteer_coordinator the projects of the
         * organisations they coordinate, the only ones they may write on */
        int admin = volunteer_admin_over(ctx->who, scopes[i]);
        for (size_t j = 0; j < k; j++)
            if (admin || volunteer_org_allows(ctx, ps[j].org_id, ps[j].division))
                all[total++] = ps[j];
    }
    *out = all;
    *n = total;
    return 0;
}

int volunteer_project_get(wy_ctx *ctx, int64_t id, volunteer_project *out)
{
    int rc = store_volunteer_project_get(ctx->c, ctx->a, id, out);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "project");
    if (!strcmp(out->status, "published") ||
        authz_allows(ctx->who, PERM_VOLUNTEERS_MANAGE, out->division) ||
        authz_allows(ctx->who, PERM_REVIEW, out->division))
        return 0;
    /* not published: to everyone else it does not exist */
    return wy_fail(ctx, E_NOTFOUND, "not_found", "Not found.");
}

int volunteer_project_list(wy_ctx *ctx, const char *division, int64_t before, int limit,
                           volunteer_project **out, size_t *n)
{
    char div[DIVISION_CODE_MAX] = "";
    if (division && *division && division_normalize(division, div) < 0)
        return wy_fail_field(ctx, E_INVALID, "bad_division",
                             "A division code has 2, 4, 6, 9 or 12 digits.", "division");
    int rc = store_volunteer_project_list(ctx->c, ctx->a, div, "published", before, limit, out, n);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "project list");
}

/* "YYYY-MM-DD" of a real day: its fields; -1 otherwise. */
static int parse_date(const char *s, int *y, int *m, int *d)
{
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return -1;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return -1;
    *y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    *m = (s[5] - '0') * 10 + (s[6] - '0');
    *d = (s[8] - '0') * 10 + (s[9] - '0');
    if (*y < 1900 || *m < 1 || *m > 12 || *d < 1 || *d > mdays[*m - 1])
        return -1;
    if (*m == 2 && *d == 29 && !((*y % 4 == 0 && *y % 100 != 0) || *y % 400 == 0))
        return -1;
    return 0;
}

int volunteer_date_valid(const char *s)
{
    int y, m, d;
    return parse_date(s, &y, &m, &d) == 0;
}

/* Today in China time. */
static void today(int64_t now_ms, int *y, int *m, int *d)
{
    time_t t = (time_t)(now_ms / 1000) + 8 * 3600;
    struct tm tm;
    gmtime_r(&t, &tm);
    *y = tm.tm_year + 1900;
    *m = tm.tm_mon + 1;
    *d = tm.tm_mday;
}

/* Is the date s on or before today? -1 when it is no date. */
static int not_future(const char *s, int64_t now_ms)
{
    int y, m, d, ty, tm, td;
    if (parse_date(s, &y, &m, &d) < 0)
        return -1;
    today(now_ms, &ty, &tm, &td);
    return (y * 10000 + m * 100 + d) <= (ty * 10000 + tm * 100 + td);
}

int volunteer_age(const char *birth_date, int64_t now_ms)
{
    int y, m, d, ty, tm, td;
    if (parse_date(birth_date, &y, &m, &d) < 0)
        return -1;
    today(now_ms, &ty, &tm, &td);
    if (y * 10000 + m * 100 + d > ty * 10000 + tm * 100 + td)
        return -1;
    int age = ty - y;
    if (tm < m || (tm == m && td < d))
        age--;
    return age;
}

/* ",a,b," from a list, in ctx's arena (NULL past its budget). */
static const char *join_list(wy_ctx *ctx, const char *const *items, size_t n)
{
    size_t len = 2;
    for (size_t i = 0; i < n; i++)
        len += strlen(items[i]) + 1;
    char *s = arena_alloc(ctx->a, len);
    if (!s)
        return NULL;
    strcpy(s, ",");
    for (size_t i = 0; i < n; i++) {
        strcat(s, items[i]);
        strcat(s, ",");
    }
    return s;
}

static int has_dup(const char *const *items, size_t n)
{
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < i; k++)
            if (!strcmp(items[i], items[k]))
                return 1;
    return 0;
}

/* A profile's fields checked, as register and update take them: the areas normalised (in
 * ctx's arena), the guardian's fields for a minor (NULL for an adult). */
typedef struct checked_profile {
    const char **areas;
    const char *gname, *gphone, *gdate;
} checked_profile;

static int check_profile(wy_ctx *ctx, const volunteer_input *in, checked_profile *out)
{
    if (!text_ok(in->real_name, 2, 30))
        return wy_fail_field(ctx, E_INVALID, "bad_name", "A real name has 2 to 30 characters.",
                             "real_name");
    int age = volunteer_age(in->birth_date, ctx->now);
    if (age < 0 || age > 120)
        return wy_fail_field(ctx, E_INVALID, "bad_birth_date",
                             "A birth date is a past day written YYYY-MM-DD.", "birth_date");
    if (in->nskills > VOLUNTEER_SKILLS_MAX || has_dup(in->skills, in->nskills))
        return wy_fail_field(ctx, E_INVALID, "bad_skill",
                             "Name at most 10 skills, each once, from the list.", "skills");
    for (size_t i = 0; i < in->nskills; i++)
        if (!volunteer_skill_known(in->skills[i]))
            return wy_fail_field(ctx, E_INVALID, "bad_skill",
                                 "Name at most 10 skills, each once, from the list.", "skills");
    if (!text_ok(in->availability, 0, 200))
        return wy_fail_field(ctx, E_INVALID, "bad_availability",
                             "Availability has at most 200 characters.", "availability");
    if (in->nareas < 1 || in->nareas > VOLUNTEER_AREAS_MAX)
        return wy_fail_field(ctx, E_INVALID, "bad_areas",
                             "Name 1 to 5 service areas by their division codes.", "areas");
    const char **areas = arena_alloc(ctx->a, in->nareas * sizeof(*areas));
    if (!areas)
        return wy_fail_store(ctx, WY_NOMEM, "areas");
    for (size_t i = 0; i < in->nareas; i++) {
        char div[DIVISION_CODE_MAX];
        if (division_normalize(in->areas[i], div) < 0)
            return wy_fail_field(ctx, E_INVALID, "bad_areas",
                                 "Name 1 to 5 service areas by their division codes.", "areas");
        areas[i] = arena_strdup(ctx->a, div);
    }
    if (has_dup(areas, in->nareas))
        return wy_fail_field(ctx, E_INVALID, "bad_areas",
                             "Name 1 to 5 service areas by their division codes.", "areas");
    const char *gname = NULL, *gphone = NULL, *gdate = NULL;
    if (age < VOLUNTEER_ADULT_AGE) {
        if (!in->guardian_name && !in->guardian_phone && !in->guardian_consent)
            return wy_fail_field(ctx, E_INVALID, "guardian_consent_required",
                                 "A volunteer under 18 registers with a guardian's consent: "
                                 "the guardian's name, phone and the date of consent.",
                                 "guardian_name");
        if (!text_ok(in->guardian_name, 2, 30))
            return wy_fail_field(ctx, E_INVALID, "bad_guardian",
                                 "A guardian's name has 2 to 30 characters.", "guardian_name");
        if (!in->guardian_phone || !account_phone_valid(in->guardian_phone))
            return wy_fail_field(ctx, E_INVALID, "bad_guardian",
                                 "A guardian's phone is a mainland mobile number.",
                                 "guardian_phone");
        if (not_future(in->guardian_consent, ctx->now) != 1)
            return wy_fail_field(ctx, E_INVALID, "bad_guardian",
                                 "The date of consent is a past day written YYYY-MM-DD.",
                                 "guardian_consent");
        gname = in->guardian_name;
        gphone = in->guardian_phone;
        gdate = in->guardian_consent;
    }
    *out = (checked_profile){areas, gname, gphone, gdate};
    return 0;
}

int volunteer_register(wy_ctx *ctx, const volunteer_input *in, int64_t *id)
{
    if (!ctx->who || !ctx->who->user_id)
        return wy_fail(ctx, E_UNAUTH, "unauthenticated", "Please log in first.");
    checked_profile cp;
    if (check_profile(ctx, in, &cp) < 0)
        return -1;
    const char **areas = cp.areas, *gname = cp.gname, *gphone = cp.gphone, *gdate = cp.gdate;
    int rc = store_begin(ctx->c, 1);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "begin");
    int res = 0;
    for (size_t i = 0; res == 0 && i < in->nareas; i++)
        res = division_known(ctx, areas[i], "areas");
    volunteer old;
    if (res == 0) {
        rc = store_volunteer_by_user(ctx->c, ctx->a, ctx->who->user_id, &old);
        if (rc == WY_OK)
            res = wy_fail(ctx, E_CONFLICT, "already_registered",
                          "This account is already registered as a volunteer.");
        else if (rc != WY_NOTFOUND)
            res = wy_fail_store(ctx, rc, "volunteer");
    }
    if (res == 0) {
        volunteer v = {
            .user_id = ctx->who->user_id,
            .real_name = in->real_name,
            .birth_date = in->birth_date,
            .skills = join_list(ctx, in->skills, in->nskills),
            .availability = in->availability ? in->availability : "",
            .areas = join_list(ctx, areas, in->nareas),
            .division = areas[0],
            .guardian_name = gname,
            .guardian_phone = gphone,
            .guardian_consent = gdate,
        };
        rc = store_volunteer_create(ctx->c, &v, ctx->now, id);
        if (rc != WY_OK)
            res = wy_fail_store(ctx, rc, "volunteer create");
    }
    if (res == 0)
        res = audit_add(ctx, "volunteer.register", "volunteer", *id, areas[0], NULL, NULL,
                        gname ? "minor, guardian's consent recorded" : "");
    return tx_end(ctx, res);
}

int volunteer_me(wy_ctx *ctx, volunteer *out)
{
    if (!ctx->who || !ctx->who->user_id)
        return wy_fail(ctx, E_UNAUTH, "unauthenticated", "Please log in first.");
    int rc = store_volunteer_by_user(ctx->c, ctx->a, ctx->who->user_id, out);
    if (rc == WY_NOTFOUND)
        return wy_fail(ctx, E_NOTFOUND, "not_registered",
                       "This account is not registered as a volunteer.");
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "volunteer");
}

int volunteer_update(wy_ctx *ctx, const volunteer_input *in)
{
    if (!ctx->who || !ctx->who->user_id)
        return wy_fail(ctx, E_UNAUTH, "unauthenticated", "Please log in first.");
    checked_profile cp;
    if (check_profile(ctx, in, &cp) < 0)
        return -1;
    int rc = store_begin(ctx->c, 1);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "begin");
    int res = 0;
    for (size_t i = 0; res == 0 && i < in->nareas; i++)
        res = division_known(ctx, cp.areas[i], "areas");
    volunteer old;
    if (res == 0) {
        rc = store_volunteer_by_user(ctx->c, ctx->a, ctx->who->user_id, &old);
        if (rc == WY_NOTFOUND)
            res = wy_fail(ctx, E_NOTFOUND, "not_registered",
                          "This account is not registered as a volunteer.");
        else if (rc != WY_OK)
            res = wy_fail_store(ctx, rc, "volunteer");
    }
    volunteer v = {0};
    if (res == 0) {
        v = (volunteer){
            .id = old.id,
            .user_id = ctx->who->user_id,
            .real_name = in->real_name,
            .birth_date = in->birth_date,
            .skills = join_list(ctx, in->skills, in->nskills),
            .availability = in->availability ? in->availability : "",
            .areas = join_list(ctx, cp.areas, in->nareas),
            .division = cp.areas[0],
            .guardian_name = cp.gname,
            .guardian_phone = cp.gphone,
            .guardian_consent = cp.gdate,
        };
        if (!v.skills || !v.areas)
            res = wy_fail_store(ctx, WY_NOMEM, "volunteer");
    }
    if (res == 0 && (rc = store_volunteer_update(ctx->c, &v, ctx->now)) != WY_OK)
        res = wy_fail_store(ctx, rc, "volunteer update");
    if (res == 0) { /* the fields that changed, for the record */
        char what[160] = "";
        const struct {
            const char *name, *was, *now;
        } f[] = {{"real_name", old.real_name, v.real_name},
                 {"birth_date", old.birth_date, v.birth_date},
                 {"skills", old.skills, v.skills},
                 {"availability", old.availability, v.availability},
                 {"areas", old.areas, v.areas},
                 {"guardian", old.guardian_consent ? old.guardian_consent : "",
                  v.guardian_consent ? v.guardian_consent : ""}};
        for (size_t i = 0; i < sizeof(f) / sizeof(f[0]); i++)
            if (strcmp(f[i].was ? f[i].was : "", f[i].now ? f[i].now : ""))
                snprintf(what + strlen(what), sizeof(what) - strlen(what), "%s%s",
                         what[0] ? "," : "", f[i].name);
        res =
            audit_add(ctx, "volunteer.update", "volunteer", old.id, cp.areas[0], NULL, NULL, what);
    }
    return tx_end(ctx, res);
}

int volunteer_list(wy_ctx *ctx, const char *division, const char *skill, int64_t after, int limit,
                   volunteer **out, size_t *n)
{
    char div[DIVISION_CODE_MAX] = "";
    if (division && *division) {
        if (division_normalize(division, div) < 0)
            return wy_fail_field(ctx, E_INVALID, "bad_division",
                                 "A division code has 2, 4, 6, 9 or 12 digits.", "division");
    } else {
        const char *scope = authz_scope(ctx->who, PERM_VOLUNTEERS_MANAGE);
        if (!scope)
            return authz_require(ctx, PERM_VOLUNTEERS_MANAGE, NULL);
        snprintf(div, sizeof div, "%s", scope);
    }
    if (skill && *skill && !volunteer_skill_known(skill))
        return wy_fail_field(ctx, E_INVALID, "bad_skill", "No such skill.", "skill");
    if (authz_require(ctx, PERM_VOLUNTEERS_MANAGE, div) < 0)
        return -1;
    int rc = store_volunteer_list(ctx->c, ctx->a, div, skill && *skill ? skill : NULL, after, limit,
                                  out, n);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "volunteer list");
}
