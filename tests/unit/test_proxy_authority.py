"""Proxy mode's local CA: made once, private, reused; leaf certificates a strict client takes."""

from __future__ import annotations

import datetime
import ssl
import stat
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.x509.oid import ExtendedKeyUsageOID

from mockads.proxy import CA_CERT_FILE, CertificateAuthority, ca_directory, default_ca_dir
from mockads.proxy.authority import CA_KEY_FILE
from mockads.settings import Settings


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_ca_is_made_on_first_use_in_a_private_folder_with_a_private_key(tmp_path):
    folder = tmp_path / "ca"
    authority = CertificateAuthority.load_or_create(folder)
    assert authority.certificate_path == folder / CA_CERT_FILE
    assert _mode(folder) == 0o700
    assert _mode(folder / CA_KEY_FILE) == 0o600
    assert b"PRIVATE KEY" not in authority.certificate_path.read_bytes()


def test_the_ca_is_reused_once_made(tmp_path):
    first = CertificateAuthority.load_or_create(tmp_path / "ca")
    again = CertificateAuthority.load_or_create(tmp_path / "ca")
    assert again.certificate == first.certificate
    assert again.certificate_path.read_bytes() == first.certificate_path.read_bytes()


def test_the_ca_certificate_may_sign_server_certificates_and_nothing_below_them(tmp_path):
    certificate = CertificateAuthority.load_or_create(tmp_path / "ca").certificate
    constraints = certificate.extensions.get_extension_for_class(x509.BasicConstraints)
    assert constraints.critical and constraints.value.ca and constraints.value.path_length == 0
    usage = certificate.extensions.get_extension_for_class(x509.KeyUsage).value
    assert usage.key_cert_sign and usage.crl_sign and not usage.digital_signature


def test_a_leaf_names_its_host_only_serves_tls_and_is_signed_by_the_ca(tmp_path):
    authority = CertificateAuthority.load_or_create(tmp_path / "ca")
    pem, key = authority.issue("business-api.tiktok.com")
    leaf = x509.load_pem_x509_certificate(pem)
    leaf.verify_directly_issued_by(authority.certificate)
    names = leaf.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert names.get_values_for_type(x509.DNSName) == ["business-api.tiktok.com"]
    assert not leaf.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    purposes = leaf.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    assert list(purposes) == [ExtendedKeyUsageOID.SERVER_AUTH]
    assert leaf.not_valid_after_utc - leaf.not_valid_before_utc <= datetime.timedelta(days=398)
    assert b"PRIVATE KEY" in key


@pytest.mark.parametrize("host", ["business-api.tiktok.com", "sandbox-ads.tiktok.com"])
def test_a_strict_client_trusting_the_ca_completes_a_handshake_with_the_host(tmp_path, host):
    authority = CertificateAuthority.load_or_create(tmp_path / "ca")
    client = _strict_client(authority)
    assert _handshake(client, authority.server_context(host), host) is None


def test_a_leaf_for_one_host_does_not_pass_for_another(tmp_path):
    authority = CertificateAuthority.load_or_create(tmp_path / "ca")
    server = authority.server_context("ads.tiktok.com")
    error = _handshake(_strict_client(authority), server, "business-api.tiktok.com")
    assert isinstance(error, ssl.SSLCertVerificationError)
    assert "mismatch" in error.verify_message.lower()


def test_a_client_that_does_not_trust_the_ca_refuses_its_certificates(tmp_path):
    authority = CertificateAuthority.load_or_create(tmp_path / "ca")
    stranger = CertificateAuthority.load_or_create(tmp_path / "other")
    server = authority.server_context("ads.tiktok.com")
    error = _handshake(_strict_client(stranger), server, "ads.tiktok.com")
    assert isinstance(error, ssl.SSLCertVerificationError)


def test_the_ca_folder_is_mockads_ca_dir_else_the_xdg_data_folder(tmp_path):
    assert default_ca_dir({"XDG_DATA_HOME": str(tmp_path)}) == tmp_path / "mockads" / "ca"
    assert default_ca_dir({}) == Path.home() / ".local" / "share" / "mockads" / "ca"
    settings = Settings.from_env({"MOCKADS_CA_DIR": str(tmp_path / "mine")})
    assert ca_directory(settings.ca_dir) == tmp_path / "mine"


def test_proxy_mode_is_off_unless_a_proxy_port_is_set():
    assert Settings.from_env({}).proxy_port is None
    assert Settings.from_env({"MOCKADS_PROXY_PORT": "8443"}).proxy_port == 8443
    assert Settings.from_env({"MOCKADS_PROXY_PORT": "8443"}, proxy_port=0).proxy_port == 0


def _strict_client(authority: CertificateAuthority) -> ssl.SSLContext:
    """The default client context, with the strict X.509 checks Python 3.13 turns on."""
    context = ssl.create_default_context(cafile=str(authority.certificate_path))
    context.verify_flags |= ssl.VERIFY_X509_STRICT
    return context


def _handshake(client: ssl.SSLContext, server: ssl.SSLContext, host: str) -> Exception | None:
    """A TLS handshake in memory; the client's error, or None when it completed."""
    pipes = [ssl.MemoryBIO() for _ in range(4)]
    tls_client = client.wrap_bio(pipes[0], pipes[1], server_hostname=host)
    tls_server = server.wrap_bio(pipes[2], pipes[3], server_side=True)
    client_done = server_done = False
    for _ in range(20):
        if not client_done:
            try:
                tls_client.do_handshake()
                client_done = True
            except ssl.SSLWantReadError:
                pass
            except ssl.SSLError as error:
                return error
        pipes[2].write(pipes[1].read())
        if not server_done:
            try:
                tls_server.do_handshake()
                server_done = True
            except ssl.SSLWantReadError:
                pass
            except ssl.SSLError:
                pass  # the client's side says why
        pipes[0].write(pipes[3].read())
        if client_done and server_done:
            return None
    raise AssertionError("the handshake never ended")
