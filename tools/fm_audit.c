/*
 * fm-audit - proves that the document log was not altered.
 *
 *   fm-audit [-c CONFIG] check [--anchor SEQ:HASH]
 *   fm-audit [-c CONFIG] log [--document NUMBER] [--last N]
 *
 * The document log (db/migrations/0014_document_log.sql) records every issue,
 * sending, download and payment of a document; each entry holds the
 * SHA-256 of the previous one.  `check` has PostgreSQL recompute the
 * whole chain (document_log_verify()): every entry's hash from its
 * content, every link, the head, then every issued document against the
 * fingerprint its issue entry recorded and every payment against its
 * entry.  It prints the last entry's number and hash: written down
 * elsewhere (a notebook, a mail), that anchor later proves that even a
 * chain rewritten from scratch is not the one that was: --anchor checks
 * that entry SEQ still has hash HASH.
 *
 * Exit status: 0 intact, 1 altered (or the anchor does not match), 2 usage
 * error, 3 the database cannot be read.
 */
#include "fm.h"
#include "conf.h"
#include "db/db.h"
#include "errors.h"
#include "tool.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* A database error: exit status 3. */
static int
failed(NEOERR *err, const char *what)
{
	tool_fail(err, what);
	return 3;
}

static int
check(const char *anchor)
{
	static struct db_stmt verify = DB_STMT(
	    "SELECT ok::int, entries, last_seq, last_hash, bad_seq, problem"
	    " FROM document_log_verify()");
	static struct db_stmt entry = DB_STMT(
	    "SELECT encode(hash, 'hex') FROM document_log WHERE seq = "
	    "$1::bigint");
	PGresult *res;
	NEOERR *err;
	int rc;

	err = DBQ0(&verify, &res);
	if (err != STATUS_OK)
		return failed(err, "cannot verify the log");
	if (atoi(PQgetvalue(res, 0, 0)) != 1) {
		printf("ALTERED: %s\n", PQgetvalue(res, 0, 5));
		if (!PQgetisnull(res, 0, 4))
			printf("first bad entry: %s\n", PQgetvalue(res, 0, 4));
		PQclear(res);
		return 1;
	}
	printf("ok: %s entries, chain and documents intact\n",
	    PQgetvalue(res, 0, 1));
	printf("last entry: %s %s\n", PQgetvalue(res, 0, 2),
	    PQgetvalue(res, 0, 3));
	PQclear(res);
	if (anchor == NULL)
		return 0;
	{
		char seq[24], hash[80];
		const char *colon = strchr(anchor, ':');

		if (colon == NULL || colon - anchor >= (long)sizeof(seq) ||
		    strlen(colon + 1) >= sizeof(hash)) {
			fprintf(stderr, "fm-audit: --anchor SEQ:HASH\n");
			return 2;
		}
		snprintf(seq, sizeof(seq), "%.*s", (int)(colon - anchor),
		    anchor);
		snprintf(hash, sizeof(hash), "%s", colon + 1);
		err = DBQ(&entry, &res, seq);
		if (err != STATUS_OK)
			return failed(err, "cannot read the entry");
		rc = PQntuples(res) == 1 &&
		        !strcasecmp(PQgetvalue(res, 0, 0), hash)
		    ? 0
		    : 1;
		printf(rc == 0
		        ? "anchor %s: matches\n"
		        : "ALTERED: entry %s does not have the anchored hash\n",
		    seq);
		PQclear(res);
		return rc;
	}
}

static int
show(const char *document, const char *last)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT * FROM (SELECT l.seq, to_char(l.at, 'YYYY-MM-DD "
	    "HH24:MI:SS'),"
	    " l.event, coalesce(l.number, '#' || l.document_id), l.who,"
	    " l.detail::text, encode(l.hash, 'hex')"
	    " FROM document_log l JOIN documents d ON d.id = l.document_id"
	    " WHERE $1::text IS NULL OR d.number = $1 OR d.id::text = $1"
	    " ORDER BY l.seq DESC LIMIT $2::int) x ORDER BY 1");
	PGresult *res;
	NEOERR *err;
	int i;

	err = DBQ(&st, &res, document, last);
	if (err != STATUS_OK)
		return failed(err, "cannot read the log");
	for (i = 0; i < PQntuples(res); i++)
		printf("%s\t%s\t%-8s\t%s\t%s\t%s\t%.16s\n",
		    PQgetvalue(res, i, 0), PQgetvalue(res, i, 1),
		    PQgetvalue(res, i, 2), PQgetvalue(res, i, 3),
		    PQgetvalue(res, i, 4), PQgetvalue(res, i, 5),
		    PQgetvalue(res, i, 6));
	PQclear(res);
	return 0;
}

static void
usage(FILE *f)
{
	fprintf(f,
	    "usage: fm-audit [-c CONFIG] check [--anchor SEQ:HASH]\n"
	    "       fm-audit [-c CONFIG] log [--document NUMBER] [--last N]\n");
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "anchor", required_argument, NULL, 'a' },
		{ "document", required_argument, NULL, 'd' },
		{ "last", required_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 },
	};
	const char *anchor = NULL, *document = NULL, *last = "50", *verb;
	int ch, rc;

	tool_init("fm-audit", usage);
	if ((rc = tool_start(argc, argv)) >= 0)
		return rc;
	verb = argv[optind++];
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'a':
			anchor = optarg;
			break;
		case 'd':
			document = optarg;
			break;
		case 'n':
			last = optarg;
			break;
		default:
			return tool_usage_error();
		}
	}
	if (optind != argc || (strcmp(verb, "check") && strcmp(verb, "log")))
		return tool_usage_error();
	if (strspn(last, "0123456789") != strlen(last) || *last == '\0')
		return tool_usage_error();
	if (tool_config() != 0)
		return 3;
	if (tool_connect() != 0) {
		tool_end();
		return 3;
	}
	rc = !strcmp(verb, "check") ? check(anchor) : show(document, last);
	tool_end();
	return rc;
}
