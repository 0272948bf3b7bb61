/*
 * boxstate.h - what the box is doing, as the heartbeat reports it
 * (docs/box-api.md).  The main thread fills it; the network thread
 * sends it.
 */
#ifndef FM_BOXSTATE_H
#define FM_BOXSTATE_H

struct box_status {
	char state[16];    /* idle, recording, encoding, uploading, error */
	long long resv;    /* the reservation being recorded, 0 when none */
	char key[64];      /* the recording's key */
	int parts;         /* parts so far (1 + restarts of ffmpeg) */
	long long frame;   /* ffmpeg progress */
	long long dropped; /* frames ffmpeg dropped, this part */
	char bitrate[32];
	char speed[16];
	char live[16];     /* off, pushing, retrying */
	char encoding[96]; /* the MP3/extra job running, "" when none */
	char message[200]; /* why state is error */
};

#endif
