/* `mado SUBCOMMAND`: the shell face of the core. Each command is a handler
 * taking the shared context and its own argv (argv[0] is the last word of
 * the command's name, so getopt_long works as usual). Handlers return a
 * sysexits status: 0, MADO_EUSAGE (64) for usage errors, MADO_EPERM (77)
 * for refusals, MADO_EDATA (65) for invalid data, MADO_ENOTFOUND (66),
 * others for failures. */
#ifndef MADO_CLI_H
#define MADO_CLI_H

#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>

#include "base/err.h"
#include "base/file_write.h"
#include "cli/table.h"
#include "core/config.h"
#include "core/identity.h"
#include "db/db.h"

struct cli_ctx {
	struct config cfg;
	struct db *db;            /* open database (NULL for commands that need none) */
	struct actor actor;       /* who is acting (resolved when the command needs it) */
	enum out_format format;   /* --format */
	int ambi;                 /* width of East Asian ambiguous characters */
	FILE *out;                /* stdout */
};

typedef int (*cli_fn)(struct cli_ctx *c, int argc, char **argv);

struct cli_command {
	const char *name;     /* "ticket new" */
	cli_fn fn;
	const char *args;     /* synopsis of arguments, untranslated ("NUMBER [--owner LOGIN]") */
	const char *summary;  /* one line, marked N_() and translated when shown */
	bool identity;        /* resolve the actor before running (most commands) */
};

/* Prints "mado: <message>" on stderr and returns e->status. */
int cli_fail(const struct mado_err *e);
/* Prints "mado <name>: <message>" plus the command's usage; returns MADO_EUSAGE. */
int cli_usage(const char *name, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Starts a fresh getopt_long() scan of a handler's own argv, with
 * getopt's own messages off: parse with an optstring starting with ':'
 * and hand anything else to cli_bad_option(). */
void cli_getopt_reset(void);
/* The usage error for what getopt_long() returned ('?' or ':'). */
int cli_bad_option(const char *cmd, int ch, char **argv);

/* Reads all of a file ("-" for stdin) into a newly allocated string,
 * with the caller's rights. */
int cli_read_text(const char *path, char **out, struct mado_err *e);

/* Writes a file the caller names: mado_write_file() (base/file_write.h),
 * all or nothing, created with the caller's rights while fn runs with the
 * program's to read the database. */
typedef mado_write_fn cli_write_fn;
int cli_write_file(const char *path, mode_t mode, cli_write_fn fn, void *ctx,
	struct mado_err *e);

/* Formats a Unix time as "2026-11-22 09:05" JST into buf. 0 -> "". */
const char *cli_time(long long t, char *buf, size_t n);

extern const struct cli_command cli_commands[];
extern const int cli_ncommands;

/* Handlers, one file per group. */
int cmd_ticket_new(struct cli_ctx *, int, char **);
int cmd_ticket_show(struct cli_ctx *, int, char **);
int cmd_ticket_list(struct cli_ctx *, int, char **);
int cmd_ticket_update(struct cli_ctx *, int, char **);
int cmd_ticket_comment(struct cli_ctx *, int, char **);
int cmd_ticket_assign(struct cli_ctx *, int, char **);
int cmd_ticket_status(struct cli_ctx *, int, char **);
int cmd_ticket_close(struct cli_ctx *, int, char **);
int cmd_ticket_reopen(struct cli_ctx *, int, char **);
int cmd_ticket_link(struct cli_ctx *, int, char **);
int cmd_ticket_attach(struct cli_ctx *, int, char **);
int cmd_ticket_attachments(struct cli_ctx *, int, char **);
int cmd_ticket_attachment_get(struct cli_ctx *, int, char **);
int cmd_kb_add(struct cli_ctx *, int, char **);
int cmd_kb_show(struct cli_ctx *, int, char **);
int cmd_kb_list(struct cli_ctx *, int, char **);
int cmd_kb_update(struct cli_ctx *, int, char **);
int cmd_kb_history(struct cli_ctx *, int, char **);
int cmd_kb_review(struct cli_ctx *, int, char **);
int cmd_kb_vote(struct cli_ctx *, int, char **);
int cmd_kb_from_ticket(struct cli_ctx *, int, char **);
int cmd_kb_export_public(struct cli_ctx *, int, char **);
int cmd_kb_search(struct cli_ctx *, int, char **);
int cmd_kb_attach(struct cli_ctx *, int, char **);
int cmd_kb_attachments(struct cli_ctx *, int, char **);
int cmd_kb_attachment_get(struct cli_ctx *, int, char **);
int cmd_search(struct cli_ctx *, int, char **);
int cmd_calllog_start(struct cli_ctx *, int, char **);
int cmd_calllog_end(struct cli_ctx *, int, char **);
int cmd_calllog_save(struct cli_ctx *, int, char **);
int cmd_calllog_show(struct cli_ctx *, int, char **);
int cmd_calllog_to_ticket(struct cli_ctx *, int, char **);
int cmd_calllog_check(struct cli_ctx *, int, char **);
int cmd_admin_search(struct cli_ctx *, int, char **);
int cmd_admin_synonym_add(struct cli_ctx *, int, char **);
int cmd_admin_synonym_list(struct cli_ctx *, int, char **);
int cmd_admin_synonym_delete(struct cli_ctx *, int, char **);
int cmd_admin_synonym_import(struct cli_ctx *, int, char **);
int cmd_admin_synonym_export(struct cli_ctx *, int, char **);
int cmd_report_calls(struct cli_ctx *, int, char **);
int cmd_report_daily(struct cli_ctx *, int, char **);
int cmd_report_monthly(struct cli_ctx *, int, char **);
int cmd_handover_note(struct cli_ctx *, int, char **);
int cmd_handover_pick(struct cli_ctx *, int, char **);
int cmd_handover_unpick(struct cli_ctx *, int, char **);
int cmd_handover_show(struct cli_ctx *, int, char **);
int cmd_export_calllogs(struct cli_ctx *, int, char **);
int cmd_admin_retention_run(struct cli_ctx *, int, char **);
int cmd_admin_db_version(struct cli_ctx *, int, char **);
int cmd_admin_audit_verify(struct cli_ctx *, int, char **);
int cmd_admin_user_add(struct cli_ctx *, int, char **);
int cmd_admin_user_list(struct cli_ctx *, int, char **);
int cmd_admin_outbox_list(struct cli_ctx *, int, char **);
int cmd_admin_outbox_retry(struct cli_ctx *, int, char **);
int cmd_admin_user_role(struct cli_ctx *, int, char **);
int cmd_admin_master_import(struct cli_ctx *, int, char **);
int cmd_admin_master_export(struct cli_ctx *, int, char **);

#endif
