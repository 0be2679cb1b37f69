/* madod deliver --queue QUEUE: one message on standard input, for an
 * MTA's pipe. The exit status is what the MTA acts on: 0 stored (or taken
 * in before), 75 try again later (a busy database or any other temporary
 * failure), 65 a message that cannot be stored, 67 no such queue, 78 a
 * configuration error, 64 a wrong command line. */
#include <errno.h>
#include <getopt.h>
#include <glib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "base/i18n.h"
#include "intake.h"
#include "madod.h"

/* More than any MTA here accepts; beyond it the message is refused. */
#define DELIVER_MAX_BYTES (256u << 20)

static const char *const disposition_names[] = {
	[MAIL_NEW] = "new", [MAIL_REPLY] = "reply", [MAIL_ALERT] = "alert",
	[MAIL_RECOVERY] = "recovery", [MAIL_BOUNCE] = "bounce", [MAIL_DUPLICATE] = "duplicate",
	[MAIL_IGNORED] = "ignored",
};

static int
read_stdin(GByteArray *buf, struct mado_err *e)
{
	unsigned char chunk[65536];

	for (;;) {
		ssize_t n = read(STDIN_FILENO, chunk, sizeof chunk);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return mado_err_set(e, MADO_EIO, _("reading the message: %s"), strerror(errno));
		if (n == 0)
			return MADO_OK;
		if (buf->len + (size_t)n > DELIVER_MAX_BYTES)
			return mado_err_set(e, MADO_EDATA, _("the message is larger than %u bytes"),
				DELIVER_MAX_BYTES);
		g_byte_array_append(buf, chunk, (guint)n);
	}
}

/* What the MTA is told: only a message we can never store is refused for
 * good; everything else that went wrong is worth another try. */
static int
exit_status(int st)
{
	switch (st) {
	case MADO_OK:
	case MADO_EDATA:
	case MADO_ECONFIG:
	case MADO_EUSAGE:
		return st;
	case MADO_ENOTFOUND:
		return EX_NOUSER;
	default:
		return EX_TEMPFAIL;
	}
}

int
madod_deliver(const struct madod_ctx *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "queue", required_argument, NULL, 'q' }, { NULL, 0, NULL, 0 },
	};
	struct intake_setup setup;
	struct intake_target t = { 0 };
	struct config cfg;
	struct mado_err e = { 0 };
	GByteArray *buf;
	int opt, st;

	optind = 1;
	while ((opt = getopt_long(argc, argv, "q:", longopts, NULL)) != -1) {
		if (opt != 'q')
			return madod_usage(argv[0], _("unknown option"));
		t.queue = optarg;
	}
	if (t.queue == NULL || *t.queue == '\0')
		return madod_usage(argv[0], _("give the queue the address belongs to"));
	if (optind < argc)
		return madod_usage(argv[0], _("unexpected argument '%s'"), argv[optind]);
	if ((st = madod_open(c, &cfg, &t.db, &e)) != MADO_OK) {
		madod_fail(&e);
		return st == MADO_ECONFIG ? st : EX_TEMPFAIL;
	}
	st = intake_setup_load(&cfg, &setup, &e);
	t.opts = &setup.opts;
	buf = g_byte_array_new();
	if (st == MADO_OK)
		st = read_stdin(buf, &e);
	if (st == MADO_OK)
		st = intake_take((const char *)buf->data, buf->len, &t, &e);
	if (st == MADO_OK)
		printf("%s %s\n", disposition_names[t.last.disposition],
			*t.last.number ? t.last.number : "-");
	else
		madod_fail(&e);
	g_byte_array_free(buf, TRUE);
	intake_setup_free(&setup);
	db_close(t.db);
	config_free(&cfg);
	return exit_status(st);
}
