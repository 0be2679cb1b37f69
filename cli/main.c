/* mado: global options, then the longest command name that matches the
 * words given, then that command's handler. */
#include <glib.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/env.h"
#include "base/i18n.h"
#include "base/textwidth.h"
#include "cli/cli.h"
#include "core/usercfg.h"
#include "tui/tui.h"

struct global_opts {
	const char *db;
	const char *format;
	const char *lang;
	int ambi;
	int help;
	int version;
};

/* Words of a command name ("admin master import") matched against argv. */
static int
match_words(const char *name, int argc, char **argv)
{
	int n = 0;
	const char *p = name;

	while (*p != '\0') {
		size_t len = strcspn(p, " ");

		if (n >= argc || strlen(argv[n]) != len || strncmp(argv[n], p, len) != 0)
			return 0;
		n++;
		p += len;
		p += *p == ' ';
	}
	return n;
}

static void
print_commands(FILE *fp, int argc, char **argv)
{
	for (int i = 0; i < cli_ncommands; i++) {
		const struct cli_command *c = &cli_commands[i];
		int prefix = 1;

		/* `mado ticket --help` lists only the ticket commands. */
		for (int w = 0; w < argc && prefix && argv[w][0] != '-'; w++)
			prefix = strncmp(c->name, argv[w], strlen(argv[w])) == 0;
		if (prefix)
			fprintf(fp, "  mado %s %s\n      %s\n", c->name, c->args, _(c->summary));
	}
}

static void
print_help(FILE *fp, int argc, char **argv)
{
	fprintf(fp, _("usage: mado [--db PATH] [--format text|csv|json] [--lang ja|en]"
		" [--ambiwidth 1|2] COMMAND ...\n\n"));
	fprintf(fp, _("Madoguchi help desk. Commands:\n"));
	print_commands(fp, argc, argv);
	fprintf(fp, _("\nThe database is --db PATH, else $MADO_DB, else [database] path in the"
		" system configuration, else your demo database.\n"
		"Exit status: 0 done, 64 usage error, 65 invalid data, 66 not found,"
		" 75 busy (try again), 77 refused, 78 configuration error, 70 failure.\n"));
}

/* Parses options before the command words; returns the index of the
 * first command word, or -1 after printing a usage error. */
static int
parse_globals(int argc, char **argv, struct global_opts *g)
{
	int i;

	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		const char *a = argv[i], *val = NULL;
		const char *names[] = { "--db", "--format", "--lang", "--ambiwidth" };
		const char **slots[] = { &g->db, &g->format, &g->lang, NULL };
		int k, matched = 0;

		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			g->help = 1;
			continue;
		}
		if (strcmp(a, "--version") == 0) {
			g->version = 1;
			continue;
		}
		for (k = 0; k < 4 && !matched; k++) {
			size_t len = strlen(names[k]);

			if (strncmp(a, names[k], len) != 0 || (a[len] != '\0' && a[len] != '='))
				continue;
			matched = 1;
			if (a[len] == '=')
				val = a + len + 1;
			else if (i + 1 < argc)
				val = argv[++i];
			else {
				fprintf(stderr, _("mado: %s needs a value\n"), names[k]);
				return -1;
			}
			if (slots[k] != NULL)
				*slots[k] = val;
			else if (strcmp(val, "1") == 0 || strcmp(val, "2") == 0)
				g->ambi = val[0] - '0';
			else {
				fprintf(stderr, _("mado: --ambiwidth must be 1 or 2, not '%s'\n"), val);
				return -1;
			}
		}
		if (!matched) {
			fprintf(stderr, _("mado: unknown option '%s' (see mado --help)\n"), a);
			return -1;
		}
	}
	return i;
}

static int
wants_help(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return 1;
	return 0;
}

/* The user's settings for the full-screen client, read with their own
 * rights (it is their file, named by their environment); --ambiwidth and
 * --lang win over it. The file's language applies from here on, to its
 * own messages too, which are read again for that. */
static void
client_settings(const struct global_opts *g, struct usercfg *u, struct mado_err *e)
{
	char *path = usercfg_path();
	gid_t saved = mado_as_caller();

	usercfg_load(u, path, e);
	if (g->lang == NULL && u->lang != NULL) {
		mado_i18n_init(u->lang);
		if (e->status != MADO_OK) {
			usercfg_free(u);
			usercfg_load(u, path, e);
		}
	}
	mado_as_program(saved);
	g_free(path);
	if (g->ambi != 0)
		u->ambi = g->ambi;
	else if (u->ambi == 0)
		u->ambi = TW_AMBI_NARROW;
}

/* Runs one command, or the full-screen client when cmd is NULL. */
static int
run(const struct cli_command *cmd, struct global_opts *g, int argc, char **argv)
{
	struct cli_ctx c = { .out = stdout, .ambi = g->ambi ? g->ambi : TW_AMBI_NARROW };
	struct mado_err e = { 0 }, user_err = { 0 };
	struct usercfg user = { 0 };
	char *path = NULL;
	bool demo;
	int st;

	if (cmd == NULL)
		client_settings(g, &user, &user_err);

	if (g->format != NULL) {
		int f = out_format_parse(g->format);

		if (f < 0) {
			fprintf(stderr, _("mado: --format must be text, csv or json, not '%s'\n"),
				g->format);
			return MADO_EUSAGE;
		}
		c.format = (enum out_format)f;
	}
	st = config_load(&c.cfg, &e);
	if (st == MADO_OK)
		st = config_db_path(&c.cfg, g->db, &path, &demo, &e);
	if (st == MADO_OK)
		st = db_open(path, !mado_env_privileged(), &c.db, &e);
	if (st == MADO_OK && (cmd == NULL || cmd->identity))
		st = identity_resolve(c.db, getuid(), &c.actor, &e);
	if (st != MADO_OK)
		cli_fail(&e);
	else if (cmd == NULL)
		st = tui_run(c.db, &c.cfg, &c.actor, &user, &user_err);
	else
		st = cmd->fn(&c, argc, argv);
	free(path);
	usercfg_free(&user);
	db_close(c.db);
	config_free(&c.cfg);
	if (fflush(stdout) != 0 && st == MADO_OK) {
		perror("mado: stdout");
		st = MADO_EIO;
	}
	return st;
}

int
main(int argc, char **argv)
{
	struct global_opts g = { 0 };
	const struct cli_command *best = NULL;
	int first, best_words = 0;

	/* --lang must take effect before any message is printed, wherever it
	 * stands among the global options (whose values are skipped). */
	for (int i = 1; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc)
			g.lang = argv[i + 1];
		else if (strncmp(argv[i], "--lang=", 7) == 0)
			g.lang = argv[i] + 7;
		if ((strcmp(argv[i], "--lang") == 0 || strcmp(argv[i], "--db") == 0 ||
		    strcmp(argv[i], "--format") == 0 || strcmp(argv[i], "--ambiwidth") == 0) &&
		    i + 1 < argc)
			i++;
	}
	mado_i18n_init(g.lang);
	first = parse_globals(argc, argv, &g);
	if (first < 0)
		return MADO_EUSAGE;
	if (g.version) {
		printf("mado %s\n", MADO_VERSION);
		return 0;
	}
	for (int i = 0; i < cli_ncommands; i++) {
		int n = match_words(cli_commands[i].name, argc - first, argv + first);

		if (n > best_words) {
			best = &cli_commands[i];
			best_words = n;
		}
	}
	if (best == NULL) {
		if (first == argc && !g.help)
			return run(NULL, &g, 0, NULL);
		if (g.help || first == argc || wants_help(argc - first + 1, argv + first - 1)) {
			print_help(stdout, argc - first, argv + first);
			return 0;
		}
		GString *words = g_string_new(NULL);

		for (int i = first; i < argc && argv[i][0] != '-'; i++)
			g_string_append_printf(words, "%s%s", words->len ? " " : "", argv[i]);
		fprintf(stderr, _("mado: unknown command '%s'\n"), words->str);
		g_string_free(words, TRUE);
		print_help(stderr, argc - first, argv + first);
		return MADO_EUSAGE;
	}
	/* argv[0] for the handler is the command's last word. */
	first += best_words - 1;
	if (wants_help(argc - first, argv + first)) {
		printf(_("usage: mado %s %s\n  %s\n"), best->name, best->args, _(best->summary));
		return 0;
	}
	return run(best, &g, argc - first, argv + first);
}
