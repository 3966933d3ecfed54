"""End-to-end tests for CrUX field data in `siteaudit audit --json`.

A local HTTP server on 127.0.0.1 stands in for the Chrome UX Report API:
it answers POSTs with the recorded responses in tests/fixtures/crux/
(page record, 404 then origin record), and the CLI reads a config whose
[crux] endpoint points at it. The audited pages are perf fixtures served by
the test nginx at $SITEAUDIT_FIXTURES_URL.
"""
import http.server
import json
import os
import subprocess
import threading
import urllib.parse

import pytest

KEY = "test-crux-key-4f1a9c"
FIX = os.path.join(os.path.dirname(__file__), "..", "fixtures", "crux")


def recorded(name):
    with open(os.path.join(FIX, name), "rb") as f:
        return f.read()


class Handler(http.server.BaseHTTPRequestHandler):
    """Replays recorded answers: a record for the page URL ending in
    minimal.html, a 404 for any other URL, the origin record for origins."""

    def do_POST(self):
        n = int(self.headers.get("Content-Length", "0"))
        req = json.loads(self.rfile.read(n) or b"{}")
        self.server.seen.append({"path": self.path, "body": req,
                                 "type": self.headers.get("Content-Type")})
        if req.get("url", "").endswith("/minimal.html"):
            self.reply(200, recorded("page.json"))
        elif "origin" in req and self.server.origin_ok:
            self.reply(200, recorded("origin.json"))
        else:
            self.reply(404, recorded("notfound.json"))

    def reply(self, status, body):
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def crux_server():
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    srv.seen = []
    srv.origin_ok = True
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    yield srv
    srv.shutdown()
    srv.server_close()


def write_conf(tmp_path, text):
    path = tmp_path / "siteaudit.conf"
    path.write_text(text)
    return str(path)


def run_audit(bin_dir, conf, url, *extra):
    env = {k: v for k, v in os.environ.items() if k != "SITEAUDIT_CONF"}
    if conf:
        env["SITEAUDIT_CONF"] = conf
    p = subprocess.run([os.path.join(bin_dir, "siteaudit"), "audit",
                        "--allow-private", "--json", *extra, url],
                       env=env, capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    assert KEY not in p.stdout and KEY not in p.stderr
    return json.loads(p.stdout)


def keyed_conf(tmp_path, srv):
    return write_conf(tmp_path, (
        "[crux]\n"
        f"api_key = {KEY}\n"
        f"endpoint = http://127.0.0.1:{srv.server_address[1]}"
        "/v1/records:queryRecord\n"
        "timeout_ms = 3000\n"))


def page(fixtures_url, name):
    return fixtures_url.rstrip("/") + "/perf/" + name


def test_page_record(bin_dir, fixtures_url, crux_server, tmp_path):
    crux_server.seen.clear()
    url = page(fixtures_url, "minimal.html")
    doc = run_audit(bin_dir, keyed_conf(tmp_path, crux_server), url)
    row = doc["pages"][0]
    assert row["crux"] == {"lcp": 2613, "cls": 0.07, "inp": 187,
                           "hasCruxData": True}
    assert row["coreWebVitals"]["cls"] == 0.07
    assert row["coreWebVitals"]["inp"] == 187
    assert len(crux_server.seen) == 1
    req = crux_server.seen[0]
    assert req["path"] == f"/v1/records:queryRecord?key={KEY}"
    assert req["body"] == {"url": url, "formFactor": "PHONE"}
    assert req["type"] == "application/json"


def test_origin_fallback_desktop(bin_dir, fixtures_url, crux_server, tmp_path):
    crux_server.seen.clear()
    url = page(fixtures_url, "text-article.html")
    doc = run_audit(bin_dir, keyed_conf(tmp_path, crux_server), url,
                    "--strategy", "desktop")
    assert doc["pages"][0]["crux"] == {"lcp": 3120, "cls": 0.12, "inp": 243,
                                       "hasCruxData": True}
    bodies = [s["body"] for s in crux_server.seen]
    u = urllib.parse.urlsplit(url)
    origin = f"{u.scheme}://{u.netloc}"
    assert bodies == [{"url": url, "formFactor": "DESKTOP"},
                      {"origin": origin, "formFactor": "DESKTOP"}]


def test_no_record_anywhere(bin_dir, fixtures_url, crux_server, tmp_path):
    crux_server.origin_ok = False
    try:
        doc = run_audit(bin_dir, keyed_conf(tmp_path, crux_server),
                        page(fixtures_url, "text-article.html"))
    finally:
        crux_server.origin_ok = True
    assert doc["pages"][0]["crux"] == {"lcp": None, "cls": None, "inp": None,
                                       "hasCruxData": False}


def test_without_key_no_request(bin_dir, fixtures_url, crux_server, tmp_path):
    crux_server.seen.clear()
    conf = write_conf(tmp_path, (
        "[crux]\n"
        f"endpoint = http://127.0.0.1:{crux_server.server_address[1]}/\n"))
    doc = run_audit(bin_dir, conf, page(fixtures_url, "minimal.html"))
    assert doc["pages"][0]["crux"]["hasCruxData"] is False
    assert doc["pages"][0]["coreWebVitals"]["cls"] is None
    assert crux_server.seen == []
    doc = run_audit(bin_dir, None, page(fixtures_url, "minimal.html"))
    assert doc["pages"][0]["crux"]["hasCruxData"] is False


def test_unreachable_endpoint_still_audits(bin_dir, fixtures_url, tmp_path):
    conf = write_conf(tmp_path, (
        f"[crux]\napi_key = {KEY}\n"
        "endpoint = http://127.0.0.1:9/nothing\ntimeout_ms = 500\n"))
    doc = run_audit(bin_dir, conf, page(fixtures_url, "minimal.html"))
    assert doc["pages"][0]["crux"]["hasCruxData"] is False
    assert isinstance(doc["scores"]["performance"], int)
