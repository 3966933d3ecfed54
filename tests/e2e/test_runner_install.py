"""The runner's command line and housekeeping, and `make install`'s layout."""
import os
import subprocess
import tempfile

from conftest import mariadb


def run_runner(bin_dir, conf, *args):
    return subprocess.run([os.path.join(bin_dir, "siteaudit-runner"), *args],
                          env=dict(os.environ, SITEAUDIT_CONF=conf),
                          capture_output=True, text=True, timeout=60)


def test_runner_usage_and_config_errors(bin_dir, conf_path):
    res = run_runner(bin_dir, conf_path)
    assert res.returncode == 2 and "--once" in res.stderr
    with tempfile.NamedTemporaryFile("w", suffix=".conf", delete=False) as f:
        f.write("[runner]\npoll_seconds = never\n")
    res = run_runner(bin_dir, f.name, "--once")
    assert res.returncode == 78
    assert f"{f.name}:2: 'runner.poll_seconds' expects a whole number" in res.stderr


def test_runner_once_fails_a_run_whose_attempts_are_used_up(bin_dir, conf_path, state_dir):
    org = os.environ["SITEAUDIT_ORG_ID"]
    run_id = "0190aaaa-0000-7000-8000-00000000dead"
    mariadb(state_dir, f"DELETE FROM runs WHERE id = '{run_id}'")
    mariadb(state_dir,
            "INSERT INTO runs (id, org_id, url, trigger_source, status, attempts,"
            " lease_owner, lease_expires_at, started_at) VALUES"
            f" ('{run_id}', '{org}', 'http://127.0.0.1/', 'api', 'running', 3,"
            " 'gone:1', NOW(3) - INTERVAL 1 MINUTE, NOW(3) - INTERVAL 5 MINUTE)")
    res = run_runner(bin_dir, conf_path, "--once")
    assert res.returncode == 0, res.stderr
    rows = mariadb(state_dir, f"SELECT status, error IS NOT NULL, finished_at IS NOT NULL"
                              f" FROM runs WHERE id = '{run_id}'")
    assert rows == [["failed", "1", "1"]]
    mariadb(state_dir, f"DELETE FROM runs WHERE id = '{run_id}'")


def test_runner_once_without_database_exits_nonzero(bin_dir, conf_path):
    conf = conf_path + ".nodb"
    text = open(conf_path).read().replace("socket = ", "socket = /nonexistent/")
    with open(conf, "w") as f:
        f.write(text)
    res = run_runner(bin_dir, conf, "--once")
    assert res.returncode == 1
    assert "database unavailable" in res.stderr
    secret = [l.split("=", 1)[1].strip() for l in text.splitlines()
              if l.startswith("password")][0]
    assert secret and secret not in res.stderr   # no secret in a log line


def test_install_honours_destdir_and_prefix(root_dir, bin_dir):
    dest = tempfile.mkdtemp(prefix="sa-install-")
    build = os.path.dirname(bin_dir)
    res = subprocess.run([os.path.join(root_dir, "scripts", "install"), dest, "/opt/sa", build],
                         capture_output=True, text=True, timeout=60)
    assert res.returncode == 0, res.stderr
    for rel in ("opt/sa/bin/siteaudit", "opt/sa/bin/siteaudit-fcgi",
                "opt/sa/bin/siteaudit-runner", "opt/sa/share/siteaudit/sql/001_init.sql",
                "opt/sa/share/siteaudit/systemd/siteaudit-fcgi.service",
                "opt/sa/share/siteaudit/nginx/fastcgi_params.conf",
                "opt/sa/share/doc/siteaudit/configuration.md",
                "opt/sa/etc/siteaudit/siteaudit.conf.example"):
        assert os.path.exists(os.path.join(dest, rel)), rel
    assert os.access(os.path.join(dest, "opt/sa/bin/siteaudit-fcgi"), os.X_OK)
