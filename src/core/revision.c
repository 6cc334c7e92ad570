/* revision: see revision.h. */
#include "core/revision.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/authz.h"
#include "util/strbuf.h"

/* The revision type of a content type: the review type registered under that name, when its
 * on_status is ours (review is the first member of a revision_type). */
static const revision_type *type_of(const char *content_type)
{
    const review_type *r = review_type_find(content_type);
    return r && r->on_status == revision_on_status ? (const revision_type *)(const void *)r : NULL;
}

/* The names of the fields in set, in the type's order: "description, live_url". */
static const char *field_list(wy_ctx *ctx, const revision_type *t, unsigned set)
{
    strbuf what = STRBUF_INIT;
    for (int i = 0; t->fields[i] && i < REVISION_MAX_FIELDS; i++)
        if (set & (1u << i))
            sb_addf(&what, "%s%s", what.len ? ", " : "", t->fields[i]);
    const char *s = arena_strdup(ctx->a, what.len ? what.buf : "");
    sb_release(&what);
    return s;
}

/* The changes of a revision as kept: a JSON object of the fields in set. NULL when out of
 * memory or when a value is not UTF-8 (the rules of the module have checked it is). */
static char *changes_json(const revision_type *t, unsigned set, const char *const *values)
{
    json_t *o = json_object();
    int ok = o != NULL;
    for (int i = 0; ok && t->fields[i] && i < REVISION_MAX_FIELDS; i++)
        if (set & (1u << i))
            ok = json_object_set_new(o, t->fields[i],
                                     values[i] ? json_string(values[i]) : json_null()) == 0;
    char *s = ok ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
    json_decref(o);
    return s;
}

/* A kept row as the rules read it: the fields named in its changes that the type knows. */
static int from_row(wy_ctx *ctx, const revision_type *t, const revision_row *row, revision *out)
{
    *out = (revision){.id = row->id,
                      .target_id = row->target_id,
                      .status = row->status,
                      .created_by = row->created_by,
                      .created_at = row->created_at,
                      .decided_at = row->decided_at};
    json_t *o = json_loads(row->changes ? row->changes : "", 0, NULL);
    if (!json_is_object(o)) {
        json_decref(o);
        return wy_fail(ctx, E_INTERNAL, "internal", "Something went wrong on our side.");
    }
    for (int i = 0; t->fields[i] && i < REVISION_MAX_FIELDS; i++) {
        json_t *v = json_object_get(o, t->fields[i]);
        if (!v || !((1u << i) & t->editable))
            continue;
        out->fields |= 1u << i;
        out->values[i] = json_is_string(v) ? arena_strdup(ctx->a, json_string_value(v)) : NULL;
    }
    json_decref(o);
    return check_mem(ctx);
}

static int may_see(const wy_ctx *ctx, const revision_type *t, const revision_target *target)
{
    return t->manages(ctx->who, target) || authz_allows(ctx->who, PERM_REVIEW, target->division);
}

int revision_propose(wy_ctx *ctx, const revision_type *t, const revision_target *target,
                     unsigned set, const char *const *values, const char **status)
{
    const char *content_type = t->review.name;
    revision_row r;
    int rc = store_revision_pending(ctx->c, ctx->a, content_type, target->id, &r);
    if (rc == WY_OK)
        return wy_fail(ctx, E_CONFLICT, "revision_pending", t->pending_refusal);
    if (rc != WY_NOTFOUND)
        return wy_fail_store(ctx, rc, "revision");
    set &= t->editable;
    if (!set)
        return wy_fail(ctx, E_INVALID, "nothing_to_change", "Give at least one field to change.");
    char *changes = changes_json(t, set, values);
    if (!changes)
        return wy_fail(ctx, E_INTERNAL, "internal", "Something went wrong on our side.");
    r = (revision_row){.content_type = content_type,
                       .target_id = target->id,
                       .changes = changes,
                       .created_by = ctx->who ? ctx->who->user_id : 0};
    rc = store_revision_create(ctx->c, &r, ctx->now, &r.id);
    free(changes);
    if (rc == WY_CONSTRAINT) /* another change of the same record came first */
        return wy_fail(ctx, E_CONFLICT, "revision_pending", t->pending_refusal);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "revision");
    if (audit_add(ctx, arena_sprintf(ctx->a, "%s.revise", t->object_type), t->object_type,
                  target->id, target->division, "published", "published",
                  field_list(ctx, t, set)) < 0 ||
        review_author_add(ctx, content_type, r.id) < 0)
        return -1;
    /* with an empty chain this applies the revision at once (on_status "published") */
    return review_submit_tx(ctx, content_type, r.id, target->division, target->title, status);
}

int revision_on_status(wy_ctx *ctx, int64_t id, const char *status)
{
    if (!strcmp(status, "pending"))
        return 0;
    revision_row row;
    int rc = store_revision_get(ctx->c, ctx->a, id, &row);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "revision");
    const revision_type *t = type_of(row.content_type);
    if (!t)
        return wy_fail(ctx, E_INTERNAL, "internal", "Something went wrong on our side.");
    revision_target target;
    if (t->load(ctx, row.target_id, &target) < 0)
        return -1;
    const char *to = !strcmp(status, "published") ? "approved" : "rejected";
    /* a record no longer published meanwhile (cancelled, say) takes nothing */
    if (!strcmp(to, "approved") && strcmp(target.status, "published"))
        to = "obsolete";
    rc = store_revision_set_status(ctx->c, id, "pending", to, ctx->now);
    if (rc == WY_NOTFOUND)
        return wy_fail(ctx, E_CONFLICT, "bad_state", "This revision is not waiting for review.");
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "revision");
    if (strcmp(to, "approved"))
        return audit_add(ctx, arena_sprintf(ctx->a, "%s.revision_discard", t->object_type),
                         t->object_type, target.id, target.division, "published", target.status,
                         to);
    revision r;
    if (from_row(ctx, t, &row, &r) < 0 || t->apply(ctx, &target, &r) < 0)
        return -1;
    return audit_add(ctx, arena_sprintf(ctx->a, "%s.revision_apply", t->object_type),
                     t->object_type, target.id, target.division, "published", "published",
                     field_list(ctx, t, r.fields));
}

int revision_pending(wy_ctx *ctx, const revision_type *t, const revision_target *target,
                     revision *out, int64_t *review_id)
{
    *review_id = 0;
    if (!may_see(ctx, t, target))
        return 0; /* not for the public: it is not approved */
    revision_row row;
    int rc = store_revision_pending(ctx->c, ctx->a, t->review.name, target->id, &row);
    if (rc == WY_NOTFOUND)
        return 0;
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "revision");
    if (from_row(ctx, t, &row, out) < 0)
        return -1;
    review_item it;
    rc = store_review_item_by_content(ctx->c, ctx->a, t->review.name, row.id, &it);
    if (rc == WY_OK)
        *review_id = it.id;
    else if (rc != WY_NOTFOUND)
        return wy_fail_store(ctx, rc, "revision");
    return 1;
}

int revision_get(wy_ctx *ctx, const revision_type *t, int64_t id, revision *out)
{
    revision_row row;
    int rc = store_revision_get(ctx->c, ctx->a, id, &row);
    if (rc == WY_OK && strcmp(row.content_type, t->review.name))
        rc = WY_NOTFOUND; /* another type's */
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "revision");
    return from_row(ctx, t, &row, out);
}

int revision_where(wy_ctx *ctx, const revision_type *t, int64_t id, int64_t *target_id)
{
    revision r;
    revision_target target;
    if (revision_get(ctx, t, id, &r) < 0 || t->load(ctx, r.target_id, &target) < 0)
        return -1;
    /* for those who manage or review the record; nobody else knows of it */
    if (!may_see(ctx, t, &target))
        return wy_fail(ctx, E_NOTFOUND, "not_found", "Not found.");
    *target_id = target.id;
    return 0;
}
