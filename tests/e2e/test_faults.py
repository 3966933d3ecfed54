"""Fault injection (issue 11, item 4): MariaDB restarted under load, a full
file store, a worker killed mid-request, and the runner killed at each stage
of a run (SITEAUDIT_FAULT, docs/runner.md) — every run still finishes
exactly once.

The module runs its own stack (scripts/stack up in a temporary folder), so
stopping its database or filling its disk never disturbs the shared one. The
stack's runner is stopped; each test starts the runners it needs, with a
5-second lease so a dead runner's run is re-claimed quickly.
"""
import errno
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import SimpleNamespace

import pytest
import requests

from conftest import mariadb, stack, wait_until, worker_pids
from test_api_util import assert_error, insert_run, sql_str
from test_webhooks import Receiver, subscribe

LEASE_S = 5
# x86-64 syscalls a worker blocks in while its MariaDB query waits: read,
# poll, recvfrom, ppoll (an idle one waits in accept / the accept lock)
WAITING_ON_DB = {"0", "7", "45", "271"}


class FaultStack:
    """A private stack whose runners the tests start and kill themselves."""

    def __init__(self, root, bin_dir):
        self.root, self.bin_dir = root, bin_dir
        self.state = tempfile.mkdtemp(prefix="sa-faults-")
        self.runners, self.mounted = [], False
        res = stack(root, "up", self.state)
        if res.returncode != 0:
            self.close()   # whatever did start is stopped
            pytest.fail(f"private stack did not start: {res.stdout}{res.stderr}")
        env = {}
        for line in open(os.path.join(self.state, "run.env")):
            k, _, v = line.rstrip("\n").partition("=")
            env[k] = v
        self.url, self.key = env["SITEAUDIT_URL"], env["SITEAUDIT_API_KEY"]
        self.fixtures, self.conf = env["SITEAUDIT_FIXTURES_URL"], env["SITEAUDIT_CONF"]
        self.org, self.site = env["SITEAUDIT_ORG_ID"], env["SITEAUDIT_SITE_ID"]
        self.user, self.site_url = env["SITEAUDIT_USER_ID"], env["SITEAUDIT_SAMPLE_URL"]
        self._own_runners_only()

    def _own_runners_only(self):
        pidfile = os.path.join(self.state, "pids", "runner.pid")
        pid = int(open(pidfile).read())
        os.kill(pid, signal.SIGTERM)
        assert wait_until(lambda: not os.path.exists(f"/proc/{pid}/stat") or
                          open(f"/proc/{pid}/stat").read().split()[2] == "Z", 20)
        os.remove(pidfile)
        text = open(self.conf).read()
        text = text.replace("poll_seconds = 2", "poll_seconds = 1")
        text = text.replace("lease_seconds = 30", f"lease_seconds = {LEASE_S}")
        open(self.conf, "w").write(text)

    def runner(self, fault=None, once=False):
        env = dict(os.environ, SITEAUDIT_CONF=self.conf)
        env.pop("SITEAUDIT_FAULT", None)
        if fault:
            env["SITEAUDIT_FAULT"] = fault
        log = open(os.path.join(self.state, "log", f"runner-{len(self.runners)}.log"), "w")
        p = subprocess.Popen([os.path.join(self.bin_dir, "siteaudit-runner"),
                              "--once" if once else "--loop"],
                             env=env, stdout=log, stderr=subprocess.STDOUT)
        p.log = log.name
        self.runners.append(p)
        return p

    def stop_runners(self):
        for p in self.runners:
            if p.poll() is None:
                p.terminate()
                try:
                    p.wait(30)
                except subprocess.TimeoutExpired:
                    p.kill()
                    p.wait()

    def sql(self, q):
        return mariadb(self.state, q)

    def api(self, method, path, body=None, timeout=30):
        h = {"Authorization": f"Bearer {self.key}"}
        return requests.request(method, self.url + path, json=body, headers=h,
                                timeout=timeout)

    def start_audit(self, url=None):
        r = self.api("POST", "/api/mcp/start-audit",
                     {"url": url or self.fixtures + "/sample-site/index.html"})
        assert r.status_code == 202, r.text
        return r.json()["runId"]

    def run_rows(self, ids):
        """{run id: (status, attempts, report rows)}."""
        rows = self.sql("SELECT r.id, r.status, r.attempts, (SELECT COUNT(*) FROM reports p"
                        " WHERE p.run_id = r.id) FROM runs r WHERE r.id IN ("
                        + ",".join(sql_str(i) for i in ids) + ")")
        return {r[0]: (r[1], int(r[2]), int(r[3])) for r in rows}

    def wait_finished(self, ids, timeout=60):
        done = wait_until(lambda: all(s in ("completed", "failed") for s, _, _ in
                                      self.run_rows(ids).values()), timeout, 0.3)
        assert done, f"runs still unfinished: {self.run_rows(ids)}"
        return self.run_rows(ids)

    def idle(self):
        """No run of the stack is queued or running."""
        assert wait_until(lambda: self.sql("SELECT COUNT(*) FROM runs WHERE status"
                                           " IN ('queued', 'running')")[0][0] == "0", 30)

    def close(self):
        self.stop_runners()
        if self.mounted:
            subprocess.run(["umount", "-l", os.path.join(self.state, "files")])
        stack(self.root, "down", self.state)
        shutil.rmtree(self.state, ignore_errors=True)


@pytest.fixture(scope="module")
def fs(root_dir, bin_dir):
    s = FaultStack(root_dir, bin_dir)
    yield s
    s.close()


@pytest.fixture()
def runners(fs):
    yield fs
    fs.stop_runners()


class SlowSite:
    """A loopback page that answers after `delay` seconds: audits of it are
    still in flight while the test breaks something."""

    def __init__(self, delay):
        class H(BaseHTTPRequestHandler):
            def log_message(self, *a):
                pass

            def do_GET(self):
                time.sleep(delay if self.path.startswith("/page") else 0)
                body = b"<!doctype html><html lang=en><title>slow</title><p>slow page"
                self.send_response(200 if self.path.startswith("/page") else 404)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.srv = ThreadingHTTPServer(("127.0.0.1", 0), H)
        self.srv.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.srv.server_address[1]}"
        threading.Thread(target=self.srv.serve_forever, daemon=True).start()


@pytest.fixture()
def slow_site():
    s = SlowSite(2.0)
    yield s
    s.srv.shutdown()
    s.srv.server_close()


def _hammer(fs, stop, out, runs):
    """Reads and start-audits in a loop: (status, seconds, response | error)."""
    run = fs.start_audit()
    runs.append(run)
    calls = [("GET", "/api/mcp/account", None), ("GET", f"/api/mcp/runs/{run}", None),
             ("POST", "/api/mcp/start-audit",
              {"url": fs.fixtures + "/sample-site/index.html"})]
    i = 0
    while not stop.is_set():
        method, path, body = calls[i % len(calls)]
        i += 1
        t = time.monotonic()
        try:
            r = fs.api(method, path, body, timeout=15)
            out.append((r.status_code, time.monotonic() - t, r))
        except requests.RequestException as e:
            out.append((None, time.monotonic() - t, repr(e)))
        time.sleep(0.02)


# --- MariaDB restarted with requests and runs in flight -------------------------

def test_db_restart_under_load(runners, slow_site):
    fs, slow = runners, slow_site
    fs.idle()
    fs.runner()
    queued = [fs.start_audit(f"{slow.url}/page{i}") for i in range(6)]
    assert wait_until(lambda: "running" in {s for s, _, _ in fs.run_rows(queued).values()}, 15)
    before, master = worker_pids(fs.state), open(f"{fs.state}/pids/fcgi.pid").read()
    stop, out = threading.Event(), []
    threads = [threading.Thread(target=_hammer, args=(fs, stop, out, queued))
               for _ in range(3)]
    for t in threads:
        t.start()
    time.sleep(0.5)
    inflight = [i for i, (s, _, _) in fs.run_rows(queued).items() if s in ("queued", "running")]
    assert inflight, "every run finished before the restart: nothing was tested"
    assert stack(fs.root, "db-stop", fs.state).returncode == 0
    try:
        time.sleep(1.5)
        t0 = time.monotonic()
        r = fs.api("GET", "/api/mcp/account", timeout=10)
        assert time.monotonic() - t0 < 3, "a request hung while MariaDB was down"
        assert_error(r, 503, "unavailable")
        time.sleep(1.5)
    finally:
        assert stack(fs.root, "db-start", fs.state).returncode == 0
    assert wait_until(lambda: fs.api("GET", "/healthz").status_code == 200, 30)
    time.sleep(2)
    stop.set()
    for t in threads:
        t.join(30)
    errors = [o for o in out if o[0] is None]
    assert not errors, errors[:3]
    assert max(o[1] for o in out) < 5, "a request took more than 5 s"
    codes = {o[0] for o in out}
    assert codes <= {200, 202, 503}, codes
    assert 503 in codes and 200 in codes
    for o in out:
        if o[0] == 503:
            assert_error(o[2], 503, "unavailable")
    # the pool survived: same master, all workers (the same or respawned) answer
    assert open(f"{fs.state}/pids/fcgi.pid").read() == master
    after = worker_pids(fs.state)
    assert len(after) == len(before), (before, after)
    for _ in range(12):
        assert fs.api("GET", "/api/mcp/account").status_code == 200
    # every run accepted before, during or after the gap finishes exactly once
    ids = queued + [o[2].json()["runId"] for o in out if o[0] == 202]
    rows = fs.wait_finished(ids, 90)
    assert len(rows) == len(ids)
    bad = {i: v for i, v in rows.items() if v[0] != "completed" or v[2] != 1}
    assert not bad, bad


# --- a full file store ------------------------------------------------------------

def _fill(path):
    with open(path, "wb", buffering=0) as f:
        try:
            while True:
                f.write(b"\0" * 65536)
                f.flush()
        except OSError as e:
            assert e.errno == errno.ENOSPC
    return path


@pytest.mark.skipif(os.geteuid() != 0, reason="mounting a tmpfs needs root")
def test_full_disk_fails_pdf_cleanly_and_keeps_reports(runners):
    fs = runners
    files = os.path.join(fs.state, "files")
    res = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", files],
                         capture_output=True, text=True)
    if res.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {res.stderr.strip()}")
    fs.mounted = True
    try:
        os.makedirs(os.path.join(files, "reports"), exist_ok=True)
        filler = _fill(os.path.join(files, "filler"))
        fs.idle()
        runner = fs.runner()
        run = fs.start_audit()
        status, _, reports = fs.wait_finished([run])[run]
        assert (status, reports) == ("completed", 1), "the report was lost"
        rid = fs.api("GET", f"/api/mcp/runs/{run}").json()["reportId"]
        assert wait_until(lambda: f"report {rid}: PDF not rendered" in open(runner.log).read(), 10)
        t0 = time.monotonic()
        r = fs.api("GET", f"/api/mcp/reports/{rid}?format=pdf_url")
        assert time.monotonic() - t0 < 5
        assert r.status_code >= 500, r.text
        assert_error(r, r.status_code, "pdf_failed")
        assert not [n for n in os.listdir(os.path.join(files, "reports")) if ".tmp." in n]
        assert fs.api("GET", f"/api/mcp/reports/{rid}").status_code == 200
        os.remove(filler)
        r = fs.api("GET", f"/api/mcp/reports/{rid}?format=pdf_url")
        assert r.status_code == 200, r.text
        pdf = requests.get(r.json()["url"], timeout=30)
        assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    finally:
        fs.stop_runners()
        subprocess.run(["umount", files], check=True)
        fs.mounted = False


# --- a worker SIGKILLed in the middle of a request --------------------------------

def _busy_worker(state):
    """The worker blocked on its MariaDB connection, or None."""
    for pid in worker_pids(state):
        try:
            nr = open(f"/proc/{pid}/syscall").read().split()[0]
        except OSError:
            continue
        if nr in WAITING_ON_DB:
            return pid
    return None


def test_worker_killed_mid_request_is_replaced(fs):
    """nginx retries the GET on a live worker (fastcgi_next_upstream, 2 tries),
    so the client never sees the crash; the master replaces the worker."""
    run = insert_run(fs.state, fs, "completed", site=False)
    # a held table lock keeps GET /runs/{id} inside its worker: a long request
    lock = subprocess.Popen(["mariadb", "--no-defaults", "-n", f"--socket={fs.state}/run/mysqld.sock",
                             "-uroot", "-N", "-B", "siteaudit"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)
    result = {}
    try:
        lock.stdin.write("LOCK TABLES runs WRITE; SELECT 'locked';\n")
        lock.stdin.flush()
        assert lock.stdout.readline().strip() == "locked"
        t = threading.Thread(target=lambda: result.update(
            r=fs.api("GET", f"/api/mcp/runs/{run}", timeout=20)))
        t.start()
        busy = wait_until(lambda: _busy_worker(fs.state), 5, 0.05)
        assert busy, "no worker took the request"
        os.kill(busy, signal.SIGKILL)
        after = wait_until(lambda: (lambda p: len(p) == 2 and busy not in p and p)(
            worker_pids(fs.state)), 3)
        assert after, "the master did not replace the killed worker"
        assert t.is_alive(), "answered while the table was still locked"
    finally:
        lock.stdin.close()   # the session ends: the lock is released
        lock.wait(10)
    t.join(10)
    assert not t.is_alive(), "the retried request hung after the lock was released"
    assert result["r"].status_code == 200 and result["r"].json()["runId"] == run
    for _ in range(20):
        r = fs.api("GET", f"/api/mcp/runs/{run}", timeout=10)
        assert r.status_code == 200 and r.json()["runId"] == run


# --- the runner killed at each stage of a run ------------------------------------

@pytest.mark.parametrize("stage", ["run.claimed", "run.fetched", "run.written"])
def test_runner_killed_at_stage_finishes_run_once(runners, stage):
    fs = runners
    fs.idle()
    run = fs.start_audit()
    dying = fs.runner(fault=stage, once=True)
    assert dying.wait(60) == 137, open(dying.log).read()
    status, attempts, reports = fs.run_rows([run])[run]
    if stage == "run.written":
        assert (status, attempts, reports) == ("completed", 1, 1)
    else:
        assert (status, attempts, reports) == ("running", 1, 0)
    t0 = time.monotonic()
    fs.runner()
    status, attempts, reports = fs.wait_finished([run], LEASE_S + 30)[run]
    assert (status, reports) == ("completed", 1)
    assert attempts == (1 if stage == "run.written" else 2)
    if stage != "run.written":   # re-claimed only once the lease ran out
        assert time.monotonic() - t0 >= LEASE_S - 2
    rid = fs.api("GET", f"/api/mcp/runs/{run}").json()["reportId"]
    pages = fs.sql(f"SELECT COUNT(*) FROM report_pages WHERE report_id = {sql_str(rid)}")
    assert pages == [["1"]]
    r = fs.api("GET", f"/api/mcp/reports/{rid}?format=pdf_url")
    assert r.status_code == 200, r.text


def test_runner_killed_after_webhook_sent_redelivers_once(runners):
    fs, receiver = runners, Receiver()
    try:
        fs.idle()
        sub = subscribe(fs.url, SimpleNamespace(key=fs.key), receiver.url + "/ok",
                        ["scan.completed"])
        run = fs.start_audit()
        dying = fs.runner(fault="webhook.sent")
        assert dying.wait(60) == 137, open(dying.log).read()
        first = receiver.wait("/ok", 1, 5)
        rows = fs.sql("SELECT id, status, attempts FROM webhook_deliveries WHERE"
                      f" subscription_id = {sql_str(sub['id'])}")
        assert len(rows) == 1 and rows[0][1:] == ["pending", "0"], rows
        assert fs.run_rows([run])[run] == ("completed", 1, 1)
        # the delivery lease is 60 s; expire it rather than wait it out
        fs.sql("UPDATE webhook_deliveries SET lease_expires_at = NOW(3) - INTERVAL 1 SECOND"
               f" WHERE id = {sql_str(rows[0][0])}")
        fs.runner()
        hits = receiver.wait("/ok", 2, 20)
        for h in ("X-Siteaudit-Delivery", "X-Siteaudit-Event-Id"):
            assert hits[1]["headers"][h] == first[0]["headers"][h]
        assert wait_until(lambda: fs.sql(
            f"SELECT status, attempts FROM webhook_deliveries WHERE id = {sql_str(rows[0][0])}")
            == [["delivered", "1"]], 10)
        assert fs.run_rows([run])[run] == ("completed", 1, 1)
        assert len(receiver.on("/ok")) == 2
    finally:
        fs.stop_runners()
        fs.sql(f"DELETE FROM webhook_deliveries WHERE org_id = {sql_str(fs.org)};"
               f" DELETE FROM webhook_subscriptions WHERE org_id = {sql_str(fs.org)}")
        receiver.srv.shutdown()
