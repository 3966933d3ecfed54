"""Foundation: health, routing errors, the FastCGI pool's lifecycle, config
errors, migrations and the local stack's start / stop."""
import os
import re
import signal
import subprocess
import tempfile
import threading
import time

import pytest
import requests

from conftest import mariadb, stack, wait_until, worker_pids
import fcgi_client


# --- /healthz and routing ---------------------------------------------------

def test_healthz_ok(http, base_url):
    r = http.get(f"{base_url}/healthz")
    assert r.status_code == 200
    assert r.headers["Content-Type"] == "application/json"
    assert r.json() == {"status": "ok", "db": "ok"}


def test_unknown_path_is_404_json(http, base_url):
    r = http.get(f"{base_url}/no/such/thing")
    assert r.status_code == 404
    body = r.json()
    assert body["error"] == "not_found"
    assert body["message"]


def test_wrong_method_is_405_with_allow(http, base_url):
    r = http.post(f"{base_url}/healthz", data="x")
    assert r.status_code == 405
    assert r.headers["Allow"] == "GET"
    assert r.json()["error"] == "method_not_allowed"


def test_body_over_limit_is_413(http, base_url):
    # server.max_body_bytes defaults to 1 MiB; nginx allows 2 MiB
    r = http.post(f"{base_url}/healthz", data=b"x" * (1536 * 1024))
    assert r.status_code == 413
    assert r.json()["error"] == "payload_too_large"


def test_healthz_reports_db_down_then_recovers(http, base_url, root_dir, state_dir):
    res = stack(root_dir, "db-stop", state_dir)
    assert res.returncode == 0, res.stderr
    try:
        r = http.get(f"{base_url}/healthz")
        assert r.status_code == 503
        assert r.json() == {"status": "unavailable", "db": "down"}
    finally:
        res = stack(root_dir, "db-start", state_dir)
        assert res.returncode == 0, res.stderr
    ok = wait_until(lambda: http.get(f"{base_url}/healthz").status_code == 200)
    assert ok, "health did not recover after MariaDB came back"
    # every worker reconnects, not just one
    for _ in range(8):
        assert http.get(f"{base_url}/healthz").json()["db"] == "ok"


# --- the pool: respawn, reload ----------------------------------------------

def _hammer(url, n, results):
    with requests.Session() as s:
        for _ in range(n):
            try:
                results.append(s.get(url, timeout=10).status_code)
            except requests.RequestException as e:  # a lost request
                results.append(repr(e))


def test_killed_worker_is_replaced_and_no_request_is_lost(base_url, state_dir):
    before = worker_pids(state_dir)
    assert len(before) == 2
    results = []
    t = threading.Thread(target=_hammer, args=(f"{base_url}/healthz", 200, results))
    t.start()
    time.sleep(0.05)
    os.kill(before[0], signal.SIGKILL)
    t.join(60)
    assert len(results) == 200
    assert all(code == 200 for code in results), [c for c in results if c != 200][:5]
    after = wait_until(lambda: len(worker_pids(state_dir)) == 2 and worker_pids(state_dir), 2)
    assert after, "the master did not replace the killed worker within a second"
    assert before[0] not in after


def test_sighup_replaces_workers_gracefully(http, base_url, state_dir):
    before = set(worker_pids(state_dir))
    master = int(open(os.path.join(state_dir, "pids", "fcgi.pid")).read())
    os.kill(master, signal.SIGHUP)
    after = wait_until(lambda: (lambda p: len(p) == 2 and not (set(p) & before) and p)(
        worker_pids(state_dir)), 10)
    assert after, "workers were not replaced after SIGHUP"
    assert http.get(f"{base_url}/healthz").status_code == 200


# --- a second pool, driven directly over FastCGI -------------------------------

@pytest.fixture()
def own_pool(conf_path, bin_dir):
    """Starts a separate siteaudit-fcgi on its own socket; yields (proc, sock)."""
    tmp = tempfile.mkdtemp(prefix="sa-pool-")
    sock = os.path.join(tmp, "pool.sock")
    text = open(conf_path).read()
    conf = os.path.join(tmp, "pool.conf")
    with open(conf, "w") as f:
        f.write(text.replace("listen = unix:", f"listen = unix:{sock}\n# was: "))
    proc = subprocess.Popen([os.path.join(bin_dir, "siteaudit-fcgi")],
                            env=dict(os.environ, SITEAUDIT_CONF=conf),
                            stderr=subprocess.PIPE, text=True)
    assert wait_until(lambda: os.path.exists(sock), 10), "pool did not listen"
    yield proc, sock
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def test_workers_die_with_a_killed_master(own_pool):
    proc, sock = own_pool
    assert fcgi_client.request(sock)[0] == 200
    out = subprocess.run(["pgrep", "-P", str(proc.pid)], capture_output=True, text=True)
    workers = [int(p) for p in out.stdout.split()]
    assert workers
    proc.kill()
    proc.wait()
    for pid in workers:
        assert wait_until(lambda: not _alive(pid), 5), \
            f"worker {pid} outlived its master"


def test_pool_answers_directly_over_fastcgi(own_pool):
    _, sock = own_pool
    status, headers, body = fcgi_client.request(sock, uri="/healthz")
    assert status == 200
    assert b'"db":"ok"' in body
    status, _, body = fcgi_client.request(sock, uri="/nope")
    assert status == 404


def test_sigterm_drains_and_exits(own_pool):
    proc, sock = own_pool
    assert fcgi_client.request(sock)[0] == 200
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(15) == 0
    assert not os.path.exists(sock), "socket left behind"


# --- configuration errors --------------------------------------------------------

def _check_conf(bin_dir, text):
    with tempfile.NamedTemporaryFile("w", suffix=".conf", delete=False) as f:
        f.write(text)
    res = subprocess.run([os.path.join(bin_dir, "siteaudit-fcgi"), "--check"],
                         env=dict(os.environ, SITEAUDIT_CONF=f.name),
                         capture_output=True, text=True, timeout=10)
    return f.name, res


def test_unknown_key_refuses_to_start_with_file_and_line(bin_dir):
    path, res = _check_conf(bin_dir, "[server]\nworkers = 2\nbogus = 1\n")
    assert res.returncode == 78
    assert f"{path}:3: unknown key 'server.bogus'" in res.stderr


def test_bad_values_are_reported_with_file_and_line(bin_dir):
    path, res = _check_conf(bin_dir, "[server]\nworkers = lots\n\n[audit]\n"
                            "allow_private_targets = maybe\nmax_document_bytes = 5Q\n")
    assert res.returncode == 78
    assert f"{path}:2: 'server.workers' expects a whole number" in res.stderr
    assert f"{path}:5: 'audit.allow_private_targets' expects true or false" in res.stderr
    assert f"{path}:6: 'audit.max_document_bytes' expects a size" in res.stderr


def test_out_of_range_and_malformed_lines(bin_dir):
    path, res = _check_conf(bin_dir, "[server\nworkers = 0\njust words\n")
    assert res.returncode == 78
    assert f"{path}:1: malformed section header" in res.stderr
    assert f"{path}:2: unknown key 'workers'" in res.stderr  # no valid section
    assert f"{path}:3: expected 'key = value'" in res.stderr


def test_workers_out_of_range(bin_dir):
    path, res = _check_conf(bin_dir, "[server]\nworkers = 0\n")
    assert res.returncode == 78
    assert f"{path}:2: 'server.workers' is out of range" in res.stderr


def test_missing_config_file(bin_dir):
    res = subprocess.run([os.path.join(bin_dir, "siteaudit-fcgi"), "--check"],
                         env=dict(os.environ, SITEAUDIT_CONF="/nonexistent/sa.conf"),
                         capture_output=True, text=True, timeout=10)
    assert res.returncode == 78
    assert "/nonexistent/sa.conf: cannot read" in res.stderr


def test_valid_config_passes_check(bin_dir, conf_path):
    res = subprocess.run([os.path.join(bin_dir, "siteaudit"), "admin", "check-config"],
                         env=dict(os.environ, SITEAUDIT_CONF=conf_path),
                         capture_output=True, text=True, timeout=10)
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip() == f"{conf_path}: ok"


# --- migrations ---------------------------------------------------------------------

def test_migrate_twice_on_a_fresh_database(bin_dir, conf_path, state_dir, root_dir):
    mariadb(state_dir, "DROP DATABASE IF EXISTS sa_migrate_test; "
            "CREATE DATABASE sa_migrate_test; "
            "GRANT ALL ON sa_migrate_test.* TO 'siteaudit'@'localhost'", "mysql")
    conf = conf_path + ".migrate-test"
    with open(conf, "w") as f:
        f.write(open(conf_path).read().replace("name = siteaudit", "name = sa_migrate_test"))
    run = lambda: subprocess.run([os.path.join(bin_dir, "siteaudit"), "admin", "migrate"],
                                 env=dict(os.environ, SITEAUDIT_CONF=conf),
                                 capture_output=True, text=True, timeout=60)
    first = run()
    assert first.returncode == 0, first.stderr
    files = sorted(f for f in os.listdir(os.path.join(root_dir, "sql")) if f.endswith(".sql"))
    for name in files:
        assert f"applied {name}" in first.stdout
    second = run()
    assert second.returncode == 0, second.stderr
    assert second.stdout.strip() == "schema is up to date"
    rows = mariadb(state_dir, "SELECT version FROM schema_migrations ORDER BY version",
                   "sa_migrate_test")
    assert [r[0] for r in rows] == files
    tables = {r[0] for r in mariadb(state_dir, "SHOW TABLES", "sa_migrate_test")}
    for t in ("orgs", "users", "api_keys", "sites", "budgets", "runs", "reports",
              "report_pages", "page_audits", "usage_ledger", "webhook_subscriptions",
              "webhook_deliveries", "sessions", "alert_rules"):
        assert t in tables
    mariadb(state_dir, "DROP DATABASE sa_migrate_test", "mysql")


def test_migrate_reports_a_broken_migration(bin_dir, conf_path, state_dir):
    mariadb(state_dir, "DROP DATABASE IF EXISTS sa_broken_test; CREATE DATABASE sa_broken_test; "
            "GRANT ALL ON sa_broken_test.* TO 'siteaudit'@'localhost'", "mysql")
    sqldir = tempfile.mkdtemp(prefix="sa-sql-")
    with open(os.path.join(sqldir, "001_ok.sql"), "w") as f:
        f.write("CREATE TABLE t1 (id INT PRIMARY KEY);\n")
    with open(os.path.join(sqldir, "002_broken.sql"), "w") as f:
        f.write("CREATE TABLE t2 (id INT PRIMARY KEY;\n")
    conf = conf_path + ".broken-test"
    text = open(conf_path).read().replace("name = siteaudit", "name = sa_broken_test")
    text = "\n".join(f"migrations_dir = {sqldir}" if l.startswith("migrations_dir") else l
                     for l in text.splitlines())
    with open(conf, "w") as f:
        f.write(text + "\n")
    res = subprocess.run([os.path.join(bin_dir, "siteaudit"), "admin", "migrate"],
                         env=dict(os.environ, SITEAUDIT_CONF=conf),
                         capture_output=True, text=True, timeout=60)
    assert res.returncode == 1
    assert "002_broken.sql" in res.stderr and "SQL syntax" in res.stderr
    rows = mariadb(state_dir, "SELECT version FROM schema_migrations", "sa_broken_test")
    assert rows == [["001_ok.sql"]]
    mariadb(state_dir, "DROP DATABASE sa_broken_test", "mysql")


# --- the local stack -----------------------------------------------------------------

def _our_pids(state):
    pids = []
    for name in ("mariadb", "fcgi", "nginx", "runner"):
        p = os.path.join(state, "pids", name + ".pid")
        if os.path.exists(p):
            pids.append(int(open(p).read()))
    return pids


def _alive(pid):
    """True while pid runs (a zombie waiting to be reaped counts as gone)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_second_stack_starts_reuses_and_stops_cleanly(root_dir):
    state = tempfile.mkdtemp(prefix="sa-stack-")
    try:
        up = stack(root_dir, "up", state)
        assert up.returncode == 0, up.stdout + up.stderr
        env = dict(l.split("=", 1) for l in open(os.path.join(state, "run.env")).read().split())
        for k in ("SITEAUDIT_URL", "SITEAUDIT_API_KEY", "SITEAUDIT_EMAIL",
                  "SITEAUDIT_PASSWORD", "SITEAUDIT_SITE_ID", "SITEAUDIT_CONF"):
            assert env.get(k), k
        assert env["SITEAUDIT_API_KEY"].startswith("sk_pageref_")
        assert requests.get(env["SITEAUDIT_URL"] + "/healthz").json()["status"] == "ok"
        pids = _our_pids(state)
        children = subprocess.run(["pgrep", "-P", str(pids[1])], capture_output=True,
                                  text=True).stdout.split()
        again = stack(root_dir, "up", state)      # reuses what is there
        assert again.returncode == 0
        assert _our_pids(state) == pids
        assert env["SITEAUDIT_API_KEY"] in open(os.path.join(state, "run.env")).read()
    finally:
        down = stack(root_dir, "down", state)
    assert down.returncode == 0
    for pid in pids + [int(c) for c in children]:
        assert wait_until(lambda: not _alive(pid), 10), f"pid {pid} still running"


def test_one_log_line_per_request_without_secrets(http, base_url, state_dir, api_key):
    token = "hooktoken" + os.urandom(8).hex()
    http.get(f"{base_url}/healthz")
    http.post(f"{base_url}/api/hooks/site-publish/{token}")
    http.get(f"{base_url}/api/mcp/account", headers={"Authorization": f"Bearer {api_key}"})
    log = os.path.join(state_dir, "log", "fcgi.log")

    def lines():
        return open(log).read().splitlines()
    assert wait_until(lambda: any("/api/mcp/account 200" in l for l in lines()), 5)
    text = "\n".join(lines())
    assert re.search(r"info: GET /healthz 200 [0-9.]+ms org=-", text)
    assert re.search(r"info: GET /api/mcp/account 200 [0-9.]+ms org=[0-9a-f-]{36}", text)
    assert "POST /api/hooks/site-publish/{token} 404" in text
    assert token not in text and api_key not in text
