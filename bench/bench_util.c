#include "bench_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

double
bench_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

int
bench_cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

void
bench_die(const char *what, const struct mado_err *e)
{
	fprintf(stderr, "bench: %s: %s\n", what, e->msg);
	exit(1);
}
