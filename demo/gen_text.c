#include "gen_text.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/calendar.h"
#include "demo/vocab.h"

void
sb_init(struct sbuf *b, char *buf, size_t cap)
{
	b->p = buf;
	b->cap = cap;
	b->len = 0;
	buf[0] = '\0';
}

static void
sb_putn(struct sbuf *b, const char *s, size_t n)
{
	if (b->len + n >= b->cap)
		return;
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

void
sb_put(struct sbuf *b, const char *s)
{
	sb_putn(b, s, strlen(s));
}

void
sb_printf(struct sbuf *b, const char *fmt, ...)
{
	char tmp[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	if (n > 0 && (size_t)n < sizeof tmp)
		sb_putn(b, tmp, (size_t)n);
}

void
text_vars_draw(struct text_vars *v, struct rng *r)
{
	v->floor = (int)rng_range(r, 1, 9);
	v->pct = (int)rng_range(r, 86, 99);
	v->n = (int)rng_range(r, 2, 12);
	snprintf(v->code, sizeof v->code, "E%04d", (int)rng_range(r, 1000, 9999));
	snprintf(v->uid, sizeof v->uid, "k%06d", (int)rng_range(r, 100000, 999999));
	v->room = v_rooms[rng_below(r, v_nrooms)];
	v->svc = v_services[rng_below(r, v_nservices)];
}

static bool
is(const char *name, size_t len, const char *want)
{
	return strlen(want) == len && memcmp(name, want, len) == 0;
}

/* The value of one variable as text (numbers are written into tmp), or
 * NULL when name is not a variable. */
static const char *
var_value(const char *name, size_t len, const struct text_vars *v, char *tmp, size_t tmpsz)
{
	const char *s = NULL;
	int x = 0;
	bool num = false;

	if (is(name, len, "system")) s = v->system;
	else if (is(name, len, "host")) s = v->host;
	else if (is(name, len, "dept")) s = v->dept;
	else if (is(name, len, "vendor")) s = v->vendor;
	else if (is(name, len, "person")) s = v->person;
	else if (is(name, len, "room")) s = v->room;
	else if (is(name, len, "svc")) s = v->svc;
	else if (is(name, len, "code")) s = v->code;
	else if (is(name, len, "uid")) s = v->uid;
	else if (is(name, len, "floor")) { x = v->floor; num = true; }
	else if (is(name, len, "pct")) { x = v->pct; num = true; }
	else if (is(name, len, "n")) { x = v->n; num = true; }
	else if (is(name, len, "fy")) { x = v->fy; num = true; }
	else
		return NULL;
	if (num) {
		snprintf(tmp, tmpsz, "%d", x);
		return tmp;
	}
	return s != NULL ? s : "";
}

void
text_expand(struct sbuf *b, const char *tmpl, const struct text_vars *v)
{
	const char *p = tmpl;

	while (*p != '\0') {
		const char *open = strchr(p, '{'), *close;
		const char *val;
		char tmp[24];

		if (open == NULL) {
			sb_put(b, p);
			return;
		}
		sb_putn(b, p, (size_t)(open - p));
		close = strchr(open, '}');
		val = close == NULL ? NULL
			: var_value(open + 1, (size_t)(close - open - 1), v, tmp, sizeof tmp);
		if (val == NULL) { /* not a variable: keep the brace */
			sb_putn(b, open, 1);
			p = open + 1;
			continue;
		}
		sb_put(b, val);
		p = close + 1;
	}
}

void
text_expand_to(char *out, size_t outsz, const char *tmpl, const struct text_vars *v)
{
	struct sbuf b;

	sb_init(&b, out, outsz);
	text_expand(&b, tmpl, v);
}

void
person_draw(struct person_name *p, struct rng *r)
{
	p->sur = rng_below(r, v_nsurnames);
	p->given = rng_below(r, v_ngiven);
}

void
person_name(const struct person_name *p, char *out, size_t outsz)
{
	snprintf(out, outsz, "%s %s", v_surnames[p->sur].kanji, v_given[p->given].kanji);
}

void
person_kana(const struct person_name *p, char *out, size_t outsz)
{
	snprintf(out, outsz, "%s %s", v_surnames[p->sur].kana, v_given[p->given].kana);
}

void
person_login(const struct person_name *p, char *out, size_t outsz)
{
	snprintf(out, outsz, "%c.%s", v_given[p->given].romaji[0], v_surnames[p->sur].romaji);
}

void
text_time(int64_t t, char *out, size_t outsz)
{
	struct jst j;

	jst_from_time(t, &j);
	snprintf(out, outsz, "%04d-%02d-%02d %02d:%02d", j.year, j.month, j.day, j.hour, j.min);
}

static void
body_alert(struct sbuf *b, const char *detail, const struct text_vars *v, int64_t at)
{
	char when[32];

	text_time(at, when, sizeof when);
	sb_put(b, "統合運用監視システムからの自動通知です。\n\n");
	if (v->host != NULL) {
		sb_put(b, "ホスト: ");
		sb_put(b, v->host);
		sb_put(b, "\n");
	}
	text_expand(b, detail, v);
	sb_put(b, "\n検知時刻: ");
	sb_put(b, when);
	sb_put(b, "\n\nこのメールは送信専用です。");
}

static void
body_en(struct sbuf *b, const char *detail, const struct text_vars *v)
{
	sb_put(b, "Hello,\n\n");
	text_expand(b, detail, v);
	sb_put(b, "\n\nBest regards,\n");
	sb_put(b, v->person != NULL ? v->person : "");
}

static void
body_ja(struct sbuf *b, struct rng *r, const char *detail, const struct text_vars *v)
{
	text_expand(b, v_openings[rng_below(r, v_nopenings)], v);
	sb_put(b, "\n\n");
	text_expand(b, detail, v);
	if (rng_chance(r, 70)) {
		sb_put(b, "\n");
		text_expand(b, v_since[rng_below(r, v_nsince)], v);
	}
	sb_put(b, "\n\n");
	sb_put(b, v_closings[rng_below(r, v_nclosings)]);
}

void
text_ticket_body(struct sbuf *b, struct rng *r, enum body_style style, const char *detail,
	const struct text_vars *v, int64_t at)
{
	switch (style) {
	case BODY_ALERT:
		body_alert(b, detail, v, at);
		break;
	case BODY_EN:
		body_en(b, detail, v);
		break;
	case BODY_JA:
		body_ja(b, r, detail, v);
		break;
	}
}

void
text_first_sentence(const char *s, char *out, size_t outsz)
{
	const char *end = strstr(s, "。");
	size_t n = end ? (size_t)(end - s) + strlen("。") : strlen(s);

	if (n >= outsz) /* no room for the whole sentence: give nothing, not half */
		n = 0;
	memcpy(out, s, n);
	out[n] = '\0';
}
