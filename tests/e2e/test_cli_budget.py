"""`siteaudit budget-check`: the CI gate over the REST API — exit 0 / 1 / 2."""
import os
import subprocess

from conftest import mariadb


def budget_check(bin_dir, *args, key=None, env_extra=None):
    env = dict(os.environ)
    if key is not None:
        env["SITEAUDIT_API_KEY"] = key
    env.update(env_extra or {})
    return subprocess.run([os.path.join(bin_dir, "siteaudit"), "budget-check", *args],
                          env=env, capture_output=True, text=True, timeout=180)


def admin(bin_dir, conf, *args):
    res = subprocess.run([os.path.join(bin_dir, "siteaudit"), "admin", *args],
                         env=dict(os.environ, SITEAUDIT_CONF=conf),
                         capture_output=True, text=True, timeout=30)
    assert res.returncode == 0, res.stderr
    return res.stdout.strip().splitlines()[-1]


def new_site(bin_dir, conf):
    url = os.environ["SITEAUDIT_FIXTURES_URL"] + "/sample-site/index.html"
    return admin(bin_dir, conf, "site", "create", "--org", os.environ["SITEAUDIT_ORG_ID"],
                 "--name", "CI gate", "--url", url)


def test_no_completed_scan_fails_with_1(bin_dir, conf_path):
    site = new_site(bin_dir, conf_path)
    res = budget_check(bin_dir, "--site", site)
    assert res.returncode == 1, res.stderr
    assert "FAIL: the site has no completed scan yet" in res.stdout


def test_wait_for_scan_then_pass_then_fail_on_a_budget(bin_dir, conf_path, state_dir):
    site = new_site(bin_dir, conf_path)
    res = budget_check(bin_dir, "--site", site, "--wait-for-scan", "--timeout", "90")
    assert res.returncode == 0, res.stdout + res.stderr
    assert "completed" in res.stderr and res.stdout.rstrip().endswith("PASS")
    scan = mariadb(state_dir, f"SELECT id FROM runs WHERE site_id = '{site}'"
                              " AND status = 'completed'")
    assert len(scan) == 1 and scan[0][0] in res.stdout
    admin(bin_dir, conf_path, "budget", "add", "--site", site, "--metric", "seo",
          "--operator", "min", "--threshold", "100")   # the sample page has a "Click here" link
    res = budget_check(bin_dir, "--site", site)
    assert res.returncode == 1
    assert "seo" in res.stdout and "min" in res.stdout and "100" in res.stdout
    assert "FAIL: budgets violated" in res.stdout
    res = budget_check(bin_dir, "--site", site, "--json")
    assert res.returncode == 1 and '"pass":false' in res.stdout.replace(" ", "")


def test_auth_and_usage_errors_exit_2(bin_dir, conf_path):
    site = new_site(bin_dir, conf_path)
    res = budget_check(bin_dir, "--site", site, key="sk_pageref_mistyped")
    assert res.returncode == 2 and "HTTP 401" in res.stderr
    res = budget_check(bin_dir, "--site", site, "--key-env", "NO_SUCH_VAR")
    assert res.returncode == 2 and "NO_SUCH_VAR" in res.stderr
    assert budget_check(bin_dir).returncode == 2                       # no --site
    assert budget_check(bin_dir, "--site", "not-a-uuid").returncode == 2
    res = budget_check(bin_dir, "--site", "11111111-2222-3333-4444-555555555555")
    assert res.returncode == 2 and "HTTP 404" in res.stderr
    res = budget_check(bin_dir, "--site", site, "--url", "http://127.0.0.1:9")
    assert res.returncode == 2 and "127.0.0.1:9" in res.stderr
