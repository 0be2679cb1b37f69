/* Which writing rules (core/writing_rules.h) apply to the call logs:
 *   [calllog]
 *   writing_rules = /etc/madoguchi/writing-rules.conf
 * in the system configuration names the site's own file (an absolute
 * path; an empty value turns the rules off); without it the shipped
 * <sharedir>/writing-rules.conf applies. */
#ifndef MADO_CONFIG_RULES_H
#define MADO_CONFIG_RULES_H

#include <glib.h>

#include "base/err.h"
#include "core/config.h"
#include "core/writing_rules.h"

/* config_load()'s part: reads [calllog] writing_rules from kf (the file
 * named file) into cfg->writing_rules. */
int config_rules_read(GKeyFile *kf, const char *file, struct config *cfg, struct mado_err *e);

/* Loads the rules that apply; *out is NULL when the site turned them off,
 * else free it with writing_rules_free(). */
int config_writing_rules(const struct config *cfg, struct writing_rules **out,
	struct mado_err *e);

#endif
