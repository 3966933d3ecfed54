"""The runner: claiming runs, writing reports, failing runs, leases after a
SIGKILL, racing runners and scheduled scans. Runs are inserted with SQL so
these tests do not depend on the REST API."""
import json
import os
import signal
import subprocess
import time
import uuid

import pytest

from conftest import mariadb, wait_until
from test_runner_helpers import (closed_port, conf_copy, insert_run, pause_stack_runner,
                                 resume_stack_runner, run_once, run_row, slow_server,
                                 start_loop, stop)


@pytest.fixture(scope="module", autouse=True)
def own_runners(state_dir, root_dir):
    """The stack's runner would claim our runs: pause it for this module."""
    pause_stack_runner(state_dir)
    yield
    resume_stack_runner(root_dir)


@pytest.fixture(scope="module")
def work(tmp_path_factory):
    return tmp_path_factory.mktemp("runner")


@pytest.fixture(scope="module")
def fast_conf(conf_path, work):
    return conf_copy(conf_path, str(work / "fast.conf"), concurrency=3,
                     poll_seconds=1)


@pytest.fixture(scope="module")
def slow_conf(conf_path, work):
    return conf_copy(conf_path, str(work / "slow.conf"), lease_seconds=5,
                     poll_seconds=1, concurrency=2)


@pytest.fixture(scope="module")
def slow_url():
    srv, base = slow_server()
    yield base + "/slow"
    srv.shutdown()


def new_id():
    return str(uuid.uuid4())


def test_run_goes_queued_running_completed_with_report(state_dir, bin_dir, fast_conf,
                                                       fixtures_url):
    rid = new_id()
    insert_run(state_dir, rid, f"{fixtures_url}/sample-site/index.html", strategy="both")
    assert run_row(state_dir, rid, "status") == ["queued"]
    res = run_once(bin_dir, fast_conf)
    assert res.returncode == 0, res.stderr
    assert f"run {rid}: claimed" in res.stderr
    status, attempts, report_id, err, order_ok = run_row(
        state_dir, rid, "status, attempts, report_id, error IS NULL,"
                        " created_at <= started_at AND started_at <= finished_at")
    assert (status, attempts, err, order_ok) == ("completed", "1", "1", "1")
    rep = mariadb(state_dir, "SELECT id, health, performance, accessibility, seo,"
                             " best_practices, security, HEX(report_json) FROM reports"
                             f" WHERE run_id = '{rid}'")
    assert len(rep) == 1 and rep[0][0] == report_id
    scores = [int(s) for s in rep[0][1:7] if s != "NULL"]
    assert len(scores) >= 2 and all(0 <= s <= 100 for s in scores)   # what the engine has
    doc = json.loads(bytes.fromhex(rep[0][7]))
    assert doc["strategy"] == "both" and "desktop" in doc
    assert {p["strategy"] for p in doc["pages"]} == {"mobile", "desktop"}
    pages = mariadb(state_dir, "SELECT strategy, page_path, seo, HEX(page_json) FROM report_pages"
                               f" WHERE report_id = '{report_id}' ORDER BY id")
    assert [p[0] for p in pages] == ["mobile", "desktop"]   # in write order
    assert all(p[1] == "/sample-site/index.html" for p in pages)
    assert json.loads(bytes.fromhex(pages[0][3]))["pagePath"] == "/sample-site/index.html"
    # the run's scores are the mobile audit's
    mobile_seo = [p[2] for p in pages if p[0] == "mobile"][0]
    assert doc["scores"].get("seo") == (None if rep[0][4] == "NULL" else int(rep[0][4]))
    assert mobile_seo == rep[0][4]


def test_unreachable_url_fails_with_clear_error(state_dir, bin_dir, fast_conf):
    rid = new_id()
    insert_run(state_dir, rid, f"http://127.0.0.1:{closed_port()}/")
    res = run_once(bin_dir, fast_conf)
    assert res.returncode == 0, res.stderr
    status, error, report, finished = run_row(
        state_dir, rid, "status, error, report_id IS NULL, finished_at IS NOT NULL")
    assert (status, report, finished) == ("failed", "1", "1")
    assert "connect" in error.lower() and "127.0.0.1" in error
    assert mariadb(state_dir, f"SELECT COUNT(*) FROM reports WHERE run_id = '{rid}'") == [["0"]]


def test_private_target_refused_without_the_setting(state_dir, bin_dir, conf_path, work,
                                                    fixtures_url):
    conf = str(work / "strict.conf")
    text = open(conf_path).read().replace("allow_private_targets = true",
                                          "allow_private_targets = false")
    open(conf, "w").write(text)
    rid = new_id()
    insert_run(state_dir, rid, f"{fixtures_url}/sample-site/index.html")
    res = run_once(bin_dir, conf)
    assert res.returncode == 0, res.stderr
    status, error = run_row(state_dir, rid, "status, error")
    assert status == "failed" and error


def test_heartbeat_keeps_a_slow_run_with_one_runner(state_dir, bin_dir, slow_conf,
                                                   slow_url, work):
    """A 6 s audit under a 5 s lease: heartbeats keep it; a second runner never takes it."""
    rid = new_id()
    insert_run(state_dir, rid, slow_url)
    a = start_loop(bin_dir, slow_conf, str(work / "hb-a.log"))
    b = start_loop(bin_dir, slow_conf, str(work / "hb-b.log"))
    try:
        assert wait_until(lambda: run_row(state_dir, rid, "status") == ["running"], 15)
        assert wait_until(lambda: run_row(state_dir, rid, "status") == ["completed"], 40)
    finally:
        stop(a)
        stop(b)
    assert run_row(state_dir, rid, "attempts") == ["1"]
    assert mariadb(state_dir, f"SELECT COUNT(*) FROM reports WHERE run_id = '{rid}'") == [["1"]]


def test_sigkill_mid_audit_completes_once_via_another_runner(state_dir, bin_dir, slow_conf,
                                                             slow_url, work):
    rid = new_id()
    insert_run(state_dir, rid, slow_url)
    a = start_loop(bin_dir, slow_conf, str(work / "kill-a.log"))
    try:
        assert wait_until(lambda: run_row(state_dir, rid, "status") == ["running"], 15)
        time.sleep(1.5)                                  # mid-download
        owner_a, = run_row(state_dir, rid, "lease_owner")
        assert f":{a.pid}:" in owner_a
    finally:
        a.send_signal(signal.SIGKILL)
        a.wait()
    lease_a, = run_row(state_dir, rid, "lease_expires_at")
    assert run_row(state_dir, rid, "status") == ["running"]   # left behind
    b = start_loop(bin_dir, slow_conf, str(work / "kill-b.log"))
    try:
        assert wait_until(lambda: run_row(state_dir, rid, "status") == ["completed"], 45)
    finally:
        stop(b)
    owner, attempts, started = run_row(state_dir, rid, "lease_owner, attempts, started_at")
    assert f":{b.pid}:" in owner and attempts == "2"
    assert started >= lease_a                           # claimed only after the lease ran out
    assert mariadb(state_dir, f"SELECT COUNT(*) FROM reports WHERE run_id = '{rid}'") == [["1"]]
    log_b = open(work / "kill-b.log").read()
    assert f"run {rid}: completed by {owner}" in log_b


def test_two_runners_racing_on_ten_runs_run_each_once(state_dir, bin_dir, fast_conf,
                                                      fixtures_url):
    ids = [new_id() for _ in range(10)]
    for rid in ids:
        insert_run(state_dir, rid, f"{fixtures_url}/sample-site/index.html")
    env = dict(os.environ, SITEAUDIT_CONF=fast_conf)
    cmd = [os.path.join(bin_dir, "siteaudit-runner"), "--once"]
    procs = [subprocess.Popen(cmd, env=env, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    logs = [p.communicate(timeout=120)[1] for p in procs]
    problems = [l for log in logs for l in log.splitlines()
                if " error: " in l or " warn: " in l]
    assert [p.returncode for p in procs] == [0, 0], problems or logs
    in_list = ",".join(f"'{i}'" for i in ids)
    rows = mariadb(state_dir, "SELECT r.status, r.attempts, COUNT(p.id) FROM runs r"
                              " LEFT JOIN reports p ON p.run_id = r.id"
                              f" WHERE r.id IN ({in_list}) GROUP BY r.id")
    assert rows == [["completed", "1", "1"]] * 10
    claims = sum(log.count(": claimed by") for log in logs)
    assert claims == 10                                   # no run claimed twice


def site_create(bin_dir, conf, url):
    org = os.environ["SITEAUDIT_ORG_ID"]
    res = subprocess.run([os.path.join(bin_dir, "siteaudit"), "admin", "site", "create",
                          "--org", org, "--name", "sched", "--url", url],
                         env=dict(os.environ, SITEAUDIT_CONF=conf),
                         capture_output=True, text=True, timeout=30)
    assert res.returncode == 0, res.stderr
    return res.stdout.strip().splitlines()[-1]


def test_scheduled_scan_is_enqueued_when_due(state_dir, bin_dir, fast_conf):
    site = site_create(bin_dir, fast_conf, f"http://127.0.0.1:{closed_port()}/")
    mariadb(state_dir, "UPDATE sites SET schedule = 'daily', schedule_hour = 4,"
                       f" next_run_at = NOW(3) - INTERVAL 1 MINUTE WHERE id = '{site}'")
    res = run_once(bin_dir, fast_conf)
    assert res.returncode == 0, res.stderr
    runs = mariadb(state_dir, "SELECT kind, trigger_source, status FROM runs"
                              f" WHERE site_id = '{site}'")
    assert runs == [["scan", "schedule", "failed"]]       # enqueued and run (closed port)
    nxt, = mariadb(state_dir, "SELECT next_run_at > NOW(3), HOUR(next_run_at),"
                              " next_run_at <= NOW(3) + INTERVAL 1 DAY"
                              f" FROM sites WHERE id = '{site}'")
    assert nxt == ["1", "4", "1"]
    res = run_once(bin_dir, fast_conf)                    # not due again
    assert mariadb(state_dir, f"SELECT COUNT(*) FROM runs WHERE site_id = '{site}'") == [["1"]]


def test_no_scheduled_scan_while_one_is_in_flight(state_dir, bin_dir, fast_conf):
    site = site_create(bin_dir, fast_conf, "http://127.0.0.1:9/")
    rid = new_id()
    insert_run(state_dir, rid, "http://127.0.0.1:9/", kind="scan", site=site,
               extra_cols=", status, attempts, lease_owner, lease_expires_at",
               extra_vals=", 'running', 1, 'elsewhere:1:abc',"
                          " NOW(3) + INTERVAL 1 HOUR")
    mariadb(state_dir, "UPDATE sites SET schedule = 'weekly', schedule_weekday = 3,"
                       f" next_run_at = NOW(3) - INTERVAL 1 HOUR WHERE id = '{site}'")
    res = run_once(bin_dir, fast_conf)
    assert res.returncode == 0, res.stderr
    assert mariadb(state_dir, f"SELECT id FROM runs WHERE site_id = '{site}'") == [[rid]]
    nxt, = mariadb(state_dir, "SELECT next_run_at > NOW(3), DAYOFWEEK(next_run_at) - 1"
                              f" FROM sites WHERE id = '{site}'")
    assert nxt == ["1", "3"]                               # advanced all the same
    mariadb(state_dir, f"DELETE FROM runs WHERE id = '{rid}'")


def test_schedule_without_next_run_gets_one(state_dir, bin_dir, fast_conf):
    site = site_create(bin_dir, fast_conf, "http://127.0.0.1:9/")
    mariadb(state_dir, "UPDATE sites SET schedule = 'monthly', schedule_monthday = 15,"
                       f" schedule_hour = 2, next_run_at = NULL WHERE id = '{site}'")
    assert run_once(bin_dir, fast_conf).returncode == 0
    row, = mariadb(state_dir, "SELECT DAY(next_run_at), HOUR(next_run_at),"
                              f" next_run_at > NOW(3) FROM sites WHERE id = '{site}'")
    assert row == ["15", "2", "1"]
    assert mariadb(state_dir, f"SELECT COUNT(*) FROM runs WHERE site_id = '{site}'") == [["0"]]
