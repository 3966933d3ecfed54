"""Shared fixtures for the end-to-end suite.

scripts/test-all starts a throwaway stack (scripts/stack up) and exports the
variables of its run.env; these fixtures read them. Nothing here mocks our
own stack: every request goes through nginx to siteaudit-fcgi and MariaDB.
"""
import os
import subprocess
import time

import pytest
import requests


def env(name):
    value = os.environ.get(name)
    if not value:
        pytest.exit(f"{name} is not set: run the suite through `make test`", 2)
    return value


@pytest.fixture(scope="session")
def base_url():
    return env("SITEAUDIT_URL")


@pytest.fixture(scope="session")
def api_key():
    return env("SITEAUDIT_API_KEY")


@pytest.fixture(scope="session")
def state_dir():
    return env("SITEAUDIT_STATE")


@pytest.fixture(scope="session")
def root_dir():
    return env("SITEAUDIT_ROOT")


@pytest.fixture(scope="session")
def bin_dir():
    return env("SITEAUDIT_BIN_DIR")


@pytest.fixture(scope="session")
def conf_path():
    return env("SITEAUDIT_CONF")


@pytest.fixture(scope="session")
def fixtures_url():
    return env("SITEAUDIT_FIXTURES_URL")


@pytest.fixture()
def http():
    with requests.Session() as s:
        yield s


def stack(root, *args):
    """Runs scripts/stack with the test binaries; returns CompletedProcess."""
    e = dict(os.environ, BIN_DIR=os.environ["SITEAUDIT_BIN_DIR"])
    return subprocess.run([os.path.join(root, "scripts", "stack"), *args],
                          env=e, capture_output=True, text=True, timeout=120)


def wait_until(predicate, timeout=15.0, step=0.1):
    """Polls predicate until it returns a truthy value or timeout passes."""
    end = time.monotonic() + timeout
    while True:
        value = predicate()
        if value or time.monotonic() > end:
            return value
        time.sleep(step)


def mariadb(state, sql, database="siteaudit"):
    """Runs sql as root over the stack's private socket; returns rows."""
    out = subprocess.run(
        ["mariadb", "--no-defaults", f"--socket={state}/run/mysqld.sock",
         "-uroot", "-N", "-B", database, "-e", sql],
        capture_output=True, text=True, timeout=30, check=True).stdout
    return [line.split("\t") for line in out.splitlines()]


def worker_pids(state):
    master = open(os.path.join(state, "pids", "fcgi.pid")).read().strip()
    out = subprocess.run(["pgrep", "-P", master], capture_output=True,
                         text=True).stdout
    return sorted(int(p) for p in out.split())
