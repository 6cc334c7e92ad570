/* survey: surveys, their answers and results (feedback.h). */
#include "mod/feedback/feedback.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/authz.h"
#include "core/division.h"
#include "util/csvread.h"

#ifndef N_
#define N_(s) s /* a msgid translated where it is shown */
#endif

static int text_ok(const char *s, size_t max)
{
    return s && *s && utf8_valid(s, strlen(s)) && utf8_length(s) <= max;
}

static const char *qkinds[] = {"single", "multiple", "rating", "text"};

int feedback_questions_parse(arena *a, const json_t *arr, survey_question **out, size_t *n,
                             const char **why)
{
    *out = NULL;
    *n = 0;
    if (!json_is_array(arr) || json_array_size(arr) == 0 ||
        json_array_size(arr) > FEEDBACK_QUESTIONS_MAX) {
        *why = N_("A survey has 1 to 50 questions.");
        return -1;
    }
    size_t nq = json_array_size(arr);
    survey_question *q = arena_alloc(a, nq * sizeof(*q));
    if (!q) {
        *why = N_("Out of memory.");
        return -1;
    }
    for (size_t i = 0; i < nq; i++) {
        const json_t *o = json_array_get(arr, i);
        const char *kind = json_string_value(json_object_get(o, "kind"));
        const char *text = json_string_value(json_object_get(o, "text"));
        const json_t *req = json_object_get(o, "required");
        if (!json_is_object(o) || !kind || !text_ok(text, FEEDBACK_TITLE_MAX) ||
            (req && !json_is_boolean(req))) {
            *why = N_("A question has a kind, a text of 1 to 200 characters and may say whether "
                      "it is required.");
            return -1;
        }
        size_t k = 0;
        while (k < 4 && strcmp(kind, qkinds[k]))
            k++;
        if (k == 4) {
            *why = N_("A question's kind is single, multiple, rating or text.");
            return -1;
        }
        q[i] = (survey_question){.kind = qkinds[k],
                                 .text = arena_strdup(a, text),
                                 .required = req ? json_is_true(req) : 1};
        const json_t *opts = json_object_get(o, "options");
        if (k <= 1) {
            if (!json_is_array(opts) || json_array_size(opts) < 2 ||
                json_array_size(opts) > FEEDBACK_OPTIONS_MAX) {
                *why = N_("A choice question has 2 to 20 options.");
                return -1;
            }
            q[i].noptions = json_array_size(opts);
            q[i].options = arena_alloc(a, q[i].noptions * sizeof(char *));
            if (!q[i].options) {
                *why = N_("Out of memory.");
                return -1;
            }
            for (size_t j = 0; j < q[i].noptions; j++) {
                const char *t = json_string_value(json_array_get(opts, j));
                if (!text_ok(t, FEEDBACK_TITLE_MAX)) {
                    *why = N_("An option is a text of 1 to 200 characters.");
                    return -1;
                }
                q[i].options[j] = arena_strdup(a, t);
            }
        } else if (opts && !(json_is_array(opts) && json_array_size(opts) == 0)) {
            *why = N_("Only choice questions have options.");
            return -1;
        }
    }
    *out = q;
    *n = nq;
    return 0;
}

static int parse_stored(wy_ctx *ctx, const char *text, survey_question **q, size_t *nq)
{
    json_error_t e;
    json_t *arr = json_loads(text, 0, &e);
    const char *why;
    int r = feedback_questions_parse(ctx->a, arr, q, nq, &why);
    json_decref(arr);
    if (r < 0)
        return wy_fail(ctx, E_INTERNAL, "bad_questions", "The survey's questions are damaged.");
    return 0;
}

static int check_division(wy_ctx *ctx, const char *code, char div[DIVISION_CODE_MAX], division *d)
{
    if (!code || division_normalize(code, div) < 0)
        return wy_fail_field(ctx, E_INVALID, "bad_division",
                             "A division code has 2, 4, 6, 9 or 12 digits.", "division");
    int rc = store_division_get(ctx->c, ctx->a, div, d);
    if (rc == WY_NOTFOUND)
        return wy_fail_field(ctx, E_INVALID, "unknown_division", "No such division.", "division");
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "division");
    return 0;
}

int feedback_survey_create(wy_ctx *ctx, const survey_input *in, int64_t *id)
{
    if (!in->kind || (strcmp(in->kind, "demand") && strcmp(in->kind, "satisfaction")))
        return wy_fail_field(ctx, E_INVALID, "bad_kind",
                             "A survey is a demand or a satisfaction survey.", "kind");
    if (!text_ok(in->title, FEEDBACK_TITLE_MAX))
        return wy_fail_field(ctx, E_INVALID, "bad_title", "A title of 1 to 200 characters.",
                             "title");
    if (in->intro &&
        (!utf8_valid(in->intro, strlen(in->intro)) || utf8_length(in->intro) > FEEDBACK_TEXT_MAX))
        return wy_fail_field(ctx, E_INVALID, "bad_intro",
                             "An introduction of at most 2000 characters.", "intro");
    const char *tk = in->target_kind ? in->target_kind : "";
    int is_sat = !strcmp(in->kind, "satisfaction");
    if (strcmp(tk, "") && strcmp(tk, "activity") && strcmp(tk, "course") && strcmp(tk, "service") &&
        strcmp(tk, "venue"))
        return wy_fail_field(ctx, E_INVALID, "bad_target",
                             "The target is an activity, a course, a service or a venue.",
                             "target_kind");
    if (is_sat && !*tk)
        return wy_fail_field(ctx, E_INVALID, "bad_target",
                             "A satisfaction survey names what it is about.", "target_kind");
    if (*tk && strcmp(tk, "venue") && strcmp(tk, "service") && in->target_id <= 0)
        return wy_fail_field(ctx, E_INVALID, "bad_target", "The target needs its id.", "target_id");
    int64_t venue = in->venue_id;
    if (!strcmp(tk, "venue"))
        venue = venue ? venue : in->target_id;
    if (!strcmp(tk, "activity")) {
        int64_t av;
        const char *ad;
        int rc = store_feedback_activity_division(ctx->c, ctx->a, in->target_id, &av, &ad);
        if (rc == WY_NOTFOUND)
            return wy_fail_field(ctx, E_INVALID, "bad_target", "No such activity.", "target_id");
        if (rc != WY_OK)
            return wy_fail_store(ctx, rc, "activity");
        if (!venue)
            venue = av;
    }
    char div[DIVISION_CODE_MAX];
    division d;
    const char *vdiv = NULL;
    if (venue) {
        int rc = store_feedback_venue_division(ctx->c, ctx->a, venue, &vdiv);
        if (rc == WY_NOTFOUND)
            return wy_fail_field(ctx, E_INVALID, "unknown_venue", "No such venue.", "venue_id");
        if (rc != WY_OK)
            return wy_fail_store(ctx, rc, "venue");
    }
    if (check_division(ctx, in->division ? in->division : vdiv, div, &d) < 0)
        return -1;
    if (in->opens_at <= 0 || in->closes_at <= in->opens_at)
        return wy_fail_field(ctx, E_INVALID, "bad_window", "A survey closes after it opens.",
                             "closes_at");
    survey_question *q;
    size_t nq;
    const char *why;
    if (feedback_questions_parse(ctx->a, in->questions, &q, &nq, &why) < 0)
        return wy_fail_field(ctx, E_INVALID, "bad_questions", why, "questions");
    if (authz_require(ctx, FEEDBACK_PERM, div) < 0)
        return -1;
    char *qtext = json_dumps(in->questions, JSON_COMPACT);
    const char *qs = qtext ? arena_strdup(ctx->a, qtext) : NULL;
    free(qtext);
    if (!qs)
        return check_mem(ctx);
    survey_row s = {.kind = in->kind,
                    .title = in->title,
                    .intro = in->intro ? in->intro : "",
                    .division = div,
                    .target_kind = tk,
                    .target_id = !strcmp(tk, "venue") ? venue : in->target_id,
                    .venue_id = venue,
                    .opens_at = in->opens_at,
                    .closes_at = in->closes_at,
                    .anonymous = in->anonymous,
                    .questions = qs,
                    .created_by = ctx->who ? ctx->who->user_id : 0};
    if (tx_begin(ctx) < 0)
        return -1;
    int rc = store_survey_create(ctx->c, &s, ctx->now, id);
    int res = rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "survey");
    if (res == 0)
        res = audit_add(ctx, "survey.create", "survey", *id, div, NULL, NULL, in->title);
    return tx_end(ctx, res);
}

int feedback_survey_get(wy_ctx *ctx, int64_t id, survey_row *out, survey_question **q, size_t *nq)
{
    int rc = store_survey_get(ctx->c, ctx->a, id, out);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "survey");
    return q ? parse_stored(ctx, out->questions, q, nq) : 0;
}

/* The survey for a change by its staff: feedback_manage over its division. */
static int survey_for_staff(wy_ctx *ctx, int64_t id, survey_row *s)
{
    if (feedback_survey_get(ctx, id, s, NULL, NULL) < 0)
        return -1;
    return authz_require(ctx, FEEDBACK_PERM, s->division);
}

int feedback_survey_edit(wy_ctx *ctx, int64_t id, const char *title, const char *intro,
                         const json_t *questions)
{
    if (!title && !intro && !questions)
        return wy_fail(ctx, E_INVALID, "nothing_to_change",
                       "Say the title, the introduction or the questions to change.");
    if (title && !text_ok(title, FEEDBACK_TITLE_MAX))
        return wy_fail_field(ctx, E_INVALID, "bad_title", "A title of 1 to 200 characters.",
                             "title");
    if (intro && (!utf8_valid(intro, strlen(intro)) || utf8_length(intro) > FEEDBACK_TEXT_MAX))
        return wy_fail_field(ctx, E_INVALID, "bad_intro",
                             "An introduction of at most 2000 characters.", "intro");
    const char *qs = NULL;
    if (questions) {
        survey_question *q;
        size_t nq;
        const char *why;
        if (feedback_questions_parse(ctx->a, questions, &q, &nq, &why) < 0)
            return wy_fail_field(ctx, E_INVALID, "bad_questions", why, "questions");
        char *qtext = json_dumps(questions, JSON_COMPACT);
        qs = qtext ? arena_strdup(ctx->a, qtext) : NULL;
        free(qtext);
        if (!qs)
            return check_mem(ctx);
    }
    survey_row s;
    if (survey_for_staff(ctx, id, &s) < 0)
        return -1;
    if (s.responses > 0)
        return wy_fail(ctx, E_CONFLICT, "has_responses",
                       "This survey has answers already: its title and questions stay as they "
                       "were answered. Close it and make a new survey to ask other questions.");
    if (tx_begin(ctx) < 0)
        return -1;
    int rc = store_survey_edit(ctx->c, id, title ? title : s.title, intro ? intro : s.intro,
                               qs ? qs : s.questions);
    int res = 0;
    if (rc == WY_CONSTRAINT)
        res = wy_fail(ctx, E_CONFLICT, "has_responses",
                      "This survey has answers already: its title and questions stay as they "
                      "were answered. Close it and make a new survey to ask other questions.");
    else if (rc != WY_OK)
        res = wy_fail_store(ctx, rc, "survey");
    if (res == 0)
        res = audit_add(ctx, "survey.edit", "survey", id, s.division, s.title,
                        title ? title : s.title, NULL);
    return tx_end(ctx, res);
}

static int set_window(wy_ctx *ctx, const survey_row *s, int64_t opens_at, int64_t closes_at,
                      const char *action)
{
    if (tx_begin(ctx) < 0)
        return -1;
    int rc = store_survey_set_window(ctx->c, s->id, opens_at, closes_at);
    int res = rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "survey");
    if (res == 0) {
        char from[32], to[32];
        snprintf(from, sizeof from, "%lld", (long long)s->closes_at);
        snprintf(to, sizeof to, "%lld", (long long)closes_at);
        res = audit_add(ctx, action, "survey", s->id, s->division, from, to, NULL);
    }
    return tx_end(ctx, res);
}

int feedback_survey_close(wy_ctx *ctx, int64_t id)
{
    survey_row s;
    if (survey_for_staff(ctx, id, &s) < 0)
        return -1;
    if (ctx->now < s.opens_at || ctx->now >= s.closes_at)
        return wy_fail(ctx, E_CONFLICT, "not_open", "This survey is not open.");
    /* closes_at > opens_at holds: the survey opened before now */
    return set_window(ctx, &s, ctx->now > s.opens_at ? 0 : ctx->now - 1, ctx->now, "survey.close");
}

int feedback_survey_reopen(wy_ctx *ctx, int64_t id, int64_t closes_at)
{
    survey_row s;
    if (survey_for_staff(ctx, id, &s) < 0)
        return -1;
    if (ctx->now < s.closes_at)
        return wy_fail(ctx, E_CONFLICT, "not_closed", "This survey has not closed.");
    if (closes_at <= ctx->now)
        return wy_fail_field(ctx, E_INVALID, "bad_window",
                             "A reopened survey closes at a time still to come.", "closes_at");
    return set_window(ctx, &s, 0, closes_at, "survey.reopen");
}

int feedback_survey_list(wy_ctx *ctx, const char *division, int open_only, int64_t before,
                         int limit, survey_row **out, size_t *n)
{
    char div[DIVISION_CODE_MAX] = "";
    if (division && *division && division_normalize(division, div) < 0)
        return wy_fail_field(ctx, E_INVALID, "bad_division",
                             "A division code has 2, 4, 6, 9 or 12 digits.", "division");
    int rc =
        store_survey_list(ctx->c, ctx->a, div, open_only ? ctx->now : 0, before, limit, out, n);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "surveys");
}

int feedback_survey_list_staff(wy_ctx *ctx, const char *division, int64_t before, int limit,
                               survey_row **out, size_t *n)
{
    char div[DIVISION_CODE_MAX] = "";
    if (division && *division && division_normalize(division, div) < 0)
        return wy_fail_field(ctx, E_INVALID, "bad_division",
                             "A division code has 2, 4, 6, 9 or 12 digits.", "division");
    if (!*div) {
        const char *scope = authz_scope(ctx->who, FEEDBACK_PERM);
        if (scope && strlen(scope) < sizeof div)
            snprintf(div, sizeof div, "%s", scope);
    }
    if (authz_require(ctx, FEEDBACK_PERM, *div ? div : NULL) < 0)
        return -1;
    int rc = store_survey_list(ctx->c, ctx->a, div, 0, before, limit, out, n);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "surveys");
}

static int device_ok(const char *d)
{
    size_t n = d ? strlen(d) : 0;
    if (n < FEEDBACK_DEVICE_MIN || n > FEEDBACK_DEVICE_MAX)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = d[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-'))
            return 0;
    }
    return 1;
}

static int bad_answers(wy_ctx *ctx, const char *msg)
{
    return wy_fail_field(ctx, E_INVALID, "bad_answers", msg, "answers");
}

/* Check the answers against the questions and write them; -1 with the refusal. */
static int write_answers(wy_ctx *ctx, int64_t rid, const survey_question *q, size_t nq,
                         const json_t *answers)
{
    if (!json_is_array(answers) || json_array_size(answers) > FEEDBACK_QUESTIONS_MAX)
        return bad_answers(ctx, N_("The answers are a list, one for each question answered."));
    char seen[FEEDBACK_QUESTIONS_MAX] = {0};
    size_t i;
    const json_t *a;
    json_array_foreach(answers, i, a)
    {
        const json_t *jq = json_object_get(a, "question");
        if (!json_is_integer(jq) || json_integer_value(jq) < 0 ||
            (size_t)json_integer_value(jq) >= nq || seen[json_integer_value(jq)])
            return bad_answers(ctx, N_("Each answer names a question of the survey, once."));
        int qi = (int)json_integer_value(jq);
        seen[qi] = 1;
        const survey_question *sq = &q[qi];
        int rc = WY_OK;
        if (!strcmp(sq->kind, "single")) {
            const json_t *c = json_object_get(a, "choice");
            if (!json_is_integer(c) || json_integer_value(c) < 0 ||
                (size_t)json_integer_value(c) >= sq->noptions)
                return bad_answers(ctx, N_("A single-choice answer names one of the options."));
            rc = store_survey_answer_add(ctx->c, rid, qi, (int)json_integer_value(c), 0, NULL);
        } else if (!strcmp(sq->kind, "multiple")) {
            const json_t *cs = json_object_get(a, "choices");
            if (!json_is_array(cs) || json_array_size(cs) == 0 ||
                json_array_size(cs) > sq->noptions)
                return bad_answers(ctx, N_("A multiple-choice answer names some of the options."));
            char chosen[FEEDBACK_OPTIONS_MAX] = {0};
            size_t k;
            const json_t *c;
            json_array_foreach(cs, k, c)
            {
                if (!json_is_integer(c) || json_integer_value(c) < 0 ||
                    (size_t)json_integer_value(c) >= sq->noptions || chosen[json_integer_value(c)])
                    return bad_answers(
                        ctx, N_("A multiple-choice answer names some of the options, each once."));
                chosen[json_integer_value(c)] = 1;
                if (rc == WY_OK)
                    rc = store_survey_answer_add(ctx->c, rid, qi, (int)json_integer_value(c), 0,
                                                 NULL);
            }
        } else if (!strcmp(sq->kind, "rating")) {
            const json_t *r = json_object_get(a, "rating");
            if (!json_is_integer(r) || json_integer_value(r) < 1 || json_integer_value(r) > 5)
                return bad_answers(ctx, N_("A rating is a whole number from 1 to 5."));
            rc = store_survey_answer_add(ctx->c, rid, qi, -1, (int)json_integer_value(r), NULL);
        } else {
            const char *t = json_string_value(json_object_get(a, "text"));
            if (!text_ok(t, FEEDBACK_TEXT_MAX))
                return bad_answers(ctx, N_("A text answer has 1 to 2000 characters."));
            rc = store_survey_answer_add(ctx->c, rid, qi, -1, 0, t);
        }
        if (rc != WY_OK)
            return wy_fail_store(ctx, rc, "answer");
    }
    for (size_t k = 0; k < nq; k++)
        if (q[k].required && !seen[k])
            return wy_fail_field(ctx, E_INVALID, "missing_answer",
                                 "Every required question needs an answer.", "answers");
    return 0;
}

int feedback_survey_respond(wy_ctx *ctx, int64_t id, const char *device, const char *rdivision,
                            int64_t venue_id, const json_t *answers, int64_t *response_id)
{
    survey_row s;
    survey_question *q;
    size_t nq;
    if (feedback_survey_get(ctx, id, &s, &q, &nq) < 0)
        return -1;
    if (ctx->now < s.opens_at || ctx->now >= s.closes_at)
        return wy_fail(ctx, E_CONFLICT, "not_open", "This survey is not open.");
    int64_t uid = ctx->who ? ctx->who->user_id : 0;
    if (!uid && !s.anonymous)
        return wy_fail(ctx, E_UNAUTH, "login_required", "Log in to answer this survey.");
    if (!uid && !device_ok(device))
        return wy_fail_field(ctx, E_INVALID, "bad_device",
                             "An anonymous answer names its device (16 to 64 letters, digits, _ "
                             "or -).",
                             "device");
    char div[DIVISION_CODE_MAX] = "";
    if (rdivision && *rdivision) {
        division d;
        if (check_division(ctx, rdivision, div, &d) < 0)
            return -1;
    } else if (uid && ctx->who->division && *ctx->who->division) {
        snprintf(div, sizeof div, "%s", ctx->who->division);
    }
    int64_t venue = venue_id ? venue_id : s.venue_id;
    if (venue_id) {
        const char *vd;
        int rc = store_feedback_venue_division(ctx->c, ctx->a, venue_id, &vd);
        if (rc == WY_NOTFOUND)
            return wy_fail_field(ctx, E_INVALID, "unknown_venue", "No such venue.", "venue_id");
        if (rc != WY_OK)
            return wy_fail_store(ctx, rc, "venue");
        if (!*div)
            snprintf(div, sizeof div, "%s", vd);
    }
    if (tx_begin(ctx) < 0)
        return -1;
    int rc = store_survey_response_add(ctx->c, id, uid, uid ? NULL : device, *div ? div : NULL,
                                       venue, ctx->now, response_id);
    int res = 0;
    if (rc == WY_CONSTRAINT)
        res = wy_fail(ctx, E_CONFLICT, "already_answered", "This survey has your answer already.");
    else if (rc != WY_OK)
        res = wy_fail_store(ctx, rc, "response");
    if (res == 0)
        res = write_answers(ctx, *response_id, q, nq, answers);
    return tx_end(ctx, res);
}

/* Mask runs of 7 digits or more (keep 3 and 2) and e-mail local parts. */
const char *feedback_mask_text(arena *a, const char *text)
{
    if (!text)
        return NULL;
    size_t n = strlen(text);
    char *o = arena_alloc(a, n + 1);
    if (!o)
        return NULL;
    memcpy(o, text, n + 1);
    for (size_t i = 0; i < n;) {
        if (o[i] >= '0' && o[i] <= '9') {
            size_t j = i;
            while (j < n && ((o[j] >= '0' && o[j] <= '9') || o[j] == 'X' || o[j] == 'x'))
                j++;
            if (j - i >= 7)
                for (size_t k = i + 3; k < j - 2; k++)
                    o[k] = '*';
            i = j;
        } else if (o[i] == '@') {
            size_t k = i;
            while (k > 0 && (unsigned char)o[k - 1] < 0x80 && o[k - 1] != ' ' && o[k - 1] != ',' &&
                   o[k - 1] != ';' && o[k - 1] != '<' && o[k - 1] != '(')
                k--;
            for (size_t m = k + 1; m < i; m++) /* keep the first letter */
                o[m] = '*';
            i++;
        } else {
            i++;
        }
    }
    return o;
}

static int group_index(arena *a, survey_group **gs, size_t *ng, size_t *cap, const char *key,
                       const char *name, size_t nq)
{
    for (size_t i = 0; i < *ng; i++)
        if (!strcmp((*gs)[i].key, key))
            return (int)i;
    if (*ng == *cap) {
        size_t nc = *cap ? *cap * 2 : 8;
        survey_group *w = arena_alloc(a, nc * sizeof(*w));
        if (!w)
            return -1;
        if (*ng)
            memcpy(w, *gs, *ng * sizeof(*w));
        *gs = w;
        *cap = nc;
    }
    survey_group *g = &(*gs)[*ng];
    *g = (survey_group){.key = arena_strdup(a, key), .name = name};
    g->tallies = arena_alloc(a, (nq ? nq : 1) * sizeof(survey_tally));
    if (!g->tallies)
        return -1;
    memset(g->tallies, 0, (nq ? nq : 1) * sizeof(survey_tally));
    return (int)(*ng)++;
}

int feedback_survey_results(wy_ctx *ctx, int64_t id, const char *by, survey_row *s,
                            survey_question **q, size_t *nq, survey_group **groups, size_t *ng)
{
    if (by && *by && strcmp(by, "division") && strcmp(by, "venue") && strcmp(by, "all"))
        return wy_fail_field(ctx, E_INVALID, "bad_group",
                             "Results are grouped by division or venue.", "by");
    int byd = by && !strcmp(by, "division"), byv = by && !strcmp(by, "venue");
    if (feedback_survey_get(ctx, id, s, q, nq) < 0)
        return -1;
    if (authz_require(ctx, FEEDBACK_PERM, s->division) < 0)
        return -1;
    survey_answer_row *rows;
    size_t nr;
    int rc = store_survey_answers(ctx->c, ctx->a, id, &rows, &nr);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "answers");
    survey_group *gs = NULL;
    size_t n = 0, cap = 0;
    if (!byd && !byv && group_index(ctx->a, &gs, &n, &cap, "all", NULL, *nq) < 0)
        return check_mem(ctx);
    int64_t last = 0;
    for (size_t i = 0; i < nr; i++) {
        const survey_answer_row *r = &rows[i];
        char key[32];
        const char *name = NULL;
        if (byd) {
            snprintf(key, sizeof key, "%s", r->division ? r->division : "");
            if (r->division) {
                division d;
                if (store_division_get(ctx->c, ctx->a, r->division, &d) == WY_OK)
                    name = d.name;
            }
        } else if (byv) {
            snprintf(key, sizeof key, "%lld", (long long)r->venue_id);
            name = r->venue_name;
        } else {
            snprintf(key, sizeof key, "all");
        }
        int gi = group_index(ctx->a, &gs, &n, &cap, key, name, *nq);
        if (gi < 0)
            return check_mem(ctx);
        survey_group *g = &gs[gi];
        if (r->response_id != last)
            g->responses++;
        if (r->question < 0 || (size_t)r->question >= *nq)
            continue;
        const survey_question *sq = &(*q)[r->question];
        survey_tally *t = &g->tallies[r->question];
        size_t nc = !strcmp(sq->kind, "rating") ? 5 : sq->noptions;
        if (!t->counts && nc) {
            t->counts = arena_alloc(ctx->a, nc * sizeof(int64_t));
            if (!t->counts)
                return check_mem(ctx);
            memset(t->counts, 0, nc * sizeof(int64_t));
        }
        /* a multiple-choice answer is several rows of one response: count it once */
        int first = i == 0 || rows[i - 1].response_id != r->response_id ||
                    rows[i - 1].question != r->question;
        if (first)
            t->answered++;
        if (r->choice >= 0 && (size_t)r->choice < nc)
            t->counts[r->choice]++;
        if (r->rating >= 1 && r->rating <= 5) {
            t->counts[r->rating - 1]++;
            t->rating_sum += r->rating;
        }
        if (r->text) {
            const char **w = arena_alloc(ctx->a, (t->ntexts + 1) * sizeof(char *));
            if (!w)
                return check_mem(ctx);
            if (t->ntexts)
                memcpy(w, t->texts, t->ntexts * sizeof(char *));
            w[t->ntexts++] = feedback_mask_text(ctx->a, r->text);
            t->texts = w;
        }
        last = r->response_id;
    }
    if (!byd && !byv)
        gs[0].responses = s->responses;
    *groups = gs;
    *ng = n;
    return 0;
}
