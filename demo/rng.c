#include "rng.h"

/* SplitMix64 (Steele, Lea, Flood 2014): a 64-bit counter run through a
 * strong mixer. Small, fast and good enough for test data. */
static uint64_t
mix(uint64_t z)
{
	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

void
rng_seed(struct rng *r, uint64_t seed)
{
	r->state = mix(seed);
}

uint64_t
rng_next(struct rng *r)
{
	r->state += UINT64_C(0x9e3779b97f4a7c15);
	return mix(r->state);
}

uint64_t
rng_below(struct rng *r, uint64_t n)
{
	/* The modulo bias is below n / 2^64: irrelevant for our small n. */
	return n == 0 ? 0 : rng_next(r) % n;
}

int64_t
rng_range(struct rng *r, int64_t lo, int64_t hi)
{
	if (hi <= lo)
		return lo;
	return lo + (int64_t)rng_below(r, (uint64_t)(hi - lo) + 1);
}

int
rng_chance(struct rng *r, unsigned percent)
{
	return rng_below(r, 100) < percent;
}

size_t
rng_weighted(struct rng *r, const unsigned *weights, size_t n)
{
	uint64_t total = 0, x;

	for (size_t i = 0; i < n; i++)
		total += weights[i];
	if (total == 0)
		return 0;
	x = rng_below(r, total);
	for (size_t i = 0; i < n; i++) {
		if (x < weights[i])
			return i;
		x -= weights[i];
	}
	return n - 1;
}

void
rng_fork(struct rng *r, uint64_t label, struct rng *out)
{
	out->state = mix(rng_next(r) ^ mix(label));
}
