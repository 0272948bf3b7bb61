/*
 * form.c - field checks and the Form/Errors/Clean HDF subtrees.
 */
#include "form.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

long
utf8_length(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	long n = 0;

	while (*p) {
		int extra;

		if (*p < 0x80)
			extra = 0;
		else if ((*p & 0xe0) == 0xc0 && *p >= 0xc2)
			extra = 1;
		else if ((*p & 0xf0) == 0xe0)
			extra = 2;
		else if ((*p & 0xf8) == 0xf0 && *p <= 0xf4)
			extra = 3;
		else
			return -1;
		p++;
		while (extra-- > 0) {
			if ((*p & 0xc0) != 0x80)
				return -1;
			p++;
		}
		n++;
	}
	return n;
}

/* Control characters are refused, except newlines/tabs in text areas. */
static bool
clean_chars(const char *s, bool multiline)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == 0x7f)
			return false;
		if (c < 0x20 &&
		    !(multiline && (c == '\n' || c == '\r' || c == '\t')))
			return false;
	}
	return true;
}

static bool
check_email(const char *s)
{
	const char *at = strchr(s, '@'), *dot, *p;

	if (at == NULL || at == s || at - s > 64 || strchr(at + 1, '@'))
		return false;
	dot = strrchr(at + 1, '.');
	if (dot == NULL || dot == at + 1 || dot[1] == '\0' || strlen(s) > 254)
		return false;
	for (p = s; *p; p++) {
		unsigned char c = (unsigned char)*p;

		if (c <= ' ' || c == '<' || c == '>' || c == '"' || c == ',' ||
		    c == ';' || c == '(' || c == ')' || c == '[' || c == ']' ||
		    c == '\\')
			return false;
	}
	for (p = at + 1; *p; p++)
		if (!isalnum((unsigned char)*p) && *p != '.' && *p != '-' &&
		    (unsigned char)*p < 0x80)
			return false;
	return strstr(at, "..") == NULL;
}

static bool
only_chars(const char *s, const char *allowed, bool alnum)
{
	for (; *s; s++)
		if (!(alnum && isalnum((unsigned char)*s)) &&
		    strchr(allowed, *s) == NULL)
			return false;
	return true;
}

/* Copies s without the characters in drop. */
static void
strip(char *out, size_t len, const char *s, const char *drop)
{
	size_t o = 0;

	for (; *s && o + 1 < len; s++)
		if (strchr(drop, *s) == NULL)
			out[o++] = *s;
	out[o] = '\0';
}

static bool
luhn(const char *digits)
{
	int sum = 0, i, n = (int)strlen(digits);

	for (i = 0; i < n; i++) {
		int d = digits[n - 1 - i] - '0';

		if (i % 2 == 1) {
			d *= 2;
			if (d > 9)
				d -= 9;
		}
		sum += d;
	}
	return sum % 10 == 0;
}

/*
 * Copies a number as typed without its group separators: spaces,
 * apostrophes, and the UTF-8 no-break spaces (c2 a0, e2 80 af) that
 * French number formatting produces when a figure is copied and pasted.
 */
static void
drop_nbsp(char *out, size_t len, const char *s)
{
	size_t o = 0;

	while (*s && o + 1 < len) {
		const unsigned char *u = (const unsigned char *)s;

		if (*s == ' ' || *s == '\'')
			s++;
		else if (u[0] == 0xc2 && u[1] == 0xa0)
			s += 2;
		else if (u[0] == 0xe2 && u[1] == 0x80 && u[2] == 0xaf)
			s += 3;
		else
			out[o++] = *s++;
	}
	out[o] = '\0';
}

/* Decimal number with at most `decimals` digits after , or . */
static const char *
check_decimal(const char *in, int decimals, char *out, size_t outlen)
{
	char buf[64];
	const char *p;
	int seen_point = 0, after = 0, digits = 0;
	size_t i;

	drop_nbsp(buf, sizeof(buf), in);
	for (i = 0; buf[i]; i++)
		if ((unsigned char)buf[i] >= 0x80)
			return "err.number";
	p = buf;
	if (*p == '-' || *p == '+')
		p++;
	for (; *p; p++) {
		if (*p == ',' || *p == '.') {
			if (seen_point++)
				return "err.number";
			continue;
		}
		if (!isdigit((unsigned char)*p))
			return "err.number";
		digits++;
		if (seen_point)
			after++;
	}
	if (digits == 0 || digits > 15)
		return "err.number";
	if (after > decimals)
		return decimals == 2 ? "err.money" : "err.number";
	for (i = 0; buf[i]; i++)
		if (buf[i] == ',')
			buf[i] = '.';
	snprintf(out, outlen, "%s", buf[0] == '+' ? buf + 1 : buf);
	return NULL;
}

static bool
valid_day(int y, int m, int d)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30,
		31 };
	int max;

	if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1)
		return false;
	max = days[m - 1];
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		max = 29;
	return d <= max;
}

static const char *
check_date(const char *in, char *out, size_t outlen)
{
	int y, m, d, n = 0;

	if (sscanf(in, "%4d-%2d-%2d%n", &y, &m, &d, &n) == 3 && in[n] == '\0' &&
	    strlen(in) == 10)
		;
	else if (sscanf(in, "%2d/%2d/%4d%n", &d, &m, &y, &n) == 3 &&
	    in[n] == '\0')
		;
	else
		return "err.date";
	if (!valid_day(y, m, d))
		return "err.date";
	snprintf(out, outlen, "%04d-%02d-%02d", y, m, d);
	return NULL;
}

static const char *
check_time(const char *in, char *out, size_t outlen)
{
	int h, m, n = 0;
	size_t len = strlen(in);

	if ((sscanf(in, "%2d:%2d%n", &h, &m, &n) == 2 ||
	        sscanf(in, "%2dh%2d%n", &h, &m, &n) == 2) &&
	    in[n] == '\0')
		;
	else if ((len == 4 || len == 3) && strspn(in, "0123456789") == len) {
		int v = atoi(in);

		h = v / 100;
		m = v % 100;
	} else
		return "err.time";
	if (h < 0 || h > 24 || m < 0 || m > 59 || (h == 24 && m != 0))
		return "err.time";
	snprintf(out, outlen, "%02d:%02d", h, m);
	return NULL;
}

const char *
form_check(const struct field *f, const char *in, char *out, size_t outlen)
{
	long len;
	char buf[64];

	len = utf8_length(in);
	if (len < 0 || !clean_chars(in, f->type == FT_MULTILINE))
		return "err.chars";
	if (f->max > 0 && f->type != FT_INT && len > f->max)
		return "err.too_long";
	snprintf(out, outlen, "%s", in);
	switch (f->type) {
	case FT_TEXT:
	case FT_MULTILINE:
		return NULL;
	case FT_EMAIL:
		return check_email(in) ? NULL : "err.email";
	case FT_PHONE:
		if (!only_chars(in, "0123456789+()./- ", false))
			return "err.phone";
		strip(buf, sizeof(buf), in, "+()./- ");
		return strlen(buf) >= 3 ? NULL : "err.phone";
	case FT_POSTCODE:
		return only_chars(in, " -", true) ? NULL : "err.postcode";
	case FT_BOOL:
		snprintf(out, outlen, "%s", *in && strcmp(in, "0") ? "1" : "0");
		return NULL;
	case FT_ID:
		if (strlen(in) > 18 || in[0] < '1' || in[0] > '9' ||
		    strspn(in, "0123456789") != strlen(in))
			return "err.choice";
		return NULL;
	case FT_INT: {
		char *end;
		long v;

		if (strlen(in) > 10)
			return "err.number";
		v = strtol(in, &end, 10);
		if (*end != '\0' || end == in)
			return "err.number";
		if (v < f->min || v > f->max)
			return "err.range";
		snprintf(out, outlen, "%ld", v);
		return NULL;
	}
	case FT_MONEY:
		return check_decimal(in, 2, out, outlen);
	case FT_DECIMAL:
		return check_decimal(in, 3, out, outlen);
	case FT_DATE:
		return check_date(in, out, outlen);
	case FT_TIME:
		return check_time(in, out, outlen);
	case FT_SIREN:
		strip(buf, sizeof(buf), in, " ");
		if (strlen(buf) != 9 || strspn(buf, "0123456789") != 9 ||
		    !luhn(buf))
			return "err.siren";
		snprintf(out, outlen, "%s", buf);
		return NULL;
	case FT_VAT: {
		size_t i;

		strip(buf, sizeof(buf), in, " .-");
		for (i = 0; buf[i]; i++)
			buf[i] = (char)toupper((unsigned char)buf[i]);
		if (strlen(buf) < 4 || strlen(buf) > 15 ||
		    !isalpha((unsigned char)buf[0]) ||
		    !isalpha((unsigned char)buf[1]) ||
		    !only_chars(buf + 2, "+*", true))
			return "err.vat";
		snprintf(out, outlen, "%s", buf);
		return NULL;
	}
	case FT_CHOICE: {
		const char *c = f->choices;
		size_t n = strlen(in);

		while (c != NULL && *c) {
			size_t w = strcspn(c, " ");

			if (w == n && !strncmp(c, in, n))
				return NULL;
			c += w;
			c += strspn(c, " ");
		}
		return "err.choice";
	}
	}
	return "err.chars";
}

/* Copies s without leading and trailing blanks. */
static char *
trimmed(const char *s)
{
	size_t len;

	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		s++;
	len = strlen(s);
	while (len > 0 &&
	    (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r' ||
	        s[len - 1] == '\n'))
		len--;
	return strndup(s, len);
}

void
format_n(char *out, size_t len, const char *text, long n)
{
	char num[24];
	const char *p;
	size_t o = 0;

	snprintf(num, sizeof(num), "%ld", n);
	for (p = text; *p && o + 1 < len; p++) {
		if (!strncmp(p, "{n}", 3)) {
			o += (size_t)snprintf(out + o, len - o, "%s", num);
			if (o >= len)
				o = len - 1;
			p += 2;
		} else
			out[o++] = *p;
	}
	out[o] = '\0';
}

static void
set_error(struct req *r, const struct field *f, const char *key)
{
	char name[160], msg[300];

	/* Messages may say {n}: the field's limit. */
	format_n(msg, sizeof(msg), http_str(r, key), f ? f->max : 0);
	snprintf(name, sizeof(name), "Errors.%s", f ? f->name : "form");
	hdf_set_value(r->hdf, name, msg);
}

int
form_read(struct req *r, const struct field *fields, size_t n)
{
	char key[160], out[8192];
	int bad = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		const struct field *f = &fields[i];
		const char *raw = http_param(r, f->name), *msg;
		char *in = trimmed(raw ? raw : "");

		snprintf(key, sizeof(key), "Form.%s", f->name);
		hdf_set_value(r->hdf, key, in);
		if (*in == '\0' && f->type == FT_BOOL) {
			snprintf(key, sizeof(key), "Clean.%s", f->name);
			hdf_set_value(r->hdf, key, "0");
			free(in);
			continue;
		}
		if (*in == '\0') {
			if (f->required) {
				set_error(r, f, "err.required");
				bad++;
			}
			free(in);
			continue;
		}
		msg = form_check(f, in, out, sizeof(out));
		if (msg != NULL) {
			set_error(r, f, msg);
			bad++;
		} else {
			snprintf(key, sizeof(key), "Clean.%s", f->name);
			hdf_set_value(r->hdf, key, out);
		}
		free(in);
	}
	if (bad > 0)
		hdf_set_value(r->hdf, "Errors.form", http_str(r, "err.form"));
	return bad;
}

int
form_read_values(struct req *r, const struct field *fields, size_t n,
    const char **values)
{
	int bad = form_read(r, fields, n);
	size_t i;

	for (i = 0; i < n; i++)
		values[i] = form_value(r, fields[i].name);
	return bad;
}

const char *
form_value(struct req *r, const char *name)
{
	char key[160];
	const char *v;

	snprintf(key, sizeof(key), "Clean.%s", name);
	v = hdf_get_value(r->hdf, key, NULL);
	return v != NULL && *v != '\0' ? v : NULL;
}

void
form_error(struct req *r, const char *name, const char *msg_key)
{
	struct field f = { name, FT_TEXT, false, 0, 0, NULL };

	set_error(r, &f, msg_key);
	hdf_set_value(r->hdf, "Errors.form", http_str(r, "err.form"));
}

NEOERR *
form_fill(struct req *r, const char *name, const char *value)
{
	char key[160];

	snprintf(key, sizeof(key), "Form.%s", name);
	return nerr_pass(hdf_set_value(r->hdf, key, value ? value : ""));
}
