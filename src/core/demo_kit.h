/*
 * demo_kit: what the modules' demo loaders share (`wenyun demo`, mod/module.h): acting as one
 * of the demo accounts, and taking content through its review chain with the demo reviewers.
 */
#ifndef WY_DEMO_KIT_H
#define WY_DEMO_KIT_H

#include "core/domain.h"

/* The demo accounts who write and review (demo.c creates them before any module's data). */
#define DEMO_CITY_ADMIN     "13900000001"
#define DEMO_DISTRICT_ADMIN "13900000002"
#define DEMO_CITIZEN        "13800000006"

/* Act as the demo account with this phone: ctx->who = p; -1 when there is none. */
int demo_as_user(wy_ctx *ctx, const char *phone, principal *p);
/* Take a submitted item through each level of its chain with the demo reviewers (status: the
 * one its submission returned); ctx->who is NULL afterwards. */
int demo_approve_through_chain(wy_ctx *ctx, const char *type, int64_t id, const char *status);
/* Say why a demo step failed on stderr ("demo: cannot <what>: <reason>"); -1. */
int demo_failed(wy_ctx *ctx, const char *what);

#endif
