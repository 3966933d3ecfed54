/* perf_sim.c: the load simulation — connections, slow start, bandwidth, main thread. */
/* SPDX-License-Identifier: MIT */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "audit/perf.h"
#include "audit/perf_int.h"

#define DT          1.0      /* simulation step, ms */
#define SEG         1460.0   /* TCP segment, bytes */
#define INIT_CWND   10.0     /* initial congestion window, segments */
#define MAX_CONNS   6        /* per origin (HTTP/1.1) */
#define MAX_SIM_MS  120000.0
#define SUB_SERVER_MS 20.0   /* server time assumed for sub-resources (cap) */

const struct perf_profile perf_profiles[2] = {
	[STRATEGY_MOBILE] = { 150, 1.6 * 1024, 750, 4 },
	[STRATEGY_DESKTOP] = { 40, 10 * 1024, 10 * 1024, 1 },
};

enum nstate { N_WAIT, N_SETUP, N_DL, N_DONE, N_SKIP };

struct node {
	enum nstate st;
	double left;       /* setup ms or bytes left */
	double dl_ms;      /* time spent downloading (slow start) */
	double end;
	int    conn;       /* origin * MAX_CONNS + k */
};

struct conn {
	bool   busy, open;
	double cwnd;
};

struct net {
	const struct perf_input   *in;
	const struct perf_profile *p;
	struct node *n;            /* [0] = document, [k + 1] = reqs[k] */
	struct conn *c;            /* norigins * MAX_CONNS */
	bool        *dns;          /* per origin: resolved */
	double       bpms;         /* throughput, bytes per ms */
	double       max_cwnd;
	double       gate;         /* render-blocking requests done (or -1) */
};

/* Time ready for node k (node 0 is the document), or -1 while waiting. */
static double
ready_at(const struct net *w, size_t k)
{
	const struct perf_req *r;
	int dep;

	if (k == 0)
		return 0;
	r = &w->in->reqs[k - 1];
	dep = r->after < 0 ? 0 : r->after + 1;
	if (w->n[dep].st != N_DONE && w->n[dep].st != N_SKIP)
		return -1;
	if (r->lazy)
		return w->gate;
	return w->n[dep].st == N_DONE ? w->n[dep].end : 0;
}

static double
setup_ms(struct net *w, int origin, bool https, bool warm, double server)
{
	double rtt = w->p->rtt_ms, t;

	if (warm)
		return rtt + server;
	t = 2 * rtt + server + (https ? rtt : 0);
	if (!w->dns[origin]) {
		w->dns[origin] = true;
		t += 2 * rtt;          /* DNS: two round trips, as Lantern */
	}
	return t;
}

/* Gives node k a connection of its origin if one is free; true when started. */
static bool
node_start(struct net *w, size_t k)
{
	const struct perf_input *in = w->in;
	int origin = k ? in->reqs[k - 1].origin : 0;
	bool https = k ? in->reqs[k - 1].https : in->doc_https;
	double server = k ? fmin(in->server_ms, SUB_SERVER_MS) : in->server_ms;
	struct conn *c = &w->c[origin * MAX_CONNS];
	int pick = -1;

	for (int i = 0; i < MAX_CONNS; i++)
		if (!c[i].busy && (pick < 0 || (c[i].open && !c[pick].open)))
			pick = i;
	if (pick < 0)
		return false;
	w->n[k].st = N_SETUP;
	w->n[k].left = setup_ms(w, origin, https, c[pick].open, server);
	if (k == 0)
		w->n[k].left += in->redirects * (w->p->rtt_ms + server);
	w->n[k].conn = origin * MAX_CONNS + pick;
	if (!c[pick].open)
		c[pick].cwnd = INIT_CWND;
	c[pick].busy = c[pick].open = true;
	return true;
}

static size_t
node_bytes(const struct net *w, size_t k)
{
	size_t b = k ? w->in->reqs[k - 1].bytes : w->in->doc_bytes;

	return b ? b : 1;
}

static void
node_done(struct net *w, size_t k, double t)
{
	w->n[k].st = N_DONE;
	w->n[k].end = t;
	w->c[w->n[k].conn].busy = false;
}

/* Setup phase ends: the first congestion window arrives with the first byte. */
static void
setup_step(struct net *w, size_t k, double t)
{
	struct node *nd = &w->n[k];

	if ((nd->left -= DT) > 0)
		return;
	nd->st = N_DL;
	nd->left = (double)node_bytes(w, k) - w->c[nd->conn].cwnd * SEG;
	nd->dl_ms = 0;
	if (nd->left <= 0)
		node_done(w, k, t);
}

static void
dl_step(struct net *w, size_t k, double t, int ndl)
{
	struct node *nd = &w->n[k];
	struct conn *c = &w->c[nd->conn];
	double rtt = w->p->rtt_ms, rate;

	rate = fmin(w->bpms / ndl, c->cwnd * SEG / rtt);
	nd->left -= rate * DT;
	nd->dl_ms += DT;
	if (nd->dl_ms >= rtt) {
		nd->dl_ms -= rtt;
		c->cwnd = fmin(c->cwnd * 2, w->max_cwnd);
	}
	if (nd->left <= 0)
		node_done(w, k, t);
}

/* Render-blocking requests all done: lazy images may start. */
static void
update_gate(struct net *w, double t)
{
	if (w->gate >= 0 || w->n[0].st != N_DONE)
		return;
	for (size_t i = 0; i < w->in->nreqs; i++)
		if (w->in->reqs[i].render_blocking &&
		    w->n[i + 1].st != N_DONE && w->n[i + 1].st != N_SKIP)
			return;
	w->gate = t;
}

/* Starts what is ready; returns the number of unfinished nodes. */
static size_t
start_ready(struct net *w, size_t nn, double t)
{
	size_t open = 0;

	for (size_t k = 0; k < nn; k++) {
		double r;

		if (w->n[k].st == N_DONE || w->n[k].st == N_SKIP)
			continue;
		open++;
		if (w->n[k].st == N_WAIT && (r = ready_at(w, k)) >= 0 && r <= t)
			node_start(w, k);
	}
	return open;
}

static void
net_loop(struct net *w, size_t nn)
{
	for (double t = 0; t < MAX_SIM_MS; t += DT) {
		int ndl = 0;

		update_gate(w, t);
		if (start_ready(w, nn, t) == 0)
			return;
		for (size_t k = 0; k < nn; k++)
			ndl += w->n[k].st == N_DL;
		for (size_t k = 0; k < nn; k++) {
			if (w->n[k].st == N_SETUP)
				setup_step(w, k, t + DT);
			else if (w->n[k].st == N_DL)
				dl_step(w, k, t + DT, ndl);
		}
	}
	for (size_t k = 0; k < nn; k++)    /* never finished: at the cap */
		if (w->n[k].st != N_DONE && w->n[k].st != N_SKIP)
			w->n[k].end = MAX_SIM_MS;
}

/*
 * Simulates the network: end[k] is when request k (−1 when skipped) has
 * fully arrived; *doc_end the document. Requests with skip set, or in
 * `only` mode not marked in keep[], are left out.
 */
enum sa_err
perf_net(const struct perf_input *in, const struct perf_profile *p,
    const bool *keep, double *doc_end, double *end)
{
	size_t nn = in->nreqs + 1;
	struct net w = { in, p, calloc(nn, sizeof(struct node)),
	    calloc((size_t)(in->norigins + 1) * MAX_CONNS, sizeof(struct conn)),
	    calloc((size_t)in->norigins + 1, sizeof(bool)), 0, 0, -1 };

	if (w.n == NULL || w.c == NULL || w.dns == NULL) {
		free(w.n), free(w.c), free(w.dns);
		return SA_ENOMEM;
	}
	w.bpms = p->down_kbps * 1024 / 8 / 1000;
	w.max_cwnd = fmax(INIT_CWND, floor(w.bpms * p->rtt_ms / SEG));
	for (size_t k = 1; k < nn; k++)
		if (in->reqs[k - 1].skip || (keep && !keep[k - 1]))
			w.n[k].st = N_SKIP;
	net_loop(&w, nn);
	*doc_end = w.n[0].end;
	for (size_t k = 1; k < nn; k++)
		end[k - 1] = w.n[k].st == N_SKIP ? -1 : w.n[k].end;
	free(w.n), free(w.c), free(w.dns);
	return SA_OK;
}
