/* Record numbers for bulk creation. Drawing each number through
 * numbering_next() would cost a counter update per row; instead the
 * generator renders numbers itself from the kind's pattern and keeps the
 * counters right with number_bump() when a scope (a fiscal year, a day)
 * is entered and number_raise() when it is left. The state is a plain
 * value, so a retried transaction can start again from a saved copy. */
#ifndef MADO_DEMO_GEN_NUMBER_H
#define MADO_DEMO_GEN_NUMBER_H

#include <stddef.h>
#include <stdint.h>

#include "db/db.h"

struct numseq {
	char kind[16], pattern[128];
	char scope[128];  /* the scope being numbered, "" before the first */
	int64_t last;     /* the last sequence handed out in scope */
};

/* Reads kind's pattern from the numbering table. */
int numseq_init(struct db *db, const char *kind, struct numseq *ns, struct mado_err *e);
/* The number for a record created at t; t must not decrease between
 * calls, so numbers grow with creation time. Inside a transaction. */
int numseq_take(struct db *db, struct numseq *ns, int64_t t, char *out, size_t outsz,
	struct mado_err *e);
/* Records the highest number handed out in the current scope; call
 * before the transaction commits. */
int numseq_flush(struct db *db, struct numseq *ns, struct mado_err *e);

#endif
