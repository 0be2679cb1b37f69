/* What every benchmark needs: a monotonic clock in milliseconds, sorting
 * of samples, and stopping on an error. */
#ifndef MADO_BENCH_UTIL_H
#define MADO_BENCH_UTIL_H

#include "base/err.h"

/* Milliseconds with microseconds on the monotonic clock. */
double bench_now_ms(void);
/* qsort() comparison of doubles, ascending. */
int bench_cmp_double(const void *a, const void *b);
/* Prints "bench: what: message" and exits 1. */
void bench_die(const char *what, const struct mado_err *e) __attribute__((noreturn));

#endif
