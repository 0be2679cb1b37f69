/* What every benchmark needs: a monotonic clock in milliseconds, sorting
 * of samples, stopping on an error, and counting rows. */
#ifndef MADO_BENCH_UTIL_H
#define MADO_BENCH_UTIL_H

#include <stdint.h>

#include "base/err.h"
#include "db/db.h"

/* Milliseconds with microseconds on the monotonic clock. */
double bench_now_ms(void);
/* qsort() comparison of doubles, ascending. */
int bench_cmp_double(const void *a, const void *b);
/* Prints "bench: what: message" and exits 1. */
/* The number a one-value query gives ("SELECT count(*) ..."); -1 on error. */
int64_t bench_count(struct db *db, const char *sql);
void bench_die(const char *what, const struct mado_err *e) __attribute__((noreturn));

#endif
