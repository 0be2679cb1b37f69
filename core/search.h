/* Search across knowledge articles and tickets, in Japanese or English
 * (the query language is in core/search_query.h, the index in
 * db/search_store.h).
 *
 * Who sees what: staff find public articles and tickets by their subject,
 * body, replies and incoming mail; operators and above also find internal
 * articles and internal notes. The rule is applied to the query itself
 * (notes are a column staff queries never name, exclusions included), so
 * neither results, ranking nor excerpts can show what staff may not read.
 *
 * Ranking: BM25 relevance with the title weighted 10 to the body's 1
 * (notes 0.5), times 1 + 0.5 freshness + 0.5 usefulness (search_score()).
 * Only the newest SEARCH_WINDOW matches of each range (articles, tickets)
 * are read and ranked: a query that matches a hundred thousand documents
 * costs what one matching a thousand does. The result says when matches
 * were left unread (more), so a screen can ask to narrow the search.
 *
 * Matches in titles and excerpts are marked SEARCH_MARK_OPEN ... CLOSE
 * (« and »), which a terminal shows as they are and the client turns into
 * bold: the mark is text, not colour. */
#ifndef MADO_SEARCH_H
#define MADO_SEARCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/identity.h"
#include "db/db.h"

#define SEARCH_MARK_OPEN "«"
#define SEARCH_MARK_CLOSE "»"

enum {
	SEARCH_LIMIT_DEFAULT = 20,
	SEARCH_LIMIT_MAX = 100,
	SEARCH_WINDOW = 1000,          /* matches read and ranked per range */
	SEARCH_WINDOW_MAX = 100000,
	SEARCH_EXCERPT_TOKENS = 24,    /* tokens in an excerpt: about as many characters */
};

enum search_scope {
	SEARCH_ALL,   /* articles and tickets; kind: narrows */
	SEARCH_KB,    /* knowledge articles only */
};

struct search_request {
	const char *text;             /* what was typed */
	enum search_scope scope;
	int limit;                    /* 1 .. SEARCH_LIMIT_MAX; 0: the default */
	int window;                   /* matches ranked per range, 1 ..
	                                 SEARCH_WINDOW_MAX; 0: SEARCH_WINDOW */
};

struct search_hit {
	char *kind;                   /* kb, inquiry, incident, request */
	int64_t id;                   /* the article's or ticket's id */
	int64_t faq_no;               /* articles; 0 for tickets */
	char *number;                 /* tickets; "" for articles */
	char *title;                  /* matches marked (a direct hit: plain) */
	char *excerpt;                /* one line, matches marked; "" for a direct hit */
	char *status;                 /* tickets; "" for articles */
	bool public;                  /* articles; true for tickets */
	int64_t updated_at;
	double score;
};

struct search_result {
	struct search_hit *hits;      /* best first */
	size_t nhits;
	bool direct;                  /* the query named one record, hits[0]: open it */
	bool more;                    /* matches were left out (unread or past limit) */
};

/* Runs a search for actor (any registered role). Free out with
 * search_result_clear(), also after an error. MADO_EDATA for a query
 * that cannot run ("nothing to search for: ...", an unknown category);
 * no: or a FAQ number alone for an article that does not exist (or staff
 * may not read) is MADO_ENOTFOUND. A number, FAQ-12, a ticket number or
 * #ID alone is a direct hit when that record exists and is visible;
 * otherwise the text is searched for. */
int search_run(struct db *db, const struct actor *actor, const struct search_request *r,
	struct search_result *out, struct mado_err *e);
void search_result_clear(struct search_result *r);

/* Upkeep of the index, in one transaction (admin; madod acts as admin):
 * OPTIMIZE merges it into one segment (about 20 s and the write lock for
 * a million tickets: for the night); CHECK compares it with the records
 * (MADO_EDATA when they differ); REBUILD builds it again from them. */
enum search_upkeep { SEARCH_OPTIMIZE, SEARCH_CHECK, SEARCH_REBUILD };
int search_upkeep(struct db *db, const struct actor *actor, enum search_upkeep what,
	struct mado_err *e);

/* The score a match is ranked by: relevance (from the index) times
 * 1 + 0.5 f + 0.5 u, where f = 1 / (1 + age in years) (1 today, 1/2 a
 * year ago) and, for articles only, u = views / (views + 100) x
 * (helpful + 1) / (helpful + not_helpful + 2): read often and found
 * helpful (each factor below 1, so u < 1). */
double search_score(double relevance, bool kb, int64_t age_seconds, int64_t views,
	int64_t helpful, int64_t not_helpful);

/* A kind of hit as people read it ("FAQ", "Inquiry", ...), translated. */
const char *search_kind_label(const char *kind);

#endif
