/*
 * metrics.c - see metrics.h.  Each counter is a 64-bit integer added to
 * atomically; durations are kept in microseconds and histogram buckets
 * (cumulative when written, as Prometheus reads them).
 */
#include "metrics.h"
#include "routes.h"

#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#define MAX_ROUTES 256
#define NBUCKETS   12

/* The statuses counted apart; any other is counted as the last one. */
static const int statuses[] = { 200, 201, 204, 206, 301, 302, 303, 304, 400,
	401, 403, 404, 405, 409, 413, 416, 422, 429, 500, 502, 503, 504, 507,
	0 };
#define NSTATUS (sizeof(statuses) / sizeof(statuses[0]))

/* Upper bounds of the buckets, in seconds (the last one is +Inf). */
static const double bounds[NBUCKETS - 1] = { 0.005, 0.01, 0.025, 0.05, 0.1,
	0.25, 0.5, 1, 2.5, 5, 10 };

struct shared {
	unsigned long long requests[MAX_ROUTES + 1][NSTATUS];
	unsigned long long buckets[MAX_ROUTES + 1][NBUCKETS];
	unsigned long long sum_us[MAX_ROUTES + 1];
	unsigned long long count[MAX_ROUTES + 1];
	unsigned long long restarts;
	unsigned long long db_errors;
};

static struct shared *m;

bool
metrics_init(void)
{
	if (m != NULL)
		return true;
	m = mmap(NULL, sizeof(*m), PROT_READ | PROT_WRITE,
	    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED) {
		m = NULL;
		return false;
	}
	return true;
}

static void
bump(unsigned long long *p, unsigned long long n)
{
	__atomic_fetch_add(p, n, __ATOMIC_RELAXED);
}

void
metrics_request(int route, int status, double ms)
{
	size_t r = route >= 0 && route < MAX_ROUTES ? (size_t)route
	                                            : MAX_ROUTES;
	size_t s, b;
	double secs = ms / 1000.0;

	if (m == NULL)
		return;
	for (s = 0; s + 1 < NSTATUS && statuses[s] != status; s++)
		;
	bump(&m->requests[r][s], 1);
	for (b = 0; b + 1 < NBUCKETS && secs > bounds[b]; b++)
		;
	bump(&m->buckets[r][b], 1);
	bump(&m->sum_us[r], ms > 0 ? (unsigned long long)(ms * 1000.0) : 0);
	bump(&m->count[r], 1);
}

void
metrics_db_error(void)
{
	if (m != NULL)
		bump(&m->db_errors, 1);
}

void
metrics_worker_restart(void)
{
	if (m != NULL)
		bump(&m->restarts, 1);
}

static unsigned long long
get(const unsigned long long *p)
{
	return __atomic_load_n(p, __ATOMIC_RELAXED);
}

/* A route's labels: method and pattern ("-" when none matched). */
static void
labels(char *out, size_t len, const struct route *t, size_t n, size_t r)
{
	if (r < n)
		snprintf(out, len, "method=\"%s\",route=\"%s\"", t[r].method,
		    t[r].pattern);
	else
		snprintf(out, len, "method=\"\",route=\"-\"");
}

NEOERR *
metrics_write(STRING *out)
{
	size_t n, r, s, b;
	const struct route *t = routes_table(&n);
	char lab[256];
	unsigned long long cum;
	NEOERR *err = STATUS_OK;

	if (m == NULL)
		return STATUS_OK;
	if (n > MAX_ROUTES)
		n = MAX_ROUTES;
	err = string_append(out,
	    "# HELP fm_http_requests_total Requests served, by route and "
	    "status.\n"
	    "# TYPE fm_http_requests_total counter\n");
	for (r = 0; err == STATUS_OK && r <= MAX_ROUTES; r++) {
		if (r >= n && r != MAX_ROUTES)
			continue;
		labels(lab, sizeof(lab), t, n, r);
		for (s = 0; err == STATUS_OK && s < NSTATUS; s++)
			if (get(&m->requests[r][s]) > 0) {
				char code[8];

				if (statuses[s])
					snprintf(code, sizeof(code), "%d",
					    statuses[s]);
				else
					snprintf(code, sizeof(code), "other");
				err = string_appendf(out,
				    "fm_http_requests_total{%s,status=\"%s\"} "
				    "%llu\n",
				    lab, code, get(&m->requests[r][s]));
			}
	}
	if (err == STATUS_OK)
		err = string_append(out,
		    "# HELP fm_http_request_duration_seconds Time to serve a "
		    "request, by route.\n"
		    "# TYPE fm_http_request_duration_seconds histogram\n");
	for (r = 0; err == STATUS_OK && r <= MAX_ROUTES; r++) {
		if ((r >= n && r != MAX_ROUTES) || get(&m->count[r]) == 0)
			continue;
		labels(lab, sizeof(lab), t, n, r);
		cum = 0;
		for (b = 0; err == STATUS_OK && b < NBUCKETS; b++) {
			cum += get(&m->buckets[r][b]);
			if (b + 1 < NBUCKETS)
				err = string_appendf(out,
				    "fm_http_request_duration_seconds_bucket{%"
				    "s,"
				    "le=\"%g\"} %llu\n",
				    lab, bounds[b], cum);
			else
				err = string_appendf(out,
				    "fm_http_request_duration_seconds_bucket{%"
				    "s,"
				    "le=\"+Inf\"} %llu\n",
				    lab, cum);
		}
		if (err == STATUS_OK)
			err = string_appendf(out,
			    "fm_http_request_duration_seconds_sum{%s} %.6f\n"
			    "fm_http_request_duration_seconds_count{%s} %llu\n",
			    lab, get(&m->sum_us[r]) / 1e6, lab,
			    get(&m->count[r]));
	}
	if (err == STATUS_OK)
		err = string_appendf(out,
		    "# HELP fm_worker_restarts_total Workers that died and "
		    "were replaced.\n"
		    "# TYPE fm_worker_restarts_total counter\n"
		    "fm_worker_restarts_total %llu\n"
		    "# HELP fm_db_errors_total Requests that failed on the "
		    "database.\n"
		    "# TYPE fm_db_errors_total counter\n"
		    "fm_db_errors_total %llu\n",
		    get(&m->restarts), get(&m->db_errors));
	return nerr_pass(err);
}
