/* Private to the `mado kb` commands (cli/cmd_kb*.c): argument parsing
 * and output they share. */
#ifndef MADO_CMD_KB_H
#define MADO_CMD_KB_H

#include <stdbool.h>
#include <stdint.h>

#include "cli/cli.h"

/* Text output of lists cuts titles to this many cells. */
#define KB_CLI_TITLE_CELLS 40

/* Parses a whole decimal number in [min, max] (no sign, no spaces). */
bool kb_cli_num(const char *s, long long min, long long max, long long *out);

/* An FAQ number as written in lists and manuals ("12" or "FAQ-12");
 * anything else is a usage error (returned). */
int kb_cli_faq_no(const char *cmd, const char *s, int64_t *no);

/* The one positional argument of a command about one article, its FAQ
 * number; another count is a usage error too. Call after the options
 * are parsed. */
int kb_cli_faq_arg(const char *cmd, int argc, char **argv, int64_t *no);

/* The same for a command that takes no option. */
int kb_cli_only_faq(const char *cmd, int argc, char **argv, int64_t *no);

/* The cell for a text that may be absent: NULL (JSON null) when empty. */
const char *kb_cli_opt_cell(const char *s);

/* The options kb add and kb update share, for their getopt tables. */
#define KB_CLI_ARTICLE_OPTIONS \
	{ "title", required_argument, NULL, 't' }, \
	{ "question", required_argument, NULL, 'q' }, \
	{ "question-file", required_argument, NULL, 'Q' }, \
	{ "answer", required_argument, NULL, 'a' }, \
	{ "answer-file", required_argument, NULL, 'A' }, \
	{ "category", required_argument, NULL, 'c' }, \
	{ "dept", required_argument, NULL, 'd' }, \
	{ "class", required_argument, NULL, 'k' }

/* What those options gave; NULL where not given. */
struct kb_cli_article {
	const char *title, *question, *answer, *category, *department, *faq_class;
	const char *qfile, *afile;
	char *qbuf, *abuf;       /* the files' texts: kb_cli_article_free() */
};

/* Takes option ch (with its argument) into a; false when ch is not one
 * of KB_CLI_ARTICLE_OPTIONS. */
bool kb_cli_article_opt(struct kb_cli_article *a, int ch, const char *arg);
/* Reads --question-file and --answer-file into question and answer;
 * giving a text both ways is a usage error. Returns an exit status. */
int kb_cli_article_read(const char *cmd, struct kb_cli_article *a, struct mado_err *e);
void kb_cli_article_free(struct kb_cli_article *a);

/* Prints one record (n cells of cols) for --format csv or json; for text
 * it prints `text` instead, a finished line for people. */
int kb_cli_result(struct cli_ctx *c, const struct table_column *cols, const char *const *cells,
	int n, const char *text);

#endif
