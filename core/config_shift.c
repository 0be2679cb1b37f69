#include "config_shift.h"

#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "core/calendar.h"

static void
set_all(struct shifts *sh)
{
	g_strlcpy(sh->all.name, "all", sizeof sh->all.name);
	sh->all.start_min = sh->n > 0 ? sh->s[0].start_min : 8 * 60 + 30;
	sh->all.end_min = sh->all.start_min;
}

void
shifts_default(struct shifts *out)
{
	memset(out, 0, sizeof *out);
	out->s[0] = (struct shift){ "early", 8 * 60 + 30, 17 * 60 + 15 };
	out->s[1] = (struct shift){ "late", 17 * 60 + 15, 8 * 60 + 30 };
	out->n = 2;
	set_all(out);
}

/* "HH:MM" from 00:00 to 23:59. */
static bool
parse_clock(const char *s, int *min)
{
	int h, m, n = 0;

	if (sscanf(s, "%2d:%2d%n", &h, &m, &n) != 2 || n != 5 || s[n] != '\0' || h < 0 ||
	    h > 23 || m < 0 || m > 59 || !g_ascii_isdigit(s[0]) || !g_ascii_isdigit(s[3]))
		return false;
	*min = h * 60 + m;
	return true;
}

static int
clock_key(GKeyFile *kf, const char *file, const char *group, const char *name,
	const char *key, int *out, struct mado_err *e)
{
	char *v = g_key_file_get_string(kf, group, key, NULL);
	int st = MADO_OK;

	if (v == NULL)
		st = mado_err_set(e, MADO_ECONFIG, _("%s: [shift %s] %s: missing (HH:MM)"), file,
			name, key);
	else if (!parse_clock(g_strstrip(v), out))
		st = mado_err_set(e, MADO_ECONFIG,
			_("%s: [shift %s] %s: '%s' is not a time of day (HH:MM, 00:00 to 23:59)"),
			file, name, key, v);
	g_free(v);
	return st;
}

/* One [shift NAME] group into its slot (an existing name is replaced). */
static int
load_group(GKeyFile *kf, const char *file, const char *group, struct shifts *out,
	struct mado_err *e)
{
	const char *name = group + strlen("shift ");
	struct shift s = { 0 };
	int i;

	if (*name == '\0' || strlen(name) >= sizeof s.name || strcmp(name, "all") == 0 ||
	    strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789_-") != strlen(name))
		return mado_err_set(e, MADO_ECONFIG,
			_("%s: [%s]: a shift's name is 1 to %d of a-z 0-9 _ - and not 'all'"), file,
			group, SHIFT_NAME - 1);
	g_strlcpy(s.name, name, sizeof s.name);
	if (clock_key(kf, file, group, name, "start", &s.start_min, e) != MADO_OK ||
	    clock_key(kf, file, group, name, "end", &s.end_min, e) != MADO_OK)
		return MADO_ECONFIG;
	if (s.start_min == s.end_min)
		return mado_err_set(e, MADO_ECONFIG, _("%s: [shift %s] end: the same as start"),
			file, name);
	for (i = 0; i < out->n && strcmp(out->s[i].name, name) != 0; i++)
		;
	if (i == SHIFT_MAX)
		return mado_err_set(e, MADO_ECONFIG, _("%s: [%s]: at most %d shifts"), file, group,
			SHIFT_MAX);
	out->s[i] = s;
	if (i == out->n)
		out->n++;
	return MADO_OK;
}

int
config_shift_load(GKeyFile *kf, const char *file, struct shifts *out, struct mado_err *e)
{
	gchar **groups = g_key_file_get_groups(kf, NULL);
	int st = MADO_OK;

	for (gchar **g = groups; st == MADO_OK && *g != NULL; g++)
		if (strncmp(*g, "shift ", 6) == 0)
			st = load_group(kf, file, *g, out, e);
	g_strfreev(groups);
	set_all(out);
	return st;
}

const struct shift *
shift_find(const struct shifts *sh, const char *name)
{
	if (strcmp(name, "all") == 0)
		return &sh->all;
	for (int i = 0; i < sh->n; i++)
		if (strcmp(sh->s[i].name, name) == 0)
			return &sh->s[i];
	return NULL;
}

int
shift_period(const struct shift *s, const char *opt, const char *day, int64_t *from,
	int64_t *to, struct mado_err *e)
{
	int y, m, d, n = 0;
	struct jst j;

	if (sscanf(day, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n != 10 || day[n] != '\0' ||
	    m < 1 || m > 12 || d < 1 || d > 31)
		return mado_err_set(e, MADO_EUSAGE, _("%s: '%s' is not a date (YYYY-MM-DD)"), opt,
			day);
	*from = jst_to_time(y, m, d, 0, 0, 0);
	jst_from_time(*from, &j);
	if (j.year != y || j.month != m || j.day != d)
		return mado_err_set(e, MADO_EUSAGE, _("%s: '%s' is not a date (YYYY-MM-DD)"), opt,
			day);
	*to = *from + (int64_t)s->end_min * 60 + (s->end_min <= s->start_min ? 86400 : 0);
	*from += (int64_t)s->start_min * 60;
	return MADO_OK;
}

static void
format_day(int64_t t, char *day, size_t day_size)
{
	struct jst j;

	jst_from_time(t, &j);
	g_snprintf(day, day_size, "%04d-%02d-%02d", j.year, j.month, j.day);
}

const struct shift *
shift_at(const struct shifts *sh, int64_t t, char *day, size_t day_size)
{
	struct jst j;
	int min;

	jst_from_time(t, &j);
	min = j.hour * 60 + j.min;
	for (int i = 0; i < sh->n; i++) {
		const struct shift *s = &sh->s[i];

		if (s->start_min < s->end_min && min >= s->start_min && min < s->end_min) {
			format_day(t, day, day_size);
			return s;
		}
		if (s->start_min > s->end_min && (min >= s->start_min || min < s->end_min)) {
			format_day(min >= s->start_min ? t : t - 86400, day, day_size);
			return s;
		}
	}
	shift_business_day(sh, t, day, day_size);
	return &sh->all;
}

void
shift_business_day(const struct shifts *sh, int64_t t, char *day, size_t day_size)
{
	struct jst j;

	jst_from_time(t, &j);
	format_day(j.hour * 60 + j.min < sh->all.start_min ? t - 86400 : t, day, day_size);
}
