/* madogen: the demo and benchmark data generator. One context carries the
 * options, the open database, the random stream and the ids of the master
 * rows every later phase draws from. */
#ifndef MADO_DEMO_GEN_H
#define MADO_DEMO_GEN_H

#include <stdbool.h>
#include <stdint.h>

#include "base/err.h"
#include "db/db.h"
#include "demo/rng.h"
#include "demo/timeline.h"

/* Every generated row is attributed to this actor in the audit trail. */
#define GEN_ACTOR "madogen"
/* Rows per write transaction in the bulk phases. */
#define GEN_BATCH 10000
/* Seeds the names of staff and vendor contacts, whatever --seed says. */
#define GEN_ORG_SEED 20250401
/* The mail domain of the fictional ward (.example is reserved, RFC 2606). */
#define GEN_DOMAIN "ward.example"

struct gen_opts {
	const char *db_path;
	const char *me;     /* the demo user's login, made an admin */
	uint64_t seed;
	long tickets, kb, calllogs, staff;
	int years;
	bool append;
};

enum gen_role { ROLE_G_STAFF, ROLE_G_OPERATOR, ROLE_G_SUPERVISOR, ROLE_G_ADMIN };

struct gen_person {
	int64_t id;
	char name[64], email[96];
	int role;       /* enum gen_role, staff rows only */
	size_t dept;    /* index into v_depts; for vendor contacts into v_vendors */
};

/* A generated FAQ article, kept for call logs and ticket links. */
struct gen_article {
	int64_t id, faq_no;
	size_t topic;
	bool public;
};

/* The figures reported at the end. */
struct gen_counts {
	long masters, staff, kb, tickets, inquiries, incidents, requests;
	long comments, links, fields, calllogs, audit;
};

struct gen {
	struct gen_opts o;
	struct db *db;
	struct rng rng;
	int64_t now;
	struct timeline tl;

	/* master ids, parallel to the vocabulary arrays */
	int64_t *dept_ids, *queue_ids, *vendor_ids, *system_ids, *category_ids;
	int64_t *faq_class_ids;
	int64_t *phonebook_ids;   /* v_ndepts * 3, 0 where a section is missing */
	int64_t contact_type_ids[5], outcome_ids[4];

	struct gen_person *staff;      /* everyone with a login */
	size_t nstaff;
	size_t *workers, nworkers;     /* all but role staff: owners, authors */
	size_t *operators, noperators; /* call-center operators */
	size_t *approvers, napprovers; /* supervisors and admins */
	struct gen_person *contacts;   /* vendor contacts */
	size_t ncontacts;

	struct gen_article *articles;
	size_t narticles;

	struct gen_counts counts;
	double t0;
};

/* Phases, in order. Each reports on stderr and fills g->counts. */
int gen_masters(struct gen *g, struct mado_err *e);
int gen_kb(struct gen *g, struct mado_err *e);
int gen_tickets(struct gen *g, struct mado_err *e);
int gen_calllogs(struct gen *g, struct mado_err *e);

/* Appends the 'create' audit row for one generated row: field names its
 * identifying column (code, login, number, ...) and value its value. */
int gen_audit(struct gen *g, const char *entity, int64_t id, const char *field,
	const char *value, struct mado_err *e);

/* Seconds since the generator started, for progress lines. */
double gen_elapsed(const struct gen *g);
/* Prints "what: done/total (s)" when done crosses a tenth of total. */
void gen_progress(const struct gen *g, const char *what, long before, long done,
	long total);

/* Staff rows, the last part of gen_masters(); r draws the names. */
int gen_staff_rows(struct gen *g, struct rng *r, struct mado_err *e);

/* The ids of master rows by their vocabulary code. */
int64_t gen_category_id(const struct gen *g, const char *code);
int64_t gen_queue_id(const struct gen *g, const char *code);

#endif
