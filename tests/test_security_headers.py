"""The security headers transform of the public server (spineedu/security_headers.py): what
every response carries, whatever handler made it."""

from __future__ import annotations

from tornado.httputil import HTTPHeaders, HTTPServerRequest, RequestStartLine

from spineedu.security_headers import HEADERS, SecurityHeaders


def transformed(headers: HTTPHeaders, status: int = 200) -> tuple[int, HTTPHeaders, bytes]:
    transform = SecurityHeaders(HTTPServerRequest(
        start_line=RequestStartLine("GET", "/voila/static/voila.js", "HTTP/1.1"),
        headers=HTTPHeaders({"Host": "127.0.0.1"})))
    return transform.transform_first_chunk(status, headers, b"body", True)


def test_every_header_is_set_and_the_server_is_not_named():
    headers = HTTPHeaders({"Server": "TornadoServer/6.6.1", "Content-Type": "text/html"})
    status, out, chunk = transformed(headers, 404)
    assert (status, chunk) == (404, b"body")
    assert "Server" not in out
    assert out["Content-Type"] == "text/html"
    for name, value in HEADERS.items():
        assert out[name] == value
    assert "frame-ancestors 'self'" in out["Content-Security-Policy"]
    assert "default-src 'self'" in out["Content-Security-Policy"]


def test_a_weaker_policy_set_by_a_handler_is_replaced():
    headers = HTTPHeaders({"Content-Security-Policy": "frame-ancestors 'self'; report-uri /x"})
    _, out, _ = transformed(headers)
    assert out.get_list("Content-Security-Policy") == [HEADERS["Content-Security-Policy"]]


def test_cookies_get_samesite_lax_unless_they_state_one():
    headers = HTTPHeaders()
    headers.add("Set-Cookie", "_xsrf=abc; Path=/")
    headers.add("Set-Cookie", "session=1; Path=/; SameSite=Strict")
    _, out, _ = transformed(headers)
    assert out.get_list("Set-Cookie") == ["_xsrf=abc; Path=/; SameSite=Lax",
                                          "session=1; Path=/; SameSite=Strict"]
