/*
 * focusd - the FocusManager FastCGI application.
 *
 *   focusd [-c FILE]               serve (foreground; systemd or dev/stack)
 *   focusd [-c FILE] --check-config
 *   focusd --routes                the route table, one route a line
 */
#include "fm.h"
#include "bodyfile.h"
#include "conf.h"
#include "db/db.h"
#include "errors.h"
#include "log.h"
#include "master.h"
#include "routes.h"
#include "tmpl.h"

#include <errno.h>
#include <fcgiapp.h>
#include <getopt.h>
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#define DEFAULT_CONFIG "/etc/focusmanager/focusd.conf"

static void
usage(FILE *f)
{
	fprintf(f,
	    "usage: focusd [-c FILE] [--check-config] [--version]\n"
	    "  -c, --config FILE   configuration (default %s)\n"
	    "  --check-config      check the file, templates and database, "
	    "then exit\n"
	    "  --routes            print the route table and who may call each "
	    "route\n",
	    DEFAULT_CONFIG);
}

/* True when another process already answers on the socket path. */
static bool
socket_in_use(const char *path)
{
	struct sockaddr_un sa;
	int fd, rc;

	fd = socket(AF_UNIX, SOCK_STREAM, 0);
	if (fd < 0)
		return false;
	memset(&sa, 0, sizeof(sa));
	sa.sun_family = AF_UNIX;
	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", path);
	rc = connect(fd, (struct sockaddr *)&sa, sizeof(sa));
	close(fd);
	return rc == 0;
}

/* Every statement's named values against its contract (db.h): a
 * mismatch is a programming error that no request should meet. */
static int
check_statements(void)
{
	char *report;
	int total, bad = db_named_check(&report, &total);

	if (bad > 0)
		fprintf(stderr,
		    "focusd: %d statements do not match their "
		    "contracts:\n%s",
		    bad, report);
	free(report);
	return bad > 0;
}

static int
check_config(void)
{
	NEOERR *err;
	PGconn *c;

	err = tmpl_check_all(g_cfg->templates);
	if (err != STATUS_OK) {
		STRING s;

		string_init(&s);
		nerr_error_string(err, &s);
		fprintf(stderr, "focusd: templates: %s\n", s.buf);
		string_clear(&s);
		nerr_ignore(&err);
		return 1;
	}
	db_open(g_cfg->conninfo, "focusd-check",
	    config_str("Site.TimeZone", "Europe/Paris"));
	c = db_conn();
	if (PQstatus(c) != CONNECTION_OK) {
		fprintf(stderr, "focusd: database: %s", PQerrorMessage(c));
		db_close();
		return 1;
	}
	db_close();
	printf("%s: configuration OK (%d workers, socket %s)\n", g_cfg->path,
	    g_cfg->workers, g_cfg->socket);
	return 0;
}

/*
 * METHOD<TAB>PATTERN<TAB>ACCESS<TAB>FLAGS, ACCESS and FLAGS as words
 * joined by "|": what t/http/t52_roles.py replays against a running
 * focusd, every route for every kind of caller.
 */
static int
print_routes(void)
{
	static const struct {
		unsigned bit;
		const char *name;
	} access[] = {
		{ A_ANON, "anon" }, { A_STAFF, "staff" }, { A_ADMIN, "admin" },
		{ A_ACCOUNTANT, "accountant" }, { A_USER, "user" },
		{ A_CLIENT, "client" }, { A_LIVE, "live" }, { A_BOX, "box" },
		{ A_NGINX, "nginx" },
	}, flags[] = {
		{ R_NOCSRF, "nocsrf" }, { R_RAWBODY, "rawbody" },
		{ R_BODYFILE, "bodyfile" }, { R_UPLOAD, "upload" },
		{ R_SLOW, "slow" }, { R_PRECHECK, "precheck" },
	};
	const struct route *rt;
	size_t n, i, j;
	const char *sep;

	rt = routes_table(&n);
	for (i = 0; i < n; i++) {
		printf("%s\t%s\t", rt[i].method, rt[i].pattern);
		for (sep = "", j = 0; j < FM_ARRAY_LEN(access); j++)
			if (rt[i].access & access[j].bit) {
				printf("%s%s", sep, access[j].name);
				sep = "|";
			}
		putchar('\t');
		for (sep = "", j = 0; j < FM_ARRAY_LEN(flags); j++)
			if (rt[i].flags & flags[j].bit) {
				printf("%s%s", sep, flags[j].name);
				sep = "|";
			}
		putchar('\n');
	}
	return 0;
}

static int
open_socket(void)
{
	const char *group = config_str("Server.SocketGroup", NULL);
	int fd;

	if (socket_in_use(g_cfg->socket)) {
		fprintf(stderr, "focusd: %s is in use by another focusd\n",
		    g_cfg->socket);
		return -1;
	}
	unlink(g_cfg->socket);
	fd = FCGX_OpenSocket(g_cfg->socket, 256);
	if (fd < 0) {
		fprintf(stderr, "focusd: cannot listen on %s: %s\n",
		    g_cfg->socket, strerror(errno));
		return -1;
	}
	if (group != NULL) {
		struct group *gr = getgrnam(group);

		if (gr == NULL || chown(g_cfg->socket, (uid_t)-1, gr->gr_gid)) {
			fprintf(stderr, "focusd: cannot give %s to group %s\n",
			    g_cfg->socket, group);
			return -1;
		}
	}
	if (chmod(g_cfg->socket, (mode_t)g_cfg->socket_mode) != 0) {
		fprintf(stderr, "focusd: chmod %s: %s\n", g_cfg->socket,
		    strerror(errno));
		return -1;
	}
	return fd;
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "check-config", no_argument, NULL, 'k' },
		{ "version", no_argument, NULL, 'V' },
		{ "routes", no_argument, NULL, 'R' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *path = DEFAULT_CONFIG;
	bool check = false;
	NEOERR *err;
	int ch, fd, rc;

	while ((ch = getopt_long(argc, argv, "c:h", opts, NULL)) != -1) {
		switch (ch) {
		case 'c':
			path = optarg;
			break;
		case 'k':
			check = true;
			break;
		case 'V':
			printf("focusd %s\n", PACKAGE_VERSION);
			return 0;
		case 'R':
			return print_routes();
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind != argc) {
		usage(stderr);
		return 2;
	}
	if (FCGX_Init() != 0) {
		fprintf(stderr,
		    "focusd: FastCGI library initialisation failed\n");
		return 1;
	}
	err = fm_errors_init();
	if (err == STATUS_OK)
		err = config_load(path, &g_cfg);
	if (err != STATUS_OK) {
		STRING s;

		string_init(&s);
		nerr_error_string(err, &s);
		fprintf(stderr, "focusd: %s\n", s.buf);
		string_clear(&s);
		nerr_ignore(&err);
		return 1;
	}
	if (check_statements() != 0)
		return 1;
	if (check)
		return check_config();
	if (g_cfg->use_syslog)
		log_use_syslog("focusd");
	fd = open_socket();
	if (fd < 0)
		return 1;
	/* The box uploads: read nginx's body files (bodyfile.h). */
	bodyfile_init();
	rc = master_run(fd, path);
	close(fd);
	unlink(g_cfg->socket);
	log_info("stopped");
	config_free(g_cfg);
	return rc;
}
