"""`siteaudit admin init`: a new configuration with generated secrets, or a
missing file-signing secret added to an existing one — never printed."""
import os
import re
import stat
import subprocess
import tempfile


def init(bin_dir, conf, *args):
    return subprocess.run([os.path.join(bin_dir, "siteaudit"), "admin", "init", *args],
                          env=dict(os.environ, SITEAUDIT_CONF=conf),
                          capture_output=True, text=True, timeout=30)


def secret_of(text):
    m = re.search(r"(?m)^signing_secret = ([0-9a-f]{64})$", text)
    return m and m.group(1)


def test_writes_a_new_private_config_with_secrets(bin_dir):
    conf = os.path.join(tempfile.mkdtemp(), "siteaudit.conf")
    res = init(bin_dir, conf, "--base-url", "https://audit.example.com")
    assert res.returncode == 0, res.stderr
    text = open(conf).read()
    secret = secret_of(text)
    assert secret and secret not in res.stdout + res.stderr
    assert "base_url = https://audit.example.com" in text
    assert re.search(r"(?m)^password = [0-9a-f]{64}$", text)
    assert stat.S_IMODE(os.stat(conf).st_mode) == 0o640
    check = subprocess.run([os.path.join(bin_dir, "siteaudit"), "admin", "check-config"],
                           env=dict(os.environ, SITEAUDIT_CONF=conf),
                           capture_output=True, text=True, timeout=30)
    assert check.returncode == 0, check.stderr
    again = init(bin_dir, conf)                       # idempotent
    assert again.returncode == 0 and "signing secret present" in again.stdout
    assert secret_of(open(conf).read()) == secret


def test_adds_a_missing_secret_to_an_existing_config(bin_dir):
    conf = os.path.join(tempfile.mkdtemp(), "siteaudit.conf")
    with open(conf, "w") as f:
        f.write("[server]\nworkers = 2\n")
    res = init(bin_dir, conf)
    assert res.returncode == 0, res.stderr
    text = open(conf).read()
    assert text.startswith("[server]\nworkers = 2\n") and secret_of(text)
    assert secret_of(text) not in res.stdout + res.stderr


def test_refuses_a_broken_config_and_bad_options(bin_dir):
    conf = os.path.join(tempfile.mkdtemp(), "siteaudit.conf")
    with open(conf, "w") as f:
        f.write("[server]\nworkers = many\n")
    res = init(bin_dir, conf)
    assert res.returncode == 78 and f"{conf}:2:" in res.stderr
    assert "signing_secret" not in open(conf).read()
    assert init(bin_dir, conf, "--bogus", "x").returncode == 2
