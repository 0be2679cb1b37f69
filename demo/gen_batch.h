/* Bulk phases write rows in transactions of GEN_BATCH rows. db_txn() may
 * run a transaction again after a busy database; so that a retry writes
 * the same rows, everything a phase carries from row to row (random
 * stream, number counters, counts) lives in one plain state value that
 * each attempt copies afresh, and is kept only once the batch commits. */
#ifndef MADO_DEMO_GEN_BATCH_H
#define MADO_DEMO_GEN_BATCH_H

#include <stddef.h>

#include "demo/gen.h"

struct batch_spec {
	const char *what;       /* for progress lines */
	long total;             /* rows 0 .. total-1 */
	const void *arg;        /* the phase's fixed inputs */
	void *state;            /* the committed state */
	size_t state_size;
	/* Writes row i; work is this attempt's copy of the state. */
	int (*row)(struct gen *g, const void *arg, void *work, long i, struct mado_err *e);
	/* Runs before each commit (may be NULL). */
	int (*finish)(struct gen *g, void *work, struct mado_err *e);
};

int gen_batches(struct gen *g, const struct batch_spec *b, struct mado_err *e);

#endif
