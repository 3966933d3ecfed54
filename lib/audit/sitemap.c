/* sitemap.c: sitemap.xml and sitemap-index parsing (libxml2), gzip'd or not. */
/* SPDX-License-Identifier: MIT */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/xmlreader.h>
#include <zlib.h>
#include "audit/sitemap.h"

#define LOC_MAX 4096   /* longer <loc> values are skipped */

bool
sitemap_is_gzip(const char *data, size_t len)
{
	return len >= 2 && (unsigned char)data[0] == 0x1f &&
	    (unsigned char)data[1] == 0x8b;
}

/* Doubles *buf (capacity *cap), to at most limit + 1 bytes. */
static enum sa_err
grow(char **buf, size_t *cap, size_t limit)
{
	size_t n = *cap ? *cap * 2 : 4096;
	char *p;

	if (*cap >= limit + 1)
		return SA_ETOOBIG;
	if (n > limit + 1)
		n = limit + 1;
	if ((p = realloc(*buf, n)) == NULL)
		return SA_ENOMEM;
	*buf = p;
	*cap = n;
	return SA_OK;
}

/* Runs inflate over the whole input into *buf; see sitemap_gunzip. */
static enum sa_err
inflate_all(z_stream *z, char **buf, size_t *cap, size_t limit, size_t *len)
{
	enum sa_err rc;
	int zr = Z_OK;

	*len = 0;
	while (zr != Z_STREAM_END) {
		if (*len + 1 >= *cap && (rc = grow(buf, cap, limit)) != SA_OK)
			return rc;
		z->next_out = (Bytef *)*buf + *len;
		z->avail_out = (uInt)(*cap - *len - 1);
		zr = inflate(z, Z_NO_FLUSH);
		*len = (size_t)((char *)z->next_out - *buf);
		if (zr == Z_MEM_ERROR)
			return SA_ENOMEM;
		if (zr != Z_OK && zr != Z_STREAM_END && zr != Z_BUF_ERROR)
			return SA_EINVAL;
		if (zr != Z_STREAM_END && z->avail_in == 0 && z->avail_out > 0)
			return SA_EINVAL;   /* truncated stream */
	}
	(*buf)[*len] = '\0';
	return SA_OK;
}

enum sa_err
sitemap_gunzip(const char *data, size_t len, size_t cap, char **out,
    size_t *outlen)
{
	z_stream z;
	char *buf = NULL;
	size_t bcap = 0, n = 0;
	enum sa_err rc;

	*out = NULL;
	*outlen = 0;
	memset(&z, 0, sizeof(z));
	if (inflateInit2(&z, 15 + 32) != Z_OK)   /* gzip or zlib header */
		return SA_ENOMEM;
	z.next_in = (Bytef *)(uintptr_t)data;
	z.avail_in = (uInt)len;
	rc = inflate_all(&z, &buf, &bcap, cap, &n);
	inflateEnd(&z);
	if (rc != SA_OK) {
		free(buf);
		return rc;
	}
	*out = buf;
	*outlen = n;
	return SA_OK;
}

void
sitemap_free(struct sitemap *s)
{
	for (size_t i = 0; i < s->nlocs; i++)
		free(s->locs[i]);
	free(s->locs);
	memset(s, 0, sizeof(*s));
}

/* Adds text (trimmed) to s's locs. */
static enum sa_err
add_loc(struct sitemap *s, const char *text)
{
	size_t n;
	char **v;

	while (*text && isspace((unsigned char)*text))
		text++;
	n = strlen(text);
	while (n > 0 && isspace((unsigned char)text[n - 1]))
		n--;
	if (n == 0 || n > LOC_MAX)
		return SA_OK;
	if ((v = realloc(s->locs, (s->nlocs + 1) * sizeof(*v))) == NULL)
		return SA_ENOMEM;
	s->locs = v;
	if ((v[s->nlocs] = strndup(text, n)) == NULL)
		return SA_ENOMEM;
	s->nlocs++;
	return SA_OK;
}

static void
quiet(void *arg, const char *msg, xmlParserSeverities sev,
    xmlTextReaderLocatorPtr loc)
{
	(void)arg, (void)msg, (void)sev, (void)loc;
}

/* Parser state while reading one file. */
struct walk {
	struct sitemap *s;
	size_t          max;
	int             root;     /* 0 unseen, 1 urlset, 2 sitemapindex, -1 other */
	bool            in_loc;   /* inside <url><loc> / <sitemap><loc> */
	xmlChar        *text;     /* the current <loc>'s text so far */
};

static bool
named(xmlTextReaderPtr r, const char *name)
{
	const xmlChar *n = xmlTextReaderConstLocalName(r);

	return n != NULL && strcmp((const char *)n, name) == 0;
}

static void
on_start(struct walk *w, xmlTextReaderPtr r)
{
	int depth = xmlTextReaderDepth(r);

	if (depth == 0) {
		w->root = named(r, "urlset") ? 1 : named(r, "sitemapindex") ? 2 : -1;
		w->s->is_index = w->root == 2;
	} else if (depth == 2 && w->root > 0 && named(r, "loc") &&
	    !xmlTextReaderIsEmptyElement(r)) {
		w->in_loc = true;
		xmlFree(w->text);
		w->text = NULL;
	}
}

/* Appends the text node's value to the current loc. */
static enum sa_err
on_text(struct walk *w, xmlTextReaderPtr r)
{
	const xmlChar *v = xmlTextReaderConstValue(r);
	xmlChar *t;

	if (!w->in_loc || v == NULL)
		return SA_OK;
	if ((t = xmlStrcat(w->text, v)) == NULL)
		return SA_ENOMEM;
	w->text = t;
	return SA_OK;
}

static enum sa_err
on_end(struct walk *w, xmlTextReaderPtr r)
{
	enum sa_err rc = SA_OK;

	if (!w->in_loc || !named(r, "loc"))
		return SA_OK;
	w->in_loc = false;
	if (w->text && w->s->nlocs < w->max)
		rc = add_loc(w->s, (const char *)w->text);
	else if (w->text)
		w->s->truncated = true;
	xmlFree(w->text);
	w->text = NULL;
	return rc;
}

/* Reads every node; SA_OK at a clean end. */
static enum sa_err
walk_all(struct walk *w, xmlTextReaderPtr r)
{
	enum sa_err rc = SA_OK;
	int ret;

	while (rc == SA_OK && (ret = xmlTextReaderRead(r)) == 1) {
		switch (xmlTextReaderNodeType(r)) {
		case XML_READER_TYPE_ELEMENT:
			on_start(w, r);
			if (w->root < 0)
				return SA_EINVAL;
			break;
		case XML_READER_TYPE_TEXT:
		case XML_READER_TYPE_CDATA:
			rc = on_text(w, r);
			break;
		case XML_READER_TYPE_END_ELEMENT:
			rc = on_end(w, r);
			break;
		default:
			break;
		}
	}
	if (rc == SA_OK && (ret != 0 || w->root == 0))
		rc = SA_EINVAL;
	return rc;
}

static enum sa_err
parse_xml(const char *xml, size_t len, size_t max, struct sitemap *out)
{
	struct walk w = { out, max, 0, false, NULL };
	xmlTextReaderPtr r;
	enum sa_err rc;

	if (len > (size_t)INT32_MAX)
		return SA_ETOOBIG;
	r = xmlReaderForMemory(xml, (int)len, NULL, NULL,
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
	    XML_PARSE_NOCDATA);
	if (r == NULL)
		return len == 0 ? SA_EINVAL : SA_ENOMEM;
	xmlTextReaderSetErrorHandler(r, quiet, NULL);
	rc = walk_all(&w, r);
	xmlFree(w.text);
	xmlFreeTextReader(r);
	return rc;
}

enum sa_err
sitemap_parse(const char *data, size_t len, size_t max_locs,
    struct sitemap *out)
{
	char *plain = NULL;
	size_t plen = 0;
	enum sa_err rc;

	memset(out, 0, sizeof(*out));
	if (max_locs == 0 || max_locs > SITEMAP_MAX_URLS)
		max_locs = SITEMAP_MAX_URLS;
	if (data == NULL)
		return SA_EINVAL;
	if (sitemap_is_gzip(data, len)) {
		rc = sitemap_gunzip(data, len, SITEMAP_MAX_DECODED, &plain, &plen);
		if (rc != SA_OK)
			return rc;
		data = plain;
		len = plen;
	} else if (len > SITEMAP_MAX_DECODED)
		return SA_ETOOBIG;
	rc = parse_xml(data, len, max_locs, out);
	free(plain);
	return rc;
}
