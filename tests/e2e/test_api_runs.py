"""POST /api/mcp/start-audit, GET /api/mcp/runs/{runId} and
GET /api/mcp/reports/{reportId} (document 000)."""
import os
import shutil
import struct
import subprocess
import tempfile
import uuid

import pytest

import fcgi_client
from conftest import mariadb, wait_until
from test_api_util import (ISO_MS, assert_error, blackhole, call,  # noqa: F401
                           insert_report, insert_run, other, sql_str, tenant)

START = "/api/mcp/start-audit"


def run_row(state, rid):
    rows = mariadb(state, "SELECT org_id, site_id, user_id, api_key_id, url, kind,"
                   " trigger_source, strategy, page_limit, status FROM runs"
                   " WHERE id = " + sql_str(rid))
    assert len(rows) == 1
    return dict(zip(["org", "site", "user", "key", "url", "kind", "trigger",
                     "strategy", "page_limit", "status"], rows[0]))


# --- start-audit ---------------------------------------------------------------

def test_start_audit_queues_a_run(base_url, state_dir, fixtures_url, tenant):
    url = fixtures_url + "/sample-site/index.html"
    r = call(base_url, "POST", START, key=tenant.key, body={"url": url})
    assert r.status_code == 202, r.text
    body = r.json()
    assert set(body) == {"runId", "status"} and body["status"] == "queued"
    uuid.UUID(body["runId"])
    assert r.headers["Location"] == "/api/mcp/runs/" + body["runId"]
    row = run_row(state_dir, body["runId"])
    assert row["org"] == tenant.org and row["user"] == tenant.user
    assert row["site"] == "NULL" and row["key"] != "NULL"
    assert (row["url"], row["kind"], row["trigger"], row["page_limit"]) == \
        (url, "audit", "api", "1")
    assert row["strategy"] == "mobile"


def test_start_audit_attached_to_own_site(base_url, state_dir, fixtures_url, tenant):
    mariadb(state_dir, "UPDATE sites SET strategy = 'desktop' WHERE id = "
            + sql_str(tenant.site))
    r = call(base_url, "POST", START, key=tenant.key,
             body={"url": fixtures_url + "/sample-site/about.html",
                   "siteId": tenant.site})
    assert r.status_code == 202, r.text
    row = run_row(state_dir, r.json()["runId"])
    assert row["site"] == tenant.site and row["strategy"] == "desktop"
    r = call(base_url, "POST", START, key=tenant.key,
             body={"url": fixtures_url + "/sample-site/about.html",
                   "siteId": tenant.site, "strategy": "both"})
    assert run_row(state_dir, r.json()["runId"])["strategy"] == "both"


def test_start_audit_other_orgs_site_is_404(base_url, fixtures_url, tenant, other):
    body = {"url": fixtures_url + "/sample-site/index.html", "siteId": other.site}
    assert_error(call(base_url, "POST", START, key=tenant.key, body=body), 404,
                 "not_found")
    body["siteId"] = str(uuid.uuid4())
    assert_error(call(base_url, "POST", START, key=tenant.key, body=body), 404,
                 "not_found")


@pytest.mark.parametrize("raw", ["", "not json", "{\"url\": ", "[1, 2]", "\"x\"",
                                 "{\"url\": \"https://a.example/\"} trailing"])
def test_start_audit_body_not_json_object_is_400(base_url, tenant, raw):
    r = call(base_url, "POST", START, key=tenant.key, raw=raw)
    assert_error(r, 400, "invalid_json")


@pytest.mark.parametrize("body,field", [
    ({}, "url"),
    ({"url": 42}, "url"),
    ({"url": None}, "url"),
    ({"url": "ftp://example.com/file"}, "url"),
    ({"url": "example.com"}, "url"),
    ({"url": "https://" + "a" * 2050 + ".com/"}, "url"),
    ({"url": "https://example.com/", "siteId": "nope"}, "siteId"),
    ({"url": "https://example.com/", "siteId": 7}, "siteId"),
    ({"url": "https://example.com/", "strategy": "tablet"}, "strategy"),
])
def test_start_audit_invalid_fields_are_422(base_url, tenant, body, field):
    r = call(base_url, "POST", START, key=tenant.key, body=body)
    assert_error(r, 422, "validation_error", field)


@pytest.mark.parametrize("url", ["http://user:pw@example.com/", "http://[::1/",
                                 "https:///nohost"])
def test_start_audit_malformed_url_is_422(base_url, tenant, url):
    r = call(base_url, "POST", START, key=tenant.key, body={"url": url})
    assert_error(r, 422, mentions="url")


# The shared test stack allows loopback targets (its fixtures live there), so
# the refusal of private targets is checked on a second pool with the
# production setting, spoken to directly over FastCGI.

@pytest.fixture()
def strict_pool(conf_path, bin_dir):
    tmp = tempfile.mkdtemp(prefix="sa-strict-")
    sock = os.path.join(tmp, "pool.sock")
    text = open(conf_path).read()
    text = text.replace("listen = unix:", f"listen = unix:{sock}\n# was: ")
    text = text.replace("allow_private_targets = true", "allow_private_targets = false")
    text = text.replace("workers = ", "workers = 1\n# was: ")
    conf = os.path.join(tmp, "pool.conf")
    with open(conf, "w") as f:
        f.write(text)
    proc = subprocess.Popen([os.path.join(bin_dir, "siteaudit-fcgi")],
                            env=dict(os.environ, SITEAUDIT_CONF=conf),
                            stderr=subprocess.DEVNULL)
    assert wait_until(lambda: os.path.exists(sock), 10), "pool did not listen"
    yield sock
    proc.terminate()
    proc.wait(15)
    shutil.rmtree(tmp, ignore_errors=True)


def fcgi_post(sock, uri, key, body):
    """POST over FastCGI with an Authorization header (fcgi_client has none)."""
    import socket as so
    body = body.encode()
    params = {"REQUEST_METHOD": "POST", "REQUEST_URI": uri, "QUERY_STRING": "",
              "CONTENT_LENGTH": str(len(body)), "CONTENT_TYPE": "application/json",
              "HTTP_AUTHORIZATION": "Bearer " + key, "SERVER_PROTOCOL": "HTTP/1.1",
              "REMOTE_ADDR": "127.0.0.1"}
    data = b"".join(fcgi_client._pair(k, v) for k, v in params.items())
    with so.socket(so.AF_UNIX, so.SOCK_STREAM) as s:
        s.settimeout(10)
        s.connect(sock)
        s.sendall(fcgi_client._record(fcgi_client.BEGIN, struct.pack("!HB5x", 1, 0))
                  + fcgi_client._record(fcgi_client.PARAMS, data)
                  + fcgi_client._record(fcgi_client.PARAMS, b"")
                  + fcgi_client._record(fcgi_client.STDIN, body)
                  + fcgi_client._record(fcgi_client.STDIN, b""))
        out = fcgi_client._read_stdout(s)
    head, _, payload = out.partition(b"\r\n\r\n")
    status = int(head.split(b"Status: ")[1].split(b" ")[0])
    return status, payload.decode()


@pytest.mark.parametrize("url", ["http://127.0.0.1/", "http://10.1.2.3/admin",
                                 "http://169.254.169.254/latest/meta-data/",
                                 "http://[::1]:8080/", "http://192.168.0.1/",
                                 "http://localhost/"])
def test_start_audit_refuses_private_targets_with_422(strict_pool, state_dir,
                                                      tenant, url):
    import json
    status, payload = fcgi_post(strict_pool, START, tenant.key,
                                json.dumps({"url": url}))
    assert status == 422, payload
    body = json.loads(payload)
    assert body["error"] == "private_target"
    assert "url" in body["message"] and "address" in body["message"]
    n = mariadb(state_dir, "SELECT COUNT(*) FROM runs WHERE org_id = "
                + sql_str(tenant.org) + " AND url = " + sql_str(url))
    assert n == [["0"]]


# --- runs ----------------------------------------------------------------------

def get_run(base_url, key, rid):
    return call(base_url, "GET", f"/api/mcp/runs/{rid}", key=key)


def test_queued_run(base_url, fixtures_url, tenant):
    url = fixtures_url + "/sample-site/index.html"
    rid = call(base_url, "POST", START, key=tenant.key, body={"url": url}).json()["runId"]
    r = get_run(base_url, tenant.key, rid)
    assert r.status_code == 200
    run = r.json()
    assert run["runId"] == rid and run["url"] == url and run["siteId"] is None
    assert run["status"] in ("queued", "running", "completed", "failed")
    assert ISO_MS.match(run["createdAt"])
    assert set(run) >= {"startedAt", "finishedAt", "reportId", "error", "kind",
                        "strategy"}


def test_running_completed_and_failed_runs(base_url, state_dir, tenant):
    rid = insert_run(state_dir, tenant, "running")
    run = get_run(base_url, tenant.key, rid).json()
    assert run["status"] == "running" and ISO_MS.match(run["startedAt"])
    assert run["finishedAt"] is None and run["reportId"] is None
    assert run["siteId"] == tenant.site

    rid, rep = insert_report(state_dir, tenant)
    run = get_run(base_url, tenant.key, rid).json()
    assert run["status"] == "completed" and run["reportId"] == rep
    assert ISO_MS.match(run["finishedAt"]) and run["error"] is None

    rid = insert_run(state_dir, tenant, "failed", error="fetch failed: timeout")
    run = get_run(base_url, tenant.key, rid).json()
    assert run["status"] == "failed" and run["error"] == "fetch failed: timeout"
    assert run["reportId"] is None


def test_run_of_other_org_and_unknown_run_are_404(base_url, state_dir, tenant, other):
    rid = insert_run(state_dir, tenant, "completed")
    a = assert_error(get_run(base_url, other.key, rid), 404, "not_found")
    b = assert_error(get_run(base_url, other.key, str(uuid.uuid4())), 404)
    assert a == b
    assert get_run(base_url, tenant.key, rid).status_code == 200


# --- reports -------------------------------------------------------------------

def get_report(base_url, key, rep, **params):
    return call(base_url, "GET", f"/api/mcp/reports/{rep}", key=key, params=params)


def test_report_is_the_stored_document_plus_ids(base_url, state_dir, tenant):
    doc = {"url": "https://example.com/", "overall": 74,
           "scores": {"performance": 68, "accessibility": 91, "seo": 95,
                      "bestPractices": 100, "security": 88},
           "summaries": {"performance": "Slow."},
           "issues": [{"id": "image-alt", "count": 2}]}
    run, rep = insert_report(state_dir, tenant, doc=doc)
    for params in ({}, {"format": "json"}):
        r = get_report(base_url, tenant.key, rep, **params)
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["id"] == rep and body["runId"] == run
        assert body["siteId"] == tenant.site and ISO_MS.match(body["createdAt"])
        for k, v in doc.items():
            assert body[k] == v


def test_report_pdf_url_is_a_signed_link(base_url, state_dir, tenant, other):
    _, rep = insert_report(state_dir, tenant)
    r = get_report(base_url, tenant.key, rep, format="pdf_url")
    assert r.status_code == 200, r.text   # the link itself: tests/e2e/test_pdf.py
    assert set(r.json()) == {"url", "expiresAt"}
    assert f"/files/reports/{rep}.pdf?expires=" in r.json()["url"]
    # no PDF error leaks whether another org's report exists
    assert_error(get_report(base_url, other.key, rep, format="pdf_url"), 404)


@pytest.mark.parametrize("fmt", ["xml", "PDF_URL", "", "json&x"])
def test_report_unknown_format_is_400(base_url, state_dir, tenant, fmt):
    _, rep = insert_report(state_dir, tenant)
    r = call(base_url, "GET", f"/api/mcp/reports/{rep}?format={fmt}", key=tenant.key)
    if fmt == "json&x":
        assert r.status_code == 200
        return
    assert_error(r, 400, "unsupported_format", "format")


def test_report_of_other_org_is_404(base_url, state_dir, tenant, other):
    _, rep = insert_report(state_dir, tenant)
    a = assert_error(get_report(base_url, other.key, rep), 404, "not_found")
    assert a == get_report(base_url, other.key, str(uuid.uuid4())).json()
