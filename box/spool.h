/*
 * spool.h - the events the box must tell the central server (recording
 * started, part, stopped, file finished), kept on disk until the server
 * has acknowledged them: a box that records while the server or the
 * network is down reports everything, in order, once it is back.
 *
 * One file per event in <Paths.State>/spool/, named by a sequence number
 * that only grows, so names sort in the order events happened.
 */
#ifndef FM_SPOOL_H
#define FM_SPOOL_H

#include <jansson.h>
#include <stddef.h>

/* Reads the last sequence number used; call once before spool_add. */
int spool_init(const char *state_dir);

/*
 * Adds "type", "seq" and "at" to ev (which it takes) and writes it
 * atomically.  Thread-safe.  0 on success.
 */
int spool_add(const char *type, json_t *ev);

/* The oldest waiting event's path into out; 0 when there is one. */
int spool_oldest(char *out, size_t len);

/* Sets an event aside in spool/rejected/ (the server refused it). */
void spool_reject(const char *path);

/* Number of events waiting. */
int spool_count(void);

#endif
