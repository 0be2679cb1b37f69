/* The command registry and the helpers every command shares. The help
 * text, `mado --help` and the man page's command list all come from
 * cli_commands[], declared once here. */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <glib.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/env.h"
#include "base/i18n.h"
#include "core/calendar.h"

const struct cli_command cli_commands[] = {
	{ "ticket new", cmd_ticket_new,
	  "--kind inquiry|incident|request --subject TEXT [--body TEXT|--body-file F]"
	  " [--queue CODE] [--owner LOGIN] [--category CODE] [--priority 1-5]"
	  " [--requester-name NAME] [--requester-email ADDR] [--source S] [--system CODE]"
	  " [--request-kind KIND --field NAME=VALUE...]",
	  N_("create a ticket"), true },
	{ "ticket show", cmd_ticket_show, "NUMBER",
	  N_("show a ticket with its conversation, links and history"), true },
	{ "ticket list", cmd_ticket_list,
	  "[--kind K] [--status S] [--queue Q] [--owner LOGIN] [--mine] [--open] [--limit N] [--after CURSOR]",
	  N_("list tickets, newest change first, one page at a time"), true },
	{ "ticket update", cmd_ticket_update, "NUMBER FIELD=VALUE...",
	  N_("change fields of a ticket"), true },
	{ "ticket comment", cmd_ticket_comment, "NUMBER [--note] [--body TEXT|--body-file F]",
	  N_("add a reply to the requester or an internal note"), true },
	{ "ticket assign", cmd_ticket_assign, "NUMBER [--queue CODE] [--owner LOGIN|--unassign]",
	  N_("assign a ticket to a queue and an owner"), true },
	{ "ticket status", cmd_ticket_status, "NUMBER STATUS",
	  N_("move a ticket to another status of its workflow"), true },
	{ "ticket close", cmd_ticket_close, "NUMBER",
	  N_("close a ticket"), true },
	{ "ticket reopen", cmd_ticket_reopen, "NUMBER",
	  N_("reopen a resolved or closed ticket"), true },
	{ "ticket link", cmd_ticket_link,
	  "NUMBER related|duplicate-of|caused-by|answered-with-faq TARGET",
	  N_("link a ticket to another ticket or to an FAQ"), true },
	{ "ticket attach", cmd_ticket_attach, "NUMBER FILE...",
	  N_("attach files to a ticket"), true },
	{ "ticket attachments", cmd_ticket_attachments, "NUMBER",
	  N_("list the files attached to a ticket"), true },
	{ "ticket attachment-get", cmd_ticket_attachment_get, "ID [OUTFILE|-] [--force]",
	  N_("write an attached file out (to its own name, OUTFILE or standard output)"), true },
	{ "kb add", cmd_kb_add,
	  "--title TEXT [--question TEXT|--question-file F] [--answer TEXT|--answer-file F]"
	  " [--category CODE] [--dept CODE] [--class CODE] [--public] [--faq-no N]",
	  N_("add a knowledge article (FAQ)"), true },
	{ "kb show", cmd_kb_show, "FAQ-NUMBER",
	  N_("show a knowledge article"), true },
	{ "kb list", cmd_kb_list,
	  "[--category CODE] [--public|--internal] [--stale DAYS] [--limit N] [--after CURSOR]",
	  N_("list knowledge articles"), true },
	{ "kb update", cmd_kb_update,
	  "FAQ-NUMBER [--title TEXT] [--question TEXT|--question-file F]"
	  " [--answer TEXT|--answer-file F] [--category CODE] [--dept CODE] [--class CODE]"
	  " [--public|--internal]",
	  N_("change a knowledge article, keeping the earlier text as a version"), true },
	{ "kb history", cmd_kb_history, "FAQ-NUMBER [--version N]",
	  N_("list the versions of an article, or show one version's text"), true },
	{ "kb review", cmd_kb_review, "FAQ-NUMBER",
	  N_("mark an article reviewed today"), true },
	{ "kb vote", cmd_kb_vote, "FAQ-NUMBER helpful|not-helpful",
	  N_("rate an article (one vote per staff member)"), true },
	{ "kb from-ticket", cmd_kb_from_ticket, "TICKET-NUMBER [--title TEXT]",
	  N_("make a ticket an internal FAQ from its question and last reply"), true },
	{ "kb export-public", cmd_kb_export_public,
	  "[FILE] [--format csv|json] [--encoding utf-8-bom|utf-8|cp932]",
	  N_("write the public articles for the citizen site"), true },
	{ "kb attach", cmd_kb_attach, "FAQ-NUMBER FILE...",
	  N_("attach files to a knowledge article"), true },
	{ "kb attachments", cmd_kb_attachments, "FAQ-NUMBER",
	  N_("list the files attached to a knowledge article"), true },
	{ "kb attachment-get", cmd_kb_attachment_get, "ID [OUTFILE|-] [--force]",
	  N_("write an attached file out (to its own name, OUTFILE or standard output)"), true },
	{ "kb search", cmd_kb_search, "[--limit N] QUERY...",
	  N_("search knowledge articles (words, \"phrases\", -word, category:, dept:, no:; a number opens that FAQ)"),
	  true },
	{ "search", cmd_search, "[--limit N] QUERY...",
	  N_("search articles and tickets (also kind:, status:; a number or ticket number opens it)"),
	  true },
	{ "calllog start", cmd_calllog_start, "",
	  N_("start recording a call now and print its receipt id"), true },
	{ "calllog end", cmd_calllog_end, "RECEIPT",
	  N_("end a call now (the after-call work begins)"), true },
	{ "calllog save", cmd_calllog_save,
	  "RECEIPT [--contact-type C] [--dept D] [--outcome O] [--category C] [--faq N]..."
	  " [--asked TEXT|--asked-file F] [--answered TEXT|--answered-file F] [--transfer-to CODE]",
	  N_("save a call's fields and finish its after-call work"), true },
	{ "calllog show", cmd_calllog_show, "RECEIPT",
	  N_("show every field of one call log"), true },
	{ "calllog to-ticket", cmd_calllog_to_ticket, "RECEIPT --kind inquiry|incident",
	  N_("make a call an inquiry or incident, linked both ways"), true },
	{ "calllog check", cmd_calllog_check,
	  "--from YYYY-MM-DD --to YYYY-MM-DD [--format text|csv|json]",
	  N_("check the finished call logs started in [from, to) against the writing rules"),
	  true },
	{ "report calls", cmd_report_calls,
	  "--from YYYY-MM-DD --to YYYY-MM-DD [--by day|hour|department|category|operator]"
	  " [--format text|csv|json] [--encoding utf-8-bom|utf-8|cp932] [--output FILE]",
	  N_("contact-center figures for [from, to): calls, one-stop rate, talk and handling time"),
	  true },
	{ "report daily", cmd_report_daily,
	  "[--date YYYY-MM-DD] [--shift NAME|all] [--format text|csv|pdf]"
	  " [--encoding utf-8-bom|utf-8|cp932] [--output FILE] [--print [--printer P]]",
	  N_("the daily shift summary: staff, tickets, incidents, SLA, calls, handover, open items"),
	  true },
	{ "report monthly", cmd_report_monthly,
	  "--fy YEAR [--month 1-12] [--format text|csv|pdf] [--encoding utf-8-bom|utf-8|cp932]"
	  " [--output FILE] [--print [--printer P]]",
	  N_("the monthly report: routine work, incidents, inquiries, the fiscal year's statistics"),
	  true },
	{ "handover note", cmd_handover_note, "[--date YYYY-MM-DD] [--shift NAME] TEXT|-",
	  N_("set the handover note of a shift (the running one by default)"), true },
	{ "handover pick", cmd_handover_pick,
	  "TICKET [--note TEXT] [--date YYYY-MM-DD] [--shift NAME]",
	  N_("point the next shift at a ticket in the handover"), true },
	{ "handover unpick", cmd_handover_unpick, "TICKET [--date YYYY-MM-DD] [--shift NAME]",
	  N_("take a ticket out of the handover"), true },
	{ "handover show", cmd_handover_show, "[--date YYYY-MM-DD] [--shift NAME]",
	  N_("show the handover note and picked tickets of a shift"), true },
	{ "export calllogs", cmd_export_calllogs,
	  "--from YYYY-MM-DD --to YYYY-MM-DD [--encoding utf-8-bom|utf-8|cp932] [--output FILE]",
	  N_("write the call logs started in [from, to) as CSV for Excel"), true },
	{ "admin db version", cmd_admin_db_version, "",
	  N_("show the database file and its schema version"), false },
	{ "admin audit verify", cmd_admin_audit_verify, "",
	  N_("check that the audit trail's hash chain is intact"), true },
	{ "admin user add", cmd_admin_user_add,
	  "LOGIN --name NAME [--kana KANA] [--role ROLE] [--dept CODE] [--email ADDR] [--lang ja|en]",
	  N_("register a staff member"), true },
	{ "admin user list", cmd_admin_user_list, "",
	  N_("list staff and their roles"), true },
	{ "admin user role", cmd_admin_user_role, "LOGIN ROLE",
	  N_("change a staff member's role"), true },
	{ "admin outbox list", cmd_admin_outbox_list, "[--state pending|sent|failed] [--limit N]",
	  N_("list the notifications madod sends, newest first"), true },
	{ "admin outbox retry", cmd_admin_outbox_retry, "ID",
	  N_("send a notification that failed again, from its first attempt"), true },
	{ "admin master import", cmd_admin_master_import, "KIND FILE.csv [--encoding E]",
	  N_("validate a CSV file and apply it to a master, all or nothing"), true },
	{ "admin master export", cmd_admin_master_export, "KIND [FILE.csv] [--encoding E]",
	  N_("write a master as CSV"), true },
	{ "admin retention run", cmd_admin_retention_run, "[--dry-run] [--archive-dir DIR]",
	  N_("archive and delete the call logs of fiscal years past their retention"), true },
	{ "admin search optimize", cmd_admin_search, "",
	  N_("merge the search index into one segment (a nightly job: holds the write lock)"),
	  true },
	{ "admin search check", cmd_admin_search, "",
	  N_("check that the search index matches the records"), true },
	{ "admin search rebuild", cmd_admin_search, "",
	  N_("build the search index again from the records"), true },
	{ "admin synonym add", cmd_admin_synonym_add, "TERM SYNONYM...",
	  N_("make terms stand for each other in searches"), true },
	{ "admin synonym list", cmd_admin_synonym_list, "",
	  N_("list the synonym groups"), true },
	{ "admin synonym delete", cmd_admin_synonym_delete, "TERM...",
	  N_("remove terms from their synonym groups"), true },
	{ "admin synonym import", cmd_admin_synonym_import, "FILE.csv [--encoding E]",
	  N_("replace every synonym with a CSV file's (group,term), all or nothing"), true },
	{ "admin synonym export", cmd_admin_synonym_export, "[FILE.csv] [--encoding E]",
	  N_("write the synonyms as CSV (group,term)"), true },
};
const int cli_ncommands = (int)(sizeof cli_commands / sizeof cli_commands[0]);

int
cli_fail(const struct mado_err *e)
{
	fprintf(stderr, "mado: %s\n", e->msg);
	return e->status != MADO_OK ? e->status : MADO_EFAIL;
}

int
cli_usage(const char *name, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "mado %s: ", name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	for (int i = 0; i < cli_ncommands; i++)
		if (strcmp(cli_commands[i].name, name) == 0)
			fprintf(stderr, _("usage: mado %s %s\n"), name, cli_commands[i].args);
	return MADO_EUSAGE;
}

void
cli_getopt_reset(void)
{
	optind = 0; /* 0, not 1: makes glibc reinitialise its state */
	opterr = 0;
}

int
cli_bad_option(const char *cmd, int ch, char **argv)
{
	const char *opt = argv[optind - 1];

	if (ch == ':')
		return cli_usage(cmd, _("option %s needs a value"), opt);
	return cli_usage(cmd, _("unknown option %s"), opt);
}

int
cli_read_text(const char *path, char **out, struct mado_err *e)
{
	GError *gerr = NULL;
	gsize len = 0;
	char *text = NULL;

	*out = NULL;
	if (strcmp(path, "-") == 0) {
		GString *buf = g_string_new(NULL);
		char chunk[8192];
		size_t n;

		while ((n = fread(chunk, 1, sizeof chunk, stdin)) > 0)
			g_string_append_len(buf, chunk, (gssize)n);
		if (ferror(stdin)) {
			g_string_free(buf, TRUE);
			return mado_err_set(e, MADO_EIO, _("standard input: %s"), strerror(errno));
		}
		len = buf->len;
		text = g_string_free(buf, FALSE);
	} else {
		gid_t saved = mado_as_caller();
		gboolean read_ok = g_file_get_contents(path, &text, &len, &gerr);

		mado_as_program(saved);
		if (!read_ok) {
			int st = mado_err_set(e, g_error_matches(gerr, G_FILE_ERROR, G_FILE_ERROR_NOENT)
				? MADO_ENOTFOUND : MADO_EIO, "%s", gerr->message);

			g_error_free(gerr);
			return st;
		}
	}
	if (strlen(text) != len) {
		g_free(text);
		return mado_err_set(e, MADO_EDATA, _("%s: contains a NUL byte; not a text file"), path);
	}
	*out = strdup(text);
	g_free(text);
	return MADO_OK;
}

int
cli_write_file(const char *path, mode_t mode, cli_write_fn fn, void *ctx, struct mado_err *e)
{
	return mado_write_file(path, mode, fn, ctx, e);
}

const char *
cli_time(long long t, char *buf, size_t n)
{
	struct jst j;

	if (t <= 0) {
		buf[0] = '\0';
		return buf;
	}
	jst_from_time(t, &j);
	snprintf(buf, n, "%04d-%02d-%02d %02d:%02d", j.year, j.month, j.day, j.hour, j.min);
	return buf;
}
