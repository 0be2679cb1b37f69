#include "action.h"

#include <string.h>

#include "base/i18n.h"

static const struct tui_action_info actions[ACT_COUNT] = {
	[ACT_NONE] = { "", 0, "" },
#define X(id, nm, fl, sm) [ACT_##id] = { nm, fl, sm },
	TUI_ACTIONS(X)
#undef X
};

const struct tui_action_info *
tui_action_info(enum tui_action a)
{
	return a > ACT_NONE && a < ACT_COUNT ? &actions[a] : NULL;
}

enum tui_action
tui_action_by_name(const char *name)
{
	for (int a = ACT_NONE + 1; a < ACT_COUNT; a++)
		if (name != NULL && strcmp(actions[a].name, name) == 0)
			return (enum tui_action)a;
	return ACT_NONE;
}
