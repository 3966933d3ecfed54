"""Outgoing webhooks and the inbound deploy hook (issue 9, docs/webhooks.md).

A receiver runs in the test on loopback (the stack allows private targets);
the stack's runner delivers. Retries are checked without waiting out the
real backoff: the test reads the scheduled delay, then moves
next_attempt_at to now.
"""
import hashlib
import hmac
import json
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from conftest import mariadb
from test_api_runs import fcgi_post, strict_pool  # noqa: F401 (fixture)
from test_api_util import (Tenant, add_budget, assert_error, blackhole,  # noqa: F401
                           call, insert_report, other, sql_str, tenant)

SUBSCRIBE = "/api/external/webhooks/subscribe"


class Receiver:
    """A loopback HTTP server recording every POST per path. Paths:
    /ok → 200; /flaky → 500 twice, then 200; /hang → no answer for 15 s."""

    def __init__(self):
        self.hits = []
        self.lock = threading.Lock()
        self.counts = {}
        rec = self

        class H(BaseHTTPRequestHandler):
            def log_message(self, *a):
                pass

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                with rec.lock:
                    rec.hits.append({"path": self.path, "t": time.time(),
                                     "headers": dict(self.headers), "body": body})
                    n = rec.counts[self.path] = rec.counts.get(self.path, 0) + 1
                if self.path.startswith("/hang"):
                    time.sleep(15)
                code = 500 if self.path.startswith("/flaky") and n <= 2 else 200
                try:
                    self.send_response(code)
                    self.send_header("Content-Length", "2")
                    self.end_headers()
                    self.wfile.write(b"ok")
                except OSError:
                    pass

        self.srv = ThreadingHTTPServer(("127.0.0.1", 0), H)
        self.srv.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.srv.server_address[1]}"
        threading.Thread(target=self.srv.serve_forever, daemon=True).start()

    def on(self, path):
        with self.lock:
            return [h for h in self.hits if h["path"] == path]

    def wait(self, path, n, timeout):
        end = time.time() + timeout
        while time.time() < end:
            if len(self.on(path)) >= n:
                return self.on(path)
            time.sleep(0.2)
        raise AssertionError(f"{path}: {len(self.on(path))} of {n} requests")


@pytest.fixture()
def receiver():
    r = Receiver()
    yield r
    r.srv.shutdown()


def subscribe(base_url, t, url, events, **extra):
    resp = call(base_url, "POST", SUBSCRIBE, key=t.key,
                body=dict({"url": url, "events": events}, **extra))
    assert resp.status_code == 201, resp.text
    return resp.json()


def verify(secret, hit):
    ts = hit["headers"]["X-Siteaudit-Timestamp"]
    sig = hit["headers"]["X-Siteaudit-Signature"]
    want = hmac.new(secret.encode(), ts.encode() + b"." + hit["body"],
                    hashlib.sha256).hexdigest()
    assert sig == "v1=" + want
    assert abs(time.time() - int(ts)) < 120


def wait_sql(state, sql, pred, timeout=30):
    end = time.time() + timeout
    while time.time() < end:
        rows = mariadb(state, sql)
        if rows and pred(rows[0]):
            return rows[0]
        time.sleep(0.2)
    raise AssertionError(f"timed out: {sql}")


def queue_delivery(state, t, sub_id, event_id=None):
    did, eid = str(uuid.uuid4()), event_id or str(uuid.uuid4())
    payload = json.dumps({"id": eid, "type": "scan.completed"})
    mariadb(state, f"""INSERT INTO webhook_deliveries (id, subscription_id,
        org_id, event_id, event_type, payload) VALUES ({sql_str(did)},
        {sql_str(sub_id)}, {sql_str(t.org)}, {sql_str(eid)}, 'scan.completed',
        {sql_str(payload)})""")
    return did, eid


# --- subscriptions -------------------------------------------------------------

def test_subscribe_list_delete(base_url, tenant, other):
    sub = subscribe(base_url, tenant, "http://127.0.0.1:9/hook",
                    ["budget.violated", "scan.completed"], siteId=tenant.site)
    assert sub["secret"].startswith("whsec_") and len(sub["secret"]) == 70
    assert sub["events"] == ["scan.completed", "budget.violated"]
    assert sub["siteId"] == tenant.site and sub["format"] == "json"
    lst = call(base_url, "GET", "/api/external/webhooks", key=tenant.key).json()
    assert [w["id"] for w in lst["webhooks"]] == [sub["id"]]
    assert "secret" not in lst["webhooks"][0]
    assert lst["webhooks"][0]["enabled"] is True
    assert lst["webhooks"][0]["deliveries"] == []
    # another org sees nothing and cannot delete it
    assert call(base_url, "GET", "/api/external/webhooks",
                key=other.key).json() == {"webhooks": []}
    assert_error(call(base_url, "DELETE", f"/api/external/webhooks/{sub['id']}",
                      key=other.key), 404)
    resp = call(base_url, "DELETE", f"/api/external/webhooks/{sub['id']}",
                key=tenant.key)
    assert resp.status_code == 204
    assert_error(call(base_url, "DELETE", f"/api/external/webhooks/{sub['id']}",
                      key=tenant.key), 404)


@pytest.mark.parametrize("body", [
    {"url": "http://127.0.0.1:9/", "events": []},
    {"url": "http://127.0.0.1:9/", "events": ["scan.started"]},
    {"url": "https://example.com/"},
    {"url": "ftp://example.com/", "events": ["scan.completed"]},
    {"url": "http://127.0.0.1:9/", "events": ["scan.completed"], "format": "xml"},
])
def test_subscribe_invalid_is_422(base_url, tenant, body):
    assert_error(call(base_url, "POST", SUBSCRIBE, key=tenant.key, body=body), 422)


def test_subscribe_other_orgs_site_is_404(base_url, tenant, other):
    assert_error(call(base_url, "POST", SUBSCRIBE, key=tenant.key, body={
        "url": "http://127.0.0.1:9/", "events": ["scan.completed"],
        "siteId": other.site}), 404)


@pytest.mark.parametrize("url", ["http://127.0.0.1/hook", "http://10.0.0.1/",
                                 "http://169.254.169.254/", "http://localhost/"])
def test_subscribe_private_target_refused(strict_pool, state_dir, tenant, url):  # noqa: F811
    status, payload = fcgi_post(strict_pool, SUBSCRIBE, tenant.key,
                                json.dumps({"url": url, "events": ["scan.completed"]}))
    assert status == 422, payload
    assert json.loads(payload)["error"] == "private_target"
    assert mariadb(state_dir, "SELECT COUNT(*) FROM webhook_subscriptions"
                   " WHERE org_id = " + sql_str(tenant.org)) == [["0"]]


# --- delivery ------------------------------------------------------------------

def test_completed_scan_delivers_signed_events(base_url, state_dir, fixtures_url,
                                               receiver):
    t = Tenant(site_url=fixtures_url + "/sample-site/index.html")
    sub = subscribe(base_url, t, receiver.url + "/ok",
                    ["scan.completed", "budget.violated", "regression.detected"])
    add_budget(state_dir, t, "performance", "min", 101)   # always broken
    # a previous report with a zero LCP and a rule "lcp grew by more than 0"
    insert_report(state_dir, t, metrics={"lcp_ms": 0}, created_ago_s=3600)
    mariadb(state_dir, f"""INSERT INTO alert_rules (id, org_id, site_id, kind,
        metric, threshold) VALUES ({sql_str(str(uuid.uuid4()))},
        {sql_str(t.org)}, {sql_str(t.site)}, 'metric_worsened', 'lcp', 0)""")
    scan = call(base_url, "POST", "/api/external/scan", key=t.key,
                body={"siteId": t.site, "strategy": "mobile"})
    assert scan.status_code == 202, scan.text
    hits = receiver.wait("/ok", 3, 120)
    events = {}
    for h in hits:
        verify(sub["secret"], h)
        ev = json.loads(h["body"])
        assert h["headers"]["X-Siteaudit-Event-Id"] == ev["id"]
        assert h["headers"]["X-Siteaudit-Event"] == ev["type"]
        events[ev["type"]] = ev
    done, viol = events["scan.completed"], events["budget.violated"]
    reg = events["regression.detected"]
    assert len({done["id"], viol["id"], reg["id"]}) == 3
    assert [(r["metric"], r["operator"], r["threshold"]) for r in
            reg["regressions"]] == [("lcp", "increase", 0)]
    assert reg["regressions"][0]["actual"] > 0
    assert "violations" not in done and "regressions" not in viol
    for ev in (done, viol, reg):
        assert ev["scan"]["id"] == scan.json()["scanId"]
        assert ev["scan"]["status"] == "completed"
        assert ev["site"] == {"id": t.site, "name": t.site_name, "url": t.site_url}
        assert isinstance(ev["scores"]["health"], int)
        assert ev["created"].endswith("Z")
    assert {"metric": "performance", "threshold": 101, "operator": "min",
            "actual": done["scores"]["performance"]} in viol["violations"]
    assert wait_sql(state_dir, "SELECT COUNT(*) FROM webhook_deliveries WHERE"
                    f" subscription_id = {sql_str(sub['id'])} AND status ="
                    " 'delivered'", lambda r: r[0] == "3")
    ds = call(base_url, "GET", "/api/external/webhooks",
              key=t.key).json()["webhooks"][0]["deliveries"]
    assert {(d["status"], d["responseCode"], d["attempts"]) for d in ds} == \
        {("delivered", 200, 1)}


def test_failed_scan_delivers_scan_failed_also_as_slack(base_url, state_dir,
                                                        receiver):
    t = Tenant(site_url="http://127.0.0.1:9/")   # connection refused
    plain = subscribe(base_url, t, receiver.url + "/ok", ["scan.failed"],
                      siteId=t.site)
    subscribe(base_url, t, receiver.url + "/slack", ["scan.failed"],
              format="slack")
    scan = call(base_url, "POST", "/api/external/scan", key=t.key,
                body={"siteId": t.site, "strategy": "mobile"})
    assert scan.status_code == 202, scan.text
    hit = receiver.wait("/ok", 1, 120)[0]
    verify(plain["secret"], hit)
    ev = json.loads(hit["body"])
    assert ev["type"] == "scan.failed" and ev["scores"] is None
    assert ev["scan"]["id"] == scan.json()["scanId"]
    assert ev["scan"]["status"] == "failed" and ev["scan"]["error"]
    slack = receiver.wait("/slack", 1, 30)[0]
    assert slack["headers"]["X-Siteaudit-Event-Id"] == ev["id"]
    text = json.loads(slack["body"])["text"]
    assert "scan.failed" in text and t.site_name in text


def test_failed_delivery_is_retried_with_growing_delays(base_url, state_dir,
                                                        tenant, receiver):
    sub = subscribe(base_url, tenant, receiver.url + "/flaky", ["scan.completed"])
    did, eid = queue_delivery(state_dir, tenant, sub["id"])
    q = ("SELECT attempts, status, last_status_code, TIMESTAMPDIFF(MICROSECOND,"
         f" NOW(3), next_attempt_at) FROM webhook_deliveries WHERE id = {sql_str(did)}")
    delays = []
    for n in (1, 2):
        row = wait_sql(state_dir, q, lambda r, n=n: r[0] == str(n))
        assert row[1] == "pending" and row[2] == "500"
        delays.append(int(row[3]) / 1e6)
        mariadb(state_dir, "UPDATE webhook_deliveries SET next_attempt_at ="
                f" NOW(3) WHERE id = {sql_str(did)}")
    row = wait_sql(state_dir, q, lambda r: r[0] == "3")
    assert row[1] == "delivered" and row[2] == "200"
    hits = receiver.on("/flaky")
    assert len(hits) == 3
    assert {h["headers"]["X-Siteaudit-Event-Id"] for h in hits} == {eid}
    assert 20 <= delays[0] <= 37 and 45 <= delays[1] <= 73, delays
    assert delays[1] > delays[0]


def test_hanging_receiver_does_not_block_others(base_url, state_dir, tenant,
                                                receiver):
    slow = subscribe(base_url, tenant, receiver.url + "/hang", ["scan.completed"])
    fast = subscribe(base_url, tenant, receiver.url + "/ok", ["scan.completed"])
    mariadb(state_dir, "UPDATE webhook_subscriptions SET enabled = FALSE"
            f" WHERE id IN ({sql_str(slow['id'])}, {sql_str(fast['id'])})")
    sd, _ = queue_delivery(state_dir, tenant, slow["id"])
    queue_delivery(state_dir, tenant, fast["id"])
    mariadb(state_dir, "UPDATE webhook_subscriptions SET enabled = TRUE"
            f" WHERE org_id = {sql_str(tenant.org)}")   # both due at once
    hang = receiver.wait("/hang", 1, 30)[0]
    ok = receiver.wait("/ok", 1, 30)[0]
    assert ok["t"] - hang["t"] < 5
    row = wait_sql(state_dir, "SELECT attempts, last_error FROM webhook_deliveries"
                   f" WHERE id = {sql_str(sd)}", lambda r: r[0] == "1", 30)
    assert "time" in row[1]


def test_dead_deliveries_disable_the_subscription(base_url, state_dir, tenant,
                                                  receiver):
    sub = subscribe(base_url, tenant, receiver.url + "/flaky", ["scan.completed"])
    mariadb(state_dir, "UPDATE webhook_subscriptions SET dead_streak = 4"
            f" WHERE id = {sql_str(sub['id'])}")
    did, _ = queue_delivery(state_dir, tenant, sub["id"])
    mariadb(state_dir, "UPDATE webhook_deliveries SET created_at = NOW(3) -"
            f" INTERVAL 1 DAY WHERE id = {sql_str(did)}")
    wait_sql(state_dir, "SELECT status FROM webhook_deliveries WHERE id ="
             f" {sql_str(did)}", lambda r: r[0] == "dead")
    w = call(base_url, "GET", "/api/external/webhooks",
             key=tenant.key).json()["webhooks"][0]
    assert w["enabled"] is False and w["disabledReason"]
    assert w["deliveries"][0]["status"] == "dead"


# --- deploy hook ---------------------------------------------------------------

def set_token(state, t, token):
    mariadb(state, "UPDATE sites SET publish_token_hash = "
            + ("NULL" if token is None else f"UNHEX(SHA2({sql_str(token)}, 256))")
            + f" WHERE id = {sql_str(t.site)}")


def test_deploy_hook_queues_a_scan(base_url, state_dir, tenant):
    token = "dh_" + uuid.uuid4().hex * 2
    set_token(state_dir, tenant, token)
    path = "/api/hooks/site-publish/" + token
    resp = call(base_url, "POST", path)
    assert resp.status_code == 202, resp.text
    sid = resp.json()["scanId"]
    assert resp.json()["status"] == "queued"
    row = mariadb(state_dir, "SELECT site_id, trigger_source, kind, user_id"
                  f" FROM runs WHERE id = {sql_str(sid)}")
    assert row == [[tenant.site, "hook", "scan", "NULL"]]
    assert_error(call(base_url, "POST", path), 409, "SCAN_ALREADY_ACTIVE")
    assert_error(call(base_url, "POST", path + "x"), 404)
    assert_error(call(base_url, "POST", "/api/hooks/site-publish/dh_wrong"), 404)
    set_token(state_dir, tenant, None)
    assert_error(call(base_url, "POST", path), 404)


def test_deploy_hook_rate_limit_is_per_site(base_url, state_dir, tenant):
    token = "dh_" + uuid.uuid4().hex * 2
    set_token(state_dir, tenant, token)
    for _ in range(5):
        mariadb(state_dir, f"""INSERT INTO runs (id, org_id, site_id, url, kind,
            trigger_source, strategy, page_limit, status, finished_at) VALUES
            ({sql_str(str(uuid.uuid4()))}, {sql_str(tenant.org)},
            {sql_str(tenant.site)}, 'https://example.com/', 'scan', 'hook',
            'mobile', 1, 'completed', NOW(3))""")
    resp = call(base_url, "POST", "/api/hooks/site-publish/" + token)
    assert_error(resp, 429, "rate_limited")
    assert int(resp.headers["Retry-After"]) > 0


def test_deploy_hook_from_the_admin_cli(base_url, tenant):
    from test_api_util import admin
    token = admin("site", "hook", "--site", tenant.site)
    assert token.startswith("dh_") and len(token) == 67
    resp = call(base_url, "POST", "/api/hooks/site-publish/" + token)
    assert resp.status_code == 202, resp.text
    assert admin("site", "hook-revoke", "--site", tenant.site) == "revoked"
    assert_error(call(base_url, "POST", "/api/hooks/site-publish/" + token), 404)
