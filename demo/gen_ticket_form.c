/* The form fields of a request, one ticket_field row each, named and
 * written as share/forms/<kind>.xml defines them and in the canonical
 * form forms/form.h describes: dates "YYYY-MM-DD", booleans "1"/"0",
 * choices by option value, masters by code. The fields persons,
 * work_start and work_end are columns of ticket_request instead, as
 * core/ticket.c stores them (gen_ticket_detail.c writes those). */
#include "gen_ticket.h"

#include <stdio.h>
#include <string.h>

#define OUTAGE "作業中は{system}が利用できません。"
#define NO_OUTAGE "業務への影響はありません。"

struct form_out {
	struct gen *g;
	struct tk_state *s;
	const struct tk *t;
	int st;
};

static void
put(struct form_out *f, const char *name, const char *value, struct mado_err *e)
{
	sqlite3_stmt *st;

	if (f->st != MADO_OK || value == NULL || *value == '\0')
		return;
	st = db_prepare(f->g->db,
		"INSERT INTO ticket_field(ticket_id, name, value) VALUES (?1, ?2, ?3)", e);
	if (st == NULL) {
		f->st = e->status;
		return;
	}
	sqlite3_bind_int64(st, 1, f->t->id);
	db_bind_text(st, 2, name);
	db_bind_text(st, 3, value);
	f->st = db_step_done(f->g->db, st, e);
	if (f->st == MADO_OK)
		f->s->fields++;
}

static void
put_int(struct form_out *f, const char *name, long v, struct mado_err *e)
{
	char buf[24];

	snprintf(buf, sizeof buf, "%ld", v);
	put(f, name, buf, e);
}

static void
put_date(struct form_out *f, const char *name, int64_t t, struct mado_err *e)
{
	char buf[32];

	text_time(t, buf, sizeof buf);
	buf[10] = '\0'; /* the date part of "YYYY-MM-DD HH:MM" */
	put(f, name, buf, e);
}

static void
put_text(struct form_out *f, const char *name, const char *tmpl, struct mado_err *e)
{
	char buf[1024];

	text_expand_to(buf, sizeof buf, tmpl, &f->t->vars);
	put(f, name, buf, e);
}

static void
put_choice(struct form_out *f, const char *name, const char *const *values,
	const unsigned *weights, size_t n, struct mado_err *e)
{
	put(f, name, values[rng_weighted(&f->s->rng, weights, n)], e);
}

/* The codes of the master rows the request names. */
static void
put_system(struct form_out *f, struct mado_err *e)
{
	char code[32];

	if (f->t->system == NULL)
		return;
	snprintf(code, sizeof code, "SYS%03zu", f->t->system_index + 1);
	put(f, "system", code, e);
}

static void
put_vendor(struct form_out *f, struct mado_err *e)
{
	if (f->t->system != NULL)
		put(f, "vendor", f->t->system->vendor, e);
}

/* Names, one per line, with a staff number when they are ward staff. */
static void
put_people(struct form_out *f, const char *name, int n, bool numbered, struct mado_err *e)
{
	char buf[2048], who[64];
	struct sbuf b;

	sb_init(&b, buf, sizeof buf);
	for (int i = 0; i < n; i++) {
		struct person_name p;

		person_draw(&p, &f->s->rng);
		person_name(&p, who, sizeof who);
		if (numbered)
			sb_printf(&b, "%06d ", (int)rng_range(&f->s->rng, 100000, 999999));
		sb_put(&b, who);
		if (i + 1 < n)
			sb_put(&b, "\n");
	}
	put(f, name, buf, e);
}

static void
infra_work(struct form_out *f, struct mado_err *e)
{
	static const char *const classes[] = { "routine", "planned", "emergency" };
	static const unsigned class_w[] = { 50, 40, 10 };
	static const char *const methods[] = { "onsite", "remote" };
	static const unsigned method_w[] = { 40, 60 };
	bool outage = rng_chance(&f->s->rng, 60);
	const char *host = f->t->system != NULL ? f->t->system->host : "vmhost";
	char targets[128];

	put_choice(f, "work_class", classes, class_w, 3, e);
	put_system(f, e);
	snprintf(targets, sizeof targets, "%s-ap01, %s-db01", host, host);
	put(f, "targets", targets, e);
	put_choice(f, "method", methods, method_w, 2, e);
	put_vendor(f, e);
	put_text(f, "description", f->t->req->detail, e);
	put_text(f, "impact", outage ? OUTAGE : NO_OUTAGE, e);
	put(f, "rollback", "作業前に取得したスナップショットから復元する。", e);
	put(f, "outage", outage ? "1" : "0", e);
}

static void
prod_work(struct form_out *f, struct mado_err *e)
{
	bool outage = rng_chance(&f->s->rng, 50);

	put_system(f, e);
	put_vendor(f, e);
	put_text(f, "description", f->t->req->detail, e);
	put_text(f, "impact", outage ? OUTAGE : NO_OUTAGE, e);
	put(f, "rollback", "適用前のモジュールとデータベースのバックアップに戻す。", e);
	put(f, "outage", outage ? "1" : "0", e);
	put(f, "data_change", strstr(f->t->req->subject, "マスタ") ? "1" : "0", e);
	put(f, "privileged_id", rng_chance(&f->s->rng, 30) ? "1" : "0", e);
}

static void
building_work(struct form_out *f, struct mado_err *e)
{
	const struct gen_person *c = f->g->ncontacts > 0
		? &f->g->contacts[rng_below(&f->s->rng, f->g->ncontacts)] : NULL;

	put_text(f, "location", "{floor}階 {room}", e);
	put(f, "company", c ? v_vendors[c->dept].name : f->t->vars.vendor, e);
	put(f, "contact", c ? c->name : "", e);
	put_text(f, "description", f->t->req->detail, e);
	put(f, "noise", rng_chance(&f->s->rng, 40) ? "1" : "0", e);
	put(f, "power_cut", strstr(f->t->req->subject, "電源") ? "1" : "0", e);
}

static void
user_id(struct form_out *f, struct mado_err *e)
{
	static const char *const types[] = { "new", "change", "delete" };
	static const unsigned type_w[] = { 70, 20, 10 };
	int64_t start = f->t->life.created + rng_range(&f->s->rng, 2, 10) * 86400;

	put_choice(f, "request_type", types, type_w, 3, e);
	put(f, "department", v_depts[f->t->dept].code, e);
	put_system(f, e);
	put_date(f, "start_date", start, e);
	if (strstr(f->t->req->subject, "会計年度任用") != NULL) {
		char end[24];

		/* fixed-term staff: until the end of the fiscal year */
		snprintf(end, sizeof end, "%04d-03-31", fiscal_year_at(start) + 1);
		put(f, "end_date", end, e);
	}
	put_people(f, "users", f->t->persons, true, e);
	put_text(f, "reason", f->t->req->detail, e);
}

static void
dc_entry(struct form_out *f, struct mado_err *e)
{
	static const char *const areas[] = { "server_room", "operation_room", "media_storage" };
	static const unsigned area_w[] = { 60, 30, 10 };

	put_choice(f, "area", areas, area_w, 3, e);
	put_people(f, "visitors", f->t->persons, false, e);
	put_vendor(f, e);
	put_text(f, "description", f->t->req->detail, e);
	if (rng_chance(&f->s->rng, 50))
		put(f, "equipment", "保守用ノートPC 1台（持込・持出）", e);
	put(f, "escort", rng_chance(&f->s->rng, 80) ? "1" : "0", e);
}

static void
fy_renewal(struct form_out *f, struct mado_err *e)
{
	char date[24];

	put_int(f, "fiscal_year", f->t->vars.fy, e);
	put(f, "department", v_depts[v_dept_index("1030")].code, e);
	put_int(f, "count", (long)rng_range(&f->s->rng, 300, 2500), e);
	snprintf(date, sizeof date, "%04d-04-01", f->t->vars.fy);
	put(f, "effective_date", date, e);
	put_text(f, "note", f->t->req->detail, e);
}

int
tk_form(struct gen *g, struct tk_state *s, const struct tk *t, struct mado_err *e)
{
	static const struct {
		const char *kind;
		void (*fill)(struct form_out *f, struct mado_err *e);
	} forms[] = {
		{ "infra_work", infra_work }, { "prod_work", prod_work },
		{ "building_work", building_work }, { "user_id", user_id },
		{ "dc_entry", dc_entry }, { "fy_renewal", fy_renewal },
	};
	struct form_out f = { .g = g, .s = s, .t = t, .st = MADO_OK };

	for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++)
		if (strcmp(forms[i].kind, t->req->kind) == 0)
			forms[i].fill(&f, e);
	return f.st;
}
