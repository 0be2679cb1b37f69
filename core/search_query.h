/* The search box's little language, parsed without the database:
 *
 *   印刷 できない          words: every one must occur (AND)
 *   "印刷できない"         an exact phrase (never widened by synonyms)
 *   -トナー  -"紙詰まり"    exclusions
 *   kind:incident         inquiry, incident, request, kb (also 問合せ,
 *                         障害, 申請, FAQ, ...); status:NAME, category:CODE,
 *                         dept:CODE, no:FAQ-NUMBER
 *   12  FAQ-12  INQ-2026-000123  #42
 *                         the whole query naming one record: open it
 *
 * The input is NFKC-normalised first, so what an IME types in full width
 * (ｋｉｎｄ：ｋｂ, ＂印刷＂, the ideographic space) means the same. The
 * output is the FTS5 MATCH expression, built by search_match_build() with
 * every term quoted as an FTS5 string, so nothing the user types is ever
 * FTS5 syntax. */
#ifndef MADO_SEARCH_QUERY_H
#define MADO_SEARCH_QUERY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

/* Limits that keep one query cheap: the input in bytes and its terms. */
enum {
	SEARCH_INPUT_MAX = 1000,
	SEARCH_TERMS_MAX = 16,
};

enum sq_field { SQ_KIND, SQ_STATUS, SQ_CATEGORY, SQ_DEPT, SQ_NO, SQ_NFIELDS };

struct sq_term {
	char *text;      /* normalised, without quotes or the leading '-' */
	bool phrase;     /* typed in quotes */
	bool exclude;    /* typed with a leading '-' */
};

/* What the whole query names, when it is one record reference. */
enum sq_ref {
	SQ_REF_NONE,
	SQ_REF_FAQ,      /* 12, FAQ-12, FAQ12, no:12 alone: faq_no */
	SQ_REF_TICKET,   /* INQ-2026-000123 or #42: ref holds it as typed */
};

struct search_query {
	struct sq_term *terms;
	size_t nterms;
	/* Field values, NULL when not given. kind is canonical: inquiry,
	 * incident, request or kb. */
	char *field[SQ_NFIELDS];
	int64_t faq_no;          /* no:N, 0 when not given */
	enum sq_ref ref;
	char *ref_text;          /* SQ_REF_TICKET: the reference */
	int64_t ref_faq_no;      /* SQ_REF_FAQ: the number */
};

/* Parses input into q (cleared first; free with search_query_clear(),
 * also after an error). A reference is also kept as a word, so a caller
 * that finds no such record can search for the text instead. Errors are
 * MADO_EDATA: not UTF-8, too long, too many terms, a field without a
 * value or given twice, an unknown kind, a bad FAQ number. A query
 * without terms is no error here: the caller decides (no:N alone opens
 * that FAQ). */
int search_query_parse(const char *input, struct search_query *q, struct mado_err *e);
void search_query_clear(struct search_query *q);

/* The field's name as typed ("kind", "status", ...). */
const char *search_field_name(enum sq_field f);

/* Number of terms with exclude == false. */
size_t search_query_positive(const struct search_query *q);

/* The FTS5 MATCH expression for q's terms: the terms that are not
 * excluded joined by AND, each term with its alternatives (alts[i], a
 * NULL-terminated list, or NULL for none) as ("term" OR "alt" ...), then
 * NOT (excluded ...); with colspec (e.g. "{title body}") the whole
 * expression is limited to those columns, exclusions included. Every
 * term is an FTS5 string with its quotes doubled. Skips terms whose
 * keep[i] is false (keep NULL: all). Returns a newly allocated string,
 * caller frees; NULL when no term that is not excluded is kept. */
char *search_match_build(const struct search_query *q, const char *const *const *alts,
	const bool *keep, const char *colspec);

#endif
