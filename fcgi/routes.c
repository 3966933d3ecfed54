/* routes.c: the route table of siteaudit-fcgi, as data. */
/* SPDX-License-Identifier: MIT */
#include "fcgi.h"

const struct route fcgi_routes[] = {
	{ "GET", "/healthz", AUTH_NONE, api_healthz },
};
const size_t fcgi_routes_count = sizeof(fcgi_routes) / sizeof(fcgi_routes[0]);
