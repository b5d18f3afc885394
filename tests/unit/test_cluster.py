"""The cluster command's load balancer configuration, and its refusal of SQLite."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from core.platform.paths import PROJECT_ROOT
from core.platform.settings import get_settings
from local.cluster import Backend, haproxy_config, run

README_BACKENDS = [Backend("app1", "127.0.0.1", 8511), Backend("app2", "127.0.0.1", 8512)]


def test_the_readme_quotes_the_configuration_the_cluster_runs():
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    assert haproxy_config(8501, README_BACKENDS) in readme


def test_sessions_stick_websockets_stay_open_and_lost_servers_are_left():
    config = haproxy_config(8501, README_BACKENDS)
    assert "cookie GN_SERVER insert indirect nocache httponly" in config
    assert "server app1 127.0.0.1:8511 check cookie app1" in config
    assert "option httpchk GET /_stcore/health" in config
    assert "timeout tunnel 1h" in config
    assert "option redispatch" in config


def test_the_public_entry_sends_the_security_headers_and_hides_server_metrics():
    config = haproxy_config(8501, README_BACKENDS)
    assert "set-header Content-Security-Policy \"frame-ancestors 'none'\"" in config
    assert "set-header X-Content-Type-Options nosniff" in config
    assert "set-header Referrer-Policy same-origin" in config
    assert "http-request deny if { path_beg /_stcore/metrics }" in config


@pytest.mark.skipif(not shutil.which("haproxy"), reason="HAProxy is not installed")
def test_haproxy_accepts_the_configuration(tmp_path):
    path = tmp_path / "haproxy.cfg"
    path.write_text(haproxy_config(8501, README_BACKENDS))
    checked = subprocess.run(["haproxy", "-c", "-f", str(path)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_the_cluster_refuses_sqlite_saying_why(monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'x.db'}")
    get_settings.cache_clear()
    try:
        assert run(servers=2, workers=2) == 2
    finally:
        get_settings.cache_clear()
    assert "needs PostgreSQL" in capsys.readouterr().err


@pytest.mark.skipif(not shutil.which("haproxy"), reason="HAProxy is not installed")
def test_haproxy_accepts_its_prometheus_exporter_on_a_port_of_its_own(tmp_path):
    config = haproxy_config(8501, README_BACKENDS, metrics_port=9466)
    assert "bind 127.0.0.1:9466" in config
    assert "use-service prometheus-exporter if { path /metrics }" in config
    path = tmp_path / "haproxy.cfg"
    path.write_text(config)
    checked = subprocess.run(["haproxy", "-c", "-f", str(path)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr


@pytest.mark.skipif(not shutil.which("haproxy"), reason="HAProxy is not installed")
def test_on_external_services_the_cluster_refuses_to_start_naming_what_is_missing(
    monkeypatch, tmp_path, capsys
):
    from tests.e2e.stack import free_port

    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://nobody@127.0.0.1:1/none")
    monkeypatch.delenv("BILLING_URL", raising=False)
    monkeypatch.setenv("ACCOUNT_DIRECTORY_URL", f"http://127.0.0.1:{free_port()}/v1")
    get_settings.cache_clear()
    try:
        code = run(servers=2, workers=2, external=True, provider_secrets=tmp_path / "none.toml")
    finally:
        get_settings.cache_clear()
    assert code == 2
    refused = capsys.readouterr().err
    assert "BILLING_URL is not set" in refused
    assert "ACCOUNT_DIRECTORY_URL http://127.0.0.1:" in refused and "did not answer" in refused
    assert "none.toml does not exist" in refused
