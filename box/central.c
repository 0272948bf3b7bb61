/*
 * central.c - HTTP client for the box API (libcurl easy interface), for
 * fm-box and fm-upload alike: one handle, so calls reuse the connection.
 */
#include "central.h"

#include <curl/curl.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static CURL *curl;
static const struct box_config *cfg;
static char errbuf[CURL_ERROR_SIZE];
static char auth[300];
static char agent[64];

struct hdr_ctx {
	char *etag;
	size_t len;
};

void
buf_free(struct buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = 0;
}

static size_t
on_body(char *ptr, size_t size, size_t nmemb, void *ud)
{
	struct buf *b = ud;
	size_t n = size * nmemb;
	char *nd;

	if (b->len + n > 8 * 1024 * 1024)
		return 0; /* no answer of ours is that big */
	nd = realloc(b->data, b->len + n + 1);
	if (nd == NULL)
		return 0;
	memcpy(nd + b->len, ptr, n);
	b->data = nd;
	b->len += n;
	b->data[b->len] = '\0';
	return n;
}

static size_t
on_header(char *ptr, size_t size, size_t nmemb, void *ud)
{
	struct hdr_ctx *h = ud;
	size_t n = size * nmemb, v;

	if (h != NULL && h->etag != NULL && n > 5 &&
	    !strncasecmp(ptr, "ETag:", 5)) {
		v = 5 + strspn(ptr + 5, " \t");
		snprintf(h->etag, h->len, "%.*s", (int)(n - v), ptr + v);
		h->etag[strcspn(h->etag, "\r\n")] = '\0';
	}
	return n;
}

int
central_open(const struct box_config *c, const char *program)
{
	cfg = c;
	curl = curl_easy_init();
	if (curl == NULL)
		return -1;
	snprintf(auth, sizeof(auth), "Authorization: Bearer %s", c->token);
	snprintf(agent, sizeof(agent), "%s/%s", program, PACKAGE_VERSION);
	return 0;
}

void
central_close(void)
{
	if (curl != NULL)
		curl_easy_cleanup(curl);
	curl = NULL;
	memset(auth, 0, sizeof(auth));
}

/* The request as set up by the caller (method, time-out): its status. */
static long
perform(const char *path, struct curl_slist *hdrs, struct buf *body,
    struct hdr_ctx *hc)
{
	char url[1200];
	long status = -1;
	CURLcode rc;

	snprintf(url, sizeof(url), "%s%s", cfg->central_url, path);
	curl_easy_setopt(curl, CURLOPT_URL, url);
	curl_easy_setopt(curl, CURLOPT_HTTPHEADER, hdrs);
	curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(curl, CURLOPT_WRITEDATA, body);
	curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(curl, CURLOPT_HEADERDATA, hc);
	curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errbuf);
	curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 5L);
	curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(curl, CURLOPT_USERAGENT, agent);
	errbuf[0] = '\0';
	rc = curl_easy_perform(curl);
	curl_easy_setopt(curl, CURLOPT_HTTPHEADER, NULL); /* freed next */
	if (rc != CURLE_OK) {
		if (errbuf[0] == '\0')
			snprintf(errbuf, sizeof(errbuf), "%s",
			    curl_easy_strerror(rc));
		return -1;
	}
	curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
	return status;
}

long
central_get(const char *path, const char *etag_in, struct buf *body,
    char *etag_out, size_t etag_len)
{
	struct curl_slist *h = NULL;
	struct hdr_ctx hc = { etag_out, etag_len };
	char inm[200];
	long st;

	if (etag_out != NULL && etag_len > 0)
		etag_out[0] = '\0';
	h = curl_slist_append(h, auth);
	h = curl_slist_append(h, "Accept: application/json");
	if (etag_in != NULL && *etag_in) {
		snprintf(inm, sizeof(inm), "If-None-Match: %s", etag_in);
		h = curl_slist_append(h, inm);
	}
	curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
	curl_easy_setopt(curl, CURLOPT_TIMEOUT, (long)cfg->central_timeout);
	st = perform(path, h, body, &hc);
	curl_slist_free_all(h);
	return st;
}

long
central_post(const char *path, const char *json, struct buf *body)
{
	return central_post_within(path, json, cfg->central_timeout, body);
}

/* The headers of a request with a body: the box's token, its type, a
 * JSON answer, and no "100 Continue" round trip before the body. */
static struct curl_slist *
body_headers(struct curl_slist *h, const char *content_type)
{
	h = curl_slist_append(h, auth);
	h = curl_slist_append(h, content_type);
	h = curl_slist_append(h, "Accept: application/json");
	return curl_slist_append(h, "Expect:");
}

long
central_post_within(const char *path, const char *json, long timeout_secs,
    struct buf *body)
{
	struct curl_slist *h = NULL;
	long st;

	h = body_headers(h, "Content-Type: application/json");
	curl_easy_setopt(curl, CURLOPT_POST, 1L);
	curl_easy_setopt(curl, CURLOPT_POSTFIELDS, json);
	curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, (long)strlen(json));
	curl_easy_setopt(curl, CURLOPT_TIMEOUT, timeout_secs);
	curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 0L);
	st = perform(path, h, body, NULL);
	curl_slist_free_all(h);
	curl_easy_setopt(curl, CURLOPT_POSTFIELDS, NULL);
	return st;
}

long
central_put(const char *path, const char *header, long long len,
    central_read_fn read, void *ud, long buffer_size, int stall_secs,
    struct buf *body)
{
	struct curl_slist *h = NULL;
	long st;

	h = curl_slist_append(h, header);
	h = body_headers(h, "Content-Type: application/octet-stream");
	curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(curl, CURLOPT_READFUNCTION, read);
	curl_easy_setopt(curl, CURLOPT_READDATA, ud);
	curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, (curl_off_t)len);
	curl_easy_setopt(curl, CURLOPT_UPLOAD_BUFFERSIZE, buffer_size);
	/* A dead link is noticed by the speed, not a fixed time-out: a
	 * capped chunk may rightly take minutes. */
	curl_easy_setopt(curl, CURLOPT_TIMEOUT, 0L);
	curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1024L);
	curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, (long)stall_secs);
	st = perform(path, h, body, NULL);
	curl_slist_free_all(h);
	curl_easy_setopt(curl, CURLOPT_UPLOAD, 0L);
	curl_easy_setopt(curl, CURLOPT_READDATA, NULL);
	curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 0L);
	return st;
}

const char *
central_error(void)
{
	return errbuf;
}
