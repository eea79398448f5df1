"""The API documentation: served from this host under a strict CSP, API routes only."""

from __future__ import annotations

import re

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient

from stenogram.http.app import ServerSettings, create_app
from stenogram.http.docs import DOCS_CSP, swagger_dir


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app(ServerSettings(db=":memory:", semantic=False)))


def test_the_docs_page_loads_only_files_of_this_host(client: TestClient) -> None:
    if swagger_dir() is None:
        pytest.skip("swagger-ui-bundle is not installed")
    r = client.get("/api/v1/docs")
    assert r.status_code == 200
    assert r.headers["content-security-policy"] == DOCS_CSP
    refs = re.findall(r'(?:src|href)="([^"]+)"', r.text)
    assert refs and all(ref.startswith("/") and not ref.startswith("//") for ref in refs)
    for ref in refs:
        asset = client.get(ref)
        assert asset.status_code == 200 and asset.content, ref
    assert "script-src 'self'" in DOCS_CSP and "unsafe-eval" not in DOCS_CSP
    assert "<script>" not in r.text  # every script is a file, so the CSP needs no inline scripts


def test_only_the_page_files_are_served(client: TestClient) -> None:
    for name in ("index.html", "..%2F..%2Fdocs.py", "swagger-ui.js.map"):
        assert client.get(f"/api/v1/docs/assets/{name}").status_code == 404


def test_the_openapi_document_describes_the_api_routes_only(client: TestClient) -> None:
    spec = client.get("/api/v1/openapi.json").json()
    assert spec["info"]["description"]
    assert spec["paths"] and all(path.startswith("/api/v1/") for path in spec["paths"])
    assert "/api/v1/docs" not in spec["paths"]
    for path, methods in spec["paths"].items():
        for method, op in methods.items():
            assert op.get("description"), f"{method.upper()} {path} has no description"
            assert op.get("tags"), f"{method.upper()} {path} has no tag"
    search = spec["paths"]["/api/v1/search"]["get"]
    assert all(p.get("description") for p in search["parameters"])
