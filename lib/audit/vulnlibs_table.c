/* vulnlibs_table.c: known-vulnerable JavaScript library versions (data). */
/* SPDX-License-Identifier: MIT */
/*
 * One row per library / affected range / advisory, read by
 * no-vulnerable-libraries (checks_bp_res.c via vulnlibs.c). Ranges are
 * at_or_above <= version < below (NULL lower bound: every earlier
 * version). Sources, per block:
 *   retire.js  repository/jsrepository.json (RetireJS/retire.js), the
 *              database Lighthouse's no-vulnerable-libraries audit used;
 *   GHSA       the GitHub Advisory Database entry of the CVE (npm
 *              package of the same name), "patched versions" = below.
 * To update: add or edit rows, keep them grouped by library, and say where
 * a new range comes from. Library ids are vulnlibs.c's canonical ids.
 */
#include "audit/vulnlibs.h"
#include "sa.h"

const struct vulnlib_row vulnlib_rows[] = {
	/* jQuery — retire.js "jquery" */
	{ "jquery", NULL, "1.6.3", "CVE-2011-4969", "XSS with location.hash" },
	{ "jquery", NULL, "1.9.0b1", "CVE-2012-6708",
	  "Selector interpreted as HTML" },
	{ "jquery", "1.2.1", "1.9.0", "CVE-2020-7656",
	  "load() runs scripts in \"</script >\" tags" },
	{ "jquery", "1.4.0", "1.12.0", "CVE-2015-9251",
	  "Third-party CORS response may be executed" },
	{ "jquery", "1.12.3", "3.0.0-beta1", "CVE-2015-9251",
	  "Third-party CORS response may be executed" },
	{ "jquery", "1.1.4", "3.4.0", "CVE-2019-11358",
	  "Object.prototype pollution in jQuery.extend(true, …)" },
	{ "jquery", "1.2.0", "3.5.0", "CVE-2020-11022",
	  "htmlPrefilter regex may introduce XSS" },
	{ "jquery", "1.0.3", "3.5.0", "CVE-2020-11023",
	  "<option> HTML passed to DOM methods may execute code" },
	/* jQuery UI — GHSA (jquery-ui) */
	{ "jquery-ui", NULL, "1.10.0", "CVE-2010-5312", "XSS in dialog title" },
	{ "jquery-ui", NULL, "1.12.0", "CVE-2016-7103",
	  "XSS in dialog closeText" },
	{ "jquery-ui", NULL, "1.13.0", "CVE-2021-41182",
	  "XSS in datepicker altField" },
	{ "jquery-ui", NULL, "1.13.0", "CVE-2021-41184",
	  "XSS in the of option of .position()" },
	{ "jquery-ui", NULL, "1.13.2", "CVE-2022-31160",
	  "XSS in checkboxradio labels" },
	/* Bootstrap — retire.js "bootstrap" / GHSA (bootstrap) */
	{ "bootstrap", NULL, "3.4.0", "CVE-2018-14040",
	  "XSS in collapse data-parent" },
	{ "bootstrap", "4.0.0", "4.1.2", "CVE-2018-14040",
	  "XSS in collapse data-parent" },
	{ "bootstrap", NULL, "3.4.0", "CVE-2018-14042",
	  "XSS in tooltip data-container" },
	{ "bootstrap", "4.0.0", "4.1.2", "CVE-2018-14042",
	  "XSS in tooltip data-container" },
	{ "bootstrap", NULL, "3.4.1", "CVE-2019-8331",
	  "XSS in tooltip / popover data-template" },
	{ "bootstrap", "4.0.0", "4.3.1", "CVE-2019-8331",
	  "XSS in tooltip / popover data-template" },
	{ "bootstrap", "2.0.0", "4.0.0", "CVE-2024-6484",
	  "XSS in carousel data-slide (3.x is end of life, no fix)" },
	{ "bootstrap", "4.0.0", "5.0.0", "CVE-2024-6531",
	  "XSS in carousel (4.x is end of life, no fix)" },
	/* AngularJS (angular 1.x) — retire.js "angularjs" / GHSA (angular) */
	{ "angularjs", NULL, "1.7.9", "CVE-2019-10768",
	  "Prototype pollution in angular.merge" },
	{ "angularjs", NULL, "1.8.0", "CVE-2020-7676",
	  "XSS via <option> elements in <select>" },
	{ "angularjs", "1.2.21", "2.0.0", "CVE-2022-25844",
	  "ReDoS in currency filter (end of life, no fix)" },
	{ "angularjs", "1.3.0", "2.0.0", "CVE-2024-21490",
	  "ReDoS in ng-srcset (end of life, no fix)" },
	/* Lodash — GHSA (lodash) */
	{ "lodash", NULL, "4.17.5", "CVE-2018-3721",
	  "Prototype pollution in merge / mergeWith / defaultsDeep" },
	{ "lodash", NULL, "4.17.11", "CVE-2018-16487",
	  "Prototype pollution in merge / mergeWith / defaultsDeep" },
	{ "lodash", NULL, "4.17.12", "CVE-2019-10744",
	  "Prototype pollution in defaultsDeep" },
	{ "lodash", NULL, "4.17.19", "CVE-2020-8203",
	  "Prototype pollution in zipObjectDeep" },
	{ "lodash", NULL, "4.17.21", "CVE-2021-23337",
	  "Command injection via template" },
	{ "lodash", NULL, "4.17.21", "CVE-2020-28500",
	  "ReDoS in toNumber / trim / trimEnd" },
	/* Underscore.js — GHSA (underscore) */
	{ "underscore", "1.3.2", "1.12.1", "CVE-2021-23358",
	  "Arbitrary code execution via template" },
	/* Moment.js — GHSA (moment) */
	{ "moment", NULL, "2.11.2", "CVE-2016-4055", "ReDoS in duration" },
	{ "moment", NULL, "2.19.3", "CVE-2017-18214", "ReDoS in date parsing" },
	{ "moment", NULL, "2.29.2", "CVE-2022-24785",
	  "Path traversal in locale loading" },
	{ "moment", "2.18.0", "2.29.4", "CVE-2022-31129",
	  "ReDoS in RFC 2822 date parsing" },
	/* Handlebars — GHSA (handlebars) */
	{ "handlebars", NULL, "4.0.0", "CVE-2015-8861",
	  "XSS through unquoted attribute values" },
	{ "handlebars", NULL, "4.3.0", "CVE-2019-19919",
	  "Prototype pollution leading to remote code execution" },
	{ "handlebars", NULL, "4.5.3", "CVE-2019-20920",
	  "Arbitrary code execution via the lookup helper" },
	{ "handlebars", NULL, "4.7.7", "CVE-2021-23369",
	  "Remote code execution when compiling untrusted templates" },
	{ "handlebars", NULL, "4.7.7", "CVE-2021-23383",
	  "Prototype pollution when compiling untrusted templates" },
	/* Vue.js — GHSA (vue) */
	{ "vue", "2.0.0", "3.0.0", "CVE-2024-9506",
	  "ReDoS in parseHTML (Vue 2 is end of life, no fix)" },
	/* React (react-dom) — GHSA (react-dom) */
	{ "react", "16.0.0", "16.0.1", "CVE-2018-6341",
	  "XSS in server rendering of attribute names" },
	{ "react", "16.1.0", "16.1.2", "CVE-2018-6341",
	  "XSS in server rendering of attribute names" },
	{ "react", "16.2.0", "16.2.1", "CVE-2018-6341",
	  "XSS in server rendering of attribute names" },
	{ "react", "16.3.0", "16.3.3", "CVE-2018-6341",
	  "XSS in server rendering of attribute names" },
	{ "react", "16.4.0", "16.4.2", "CVE-2018-6341",
	  "XSS in server rendering of attribute names" },
	/* DOMPurify — GHSA (dompurify) */
	{ "dompurify", NULL, "2.0.17", "CVE-2020-26870",
	  "Mutation XSS sanitizer bypass" },
	{ "dompurify", NULL, "2.5.4", "CVE-2024-45801",
	  "Nesting-depth bypass and prototype pollution" },
	{ "dompurify", "3.0.0", "3.1.3", "CVE-2024-45801",
	  "Nesting-depth bypass and prototype pollution" },
};
const size_t vulnlib_nrows = SA_NITEMS(vulnlib_rows);
