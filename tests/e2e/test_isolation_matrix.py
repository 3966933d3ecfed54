"""Isolation matrix (issue 11 item 3, docs/security-testing.md).

Two orgs, A and B, each with every role (owner / admin / member / customer),
a site, a completed scan, a page audit, a webhook, a budget and an alert
rule. Every /api/ route of fcgi/routes.c and every MCP tool is called by
each of A's roles with ids that are A's own, B's, nonexistent and malformed,
and with no / bad / revoked / Starter-plan keys. Each combination is one
test case asserting exactly the documented status, and every body A ever
receives is searched for B's ids, names, URLs and emails.

The web UI half: session fixation, CSRF on every state-changing form, the
cookie's flags when a client forges X-Forwarded-Proto, and B's sites /
scans / budgets / rules / webhooks / keys as 404 through every UI route.

test_api_auth.py covers the original nine endpoints' 401 / 402 / cross-org
cases one by one; this module is the full cross product.
"""
import json
import re
import uuid

import pytest
import requests

from conftest import mariadb
from test_api_util import admin, call, insert_report, settle_scans, sql_str

ROLES = ["owner", "admin", "member", "customer"]
IDS = ["own", "other", "missing", "malformed"]
MALFORMED = "not-a-uuid"


# --- the two orgs ------------------------------------------------------------------

class Org:
    """An org with one user (and key, and password) per role, and one of
    every id-bearing object."""

    def __init__(self, state, plan, site_url, roles=ROLES):
        tag = uuid.uuid4().hex[:10]
        self.tag, self.name = tag, f"Iso Org {tag}"
        self.org = admin("org", "create", "--name", self.name, "--plan", plan)
        self.users = {}
        for role in roles:      # each user costs an Argon2id hash: only those needed
            email, pw = f"iso-{role}-{tag}@example.test", f"pw-{tag}-{role}-S3cret!"
            uid = admin("user", "create", "--org", self.org, "--email", email,
                        "--role", role, "--password", pw)
            key = admin("key", "create", "--user", uid, "--name", f"iso {role}")
            self.users[role] = {"id": uid, "email": email, "password": pw, "key": key}
        self.user = self.users["owner"]["id"]
        self.site_name, self.site_url = f"Iso Site {tag}", site_url
        self.site = admin("site", "create", "--org", self.org, "--name",
                          self.site_name, "--url", site_url)
        self.site_url = site_url
        self.run, self.report = insert_report(state, self)
        self.audit = self.insert_page_audit(state)
        self.webhook = self.insert_webhook(state)
        self.budget = self.insert_row(state, "budgets", "metric, operator, threshold",
                                      "'lcp', 'max', 2500")
        self.rule = self.insert_row(state, "alert_rules", "kind, metric, threshold",
                                    "'score_drop', 'health', 5")
        self.key_ids = [r[0] for r in mariadb(state, "SELECT id FROM api_keys WHERE"
                                              " org_id = " + sql_str(self.org))]
        self.key_prefixes = [r[0] for r in mariadb(state, "SELECT prefix FROM api_keys"
                                                   " WHERE org_id = " + sql_str(self.org))]

    def key(self, role):
        return self.users[role]["key"]

    def insert_page_audit(self, state):
        aid = str(uuid.uuid4())
        mariadb(state, f"""INSERT INTO page_audits (id, org_id, site_id, user_id,
            page_url, status, mode, error_message, completed_at) VALUES (
            {sql_str(aid)}, {sql_str(self.org)}, {sql_str(self.site)},
            {sql_str(self.user)}, {sql_str(self.site_url)}, 'FAILED', 'quota',
            'fetch_failed: test row', NOW(3))""")
        return aid

    def insert_webhook(self, state):
        wid = str(uuid.uuid4())
        mariadb(state, f"""INSERT INTO webhook_subscriptions (id, org_id, site_id, url,
            events, secret) VALUES ({sql_str(wid)}, {sql_str(self.org)},
            {sql_str(self.site)}, 'http://127.0.0.1:9/iso-{self.tag}',
            'budget.violated', 'whsec_iso')""")
        return wid

    def insert_row(self, state, table, cols, vals):
        rid = str(uuid.uuid4())
        mariadb(state, f"""INSERT INTO {table} (id, org_id, site_id, {cols}) VALUES
            ({sql_str(rid)}, {sql_str(self.org)}, {sql_str(self.site)}, {vals})""")
        return rid

    def secrets(self):
        """Everything of this org another org must never see."""
        out = [self.org, self.name, self.site, self.site_name, self.site_url,
               self.run, self.report, self.audit, self.webhook, self.budget,
               self.rule, f"iso-{self.tag}", *self.key_ids, *self.key_prefixes]
        for u in self.users.values():
            out += [u["id"], u["email"], u["key"]]
        return out


@pytest.fixture(scope="module")
def world(state_dir, fixtures_url):
    a = Org(state_dir, "pro", fixtures_url + "/sample-site/index.html")
    # B's site URL is unique and never fetched (port 9 on loopback)
    b_tag = uuid.uuid4().hex[:10]
    b = Org(state_dir, "pro", f"http://127.0.0.1:9/iso-b-{b_tag}/", ["owner", "customer"])
    starter = Org(state_dir, "starter", f"http://127.0.0.1:9/iso-s-{b_tag}/", ["owner"])
    revoked = admin("key", "create", "--user", a.users["owner"]["id"], "--name", "revoked")
    mariadb(state_dir, "UPDATE api_keys SET revoked_at = NOW(3) WHERE org_id = "
            + sql_str(a.org) + " AND name = 'revoked'")
    yield {"A": a, "B": b, "starter": starter, "revoked": revoked}
    settle_scans(state_dir, a.site)


def assert_no_leak(world, text):
    """No trace of B in a body (or header text) A received."""
    for s in world["B"].secrets():
        assert s not in text, f"org B's {s!r} leaked to org A"


# --- the REST matrix ---------------------------------------------------------------

# name → (method, path, body, success status). {id} is the id under test;
# ids of A that are not under test are filled from the org.
API = {
    "start-audit": ("POST", "/api/mcp/start-audit",
                    {"url": "{fixture}", "siteId": "{id}"}, 202),
    "run": ("GET", "/api/mcp/runs/{id}", None, 200),
    "report": ("GET", "/api/mcp/reports/{id}", None, 200),
    "report-pdf": ("GET", "/api/mcp/reports/{id}?format=pdf_url", None, 200),
    "sites": ("GET", "/api/mcp/sites", None, 200),
    "history": ("GET", "/api/mcp/sites/{id}/history", None, 200),
    "schedule": ("GET", "/api/mcp/sites/{id}/schedule", None, 200),
    "account": ("GET", "/api/mcp/account", None, 200),
    "budget-check": ("POST", "/api/external/budget-check", {"siteId": "{id}"}, 200),
    "scan": ("POST", "/api/external/scan", {"siteId": "{id}"}, 202),
    "subscribe": ("POST", "/api/external/webhooks/subscribe",
                  {"url": "http://127.0.0.1:9/iso-hook", "events": ["budget.violated"],
                   "siteId": "{id}"}, 201),
    "webhooks": ("GET", "/api/external/webhooks", None, 200),
    "webhook-delete": ("DELETE", "/api/external/webhooks/{id}", None, 204),
    "export": ("GET", "/api/external/sites/{id}/export", None, 200),
    "export-scan": ("GET", "/api/external/sites/{site}/export?format=json&scanId={id}",
                    None, 200),
    "page-audit-create": ("POST", "/api/mcp/page-audits",
                          {"projectId": "{id}", "pageUrl": "{fixture}"}, 202),
    "page-audit": ("GET", "/api/mcp/page-audits/{id}", None, 200),
    "mcp": ("POST", "/mcp", {"jsonrpc": "2.0", "id": 1, "method": "tools/list"}, 200),
}
# which of the org's ids each id-bearing route takes
ID_OF = {"start-audit": "site", "run": "run", "report": "report", "report-pdf": "report", "history": "site",
         "schedule": "site", "budget-check": "site", "scan": "site", "subscribe": "site",
         "webhook-delete": "webhook", "export": "site", "export-scan": "run", "page-audit-create": "site",
         "page-audit": "audit"}
# 003: member role at least. The documents give no other API route a role
# rule, so every other route answers a customer key like an owner's
# (docs/security-testing.md, "Observed, not changed").
CUSTOMER_403 = {"page-audit-create", "page-audit"}

CASES = [(name, role, ids) for name in API for role in ROLES
         for ids in (IDS if name in ID_OF else ["own"])]


def the_id(world, state, name, ids):
    a, b = world["A"], world["B"]
    if ids == "other":
        return getattr(b, ID_OF[name])
    if ids == "missing":
        return str(uuid.uuid4())
    if ids == "malformed":
        return MALFORMED
    if name == "webhook-delete":
        return a.insert_webhook(state)          # each delete needs its own
    if name == "scan":
        settle_scans(state, a.site)             # else 409 SCAN_ALREADY_ACTIVE
    return getattr(a, ID_OF[name])


def request_for(world, state, fixtures_url, name, ids):
    method, path, body, ok = API[name]
    i = the_id(world, state, name, ids) if name in ID_OF else ""
    fixture = fixtures_url + "/sample-site/index.html"
    path = path.replace("{id}", i).replace("{site}", world["A"].site)
    if body is not None:
        body = json.loads(json.dumps(body).replace("{id}", i)
                          .replace("{fixture}", fixture))
    return method, path, body, ok, i


def expected(name, role, ids, ok):
    """(status, error code or None) the documents give for this case."""
    in_body = API[name][2] is not None and "{id}" in json.dumps(API[name][2])
    if role == "customer" and name in CUSTOMER_403:
        return 403, "forbidden"
    if ids == "own":
        return ok, None
    if ids == "malformed" and in_body:
        return 422, "validation_error"
    return 404, "not_found"


@pytest.mark.parametrize("name,role,ids", CASES)
def test_api_matrix(base_url, state_dir, fixtures_url, world, name, role, ids):
    method, path, body, ok, i = request_for(world, state_dir, fixtures_url, name, ids)
    r = call(base_url, method, path, key=world["A"].key(role), body=body)
    want, code = expected(name, role, ids, ok)
    assert r.status_code == want, (method, path, r.text[:300])
    if code:
        assert r.json()["error"] == code, r.text[:300]
    assert_no_leak(world, r.text + json.dumps(dict(r.headers)))
    if name == "webhook-delete" and ids == "other":     # B's is still there
        assert mariadb(state_dir, "SELECT COUNT(*) FROM webhook_subscriptions WHERE id = "
                       + sql_str(world["B"].webhook)) == [["1"]]


AUTH_FAILS = {"no key": (None, 401), "bad key": ("sk_pageref_" + "x" * 40, 401),
              "revoked key": ("revoked", 401), "starter plan": ("starter", 402)}


@pytest.mark.parametrize("auth", list(AUTH_FAILS))
@pytest.mark.parametrize("name", list(API))
def test_api_auth_matrix(base_url, state_dir, fixtures_url, world, name, auth):
    method, path, body, _, _ = request_for(world, state_dir, fixtures_url, name, "missing")
    key, want = AUTH_FAILS[auth]
    if key == "revoked":
        key = world["revoked"]
    elif key == "starter":
        key = world["starter"].key("owner")
    r = call(base_url, method, path, key=key, body=body)
    assert r.status_code == want, r.text[:300]
    assert r.json()["error"] == ("payment_required" if want == 402 else "unauthorized")
    assert_no_leak(world, r.text)


@pytest.mark.parametrize("token", ["", "x", "0" * 64, MALFORMED, str(uuid.uuid4())])
def test_deploy_hook_unknown_tokens_are_404(base_url, world, token):
    r = call(base_url, "POST", f"/api/hooks/site-publish/{token}", body={})
    assert r.status_code == 404, r.text[:300]
    assert_no_leak(world, r.text)


def test_session_export_refuses_api_keys(base_url, world):
    """GET /api/sites/{id}/export is session-only: a key is not a session."""
    r = call(base_url, "GET", f"/api/sites/{world['A'].site}/export",
             key=world["A"].key("owner"))
    assert r.status_code == 401 and r.json()["error"] == "unauthorized", r.text[:300]
    assert_no_leak(world, r.text)


# --- the MCP tools -----------------------------------------------------------------

# tool → (the REST case it twins, argument builder)
TOOLS = {
    "start_audit": ("start-audit", lambda i, f: {"url": f, "siteId": i}),
    "get_run": ("run", lambda i, f: {"runId": i}),
    "get_report": ("report", lambda i, f: {"reportId": i}),
    "list_sites": ("sites", lambda i, f: {}),
    "get_site_history": ("history", lambda i, f: {"siteId": i}),
    "get_schedule": ("schedule", lambda i, f: {"siteId": i}),
    "get_account": ("account", lambda i, f: {}),
    "budget_check": ("budget-check", lambda i, f: {"siteId": i}),
    "trigger_scan": ("scan", lambda i, f: {"siteId": i}),
    "run_page_audit": ("page-audit-create", lambda i, f: {"projectId": i, "pageUrl": f}),
    "get_page_audit": ("page-audit", lambda i, f: {"auditId": i}),
}
TOOL_CASES = [(tool, role, ids) for tool, (rest, _) in TOOLS.items() for role in ROLES
              for ids in (IDS if rest in ID_OF else ["own"])]


def tools_call(base_url, key, name, args):
    return call(base_url, "POST", "/mcp", key=key, body={
        "jsonrpc": "2.0", "id": 7, "method": "tools/call",
        "params": {"name": name, "arguments": args}},
        headers={"Accept": "application/json, text/event-stream"})


@pytest.mark.parametrize("tool,role,ids", TOOL_CASES)
def test_mcp_tool_matrix(base_url, state_dir, fixtures_url, world, tool, role, ids):
    rest, build = TOOLS[tool]
    i = the_id(world, state_dir, rest, ids) if rest in ID_OF else ""
    r = tools_call(base_url, world["A"].key(role), tool,
                   build(i, fixtures_url + "/sample-site/index.html"))
    assert r.status_code == 200, r.text[:300]
    assert_no_leak(world, r.text)
    res = r.json()
    want, code = expected(rest, role, ids, API[rest][3])
    out = res["result"]
    assert out.get("isError", False) is (want >= 400), out
    if code:
        assert out["structuredContent"]["error"] == code, out


def test_mcp_tools_list_is_the_same_for_every_role(base_url, world):
    names = None
    for role in ROLES:
        r = call(base_url, "POST", "/mcp", key=world["A"].key(role), body={
            "jsonrpc": "2.0", "id": 1, "method": "tools/list"},
            headers={"Accept": "application/json, text/event-stream"})
        got = sorted(t["name"] for t in r.json()["result"]["tools"])
        assert got == sorted(TOOLS), got        # every tool is in the matrix
        assert names in (None, got)
        names = got


def test_own_ids_are_visible_to_their_org(base_url, world):
    """The control for assert_no_leak: A's own ids do show up in A's bodies,
    and B sees A's objects no more than A sees B's."""
    a, b = world["A"], world["B"]
    mine = call(base_url, "GET", "/api/mcp/sites", key=a.key("customer")).text
    assert a.site in mine and a.site_name in mine and b.site not in mine
    theirs = call(base_url, "GET", "/api/mcp/sites", key=b.key("owner")).text
    assert b.site in theirs and a.site not in theirs
    hooks = call(base_url, "GET", "/api/external/webhooks", key=a.key("owner")).text
    assert a.webhook in hooks and b.webhook not in hooks


# --- the web UI ----------------------------------------------------------------------

from test_ui_support import csrf, login, login_token  # noqa: E402


@pytest.fixture(scope="module")
def sessions(base_url, world):
    """A signed-in requests.Session per role of org A (and B's owner)."""
    a = world["A"]
    out = {role: login(base_url, a.users[role]["email"], a.users[role]["password"])
           for role in ROLES}
    b = world["B"].users["owner"]
    out["B"] = login(base_url, b["email"], b["password"])
    return out


def ui_post(base_url, s, path, data, token=True, origin=True):
    d = dict(data)
    if token is True:
        d["_csrf"] = csrf(s, base_url + "/sites")
    elif token:
        d["_csrf"] = token
    h = {"Origin": base_url} if origin is True else ({"Origin": origin} if origin else {})
    return s.post(base_url + path, data=d, headers=h, allow_redirects=False)


# Every state-changing form: path with {site} and a sub-id, form fields.
UI_POSTS = {
    "scan": ("/sites/{site}/scan", None, {}),
    "budget-add": ("/sites/{site}/budgets", None,
                   {"metric": "lcp", "operator": "max", "threshold": "2500"}),
    "budget-del": ("/sites/{site}/budgets/{sub}/delete", "budget", {}),
    "alert-add": ("/sites/{site}/alerts", None,
                  {"kind": "score_drop", "metric": "health", "threshold": "5"}),
    "alert-del": ("/sites/{site}/alerts/{sub}/delete", "rule", {}),
    "schedule": ("/sites/{site}/schedule", None, {"schedule": "off"}),
    "hook": ("/sites/{site}/hook", None, {}),
    "hook-revoke": ("/sites/{site}/hook/revoke", None, {}),
    "webhook-del": ("/sites/{site}/webhooks/{sub}/delete", "webhook", {}),
    "webhook-enable": ("/sites/{site}/webhooks/{sub}/enable", "webhook", {}),
    "key-revoke": ("/keys/{sub}/revoke", "key", {}),
}
UI_GETS = {
    "site": "/sites/{site}",
    "scan-page": "/sites/{site}/scans/{sub}",
    "settings": "/sites/{site}/settings",
    "export": "/api/sites/{site}/export?format=csv",
    "export-scan": "/api/sites/{site}/export?format=json&scanId={sub}",
}
GET_SUB = {"scan-page": "run", "export-scan": "run"}
# (site id, sub id) per case; "own-site" pairs A's site with B's sub-object.
UI_IDS = ["other", "own-site-other-sub", "missing", "malformed"]


def sub_of(org, kind):
    return org.key_ids[0] if kind == "key" else getattr(org, kind)


def ui_ids(world, case, sub_kind):
    a, b = world["A"], world["B"]
    if case == "other":
        return b.site, sub_of(b, sub_kind) if sub_kind else ""
    if case == "own-site-other-sub":
        return a.site, sub_of(b, sub_kind) if sub_kind else ""
    if case == "missing":
        return str(uuid.uuid4()), str(uuid.uuid4())
    return MALFORMED, MALFORMED


def ui_cases(table, subs):
    out = []
    for name in table:
        has_sub = subs(name) is not None
        for case in UI_IDS:
            if case == "own-site-other-sub" and not has_sub:
                continue
            out.append((name, case))
    return out


@pytest.mark.parametrize("name,case", ui_cases(UI_GETS, GET_SUB.get))
@pytest.mark.parametrize("role", ROLES)
def test_ui_get_of_other_org_is_404(base_url, world, sessions, name, case, role):
    site, sub = ui_ids(world, case, GET_SUB.get(name))
    r = sessions[role].get(base_url + UI_GETS[name].format(site=site, sub=sub),
                           allow_redirects=False)
    assert r.status_code == 404, (name, case, r.status_code)
    assert_no_leak(world, r.text)


OWN_PAGES = ["/sites", "/keys", "/sites/{site}", "/sites/{site}/settings",
             "/sites/{site}/scans/{run}", "/api/sites/{site}/export?format=csv",
             "/api/sites/{site}/export?format=json"]


@pytest.mark.parametrize("path", OWN_PAGES)
@pytest.mark.parametrize("role", ROLES)
def test_ui_own_pages_show_no_trace_of_b(base_url, world, sessions, role, path):
    a = world["A"]
    r = sessions[role].get(base_url + path.format(site=a.site, run=a.run),
                           allow_redirects=False)
    want = 403 if path == "/keys" and role in ("member", "customer") else 200
    assert r.status_code == want, (path, role, r.status_code)
    assert_no_leak(world, r.text)
    if want == 200 and path.startswith("/sites"):     # the control: A's own page
        assert a.site_name in r.text


@pytest.mark.parametrize("name,case", ui_cases(UI_POSTS, lambda n: UI_POSTS[n][1]))
def test_ui_post_on_other_org_is_404(base_url, world, sessions, name, case):
    path, sub_kind, data = UI_POSTS[name]
    site, sub = ui_ids(world, case, sub_kind)
    r = ui_post(base_url, sessions["owner"], path.format(site=site, sub=sub), data)
    assert r.status_code == 404, (name, case, r.status_code, r.text[:200])
    assert_no_leak(world, r.text)


def test_ui_posts_left_org_b_untouched(state_dir, world):
    b = world["B"]
    q = lambda sql: mariadb(state_dir, sql)[0][0]  # noqa: E731
    assert q(f"SELECT COUNT(*) FROM budgets WHERE id = {sql_str(b.budget)}") == "1"
    assert q(f"SELECT COUNT(*) FROM alert_rules WHERE id = {sql_str(b.rule)}") == "1"
    assert q(f"SELECT COUNT(*) FROM webhook_subscriptions WHERE id = {sql_str(b.webhook)}") == "1"
    assert q(f"SELECT COUNT(*) FROM api_keys WHERE org_id = {sql_str(b.org)}"
             " AND revoked_at IS NOT NULL") == "0"
    assert q(f"SELECT COUNT(*) FROM runs WHERE site_id = {sql_str(b.site)}") == "1"
    assert q(f"SELECT COUNT(*) FROM budgets WHERE site_id = {sql_str(b.site)}") == "1"
    assert q(f"SELECT schedule FROM sites WHERE id = {sql_str(b.site)}") == "off"
    assert q(f"SELECT publish_token_hash IS NULL FROM sites WHERE id = {sql_str(b.site)}") == "1"


# Role rules of docs/web-ui.md, with A's own ids: the status per role.
ADMIN_ONLY = {"budget-add", "budget-del", "alert-add", "alert-del", "schedule", "hook",
              "hook-revoke", "webhook-del", "webhook-enable", "key-revoke"}


@pytest.mark.parametrize("role", ["member", "customer"])
@pytest.mark.parametrize("name", list(UI_POSTS))
def test_ui_role_refusals(base_url, world, sessions, name, role):
    path, sub_kind, data = UI_POSTS[name]
    a = world["A"]
    r = ui_post(base_url, sessions[role],
                path.format(site=a.site, sub=sub_of(a, sub_kind) if sub_kind else ""), data)
    if name in ADMIN_ONLY or role == "customer":
        assert r.status_code == 403, (name, role, r.status_code)
    else:                                       # a member may scan
        assert r.status_code == 303, (name, role, r.status_code)


@pytest.mark.parametrize("role,path,want", [
    (role, path, 200 if role in ("owner", "admin") or path == "/sites" else 403)
    for role in ROLES for path in ("/sites", "/sites/new", "/keys")])
def test_ui_page_roles(base_url, sessions, role, path, want):
    assert sessions[role].get(base_url + path, allow_redirects=False).status_code == want


CSRF_MODES = {"no token": (None, True), "wrong token": ("0" * 64, True),
              "cross-site origin": (True, "https://evil.example"),
              "null origin": (True, "null")}


@pytest.mark.parametrize("mode", list(CSRF_MODES))
@pytest.mark.parametrize("name", list(UI_POSTS) + ["site-create", "key-create", "logout"])
def test_ui_csrf_matrix(base_url, world, sessions, name, mode):
    a = world["A"]
    if name in UI_POSTS:
        path, sub_kind, data = UI_POSTS[name]
        path = path.format(site=a.site, sub=sub_of(a, sub_kind) if sub_kind else "")
    else:
        path, data = {"site-create": ("/sites", {"name": "x", "url": "https://x.example/"}),
                      "key-create": ("/keys", {"name": "csrf"}),
                      "logout": ("/logout", {})}[name]
    token, origin = CSRF_MODES[mode]
    r = ui_post(base_url, sessions["owner"], path, data, token=token or False, origin=origin)
    assert r.status_code == 403, (name, mode, r.status_code)
    # the session survived (a refused logout did not end it)
    assert sessions["owner"].get(base_url + "/sites", allow_redirects=False).status_code == 200


# --- sessions ------------------------------------------------------------------------

def session_cookie(resp):
    m = re.search(r"sa_session=([^;]*)", resp.headers.get("Set-Cookie", ""))
    return m.group(1) if m else None


def test_session_fixation_preset_cookie_is_not_adopted(base_url, world):
    u = world["A"].users["member"]
    planted = "A" * 43
    s = requests.Session()
    s.cookies.set("sa_session", planted)
    r = s.post(base_url + "/login", data={"_login": login_token(s, base_url),
               "email": u["email"], "password": u["password"]}, allow_redirects=False)
    assert r.status_code == 303
    issued = session_cookie(r)
    assert issued and issued != planted and len(issued) == 43
    # the planted value is still nobody's session
    probe = requests.get(base_url + "/sites", cookies={"sa_session": planted},
                         allow_redirects=False)
    assert probe.status_code == 303 and probe.headers["Location"] == "/login"


def test_session_fixation_attackers_live_session_is_not_upgraded(base_url, world, sessions):
    """B's owner plants their own valid session in A's browser; A signs in:
    A gets a new id, and the planted one still belongs to B only."""
    planted = sessions["B"].cookies.get("sa_session")
    u = world["A"].users["owner"]
    s = requests.Session()
    s.cookies.set("sa_session", planted)
    r = s.post(base_url + "/login", data={"_login": login_token(s, base_url),
               "email": u["email"], "password": u["password"]}, allow_redirects=False)
    issued = session_cookie(r)
    assert r.status_code == 303 and issued and issued != planted
    page = requests.get(base_url + "/sites", cookies={"sa_session": planted}).text
    assert world["B"].site_name in page and world["A"].site_name not in page
    page = requests.get(base_url + "/sites", cookies={"sa_session": issued}).text
    assert world["A"].site_name in page and world["B"].site_name not in page


def test_every_login_gets_a_fresh_session_id(base_url, world):
    u = world["A"].users["admin"]
    ids = set()
    for _ in range(3):
        s = requests.Session()
        r = s.post(base_url + "/login", data={"_login": login_token(s, base_url),
                   "email": u["email"], "password": u["password"]}, allow_redirects=False)
        ids.add(session_cookie(r))
    assert len(ids) == 3 and None not in ids


def test_forged_forwarded_proto_does_not_change_cookie_mode(base_url, world):
    """https is decided by nginx's $https (fastcgi_param HTTPS), never by a
    client's X-Forwarded-Proto: over plain http the cookie stays the http
    one (no __Host- prefix; Secure would make it unusable here)."""
    u = world["A"].users["customer"]
    s = requests.Session()
    h = {"X-Forwarded-Proto": "https", "X-Forwarded-Ssl": "on", "Forwarded": "proto=https"}
    r = s.post(base_url + "/login", headers=h, data={
        "_login": login_token(s, base_url), "email": u["email"],
        "password": u["password"]}, allow_redirects=False)
    cookie = r.headers["Set-Cookie"]
    assert cookie.startswith("sa_session=") and "__Host-" not in cookie
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


# --- signed PDF links and the unauthenticated routes ---------------------------------

def test_signed_pdf_link_cannot_be_repointed_at_b(base_url, world):
    """A's genuine pdf_url with B's report id swapped in: 403 bad_signature,
    however the expiry is bent."""
    a, b = world["A"], world["B"]
    r = call(base_url, "GET", f"/api/mcp/reports/{a.report}?format=pdf_url",
             key=a.key("customer"))
    assert r.status_code == 200, r.text[:300]
    url = r.json()["url"]
    path = url[url.index("/files/"):]
    assert requests.get(base_url + path).status_code == 200      # the control
    forged = [path.replace(a.report, b.report),
              re.sub(r"expires=\d+", "expires=9999999999", path.replace(a.report, b.report)),
              f"/files/reports/{b.report}.pdf",
              f"/files/reports/{b.report}.pdf?expires=9999999999&sig=" + "0" * 64]
    for p in forged:
        resp = requests.get(base_url + p)
        assert resp.status_code == 403 and resp.json()["error"] == "bad_signature", p
        assert_no_leak(world, resp.text)


def test_unauthenticated_routes_show_nothing_of_b(base_url, world):
    # /metrics answers loopback without a token (docs/metrics.md)
    for path, want in (("/healthz", 200), ("/metrics", 200), ("/login", 200), ("/", 303)):
        r = requests.get(base_url + path, allow_redirects=False)
        assert r.status_code == want, (path, r.status_code)
        assert_no_leak(world, r.text)
