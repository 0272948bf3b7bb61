/*
 * master.h - the focusd master process: owns the listening socket and
 * keeps a fixed pool of prefork workers alive.
 */
#ifndef FM_MASTER_H
#define FM_MASTER_H

/*
 * Serves until SIGTERM or SIGINT.  A worker that dies is replaced at
 * once; SIGHUP re-reads the configuration from config_path and replaces
 * the workers one generation at a time (the new ones start before the
 * old ones finish their request and leave).  Returns the exit status.
 */
int master_run(int listen_fd, const char *config_path);

#endif
