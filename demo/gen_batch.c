#include "gen_batch.h"

#include <stdlib.h>
#include <string.h>

struct batch_run {
	struct gen *g;
	const struct batch_spec *b;
	void *work;
	long from, to;
};

static int
batch_txn(struct db *db, void *p, struct mado_err *e)
{
	struct batch_run *run = p;
	int st = MADO_OK;

	(void)db;
	memcpy(run->work, run->b->state, run->b->state_size);
	for (long i = run->from; st == MADO_OK && i < run->to; i++)
		st = run->b->row(run->g, run->b->arg, run->work, i, e);
	if (st == MADO_OK && run->b->finish != NULL)
		st = run->b->finish(run->g, run->work, e);
	return st;
}

int
gen_batches(struct gen *g, const struct batch_spec *b, struct mado_err *e)
{
	struct batch_run run = { .g = g, .b = b };
	int st = MADO_OK;

	run.work = malloc(b->state_size);
	if (run.work == NULL)
		return mado_err_set(e, MADO_EFAIL, "out of memory");
	for (run.from = 0; st == MADO_OK && run.from < b->total; run.from = run.to) {
		run.to = run.from + GEN_BATCH < b->total ? run.from + GEN_BATCH : b->total;
		st = db_txn(g->db, batch_txn, &run, e);
		if (st == MADO_OK) {
			memcpy(b->state, run.work, b->state_size);
			gen_progress(g, b->what, run.from, run.to, b->total);
		}
	}
	free(run.work);
	return st;
}
