/*
 * form.h - declared form fields, checked in one pass.
 *
 * A handler lists the fields it reads with their type and limits.
 * form_read() takes each from the request, trims it, checks it, keeps
 * what the user typed in Form.<name> (so a re-shown form loses nothing),
 * puts a message in the request's language in Errors.<name>, and the
 * value to store in Clean.<name>.
 */
#ifndef FM_FORM_H
#define FM_FORM_H

#include "http.h"

enum field_type {
	FT_TEXT,      /* one line */
	FT_MULTILINE, /* text area: newlines and tabs allowed */
	FT_EMAIL,
	FT_PHONE,
	FT_POSTCODE,
	FT_BOOL,    /* checkbox: "1" when ticked, "0" otherwise */
	FT_ID,      /* a positive id, e.g. from a select */
	FT_INT,     /* whole number between min and max */
	FT_MONEY,   /* amount with at most 2 decimals; "1 234,50" -> 1234.50 */
	FT_DECIMAL, /* number with at most 3 decimals (quantities, rates) */
	FT_DATE,    /* YYYY-MM-DD or DD/MM/YYYY -> YYYY-MM-DD */
	FT_TIME,    /* HH:MM, H:MM, HHMM or HHhMM -> HH:MM */
	FT_SIREN,   /* 9 digits with a valid Luhn key */
	FT_VAT,     /* intra-EU VAT number, e.g. FR40303265045 */
	FT_CHOICE,  /* one of the words in `choices`, space separated */
};

struct field {
	const char *name;
	enum field_type type;
	bool required;
	int max;             /* characters for text, upper bound for FT_INT */
	int min;             /* lower bound for FT_INT */
	const char *choices; /* FT_CHOICE */
};

/* Checks every field; returns how many are wrong (0: all good). */
int form_read(struct req *r, const struct field *fields, size_t n);

/*
 * A contract's fields (db.h, "Contracts"): FORM_FIELDS(LIST) is the
 * initializer of its struct field array; FORM_READ(r, fields, values)
 * checks them as form_read does and fills the contract's struct from
 * them, by name; the compiler checks that fields and struct are one list.
 */
#define FORM_FIELD_(name, type, required, max, min, choices) \
	{ #name, type, required, max, min, choices },
#define FORM_FIELDS(LIST)         \
	{                         \
		LIST(FORM_FIELD_) \
	}
#define FORM_READ(r, fields, values)                                           \
	((void)sizeof(struct {                                                 \
		_Static_assert(FM_ARRAY_LEN(fields) ==                         \
		        FM_ARRAY_LEN((values)->v),                             \
		    "a form's fields and its contract's values are one list"); \
		int unused;                                                    \
	}),                                                                    \
	    form_read_values((r), (fields), FM_ARRAY_LEN(fields),              \
	        (values)->v))
int form_read_values(struct req *r, const struct field *fields, size_t n,
    const char **values);

/* The checked value of a field (Clean.<name>), NULL when empty. */
const char *form_value(struct req *r, const char *name);

/* Marks a field wrong with the message L.<msg_key> (e.g. after a conflict). */
void form_error(struct req *r, const char *name, const char *msg_key);

/* Sets Form.<name> for each column of row (pre-filling an edit form). */
NEOERR *form_fill(struct req *r, const char *name, const char *value);

/*
 * The pure checks, exported for the unit tests: each returns NULL when
 * the input is acceptable (writing the value to store in out, size outlen)
 * or the key of the error message.
 */
const char *form_check(const struct field *f, const char *in, char *out,
    size_t outlen);

/* Copies text to out replacing each "{n}" with the number n. */
void format_n(char *out, size_t len, const char *text, long n);

/* Number of UTF-8 characters, or -1 when s is not valid UTF-8. */
long utf8_length(const char *s);

#endif
