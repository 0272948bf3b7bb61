/*
 * tmpl.h - ClearSilver templates, parsed once per worker and rendered
 * against each request's HDF; interface strings per language.
 */
#ifndef FM_TMPL_H
#define FM_TMPL_H

#include "fm.h"

enum lang { LANG_FR, LANG_EN, LANG_COUNT };

/* Loads templates/lang/{fr,en}.hdf; templates are parsed on first use. */
NEOERR *tmpl_init(const char *dir);

/* Forgets every parsed template and language file. */
void tmpl_shutdown(void);

/*
 * Renders the template `name` (relative to the templates folder) with
 * hdf as data and the language's strings (L.*) as fallback, appending
 * to out.  Values from var: are HTML-escaped.
 */
NEOERR *tmpl_render(HDF *hdf, enum lang lang, const char *name, STRING *out);

/* The interface string L.<key> in lang, or key itself when missing. */
const char *tmpl_str(enum lang lang, const char *key);

/* Parses every .cs file below dir and both language files (--check-config). */
NEOERR *tmpl_check_all(const char *dir);

/* "fr" / "en", and back (unknown codes give LANG_FR). */
const char *lang_code(enum lang lang);
enum lang lang_from_code(const char *code);

#endif
