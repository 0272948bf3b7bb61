/*
 * test_box.c - the pure parts of fm-box: schedule parsing and due
 * reservations, ffmpeg command lines, progress lines, Range headers,
 * client networks, signed links, the recording state file, the spool.
 */
#include "fm.h"
#include "argv.h"
#include "boxconf.h"
#include "ffcmd.h"
#include "httpd.h"
#include "linksign.h"
#include "progress.h"
#include "recinfo.h"
#include "schedule.h"
#include "spool.h"
#include "units.h"
#include "digest.h"
#include "util.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PARSE(text, s, err) \
	schedule_parse((text), strlen(text), (s), (err), sizeof(err))

static const char good[] =
    "{\"box\": 3, \"reservations\": ["
    " {\"id\": 10, \"starts_at\": \"2026-11-26T10:00:00Z\","
    "  \"ends_at\": \"2026-11-26T12:00:00Z\", \"overtime_minutes\": 30,"
    "  \"rec\": true, \"live\": false, \"trad\": true, \"label\": \"E-1\"},"
    " {\"id\": 11, \"starts_at\": \"2026-11-26T14:00:00+01:00\","
    "  \"ends_at\": \"2026-11-26T15:00:00+01:00\", \"overtime_minutes\": 0,"
    "  \"rec\": false, \"live\": true, \"stream_key\": \"ab-12_x\","
    "  \"live_url\": \"rtmp://c/live\"},"
    " {\"id\": 12, \"starts_at\": \"2026-11-26T16:00:00Z\","
    "  \"ends_at\": \"2026-11-26T17:00:00Z\", \"rec\": false,"
    "  \"live\": false}]}";

START_TEST(schedule_parsing)
{
	struct schedule s;
	char err[200];

	ck_assert_int_eq(schedule_parse(good, strlen(good), &s, err,
	                     sizeof(err)),
	    0);
	ck_assert_int_eq(s.n, 3);
	ck_assert_int_eq(s.box_id, 3);
	ck_assert_int_eq(s.v[0].id, 10);
	ck_assert_int_eq(s.v[0].overtime_min, 30);
	ck_assert(s.v[0].rec && !s.v[0].live && s.v[0].trad);
	ck_assert_str_eq(s.v[0].label, "E-1");
	/* 14:00+01:00 is 13:00Z */
	ck_assert_int_eq(s.v[1].start, parse_rfc3339("2026-11-26T13:00:00Z"));
	ck_assert_str_eq(s.v[1].stream_key, "ab-12_x");
	ck_assert_int_eq(resv_stop_time(&s.v[0]),
	    parse_rfc3339("2026-11-26T12:30:00Z"));
	schedule_free(&s);

	ck_assert_int_eq(PARSE("[]", &s, err), -1);
	ck_assert_int_eq(PARSE("{\"reservations\": [{\"id\": 1}]}", &s, err),
	    -1);
	ck_assert(strstr(err, "bad id or times") != NULL);
	ck_assert_int_eq(PARSE("{\"reservations\": [{\"id\": 1, "
	                       "\"starts_at\": \"2026-01-01T10:00:00Z\", "
	                       "\"ends_at\": "
	                       "\"2026-01-01T09:00:00Z\"}]}",
	                     &s, err),
	    -1);
	ck_assert_int_eq(PARSE("{\"reservations\": [{\"id\": 1, "
	                       "\"starts_at\": \"2026-01-01T10:00:00Z\", "
	                       "\"ends_at\": "
	                       "\"2026-01-01T11:00:00Z\", \"live\": true, "
	                       "\"stream_key\": "
	                       "\"a/../b\"}]}",
	                     &s, err),
	    -1);
	ck_assert_int_eq(PARSE("{not json", &s, err), -1);
	ck_assert_int_eq(parse_rfc3339("2026-11-26 10:00:00"), -1);
	ck_assert_int_eq(parse_rfc3339("2026-11-26T10:00:00.250Z"),
	    parse_rfc3339("2026-11-26T10:00:00Z"));
}
END_TEST

START_TEST(schedule_due_times)
{
	struct schedule s;
	char err[200];
	time_t t10 = parse_rfc3339("2026-11-26T10:00:00Z");

	ck_assert_int_eq(schedule_parse(good, strlen(good), &s, err,
	                     sizeof(err)),
	    0);
	ck_assert_ptr_null(schedule_due(&s, t10 - 61, 60));
	ck_assert_int_eq(schedule_due(&s, t10 - 60, 60)->id, 10);
	ck_assert_int_eq(schedule_due(&s, t10 + 2 * 3600 + 1799, 60)->id, 10);
	ck_assert_ptr_null(schedule_due(&s, t10 + 2 * 3600 + 1800, 60));
	/* live only is encoded too (pushed) */
	ck_assert_int_eq(schedule_due(&s, t10 + 3 * 3600, 0)->id, 11);
	/* neither rec nor live: nothing to do */
	ck_assert_ptr_null(schedule_due(&s, t10 + 6 * 3600 + 10, 0));
	ck_assert(schedule_busy_within(&s, t10 - 350, 300, 60));
	ck_assert(!schedule_busy_within(&s, t10 - 350, 300, 0));
	ck_assert(schedule_busy_within(&s, t10 + 60, 0, 0));
	ck_assert(!schedule_busy_within(&s, t10 + 2 * 3600 + 1800, 60, 0));
	ck_assert_int_eq(schedule_find(&s, 12)->id, 12);
	ck_assert_ptr_null(schedule_find(&s, 99));
	schedule_free(&s);
}
END_TEST

START_TEST(schedule_cache)
{
	char dir[] = "/tmp/fm-unit-XXXXXX", path[200];
	struct schedule s;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/schedule.json", dir);
	ck_assert_int_eq(schedule_load(path, &s), -1);
	ck_assert_int_eq(schedule_save(path, good, strlen(good), "\"v1\""), 0);
	ck_assert_int_eq(schedule_load(path, &s), 0);
	ck_assert_int_eq(s.n, 3);
	ck_assert_str_eq(s.etag, "\"v1\"");
	schedule_free(&s);
	unlink(path);
	strcat(path, ".etag");
	unlink(path);
	rmdir(dir);
}
END_TEST

/* The folders test_config made, removed by cleanup_configs(). */
static char config_dirs[16][32];
static int nconfig_dirs;

static void
cleanup_configs(void)
{
	char cmd[64];

	while (nconfig_dirs > 0) {
		snprintf(cmd, sizeof(cmd), "rm -rf %s",
		    config_dirs[--nconfig_dirs]);
		ck_assert_int_eq(system(cmd), 0);
	}
}

static struct box_config *
test_config(const char *extra)
{
	char dir[] = "/tmp/fm-unit-XXXXXX", path[300];
	struct box_config *c;
	NEOERR *err;
	FILE *f;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	if (nconfig_dirs < 16)
		snprintf(config_dirs[nconfig_dirs++], sizeof(config_dirs[0]),
		    "%s", dir);
	snprintf(path, sizeof(path), "%s/box.conf", dir);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fprintf(f,
	    "Central.URL = http://central.example\n"
	    "Box.Token = 0123456789abcdef0123\n"
	    "Paths.State = %s/state\nPaths.Media = %s/media\n%s\n",
	    dir, dir, extra);
	fclose(f);
	err = boxconf_load(path, &c);
	if (err != STATUS_OK) {
		STRING s;

		string_init(&s);
		nerr_error_string(err, &s);
		nerr_ignore(&err);
		fprintf(stderr, "# %s\n", s.buf);
		string_clear(&s);
		return NULL;
	}
	return c;
}

static bool
has_pair(const struct argv *a, const char *k, const char *v)
{
	size_t i;

	for (i = 0; i + 1 < a->n; i++)
		if (!strcmp(a->v[i], k) &&
		    (v == NULL || !strcmp(a->v[i + 1], v)))
			return true;
	return false;
}

START_TEST(config_checks)
{
	struct box_config *c = test_config("Input.Kind = lavfi");

	ck_assert_ptr_nonnull(c);
	ck_assert_str_eq(c->video_bitrate, "1500k"); /* SD by default */
	ck_assert_int_eq(c->preroll, 60);
	ck_assert_int_eq(strlen(c->link_key), 64);
	boxconf_free(c);
	c = test_config("Input.Kind = lavfi\nRecording.Preset = HD");
	ck_assert_str_eq(c->video_bitrate, "3000k");
	ck_assert_str_eq(c->video_size, "1280x720");
	boxconf_free(c);
	ck_assert_ptr_null(test_config("Input.Kind = webcam"));
	ck_assert_ptr_null(test_config("Input.Kind = custom"));
	ck_assert_ptr_null(test_config("Input.Kind = lavfi\n"
	                               "Recording.PreRoll = -5"));
	ck_assert_ptr_null(test_config(
	    "Input.Kind = lavfi\n"
	    "Encode.Extra.0.Name = Bad Name\nEncode.Extra.0.Ext = x\n"
	    "Encode.Extra.0.Args = -c copy"));
	cleanup_configs();
}
END_TEST

START_TEST(record_command)
{
	struct box_config *c = test_config(
	    "Input.Kind = v4l2\n"
	    "Input.Video = /dev/video1\nInput.Audio = hw:2\n"
	    "Recording.Preset = HD\nInput.Rate = 25");
	struct argv a;
	const char *last;

	ck_assert_ptr_nonnull(c);
	argv_init(&a);
	ffcmd_record(c, "/m/p.mp4", 0, &a);
	ck_assert(!a.failed);
	ck_assert(has_pair(&a, "-f", "v4l2"));
	ck_assert(has_pair(&a, "-i", "/dev/video1"));
	ck_assert(has_pair(&a, "-f", "alsa"));
	ck_assert(has_pair(&a, "-map", "1:a:0"));
	ck_assert(has_pair(&a, "-b:v", "3000k"));
	ck_assert(has_pair(&a, "-g", "25")); /* 1 s at 25 fps */
	ck_assert(has_pair(&a, "-keyint_min", "25"));
	ck_assert(has_pair(&a, "-force_key_frames", "expr:gte(t,n_forced*1)"));
	ck_assert(has_pair(&a, "-sc_threshold", "0"));
	ck_assert(has_pair(&a, "-ac", "2"));
	ck_assert(has_pair(&a, "-movflags",
	    "+frag_keyframe+empty_moov+default_base_moof"));
	ck_assert(has_pair(&a, "-flush_packets", "1"));
	ck_assert(!has_pair(&a, "-f", "tee"));
	ck_assert_str_eq(a.v[a.n - 1], "/m/p.mp4");
	argv_free(&a);

	/* live: one encode, tee to the file and to the loopback relay */
	argv_init(&a);
	ffcmd_record(c, "/m/p.mp4", 17935, &a);
	ck_assert(has_pair(&a, "-f", "tee"));
	ck_assert(has_pair(&a, "-flags", "+global_header"));
	last = a.v[a.n - 1];
	ck_assert(strstr(last, "/m/p.mp4|") != NULL);
	ck_assert(strstr(last,
	              "[f=mpegts:onfail=ignore]udp://127.0.0.1:17935") != NULL);
	ck_assert(strstr(last, "rtmp") == NULL); /* never the network */
	argv_free(&a);

	argv_init(&a);
	ffcmd_relay(c, 17935, "rtmp://c/live/key", &a);
	ck_assert(has_pair(&a, "-c", "copy"));
	ck_assert_str_eq(a.v[a.n - 1], "rtmp://c/live/key");
	argv_free(&a);

	argv_init(&a);
	ffcmd_mp3(c, "in.mp4", "s.mp3", "l.mp3", "r.mp3", &a);
	ck_assert(has_pair(&a, "-filter_complex",
	    "[0:a:0]asplit=3[s][a][b];[a]pan=mono|c0=c0[l];"
	    "[b]pan=mono|c0=c1[r]"));
	ck_assert(has_pair(&a, "-b:a", "128k"));
	ck_assert(has_pair(&a, "-map", "[r]"));
	argv_free(&a);
	argv_init(&a);
	ffcmd_mp3(c, "in.mp4", "s.mp3", NULL, NULL, &a);
	ck_assert(!has_pair(&a, "-filter_complex", NULL));
	argv_free(&a);
	boxconf_free(c);

	c = test_config("Input.Kind = lavfi\nInput.Rate = 30\n"
	                "Recording.KeyframeSeconds = 4");
	argv_init(&a);
	ffcmd_record(c, "/m/p.mp4", 0, &a);
	ck_assert(has_pair(&a, "-g", "120"));
	ck_assert(has_pair(&a, "-f", "lavfi"));
	argv_free(&a);
	boxconf_free(c);
	cleanup_configs();
}
END_TEST

START_TEST(argv_words)
{
	struct argv a;

	argv_init(&a);
	argv_split(&a, "  -c:v libvpx   -b:v 1M ");
	ck_assert_int_eq(a.n, 4);
	ck_assert_str_eq(a.v[3], "1M");
	ck_assert_ptr_null(a.v[4]);
	ck_assert_str_eq(argv_str(&a), "-c:v libvpx -b:v 1M");
	argv_free(&a);
}
END_TEST

START_TEST(progress_lines)
{
	struct progress p;
	const char *a = "frame=25\nfps=25.0\nbitrate=1523.4kbi";
	const char *b = "ts/s\nout_time_us=1000000\nspeed=1.01x\nprogress=cont";

	memset(&p, 0, sizeof(p));
	progress_feed(&p, a, strlen(a), 100);
	ck_assert_int_eq(p.frame, 25);
	ck_assert_str_eq(p.bitrate, ""); /* line not finished yet */
	progress_feed(&p, b, strlen(b), 101);
	ck_assert_str_eq(p.bitrate, "1523.4kbits/s");
	ck_assert_int_eq(p.out_time_us, 1000000);
	ck_assert_str_eq(p.speed, "1.01x");
	ck_assert_int_eq(p.updated, 101);
}
END_TEST

START_TEST(ranges)
{
	long long from, len;

	ck_assert_int_eq(http_range(NULL, 1000, &from, &len), 0);
	ck_assert_int_eq(http_range("bytes=0-99", 1000, &from, &len), 1);
	ck_assert(from == 0 && len == 100);
	ck_assert_int_eq(http_range("bytes=900-", 1000, &from, &len), 1);
	ck_assert(from == 900 && len == 100);
	ck_assert_int_eq(http_range("bytes=900-5000", 1000, &from, &len), 1);
	ck_assert(from == 900 && len == 100);
	ck_assert_int_eq(http_range("bytes=-10", 1000, &from, &len), 1);
	ck_assert(from == 990 && len == 10);
	ck_assert_int_eq(http_range("bytes=1000-", 1000, &from, &len), -1);
	ck_assert_int_eq(http_range("bytes=5-2", 1000, &from, &len), 0);
	ck_assert_int_eq(http_range("bytes=0-1,5-6", 1000, &from, &len), 0);
	ck_assert_int_eq(http_range("lines=1-2", 1000, &from, &len), 0);
	ck_assert_int_eq(http_range("bytes=x-", 1000, &from, &len), 0);
}
END_TEST

static bool
allows(const char *list, const char *ip)
{
	struct sockaddr_in s4;
	struct sockaddr_in6 s6;

	memset(&s4, 0, sizeof(s4));
	memset(&s6, 0, sizeof(s6));
	if (inet_pton(AF_INET, ip, &s4.sin_addr) == 1) {
		s4.sin_family = AF_INET;
		return cidr_allows(list, (struct sockaddr *)&s4);
	}
	ck_assert_int_eq(inet_pton(AF_INET6, ip, &s6.sin6_addr), 1);
	s6.sin6_family = AF_INET6;
	return cidr_allows(list, (struct sockaddr *)&s6);
}

START_TEST(networks)
{
	const char *lan = "127.0.0.0/8 10.0.0.0/8, 192.168.1.0/24 fc00::/7";

	ck_assert(allows(lan, "127.0.0.1"));
	ck_assert(allows(lan, "10.20.30.40"));
	ck_assert(allows(lan, "192.168.1.200"));
	ck_assert(!allows(lan, "192.168.2.1"));
	ck_assert(!allows(lan, "8.8.8.8"));
	ck_assert(allows(lan, "fd12::1"));
	ck_assert(!allows(lan, "2001:db8::1"));
	ck_assert(allows(lan, "::ffff:10.1.1.1")); /* mapped IPv4 */
	ck_assert(allows("192.168.1.7", "192.168.1.7"));
	ck_assert(!allows("192.168.1.7", "192.168.1.8"));
	ck_assert(allows("0.0.0.0/0", "8.8.8.8"));
	ck_assert(!allows("junk 300.1.1.1/8", "10.0.0.1"));
	/* issue 13: a prefix that is not a number was /0 (everyone) */
	ck_assert(!allows("10.0.0.0/x", "8.8.8.8"));
	ck_assert(!allows("10.0.0.0/", "8.8.8.8"));
	ck_assert(!allows("::/z", "2001:db8::1"));
	ck_assert(allows("10.0.0.0/x 8.8.8.8", "8.8.8.8"));
}
END_TEST

START_TEST(signed_links)
{
	char key[65], key2[65], url[600], sig[65];
	const char *q;

	ck_assert(link_key_from_token("0123456789abcdef0123", key));
	ck_assert(link_key_from_token("0123456789abcdef0124", key2));
	ck_assert_str_ne(key, key2);
	ck_assert(!link_key_from_token("", key2));
	/* the contract of docs/box-api.md, checked against Python's hmac */
	ck_assert_str_eq(key,
	    "5c4a2cc54c9d2154b12265be2ff622ea9f85c94b4d06b3dce32874b6cb5b44f3");
	ck_assert(link_build(url, sizeof(url), "http://10.0.0.5:8081/", key,
	    "20261126T100000Z-r7/a b.mp4", 1800000000));
	ck_assert_str_eq(url,
	    "http://10.0.0.5:8081/dl/20261126T100000Z-r7/"
	    "a%20b.mp4?e=1800000000&s=36a4402def89d14fa2327dc2ab3b20cf7ab8c4a4"
	    "84310c26f396da0faa72c1c8");
	q = strstr(url, "&s=") + 3;
	ck_assert(link_check(key, "/dl/20261126T100000Z-r7/a b.mp4",
	    "1800000000", q, 1700000000));
	ck_assert(!link_check(key, "/dl/20261126T100000Z-r7/a b.mp4",
	    "1800000000", q, 1800000001)); /* expired */
	ck_assert(!link_check(key2, "/dl/20261126T100000Z-r7/a b.mp4",
	    "1800000000", q, 1700000000)); /* other box */
	ck_assert(!link_check(key, "/dl/20261126T100000Z-r7/b.mp4",
	    "1800000000", q, 1700000000)); /* other file */
	ck_assert(!link_check(key, "/dl/20261126T100000Z-r7/a b.mp4",
	    "1800000001", q, 1700000000)); /* other expiry */
	ck_assert(!link_check(key, "/dl/x", "12x", q, 0));
	ck_assert(!link_check(key, "/dl/x", NULL, q, 0));
	ck_assert(link_signature(key, "/dl/x", 5, sig));
	ck_assert(!link_path_safe("../etc/passwd"));
	ck_assert(!link_path_safe("a/../b"));
	ck_assert(!link_path_safe("/abs"));
	ck_assert(!link_path_safe("a//b"));
	ck_assert(!link_path_safe("a/./b"));
	ck_assert(!link_path_safe(""));
	ck_assert(link_path_safe("k/k.mp4"));
	ck_assert(!link_build(url, sizeof(url), "http://b", key, "../x", 1));
	ck_assert(!link_build(url, 20, "http://b", key, "k/k.mp4", 1));
}
END_TEST

START_TEST(recording_state)
{
	char dir[] = "/tmp/fm-unit-XXXXXX", sub[100], path[300], rel[200];
	struct recinfo r, back;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(sub, sizeof(sub), "%s/recordings", dir);
	ck_assert_int_eq(mkdir_p(sub), 0);
	memset(&r, 0, sizeof(r));
	snprintf(r.key, sizeof(r.key), "20261126T100000Z-r7");
	r.resv = 7;
	r.rec = true;
	r.status = REC_JOINING;
	r.started = 1795000000;
	r.nparts = 2;
	r.parts[0].started = 1795000000;
	r.parts[0].ended = 1795000100;
	snprintf(r.parts[0].end_reason, sizeof(r.parts[0].end_reason),
	    "killed");
	r.parts[1].started = 1795000101;
	r.mp3_done = true;
	r.extra_done = 2;
	ck_assert_int_eq(recinfo_save(dir, &r), 0);
	snprintf(path, sizeof(path), "%s/20261126T100000Z-r7.json", sub);
	ck_assert_int_eq(recinfo_load(path, &back), 0);
	ck_assert_str_eq(back.key, r.key);
	ck_assert_int_eq(back.status, REC_JOINING);
	ck_assert_int_eq(back.nparts, 2);
	ck_assert_int_eq(back.parts[0].ended, 1795000100);
	ck_assert_str_eq(back.parts[0].end_reason, "killed");
	ck_assert_int_eq(back.parts[1].ended, 0);
	ck_assert(back.mp3_done && !back.mono_done && back.extra_done == 2);
	rec_part_rel(&back, 1, rel, sizeof(rel));
	ck_assert_str_eq(rel, "20261126T100000Z-r7/part-002.mp4");
	rec_file_rel(&back, "-room", "mp3", rel, sizeof(rel));
	ck_assert_str_eq(rel,
	    "20261126T100000Z-r7/20261126T100000Z-r7-room.mp3");
	unlink(path);
	rmdir(sub);
	rmdir(dir);
}
END_TEST

START_TEST(spool_order)
{
	char dir[] = "/tmp/fm-unit-XXXXXX", a[300], b[300], cmd[400];
	char *text;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	ck_assert_int_eq(spool_init(dir), 0);
	ck_assert_int_eq(spool_oldest(a, sizeof(a)), -1);
	ck_assert_int_eq(spool_add("started", json_pack("{s:i}", "n", 1)), 0);
	ck_assert_int_eq(spool_add("stopped", json_pack("{s:i}", "n", 2)), 0);
	ck_assert_int_eq(spool_count(), 2);
	ck_assert_int_eq(spool_oldest(a, sizeof(a)), 0);
	text = slurp(a, NULL);
	ck_assert(strstr(text, "\"type\":\"started\"") != NULL);
	ck_assert(strstr(text, "\"seq\":") != NULL);
	free(text);
	unlink(a);
	ck_assert_int_eq(spool_oldest(b, sizeof(b)), 0);
	ck_assert_str_gt(b, a);
	spool_reject(b);
	ck_assert_int_eq(spool_count(), 0);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	ck_assert_int_eq(system(cmd), 0);
}
END_TEST

START_TEST(file_sums)
{
	char dir[] = "/tmp/fm-unit-XXXXXX", path[300], sum[65];
	long long n;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/f", dir);
	ck_assert_int_eq(write_atomic(path, "abc", 3), 0);
	ck_assert_int_eq(sha256_file(path, sum, &n), 0);
	ck_assert_int_eq(n, 3);
	ck_assert_str_eq(sum,
	    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	ck_assert_int_eq(sha256_file("/nonexistent/x", sum, &n), -1);
	ck_assert(disk_free_mb(dir) > 0);
	unlink(path);
	rmdir(dir);
}
END_TEST

Suite *
suite_box(void)
{
	Suite *s = suite_create("box");
	TCase *tc = tcase_create("box");

	tcase_add_test(tc, schedule_parsing);
	tcase_add_test(tc, schedule_due_times);
	tcase_add_test(tc, schedule_cache);
	tcase_add_test(tc, config_checks);
	tcase_add_test(tc, record_command);
	tcase_add_test(tc, argv_words);
	tcase_add_test(tc, progress_lines);
	tcase_add_test(tc, ranges);
	tcase_add_test(tc, networks);
	tcase_add_test(tc, signed_links);
	tcase_add_test(tc, recording_state);
	tcase_add_test(tc, spool_order);
	tcase_add_test(tc, file_sums);
	suite_add_tcase(s, tc);
	return s;
}
