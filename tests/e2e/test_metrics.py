"""GET /metrics: Prometheus text — request counters aggregated over the
worker pool, latency histograms, MariaDB gauges; loopback or token only."""
import os
import re
import subprocess
import tempfile

import pytest

import fcgi_client
from conftest import wait_until

TOKEN = "metrics-test-token-0123456789"
SERIES = re.compile(r'^([a-z_]+)(\{(?:[^"}]|"(?:[^"\\]|\\.)*")*\})? (\S+)$')


def scrape(http, base_url):
    r = http.get(f"{base_url}/metrics")
    assert r.status_code == 200, r.text
    assert r.headers["Content-Type"].startswith("text/plain; version=0.0.4")
    return r.text


def series(text):
    """{(name, labels): value} of every sample line."""
    out = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        m = SERIES.match(line)
        assert m, f"malformed line: {line!r}"
        key = (m.group(1), m.group(2) or "")
        assert key not in out, f"duplicate series {key}"
        out[key] = float(m.group(3))
    return out


HEALTHZ = ("siteaudit_http_requests_total", '{route="/healthz",status="200"}')


def test_counters_include_recent_requests(http, base_url):
    before = series(scrape(http, base_url)).get(HEALTHZ, 0)
    for _ in range(5):
        assert http.get(f"{base_url}/healthz").status_code == 200
    after = series(scrape(http, base_url))[HEALTHZ]
    assert after >= before + 5


def test_unmatched_paths_are_one_series(http, base_url):
    http.get(f"{base_url}/no/such/path/{os.getpid()}")
    s = series(scrape(http, base_url))
    assert s[("siteaudit_http_requests_total", '{route="unmatched",status="404"}')] >= 1
    assert not any("/no/such/path" in labels for _, labels in s)


def test_latency_histogram_is_cumulative(http, base_url):
    http.get(f"{base_url}/healthz")
    s = series(scrape(http, base_url))
    name = "siteaudit_http_request_duration_seconds"
    buckets = [(labels, v) for (n, labels), v in s.items()
               if n == name + "_bucket" and 'route="/healthz"' in labels]
    assert len(buckets) == 12
    values = [v for _, v in buckets]
    assert values == sorted(values)
    assert buckets[-1][0].endswith('le="+Inf"}')
    assert s[(name + "_count", '{route="/healthz"}')] == values[-1]
    assert s[(name + "_sum", '{route="/healthz"}')] >= 0


def test_database_gauges(http, base_url):
    s = series(scrape(http, base_url))
    assert s[("siteaudit_db_up", "")] == 1
    for st in ("queued", "running", "completed", "failed"):
        assert s[("siteaudit_runs", f'{{status="{st}"}}')] >= 0
    for st in ("PENDING", "GENERATING", "COMPLETED", "FAILED"):
        assert ("siteaudit_page_audits", f'{{status="{st}"}}') in s
    assert s[("siteaudit_webhook_deliveries_pending", "")] >= 0
    d = "siteaudit_audit_duration_seconds"
    assert s[(d + "_bucket", '{le="+Inf"}')] == s[(d + "_count", "")]


@pytest.fixture(scope="module")
def token_pool(conf_path, bin_dir):
    """A separate pool (2 workers) with a metrics token; yields its socket."""
    tmp = tempfile.mkdtemp(prefix="sa-metrics-")
    sock = os.path.join(tmp, "pool.sock")
    text = open(conf_path).read()
    text = text.replace("listen = unix:", f"listen = unix:{sock}\n# was: ")
    text = re.sub(r"(?m)^workers\s*=.*$", "workers = 2", text)
    conf = os.path.join(tmp, "pool.conf")
    with open(conf, "w") as f:
        f.write(text + f"\n[metrics]\ntoken = {TOKEN}\n")
    proc = subprocess.Popen([os.path.join(bin_dir, "siteaudit-fcgi")],
                            env=dict(os.environ, SITEAUDIT_CONF=conf),
                            stderr=subprocess.DEVNULL)
    assert wait_until(lambda: os.path.exists(sock), 10), "pool did not listen"
    yield sock
    proc.terminate()
    proc.wait(15)


def test_remote_client_is_refused_without_the_token(token_pool):
    for headers in (None, {"Authorization": "Bearer wrong"},
                    {"Authorization": TOKEN}):
        status, h, body = fcgi_client.request(token_pool, uri="/metrics",
                                              headers=headers, remote_addr="203.0.113.7")
        assert status == 403, body
        assert h["content-type"].startswith("application/json")
        assert b'"forbidden"' in body


def test_remote_client_with_the_token_is_served(token_pool):
    status, h, body = fcgi_client.request(
        token_pool, uri="/metrics", remote_addr="203.0.113.7",
        headers={"Authorization": f"Bearer {TOKEN}"})
    assert status == 200
    assert h["content-type"].startswith("text/plain; version=0.0.4")
    assert b"siteaudit_http_requests_total" in body


def test_loopback_needs_no_token_and_counts_span_workers(token_pool):
    for addr in ("127.0.0.1", "::1"):
        status, _, _ = fcgi_client.request(token_pool, uri="/metrics", remote_addr=addr)
        assert status == 200
    for _ in range(20):
        assert fcgi_client.request(token_pool, uri="/healthz")[0] == 200
    _, _, body = fcgi_client.request(token_pool, uri="/metrics")
    s = series(body.decode())
    assert s[HEALTHZ] == 20   # one count, whichever worker answered
