/*
 * fm-admin - staff accounts from the command line.
 *
 *   fm-admin [-c CONFIG] user add LOGIN [--name NAME] [--role ROLE]
 *   fm-admin [-c CONFIG] user passwd LOGIN
 *   fm-admin [-c CONFIG] user disable|enable LOGIN
 *   fm-admin [-c CONFIG] user list
 *   fm-admin [-c CONFIG] config get KEY
 *   fm-admin [-c CONFIG] account passwd LOGIN
 *   fm-admin [-c CONFIG] account valid LOGIN FROM TO
 *   fm-admin [-c CONFIG] account list [ORDER]
 *   fm-admin [-c CONFIG] countries
 *
 * Passwords are read from standard input (first line; without echo on a
 * terminal) so that they never appear in the process list or a shell
 * history.  Changing a password or disabling a user ends its sessions.
 * `config get` prints one value of the (validated) configuration file,
 * so that operator scripts read focusd.conf with focusd's own parser.
 * `account` works on an order's accounts (U42, C42, L42: DESIGN.md
 * section 5): a new password (from standard input; the account's
 * sessions end), the validity period (dates YYYY-MM-DD, TO included),
 * the list.  Staff normally do this on /orders/{id}/access.
 * `countries` lists the companies whose country, typed as text before
 * countries became ISO codes, no rule could map (issuing a document to
 * them is refused until staff choose it on the company's page); exit 1
 * when there is one.
 */
#include "fm.h"
#include "conf.h"
#include "db/db.h"
#include "errors.h"
#include "password.h"
#include "tool.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#define MIN_PASSWORD 8

/* Reads the password; NULL (with a message) when unusable. */
static char *
read_password(void)
{
	struct termios old, quiet;
	bool tty = isatty(STDIN_FILENO);
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	if (tty) {
		fprintf(stderr, "Password: ");
		tcgetattr(STDIN_FILENO, &old);
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
	}
	n = getline(&line, &cap, stdin);
	if (tty) {
		tcsetattr(STDIN_FILENO, TCSANOW, &old);
		fprintf(stderr, "\n");
	}
	if (n < 0) {
		fprintf(stderr, "fm-admin: no password on standard input\n");
		free(line);
		return NULL;
	}
	while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		line[--n] = '\0';
	if (n < MIN_PASSWORD) {
		fprintf(stderr,
		    "fm-admin: the password needs at least %d "
		    "characters\n",
		    MIN_PASSWORD);
		free(line);
		return NULL;
	}
	return line;
}

static int
user_add(const char *login, const char *name, const char *role)
{
	static struct db_stmt st = DB_STMT(
	    "INSERT INTO staff_users (login, password_hash, full_name, role)"
	    " VALUES ($1, $2, $3, $4)");
	char *pw, *hash;
	int rc;

	pw = read_password();
	if (pw == NULL)
		return 1;
	hash = password_hash(pw);
	free(pw);
	if (hash == NULL) {
		fprintf(stderr, "fm-admin: hashing failed\n");
		return 1;
	}
	rc = tool_fail(DBQ(&st, NULL, login, hash, name ? name : login, role),
	    "cannot add the user");
	free(hash);
	if (rc == 0)
		printf("staff user %s added (%s)\n", login, role);
	return rc;
}

static int
end_sessions(const char *login)
{
	static struct db_stmt st = DB_STMT(
	    "DELETE FROM sessions WHERE staff_user_id ="
	    " (SELECT id FROM staff_users WHERE lower(login) = lower($1))");

	return tool_fail(DBQ(&st, NULL, login), "cannot end the sessions");
}

static int
user_passwd(const char *login)
{
	static struct db_stmt st = DB_STMT(
	    "UPDATE staff_users SET password_hash = $2,"
	    " password_changed_at = now() WHERE lower(login) = lower($1)"
	    " RETURNING id");
	PGresult *res;
	char *pw, *hash;
	int rc;

	pw = read_password();
	if (pw == NULL)
		return 1;
	hash = password_hash(pw);
	free(pw);
	if (hash == NULL)
		return 1;
	rc = tool_fail(DBQ(&st, &res, login, hash),
	    "cannot change the password");
	free(hash);
	if (rc != 0)
		return rc;
	if (PQntuples(res) == 0) {
		fprintf(stderr, "fm-admin: no staff user %s\n", login);
		PQclear(res);
		return 1;
	}
	PQclear(res);
	rc = end_sessions(login);
	if (rc == 0)
		printf("password of %s changed, its sessions ended\n", login);
	return rc;
}

static int
user_active(const char *login, bool active)
{
	static struct db_stmt st = DB_STMT(
	    "UPDATE staff_users SET active = $2::boolean"
	    " WHERE lower(login) = lower($1) RETURNING id");
	PGresult *res;
	int rc;

	rc = tool_fail(DBQ(&st, &res, login, active ? "true" : "false"),
	    "cannot change the user");
	if (rc != 0)
		return rc;
	rc = PQntuples(res) == 1 ? 0 : 1;
	PQclear(res);
	if (rc != 0) {
		fprintf(stderr, "fm-admin: no staff user %s\n", login);
		return rc;
	}
	if (!active)
		rc = end_sessions(login);
	if (rc == 0)
		printf("%s %s\n", login, active ? "enabled" : "disabled");
	return rc;
}

static int
user_list(void)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT login, role, CASE WHEN active THEN 'active'"
	    " ELSE 'disabled' END AS state, full_name FROM staff_users"
	    " ORDER BY lower(login)");
	PGresult *res;
	int i, rc;

	rc = tool_fail(DBQ0(&st, &res), "cannot list the users");
	if (rc != 0)
		return rc;
	for (i = 0; i < PQntuples(res); i++)
		printf("%-20s %-10s %-8s %s\n", PQgetvalue(res, i, 0),
		    PQgetvalue(res, i, 1), PQgetvalue(res, i, 2),
		    PQgetvalue(res, i, 3));
	PQclear(res);
	return 0;
}

static int
account_passwd(const char *login)
{
	static struct db_stmt st = DB_STMT(
	    "UPDATE order_accounts SET password_hash = $2,"
	    " password_changed_at = clock_timestamp() WHERE login = upper($1)"
	    " RETURNING id");
	PGresult *res;
	char *pw, *hash;
	int rc;

	pw = read_password();
	if (pw == NULL)
		return 1;
	hash = password_hash(pw);
	free(pw);
	if (hash == NULL)
		return 1;
	rc = tool_fail(DBQ(&st, &res, login, hash),
	    "cannot change the password");
	free(hash);
	if (rc != 0)
		return rc;
	rc = PQntuples(res) == 1 ? 0 : 1;
	PQclear(res);
	if (rc != 0)
		fprintf(stderr, "fm-admin: no order account %s\n", login);
	else
		printf("password of %s changed, its sessions ended\n", login);
	return rc;
}

static int
account_valid(const char *login, const char *from, const char *to)
{
	static struct db_stmt st = DB_STMT(
	    "UPDATE order_accounts SET valid_from = $2::date::timestamptz,"
	    " valid_until = ($3::date + 1)::timestamptz WHERE login = upper($1)"
	    " RETURNING id");
	PGresult *res;
	int rc;

	rc = tool_fail(DBQ(&st, &res, login, from, to),
	    "cannot set the period");
	if (rc != 0)
		return rc;
	rc = PQntuples(res) == 1 ? 0 : 1;
	PQclear(res);
	if (rc != 0)
		fprintf(stderr, "fm-admin: no order account %s\n", login);
	else
		printf("%s valid from %s to %s\n", login, from, to);
	return rc;
}

static int
account_list(const char *order)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT login, kind, order_id, valid_from::date,"
	    " (valid_until - interval '1 day')::date,"
	    " CASE WHEN password_hash IS NULL THEN 'no-password'"
	    "  WHEN now() < valid_from OR now() >= valid_until THEN 'outside'"
	    "  ELSE 'valid' END"
	    " FROM order_accounts WHERE $1::bigint IS NULL OR order_id = "
	    "$1::bigint"
	    " ORDER BY order_id, array_position(ARRAY['user', 'client', "
	    "'live'],"
	    " kind)");
	PGresult *res;
	int i, rc;

	rc = tool_fail(DBQ(&st, &res, order), "cannot list the accounts");
	if (rc != 0)
		return rc;
	for (i = 0; i < PQntuples(res); i++)
		printf("%-10s %-7s %-8s %s %s %s\n", PQgetvalue(res, i, 0),
		    PQgetvalue(res, i, 1), PQgetvalue(res, i, 2),
		    PQgetvalue(res, i, 3), PQgetvalue(res, i, 4),
		    PQgetvalue(res, i, 5));
	PQclear(res);
	return 0;
}

/* The companies whose country has no code yet; 1 when there is one. */
static int
countries_unmapped(void)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT id, name, country FROM companies_unmapped_countries()");
	PGresult *res;
	int i, n, rc;

	rc = tool_fail(DBQ0(&st, &res), "cannot list the companies");
	if (rc != 0)
		return rc;
	n = PQntuples(res);
	for (i = 0; i < n; i++)
		printf("%s\t%s\t%s\n", PQgetvalue(res, i, 0),
		    PQgetvalue(res, i, 1), PQgetvalue(res, i, 2));
	if (n > 0)
		fprintf(stderr,
		    "fm-admin: %d compan%s without a known country: choose it "
		    "on /companies/ID (issuing to them is refused until "
		    "then)\n",
		    n, n > 1 ? "ies" : "y");
	PQclear(res);
	return n > 0 ? 1 : 0;
}

/* Prints KEY's value; 1 (and nothing) when the key is not set. */
static int
config_get(const char *key)
{
	const char *v = hdf_get_value(g_cfg->hdf, key, NULL);

	if (v == NULL)
		return 1;
	printf("%s\n", v);
	return 0;
}

static void
usage(FILE *f)
{
	fprintf(f,
	    "usage: fm-admin [-c CONFIG] user add LOGIN [--name NAME] "
	    "[--role admin|staff|accountant]\n"
	    "       fm-admin [-c CONFIG] user passwd LOGIN\n"
	    "       fm-admin [-c CONFIG] user disable|enable LOGIN\n"
	    "       fm-admin [-c CONFIG] user list\n"
	    "       fm-admin [-c CONFIG] config get KEY\n"
	    "       fm-admin [-c CONFIG] account passwd LOGIN\n"
	    "       fm-admin [-c CONFIG] account valid LOGIN FROM TO\n"
	    "       fm-admin [-c CONFIG] account list [ORDER]\n"
	    "       fm-admin [-c CONFIG] countries\n"
	    "The password is read from standard input.\n");
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "name", required_argument, NULL, 'n' },
		{ "role", required_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 },
	};
	const char *name = NULL, *role = "staff";
	const char *verb, *login;
	int ch, rc;

	tool_init("fm-admin", usage);
	if ((rc = tool_start(argc, argv)) >= 0)
		return rc;
	if (argc - optind == 3 && !strcmp(argv[optind], "config") &&
	    !strcmp(argv[optind + 1], "get")) {
		if (tool_config() != 0)
			return 1;
		rc = config_get(argv[optind + 2]);
		tool_end();
		return rc;
	}
	if (argc - optind == 1 && !strcmp(argv[optind], "countries")) {
		rc = tool_connect() != 0 ? 1 : countries_unmapped();
		tool_end();
		return rc;
	}
	if (argc - optind >= 2 && !strcmp(argv[optind], "account")) {
		const char *what = argv[optind + 1];
		int n = argc - optind - 2;
		char **a = argv + optind + 2;

		if (!((!strcmp(what, "passwd") && n == 1) ||
		        (!strcmp(what, "valid") && n == 3) ||
		        (!strcmp(what, "list") && n <= 1)))
			return tool_usage_error();
		if (tool_connect() != 0)
			rc = 1;
		else if (!strcmp(what, "passwd"))
			rc = account_passwd(a[0]);
		else if (!strcmp(what, "valid"))
			rc = account_valid(a[0], a[1], a[2]);
		else
			rc = account_list(n == 1 ? a[0] : NULL);
		tool_end();
		return rc;
	}
	if (argc - optind < 2 || strcmp(argv[optind], "user") != 0)
		return tool_usage_error();
	verb = argv[optind + 1];
	login = argc - optind > 2 ? argv[optind + 2] : NULL;
	optind += 3;
	while (login != NULL &&
	    (ch = getopt_long(argc, argv, "n:r:", opts, NULL)) != -1) {
		switch (ch) {
		case 'n':
			name = optarg;
			break;
		case 'r':
			role = optarg;
			break;
		default:
			return tool_usage_error();
		}
	}
	if ((strcmp(verb, "list") && login == NULL) || optind < argc)
		return tool_usage_error();
	if (tool_connect() != 0)
		rc = 1;
	else if (!strcmp(verb, "add"))
		rc = user_add(login, name, role);
	else if (!strcmp(verb, "passwd"))
		rc = user_passwd(login);
	else if (!strcmp(verb, "disable"))
		rc = user_active(login, false);
	else if (!strcmp(verb, "enable"))
		rc = user_active(login, true);
	else if (!strcmp(verb, "list"))
		rc = user_list();
	else
		rc = tool_usage_error();
	tool_end();
	return rc;
}
