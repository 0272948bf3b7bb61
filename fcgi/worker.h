/*
 * worker.h - a prefork worker: one database connection, the parsed
 * templates, and a loop accepting FastCGI requests on the shared socket.
 */
#ifndef FM_WORKER_H
#define FM_WORKER_H

/* Never returns: serves requests until SIGTERM, then exits. */
void worker_run(int listen_fd) __attribute__((noreturn));

#endif
