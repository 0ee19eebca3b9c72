// Umbrella header for Debian's cmark-gfm and its GFM extensions.
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
