/*
 * test_guard.c - the checks that stand between hostile input and focusd
 * (issue 13): the body's field counter, the box's URL and JSON, the body
 * file opener, the route table's rule, response header lines.
 */
#include "fm.h"
#include "bodyfile.h"
#include "bodyguard.h"
#include "box_input.h"
#include "http.h"
#include "routes.h"
#include "units.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Feeds s to g in pieces of step bytes; true while under the cap. */
static bool
feed(struct bodyguard *g, const char *s, size_t step)
{
	size_t n = strlen(s), i;
	bool ok = true;

	for (i = 0; i < n; i += step)
		ok = bodyguard_feed(g, s + i, n - i < step ? n - i : step);
	return ok;
}

START_TEST(urlencoded_fields)
{
	struct bodyguard g;
	char *body;
	size_t i;

	ck_assert(bodyguard_init(&g, NULL, 3));
	ck_assert(feed(&g, "a=1&b=2&c=3", 4));
	ck_assert(!g.over);
	ck_assert(bodyguard_init(&g, "application/x-www-form-urlencoded", 3));
	ck_assert(!feed(&g, "a=1&b=2&c=3&d=4", 1));
	ck_assert(g.over);
	/* 80,000 copies of "a=&" (the attack) stop at the cap. */
	body = malloc(240001);
	for (i = 0; i < 80000; i++)
		memcpy(body + 3 * i, "a=&", 3);
	body[240000] = '\0';
	ck_assert(bodyguard_init(&g, NULL, 1000));
	ck_assert(!feed(&g, body, 4096));
	ck_assert_int_le(g.fields, 1000 + 4096);
	free(body);
}
END_TEST

START_TEST(multipart_parts)
{
	static const char one[] = "--XyZ\r\nContent-Disposition: form-data; "
	                          "name=\"a\"\r\n\r\nv\r\n";
	struct bodyguard g;
	char body[4096];
	size_t step;
	int i;

	ck_assert(!bodyguard_init(&g, "multipart/form-data", 10));
	ck_assert(!bodyguard_init(&g, "multipart/form-data; boundary=", 10));
	ck_assert(
	    bodyguard_init(&g, "multipart/form-data; boundary=\"XyZ\"", 3));
	ck_assert_str_eq(g.pat, "--XyZ");
	body[0] = '\0';
	for (i = 0; i < 3; i++)
		strcat(body, one);
	strcat(body, "--XyZ--\r\n");
	/* Three parts and the closing boundary pass, whatever the pieces:
	 * a boundary split across two reads is counted once. */
	for (step = 1; step < 12; step++) {
		ck_assert(
		    bodyguard_init(&g, "multipart/form-data; boundary=XyZ", 3));
		ck_assert_msg(feed(&g, body, step), "step %zu", step);
		ck_assert_int_eq(g.fields, 4);
	}
	strcat(body, one);
	ck_assert(bodyguard_init(&g, "multipart/form-data; boundary=XyZ", 3));
	ck_assert(!feed(&g, body, 7));
}
END_TEST

START_TEST(box_urls)
{
	ck_assert(box_url_ok("http://10.0.0.5:8081"));
	ck_assert(box_url_ok("https://box-1.site.example/dl"));
	ck_assert(box_url_ok("http://[fd00::5]:8081/"));
	ck_assert(!box_url_ok("http://10.0.0.5/\r\nSet-Cookie: a=b"));
	ck_assert(!box_url_ok("http://10.0.0.5/\n"));
	ck_assert(!box_url_ok("javascript:alert(1)"));
	ck_assert(!box_url_ok("http://user:pw@10.0.0.5/"));
	ck_assert(!box_url_ok("http://10.0.0.5:0/"));
	ck_assert(!box_url_ok("http://10.0.0.5:65536/"));
	ck_assert(!box_url_ok("http://10.0.0.5:/"));
	ck_assert(!box_url_ok("http://"));
	ck_assert(!box_url_ok("http://-x/"));
	ck_assert(!box_url_ok("http://x/a b"));
	ck_assert(!box_url_ok("http://x/?q"));
	ck_assert(!box_url_ok("http://x/#f"));
	ck_assert(!box_url_ok("http://x/\x7f"));
	ck_assert(!box_url_ok("http://x/\xc3\xa9"));
	ck_assert(!box_url_ok("http://[]/"));
	ck_assert(!box_url_ok(NULL));
}
END_TEST

START_TEST(box_json)
{
	struct box_heartbeat hb;
	struct box_event ev;
	char why[200];
	json_t *doc;

	doc = json_loads("{\"state\": \"idle\", \"local_url\": "
	                 "\"http://x/\\r\\nX: y\"}",
	    0, NULL);
	ck_assert(!box_heartbeat_read(doc, &hb, why, sizeof(why)));
	ck_assert(strstr(why, "local_url") != NULL);
	json_decref(doc);
	doc = json_loads("{\"state\": \"recording\", \"reservation\": 7, "
	                 "\"recording\": \"k-1\", \"local_url\": null}",
	    0, NULL);
	ck_assert(box_heartbeat_read(doc, &hb, why, sizeof(why)));
	ck_assert_int_eq(hb.reservation, 7);
	ck_assert_str_eq(hb.recording, "k-1");
	ck_assert_ptr_null(hb.local_url);
	json_decref(doc);
	doc = json_loads("{\"state\": \"dancing\"}", 0, NULL);
	ck_assert(!box_heartbeat_read(doc, &hb, why, sizeof(why)));
	json_decref(doc);
	doc = json_loads("[1]", 0, NULL);
	ck_assert(!box_heartbeat_read(doc, &hb, why, sizeof(why)));
	ck_assert(!box_event_read(doc, &ev, why, sizeof(why)));
	json_decref(doc);
	doc =
	    json_loads("{\"type\": \"file\", \"recording\": \"k\", \"at\": "
	               "\"2026-11-26T10:00:00Z\", \"kind\": \"mp4\", \"path\": "
	               "\"../etc/passwd\", \"bytes\": 1, \"sha256\": "
	               "\"0000000000000000000000000000000000000000000000000000"
	               "000000000000\"}",
	        0, NULL);
	ck_assert(!box_event_read(doc, &ev, why, sizeof(why)));
	json_object_set_new(doc, "path", json_string("k/part1.mp4"));
	ck_assert(box_event_read(doc, &ev, why, sizeof(why)));
	ck_assert_str_eq(ev.started_at, ev.at);
	json_decref(doc);
}
END_TEST

START_TEST(body_files)
{
	char dir[] = "/tmp/fm-bodyfile-XXXXXX", path[256];
	int dfd, fd;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/0000000001", dir);
	fd = open(path, O_WRONLY | O_CREAT, 0600);
	ck_assert_int_eq(write(fd, "12345", 5), 5);
	close(fd);
	snprintf(path, sizeof(path), "%s/link", dir);
	ck_assert_int_eq(symlink("/etc/passwd", path), 0);
	snprintf(path, sizeof(path), "%s/up", dir);
	ck_assert_int_eq(symlink("..", path), 0);
	dfd = open(dir, O_RDONLY | O_DIRECTORY);
	fd = bodyfile_open_beneath(dfd, "0000000001", 5, getuid());
	ck_assert_int_ge(fd, 0);
	close(fd);
	ck_assert_int_lt(bodyfile_open_beneath(dfd, "0000000001", 6, getuid()),
	    0); /* another length */
	ck_assert_int_lt(bodyfile_open_beneath(dfd, "0000000001", 5,
	                     getuid() + 1),
	    0);
	ck_assert_int_lt(bodyfile_open_beneath(dfd, "link", 5, getuid()), 0);
	ck_assert_int_lt(bodyfile_open_beneath(dfd, "up/etc/passwd", 5,
	                     getuid()),
	    0);
	ck_assert_int_lt(bodyfile_open_beneath(dfd, "../../etc/passwd", 5,
	                     getuid()),
	    0);
	ck_assert_int_lt(bodyfile_open_beneath(dfd, "/etc/passwd", 5, getuid()),
	    0);
	ck_assert_int_lt(bodyfile_open_beneath(dfd, ".", 5, getuid()), 0);
	/* bodyfile_open: the path must be below the folder */
	snprintf(path, sizeof(path), "%s/0000000001", dir);
	fd = bodyfile_open(path, dir, 5);
	ck_assert_int_ge(fd, 0);
	close(fd);
	ck_assert_int_lt(bodyfile_open("/etc/passwd", dir, 5), 0);
	snprintf(path, sizeof(path), "%s/../%s/0000000001", dir,
	    strrchr(dir, '/') + 1);
	ck_assert_int_lt(bodyfile_open(path, dir, 5), 0);
	close(dfd);
	snprintf(path, sizeof(path), "rm -rf %s", dir);
	ck_assert_int_eq(system(path), 0);
}
END_TEST

START_TEST(route_rule)
{
	ck_assert(route_allows(A_ANON, "", ""));
	ck_assert(!route_allows(A_STAFF, "", ""));
	ck_assert(route_allows(A_STAFF, "staff", "staff"));
	ck_assert(route_allows(A_STAFF, "staff", "admin"));
	ck_assert(!route_allows(A_STAFF, "staff", "accountant"));
	ck_assert(route_allows(A_ADMIN, "staff", "admin"));
	ck_assert(!route_allows(A_ADMIN, "staff", "staff"));
	ck_assert(route_allows(A_ACCOUNTANT, "staff", "accountant"));
	ck_assert(route_allows(A_ACCOUNTANT, "staff", "admin"));
	ck_assert(!route_allows(A_ACCOUNTANT, "staff", "staff"));
	ck_assert(!route_allows(A_OFFICE, "staff", "intern"));
	ck_assert(!route_allows(A_OFFICE, "user", ""));
	ck_assert(route_allows(A_USER, "user", ""));
	ck_assert(!route_allows(A_USER, "client", ""));
	ck_assert(!route_allows(A_BOX | A_NGINX, "staff", "admin"));
}
END_TEST

START_TEST(header_lines)
{
	ck_assert(http_header_ok("Location: /x"));
	ck_assert(!http_header_ok("Location: /x\r\nSet-Cookie: a=b"));
	ck_assert(!http_header_ok("Location: /x\nSet-Cookie: a=b"));
	ck_assert(!http_header_ok("X: \r"));
}
END_TEST

Suite *
suite_guard(void)
{
	Suite *s = suite_create("guard");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, urlencoded_fields);
	tcase_add_test(tc, multipart_parts);
	tcase_add_test(tc, box_urls);
	tcase_add_test(tc, box_json);
	tcase_add_test(tc, body_files);
	tcase_add_test(tc, route_rule);
	tcase_add_test(tc, header_lines);
	suite_add_tcase(s, tc);
	return s;
}
