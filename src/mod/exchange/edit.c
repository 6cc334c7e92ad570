/* edit: changes to partners, agreements, channels and intents, and the deletion of a channel
 * or an intent written by mistake (calendar.h). A change is checked whole, as the record would
 * be written anew, so bad input changes nothing; each one is audited. */
#include "mod/exchange/amend.h"
#include "mod/exchange/calendar.h"

#include <stdio.h>
#include <string.h>

#include "core/audit.h"
#include "core/authz.h"

static const char * or (const char *given, const char *had)
{
    return given ? given : had;
}

/* An optional date: NULL keeps it, "" clears it. */
static const char *opt_date(const char *given, const char *had)
{
    return !given ? had : *given ? given : NULL;
}

size_t exchange_split_list(arena *a, const char *s, const char **out, size_t max)
{
    size_t n = 0;
    const char *p = s ? s : "";
    while (*p && n < max) {
        const char *e = strchr(p, ',');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (len)
            out[n++] = arena_strndup(a, p, len);
        p += len + (e ? 1 : 0);
    }
    return n;
}

int exchange_partner_change(wy_ctx *ctx, int64_t id, const exchange_partner_input *in,
                            int languages_given)
{
    exchange_partner p;
    if (exchange_begin(ctx) < 0)
        return -1;
    int rc, res = exchange_loaded(ctx, store_exchange_partner_get(ctx->c, ctx->a, id, &p),
                                  "partner", &p.division);
    const char *had[10];
    exchange_partner_input m = {.division = p.division,
                                .name = or (in->name, p.name),
                                .name_en = or (in->name_en, p.name_en),
                                .kind = or (in->kind, p.kind),
                                .scope = or (in->scope, p.scope),
                                .country = or (in->country, p.country),
                                .city = or (in->city, p.city),
                                .organisation = or (in->organisation, p.organisation),
                                .since = opt_date(in->since, p.since)};
    if (languages_given) {
        m.languages = in->languages;
        m.nlanguages = in->nlanguages;
    } else if (res == 0) {
        m.nlanguages = exchange_split_list(ctx->a, p.languages, had, 10);
        m.languages = had;
    }
    const char *languages = NULL;
    if (res == 0)
        res = exchange_partner_check(ctx, &m, &languages);
    if (res == 0) {
        exchange_partner q = p;
        q.name = m.name;
        q.name_en = m.name_en ? m.name_en : "";
        q.kind = m.kind;
        q.scope = m.scope;
        q.country = m.country;
        q.city = m.city ? m.city : "";
        q.organisation = m.organisation ? m.organisation : "";
        q.languages = languages;
        q.since = m.since;
        if ((rc = store_exchange_partner_update(ctx->c, &q, ctx->now)) != WY_OK)
            res = wy_fail_store(ctx, rc, "partner update");
    }
    if (res == 0)
        res = audit_add(ctx, "exchange_partner.update", "exchange_partner", id, p.division, NULL,
                        NULL, m.name);
    return tx_end(ctx, res);
}

int exchange_agreement_get_staff(wy_ctx *ctx, int64_t id, exchange_agreement *out)
{
    int rc = store_exchange_agreement_get(ctx->c, ctx->a, id, out);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "agreement");
    return authz_require(ctx, EXCHANGE_PERM, out->division);
}

int exchange_agreement_change(wy_ctx *ctx, int64_t id, const exchange_agreement_input *in)
{
    exchange_agreement g;
    if (exchange_begin(ctx) < 0)
        return -1;
    int rc, res = exchange_loaded(ctx, store_exchange_agreement_get(ctx->c, ctx->a, id, &g),
                                  "agreement", &g.division);
    exchange_agreement_input m = {0};
    if (res == 0) {
        m = (exchange_agreement_input){.kind = or (in->kind, g.kind),
                                       .title = or (in->title, g.title),
                                       .signed_on = or (in->signed_on, g.signed_on),
                                       .renew_on = opt_date(in->renew_on, g.renew_on),
                                       .scope = or (in->scope, g.scope),
                                       .obligations = or (in->obligations, g.obligations),
                                       .owner_ours = or (in->owner_ours, g.owner_ours),
                                       .owner_theirs = or (in->owner_theirs, g.owner_theirs)};
        res = exchange_agreement_check(ctx, &m);
    }
    if (res == 0) {
        exchange_agreement q = g;
        q.kind = m.kind;
        q.title = m.title;
        q.signed_on = m.signed_on;
        q.renew_on = m.renew_on;
        q.scope = m.scope;
        q.obligations = m.obligations;
        q.owner_ours = m.owner_ours;
        q.owner_theirs = m.owner_theirs;
        if ((rc = store_exchange_agreement_update(ctx->c, &q, ctx->now)) != WY_OK)
            res = wy_fail_store(ctx, rc, "agreement update");
    }
    if (res == 0)
        res = audit_add(ctx, "exchange_agreement.update", "exchange_agreement", id, g.division,
                        NULL, NULL, m.title);
    return tx_end(ctx, res);
}

int exchange_channel_change(wy_ctx *ctx, int64_t id, const exchange_channel_input *in)
{
    exchange_channel ch;
    if (exchange_begin(ctx) < 0)
        return -1;
    int rc, res = exchange_loaded(ctx, store_exchange_channel_get(ctx->c, ctx->a, id, &ch),
                                  "channel", &ch.division);
    exchange_channel_input m = {0};
    if (res == 0) {
        m = (exchange_channel_input){.division = ch.division,
                                     .name = or (in->name, ch.name),
                                     .scope = or (in->scope, ch.scope),
                                     .sector = or (in->sector, ch.sector),
                                     .established_on = or (in->established_on, ch.established_on),
                                     .note = or (in->note, ch.note),
                                     .mass_art = in->mass_art < 0 ? ch.mass_art : in->mass_art};
        res = exchange_channel_check(ctx, &m);
    }
    if (res == 0) {
        exchange_channel q = ch;
        q.name = m.name;
        q.scope = m.scope;
        q.sector = m.sector;
        q.established_on = m.established_on;
        q.note = m.note;
        q.mass_art = m.mass_art ? 1 : 0;
        if ((rc = store_exchange_channel_update(ctx->c, &q, ctx->now)) != WY_OK)
            res = wy_fail_store(ctx, rc, "channel update");
    }
    if (res == 0)
        res = audit_add(ctx, "exchange_channel.update", "exchange_channel", id, ch.division, NULL,
                        NULL, m.name);
    return tx_end(ctx, res);
}

int exchange_intent_change(wy_ctx *ctx, int64_t id, int64_t channel, int64_t partner,
                           const char *title, const char *reached_on)
{
    if (exchange_check_text(ctx, title, 0, 200, "bad_title", "A title has 1 to 200 characters.",
                            "title") < 0 ||
        (title && !*title &&
         wy_fail_field(ctx, E_INVALID, "bad_title", "A title has 1 to 200 characters.", "title") <
             0) ||
        exchange_check_date(ctx, reached_on, 0, "reached_on") < 0)
        return -1;
    if (channel < 0 || partner < 0)
        return wy_fail(ctx, E_INVALID, "bad_body", "A channel or a partner is an id.");
    exchange_intent it;
    exchange_channel ch;
    exchange_partner p;
    if (exchange_begin(ctx) < 0)
        return -1;
    int rc, res = exchange_loaded(ctx, store_exchange_intent_get(ctx->c, ctx->a, id, &it), "intent",
                                  &it.division);
    if (res == 0 && channel) {
        rc = store_exchange_channel_get(ctx->c, ctx->a, channel, &ch);
        if (rc == WY_NOTFOUND)
            res =
                wy_fail_field(ctx, E_INVALID, "unknown_channel", "No such channel.", "channel_id");
        else if (rc != WY_OK)
            res = wy_fail_store(ctx, rc, "channel");
        else /* the intent moves to the channel's division: the caller writes both */
            res = authz_require(ctx, EXCHANGE_PERM, ch.division);
        if (res == 0) {
            it.channel_id = channel;
            it.division = ch.division;
        }
    }
    if (res == 0 && partner) {
        rc = store_exchange_partner_get(ctx->c, ctx->a, partner, &p);
        if (rc == WY_NOTFOUND)
            res =
                wy_fail_field(ctx, E_INVALID, "unknown_partner", "No such partner.", "partner_id");
        else if (rc != WY_OK)
            res = wy_fail_store(ctx, rc, "partner");
        else
            it.partner_id = partner;
    }
    /* the partner is the channel's city's, as when it was written */
    if (res == 0 && (channel || partner)) {
        if (!partner &&
            (rc = store_exchange_partner_get(ctx->c, ctx->a, it.partner_id, &p)) != WY_OK)
            res = wy_fail_store(ctx, rc, "partner");
        if (res == 0 && strncmp(p.division, it.division, 4))
            res = wy_fail_field(ctx, E_RULE, "other_city", "The partner is another city's.",
                                "partner_id");
    }
    if (res == 0) {
        it.title = or (title, it.title);
        it.reached_on = or (reached_on, it.reached_on);
        if ((rc = store_exchange_intent_update(ctx->c, &it, ctx->now)) != WY_OK)
            res = wy_fail_store(ctx, rc, "intent update");
    }
    if (res == 0)
        res = audit_add(ctx, "exchange_intent.update", "exchange_intent", id, it.division, NULL,
                        NULL, it.title);
    return tx_end(ctx, res);
}

int exchange_channel_delete(wy_ctx *ctx, int64_t id)
{
    exchange_channel ch;
    int64_t refs = 0;
    if (exchange_begin(ctx) < 0)
        return -1;
    int rc, res = exchange_loaded(ctx, store_exchange_channel_get(ctx->c, ctx->a, id, &ch),
                                  "channel", &ch.division);
    if (res == 0 && (rc = store_exchange_channel_refs(ctx->c, id, &refs)) != WY_OK)
        res = wy_fail_store(ctx, rc, "channel references");
    if (res == 0 && refs > 0)
        res = wy_fail(ctx, E_CONFLICT, "in_use",
                      "An intent or an activity names this channel: it cannot be deleted.");
    if (res == 0 && (rc = store_exchange_channel_delete(ctx->c, id)) != WY_OK)
        res = wy_fail_store(ctx, rc, "channel delete");
    if (res == 0)
        res = audit_add(ctx, "exchange_channel.delete", "exchange_channel", id, ch.division, NULL,
                        NULL, ch.name);
    return tx_end(ctx, res);
}

int exchange_intent_delete(wy_ctx *ctx, int64_t id)
{
    exchange_intent it;
    if (exchange_begin(ctx) < 0)
        return -1;
    int rc, res = exchange_loaded(ctx, store_exchange_intent_get(ctx->c, ctx->a, id, &it), "intent",
                                  &it.division);
    /* a foreign key of another record (a follow-up) refuses the deletion: 409 */
    if (res == 0 && (rc = store_exchange_intent_delete(ctx->c, id)) != WY_OK)
        res = wy_fail_store(ctx, rc, "intent delete");
    if (res == 0)
        res = audit_add(ctx, "exchange_intent.delete", "exchange_intent", id, it.division, NULL,
                        NULL, it.title);
    return tx_end(ctx, res);
}
