/*
 * upload.h - one finished file to the central server, resumable
 * (docs/box-api.md, "Uploads"): ask how much of it the central server
 * has, send the rest in chunks, finish with the SHA-256.  Nothing the
 * server already has is sent again; after a cut, only the chunk that was
 * cut.  A file the server could not verify is sent again from the start,
 * once per run, after checking the box's copy still has its SHA-256.
 */
#ifndef FM_UPLOAD_H
#define FM_UPLOAD_H

#include "boxconf.h"
#include "finished.h"
#include "upconf.h"

#include <stdbool.h>

enum up_result {
	UP_VERIFIED, /* the central server has it, verified */
	UP_LATER,    /* this file waits (unknown there yet...); others may go */
	UP_STOP,     /* nothing more now: unreachable, disk full there,
		       * window over; the next run goes on */
	UP_FAILED,   /* this file needs a human (changed on the box, known
		       * otherwise there, refused token) */
};

struct up_job {
	const struct box_config *c;
	const struct upload_config *u;
	const struct finished *f;
	bool verbose;
	bool (*may_go_on)(void); /* false: stop after this chunk */
	bool (*recording)(void); /* a recording runs: the lower cap */
	/* results */
	long long media_id;
	char central_path[256];
	long long sent;    /* bytes that left the box in this run */
	char message[400]; /* why, when not verified */
};

enum up_result upload_file(struct up_job *j);

#endif
