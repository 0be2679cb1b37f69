/* Ticket workflows as data: share/workflows/KIND.wf lists each kind's
 * statuses and the transitions between them with the least role allowed
 * to make each. Nothing about statuses is hard-coded elsewhere. */
#ifndef MADO_WORKFLOW_H
#define MADO_WORKFLOW_H

#include <stdbool.h>

#include "base/err.h"
#include "core/identity.h"

#define WF_MAX_STATUS 16
#define WF_MAX_TRANS 64

enum wf_flag {
	WF_INITIAL = 1 << 0,  /* new tickets start here (exactly one) */
	WF_RESOLVED = 1 << 1, /* the requester has an answer or the work is done */
	WF_CLOSED = 1 << 2,   /* no more work */
};

struct wf_status {
	char name[24];
	char label_ja[64];
	char label_en[64];
	unsigned flags;
};

struct wf_transition {
	int from, to; /* indexes into statuses */
	enum role role;
};

struct workflow {
	char kind[16];
	struct wf_status statuses[WF_MAX_STATUS];
	int nstatuses;
	struct wf_transition trans[WF_MAX_TRANS];
	int ntrans;
};

/* Parses a workflow from text; errors name "name:line: ...". */
int workflow_parse(struct workflow *wf, const char *kind, const char *text,
	const char *name, struct mado_err *e);
/* Loads <sharedir>/workflows/<kind>.wf. */
int workflow_load(struct workflow *wf, const char *kind, struct mado_err *e);

/* Index of a status by name, or -1. */
int workflow_status(const struct workflow *wf, const char *name);
int workflow_initial(const struct workflow *wf);
/* The label in the language of the current messages ("ja" or "en"). */
const char *workflow_label(const struct workflow *wf, int status, const char *lang);

/* MADO_OK when actor may move a ticket from -> to; otherwise MADO_EPERM
 * when the role is too low, MADO_EDATA when there is no such transition
 * (the message lists the statuses that are allowed from here). */
int workflow_check(const struct workflow *wf, int from, int to, const struct actor *actor,
	struct mado_err *e);

/* The status close/reopen lead to from `from` for this actor: close picks
 * a transition to a WF_CLOSED status; reopen picks one from a resolved or
 * closed status to a status that is neither. -1 when none is allowed. */
int workflow_close_target(const struct workflow *wf, int from);
int workflow_reopen_target(const struct workflow *wf, int from);

#endif
