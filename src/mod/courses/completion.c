/* completion: see completion.h. */
#include "mod/courses/completion.h"

#include <string.h>

#include "core/authz.h"
#include "mod/courses/enrolment.h"

#define N_(s) s

const certificate_kind course_certificate_kind = {
    COURSE_CERTIFICATE_KIND,
    "KC", /* 课程 */
    N_("Course completion"),
    PERM_COURSES_MANAGE,
};

int course_certificates_issue(wy_ctx *ctx, int64_t course_id, course_issued *out)
{
    memset(out, 0, sizeof(*out));
    course_view v;
    /* course_get hides what the caller may not see; then only its managers issue */
    if (course_get(ctx, course_id, &v) < 0)
        return -1;
    if (!course_managed_by(ctx->who, &v.k))
        return authz_require(ctx, PERM_COURSES_MANAGE, v.k.division) < 0
                   ? -1
                   : wy_fail(ctx, E_FORBIDDEN, "forbidden", "You may not do that here.");
    if (strcmp(v.k.status, "published"))
        return wy_fail(ctx, E_CONFLICT, "bad_state",
                       "Certificates are issued for a published course.");
    int held = 0;
    int64_t last_end = 0;
    for (size_t i = 0; i < v.nsessions; i++)
        if (!strcmp(v.sessions[i].status, "scheduled")) {
            held++;
            if (v.sessions[i].ends_at > last_end)
                last_end = v.sessions[i].ends_at;
        }
    if (!held || last_end > ctx->now) {
        ctx->err.opens_at = last_end;
        return wy_fail(ctx, E_CONFLICT, "not_over",
                       "Certificates are issued once the course's last session has ended.");
    }
    int percent = (int)config_module_int(ctx->cfg, "courses", "completion_percent");
    const char *issuer = v.venue_name      ? v.venue_name
                         : v.division_name ? v.division_name
                                           : v.k.division;
    if (tx_begin(ctx) < 0)
        return -1;
    roster_row *rows;
    size_t nrows;
    int rc = store_course_roster(ctx->c, ctx->a, course_id, &rows, &nrows);
    int res = rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "roster");
    if (res == 0) {
        out->certificates = arena_alloc(ctx->a, (nrows + 1) * sizeof(*out->certificates));
        if (!out->certificates)
            res = wy_fail_store(ctx, WY_NOMEM, "certificates");
    }
    for (size_t i = 0; res == 0 && i < nrows; i++) {
        int attended = rows[i].attended < held ? rows[i].attended : held;
        if (!course_completed(attended, held, percent)) {
            out->not_completed++;
            continue;
        }
        /* the certificate is a document in Chinese, as the centre issues it */
        certificate_fact facts[5];
        size_t nf = 0;
        facts[nf++] = (certificate_fact){"课程", v.k.title};
        facts[nf++] = (certificate_fact){"学期", v.term.name};
        if (v.teacher_name)
            facts[nf++] = (certificate_fact){"授课教师", v.teacher_name};
        facts[nf++] =
            (certificate_fact){"上课日期", arena_sprintf(ctx->a, "%s 至 %s", v.term.classes_from,
                                                         v.term.classes_until)};
        facts[nf++] =
            (certificate_fact){"出勤", arena_sprintf(ctx->a, "%d / %d 次", attended, held)};
        certificate_spec s = {
            .kind = COURSE_CERTIFICATE_KIND,
            .subject_id = course_id,
            .holder_id = rows[i].e.user_id,
            .holder_name = rows[i].name,
            .title = "结业证书",
            .body = arena_sprintf(ctx->a,
                                  "于%s参加「%s」课程学习，出勤%d次（共%d次），"
                                  "达到结业要求，准予结业。",
                                  v.term.name, v.k.title, attended, held),
            .facts = facts,
            .nfacts = nf,
            .issuer = issuer,
            .division = v.k.division,
        };
        certificate c;
        int existing;
        if (!s.body || !facts[nf - 1].value || !facts[nf - 2].value) {
            res = wy_fail_store(ctx, WY_NOMEM, "certificate");
            break;
        }
        res = certificate_issue_tx(ctx, &s, &c, &existing);
        if (res == 0 && existing)
            out->existing++;
        else if (res == 0) {
            out->issued++;
            out->certificates[out->ncertificates++] = c;
        }
    }
    return tx_end(ctx, res);
}
