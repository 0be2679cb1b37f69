/* The generator's own random numbers: SplitMix64, so a seed produces the
 * same data on every machine and libc (rand() differs between them). */
#ifndef MADO_DEMO_RNG_H
#define MADO_DEMO_RNG_H

#include <stddef.h>
#include <stdint.h>

struct rng {
	uint64_t state;
};

void rng_seed(struct rng *r, uint64_t seed);
uint64_t rng_next(struct rng *r);
/* Uniform in [0, n); 0 when n is 0. */
uint64_t rng_below(struct rng *r, uint64_t n);
/* Uniform in [lo, hi] (inclusive). */
int64_t rng_range(struct rng *r, int64_t lo, int64_t hi);
/* True with probability percent/100. */
int rng_chance(struct rng *r, unsigned percent);
/* An index into weights[0..n), drawn in proportion to the weights. */
size_t rng_weighted(struct rng *r, const unsigned *weights, size_t n);
/* An independent stream derived from r and a label, so adding draws in one
 * part of the generator does not shift every later part. */
void rng_fork(struct rng *r, uint64_t label, struct rng *out);

#endif
