"""Helpers shared by the REST API suites (tests/e2e/test_api_*.py).

Holds no tests. Every org, user, key and site a test needs is created here
through `siteaudit admin`, so tests never share rate limits or rows; rows the
API only reads (runs in a given state, reports, budgets) are inserted by SQL.
"""
import itertools
import json
import os
import re
import socket
import subprocess
import time
import uuid

import pytest
import requests

from conftest import mariadb

ISO_MS = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")

# Every key-authenticated endpoint of the two documents: (method, path, body).
# {site}, {run}, {report} are filled in with ids of the caller's org.
ENDPOINTS = [
    ("POST", "/api/mcp/start-audit", {"url": "https://example.com/"}),
    ("GET", "/api/mcp/runs/{run}", None),
    ("GET", "/api/mcp/reports/{report}", None),
    ("GET", "/api/mcp/sites", None),
    ("GET", "/api/mcp/sites/{site}/history", None),
    ("GET", "/api/mcp/sites/{site}/schedule", None),
    ("GET", "/api/mcp/account", None),
    ("POST", "/api/external/budget-check", {"siteId": "{site}"}),
    ("POST", "/api/external/scan", {"siteId": "{site}"}),
]


def sql_str(s):
    """A SQL string literal for test-controlled values (ids, fixed text)."""
    return "NULL" if s is None else "'" + str(s).replace("\\", "\\\\").replace("'", "''") + "'"


def admin(*args):
    """Runs `siteaudit admin ARGS`; returns the last line of its output."""
    out = subprocess.run(
        [os.path.join(os.environ["SITEAUDIT_BIN_DIR"], "siteaudit"), "admin", *args],
        env=dict(os.environ), capture_output=True, text=True, timeout=30)
    assert out.returncode == 0, out.stderr
    return out.stdout.strip().splitlines()[-1]


class Tenant:
    """One org with an owner, an API key and a site."""

    def __init__(self, plan="pro", site_url=None, name=None):
        tag = uuid.uuid4().hex[:10]
        self.name = name or f"Org {tag}"
        self.org = admin("org", "create", "--name", self.name, "--plan", plan)
        self.user, self.key = self.new_user()
        self.site_name = f"Site {tag}"
        self.site_url = site_url or "https://example.com/"
        self.site = admin("site", "create", "--org", self.org, "--name",
                          self.site_name, "--url", self.site_url)

    def new_user(self, role="owner"):
        """A fresh user of this org and a key of theirs: (user id, key)."""
        email = f"u{uuid.uuid4().hex[:12]}@example.test"
        user = admin("user", "create", "--org", self.org, "--email", email,
                     "--role", role, "--password", "pw-" + uuid.uuid4().hex)
        key = admin("key", "create", "--user", user, "--name", "test " + email)
        return user, key


def call(base_url, method, path, key=None, body=None, raw=None, params=None,
         headers=None):
    """One request through nginx; body is sent as JSON, raw as bytes."""
    h = dict(headers or {})
    if key is not None:
        h["Authorization"] = f"Bearer {key}"
    if body is not None:
        raw = json.dumps(body)
    if raw is not None:
        h.setdefault("Content-Type", "application/json")
    return requests.request(method, base_url + path, data=raw, headers=h,
                            params=params, timeout=30)


def assert_error(resp, status, code=None, mentions=None):
    """resp is status with the {"error", "message"} body."""
    assert resp.status_code == status, resp.text
    assert resp.headers["Content-Type"].startswith("application/json")
    body = resp.json()
    assert set(body) == {"error", "message"}, body
    assert body["message"]
    if code:
        assert body["error"] == code, body
    if mentions:
        assert mentions in body["message"], body
    return body


def insert_run(state, t, status="completed", kind="audit", site=True,
               error=None, created_ago_s=0, url=None):
    """A runs row of tenant t in the given state; returns its id."""
    rid = str(uuid.uuid4())
    started = "NULL" if status == "queued" else "NOW(3) - INTERVAL 5 SECOND"
    finished = "NOW(3)" if status in ("completed", "failed") else "NULL"
    lease = "NOW(3) + INTERVAL 1 DAY" if status == "running" else "NULL"
    owner = "'test'" if status == "running" else "NULL"
    mariadb(state, f"""INSERT INTO runs (id, org_id, site_id, user_id, url, kind,
        trigger_source, strategy, page_limit, status, error, created_at,
        started_at, finished_at, lease_owner, lease_expires_at) VALUES (
        {sql_str(rid)}, {sql_str(t.org)}, {sql_str(t.site) if site else 'NULL'},
        {sql_str(t.user)}, {sql_str(url or t.site_url)}, {sql_str(kind)}, 'api',
        'mobile', 1, {sql_str(status)}, {sql_str(error)},
        NOW(3) - INTERVAL {int(created_ago_s)} SECOND, {started}, {finished},
        {owner}, {lease})""")
    return rid


SCORES = {"health": 74, "performance": 68, "seo": 95, "accessibility": 91,
          "best_practices": 100, "security": 88}
METRICS = {"lcp_ms": 3420, "cls": 0.08, "inp_ms": 180, "fcp_ms": 1200,
           "ttfb_ms": 420, "tbt_ms": 250}


def insert_report(state, t, scores=None, metrics=None, doc=None,
                  created_ago_s=0):
    """A completed run with its report; returns (run id, report id)."""
    run = insert_run(state, t, "completed", created_ago_s=created_ago_s)
    rep = str(uuid.uuid4())
    vals = dict(SCORES, **(scores or {}))
    vals.update(METRICS if metrics is None else metrics)
    doc = doc or {"url": t.site_url, "overall": vals["health"],
                  "scores": {"performance": vals["performance"]},
                  "summaries": {}, "issues": []}
    cols = ", ".join(vals)
    values = ", ".join("NULL" if v is None else str(v) for v in vals.values())
    mariadb(state, f"""INSERT INTO reports (id, run_id, org_id, site_id, {cols},
        report_json, created_at) VALUES ({sql_str(rep)}, {sql_str(run)},
        {sql_str(t.org)}, {sql_str(t.site)}, {values}, {sql_str(json.dumps(doc))},
        NOW(3) - INTERVAL {int(created_ago_s)} SECOND);
        UPDATE runs SET report_id = {sql_str(rep)} WHERE id = {sql_str(run)}""")
    return run, rep


_seq = itertools.count()


def ordered_uuid():
    """A UUID that sorts after every earlier one (rows inserted in one ms)."""
    seq = next(_seq)
    return str(uuid.UUID(hex=f"{time.time_ns() // 10**6:012x}7{seq % 4096:03x}"
                             f"8{seq:015x}"))


def add_budget(state, t, metric, operator, threshold):
    """A budget row; budgets are evaluated in insertion order."""
    mariadb(state, f"""INSERT INTO budgets (id, org_id, site_id, metric, operator,
        threshold) VALUES ({sql_str(ordered_uuid())}, {sql_str(t.org)},
        {sql_str(t.site)}, {sql_str(metric)}, {sql_str(operator)}, {threshold})""")


def settle_scans(state, site):
    """Marks the site's queued / running scans completed (they stay counted)."""
    mariadb(state, f"""UPDATE runs SET status = 'completed', finished_at = NOW(3)
        WHERE site_id = {sql_str(site)} AND kind = 'scan'
        AND status IN ('queued', 'running')""")


@pytest.fixture(scope="session")
def blackhole():
    """A TCP port that accepts connections and never answers: a site there
    keeps any runner that claims its scan busy, so a scan stays active."""
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    s.listen(128)
    yield f"http://127.0.0.1:{s.getsockname()[1]}/"
    s.close()


@pytest.fixture()
def tenant(blackhole):
    return Tenant(site_url=blackhole)


@pytest.fixture()
def other(blackhole):
    return Tenant(site_url=blackhole)
