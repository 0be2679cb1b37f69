/* The search box's language on its own: words, phrases, exclusions,
 * fields, references, full-width input, and the FTS5 MATCH expression,
 * which must never let user text become FTS5 syntax. */
#include "tests/tap.h"

#include <glib.h>
#include <stdlib.h>

#include "core/search_query.h"

int main(void);

/* Parses s; exits the test when it fails. */
static void
parse_ok(const char *s, struct search_query *q)
{
	struct mado_err e = { 0 };

	if (search_query_parse(s, q, &e) != MADO_OK) {
		printf("Bail out! parse [%s]: %s\n", s, e.msg);
		exit(1);
	}
}

/* The MATCH expression of s without synonyms, or "(null)". */
static char *
match_of(const char *s, const char *colspec)
{
	struct search_query q;
	char *m;

	parse_ok(s, &q);
	m = search_match_build(&q, NULL, NULL, colspec);
	search_query_clear(&q);
	return m != NULL ? m : strdup("(null)");
}

static void
is_match(const char *input, const char *colspec, const char *want, const char *name)
{
	char *m = match_of(input, colspec);

	is_str(m, want, "%s", name);
	free(m);
}

static void
test_words(void)
{
	struct search_query q;

	parse_ok("印刷  できない", &q);
	is_int(q.nterms, 2, "two words");
	is_str(q.terms[0].text, "印刷", "first word");
	is_str(q.terms[1].text, "できない", "second word");
	ok(!q.terms[0].phrase && !q.terms[0].exclude, "a plain word");
	is_int(q.ref, SQ_REF_NONE, "no reference");
	search_query_clear(&q);

	is_match("印刷 できない", NULL, "\"印刷\" AND \"できない\"", "words are ANDed, each quoted");
	is_match("印", NULL, "\"印\"", "one CJK character is a term of its own");
	is_match("Outlook", NULL, "\"Outlook\"", "a Latin word");
	/* The ideographic space separates words; full-width letters are
	 * normalised before anything else. */
	is_match("印刷\u3000トナー", NULL, "\"印刷\" AND \"トナー\"", "ideographic space separates");
	is_match("ＰＣ\u3000起動", NULL, "\"PC\" AND \"起動\"", "full-width letters normalised");
	is_match("   ", NULL, "(null)", "blanks give no expression");
}

static void
test_phrases_and_exclusions(void)
{
	struct search_query q;

	parse_ok("\"印刷 できない\" -トナー -\"紙 詰まり\"", &q);
	is_int(q.nterms, 3, "a phrase and two exclusions");
	ok(q.terms[0].phrase && !q.terms[0].exclude, "phrase kept whole");
	is_str(q.terms[0].text, "印刷 できない", "phrase text with its space");
	ok(q.terms[1].exclude && !q.terms[1].phrase, "-word excludes");
	ok(q.terms[2].exclude && q.terms[2].phrase, "-\"phrase\" excludes a phrase");
	search_query_clear(&q);

	is_match("\"印刷 できない\" -トナー -\"紙 詰まり\"", NULL,
		"(\"印刷 できない\") NOT (\"トナー\" OR \"紙 詰まり\")", "NOT with the exclusions ORed");
	is_match("＂印刷できない＂", NULL, "\"印刷できない\"", "full-width quotes are quotes");
	is_match("\u201c印刷\u201d", NULL, "\"印刷\"", "curly quotes are quotes");
	is_match("\"未完の句", NULL, "\"未完の句\"", "an unclosed quote runs to the end");
	is_match("-トナー", NULL, "(null)", "only exclusions give no expression");
	is_match("a - b", NULL, "\"a\" AND \"b\"", "a lone minus is ignored");
	is_match("印刷 -", NULL, "\"印刷\"", "a trailing minus is ignored");
	is_match("e-mail", NULL, "\"e-mail\"", "a hyphen inside a word stays");
	is_match("印刷 -トナー", "{title body}",
		"{title body} : ((\"印刷\") NOT (\"トナー\"))", "a column filter covers the exclusions");
	is_match("印刷", "{title body}", "{title body} : (\"印刷\")", "column filter on one word");
}

static void
test_injection(void)
{
	/* Whatever is typed ends up inside FTS5 strings. */
	is_match("a\"b", NULL, "\"a\"\"b\"", "a quote inside a word is doubled");
	is_match("NEAR(a b) OR c*", NULL,
		"\"NEAR(a\" AND \"b)\" AND \"OR\" AND \"c*\"", "FTS5 operators are plain words");
	is_match("title:秘密 {notes}:x ^y", NULL,
		"\"title:秘密\" AND \"{notes}:x\" AND \"^y\"", "column filters are plain words");
	is_match("\"x\" OR \"y\"", NULL, "\"x\" AND \"OR\" AND \"y\"", "OR between phrases is a word");
}

static void
test_fields(void)
{
	struct search_query q;
	struct mado_err e = { 0 };

	parse_ok("kind:incident status:new category:NW dept:JOHO 障害", &q);
	is_str(q.field[SQ_KIND], "incident", "kind");
	is_str(q.field[SQ_STATUS], "new", "status");
	is_str(q.field[SQ_CATEGORY], "NW", "category code as typed");
	is_str(q.field[SQ_DEPT], "JOHO", "dept code");
	is_int(q.nterms, 1, "fields are not words");
	search_query_clear(&q);

	parse_ok("KIND:障害 プリンタ", &q);
	is_str(q.field[SQ_KIND], "incident", "Japanese kind name, field name in capitals");
	search_query_clear(&q);
	parse_ok("ｋｉｎｄ：ｆａｑ 住民票", &q);
	is_str(q.field[SQ_KIND], "kb", "full-width field and value (faq is kb)");
	search_query_clear(&q);
	parse_ok("no:FAQ-12 手数料", &q);
	is_int(q.faq_no, 12, "no: takes FAQ-12");
	is_int(q.ref, SQ_REF_NONE, "no: with words is a filter");
	search_query_clear(&q);
	parse_ok("10:30 http://x", &q);
	is_int(q.nterms, 2, "colons in other words are words");
	search_query_clear(&q);

	is_int(search_query_parse("kind:memo x", &q, &e), MADO_EDATA, "unknown kind refused");
	ok(strstr(e.msg, "kind") && strstr(e.msg, "memo"), "message names it: %s", e.msg);
	search_query_clear(&q);
	is_int(search_query_parse("status: x", &q, &e), MADO_EDATA, "field without value refused");
	ok(strstr(e.msg, "status") != NULL, "message names the field: %s", e.msg);
	search_query_clear(&q);
	is_int(search_query_parse("kind:kb kind:incident x", &q, &e), MADO_EDATA, "field twice");
	search_query_clear(&q);
	is_int(search_query_parse("no:abc", &q, &e), MADO_EDATA, "no: must be a number");
	search_query_clear(&q);
	is_int(search_query_parse("no:123456789", &q, &e), MADO_EDATA, "no: at most 8 digits");
	search_query_clear(&q);
}

static void
test_refs(void)
{
	struct search_query q;

	parse_ok(" 12 ", &q);
	is_int(q.ref, SQ_REF_FAQ, "a bare number names a FAQ");
	is_int(q.ref_faq_no, 12, "its number");
	is_int(q.nterms, 1, "and stays a word for a fallback search");
	search_query_clear(&q);
	parse_ok("FAQ-0012", &q);
	is_int(q.ref_faq_no, 12, "FAQ-0012");
	search_query_clear(&q);
	parse_ok("faq12", &q);
	is_int(q.ref_faq_no, 12, "faq12");
	search_query_clear(&q);
	parse_ok("１２", &q);
	is_int(q.ref_faq_no, 12, "full-width digits");
	search_query_clear(&q);
	parse_ok("no:7", &q);
	is_int(q.ref, SQ_REF_FAQ, "no: alone opens the FAQ");
	is_int(q.ref_faq_no, 7, "no: alone's number");
	search_query_clear(&q);
	parse_ok("INQ-2026-000123", &q);
	is_int(q.ref, SQ_REF_TICKET, "a ticket number");
	is_str(q.ref_text, "INQ-2026-000123", "kept as typed");
	search_query_clear(&q);
	parse_ok("#42", &q);
	is_int(q.ref, SQ_REF_TICKET, "#id");
	search_query_clear(&q);

	parse_ok("12 印刷", &q);
	is_int(q.ref, SQ_REF_NONE, "a number with words is a word");
	search_query_clear(&q);
	parse_ok("\"12\"", &q);
	is_int(q.ref, SQ_REF_NONE, "a quoted number is a phrase");
	search_query_clear(&q);
	parse_ok("kind:kb 12", &q);
	is_int(q.ref, SQ_REF_NONE, "a number with a field is a word");
	search_query_clear(&q);
	parse_ok("0", &q);
	is_int(q.ref, SQ_REF_NONE, "0 is no FAQ number");
	search_query_clear(&q);
	parse_ok("E-", &q);
	is_int(q.ref, SQ_REF_NONE, "E- is no ticket number");
	search_query_clear(&q);
	parse_ok("Win10", &q);
	is_int(q.ref, SQ_REF_NONE, "a word with digits but no hyphen is a word");
	search_query_clear(&q);
}

static void
test_synonyms_in_match(void)
{
	struct search_query q;
	const char *pw[] = { "PW", "パスワ", NULL };
	const char *print[] = { "プリント", NULL };
	const char *const *alts[4] = { pw, print, NULL, NULL };
	bool keep[4] = { true, true, true, false };
	char *m;

	parse_ok("パスワード 印刷 \"印刷\" -!!", &q);
	m = search_match_build(&q, alts, keep, NULL);
	is_str(m, "(\"パスワード\" OR \"PW\" OR \"パスワ\") AND (\"印刷\" OR \"プリント\") AND \"印刷\"",
		"synonyms ORed with their word; a phrase is never widened; unkept terms left out");
	free(m);
	search_query_clear(&q);
}

static void
test_limits(void)
{
	struct search_query q;
	struct mado_err e = { 0 };
	GString *s = g_string_new(NULL);

	for (int i = 0; i < SEARCH_TERMS_MAX + 1; i++)
		g_string_append(s, "語 ");
	is_int(search_query_parse(s->str, &q, &e), MADO_EDATA, "too many words refused");
	search_query_clear(&q);
	g_string_truncate(s, 0);
	for (int i = 0; i < SEARCH_INPUT_MAX + 1; i++)
		g_string_append_c(s, 'a');
	is_int(search_query_parse(s->str, &q, &e), MADO_EDATA, "too long refused");
	search_query_clear(&q);
	is_int(search_query_parse("\xff\xfe", &q, &e), MADO_EDATA, "invalid UTF-8 refused");
	search_query_clear(&q);
	is_int(search_query_parse(NULL, &q, &e), MADO_OK, "NULL is an empty query");
	is_int(q.nterms, 0, "with nothing in it");
	search_query_clear(&q);
	g_string_free(s, TRUE);
}

int
main(void)
{
	test_words();
	test_phrases_and_exclusions();
	test_injection();
	test_fields();
	test_refs();
	test_synonyms_in_match();
	test_limits();
	return tap_done();
}
