/*
 * test_upload.c - the pure parts of fm-upload: upload windows and caps,
 * the finished-file manifests fm-box writes and fm-upload reads, the
 * upload state, retention, the lock.
 */
#include "fm.h"
#include "finished.h"
#include "recinfo.h"
#include "retention.h"
#include "units.h"
#include "upconf.h"
#include "uplock.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static bool
windows(const char *text, struct upload_config *u)
{
	char err[200];

	return upconf_parse_windows(text, u, err, sizeof(err));
}

START_TEST(upload_windows)
{
	struct upload_config u;

	memset(&u, 0, sizeof(u));
	ck_assert(windows("always", &u) && u.nwindows == 0);
	ck_assert(windows("", &u) && u.nwindows == 0);
	ck_assert(upconf_in_window(&u, 0) && upconf_in_window(&u, 1439));
	ck_assert(windows("20:00-07:00", &u) && u.nwindows == 1);
	ck_assert(upconf_in_window(&u, 20 * 60));
	ck_assert(upconf_in_window(&u, 23 * 60 + 59));
	ck_assert(upconf_in_window(&u, 0));
	ck_assert(upconf_in_window(&u, 6 * 60 + 59));
	ck_assert(!upconf_in_window(&u, 7 * 60));
	ck_assert(!upconf_in_window(&u, 19 * 60 + 59));
	ck_assert(!upconf_in_window(&u, 12 * 60));
	ck_assert(windows("12:00-14:00, 22:00-24:00", &u) && u.nwindows == 2);
	ck_assert(upconf_in_window(&u, 13 * 60));
	ck_assert(upconf_in_window(&u, 23 * 60));
	ck_assert(!upconf_in_window(&u, 14 * 60));
	ck_assert(!upconf_in_window(&u, 0));
	ck_assert(!windows("20h-7h", &u));
	ck_assert(!windows("20:00-07:00 x", &u));
	ck_assert(!windows("25:00-07:00", &u));
	ck_assert(!windows("10:60-11:00", &u));
	ck_assert(!windows("08:00-08:00", &u));
	ck_assert(!windows("00:00-24:00", &u));
	ck_assert(!windows("20:00", &u));
}
END_TEST

START_TEST(upload_keys)
{
	struct upload_config u;
	HDF *h;
	NEOERR *err;

	ck_assert(hdf_init(&h) == STATUS_OK);
	ck_assert(upconf_load(h, &u) == STATUS_OK);
	ck_assert_int_eq(u.nwindows, 0);
	ck_assert_int_eq(u.max_bps, 0);
	ck_assert_int_eq(u.max_bps_rec, 250000); /* 2000 kbit/s */
	ck_assert_int_eq(u.retention_days, 7);
	ck_assert_int_eq(u.chunk, 16 * 1024 * 1024);
	/* No cap: the recording cap alone; both: the lower one. */
	ck_assert_int_eq(upconf_cap(&u, false), 0);
	ck_assert_int_eq(upconf_cap(&u, true), 250000);
	hdf_set_value(h, "Upload.MaxKbps", "8000");
	hdf_set_value(h, "Upload.MaxKbpsWhileRecording", "16000");
	hdf_set_value(h, "Upload.Windows", "20:00-07:00");
	hdf_set_value(h, "Upload.ChunkKB", "256");
	ck_assert(upconf_load(h, &u) == STATUS_OK);
	ck_assert_int_eq(upconf_cap(&u, false), 1000000);
	ck_assert_int_eq(upconf_cap(&u, true), 1000000);
	ck_assert_int_eq(u.chunk, 256 * 1024);
	ck_assert_int_eq(u.nwindows, 1);
	hdf_set_value(h, "Upload.ChunkKB", "131072");
	err = upconf_load(h, &u);
	ck_assert(err != STATUS_OK);
	nerr_ignore(&err);
	hdf_set_value(h, "Upload.ChunkKB", "256");
	hdf_set_value(h, "Upload.Windows", "tonight");
	err = upconf_load(h, &u);
	ck_assert(err != STATUS_OK);
	nerr_ignore(&err);
	hdf_destroy(&h);
}
END_TEST

START_TEST(finished_files)
{
	char dir[] = "/tmp/fm-unit-XXXXXX", cmd[400];
	struct finished f, g;
	struct upstate s;
	char **list;
	int n, i;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	memset(&f, 0, sizeof(f));
	snprintf(f.recording, sizeof(f.recording), "20261126T100000Z-r7");
	snprintf(f.kind, sizeof(f.kind), "mp3");
	snprintf(f.path, sizeof(f.path), "%s/%s.mp3", f.recording, f.recording);
	memset(f.sha256, 'a', 64);
	f.resv = 7;
	f.bytes = 12345;
	f.finished_at = 1795000000;
	ck_assert_int_eq(finished_save(dir, &f), 0);
	snprintf(f.kind, sizeof(f.kind), "mp4");
	snprintf(f.path, sizeof(f.path), "%s/%s.mp4", f.recording, f.recording);
	f.duration_ms = 15000;
	ck_assert_int_eq(finished_save(dir, &f), 0);
	snprintf(f.recording, sizeof(f.recording), "20261125T100000Z-r6");
	snprintf(f.path, sizeof(f.path), "%s/part-001.mp4", f.recording);
	ck_assert_int_eq(finished_save(dir, &f), 0);
	n = finished_list(dir, &list);
	ck_assert_int_eq(n, 3);
	/* The oldest recording first. */
	ck_assert(strstr(list[0], "20261125T100000Z-r6/part-001.mp4.json"));
	ck_assert(strstr(list[2], "r7.mp4.json"));
	ck_assert_int_eq(finished_load(list[2], &g), 0);
	ck_assert_str_eq(g.kind, "mp4");
	ck_assert_int_eq(g.bytes, 12345);
	ck_assert_int_eq(g.duration_ms, 15000);
	ck_assert_int_eq(g.finished_at, 1795000000);
	ck_assert_int_eq(g.resv, 7);
	for (i = 0; i < n; i++)
		free(list[i]);
	free(list);
	/* A path outside its recording's folder is refused. */
	ck_assert(!finished_rel_ok("../etc/passwd"));
	ck_assert(!finished_rel_ok("a/../b"));
	ck_assert(!finished_rel_ok("a/b/c"));
	ck_assert(!finished_rel_ok("a/.tmp-x.mp4"));
	ck_assert(!finished_rel_ok("/a/b"));
	ck_assert(finished_rel_ok("20261126T100000Z-r7/x-room.mp3"));
	/* The upload state: missing is zero; saved, read back; forgotten. */
	ck_assert_int_eq(upstate_load(dir, g.path, &s), 0);
	ck_assert_int_eq(s.verified_at, 0);
	s.media_id = 42;
	s.verified_at = 1795000100;
	snprintf(s.central_path, sizeof(s.central_path),
	    "2026/11/26/r3-mp4.mp4");
	ck_assert_int_eq(upstate_save(dir, g.path, &s), 0);
	memset(&s, 0, sizeof(s));
	ck_assert_int_eq(upstate_load(dir, g.path, &s), 0);
	ck_assert_int_eq(s.media_id, 42);
	ck_assert_int_eq(s.verified_at, 1795000100);
	ck_assert_str_eq(s.central_path, "2026/11/26/r3-mp4.mp4");
	finished_forget(dir, g.path);
	ck_assert_int_eq(upstate_load(dir, g.path, &s), 0);
	ck_assert_int_eq(s.verified_at, 0);
	n = finished_list(dir, &list);
	ck_assert_int_eq(n, 2);
	for (i = 0; i < n; i++)
		free(list[i]);
	free(list);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	ck_assert_int_eq(system(cmd), 0);
}
END_TEST

START_TEST(retention_rules)
{
	struct upstate s = { 0 };
	struct recinfo ri;
	time_t now = 1795000000;

	ck_assert(!retention_due(&s, 7, now)); /* never verified */
	s.verified_at = now - 7 * 86400 + 60;
	ck_assert(!retention_due(&s, 7, now));
	s.verified_at = now - 7 * 86400;
	ck_assert(retention_due(&s, 7, now));
	s.verified_at = now;
	ck_assert(retention_due(&s, 0, now));
	memset(&ri, 0, sizeof(ri));
	ck_assert(retention_recording_idle(&ri, false, 0));
	ri.status = REC_RECORDING;
	ck_assert(!retention_recording_idle(&ri, true, 0));
	ri.status = REC_DONE;
	ri.mp3_done = true;
	ck_assert(!retention_recording_idle(&ri, true, 0)); /* mono to make */
	ri.mono_done = true;
	ck_assert(retention_recording_idle(&ri, true, 0));
	ck_assert(!retention_recording_idle(&ri, true, 1)); /* an extra */
	ri.extra_done = 1;
	ck_assert(retention_recording_idle(&ri, true, 1));
	ri.status = REC_FAILED;
	ri.mp3_done = false;
	ck_assert(retention_recording_idle(&ri, true, 1));
}
END_TEST

START_TEST(upload_lock)
{
	char dir[] = "/tmp/fm-unit-XXXXXX", path[300];
	int a, b;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	ck_assert(!uplock_held(dir));
	a = uplock_take(dir);
	ck_assert_int_ge(a, 0);
	ck_assert(uplock_held(dir));
	b = uplock_take(dir);
	ck_assert_int_eq(b, -1);
	close(a);
	ck_assert(!uplock_held(dir));
	b = uplock_take(dir);
	ck_assert_int_ge(b, 0);
	close(b);
	snprintf(path, sizeof(path), "%s/fm-upload.lock", dir);
	unlink(path);
	rmdir(dir);
}
END_TEST

Suite *
suite_upload(void)
{
	Suite *s = suite_create("upload");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, upload_windows);
	tcase_add_test(tc, upload_keys);
	tcase_add_test(tc, finished_files);
	tcase_add_test(tc, retention_rules);
	tcase_add_test(tc, upload_lock);
	suite_add_tcase(s, tc);
	return s;
}
