/* tmpl.c: the escaping template renderer (see tmpl.h for the syntax). */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <string.h>
#include "tmpl/tmpl.h"
#include "tmpl/tmpl_file.h"

/* The address of this byte marks markup values (json-c userdata). */
static const char markup_mark = 'M';

struct st {
	const char  *dir;
	struct buf  *out;
	json_object *stack[TMPL_MAX_DEPTH];
	size_t       depth;    /* contexts on the stack */
	int          nest;     /* sections + partials being rendered */
	char        *err;
	size_t       errlen;
};

struct tag {
	char        type;      /* '#', '^', '/', '>', '!' or 'v' (variable) */
	const char *name;
	size_t      nlen;
	size_t      start;     /* offset of "{{" */
	size_t      end;       /* offset after "}}" */
};

static enum sa_err render(struct st *s, const char *src, size_t len);

json_object *
tmpl_markup(const char *html, size_t len)
{
	json_object *o = json_object_new_string_len(html, (int)len);

	if (o)
		json_object_set_userdata(o, (void *)&markup_mark, NULL);
	return o;
}

bool
tmpl_is_markup(json_object *o)
{
	return o && json_object_is_type(o, json_type_string) &&
	    json_object_get_userdata(o) == &markup_mark;
}

enum sa_err
tmpl_escape(struct buf *out, const char *s, size_t n)
{
	size_t from = 0;

	for (size_t i = 0; i < n; i++) {
		const char *rep;
		switch (s[i]) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default: continue;
		}
		if (buf_add(out, s + from, i - from) != SA_OK || buf_adds(out, rep) != SA_OK)
			return SA_ETOOBIG;
		from = i + 1;
	}
	return buf_add(out, s + from, n - from);
}

static enum sa_err
fail(struct st *s, enum sa_err rc, const char *what, const char *name, size_t n)
{
	if (s->err && s->errlen)
		snprintf(s->err, s->errlen, "%s: %.*s", what, (int)(n > 60 ? 60 : n),
		    name);
	return rc;
}

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Parses the tag starting at "{{" at src[at]; false when unterminated. */
static bool
parse_tag(const char *src, size_t len, size_t at, struct tag *t)
{
	const char *close = NULL;
	size_t b = at + 2, e;

	for (size_t i = b; i + 1 < len; i++)
		if (src[i] == '}' && src[i + 1] == '}') {
			close = src + i;
			break;
		}
	if (close == NULL)
		return false;
	e = (size_t)(close - src);
	t->start = at;
	t->end = e + 2;
	t->type = 'v';
	if (b < e && strchr("#^/>!", src[b]))
		t->type = src[b++];
	while (b < e && is_space(src[b]))
		b++;
	while (e > b && is_space(src[e - 1]))
		e--;
	t->name = src + b;
	t->nlen = e - b;
	return true;
}

/* Finds the next tag at or after pos; false when there is none. */
static bool
next_tag(const char *src, size_t len, size_t pos, struct tag *t, bool *bad)
{
	const char *p = pos < len ? memmem(src + pos, len - pos, "{{", 2) : NULL;

	*bad = false;
	if (p == NULL)
		return false;
	if (!parse_tag(src, len, (size_t)(p - src), t)) {
		*bad = true;
		return false;
	}
	return true;
}

/* Finds the {{/name}} closing the section opened by open. */
static enum sa_err
find_close(struct st *s, const char *src, size_t len, const struct tag *open,
    struct tag *close)
{
	size_t pos = open->end;
	int depth = 0;
	bool bad;

	while (next_tag(src, len, pos, close, &bad)) {
		pos = close->end;
		if (close->type == '#' || close->type == '^')
			depth++;
		else if (close->type == '/' && depth > 0)
			depth--;
		else if (close->type == '/') {
			if (close->nlen == open->nlen &&
			    memcmp(close->name, open->name, open->nlen) == 0)
				return SA_OK;
			return fail(s, SA_EINVAL, "mismatched close tag", close->name,
			    close->nlen);
		}
	}
	return fail(s, SA_EINVAL, bad ? "unterminated tag" : "unclosed section",
	    open->name, open->nlen);
}

/* Element key ("0", "12") of array a, or NULL. */
static json_object *
array_at(json_object *a, const char *key)
{
	size_t i = 0;

	if (key[0] == '\0' || strspn(key, "0123456789") != strlen(key) ||
	    strlen(key) > 9)
		return NULL;
	for (const char *p = key; *p; p++)
		i = i * 10 + (size_t)(*p - '0');
	return i < json_object_array_length(a) ? json_object_array_get_idx(a, i) : NULL;
}

/* Descends from o through the dotted path p[0..n). */
static json_object *
descend(json_object *o, const char *p, size_t n)
{
	char key[128];

	while (o && n) {
		size_t seg = 0;
		while (seg < n && p[seg] != '.')
			seg++;
		if (seg == 0 || seg >= sizeof(key))
			return NULL;
		memcpy(key, p, seg);
		key[seg] = '\0';
		if (json_object_is_type(o, json_type_array))
			o = array_at(o, key);
		else if (!json_object_is_type(o, json_type_object) ||
		    !json_object_object_get_ex(o, key, &o))
			return NULL;
		p += seg, n -= seg;
		if (n) {
			p++, n--;
		}
	}
	return o;
}

/* Resolves name: "." is the current context; the first segment of a dotted
 * name is looked up from the innermost context outwards. */
static json_object *
lookup(const struct st *s, const char *name, size_t n)
{
	size_t seg = 0;
	char key[128];

	if (n == 1 && name[0] == '.')
		return s->depth ? s->stack[s->depth - 1] : NULL;
	while (seg < n && name[seg] != '.')
		seg++;
	if (seg == 0 || seg >= sizeof(key))
		return NULL;
	memcpy(key, name, seg);
	key[seg] = '\0';
	for (size_t i = s->depth; i-- > 0;) {
		json_object *o;
		if (json_object_is_type(s->stack[i], json_type_object) &&
		    json_object_object_get_ex(s->stack[i], key, &o))
			return seg == n ? o : descend(o, name + seg + 1, n - seg - 1);
	}
	return NULL;
}

static bool
truthy(json_object *o)
{
	switch (o ? json_object_get_type(o) : json_type_null) {
	case json_type_null:
		return false;
	case json_type_boolean:
		return json_object_get_boolean(o);
	case json_type_array:
		return json_object_array_length(o) > 0;
	case json_type_string:
		return json_object_get_string_len(o) > 0;
	default:
		return true;
	}
}

static enum sa_err
emit_value(struct st *s, json_object *o)
{
	char num[64];

	switch (o ? json_object_get_type(o) : json_type_null) {
	case json_type_string:
		if (tmpl_is_markup(o))
			return buf_add(s->out, json_object_get_string(o),
			    (size_t)json_object_get_string_len(o));
		return tmpl_escape(s->out, json_object_get_string(o),
		    (size_t)json_object_get_string_len(o));
	case json_type_int:
		snprintf(num, sizeof(num), "%lld", (long long)json_object_get_int64(o));
		return buf_adds(s->out, num);
	case json_type_double:
		snprintf(num, sizeof(num), "%.15g", json_object_get_double(o));
		return buf_adds(s->out, num);
	case json_type_boolean:
		return buf_adds(s->out, json_object_get_boolean(o) ? "true" : "false");
	default:
		return SA_OK;
	}
}

/* Renders body with o pushed as the innermost context. */
static enum sa_err
render_with(struct st *s, json_object *o, const char *body, size_t n)
{
	enum sa_err rc;

	if (s->depth == TMPL_MAX_DEPTH)
		return fail(s, SA_EINVAL, "sections nested too deeply", body, 0);
	s->stack[s->depth++] = o;
	rc = render(s, body, n);
	s->depth--;
	return rc;
}

static enum sa_err
section(struct st *s, const struct tag *t, const char *body, size_t n)
{
	json_object *o = lookup(s, t->name, t->nlen);
	enum sa_err rc = SA_OK;

	if (t->type == '^')
		return truthy(o) ? SA_OK : render(s, body, n);
	if (!truthy(o))
		return SA_OK;
	if (json_object_is_type(o, json_type_array)) {
		size_t len = json_object_array_length(o);
		for (size_t i = 0; i < len && rc == SA_OK; i++)
			rc = render_with(s, json_object_array_get_idx(o, i), body, n);
		return rc;
	}
	if (json_object_is_type(o, json_type_object))
		return render_with(s, o, body, n);
	return render(s, body, n);
}

static bool
partial_name_ok(const char *name, size_t n)
{
	if (n == 0 || n > 64)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!strchr("abcdefghijklmnopqrstuvwxyz0123456789_-", name[i]))
			return false;
	return true;
}

static enum sa_err
partial(struct st *s, const struct tag *t)
{
	char name[65];
	const char *src;
	size_t len;

	if (!partial_name_ok(t->name, t->nlen))
		return fail(s, SA_EINVAL, "bad partial name", t->name, t->nlen);
	memcpy(name, t->name, t->nlen);
	name[t->nlen] = '\0';
	if (s->dir == NULL || tmpl_file_get(s->dir, name, &src, &len) != SA_OK)
		return fail(s, SA_ENOTFOUND, "no such template", t->name, t->nlen);
	return render(s, src, len);
}

static enum sa_err
tag_run(struct st *s, const char *src, size_t len, const struct tag *t,
    size_t *pos)
{
	struct tag close;
	enum sa_err rc;

	*pos = t->end;
	switch (t->type) {
	case '!':
		return SA_OK;
	case '>':
		return partial(s, t);
	case '/':
		return fail(s, SA_EINVAL, "unexpected close tag", t->name, t->nlen);
	case '#':
	case '^':
		if ((rc = find_close(s, src, len, t, &close)) != SA_OK)
			return rc;
		*pos = close.end;
		return section(s, t, src + t->end, close.start - t->end);
	default:
		if (t->nlen == 0)
			return fail(s, SA_EINVAL, "empty tag", "", 0);
		if (t->name[0] == '{' || t->name[0] == '&')
			return fail(s, SA_EINVAL, "no raw output for data: use tmpl_markup",
			    t->name, t->nlen);
		return emit_value(s, lookup(s, t->name, t->nlen));
	}
}

static enum sa_err
render(struct st *s, const char *src, size_t len)
{
	size_t pos = 0;
	struct tag t;
	bool bad;
	enum sa_err rc = SA_OK;

	if (++s->nest > TMPL_MAX_DEPTH) {
		s->nest--;
		return fail(s, SA_EINVAL, "templates nested too deeply", "", 0);
	}
	while (rc == SA_OK && next_tag(src, len, pos, &t, &bad)) {
		if ((rc = buf_add(s->out, src + pos, t.start - pos)) != SA_OK)
			break;
		rc = tag_run(s, src, len, &t, &pos);
	}
	if (rc == SA_OK && bad)
		rc = fail(s, SA_EINVAL, "unterminated tag", src + pos, len - pos);
	else if (rc == SA_OK)
		rc = buf_add(s->out, src + pos, len - pos);
	s->nest--;
	return rc;
}

enum sa_err
tmpl_render_text(const char *dir, const char *src, size_t len, json_object *ctx,
    struct buf *out, char *err, size_t errlen)
{
	struct st s = { .dir = dir, .out = out, .err = err, .errlen = errlen };

	if (err && errlen)
		err[0] = '\0';
	s.stack[s.depth++] = ctx;
	return render(&s, src, len);
}

enum sa_err
tmpl_render(const char *dir, const char *name, json_object *ctx,
    struct buf *out, char *err, size_t errlen)
{
	const char *src;
	size_t len;

	if (!partial_name_ok(name, strlen(name)) ||
	    tmpl_file_get(dir, name, &src, &len) != SA_OK) {
		if (err && errlen)
			snprintf(err, errlen, "no such template: %s", name);
		return SA_ENOTFOUND;
	}
	return tmpl_render_text(dir, src, len, ctx, out, err, errlen);
}

enum sa_err
tmpl_page(const char *dir, const char *page, json_object *ctx, struct buf *out,
    char *err, size_t errlen)
{
	struct buf inner;
	enum sa_err rc;

	buf_init(&inner, TMPL_MAX_BYTES * 8);
	if ((rc = tmpl_render(dir, page, ctx, &inner, err, errlen)) == SA_OK) {
		json_object_object_add(ctx, "content",
		    tmpl_markup(buf_str(&inner), inner.len));
		rc = tmpl_render(dir, "layout", ctx, out, err, errlen);
	}
	buf_free(&inner);
	return rc;
}
