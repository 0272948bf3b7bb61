/*
 * recinfo.h - what the box remembers about each recording, one JSON file
 * per recording in <Paths.State>/recordings/<key>.json, rewritten
 * atomically at each change, so that a restarted fm-box (after a crash
 * or a power cut) carries on where it was: resume recording, join the
 * parts, make the MP3s.
 */
#ifndef FM_RECINFO_H
#define FM_RECINFO_H

#include <stdbool.h>
#include <time.h>

#define REC_MAX_PARTS 200

enum rec_status {
	REC_RECORDING, /* parts being written */
	REC_JOINING,   /* all parts written; joining them */
	REC_DONE,      /* final MP4 there (or discarded: live only) */
	REC_FAILED,    /* joining failed: the parts are kept and reported */
};

struct recpart {
	time_t started, ended; /* ended 0 while written or when cut */
	char end_reason[16];   /* "stop", "crash", "killed" ("" while on) */
};

struct recinfo {
	char key[64]; /* 20261126T100000Z-r17: also the folder */
	long long resv;
	bool rec, live;
	char label[160];
	enum rec_status status;
	time_t started, stopped;
	int nparts;
	struct recpart parts[REC_MAX_PARTS];
	bool mp3_done, mono_done; /* stereo MP3; room + translation MP3s */
	unsigned extra_done;      /* bit i: Encode.Extra.i made */
	bool reported;            /* the stopped event is spooled */
};

/* The file names of a recording, relative to Paths.Media. */
void rec_part_rel(const struct recinfo *r, int i, char *out, size_t len);
void rec_file_rel(const struct recinfo *r, const char *suffix, const char *ext,
    char *out, size_t len);

/* Loads/saves <state>/recordings/<key>.json; 0 on success. */
int recinfo_load(const char *path, struct recinfo *r);
int recinfo_save(const char *state_dir, const struct recinfo *r);

const char *rec_status_name(enum rec_status s);

#endif
