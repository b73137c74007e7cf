"""Which webhook URLs a digest may be posted to: https to a public address, unless the config
says a private one is meant; never ``file://`` or another scheme, and never the URL in a
message (it is a secret)."""

from __future__ import annotations

import asyncio
import socket

import pytest

from bot.adapters.posting.http import unsafe_webhook, webhook_url
from bot.digests.delivery import PermanentFailure


@pytest.mark.parametrize("url", ["https://hooks.slack.com/services/T1/B1/x",
                                 "https://discord.com/api/webhooks/1/abc",
                                 "https://8.8.8.8/hook", "https://[2001:4860::8888]/x"])
def test_https_to_a_public_address_is_allowed(url: str) -> None:
    assert unsafe_webhook(url) is None


@pytest.mark.parametrize("url", ["http://hooks.slack.com/x", "https://127.0.0.1/x",
                                 "https://10.1.2.3/x", "https://192.168.0.5/x",
                                 "https://169.254.169.254/latest/meta-data", "https://[::1]/x",
                                 "https://[fd00::1]/x", "https://localhost/x",
                                 "https://relay.internal/x", "https://0.0.0.0/x"])
def test_plain_http_and_private_addresses_need_the_config_to_allow_them(url: str) -> None:
    assert "public address" in unsafe_webhook(url)
    assert unsafe_webhook(url, allow_private=True) is None


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.com/x", "gopher://x/",
                                 "https://", "https://host:notaport/x", "javascript:alert(1)"])
def test_other_schemes_are_never_posted_to(url: str) -> None:
    assert unsafe_webhook(url, allow_private=True) is not None


def test_a_name_that_resolves_to_a_private_address_is_refused_when_posting(
        monkeypatch: pytest.MonkeyPatch) -> None:
    name = socket.gethostname()
    try:
        socket.getaddrinfo(name, 443)
    except OSError:
        pytest.skip("this machine's own name does not resolve")
    monkeypatch.setenv("HOOK", f"https://{name}/secret-part")
    with pytest.raises(PermanentFailure) as refused:
        asyncio.run(webhook_url("HOOK"))
    assert "public address" in str(refused.value) and "secret-part" not in str(refused.value)
    monkeypatch.setenv("HOOK", f"https://{name}/x")
    assert asyncio.run(webhook_url("HOOK", allow_private=True)) == f"https://{name}/x"
