/* Writing rules for the texts of a call log (受付内容, 対応内容) as data:
 * share/writing-rules.conf, or the file the site's configuration names
 * (core/config_rules.h). Each [rule NAME] is a hint (guidance shown while
 * the operator writes, until the text follows it) or a check (a finding
 * when the text breaks it: a warning, or with severity = error a refusal
 * of the save). A rule's matchers:
 *   required        WORD;WORD;...  the text must hold one of them
 *   required_regex  RE             the text must match somewhere
 *   forbidden       WORD[=SUGGESTION];...  each occurrence is a finding
 *   forbidden_regex RE             each match is a finding, suggesting
 *                   suggest = TEXT or, with suggest_nfkc = true, the
 *                   match's NFKC form (半角カナ → 全角, 全角英数 → 半角)
 *   min_length, max_length  in characters, surrounding blanks not counted
 * required and required_regex look at the NFKC form of the text, so
 * ＴＥＬ and TEL, １２月 and 12月 are the same to them; forbidden and
 * forbidden_regex look at the text as written and give where it was.
 * Pure logic: no database, no screen. */
#ifndef MADO_WRITING_RULES_H
#define MADO_WRITING_RULES_H

#include <glib.h>
#include <stdbool.h>

#include "base/err.h"

enum wr_kind { WR_HINT, WR_CHECK };
enum wr_severity { WR_WARNING, WR_ERROR };

struct writing_rules;

/* One rule a text does not follow. rule and message belong to the rules
 * (valid while they live); match and suggestion are the finding's own. */
struct wr_finding {
	const char *rule;          /* the rule's NAME */
	enum wr_kind kind;
	enum wr_severity severity;
	const char *message;       /* in the language asked for */
	long offset;               /* byte offset of the match in the text; -1: the whole text */
	long position;             /* its character position, from 1; 0: the whole text */
	long length;               /* a length rule: the text's length in characters; else -1 */
	char *match;               /* the text matched, or NULL */
	char *suggestion;          /* what to write instead, or NULL */
};

/* Parses rules from text; name is the file named in errors, which read
 * "NAME: [rule X] key: what is wrong". *out: free with
 * writing_rules_free(). */
int writing_rules_parse(const char *text, const char *name, struct writing_rules **out,
	struct mado_err *e);
/* Reads and parses the file at path (MADO_ECONFIG when it cannot be read). */
int writing_rules_load(const char *path, struct writing_rules **out, struct mado_err *e);
void writing_rules_free(struct writing_rules *r);

/* The rules of field ("inquiry_text" or "response_text") that text does
 * not follow, in the order of the file and, within a rule, of the text:
 * hints not followed yet and checks broken. lang "en" takes message_en
 * where a rule has one. Returns a new array of struct wr_finding; free
 * with g_array_unref() (it frees each finding's own strings). r may be
 * NULL: no rules, nothing found. Text is UTF-8 (core refuses anything
 * else on save); were it not, its invalid bytes would be judged as
 * U+FFFD and offsets would count in that repaired text. */
GArray *writing_rules_check(const struct writing_rules *r, const char *field,
	const char *text, const char *lang);

/* How many findings of kind (and, for checks, at least severity) there are. */
int wr_count(const GArray *findings, enum wr_kind kind, enum wr_severity at_least);

/* One finding as a line for people: where and what to write instead
 * first, so a cut line keeps them ("character 12 'ｶﾞｲﾄﾞ' → 'ガイド':
 * message"), a length rule's message with the length ("message (2001
 * characters)"). Newly allocated; caller frees with g_free(). */
char *wr_finding_text(const struct wr_finding *f);

#endif
