#include "tests/tap.h"
int main(void);
int main(void) { tap_skip("module not yet written"); return tap_done(); }
