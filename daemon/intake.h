/* Mail into the database for madod: the intake options the configuration
 * gives (the alert rules, the acknowledgement limit, office hours), and a
 * sink that takes each message of a source, or of `madod deliver`, into
 * one queue with mail_intake(). */
#ifndef MADO_DAEMON_INTAKE_H
#define MADO_DAEMON_INTAKE_H

#include <stddef.h>

#include "core/alert_rule.h"
#include "core/calendar.h"
#include "core/config.h"
#include "core/mail_intake.h"
#include "daemon/source.h"

struct intake_setup {
	struct mail_intake_opts opts;   /* points into this struct: never copy one */
	struct alert_rules *rules;      /* NULL when there are none */
	struct calendar calendar;
};

/* [mail] alert_rules, else the shipped rules (none when those are not
 * installed), [mail] autoreply_per_hour and the office hours of
 * [calendar]; a rules file that does not load is MADO_ECONFIG. Free with
 * intake_setup_free(). */
int intake_setup_load(const struct config *cfg, struct intake_setup *s, struct mado_err *e);
void intake_setup_free(struct intake_setup *s);

/* Where a sink puts messages; last is what became of the latest one. */
struct intake_target {
	struct db *db;
	const struct mail_intake_opts *opts;
	const char *queue;
	struct mail_intake_result last;
};

/* A source's sink (ctx: struct intake_target): MADO_OK once the message
 * is committed or was taken in before, so the source may acknowledge it. */
int intake_take(const char *raw, size_t len, void *ctx, struct mado_err *e);
/* The batch sink: every message in one transaction (mail_intake() joins
 * it), so one durable commit acknowledges them all; any failure rolls the
 * whole batch back and the source takes its messages one by one. */
int intake_take_batch(const struct source_msg *msgs, int n, void *ctx, struct mado_err *e);

#endif
