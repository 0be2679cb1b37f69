/* Tickets, split in three files: gen_ticket.c plans creation times and
 * writes the ticket row, gen_ticket_detail.c the per-kind detail and
 * form fields, gen_ticket_talk.c comments and links. */
#ifndef MADO_DEMO_GEN_TICKET_H
#define MADO_DEMO_GEN_TICKET_H

#include <stdbool.h>
#include <stdint.h>

#include "demo/gen.h"
#include "demo/gen_life.h"
#include "demo/gen_number.h"
#include "demo/gen_text.h"
#include "demo/vocab.h"

/* What carries over from ticket to ticket (see gen_batch.h). */
struct tk_state {
	struct rng rng;
	struct numseq num[TK_KINDS];
	int64_t last_id[TK_KINDS], last_alert_id; /* link targets */
	long per_kind[TK_KINDS], comments, links, fields;
};

/* The ticket being written. */
struct tk {
	enum tk_kind kind;
	const struct v_ticket_tmpl *tmpl;  /* inquiries and incidents */
	const struct v_request_tmpl *req;  /* requests */
	unsigned char theme, flags;
	bool off_hours;
	struct life life;
	struct text_vars vars;
	const struct v_system *system;     /* NULL when about none */
	size_t system_index, dept;         /* dept: the requester's */
	int64_t id, owner_id, requester_staff_id, requester_contact_id;
	int64_t work_start, work_end;      /* requests: planned work, 0 = none */
	int persons;                       /* requests: people concerned, 0 = n/a */
	int priority;
	const char *owner_name, *source;
	char host[32], requester[64], email[96], number[64], subject[256];
};

int tk_detail(struct gen *g, struct tk_state *s, const struct tk *t, struct mado_err *e);
int tk_talk(struct gen *g, struct tk_state *s, const struct tk *t, struct mado_err *e);
/* The form fields of a request (ticket_field), as share/forms defines. */
int tk_form(struct gen *g, struct tk_state *s, const struct tk *t, struct mado_err *e);

/* A worker (operator or supervisor) to own, answer or approve. */
const struct gen_person *tk_worker(const struct gen *g, struct rng *r);

#endif
