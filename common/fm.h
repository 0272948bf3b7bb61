/*
 * fm.h - the one header every FocusManager C file includes first.
 *
 * ClearSilver's cs_config.h defines PACKAGE_NAME and friends as empty
 * strings; including it before autoconf's config.h and undefining them in
 * between keeps our own values.
 */
#ifndef FM_H
#define FM_H

#include <ClearSilver.h>
#undef PACKAGE
#undef PACKAGE_NAME
#undef PACKAGE_VERSION
#undef PACKAGE_STRING
#undef PACKAGE_TARNAME
#undef PACKAGE_BUGREPORT
#undef PACKAGE_URL
#undef VERSION
#include <config.h>

#include <stdbool.h>
#include <stddef.h>

#define FM_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

#endif
