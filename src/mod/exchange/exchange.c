/* exchange: see exchange.h. */
#include "mod/exchange/exchange.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/audit.h"
#include "core/authz.h"
#include "core/division.h"
#include "util/csvread.h"

#define N_(s) s /* a msgid translated where the refusal is shown */

static int atoi_n(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++)
        v = v * 10 + (s[i] - '0');
    return v;
}

int exchange_date_valid(const char *s)
{
    static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return 0;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return 0;
    int y = atoi_n(s, 4), m = atoi_n(s + 5, 2), d = atoi_n(s + 8, 2);
    if (y < 1900 || m < 1 || m > 12 || d < 1 || d > days[m - 1])
        return 0;
    return m != 2 || d < 29 || (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0));
}

void exchange_date_of(int64_t ms, char out[11])
{
    time_t t = (time_t)(ms / 1000) + 8 * 3600;
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 11, "%Y-%m-%d", &tm);
}

/* A text field: required (non-empty) or optional (NULL or anything up to max characters). */
int exchange_check_text(wy_ctx *ctx, const char *s, int required, size_t max, const char *code,
                        const char *message, const char *field)
{
    if (!s ? required : (required && !*s) || !utf8_valid(s, strlen(s)) || utf8_length(s) > max)
        return wy_fail_field(ctx, E_INVALID, code, message, field);
    return 0;
}

int exchange_check_enum(wy_ctx *ctx, const char *s, const char *const *allowed, const char *code,
                        const char *message, const char *field)
{
    for (size_t i = 0; s && allowed[i]; i++)
        if (!strcmp(s, allowed[i]))
            return 0;
    return wy_fail_field(ctx, E_INVALID, code, message, field);
}

int exchange_check_date(wy_ctx *ctx, const char *s, int required, const char *field)
{
    if (!s ? required : !exchange_date_valid(s))
        return wy_fail_field(ctx, E_INVALID, "bad_date", "A date is YYYY-MM-DD.", field);
    return 0;
}

/* The division code normalised into div, known, and the caller's to write. Inside a write
 * transaction. */
int exchange_writable_division(wy_ctx *ctx, const char *code, char div[DIVISION_CODE_MAX])
{
    if (!code || division_normalize(code, div) < 0)
        return wy_fail_field(ctx, E_INVALID, "bad_division",
                             "A division code has 2, 4, 6, 9 or 12 digits.", "division");
    if (authz_require(ctx, EXCHANGE_PERM, div) < 0)
        return -1;
    division d;
    int rc = store_division_get(ctx->c, ctx->a, div, &d);
    if (rc == WY_NOTFOUND)
        return wy_fail_field(ctx, E_INVALID, "unknown_division", "No such division.", "division");
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "division");
}

/* A list's division filter: "" for every division, else normalised. */
int exchange_list_division(wy_ctx *ctx, const char *code, char div[DIVISION_CODE_MAX])
{
    div[0] = 0;
    if (code && *code && division_normalize(code, div) < 0)
        return wy_fail_field(ctx, E_INVALID, "bad_division",
                             "A division code has 2, 4, 6, 9 or 12 digits.", "division");
    return 0;
}

static const char *const partner_kinds[] = {"friendship_city", "local_government", "organisation",
                                            NULL};
static const char *const partner_scopes[] = {"foreign", "domestic", NULL};
static const char *const agreement_kinds[] = {"friendship_city", "memorandum", "alliance_charter",
                                              NULL};
static const char *const channel_scopes[] = {"international", "domestic", NULL};
static const char *const channel_sectors[] = {"government", "nongovernment", NULL};

static int language_valid(const char *s)
{
    size_t n = s ? strlen(s) : 0;
    if (n < 2 || n > 8)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || s[i] == '-'))
            return 0;
    return 1;
}

int exchange_partner_check(wy_ctx *ctx, const exchange_partner_input *in, const char **out)
{
    if (exchange_check_text(ctx, in->name, 1, 100, "bad_name",
                            N_("A name has 1 to 100 characters."), "name") < 0 ||
        exchange_check_text(ctx, in->name_en, 0, 200, "bad_name_en",
                            N_("An English name has at most 200 characters."), "name_en") < 0 ||
        exchange_check_enum(
            ctx, in->kind, partner_kinds, "bad_kind",
            N_("A partner is a friendship_city, a local_government or an organisation."),
            "kind") < 0 ||
        exchange_check_enum(ctx, in->scope, partner_scopes, "bad_scope",
                            N_("A partner is foreign or domestic."), "scope") < 0 ||
        exchange_check_text(ctx, in->country, 1, 100, "bad_country",
                            N_("A country has 1 to 100 characters."), "country") < 0 ||
        exchange_check_text(ctx, in->city, 0, 100, "bad_city",
                            N_("A city has at most 100 characters."), "city") < 0 ||
        exchange_check_text(ctx, in->organisation, 0, 200, "bad_organisation",
                            N_("An organisation has at most 200 characters."),
                            "organisation") < 0 ||
        exchange_check_date(ctx, in->since, 0, "since") < 0)
        return -1;
    if (strcmp(in->kind, "organisation") && (!in->city || !*in->city))
        return wy_fail_field(ctx, E_INVALID, "city_required",
                             "A friendship city or a local government names its city or region.",
                             "city");
    if (!strcmp(in->kind, "organisation") && (!in->organisation || !*in->organisation))
        return wy_fail_field(ctx, E_INVALID, "organisation_required",
                             "A partner organisation names the organisation.", "organisation");
    if (in->nlanguages > 10)
        return wy_fail_field(ctx, E_INVALID, "bad_languages", "At most 10 languages.", "languages");
    /* ",zh,es,": each code at most 8 bytes and its comma */
    char *languages = arena_alloc(ctx->a, 2 + 9 * in->nlanguages), *w = languages;
    if (!languages)
        return check_mem(ctx);
    *w++ = ',';
    for (size_t i = 0; i < in->nlanguages; i++) {
        if (!language_valid(in->languages[i]))
            return wy_fail_field(ctx, E_INVALID, "bad_languages",
                                 "A language is a code such as zh, en or es.", "languages");
        w += sprintf(w, "%s,", in->languages[i]);
    }
    *w = 0;
    *out = languages;
    return 0;
}

int exchange_partner_create(wy_ctx *ctx, const exchange_partner_input *in, int64_t *id)
{
    const char *languages;
    if (exchange_partner_check(ctx, in, &languages) < 0)
        return -1;
    char div[DIVISION_CODE_MAX];
    int rc = store_begin(ctx->c, 1);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "begin");
    int res = exchange_writable_division(ctx, in->division, div);
    if (res == 0) {
        exchange_partner p = {.division = div,
                              .name = in->name,
                              .name_en = in->name_en ? in->name_en : "",
                              .kind = in->kind,
                              .scope = in->scope,
                              .country = in->country,
                              .city = in->city ? in->city : "",
                              .organisation = in->organisation ? in->organisation : "",
                              .languages = languages,
                              .since = in->since,
                              .created_by = ctx->who ? ctx->who->user_id : 0};
        rc = store_exchange_partner_create(ctx->c, &p, ctx->now, id);
        if (rc != WY_OK)
            res = wy_fail_store(ctx, rc, "partner create");
    }
    if (res == 0)
        res = audit_add(ctx, "exchange_partner.create", "exchange_partner", *id, div, NULL, NULL,
                        in->name);
    return tx_end(ctx, res);
}

int exchange_partner_get(wy_ctx *ctx, int64_t id, exchange_partner *out, exchange_agreement **ags,
                         size_t *nags, int *owners)
{
    int rc = store_exchange_partner_get(ctx->c, ctx->a, id, out);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "partner");
    rc = store_exchange_agreements_of(ctx->c, ctx->a, &out->id, 1, ags, nags);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "agreements");
    *owners = authz_allows(ctx->who, EXCHANGE_PERM, out->division);
    return 0;
}

int exchange_partner_list(wy_ctx *ctx, const char *division, int64_t after, int limit,
                          exchange_partner **out, size_t *n, exchange_agreement **ags, size_t *nags,
                          int *owners)
{
    char div[DIVISION_CODE_MAX];
    if (exchange_list_division(ctx, division, div) < 0)
        return -1;
    int rc = store_exchange_partner_list(ctx->c, ctx->a, div, after, limit, out, n);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "partners");
    int64_t *ids = arena_alloc(ctx->a, (*n + 1) * sizeof(*ids));
    if (!ids)
        return check_mem(ctx);
    for (size_t i = 0; i < *n; i++)
        ids[i] = (*out)[i].id;
    rc = store_exchange_agreements_of(ctx->c, ctx->a, ids, *n, ags, nags);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "agreements");
    *owners = *div && authz_allows(ctx->who, EXCHANGE_PERM, div);
    return 0;
}

int exchange_agreement_check(wy_ctx *ctx, const exchange_agreement_input *in)
{
    if (exchange_check_enum(ctx, in->kind, agreement_kinds, "bad_kind",
                            N_("An agreement is a friendship_city agreement, a memorandum or an "
                               "alliance_charter."),
                            "kind") < 0 ||
        exchange_check_text(ctx, in->title, 1, 200, "bad_title",
                            N_("A title has 1 to 200 characters."), "title") < 0 ||
        exchange_check_date(ctx, in->signed_on, 1, "signed_on") < 0 ||
        exchange_check_date(ctx, in->renew_on, 0, "renew_on") < 0 ||
        exchange_check_text(ctx, in->scope, 0, 2000, "bad_scope",
                            N_("The scope has at most 2000 characters."), "scope") < 0 ||
        exchange_check_text(ctx, in->obligations, 0, 5000, "bad_obligations",
                            N_("The obligations have at most 5000 characters."),
                            "obligations") < 0 ||
        exchange_check_text(ctx, in->owner_ours, 0, 100, "bad_owner",
                            N_("An owner has at most 100 characters."), "owner_ours") < 0 ||
        exchange_check_text(ctx, in->owner_theirs, 0, 100, "bad_owner",
                            N_("An owner has at most 100 characters."), "owner_theirs") < 0)
        return -1;
    if (in->renew_on && strcmp(in->renew_on, in->signed_on) < 0)
        return wy_fail_field(ctx, E_INVALID, "bad_renewal",
                             "The renewal date is not before the signing date.", "renew_on");
    return 0;
}

int exchange_agreement_create(wy_ctx *ctx, int64_t partner, const exchange_agreement_input *in,
                              int64_t *id)
{
    if (exchange_agreement_check(ctx, in) < 0)
        return -1;
    int rc = store_begin(ctx->c, 1);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "begin");
    exchange_partner p;
    int res = 0;
    rc = store_exchange_partner_get(ctx->c, ctx->a, partner, &p);
    if (rc != WY_OK)
        res = wy_fail_store(ctx, rc, "partner");
    if (res == 0)
        res = authz_require(ctx, EXCHANGE_PERM, p.division);
    if (res == 0) {
        exchange_agreement g = {.partner_id = partner,
                                .division = p.division,
                                .kind = in->kind,
                                .title = in->title,
                                .signed_on = in->signed_on,
                                .renew_on = in->renew_on,
                                .scope = in->scope ? in->scope : "",
                                .obligations = in->obligations ? in->obligations : "",
                                .owner_ours = in->owner_ours ? in->owner_ours : "",
                                .owner_theirs = in->owner_theirs ? in->owner_theirs : "",
                                .created_by = ctx->who ? ctx->who->user_id : 0};
        rc = store_exchange_agreement_create(ctx->c, &g, ctx->now, id);
        if (rc != WY_OK)
            res = wy_fail_store(ctx, rc, "agreement create");
    }
    if (res == 0)
        res = audit_add(ctx, "exchange_agreement.create", "exchange_agreement", *id, p.division,
                        NULL, NULL, in->title);
    return tx_end(ctx, res);
}

int exchange_channel_check(wy_ctx *ctx, const exchange_channel_input *in)
{
    if (exchange_check_text(ctx, in->name, 1, 100, "bad_name",
                            N_("A name has 1 to 100 characters."), "name") < 0 ||
        exchange_check_enum(ctx, in->scope, channel_scopes, "bad_scope",
                            N_("A channel is international or domestic."), "scope") < 0 ||
        exchange_check_enum(ctx, in->sector, channel_sectors, "bad_sector",
                            N_("A channel is government or nongovernment."), "sector") < 0 ||
        exchange_check_date(ctx, in->established_on, 1, "established_on") < 0 ||
        exchange_check_text(ctx, in->note, 0, 2000, "bad_note",
                            N_("A note has at most 2000 characters."), "note") < 0)
        return -1;
    return 0;
}

int exchange_channel_create(wy_ctx *ctx, const exchange_channel_input *in, int64_t *id)
{
    if (exchange_channel_check(ctx, in) < 0)
        return -1;
    char div[DIVISION_CODE_MAX];
    int rc = store_begin(ctx->c, 1);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "begin");
    int res = exchange_writable_division(ctx, in->division, div);
    if (res == 0) {
        exchange_channel ch = {.division = div,
                               .name = in->name,
                               .scope = in->scope,
                               .sector = in->sector,
                               .mass_art = in->mass_art ? 1 : 0,
                               .established_on = in->established_on,
                               .note = in->note ? in->note : "",
                               .created_by = ctx->who ? ctx->who->user_id : 0};
        rc = store_exchange_channel_create(ctx->c, &ch, ctx->now, id);
        if (rc != WY_OK)
            res = wy_fail_store(ctx, rc, "channel create");
    }
    if (res == 0)
        res = audit_add(ctx, "exchange_channel.create", "exchange_channel", *id, div, NULL, NULL,
                        in->name);
    return tx_end(ctx, res);
}

int exchange_channel_list(wy_ctx *ctx, const char *division, int64_t after, int limit,
                          exchange_channel **out, size_t *n)
{
    char div[DIVISION_CODE_MAX];
    if (exchange_list_division(ctx, division, div) < 0)
        return -1;
    int rc = store_exchange_channel_list(ctx->c, ctx->a, div, after, limit, out, n);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "channels");
}

int exchange_intent_create(wy_ctx *ctx, int64_t channel, int64_t partner, const char *title,
                           const char *reached_on, int64_t *id)
{
    if (exchange_check_text(ctx, title, 1, 200, "bad_title", N_("A title has 1 to 200 characters."),
                            "title") < 0 ||
        exchange_check_date(ctx, reached_on, 1, "reached_on") < 0)
        return -1;
    int rc = store_begin(ctx->c, 1);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "begin");
    exchange_channel ch;
    exchange_partner p;
    int res = 0;
    rc = store_exchange_channel_get(ctx->c, ctx->a, channel, &ch);
    if (rc == WY_NOTFOUND)
        res = wy_fail_field(ctx, E_INVALID, "unknown_channel", "No such channel.", "channel_id");
    else if (rc != WY_OK)
        res = wy_fail_store(ctx, rc, "channel");
    if (res == 0 && (rc = store_exchange_partner_get(ctx->c, ctx->a, partner, &p)) != WY_OK)
        res = rc == WY_NOTFOUND ? wy_fail_field(ctx, E_INVALID, "unknown_partner",
                                                "No such partner.", "partner_id")
                                : wy_fail_store(ctx, rc, "partner");
    if (res == 0)
        res = authz_require(ctx, EXCHANGE_PERM, ch.division);
    /* the partner is the channel's city's (or wider) */
    if (res == 0 && strncmp(p.division, ch.division, 4))
        res = wy_fail_field(ctx, E_RULE, "other_city", "The partner is another city's.",
                            "partner_id");
    if (res == 0) {
        exchange_intent it = {.division = ch.division,
                              .channel_id = channel,
                              .partner_id = partner,
                              .title = title,
                              .reached_on = reached_on,
                              .created_by = ctx->who ? ctx->who->user_id : 0};
        rc = store_exchange_intent_create(ctx->c, &it, ctx->now, id);
        if (rc != WY_OK)
            res = wy_fail_store(ctx, rc, "intent create");
    }
    if (res == 0)
        res = audit_add(ctx, "exchange_intent.create", "exchange_intent", *id, ch.division, NULL,
                        NULL, title);
    return tx_end(ctx, res);
}

int exchange_intent_list(wy_ctx *ctx, const char *division, int64_t after, int limit,
                         exchange_intent **out, size_t *n)
{
    char div[DIVISION_CODE_MAX];
    if (exchange_list_division(ctx, division, div) < 0)
        return -1;
    int rc = store_exchange_intent_list(ctx->c, ctx->a, div, after, limit, out, n);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "intents");
}
