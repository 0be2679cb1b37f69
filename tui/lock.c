/* The idle lock: after [client] idle_lock_seconds without a key the
 * screen is cleared and only the user's own login password, checked
 * through PAM as a screen locker does, brings it back. Wrong passwords
 * are counted and, past [client] unlock_attempts, answered with a growing
 * pause; every lock, unlock and failure is a security event in the audit
 * trail. */
#include <glib.h>
#include <security/pam_appl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/i18n.h"
#include "tui/views.h"

#define PASSWORD_MAX 512
#define PAUSE_SECONDS 30

struct lock_view {
	char password[PASSWORD_MAX];
	size_t len;
	int failures;
	time_t wait_until;
	char note[256];
};

/* PAM asks; we answer the hidden prompt with the password typed. */
static int
conversation(int n, const struct pam_message **msg, struct pam_response **resp, void *data)
{
	struct pam_response *r = calloc((size_t)n, sizeof *r);

	if (r == NULL)
		return PAM_BUF_ERR;
	for (int i = 0; i < n; i++)
		if (msg[i]->msg_style == PAM_PROMPT_ECHO_OFF && (r[i].resp = strdup(data)) == NULL) {
			for (int j = 0; j < i; j++)
				free(r[j].resp);
			free(r);
			return PAM_BUF_ERR;
		}
	*resp = r;
	return PAM_SUCCESS;
}

static bool
authenticate(const struct tui *t, const char *password)
{
	struct pam_conv conv = { conversation, (void *)password };
	pam_handle_t *h = NULL;
	int rc;

	if (t->cfg->pam_confdir != NULL)
		rc = pam_start_confdir(t->cfg->pam_service, t->actor.login, &conv,
			t->cfg->pam_confdir, &h);
	else
		rc = pam_start(t->cfg->pam_service, t->actor.login, &conv, &h);
	if (rc == PAM_SUCCESS)
		rc = pam_authenticate(h, PAM_DISALLOW_NULL_AUTHTOK);
	if (h != NULL)
		pam_end(h, rc);
	return rc == PAM_SUCCESS;
}

/* A security event; if it cannot be written the lock says so. */
static void
record(struct tui *t, struct lock_view *l, const char *event)
{
	struct mado_err e = { 0 };

	if (session_event(t->db, &t->actor, event, &e) != MADO_OK)
		g_strlcpy(l->note, e.msg, sizeof l->note);
}

static void
try_unlock(struct view *v)
{
	struct lock_view *l = v->data;
	struct tui *t = v->tui;
	time_t now = time(NULL);
	bool good;

	if (now < l->wait_until) {
		g_snprintf(l->note, sizeof l->note, _("too many wrong passwords; wait %ld seconds"),
			(long)(l->wait_until - now));
		explicit_bzero(l->password, sizeof l->password);
		l->len = 0;
		return;
	}
	good = authenticate(t, l->password);
	explicit_bzero(l->password, sizeof l->password);
	l->len = 0;
	if (good) {
		record(t, l, "unlock");
		tui_pop(t);
		tui_message(t, _("unlocked"));
		return;
	}
	l->failures++;
	record(t, l, "unlock_failed");
	if (l->failures % t->cfg->unlock_attempts == 0)
		l->wait_until = now + PAUSE_SECONDS * (l->failures / t->cfg->unlock_attempts);
	g_snprintf(l->note, sizeof l->note, _("wrong password (%d)"), l->failures);
}

/* Every key goes to the lock: nothing else may act while it is up. */
static bool
key(struct view *v, uint32_t k)
{
	struct lock_view *l = v->data;
	struct tui *t = v->tui;
	char utf8[8];
	int n;

	t->dirty |= DIRTY_ALL;
	if (k == MK_ENTER) {
		try_unlock(v); /* may close this view: touch nothing of it after */
		return true;
	}
	if (k == MK_BACKSPACE) {
		while (l->len > 0 && ((unsigned char)l->password[l->len - 1] & 0xC0) == 0x80)
			l->len--;
		if (l->len > 0)
			l->len--;
		l->password[l->len] = '\0';
	} else if (k == 21) { /* C-u clears, as at a login prompt */
		explicit_bzero(l->password, sizeof l->password);
		l->len = 0;
	} else if (k < KEY_NAMED_BASE && k >= 0x20 && k != 0x7f) {
		n = g_unichar_to_utf8(k, utf8);
		if (l->len + (size_t)n < sizeof l->password) {
			memcpy(l->password + l->len, utf8, (size_t)n);
			l->len += (size_t)n;
			l->password[l->len] = '\0';
		}
	}
	return true;
}

static const char *
title(struct view *v)
{
	return _("Locked");
}

static void
draw(struct view *v, int rows, int cols)
{
	struct lock_view *l = v->data;
	struct tui *t = v->tui;
	char line[256];
	int y = rows / 2 - 2;

	erase();
	draw_text(&t->paint, y, 2, _("窓口 Madoguchi is locked."), cols - 4, STYLE_EMPHASIS);
	g_snprintf(line, sizeof line, _("%s: type your login password and press Enter."),
		t->actor.login);
	draw_text(&t->paint, y + 2, 2, line, cols - 4, STYLE_NORMAL);
	/* The length of what was typed is not shown either. */
	draw_text(&t->paint, y + 3, 2, _("Password:"), cols - 4, STYLE_NORMAL);
	draw_text(&t->paint, y + 5, 2, l->note, cols - 4, STYLE_ERROR);
}

static void
destroy(struct view *v)
{
	struct lock_view *l = v->data;

	explicit_bzero(l, sizeof *l);
	g_free(l);
	g_free(v);
}

static const struct view_ops lock_ops = {
	.context = "lock", .title = title, .draw = draw, .key = key,
	.destroy = destroy, .covers_screen = true,
};

struct view *
view_lock_new(struct tui *t)
{
	struct lock_view *l = g_new0(struct lock_view, 1);

	record(t, l, "lock");
	return view_new(t, &lock_ops, l);
}
