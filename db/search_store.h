/* The search index: one FTS5 table, search_fts(title, body, notes,
 * tokenize='mado'), over knowledge articles and tickets, and search_doc,
 * one plain row per document with what filters and ranking read. Both
 * are kept in step by triggers (db/schema.c, step 4) in the transaction
 * of every change to ticket, comment and kb_article. Statements only:
 * what a query means and who may see what is decided in core/search.c.
 *
 * A document's rowid is its ticket's id, or SEARCH_KB_BASE plus its
 * article's id, so that each kind of record is one range of rowids that
 * FTS5 can walk newest first. A ticket's title is its subject, its body
 * the ticket's body, replies and incoming mail, its notes the internal
 * notes; an article's body is its question and answer. The FTS5 table has
 * external content (the view search_text), so the text is stored once.
 * Triggers may write to it only with PRAGMA trusted_schema=ON (db_open). */
#ifndef MADO_SEARCH_STORE_H
#define MADO_SEARCH_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include "db/db.h"

/* The rowid of article id 0 (2^40: far above any ticket id). */
#define SEARCH_KB_BASE INT64_C(1099511627776)
#define SEARCH_ROWID_MAX INT64_MAX

/* The columns of search_fts, for column filters and snippets. */
enum { SEARCH_COL_TITLE, SEARCH_COL_BODY, SEARCH_COL_NOTES, SEARCH_NCOLS };
/* The column filter that keeps internal notes out of a query. */
#define SEARCH_COLS_PUBLIC "{title body}"

/* The tokens the index makes of text as a query: 0 when it holds nothing
 * to look up (only punctuation, symbols or spaces). */
int search_token_count(const char *text);

/* What a candidate query reads. */
struct search_filter {
	const char *match;          /* the FTS5 MATCH expression */
	int64_t first, last;        /* the rowid range (SEARCH_KB_BASE splits it) */
	const char *kind;           /* inquiry, incident, request, kb; NULL: any */
	const char *status;         /* NULL: any */
	int64_t category_id;        /* 0: any */
	int64_t department_id;      /* 0: any; a ticket's is its queue's */
	int64_t faq_no;             /* 0: any */
	bool public_only;           /* leave out internal articles */
	double weight[SEARCH_NCOLS];/* relevance weight of each column; 0: none */
	int window;                 /* read at most this many matches */
};

/* One match. Strings are valid during the callback only. */
struct search_cand {
	int64_t doc;                /* rowid */
	double relevance;           /* mado_rank(): higher is better */
	const char *kind;
	int64_t ref_id, faq_no;     /* faq_no 0 for tickets */
	bool public;
	int64_t updated_at, views, helpful, not_helpful;
};
typedef void (*search_cand_fn)(const struct search_cand *c, void *ctx);

/* Calls fn for the newest `window` matches of f (highest rowid first,
 * each with its relevance); *full tells that the window was filled, so
 * older matches were not read. Relevance is BM25 (k1 1.2, b 0.75) with
 * the columns' weights but without the inverse document frequency: FTS5's
 * bm25() reads every document of every phrase to count them, which is what
 * a query matching a hundred thousand documents must not do (measured on a
 * million tickets: 30-75 ms for one common word even in a window of 1,000;
 * ORDER BY rank LIMIT 20, which ranks every match, 150-1,340 ms). Within
 * an AND query every match holds every word, so IDF would only reorder
 * matches by which word they repeat. */
int search_candidates(struct db *db, const struct search_filter *f, search_cand_fn fn,
	void *ctx, bool *full, struct mado_err *e);

/* A document as a result shows it. Strings newly allocated ("" when
 * none); free with search_doc_clear(). */
struct search_doc {
	int64_t doc;
	char *kind;
	int64_t ref_id, faq_no;
	bool public;
	char *status;
	char *number;               /* a ticket's number; "" for an article */
	char *title;                /* plain */
	int64_t updated_at, views, helpful, not_helpful;
};
void search_doc_clear(struct search_doc *d);

/* The document with rowid doc; MADO_ENOTFOUND (no message) if none. */
int search_doc_get(struct db *db, int64_t doc, struct search_doc *out, struct mado_err *e);
/* The article document with that FAQ number; MADO_ENOTFOUND (no message). */
int search_doc_by_faq_no(struct db *db, int64_t faq_no, struct search_doc *out,
	struct mado_err *e);

/* The title with the matches of match marked by open/close, and an
 * excerpt of about tokens tokens of the body (and, with notes, of the
 * notes when only they match), matches marked, "…" where text was left
 * out. Newly allocated, caller frees both. MADO_ENOTFOUND when doc does
 * not match. */
int search_highlight(struct db *db, const char *match, int64_t doc, bool notes,
	const char *open, const char *close, int tokens, char **title, char **excerpt,
	struct mado_err *e);

/* Merges the index into one segment, as the migration leaves it. Every
 * write adds a small segment that FTS5 merges as it goes; with several
 * segments a query reads each (about three times slower on a million
 * tickets). Holds the write lock for the whole merge: about 20 s for a
 * million tickets, so for the night. */
int search_optimize(struct db *db, struct mado_err *e);

/* Compares the index with the records it was built from: MADO_OK, or
 * MADO_EDATA when they differ (rebuild with search_rebuild()). */
int search_check(struct db *db, struct mado_err *e);

/* Builds the index again from the records (after a check failed). */
int search_rebuild(struct db *db, struct mado_err *e);

#endif
