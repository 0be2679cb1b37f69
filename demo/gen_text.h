/* Composing text: a bounded string builder, {variable} templates, names
 * of fictional people, and ticket bodies. */
#ifndef MADO_DEMO_GEN_TEXT_H
#define MADO_DEMO_GEN_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "demo/rng.h"

/* A string in a caller's buffer. A piece that does not fit is dropped
 * whole, so the text stays valid UTF-8. */
struct sbuf {
	char *p;
	size_t cap, len;
};
void sb_init(struct sbuf *b, char *buf, size_t cap);
void sb_put(struct sbuf *b, const char *s);
void sb_printf(struct sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The values a template's {name} variables take. */
struct text_vars {
	const char *system, *host, *dept, *vendor, *person, *room, *svc;
	int floor, pct, n, fy;
	char code[8], uid[12];
};
/* Draws the small random values (floor, pct, n, code, uid, room, svc);
 * the caller sets system, host, dept, vendor, person and fy. */
void text_vars_draw(struct text_vars *v, struct rng *r);
/* Appends tmpl with each {name} replaced; an unknown name stays as is. */
void text_expand(struct sbuf *b, const char *tmpl, const struct text_vars *v);
/* Expands into a buffer of its own: out must hold outsz bytes. */
void text_expand_to(char *out, size_t outsz, const char *tmpl, const struct text_vars *v);

/* A fictional person: indexes into v_surnames and v_given. */
struct person_name {
	size_t sur, given;
};
void person_draw(struct person_name *p, struct rng *r);
void person_name(const struct person_name *p, char *out, size_t outsz);      /* 佐藤 誠 */
void person_kana(const struct person_name *p, char *out, size_t outsz);      /* サトウ マコト */
void person_login(const struct person_name *p, char *out, size_t outsz);     /* m.sato */

/* "YYYY-MM-DD HH:MM" in JST. */
void text_time(int64_t t, char *out, size_t outsz);

/* The body of an inquiry or incident from its template's detail text:
 * a monitoring mail, an English mail or a Japanese message. */
enum body_style { BODY_JA, BODY_EN, BODY_ALERT };
void text_ticket_body(struct sbuf *b, struct rng *r, enum body_style style,
	const char *detail, const struct text_vars *v, int64_t at);

/* The first sentence of a Japanese text (up to and including "。"). */
void text_first_sentence(const char *s, char *out, size_t outsz);

#endif
