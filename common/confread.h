/*
 * confread.h - reading the programs' configuration files (HDF syntax:
 * focusd.conf, fm-box.conf) and their typed keys, with the messages an
 * operator reads when a key is wrong.  focusd's conf.c and the box's
 * boxconf.c and upconf.c check their own keys with these.
 */
#ifndef FM_CONFREAD_H
#define FM_CONFREAD_H

#include "fm.h"

/*
 * Reads the file at path into a new HDF tree in *out; on error nothing is
 * allocated and the error names the file.
 */
NEOERR *conf_read(const char *path, HDF **out);

/* The key's value, or def when it is missing or empty. */
const char *conf_str(HDF *h, const char *key, const char *def);

/* A whole number from min to max; def when the key is missing or empty.
 * conf_mode reads it in octal, as file modes are written. */
NEOERR *conf_int(HDF *h, const char *key, int def, int min, int max, int *out);
NEOERR *conf_mode(HDF *h, const char *key, int def, int *out);
NEOERR *conf_num(HDF *h, const char *key, long long def, long long min,
    long long max, long long *out);

/* path, the value of key, must be an existing directory. */
NEOERR *conf_need_dir(const char *key, const char *path);

/* The same, made (with its parents) when missing; path must be absolute. */
NEOERR *conf_make_dir(const char *key, const char *path);

#endif
