/*
 * db_named.c - statements whose SQL names the values of a contract
 * (":name"), bound from the contract's struct (db.h, "Contracts").
 */
#include "db/db.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_PARAMS 64

static struct db_named *all;

void
db_named_register(struct db_named *st)
{
	st->next = all;
	all = st;
}

static bool
name_char(char c)
{
	return c == '_' || isalnum((unsigned char)c);
}

/*
 * Writes st's SQL with each ":name" (not "::type", nor inside a '...'
 * literal) replaced by $k; *bad names the first problem.
 */
static char *
translate(const struct db_named *st, char *bad, size_t badlen)
{
	size_t len = strlen(st->text), o = 0, i;
	bool used[MAX_PARAMS] = { false }, quoted = false;
	char *out = malloc(len * 2 + 16);
	int k;

	*bad = '\0';
	if (out == NULL) {
		snprintf(bad, badlen, "out of memory");
		return NULL;
	}
	if (st->nnames + st->nfixed > MAX_PARAMS) {
		snprintf(bad, badlen, "more than %d parameters", MAX_PARAMS);
		free(out);
		return NULL;
	}
	for (i = 0; i < len; i++) {
		const char *p = st->text + i;
		size_t n;

		if (*p == '\'')
			quoted = !quoted;
		if (quoted || *p != ':' || (i > 0 && p[-1] == ':') ||
		    !(islower((unsigned char)p[1]) || p[1] == '_')) {
			out[o++] = *p;
			continue;
		}
		for (n = 1; name_char(p[n]); n++)
			;
		for (k = 0; k < st->nnames; k++)
			if (strlen(st->names[k]) == n - 1 &&
			    !strncmp(st->names[k], p + 1, n - 1))
				break;
		if (k == st->nnames) {
			snprintf(bad, badlen,
			    "%s: :%.*s is not a value of its "
			    "contract",
			    st->where, (int)(n - 1), p + 1);
			free(out);
			return NULL;
		}
		used[k] = true;
		o += (size_t)sprintf(out + o, "$%d", st->nfixed + k + 1);
		i += n - 1;
	}
	out[o] = '\0';
	for (k = 0; k < st->nnames; k++)
		if (!used[k]) {
			snprintf(bad, badlen,
			    "%s: the value %s of its contract is not bound "
			    "(no :%s in the SQL)",
			    st->where, st->names[k], st->names[k]);
			free(out);
			return NULL;
		}
	return out;
}

NEOERR *
db_named_prepare(struct db_named *st)
{
	char bad[300];
	char *sql;

	if (st->st.sql != NULL)
		return STATUS_OK;
	sql = translate(st, bad, sizeof(bad));
	if (sql == NULL)
		return nerr_raise(NERR_ASSERT, "%s", bad);
	st->st.sql = sql; /* kept for the process's life */
	return STATUS_OK;
}

int
db_named_check(char **report, int *total)
{
	struct db_named *st;
	STRING s;
	int bad = 0;

	string_init(&s);
	*total = 0;
	for (st = all; st != NULL; st = st->next) {
		(*total)++;
		char why[300];
		char *sql = translate(st, why, sizeof(why));

		if (sql == NULL) {
			bad++;
			string_appendf(&s, "%s\n", why);
		}
		free(sql);
	}
	*report = s.buf ? s.buf : strdup("");
	return bad;
}

enum answer { ROWS, FOUND, ID };

/* Runs st with the fixed parameters, then the contract's values; the
 * answer read as db_query, db_exec_found or db_query_id read it. */
static NEOERR *
run(struct db_named *st, const char *const *fixed, const char *const *values,
    enum answer how, void *out)
{
	const char *p[MAX_PARAMS];
	NEOERR *err = db_named_prepare(st);
	int i, n = st->nfixed + st->nnames;

	if (err != STATUS_OK)
		return nerr_pass(err);
	for (i = 0; i < st->nfixed; i++)
		p[i] = fixed[i];
	for (i = 0; i < st->nnames; i++)
		p[st->nfixed + i] = values[i];
	if (how == FOUND)
		return db_exec_found(&st->st, out, n, p);
	if (how == ID)
		return db_query_id(&st->st, out, n, p);
	return db_query(&st->st, out, n, p);
}

NEOERR *
db_named_query(struct db_named *st, PGresult **res, const char *const *fixed,
    const char *const *values)
{
	return run(st, fixed, values, ROWS, res);
}

NEOERR *
db_named_found(struct db_named *st, bool *found, const char *const *fixed,
    const char *const *values)
{
	return run(st, fixed, values, FOUND, found);
}

NEOERR *
db_named_id(struct db_named *st, long long *id, const char *const *fixed,
    const char *const *values)
{
	return run(st, fixed, values, ID, id);
}
