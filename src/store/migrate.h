/*
 * migrate: numbered schema migrations (sql/NNNN_name.sql, compiled into the binary), applied
 * in order, each in its own transaction, and recorded in schema_migrations. One source for
 * both dialects: the files use a few named tokens that each backend spells its own way:
 *   {{id}}      an auto-assigned 64-bit primary key
 *   {{strict}}  SQLite's STRICT table option (nothing on PostgreSQL)
 */
#ifndef WY_MIGRATE_H
#define WY_MIGRATE_H

#include "store/db.h"

typedef struct migration_file {
    const char *name;
    const char *sql;
} migration_file;

extern const migration_file wy_migrations[];
extern const int wy_migrations_count;

/* Apply what is missing; *applied counts what this call applied. */
int migrate_run(db *d, int *applied, char *err, size_t errlen);
/* The SQL of a migration as the dialect reads it (malloc'd). */
char *migrate_render(const char *sql, db_dialect dialect);

#endif
