/* Ordered schema migrations; the version lives in PRAGMA user_version. */
#ifndef MADO_SCHEMA_H
#define MADO_SCHEMA_H

int schema_step_count(void);
/* SQL moving the schema from from_version to from_version + 1, or NULL. */
const char *schema_step(int from_version);

#endif
