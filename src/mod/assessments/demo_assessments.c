/* demo_assessments: `wenyun demo` imports data/demo/standard_cultural_centres.csv (a short
 * standard for cultural centres after the national grading) and grades the demo's cultural
 * centres of 攀枝花市 for 2026 through the same rules as the API: 攀枝花市文化馆 (东区) is
 * self-assessed by 东区's admin, scored by the city's reviewer and published by the city's
 * admin, so its grade is written on its record; 西区文化馆 and 盐边县文化馆 are self-assessed
 * by the city's admin for them and scored, and wait for someone other than the one who
 * submitted to publish them. A second run finds the standard and changes nothing. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/demo_kit.h"
#include "mod/assessments/assessments.h"
#include "mod/assessments/handlers.h"
#include "mod/venues/venue.h"
#include "util/strbuf.h"

#define DEMO_STANDARD "文化馆评估定级标准（示例）"
#define DEMO_VERSION  "2026"
#define DEMO_YEAR     2026

static const struct {
    const char *external_id, *submitter;
    int publish;
} centres[] = {
    {"pzh-cc-city", "13900000002", 1},
    {"pzh-cc-xq", "13900000001", 0},
    {"pzh-cc-yb", "13900000001", 0},
};

/* the hand-scored items' self scores, as a share of their points (the city's centre is the
 * better equipped) */
static double hand_share(int k, int seq)
{
    return k == 0 ? (seq % 2 ? 1.0 : 0.9) : (seq % 2 ? 0.9 : 0.8);
}

static int grade_one(wy_ctx *ctx, int64_t standard_id, int k)
{
    venue v;
    if (store_venue_by_external(ctx->c, ctx->a, centres[k].external_id, &v) != WY_OK)
        return 0; /* the demo venues are not loaded: nothing to grade */
    principal who;
    int64_t id;
    if (demo_as_user(ctx, centres[k].submitter, &who) < 0)
        return -1;
    if (assessment_create(ctx, standard_id, v.id, DEMO_YEAR, &id) < 0)
        return demo_failed(ctx, "start an assessment");
    assessment_view av;
    if (assessment_get(ctx, id, &av) < 0)
        return demo_failed(ctx, "read an assessment");
    assessment_answer ans[STDIMPORT_MAX_ITEMS];
    size_t n = 0;
    for (size_t i = 0; i < av.nitems && n < STDIMPORT_MAX_ITEMS; i++)
        if (!*av.items[i].source)
            ans[n++] = (assessment_answer){
                av.items[i].id,
                round(av.items[i].max_points * hand_share(k, av.items[i].seq) * 10) / 10,
                "见佐证材料"};
    if (assessment_self(ctx, id, ans, n) < 0)
        return demo_failed(ctx, "self-assess");
    attachment a;
    static const char note[] = "免费开放公示：每周二至周日 9:00-21:00 免费开放。\n";
    attachment_file f = {"免费开放公示.txt", "text/plain; charset=utf-8", note, sizeof(note) - 1};
    if (assessment_evidence_add(ctx, id, av.items[2].id, &f, &a) < 0)
        return demo_failed(ctx, "add evidence");
    if (assessment_submit(ctx, id, NULL) < 0)
        return demo_failed(ctx, "submit an assessment");
    /* the city's reviewer scores: the drawn items as the figures give, the others a little
     * below the self scores */
    if (assessment_get(ctx, id, &av) < 0 || demo_as_user(ctx, "13900000004", &who) < 0)
        return demo_failed(ctx, "read an assessment");
    assessment_mark m[STDIMPORT_MAX_ITEMS];
    for (size_t i = 0; i < av.nitems && i < STDIMPORT_MAX_ITEMS; i++) {
        double self = 0;
        for (size_t j = 0; j < av.nanswers; j++)
            if (av.answers[j].item_id == av.items[i].id && isfinite(av.answers[j].self_score))
                self = av.answers[j].self_score;
        m[i] = (assessment_mark){av.items[i].id, *av.items[i].source ? self : fmax(0, self - 0.5),
                                 *av.items[i].source ? "与平台数据一致" : "材料齐全"};
    }
    if (assessment_review(ctx, id, m, av.nitems) < 0)
        return demo_failed(ctx, "score an assessment");
    if (centres[k].publish) {
        if (demo_as_user(ctx, "13900000001", &who) < 0 || assessment_publish(ctx, id, &av) < 0)
            return demo_failed(ctx, "publish an assessment");
    }
    return 0;
}

int assessments_demo(wy_ctx *ctx, const char *data_dir, int verbose)
{
    standard_row s;
    if (store_standard_find(ctx->c, ctx->a, DEMO_STANDARD, DEMO_VERSION, &s) == WY_OK)
        return 0;
    char path[1024];
    snprintf(path, sizeof(path), "%s/demo/standard_cultural_centres.csv", data_dir);
    strbuf file = STRBUF_INIT;
    if (sb_read_file(&file, path) < 0) {
        fprintf(stderr, "demo: cannot read %s\n", path);
        sb_release(&file);
        return -1;
    }
    const principal *was = ctx->who;
    ctx->who = NULL;
    standard_import_result res;
    int rc = assessments_standard_import(ctx, DEMO_STANDARD, DEMO_VERSION, "5104", file.buf,
                                         file.len, 0, &res);
    sb_release(&file);
    if (rc < 0) {
        fprintf(stderr, "demo: the standard: %s %s\n", ctx->err.message,
                res.detail ? res.detail : "");
        ctx->who = was;
        return -1;
    }
    for (int k = 0; rc == 0 && k < (int)(sizeof(centres) / sizeof(centres[0])); k++)
        rc = grade_one(ctx, res.standard_id, k);
    ctx->who = was;
    if (rc == 0 && verbose)
        fprintf(stderr, "demo: standard %s with %zu items; the cultural centres graded\n",
                DEMO_STANDARD, res.im.nitems);
    return rc;
}
