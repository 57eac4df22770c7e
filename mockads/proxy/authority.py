"""The local certificate authority proxy mode signs its TikTok host certificates with.

Made once with `cryptography` (an EC P-256 key, ten years), kept in `MOCKADS_CA_DIR` or
`$XDG_DATA_HOME/mockads/ca` (`~/.local/share/mockads/ca`): the folder is private (0700), the key
0600, and clients trust `mockads-ca.pem`. Every later start reuses it, so a client configured once
keeps working. Leaf certificates are issued per host at each start and never written where they
outlive the process.
"""

from __future__ import annotations

import datetime
import fcntl
import os
import ssl
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

__all__ = ["CA_CERT_FILE", "CertificateAuthority", "default_ca_dir"]

CA_CERT_FILE = "mockads-ca.pem"
CA_KEY_FILE = "mockads-ca-key.pem"
CA_NAME = "mockads local CA"
CA_LIFETIME = datetime.timedelta(days=3650)
#: Browsers and Apple's TLS refuse server certificates valid for longer than 398 days.
LEAF_LIFETIME = datetime.timedelta(days=397)


def default_ca_dir(environ: Mapping[str, str] | None = None) -> Path:
    """`$XDG_DATA_HOME/mockads/ca`, or `~/.local/share/mockads/ca` without it."""
    environ = os.environ if environ is None else environ
    data_home = environ.get("XDG_DATA_HOME", "").strip()
    base = Path(data_home) if data_home else Path.home() / ".local" / "share"
    return base / "mockads" / "ca"


@dataclass(frozen=True)
class CertificateAuthority:
    """The CA's certificate (at `certificate_path`, for clients to trust) and its private key."""

    certificate: x509.Certificate
    key: ec.EllipticCurvePrivateKey
    certificate_path: Path

    @classmethod
    def load_or_create(cls, directory: Path) -> CertificateAuthority:
        """The CA kept in `directory`, made there first if it holds none (one process makes
        it while any other starting at the same moment waits, then reads it)."""
        if not directory.exists():
            directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        certificate_path, key_path = directory / CA_CERT_FILE, directory / CA_KEY_FILE
        with _locked(directory / ".lock"):
            if not (certificate_path.exists() and key_path.exists()):
                key = ec.generate_private_key(ec.SECP256R1())
                _write(key_path, _private_pem(key), mode=0o600)
                _write(certificate_path, _ca_certificate(key).public_bytes(_PEM), mode=0o644)
        key = serialization.load_pem_private_key(key_path.read_bytes(), password=None)
        if not isinstance(key, ec.EllipticCurvePrivateKey):
            raise ValueError(f"{key_path} is not the EC key mockads makes")
        certificate = x509.load_pem_x509_certificate(certificate_path.read_bytes())
        return cls(certificate, key, certificate_path)

    def issue(self, host: str) -> tuple[bytes, bytes]:
        """A new server certificate for `host` signed by this CA, and its key (both PEM)."""
        key = ec.generate_private_key(ec.SECP256R1())
        now = _now()
        certificate = (
            x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, host)]))
            .issuer_name(self.certificate.subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + LEAF_LIFETIME)
            .add_extension(x509.SubjectAlternativeName([x509.DNSName(host)]), critical=False)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(_key_usage(digital_signature=True), critical=True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
            .add_extension(
                x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False
            )
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(self.key.public_key()),
                critical=False,
            )
            .sign(self.key, hashes.SHA256())
        )
        return certificate.public_bytes(_PEM), _private_pem(key)

    def server_context(self, host: str) -> ssl.SSLContext:
        """A TLS server context presenting a new certificate for `host`."""
        certificate, key = self.issue(host)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.minimum_version = ssl.TLSVersion.TLSv1_2
        # `load_cert_chain` reads files only: they live in a private folder for that moment.
        with tempfile.TemporaryDirectory(prefix="mockads-leaf-") as folder:
            chain = Path(folder) / "leaf.pem"
            _write(chain, key + certificate, mode=0o600)  # clients hold the CA themselves
            context.load_cert_chain(chain)
        return context


_PEM = serialization.Encoding.PEM


def _ca_certificate(key: ec.EllipticCurvePrivateKey) -> x509.Certificate:
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, CA_NAME),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "mockads"),
        ]
    )
    now = _now()
    return (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + CA_LIFETIME)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(_key_usage(key_cert_sign=True, crl_sign=True), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )


def _key_usage(**allowed: bool) -> x509.KeyUsage:
    usages = dict.fromkeys(
        (
            "digital_signature",
            "content_commitment",
            "key_encipherment",
            "data_encipherment",
            "key_agreement",
            "key_cert_sign",
            "crl_sign",
            "encipher_only",
            "decipher_only",
        ),
        False,
    )
    return x509.KeyUsage(**{**usages, **allowed})


def _private_pem(key: ec.EllipticCurvePrivateKey) -> bytes:
    return key.private_bytes(_PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())


def _write(path: Path, content: bytes, *, mode: int) -> None:
    """Write `content` to a file created with `mode` from the start (never readable by others
    in between), replacing `path` at once."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    with os.fdopen(descriptor, "wb") as file:
        file.write(content)
    os.chmod(temporary, mode)  # the umask may have taken bits `mode` asked for
    os.replace(temporary, path)


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)


def _now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)
