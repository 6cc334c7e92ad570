/* linkage: the handlers of the module's routes (module.c lists them). */
#ifndef WY_MOD_LINKAGE_HANDLERS_H
#define WY_MOD_LINKAGE_HANDLERS_H

#include "core/store.h"
#include "web/api.h"
#include "mod/linkage/linkage.h"
#include "web/form.h"
#include "web/web.h"

void api_lk_programmes_list(http_req *req);
void api_lk_programme_create(http_req *req);
void api_lk_programme_get(http_req *req);
void api_lk_participant_add(http_req *req);
void api_lk_plans_list(http_req *req);
void api_lk_plan_submit(http_req *req);
void api_lk_plan_withdraw(http_req *req);
void api_lk_media_remove(http_req *req);
void api_lk_activities_list(http_req *req);
void api_lk_activity_create(http_req *req);
void api_lk_activity_get(http_req *req);
void api_lk_summary_put(http_req *req);
void api_lk_media_add(http_req *req);
void api_lk_media_get(http_req *req);
void api_lk_self_evaluate(http_req *req);
void api_lk_criteria_get(http_req *req);
void api_lk_criteria_put(http_req *req);
void api_lk_score(http_req *req);
void api_lk_evaluation(http_req *req);
void api_lk_commendations_list(http_req *req);
void api_lk_commend(http_req *req);
void api_lk_summary(http_req *req);
void api_lk_publish(http_req *req);

/* the staff's pages (pages_linkage.c) */
void page_admin_linkage(http_req *req);
void page_admin_linkage_create(http_req *req);
void page_admin_linkage_programme(http_req *req);
void page_admin_linkage_summary(http_req *req);
void page_admin_linkage_participant_add(http_req *req);
void page_admin_linkage_plan_submit(http_req *req);
void page_admin_linkage_plan_decide(http_req *req);
void page_admin_linkage_plan_withdraw(http_req *req);
void page_admin_linkage_media_remove(http_req *req);
void page_admin_linkage_activity_create(http_req *req);
void page_admin_linkage_summary_set(http_req *req);
void page_admin_linkage_media_add(http_req *req);
void page_admin_linkage_self_evaluate(http_req *req);
void page_admin_linkage_criteria_set(http_req *req);
void page_admin_linkage_score(http_req *req);
void page_admin_linkage_commend(http_req *req);
void page_admin_linkage_publish(http_req *req);

/* pieces of the programme page that the public page shows too (pages_linkage.c) */
extern const web_term linkage_stage_terms[], linkage_kind_terms[];
void linkage_stages_section(http_req *req, html *h, const lk_view *v);
void linkage_score_text(html *h, double v); /* "—" when < 0 */
/* The comprehensive ranking: its formula, the bar chart and the table. */
void linkage_ranking(http_req *req, html *h, const lk_summary *s);
void linkage_commendation_list(html *h, const lk_summary *s);
/* The names of divisions (guests, members), separated by 、. */
void linkage_divisions_text(html *h, const lk_guest *g, size_t n);
/* A programme's themes ("a,b,c") as badges. */
void linkage_theme_badges(http_req *req, html *h, const char *themes);

/* the public pages (pages_linkage_public.c): published programmes only */
void page_linkage_public_list(http_req *req);
void page_linkage_public(http_req *req);

/* The inbox's sentence of a linkage notification. */
const char *web_linkage_text(http_req *req, const notification *n);
/* `wenyun demo`: a province-level programme of 四川省 (demo_linkage.c) */
int linkage_demo(wy_ctx *ctx, const char *data_dir, int verbose);

#endif
