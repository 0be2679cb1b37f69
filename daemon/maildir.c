#include "maildir.h"

#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/i18n.h"

/* The name a taken message gets in cur/: its unique part, ":2," and its
 * flags with S added (kept sorted, as Maildir wants). */
static char *
seen_name(const char *name)
{
	const char *info = strstr(name, ":2,");
	GString *out = g_string_new(NULL);
	char flags[64] = "";
	size_t n = 0;

	g_string_append_len(out, name, info ? info - name : (gssize)strlen(name));
	if (info != NULL)
		g_strlcpy(flags, info + 3, sizeof flags);
	n = strlen(flags);
	if (strchr(flags, 'S') == NULL && n + 1 < sizeof flags) {
		size_t i = 0;

		while (i < n && flags[i] < 'S')
			i++;
		memmove(flags + i + 1, flags + i, n - i + 1);
		flags[i] = 'S';
	}
	g_string_append_printf(out, ":2,%s", flags);
	return g_string_free(out, FALSE);
}

static bool
is_seen(const char *name)
{
	const char *info = strstr(name, ":2,");

	return info != NULL && strchr(info + 3, 'S') != NULL;
}

/* A committed message: moved to cur/ flagged S, or deleted. */
static int
acknowledge(const struct mail_source *s, const char *path, const char *base,
	struct mado_err *e)
{
	int rc;

	if (s->delete_after)
		rc = unlink(path);
	else {
		char *seen = seen_name(base);
		char *to = g_build_filename(s->path, "cur", seen, NULL);

		rc = rename(path, to);
		g_free(seen);
		g_free(to);
	}
	if (rc != 0 && errno != ENOENT)
		return mado_err_set(e, MADO_EIO, _("source %s: cannot move %s: %s"), s->name, path,
			strerror(errno));
	return MADO_OK;
}

/* The message file at path, read whole through a descriptor opened
 * without following a symbolic link: a Maildir holds regular files only,
 * and a link planted in it must not make madod read (and keep with a
 * ticket) a file the link's author could not read. False when it is gone
 * or not a regular file. */
static bool
read_message(const char *path, char **raw, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
	GMappedFile *map = NULL;
	struct stat sb;

	if (fd >= 0 && fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode))
		map = g_mapped_file_new_from_fd(fd, FALSE, NULL);
	if (fd >= 0)
		close(fd);
	if (map == NULL)
		return false;
	*len = g_mapped_file_get_length(map);
	*raw = g_malloc(*len + 1);
	if (*len > 0)
		memcpy(*raw, g_mapped_file_get_contents(map), *len);
	(*raw)[*len] = '\0';
	g_mapped_file_unref(map);
	return true;
}

static gint
name_order(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Takes the messages of DIR/sub (new or cur), oldest first: a Maildir
 * name begins with its delivery time in seconds, so name order is
 * arrival order and a reply is not taken before the inquiry it answers. */
static int
take_dir(const struct mail_source *s, const char *sub, const struct source_sink *sink,
	struct source_counts *n, struct mado_err *e)
{
	char *dir = g_build_filename(s->path, sub, NULL);
	GError *gerr = NULL;
	GDir *d = g_dir_open(dir, 0, &gerr);
	GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
	const char *name;
	int st = MADO_OK;

	if (d == NULL) {
		st = mado_err_set(e, MADO_ETEMP, _("source %s: %s"), s->name, gerr->message);
		g_error_free(gerr);
		g_free(dir);
		g_ptr_array_free(names, TRUE);
		return st;
	}
	while ((name = g_dir_read_name(d)) != NULL)
		if (name[0] != '.' && !is_seen(name))
			g_ptr_array_add(names, g_strdup(name));
	g_dir_close(d);
	g_ptr_array_sort(names, name_order);
	for (guint i = 0; st == MADO_OK && i < names->len && !source_stopping(sink);) {
		struct source_msg msgs[SOURCE_BATCH];
		size_t bytes = 0;
		int k = 0;

		memset(msgs, 0, sizeof msgs);
		for (; i < names->len && k < SOURCE_BATCH && bytes < SOURCE_BATCH_BYTES; i++) {
			char *path = g_build_filename(dir, g_ptr_array_index(names, i), NULL);
			size_t len = 0;

			if (!read_message(path, &msgs[k].raw, &len)) {
				g_free(path);   /* gone meanwhile, or no message file */
				continue;
			}
			msgs[k].len = len;
			bytes += len;
			msgs[k].what = path;
			msgs[k++].ref = i;
		}
		st = source_take(s, sink, msgs, k, n, e);
		for (int j = 0; j < k; j++)
			if (msgs[j].status == MADO_OK &&
			    acknowledge(s, msgs[j].what, g_ptr_array_index(names, msgs[j].ref), e)
			    != MADO_OK) {
				st = e->status;
				break;
			}
		source_msgs_clear(msgs, k);
	}
	g_ptr_array_free(names, TRUE);
	g_free(dir);
	return st;
}

int
maildir_take_all(const struct mail_source *s, const struct source_sink *sink,
	struct source_counts *n, struct mado_err *e)
{
	int st = take_dir(s, "new", sink, n, e);

	return st == MADO_OK ? take_dir(s, "cur", sink, n, e) : st;
}
