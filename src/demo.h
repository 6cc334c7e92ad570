/*
 * demo: the demonstration data set, on real places: 攀枝花市 (5104) down to its 336 villages
 * and communities from the national statistical codes, the districts' resident population,
 * accounts for each role (their credentials printed), and content published through the
 * real review chain. Idempotent: a second run changes nothing.
 */
#ifndef WY_DEMO_H
#define WY_DEMO_H

#include "core/domain.h"

#define DEMO_CITY "5104"

typedef struct demo_account {
    const char *phone, *name, *password, *role, *division, *what;
} demo_account;

extern const demo_account demo_accounts[];
extern const int demo_naccounts;

/* data_dir holds divisions/ and population/ (the project's data/). */
int demo_load(wy_ctx *ctx, const char *data_dir, int verbose);

#endif
