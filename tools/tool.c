/*
 * tool.c - the command-line programs' start-up, configuration, database
 * connection and error reports (tool.h).
 */
#include "tool.h"
#include "conf.h"
#include "db/db.h"
#include "errors.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const char *name = "fm";
static void (*usage_fn)(FILE *);
static const char *config_path = TOOL_DEFAULT_CONFIG;

void
tool_init(const char *program, void (*usage)(FILE *))
{
	name = program;
	usage_fn = usage;
}

const char *
tool_name(void)
{
	return name;
}

const char *
tool_config_path(void)
{
	return config_path;
}

void
tool_set_config(const char *path)
{
	config_path = path;
}

int
tool_usage_error(void)
{
	if (usage_fn)
		usage_fn(stderr);
	return 2;
}

int
tool_start(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int ch;

	/* "+": stop at the verb, whose own options the program reads. */
	while ((ch = getopt_long(argc, argv, "+c:h", opts, NULL)) != -1) {
		switch (ch) {
		case 'c':
			config_path = optarg;
			break;
		case 'h':
			if (usage_fn)
				usage_fn(stdout);
			return 0;
		default:
			return tool_usage_error();
		}
	}
	return optind < argc ? -1 : tool_usage_error();
}

int
tool_fail(NEOERR *err, const char *what)
{
	STRING s;

	if (err == STATUS_OK)
		return 0;
	string_init(&s);
	if (db_last_error.message[0])
		fprintf(stderr, "%s: %s: %s\n", name, what,
		    db_last_error.message);
	else {
		nerr_error_string(err, &s);
		fprintf(stderr, "%s: %s: %s\n", name, what, s.buf);
	}
	string_clear(&s);
	nerr_ignore(&err);
	return 1;
}

int
tool_config(void)
{
	NEOERR *err = fm_errors_init();

	if (err == STATUS_OK)
		err = config_load(config_path, &g_cfg);
	return tool_fail(err, "configuration");
}

int
tool_connect(void)
{
	if (g_cfg == NULL && tool_config() != 0)
		return 1;
	db_open(g_cfg->conninfo, name,
	    config_str("Site.TimeZone", "Europe/Paris"));
	if (PQstatus(db_conn()) != CONNECTION_OK) {
		fprintf(stderr, "%s: cannot connect to the database\n", name);
		return 1;
	}
	return 0;
}

void
tool_end(void)
{
	db_close();
	config_free(g_cfg);
	g_cfg = NULL;
}
