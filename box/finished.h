/*
 * finished.h - the contract between fm-box and fm-upload (docs/box.md,
 * "Finished files"): a file of the media folder may be uploaded, and
 * later deleted, only when fm-box wrote its manifest
 *
 *     <Paths.State>/files/<recording>/<file name>.json
 *
 * once the file was complete under its final name (after the rename of a
 * join or an encode), with its size and SHA-256: computed once, there,
 * and kept.  A recording being recorded or joined has no manifest for
 * its parts or temporary files, so fm-upload never touches them.
 *
 * fm-upload keeps what it did with each file apart, in
 *
 *     <Paths.State>/uploads/<recording>/<file name>.json
 *
 * (the central server's id of the file, when the central server verified
 * it): each program writes its own files only, atomically.
 */
#ifndef FM_FINISHED_H
#define FM_FINISHED_H

#include <stdbool.h>
#include <time.h>

struct finished {
	char recording[64]; /* the recording's key: its folder */
	long long resv;
	char kind[16];  /* mp4, mp3, mp3_room, mp3_trad, other */
	char path[256]; /* relative to Paths.Media */
	long long bytes;
	char sha256[65];
	long long duration_ms; /* 0 when unknown */
	time_t finished_at;
};

/* What fm-upload did with a file. */
struct upstate {
	long long media_id;     /* the central server's id, 0 when unknown */
	time_t verified_at;     /* 0 until the central server verified it */
	char central_path[256]; /* its path in the central store */
};

/* The manifest's and the upload state's paths for a file. */
void finished_path(const char *state_dir, const char *rel, char *out,
    size_t len);
void upstate_path(const char *state_dir, const char *rel, char *out,
    size_t len);

/* Writes the manifest (fm-box), making its folder; 0 on success. */
int finished_save(const char *state_dir, const struct finished *f);

/* Reads a manifest; 0 when it is whole and its path is safe. */
int finished_load(const char *path, struct finished *f);

/*
 * The manifests of every recording, oldest recording first (keys begin
 * with the start time), as a malloc'd array of paths (free each, then
 * the array); -1 on error.
 */
int finished_list(const char *state_dir, char ***paths);

/* The upload state of rel; a missing file gives a zeroed one (0). */
int upstate_load(const char *state_dir, const char *rel, struct upstate *u);
int upstate_save(const char *state_dir, const char *rel,
    const struct upstate *u);

/*
 * Forgets a file deleted from the media folder: its manifest, its upload
 * state, and the folders they leave empty.
 */
void finished_forget(const char *state_dir, const char *rel);

/* True when rel is "<recording>/<name>" with safe parts. */
bool finished_rel_ok(const char *rel);

#endif
