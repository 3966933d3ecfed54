/* budget_json.c: budget violations as JSON — the one shape shared by the
 * budget-check endpoint and the budget.violated / regression webhooks. */
/* SPDX-License-Identifier: MIT */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <json-c/json.h>
#include "model/budget.h"

/* A whole number as an integer, else up to 15 significant digits; null
 * when not finite. */
static json_object *
number(double d)
{
	char txt[32];

	if (!isfinite(d))
		return NULL;
	if (d == floor(d) && fabs(d) < 1e15)
		return json_object_new_int64((int64_t)d);
	snprintf(txt, sizeof(txt), "%.15g", d);
	return json_object_new_double_s(d, txt);
}

json_object *
budget_violations_json(const struct budget_violation *v, size_t n)
{
	json_object *arr = json_object_new_array();

	for (size_t i = 0; i < n; i++) {
		json_object *o = json_object_new_object();

		json_object_object_add(o, "metric",
		    json_object_new_string(budget_metric_name(v[i].metric)));
		json_object_object_add(o, "threshold", number(v[i].threshold));
		json_object_object_add(o, "actual",
		    v[i].has_actual ? number(v[i].actual) : NULL);
		json_object_object_add(o, "operator",
		    json_object_new_string(budget_op_name(v[i].op)));
		json_object_array_add(arr, o);
	}
	return arr;
}
