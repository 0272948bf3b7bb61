/*
 * httpd.c - signed local downloads (see httpd.h).
 */
#include "httpd.h"
#include "linksign.h"
#include "log.h"
#include "net.h"
#include "spool.h"
#include "util.h"

#include <microhttpd.h>

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static struct MHD_Daemon *daemon_;
static const struct box_config *cfg;

int
http_range(const char *h, long long size, long long *from, long long *len)
{
	long long a, b;
	char *end;

	if (h == NULL || strncmp(h, "bytes=", 6) != 0 || size <= 0)
		return 0;
	h += 6;
	if (strchr(h, ',') != NULL)
		return 0; /* several ranges: send the whole file */
	if (*h == '-') {
		b = strtoll(h + 1, &end, 10);
		if (end == h + 1 || *end != '\0' || b <= 0)
			return -1;
		if (b > size)
			b = size;
		*from = size - b;
		*len = b;
		return 1;
	}
	a = strtoll(h, &end, 10);
	if (end == h || *end != '-' || a < 0)
		return 0;
	h = end + 1;
	if (*h == '\0') {
		b = size - 1;
	} else {
		b = strtoll(h, &end, 10);
		if (*end != '\0' || b < a)
			return 0;
	}
	if (a >= size)
		return -1;
	if (b >= size)
		b = size - 1;
	*from = a;
	*len = b - a + 1;
	return 1;
}

bool
cidr_allows(const char *list, const struct sockaddr *sa)
{
	unsigned char want[16], have[16];
	char item[80], *slash;
	const char *p = list;
	int fam, bits, nbytes, i;
	size_t len;

	if (sa->sa_family == AF_INET) {
		memcpy(have, &((const struct sockaddr_in *)sa)->sin_addr, 4);
		fam = AF_INET;
	} else if (sa->sa_family == AF_INET6) {
		const struct in6_addr *a6 =
		    &((const struct sockaddr_in6 *)sa)->sin6_addr;

		if (IN6_IS_ADDR_V4MAPPED(a6)) {
			memcpy(have, &a6->s6_addr[12], 4);
			fam = AF_INET;
		} else {
			memcpy(have, a6, 16);
			fam = AF_INET6;
		}
	} else {
		return false;
	}
	while (p && *p) {
		p += strspn(p, " ,");
		len = strcspn(p, " ,");
		if (len == 0 || len >= sizeof(item)) {
			p += len;
			continue;
		}
		memcpy(item, p, len);
		item[len] = '\0';
		p += len;
		slash = strchr(item, '/');
		if (slash)
			*slash = '\0';
		if (inet_pton(fam, item, want) != 1)
			continue;
		/* a prefix length is digits only: "10.0.0.0/x" or "/" is
		 * no network (atoi made it /0: the whole internet) */
		if (slash &&
		    (slash[1] == '\0' || strlen(slash + 1) > 3 ||
		        strspn(slash + 1, "0123456789") != strlen(slash + 1)))
			continue;
		bits = slash ? atoi(slash + 1) : (fam == AF_INET ? 32 : 128);
		nbytes = fam == AF_INET ? 4 : 16;
		if (bits < 0 || bits > nbytes * 8)
			continue;
		for (i = 0; i < nbytes && bits > 0; i++, bits -= 8) {
			unsigned char mask = bits >= 8
			    ? 0xff
			    : (unsigned char)(0xff << (8 - bits));

			if ((want[i] & mask) != (have[i] & mask))
				break;
		}
		if (bits <= 0 || i == nbytes)
			return true;
	}
	return false;
}

static enum MHD_Result
on_accept(void *cls, const struct sockaddr *addr, socklen_t addrlen)
{
	(void)cls;
	(void)addrlen;
	return cidr_allows(cfg->http_allow, addr) ? MHD_YES : MHD_NO;
}

static enum MHD_Result
answer_text(struct MHD_Connection *conn, unsigned status, const char *text)
{
	struct MHD_Response *r;
	enum MHD_Result ret;

	r = MHD_create_response_from_buffer(strlen(text), (void *)text,
	    MHD_RESPMEM_PERSISTENT);
	if (r == NULL)
		return MHD_NO;
	MHD_add_response_header(r, "Content-Type", "text/plain; charset=utf-8");
	MHD_add_response_header(r, "Cache-Control", "no-store");
	ret = MHD_queue_response(conn, status, r);
	MHD_destroy_response(r);
	return ret;
}

static const char *
content_type(const char *path)
{
	const char *dot = strrchr(path, '.');

	if (dot == NULL)
		return "application/octet-stream";
	if (!strcmp(dot, ".mp4"))
		return "video/mp4";
	if (!strcmp(dot, ".mp3"))
		return "audio/mpeg";
	if (!strcmp(dot, ".webm"))
		return "video/webm";
	return "application/octet-stream";
}

static bool
hidden_segment(const char *rel)
{
	const char *p = rel;

	for (;;) {
		if (*p == '.')
			return true;
		p = strchr(p, '/');
		if (p == NULL)
			return false;
		p++;
	}
}

/*
 * GET /metrics: the box in Prometheus' text format (docs/box.md), for
 * the addresses Http.Allow lets in: its state, ffmpeg's speed, frames
 * and dropped frames, free disk, the events waiting to be sent, the age
 * of the central server's last answer.
 */
static enum MHD_Result
metrics(struct MHD_Connection *conn)
{
	static const char *const states[] = { "idle", "recording", "encoding",
		"uploading", "error" };
	struct box_status st;
	struct MHD_Response *r;
	enum MHD_Result ret;
	time_t last_ok;
	char buf[3000];
	size_t o = 0, i;
	long long mb = disk_free_mb(cfg->media_dir);

	net_get_status(&st, &last_ok);
	o += (size_t)snprintf(buf + o, sizeof(buf) - o,
	    "# HELP fm_box_state 1 for the box's state.\n"
	    "# TYPE fm_box_state gauge\n");
	for (i = 0; i < sizeof(states) / sizeof(states[0]); i++)
		o += (size_t)snprintf(buf + o, sizeof(buf) - o,
		    "fm_box_state{state=\"%s\"} %d\n", states[i],
		    strcmp(st.state, states[i]) == 0);
	o += (size_t)snprintf(buf + o, sizeof(buf) - o,
	    "# HELP fm_box_ffmpeg_speed ffmpeg's speed (1: real time), 0 when "
	    "not recording.\n"
	    "# TYPE fm_box_ffmpeg_speed gauge\n"
	    "fm_box_ffmpeg_speed %g\n"
	    "# HELP fm_box_ffmpeg_frames Frames of the current part.\n"
	    "# TYPE fm_box_ffmpeg_frames gauge\n"
	    "fm_box_ffmpeg_frames %lld\n"
	    "# HELP fm_box_ffmpeg_dropped_frames Frames ffmpeg dropped in the "
	    "current part.\n"
	    "# TYPE fm_box_ffmpeg_dropped_frames gauge\n"
	    "fm_box_ffmpeg_dropped_frames %lld\n"
	    "# HELP fm_box_recording_parts Parts of the current recording.\n"
	    "# TYPE fm_box_recording_parts gauge\n"
	    "fm_box_recording_parts %d\n"
	    "# HELP fm_box_disk_free_bytes Free space of the media folder.\n"
	    "# TYPE fm_box_disk_free_bytes gauge\n"
	    "fm_box_disk_free_bytes %lld\n"
	    "# HELP fm_box_spooled_events Events waiting to be sent.\n"
	    "# TYPE fm_box_spooled_events gauge\n"
	    "fm_box_spooled_events %d\n"
	    "# HELP fm_box_central_answer_age_seconds Seconds since the "
	    "central server last answered (-1: never).\n"
	    "# TYPE fm_box_central_answer_age_seconds gauge\n"
	    "fm_box_central_answer_age_seconds %lld\n",
	    strcmp(st.state, "recording") ? 0.0 : atof(st.speed), st.frame,
	    st.dropped, st.parts, mb >= 0 ? mb * 1024 * 1024 : -1,
	    spool_count(), last_ok ? (long long)(time(NULL) - last_ok) : -1LL);
	if (o >= sizeof(buf))
		o = sizeof(buf) - 1;
	r = MHD_create_response_from_buffer(o, buf, MHD_RESPMEM_MUST_COPY);
	if (r == NULL)
		return MHD_NO;
	MHD_add_response_header(r, "Content-Type",
	    "text/plain; version=0.0.4; charset=utf-8");
	ret = MHD_queue_response(conn, MHD_HTTP_OK, r);
	MHD_destroy_response(r);
	return ret;
}

static enum MHD_Result
serve(void *cls, struct MHD_Connection *conn, const char *url,
    const char *method, const char *version, const char *upload_data,
    size_t *upload_size, void **con_cls)
{
	const char *rel, *e, *s, *range, *base;
	char path[1200], disp[400];
	struct MHD_Response *r;
	struct stat st;
	long long from = 0, len;
	enum MHD_Result ret;
	time_t now = time(NULL);
	int fd, rr;
	unsigned status;

	(void)cls;
	(void)version;
	(void)upload_data;
	(void)upload_size;
	(void)con_cls;
	if (strcmp(method, "GET") && strcmp(method, "HEAD"))
		return answer_text(conn, MHD_HTTP_METHOD_NOT_ALLOWED,
		    "GET only\n");
	if (!strcmp(url, "/metrics"))
		return metrics(conn);
	if (strncmp(url, "/dl/", 4) != 0)
		return answer_text(conn, MHD_HTTP_NOT_FOUND, "Not found\n");
	rel = url + 4;
	e = MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, "e");
	s = MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, "s");
	if (!link_path_safe(rel) || hidden_segment(rel))
		return answer_text(conn, MHD_HTTP_NOT_FOUND, "Not found\n");
	if (e != NULL && atoll(e) < (long long)now && s != NULL)
		return answer_text(conn, MHD_HTTP_FORBIDDEN,
		    "This link has expired: ask the page for a new one.\n");
	if (!link_check(cfg->link_key, url, e, s, now)) {
		log_warn("httpd: refused %s (bad signature)", url);
		return answer_text(conn, MHD_HTTP_FORBIDDEN,
		    "This link is not valid.\n");
	}
	snprintf(path, sizeof(path), "%s/%s", cfg->media_dir, rel);
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
	    now - st.st_mtime > (time_t)cfg->http_max_days * 86400) {
		if (fd >= 0)
			close(fd);
		return answer_text(conn, MHD_HTTP_NOT_FOUND,
		    "This file is no longer on the box.\n");
	}
	len = (long long)st.st_size;
	range = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Range");
	rr = http_range(range, (long long)st.st_size, &from, &len);
	if (rr < 0) {
		close(fd);
		r = MHD_create_response_from_buffer(0, (void *)"",
		    MHD_RESPMEM_PERSISTENT);
		snprintf(disp, sizeof(disp), "bytes */%lld",
		    (long long)st.st_size);
		MHD_add_response_header(r, "Content-Range", disp);
		ret = MHD_queue_response(conn, MHD_HTTP_RANGE_NOT_SATISFIABLE,
		    r);
		MHD_destroy_response(r);
		return ret;
	}
	r = MHD_create_response_from_fd_at_offset64((uint64_t)len, fd,
	    (uint64_t)from); /* owns fd */
	if (r == NULL) {
		close(fd);
		return MHD_NO;
	}
	status = MHD_HTTP_OK;
	if (rr == 1) {
		status = MHD_HTTP_PARTIAL_CONTENT;
		snprintf(disp, sizeof(disp), "bytes %lld-%lld/%lld", from,
		    from + len - 1, (long long)st.st_size);
		MHD_add_response_header(r, "Content-Range", disp);
	}
	base = strrchr(rel, '/');
	base = base ? base + 1 : rel;
	snprintf(disp, sizeof(disp), "attachment; filename=\"%s\"", base);
	MHD_add_response_header(r, "Content-Type", content_type(rel));
	MHD_add_response_header(r, "Content-Disposition", disp);
	MHD_add_response_header(r, "Accept-Ranges", "bytes");
	MHD_add_response_header(r, "Cache-Control", "private, max-age=0");
	ret = MHD_queue_response(conn, status, r);
	MHD_destroy_response(r);
	log_info("httpd: %s %s %u %lld bytes", method, rel, status, len);
	return ret;
}

int
httpd_start(const struct box_config *c)
{
	struct sockaddr_storage ss;
	char host[128];
	const char *colon;
	int port;

	cfg = c;
	if (c->http_listen[0] == '\0')
		return 0;
	colon = strrchr(c->http_listen, ':');
	if (colon == NULL || (size_t)(colon - c->http_listen) >= sizeof(host))
		return -1;
	snprintf(host, sizeof(host), "%.*s", (int)(colon - c->http_listen),
	    c->http_listen);
	port = atoi(colon + 1);
	memset(&ss, 0, sizeof(ss));
	if (host[0] == '[') {
		struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)&ss;

		host[strlen(host) - 1] = '\0';
		s6->sin6_family = AF_INET6;
		s6->sin6_port = htons((uint16_t)port);
		if (inet_pton(AF_INET6, host + 1, &s6->sin6_addr) != 1)
			return -1;
	} else {
		struct sockaddr_in *s4 = (struct sockaddr_in *)&ss;

		s4->sin_family = AF_INET;
		s4->sin_port = htons((uint16_t)port);
		if (inet_pton(AF_INET, host, &s4->sin_addr) != 1)
			return -1;
	}
	daemon_ = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD |
	        MHD_USE_ERROR_LOG |
	        (ss.ss_family == AF_INET6 ? MHD_USE_IPv6 : 0),
	    (uint16_t)port, on_accept, NULL, serve, NULL, MHD_OPTION_SOCK_ADDR,
	    (struct sockaddr *)&ss, MHD_OPTION_CONNECTION_TIMEOUT, 120u,
	    MHD_OPTION_CONNECTION_LIMIT, 32u, MHD_OPTION_END);
	if (daemon_ == NULL) {
		log_error("httpd: cannot listen on %s: %s", c->http_listen,
		    strerror(errno));
		return -1;
	}
	log_info("httpd: local downloads on %s", c->http_listen);
	return 0;
}

void
httpd_stop(void)
{
	if (daemon_ != NULL)
		MHD_stop_daemon(daemon_);
	daemon_ = NULL;
}
