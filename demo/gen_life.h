/* Where a ticket stands now and when it got there. The statuses follow
 * share/workflows (inquiry.wf, incident.wf, request.wf): older tickets
 * are mostly closed, recent ones are spread over the open statuses. */
#ifndef MADO_DEMO_GEN_LIFE_H
#define MADO_DEMO_GEN_LIFE_H

#include <stdbool.h>
#include <stdint.h>

#include "demo/rng.h"
#include "demo/timeline.h"

enum tk_kind { TK_INQUIRY, TK_INCIDENT, TK_REQUEST, TK_KINDS };

/* The stages every kind passes through, in order. */
enum stage { ST_NEW, ST_WORKING, ST_MIDDLE, ST_RESOLVED, ST_CLOSED };

struct life {
	enum stage stage;
	bool rejected;        /* requests only: rejected instead of done */
	const char *status;   /* the workflow status name */
	int64_t created, touched, resolved, closed, updated, due;
};

/* Draws the stage and the moments reached, none after the end of tl.
 * People act in office hours, except on after-hours tickets (off_hours)
 * and when monitoring alerts clear by themselves. */
void life_draw(struct life *l, enum tk_kind kind, bool alert, bool off_hours, int64_t created,
	const struct timeline *tl, struct rng *r);

/* Stage reached: incident triage happened, work started, and so on. */
static inline bool
life_at_least(const struct life *l, enum stage s)
{
	return l->stage >= s;
}

extern const char *const tk_kind_names[TK_KINDS];

#endif
