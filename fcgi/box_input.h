/*
 * box_input.h - what a box sends, checked before anything is stored: the
 * JSON bodies of its heartbeats and events, read into plain structures by
 * the functions the handlers (box_api.c) call, and fuzzed as they are
 * (t/fuzz/box_json.c).  A box is an untrusted peer: its token can be
 * copied from its disk.
 */
#ifndef FM_BOX_INPUT_H
#define FM_BOX_INPUT_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

struct box_heartbeat {
	const char *state;      /* idle recording encoding uploading error */
	long long reservation;  /* 0 when none */
	const char *version;    /* NULL when absent */
	long long disk_free_mb; /* -1 when absent */
	const char *local_url;  /* NULL when absent (box_url_ok when not) */
	const char *recording;  /* the open recording's key, or NULL */
};

struct box_event {
	const char *type; /* started, part, stopped, file */
	const char *recording;
	const char *at;
	const char *started_at; /* started, part; else at */
	long long reservation;
	int part;             /* part */
	const char *path;     /* part, file */
	const char *ended_at; /* stopped */
	int parts;            /* stopped */
	const char *kind;     /* file */
	const char *sha256;   /* file */
	long long bytes;      /* file */
	long long duration_ms;
};

/*
 * Reads a heartbeat from doc (which keeps the strings).  false with a
 * reason in why (for the box's 400 answer) when it is not one.
 */
bool box_heartbeat_read(json_t *doc, struct box_heartbeat *hb, char *why,
    size_t len);

/* Reads one event the same way. */
bool box_event_read(json_t *doc, struct box_event *ev, char *why, size_t len);

/*
 * True when u is an address browsers on the site may be sent to: http or
 * https, a host name, IPv4 address or [IPv6] literal, an optional port,
 * an optional path of printable ASCII without "?" or "#"; no user
 * information, no space or control character; at most 200 bytes.
 */
bool box_url_ok(const char *u);

/* A box's key of a recording: 1 to 64 of A-Z a-z 0-9 _ -. */
bool box_key_ok(const char *k);

#endif
