/*
 * box_input.c - see box_input.h.
 */
#include "box_input.h"
#include "linksign.h"

#include <stdio.h>
#include <string.h>

#define KEY_CHARS \
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"

static const char *
str(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static long long
num(json_t *o, const char *key, long long def)
{
	json_t *v = json_object_get(o, key);

	return json_is_integer(v) ? (long long)json_integer_value(v) : def;
}

bool
box_key_ok(const char *k)
{
	size_t n = k ? strlen(k) : 0;

	return n > 0 && n <= 64 && strspn(k, KEY_CHARS) == n;
}

bool
box_url_ok(const char *u)
{
	const char *p;
	size_t n;
	long port;

	if (u == NULL || strlen(u) > 200)
		return false;
	if (!strncmp(u, "http://", 7))
		p = u + 7;
	else if (!strncmp(u, "https://", 8))
		p = u + 8;
	else
		return false;
	if (*p == '[') {
		n = strspn(p + 1, "0123456789abcdefABCDEF:.");
		if (n < 2 || p[1 + n] != ']')
			return false;
		p += n + 2;
	} else {
		n = strspn(p,
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
		    "0123456789.-");
		if (n == 0 || *p == '.' || *p == '-')
			return false;
		p += n;
	}
	if (*p == ':') {
		n = strspn(p + 1, "0123456789");
		if (n == 0 || n > 5)
			return false;
		for (port = 0; n > 0; n--)
			port = port * 10 + (*++p - '0');
		if (port == 0 || port > 65535)
			return false;
		p++;
	}
	if (*p == '\0')
		return true;
	if (*p != '/')
		return false;
	for (; *p; p++)
		if ((unsigned char)*p <= 0x20 || (unsigned char)*p >= 0x7f ||
		    *p == '?' || *p == '#')
			return false;
	return true;
}

bool
box_heartbeat_read(json_t *doc, struct box_heartbeat *hb, char *why, size_t len)
{
	static const char states[] =
	    " idle recording encoding uploading error ";
	char key[24];

	memset(hb, 0, sizeof(*hb));
	if (!json_is_object(doc)) {
		snprintf(why, len, "a heartbeat is a JSON object");
		return false;
	}
	hb->state = str(doc, "state");
	if (hb->state != NULL)
		snprintf(key, sizeof(key), " %s ", hb->state);
	if (hb->state == NULL || strlen(hb->state) > 12 ||
	    strstr(states, key) == NULL) {
		snprintf(why, len, "state must be one of%s", states);
		return false;
	}
	hb->reservation = num(doc, "reservation", 0);
	if (hb->reservation < 0)
		hb->reservation = 0;
	hb->version = str(doc, "version");
	hb->disk_free_mb = num(doc, "disk_free_mb", -1);
	if (hb->disk_free_mb < -1)
		hb->disk_free_mb = -1;
	if (json_object_get(doc, "local_url") != NULL &&
	    !json_is_null(json_object_get(doc, "local_url"))) {
		hb->local_url = str(doc, "local_url");
		if (!box_url_ok(hb->local_url)) {
			snprintf(why, len,
			    "local_url must be an http or https URL: scheme, "
			    "host, optional port and path, nothing else");
			return false;
		}
	}
	hb->recording = box_key_ok(str(doc, "recording"))
	    ? str(doc, "recording")
	    : NULL;
	return true;
}

static bool
good_time(const char *t)
{
	return t != NULL && strlen(t) >= 20 && strlen(t) <= 35;
}

static bool
good_sha(const char *s)
{
	return s != NULL && strlen(s) == 64 &&
	    strspn(s, "0123456789abcdef") == 64;
}

bool
box_event_read(json_t *doc, struct box_event *ev, char *why, size_t len)
{
	memset(ev, 0, sizeof(*ev));
	if (!json_is_object(doc)) {
		snprintf(why, len, "an event is a JSON object");
		return false;
	}
	ev->type = str(doc, "type");
	ev->recording = str(doc, "recording");
	ev->at = str(doc, "at");
	ev->reservation = num(doc, "reservation", 0);
	if (ev->type == NULL || !box_key_ok(ev->recording) ||
	    !good_time(ev->at)) {
		snprintf(why, len, "an event needs type, recording and at");
		return false;
	}
	ev->started_at = str(doc, "started_at");
	if (!strcmp(ev->type, "started") || !strcmp(ev->type, "part")) {
		if (!good_time(ev->started_at)) {
			snprintf(why, len, "%s needs started_at", ev->type);
			return false;
		}
	} else if (strcmp(ev->type, "stopped") && strcmp(ev->type, "file")) {
		snprintf(why, len, "unknown event type");
		return false;
	}
	if (!good_time(ev->started_at))
		ev->started_at = ev->at;
	if (!strcmp(ev->type, "part")) {
		long long part = num(doc, "part", 0);

		ev->path = str(doc, "path");
		if (part < 1 || part > 1000 ||
		    (ev->path != NULL && !link_path_safe(ev->path))) {
			snprintf(why, len,
			    "part needs a part number (1 to 1000) and a safe "
			    "path");
			return false;
		}
		ev->part = (int)part;
		if (ev->path == NULL)
			ev->path = "";
	} else if (!strcmp(ev->type, "stopped")) {
		long long parts = num(doc, "parts", 0);

		ev->ended_at = str(doc, "ended_at");
		if (!good_time(ev->ended_at)) {
			snprintf(why, len, "stopped needs ended_at");
			return false;
		}
		ev->parts = parts < 0 || parts > 1000 ? 0 : (int)parts;
	} else if (!strcmp(ev->type, "file")) {
		ev->kind = str(doc, "kind");
		ev->path = str(doc, "path");
		ev->sha256 = str(doc, "sha256");
		ev->bytes = num(doc, "bytes", -1);
		ev->duration_ms = num(doc, "duration_ms", 0);
		if (ev->kind == NULL || ev->path == NULL ||
		    !link_path_safe(ev->path) || !good_sha(ev->sha256) ||
		    ev->bytes < 0) {
			snprintf(why, len,
			    "file needs kind, path, bytes and sha256");
			return false;
		}
		if (ev->duration_ms < 0)
			ev->duration_ms = 0;
	}
	return true;
}
