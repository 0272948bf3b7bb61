/*
 * db.h - the thin layer between focusd and PostgreSQL.
 *
 * Each process keeps one connection.  SQL lives in `struct db_stmt`
 * values declared next to the C function that runs them (db_*.c); they
 * are prepared on first use and again after every reconnect.  Values
 * always travel as parameters, never inside the SQL text.
 */
#ifndef FM_DB_H
#define FM_DB_H

#include "fm.h"

#include <libpq-fe.h>

struct db_stmt {
	const char *sql;
	unsigned id;  /* statement name is "s<id>", given on first use */
	unsigned gen; /* connection generation it was prepared on */
};

#define DB_STMT(text)        \
	{                    \
		(text), 0, 0 \
	}

/* What PostgreSQL said about the last failed statement. */
struct db_error {
	char sqlstate[6];
	char constraint[64];
	char message[512];
	char detail[512];
};
extern struct db_error db_last_error;

/*
 * Opens the process's connection.  A failure is logged and remembered:
 * the next db_ready() tries again, so a worker starts even while
 * PostgreSQL is down.  Sessions run in the given time zone (times are
 * shown in Europe/Paris) with a statement timeout.
 */
void db_open(const char *conninfo, const char *application_name,
    const char *timezone);
void db_close(void);
PGconn *db_conn(void);

/*
 * Called at the start of each request: reconnects when the connection
 * is bad and rolls back a transaction a previous request left open.
 * FM_ERR_DBDOWN when PostgreSQL cannot be reached.
 */
NEOERR *db_ready(void);

/*
 * Runs a prepared statement with n text parameters (NULL means SQL NULL).
 * On success *res (when res is not NULL) holds the result, to PQclear.
 * A lost connection outside a transaction is re-opened and the
 * statement retried once.  Errors: FM_ERR_CONFLICT (unique or exclusion
 * violation), FM_ERR_INVALID (other constraint, bad value, or an
 * exception raised by a PL/pgSQL rule), FM_ERR_BUSY (deadlock or
 * serialization failure), FM_ERR_DBDOWN; details in db_last_error.
 */
NEOERR *db_query(struct db_stmt *st, PGresult **res, int n,
    const char *const *params);

#define DB_NARGS(...) \
	((int)(sizeof((const char *[]){ __VA_ARGS__ }) / sizeof(const char *)))
#define DBQ(st, res, ...)                            \
	db_query((st), (res), DB_NARGS(__VA_ARGS__), \
	    (const char *const[]){ __VA_ARGS__ })
#define DBQ0(st, res) db_query((st), (res), 0, NULL)

/*
 * The same, for the statements whose answer is whether a row matched (an
 * UPDATE or a DELETE: *found) or the id of the one row it returns (an
 * INSERT ... RETURNING id, a lookup: *id, 0 when no row).
 */
NEOERR *db_exec_found(struct db_stmt *st, bool *found, int n,
    const char *const *params);
NEOERR *db_query_id(struct db_stmt *st, long long *id, int n,
    const char *const *params);
#define DBQ_FOUND(st, found, ...)                           \
	db_exec_found((st), (found), DB_NARGS(__VA_ARGS__), \
	    (const char *const[]){ __VA_ARGS__ })
#define DBQ_ID(st, id, ...)                            \
	db_query_id((st), (id), DB_NARGS(__VA_ARGS__), \
	    (const char *const[]){ __VA_ARGS__ })

/* An UPDATE or DELETE whose $1 is the row's id and $2... the nv values v:
 * *found tells whether the row was there. */
NEOERR *db_by_id(struct db_stmt *st, long long id, const char *const *v, int nv,
    bool *found);

/*
 * Contracts between a form and its statements.  One list names the values,
 * each with its form field's type and limits (form.h):
 *
 *   #define DISBURSEMENT(X) \
 *           X(last_name, FT_TEXT, true, 100, 0, NULL) \
 *           X(amount, FT_MONEY, true, 0, 0, NULL)
 *   DB_VALUES(disbursement, DISBURSEMENT);
 *
 * gives struct disbursement, one const char * per name (d.amount, also
 * d.v[] in the list's order); FORM_FIELDS(DISBURSEMENT) gives the form's
 * fields and FORM_READ fills the struct from them (form.h); DB_NAMED
 * declares a statement whose SQL names the values ":name" (":amount::numeric")
 * after its nfixed positional parameters $1... (the row's or the order's
 * id).  Nothing is bound by its position: every value of the struct is
 * passed, and db_named_check() refuses a statement that names a value the
 * list lacks or leaves one of the list unused (focusd checks every
 * statement at its start; so does t/unit's test_db_named.c).
 */
#define DB_MEMBER_(name, ...) const char *name;
#define DB_COUNT_(name, ...)  +1
#define DB_NAME_(name, ...)   #name,
#define DB_VALUES(tag, LIST)                                \
	struct tag {                                        \
		union {                                     \
			struct {                            \
				LIST(DB_MEMBER_)            \
			};                                  \
			const char *v[0 LIST(DB_COUNT_)];   \
		};                                          \
	};                                                  \
	_Static_assert(sizeof(struct tag) ==                \
	        sizeof(const char *) * (0 LIST(DB_COUNT_)), \
	    #tag ": its values, one after the other")

struct db_named {
	struct db_stmt st;        /* the SQL with $k, prepared as any other */
	const char *text;         /* the SQL as written, with :names */
	const char *const *names; /* the contract's values, in its order */
	int nnames;
	int nfixed;            /* $1..$nfixed come before the values */
	const char *where;     /* the C file, for messages */
	struct db_named *next; /* every statement (db_named_check) */
};

/* At file scope: declares the named statement `var` of contract LIST. */
#define DB_NAMED(var, LIST, nfixed, text)                                   \
	static const char *const var##_names_[] = { LIST(DB_NAME_) };       \
	static struct db_named var = { DB_STMT(NULL), (text), var##_names_, \
		0 LIST(DB_COUNT_), (nfixed), __FILE__, NULL };              \
	__attribute__((constructor)) static void var##_register_(void)      \
	{                                                                   \
		db_named_register(&var);                                    \
	}

void db_named_register(struct db_named *st);

/*
 * Translates st's :names into $k (once); NERR_ASSERT, naming the file
 * and the value, when a name is not the contract's or a value is unused.
 */
NEOERR *db_named_prepare(struct db_named *st);

/* Checks every declared statement (*total of them); the problems, one a
 * line, in *report (to free).  Returns how many statements are wrong. */
int db_named_check(char **report, int *total);

/*
 * Runs st with its fixed parameters and the contract's values (a
 * struct's v), read as db_query, db_exec_found or db_query_id read them.
 */
NEOERR *db_named_query(struct db_named *st, PGresult **res,
    const char *const *fixed, const char *const *values);
NEOERR *db_named_found(struct db_named *st, bool *found,
    const char *const *fixed, const char *const *values);
NEOERR *db_named_id(struct db_named *st, long long *id,
    const char *const *fixed, const char *const *values);

/* Transactions: one per request that writes. */
NEOERR *db_begin(void);
NEOERR *db_commit(void);
void db_rollback(void);
bool db_in_transaction(void);

/* Runs a fixed SQL text without parameters (migrations, BEGIN...). */
NEOERR *db_exec_script(const char *sql);

/* A column of a row by name; NULL for SQL NULL or no such column. */
const char *db_get(PGresult *res, int row, const char *col);

/* Copies every non-NULL column of row into prefix.<column>. */
NEOERR *db_row_to_hdf(HDF *hdf, const char *prefix, PGresult *res, int row);

/* Copies every row into prefix.<n>.<column>, n from 0. */
NEOERR *db_rows_to_hdf(HDF *hdf, const char *prefix, PGresult *res);

/*
 * Copies the named columns of row into prefix.<name>: cols is a space
 * separated list where "src>dst" renames a column.  NULLs are skipped.
 */
NEOERR *db_cols_to_hdf(HDF *hdf, const char *prefix, PGresult *res, int row,
    const char *cols);

/*
 * The same for many rows of one result, without re-reading the column
 * list for each: db_colmap_init once, then db_colmap_copy for each row
 * into a node (from hdf_get_node).  Lists of hundreds of rows stay cheap.
 */
#define DB_COLMAP_MAX 48
struct db_colmap {
	int n;
	int col[DB_COLMAP_MAX];
	const char *name[DB_COLMAP_MAX];
	char names[1024];
};
NEOERR *db_colmap_init(struct db_colmap *m, PGresult *res, const char *cols);
NEOERR *db_colmap_copy(const struct db_colmap *m, HDF *node, PGresult *res,
    int row);

/* The child node `index` (a number) of parent, created when missing. */
NEOERR *db_hdf_item(HDF *parent, int index, HDF **out);

/* The change counter of a topic (db/migrations/0002_change_counters.sql). */
NEOERR *db_change_counter(const char *topic, long long *n);

/* Formats an integer for use as a parameter. */
const char *db_int(char buf[24], long long v);

#endif
