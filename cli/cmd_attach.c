/* mado ticket|kb attach / attachments / attachment-get: files attached to
 * tickets and knowledge articles (core/attachment.h) from the shell. The
 * two kinds of owner differ only in how the command line names one. The files named are opened,
 * created and renamed with the caller's own rights, never the program's
 * group (an installed mado is setgid). */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <glib.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/env.h"
#include "base/i18n.h"
#include "cli/cli.h"
#include "cli/cmd_kb.h"
#include "core/attachment.h"
#include "core/kb.h"
#include "core/ticket.h"

/* Parses a handler's argv: no option but --force, and that only when
 * force is given (it is set then); between min and max operands, which
 * start at optind. */
static int
operands(const char *cmd, int argc, char **argv, int min, int max, bool *force)
{
	static const struct option with_force[] = {
		{ "force", no_argument, NULL, 'f' }, { NULL, 0, NULL, 0 },
	};
	int o;

	cli_getopt_reset();
	while ((o = getopt_long(argc, argv, ":", force != NULL ? with_force : with_force + 1,
			NULL)) != -1) {
		if (o != 'f')
			return cli_bad_option(cmd, o, argv);
		*force = true;
	}
	if (argc - optind < min)
		return cli_usage(cmd, _("missing arguments"));
	if (argc - optind > max)
		return cli_usage(cmd, _("unexpected argument '%s'"), argv[optind + max]);
	return MADO_OK;
}

/* ---- owners ---- */

/* What files are attached to: owner_type for core, and how the owner's
 * id is found from what the user typed (reporting any failure, returning
 * an exit status). */
struct owner_kind {
	const char *type;
	int (*resolve)(struct cli_ctx *c, const char *cmd, const char *arg, int64_t *id);
};

static int
ticket_owner(struct cli_ctx *c, const char *cmd, const char *arg, int64_t *id)
{
	struct mado_err e = { 0 };

	(void)cmd;
	return ticket_resolve(c->db, arg, id, &e) == MADO_OK ? MADO_OK : cli_fail(&e);
}

/* An FAQ number ("12" or "FAQ-12"); reading the article checks that the
 * actor may see it, as core does again for its attachments. */
static int
kb_owner(struct cli_ctx *c, const char *cmd, const char *arg, int64_t *id)
{
	struct mado_err e = { 0 };
	struct kb_row row;
	int64_t no;
	int st = kb_cli_faq_no(cmd, arg, &no);

	if (st != MADO_OK)
		return st;
	if (kb_read(c->db, &c->actor, no, &row, &e) != MADO_OK)
		return cli_fail(&e);
	*id = row.id;
	kb_row_clear(&row);
	return MADO_OK;
}

static const struct owner_kind ticket_kind = { "ticket", ticket_owner };
static const struct owner_kind kb_kind = { "kb", kb_owner };

/* ---- listing ---- */

struct list_ctx {
	struct table *t;
	const GArray *only;      /* int64_t ids to show, or NULL for all */
};

static bool
wanted(const GArray *only, int64_t id)
{
	for (guint i = 0; only != NULL && i < only->len; i++)
		if (g_array_index(only, int64_t, i) == id)
			return true;
	return only == NULL;
}

static void
list_row(const struct attachment_row *row, void *p)
{
	struct list_ctx *l = p;
	char id[24], size[24], added[32];
	const char *cells[6] = { id, row->filename, size, row->mime, added, row->created_by };

	if (!wanted(l->only, row->id))
		return;
	g_snprintf(id, sizeof id, "%lld", (long long)row->id);
	g_snprintf(size, sizeof size, "%lld", (long long)row->size);
	cli_time(row->created_at, added, sizeof added);
	table_add(l->t, cells);
}

/* The owner's attachments (those in only, when given) as a table. */
static int
print_attachments(struct cli_ctx *c, const char *owner_type, int64_t owner_id,
	const GArray *only)
{
	const struct table_column cols[] = {
		{ "id", _("ID"), 1, 0 }, { "filename", _("File name"), 0, 60 },
		{ "size", _("Size"), 1, 0 }, { "mime", _("Type"), 0, 40 },
		{ "created", _("Added"), 0, 0 }, { "created_by", _("By"), 0, 0 },
	};
	struct list_ctx l = { table_new(cols, G_N_ELEMENTS(cols)), only };
	struct mado_err e = { 0 };
	int st = attachment_list(c->db, &c->actor, owner_type, owner_id, list_row, &l, &e);

	if (st == MADO_OK)
		st = table_print(l.t, c->out, c->format, c->ambi, &e);
	table_free(l.t);
	return st == MADO_OK ? MADO_OK : cli_fail(&e);
}

static int
list_attachments(struct cli_ctx *c, const char *cmd, const struct owner_kind *k, int argc,
	char **argv)
{
	int64_t id;
	int st = operands(cmd, argc, argv, 1, 1, NULL);

	if (st == MADO_OK)
		st = k->resolve(c, cmd, argv[optind], &id);
	return st != MADO_OK ? st : print_attachments(c, k->type, id, NULL);
}

int
cmd_ticket_attachments(struct cli_ctx *c, int argc, char **argv)
{
	return list_attachments(c, "ticket attachments", &ticket_kind, argc, argv);
}

int
cmd_kb_attachments(struct cli_ctx *c, int argc, char **argv)
{
	return list_attachments(c, "kb attachments", &kb_kind, argc, argv);
}

/* ---- attaching ---- */

/* Reads the regular file path, opened with the caller's rights, after
 * checking its size against the limit. *data is newly allocated (g_free). */
static int
read_file(struct db *db, const char *path, char **data, size_t *len, struct mado_err *e)
{
	gid_t saved = mado_as_caller();
	int fd = open(path, O_RDONLY | O_NOCTTY | O_CLOEXEC), st = MADO_OK;
	struct stat sb;
	size_t want = 0, got = 0;
	ssize_t n = 0;

	mado_as_program(saved);
	*data = NULL;
	if (fd < 0 || fstat(fd, &sb) != 0)
		st = mado_err_set(e, MADO_ENOTFOUND, "%s: %s", path, strerror(errno));
	else if (!S_ISREG(sb.st_mode))
		st = mado_err_set(e, MADO_EDATA, _("%s: not a regular file"), path);
	else
		st = attachment_check_size(db, path, (int64_t)sb.st_size, e);
	if (st == MADO_OK) {
		/* One byte more than it should have tells a file still growing. */
		want = (size_t)sb.st_size + 1;
		*data = g_malloc(want);
		while (got < want && ((n = read(fd, *data + got, want - got)) > 0 ||
			(n < 0 && errno == EINTR)))
			got += n > 0 ? (size_t)n : 0;
		if (n < 0)
			st = mado_err_set(e, MADO_EIO, "%s: %s", path, strerror(errno));
		else if (got == want)
			st = mado_err_set(e, MADO_EIO, _("%s: changed while being read"), path);
	}
	if (fd >= 0)
		close(fd);
	if (st != MADO_OK) {
		g_free(*data);
		*data = NULL;
	}
	*len = got;
	return st;
}

static int
attach(struct cli_ctx *c, const char *cmd, const struct owner_kind *k, int argc, char **argv)
{
	struct mado_err e = { 0 };
	GPtrArray *data = g_ptr_array_new_with_free_func(g_free);
	GArray *lens = g_array_new(FALSE, FALSE, sizeof(size_t));
	GArray *ids = g_array_new(FALSE, FALSE, sizeof(int64_t));
	int64_t owner_id, id;
	int st = operands(cmd, argc, argv, 2, INT_MAX, NULL), first = optind + 1;

	if (st == MADO_OK)
		st = k->resolve(c, cmd, argv[optind], &owner_id);
	/* Every file is read before any is attached: a missing or too large
	 * one leaves the owner as it was. */
	for (int i = first; st == MADO_OK && i < argc; i++) {
		char *buf;
		size_t len;

		if ((st = read_file(c->db, argv[i], &buf, &len, &e)) != MADO_OK)
			cli_fail(&e);
		g_ptr_array_add(data, buf);
		g_array_append_val(lens, len);
	}
	for (int i = first; st == MADO_OK && i < argc; i++) {
		st = attachment_add(c->db, &c->actor, k->type, owner_id, argv[i],
			g_ptr_array_index(data, i - first), g_array_index(lens, size_t, i - first),
			&id, &e);
		if (st != MADO_OK)
			cli_fail(&e);
		else
			g_array_append_val(ids, id);
	}
	/* What was attached is shown even when a later file failed. */
	if (ids->len > 0 && print_attachments(c, k->type, owner_id, ids) != MADO_OK && st == MADO_OK)
		st = MADO_EFAIL;
	g_ptr_array_free(data, TRUE);
	g_array_free(lens, TRUE);
	g_array_free(ids, TRUE);
	return st;
}

int
cmd_ticket_attach(struct cli_ctx *c, int argc, char **argv)
{
	return attach(c, "ticket attach", &ticket_kind, argc, argv);
}

int
cmd_kb_attach(struct cli_ctx *c, int argc, char **argv)
{
	return attach(c, "kb attach", &kb_kind, argc, argv);
}

/* ---- getting one back ---- */

struct blob_out {
	const void *data;
	size_t len;
};

static int
put_blob(FILE *fp, void *p, struct mado_err *e)
{
	const struct blob_out *b = p;

	if (fwrite(b->data, 1, b->len, fp) != b->len)
		return mado_err_set(e, MADO_EIO, "%s", strerror(errno));
	return MADO_OK;
}

/* Writes data to path, owner-only (attachments are the desk's records),
 * replacing an existing file only with force. As the caller. */
static int
write_file(const char *path, const void *data, size_t len, bool force, struct mado_err *e)
{
	struct blob_out b = { data, len };
	struct stat sb;
	gid_t saved = mado_as_caller();
	bool exists = lstat(path, &sb) == 0;

	mado_as_program(saved);
	if (exists && !force)
		return mado_err_set(e, EX_CANTCREAT,
			_("%s: already exists; give --force to replace it"), path);
	return cli_write_file(path, 0600, put_blob, &b, e);
}

/* Where attachment-get writes: the name given, the attachment's own name
 * in it when that is a directory, or the attachment's name here. Newly
 * allocated. */
static char *
output_path(const char *given, const char *name)
{
	gid_t saved = mado_as_caller();
	bool dir = given != NULL && g_file_test(given, G_FILE_TEST_IS_DIR);

	mado_as_program(saved);
	if (given == NULL)
		return g_strdup(name);
	return dir ? g_build_filename(given, name, NULL) : g_strdup(given);
}

static int
parse_id(const char *cmd, const char *s, int64_t *id)
{
	char *end;

	errno = 0;
	*id = g_ascii_strtoll(s, &end, 10);
	if (*s == '\0' || *end != '\0' || *id <= 0 || errno != 0)
		return cli_usage(cmd, _("an attachment is given by its number, not '%s'"), s);
	return MADO_OK;
}

/* Attachment ids are unique over every owner: both commands get any
 * attachment the actor may read. */
static int
get_attachment(struct cli_ctx *c, const char *cmd, int argc, char **argv)
{
	struct attachment_row row;
	struct mado_err e = { 0 };
	bool force = false;
	void *data = NULL;
	size_t len = 0;
	int64_t id;
	char *path;
	int st = operands(cmd, argc, argv, 1, 2, &force);

	if (st == MADO_OK)
		st = parse_id(cmd, argv[optind], &id);
	if (st != MADO_OK)
		return st;
	if (attachment_read(c->db, &c->actor, id, &row, &data, &len, &e) != MADO_OK)
		return cli_fail(&e);
	if (optind + 1 < argc && strcmp(argv[optind + 1], "-") == 0) {
		if (fwrite(data, 1, len, c->out) != len || fflush(c->out) != 0)
			st = mado_err_set(&e, MADO_EIO, _("standard output: %s"), strerror(errno));
	} else {
		path = output_path(optind + 1 < argc ? argv[optind + 1] : NULL, row.filename);
		if ((st = write_file(path, data, len, force, &e)) == MADO_OK)
			fprintf(c->out, "%s\n", path);
		g_free(path);
	}
	attachment_row_clear(&row);
	free(data);
	return st == MADO_OK ? MADO_OK : cli_fail(&e);
}

int
cmd_ticket_attachment_get(struct cli_ctx *c, int argc, char **argv)
{
	return get_attachment(c, "ticket attachment-get", argc, argv);
}

int
cmd_kb_attachment_get(struct cli_ctx *c, int argc, char **argv)
{
	return get_attachment(c, "kb attachment-get", argc, argv);
}
