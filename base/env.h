/* The environment, as far as it may be trusted. A setgid install must not
 * let the caller steer paths (database, catalogs, share dir) through the
 * environment, so those lookups go through mado_env_trusted(). */
#ifndef MADO_ENV_H
#define MADO_ENV_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

/* True when running with privileges other than the caller's (setgid). */
bool mado_env_privileged(void);

/* An installed mado is setgid to the database's group. Files the caller
 * names (or owns: their own history) are opened, created and renamed with
 * the caller's own group, so that group's rights cannot be used to read or
 * replace other files: mado_as_caller() drops to the real gid and returns
 * the one to restore with mado_as_program(). Both abort rather than go on
 * with the wrong rights. */
gid_t mado_as_caller(void);
void mado_as_program(gid_t saved);

/* getenv(name), or NULL when running privileged. */
const char *mado_env_trusted(const char *name);

/* The directory holding share/ data (workflows, forms, locale data).
 * MADO_SHAREDIR when trusted, else the compiled-in install path. */
const char *mado_sharedir(void);

/* Current time in Unix seconds. MADO_NOW (trusted environment only) pins
 * it so tests of time-dependent behaviour are repeatable. */
int64_t mado_now(void);

/* Seconds on the monotonic clock: for idle and elapsed times, which must
 * not jump with the wall clock. */
int64_t mado_monotonic_s(void);

#endif
