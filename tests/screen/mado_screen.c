/* mado's screen layout read through vt.h. See mado_screen.h. */
#include "tests/screen/mado_screen.h"

#include <stdlib.h>
#include <string.h>

#include "tests/screen/mado_run.h"

int
ms_status_row(const struct vt *vt)
{
	int rows, cols;

	vt_size(vt, &rows, &cols);
	return rows - 2;
}

int
ms_message_row(const struct vt *vt)
{
	return ms_status_row(vt) + 1;
}

int
ms_last_row(const struct vt *vt)
{
	return ms_status_row(vt) - 1;
}

bool
ms_row_has(const struct vt *vt, int row, const char *text)
{
	char *s = vt_row(vt, row);
	bool has = s != NULL && strstr(s, text) != NULL;

	free(s);
	return has;
}

bool
ms_row_reverse(const struct vt *vt, int row)
{
	int rows, cols;

	vt_size(vt, &rows, &cols);
	for (int c = 0; c < cols; c++)
		if (!vt_attr_reverse(vt, row, c))
			return false;
	return true;
}

int
ms_selected_row(const struct vt *vt)
{
	/* Lists mark the selected row by its first cells in reverse video
	 * (forms and pickers the whole row): the first cell tells. */
	for (int row = MS_FIRST_ROW; row <= ms_last_row(vt); row++)
		if (vt_attr_reverse(vt, row, 0))
			return row;
	return -1;
}

char *
ms_first_word(const struct vt *vt, int row)
{
	char *s = vt_row(vt, row);

	if (s == NULL)
		return calloc(1, 1);
	s[strcspn(s, " ")] = '\0';
	return s;
}

static bool
selected_is(struct vt *vt, void *row)
{
	return ms_selected_row(vt) == *(int *)row;
}

bool
ms_wait_selected(struct vt *vt, int row, int timeout_ms)
{
	return mr_wait(vt, selected_is, &row, timeout_ms);
}

struct row_text {
	int row;
	const char *text;
};

static bool
row_shows(struct vt *vt, void *p)
{
	struct row_text *rt = p;

	return ms_row_has(vt, rt->row, rt->text);
}

bool
ms_wait_row(struct vt *vt, int row, const char *text, int timeout_ms)
{
	struct row_text rt = { row, text };

	return mr_wait(vt, row_shows, &rt, timeout_ms);
}

struct pair {
	const char *a, *b;
};

static bool
row_with(struct vt *vt, void *p)
{
	struct pair *k = p;
	int row = vt_find_row(vt, k->a);

	return row >= 0 && ms_row_has(vt, row, k->b);
}

bool
ms_wait_row_with(struct vt *vt, const char *key, const char *text, int timeout_ms)
{
	struct pair k = { key, text };

	return mr_wait(vt, row_with, &k, timeout_ms);
}

static bool
swapped(struct vt *vt, void *p)
{
	struct pair *k = p;

	return vt_find_row(vt, k->a) >= 0 && vt_find_row(vt, k->b) < 0;
}

bool
ms_wait_swap(struct vt *vt, const char *shown, const char *gone, int timeout_ms)
{
	struct pair k = { shown, gone };

	return mr_wait(vt, swapped, &k, timeout_ms);
}

static bool
status_shows(struct vt *vt, void *text)
{
	return ms_row_has(vt, ms_status_row(vt), text);
}

bool
ms_wait_status(struct vt *vt, const char *text, int timeout_ms)
{
	return mr_wait(vt, status_shows, (void *)text, timeout_ms);
}

static bool
message_shows(struct vt *vt, void *text)
{
	return ms_row_has(vt, ms_message_row(vt), text);
}

bool
ms_wait_message(struct vt *vt, const char *text, int timeout_ms)
{
	return mr_wait(vt, message_shows, (void *)text, timeout_ms);
}

void
ms_select_nth(struct vt *vt, int n)
{
	vt_key(vt, "Home");
	for (int i = 0; i < n; i++)
		vt_key(vt, "Down");
}

char *
ms_prefix(const char *s, int n)
{
	size_t len = 0;
	char *p;

	/* Count characters by their lead bytes: continuation bytes are
	 * 10xxxxxx. */
	while (s[len] != '\0') {
		if (((unsigned char)s[len] & 0xC0) != 0x80 && n-- == 0)
			break;
		len++;
	}
	p = malloc(len + 1);
	if (p == NULL)
		abort();
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}
