/*
 * bodyfile.h - request bodies nginx wrote to a file for focusd (the box
 * uploads' chunks: client_body_in_file_only, the file's name in the
 * FastCGI parameter FM_BODY_FILE, the body itself not passed on).
 *
 * nginx makes those files mode 0600 for its own user (www-data in the
 * Debian package) and offers no setting to change it, while focusd runs
 * as another user.  The package therefore starts focusd with the one
 * capability CAP_DAC_READ_SEARCH (read any file); bodyfile_init() keeps
 * it out of the effective set, and bodyfile_open() raises it for the
 * open() of a body file only, after checking the file is one of nginx's
 * in the configured folder.  Where nginx and focusd share a user (the
 * development stack, the tests) no capability is needed.
 */
#ifndef FM_BODYFILE_H
#define FM_BODYFILE_H

#include <stdbool.h>

/*
 * In the master, before the workers are forked: when focusd runs as
 * another user than root with CAP_DAC_READ_SEARCH, takes it out of the
 * effective and ambient sets (it stays permitted, for bodyfile_open).
 * Root (the development stack run as root) is left as it is.
 */
void bodyfile_init(void);

/*
 * Opens nginx's body file path read-only: it must lie below dir (no ".."),
 * be a regular file (not a link) of exactly len bytes.  Returns the file
 * descriptor, or -1 with errno set (EACCES: focusd may not read nginx's
 * files, see above; EINVAL: not a body file of dir or not of len bytes).
 */
int bodyfile_open(const char *path, const char *dir, long long len);

/* True when focusd holds CAP_DAC_READ_SEARCH in its permitted set. */
bool bodyfile_can_read_any(void);

#endif
