/*
 * bodyfile.h - request bodies nginx wrote to a file for focusd (the box
 * uploads' chunks: client_body_in_file_only, the file's name in the
 * FastCGI parameter FM_BODY_FILE, the body itself not passed on).
 *
 * nginx makes those files mode 0600 for its own user (www-data in the
 * Debian package) and offers no setting to change it, while focusd runs
 * as another user.  The package therefore starts focusd with the one
 * capability CAP_DAC_READ_SEARCH (read any file).  The workers, which
 * parse what the internet sends, never keep it: the master starts a tiny
 * helper process that alone holds it, and whose only job is to open a
 * file beneath Uploads.BodyDir for a worker (openat2 with RESOLVE_BENEATH
 * and RESOLVE_NO_SYMLINKS, a regular file owned by the folder's owner,
 * of the request's length) and hand it the descriptor over a Unix socket
 * (SCM_RIGHTS).  Each worker drops every capability as it starts; the
 * master keeps the capability permitted, not effective, to replace a
 * helper that died.  Where nginx and focusd share a user (the
 * development stack, the tests run as root) no helper is started and a
 * worker opens the file itself, with the same checks.
 */
#ifndef FM_BODYFILE_H
#define FM_BODYFILE_H

#include <stdbool.h>
#include <sys/types.h>

/*
 * In the master, before the workers are forked: when focusd runs as
 * another user than root with CAP_DAC_READ_SEARCH, starts the helper and
 * lowers the capability in the master (effective, inheritable, ambient).
 */
void bodyfile_init(void);

/* In each worker as it starts: drops every capability for good (not as
 * root: the development stack). */
void bodyfile_worker(void);

/* In the master: true when pid was the helper, which is then started
 * again. */
bool bodyfile_reaped(pid_t pid);

/* In the master on SIGHUP: the helper starts again with the new
 * Uploads.BodyDir.  On exit: stops it. */
void bodyfile_restart(void);
void bodyfile_stop(void);

/* The helper's pid, 0 when there is none (tests look at its rights). */
pid_t bodyfile_helper_pid(void);

/*
 * Opens nginx's body file path read-only: it must lie below dir, be a
 * regular file (no link on the way) owned by dir's owner, of exactly len
 * bytes.  Returns the file descriptor, or -1 with errno set (EACCES:
 * focusd may not read nginx's files, see above; EINVAL, ELOOP, EXDEV:
 * not a body file of dir, or not of len bytes).
 */
int bodyfile_open(const char *path, const char *dir, long long len);

/*
 * The check itself, for the helper and the unit tests: opens rel (a path
 * relative to the folder dirfd) with openat2 RESOLVE_BENEATH |
 * RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS | RESOLVE_NO_XDEV; it must
 * be a regular file of len bytes owned by owner.  -1 with errno.
 */
int bodyfile_open_beneath(int dirfd, const char *rel, long long len,
    uid_t owner);

#endif
