/*
 * migrate: numbered schema migrations (sql/NNNN_name.sql, compiled into the binary), applied
 * in order, each in its own transaction, and recorded in schema_migrations. One source for
 * both dialects: the files use a few named tokens that each backend spells its own way:
 *   {{id}}      an auto-assigned 64-bit primary key
 *   {{strict}}  SQLite's STRICT table option (nothing on PostgreSQL)
 *   {{code}}    a division code: TEXT, compared byte by byte on both (COLLATE "C" on
 *               PostgreSQL, whose default collation would sort ':' among the digits)
 *   {{sqlite}} ... {{end}}, {{postgres}} ... {{end}}
 *               statements for one backend only (an FTS5 table, an extension); the other
 *               drops the block. Blocks do not nest.
 * and one rule: INTEGER is 64-bit on SQLite but 32-bit on PostgreSQL, where it is written
 * BIGINT (times are milliseconds since 1970 and overflow 32 bits); REAL is 8 bytes on SQLite
 * but 4 on PostgreSQL, where it is written DOUBLE PRECISION (coordinates need the digits).
 */
#ifndef WY_MIGRATE_H
#define WY_MIGRATE_H

#include "db/db.h"

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
