"""Keep the academy's credential signing key in the instance folder and publish its public half.

The key is made on first use. Several workers may start at once, so the new key is
written to a temporary file and linked into place: the first link wins, and every
worker then reads the same file. Servers on several machines must share the file
(``LMS_SIGNING_KEY_FILE``) or run ``flask lms signing-key`` once and copy it.
"""

import base64
import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

ALGORITHM = "RS256"  # the algorithm every Open Badges 3.0 verifier must support


@dataclass(frozen=True)
class SigningKey:
    """The private key, its public JWK and the key id (the JWK's RFC 7638 thumbprint)."""

    private_key: rsa.RSAPrivateKey
    public_jwk: dict
    kid: str

    @property
    def public_key(self) -> rsa.RSAPublicKey:
        """Return the public half, which verifies signatures."""
        return self.private_key.public_key()


def signing_key(path: Path) -> SigningKey:
    """Return the signing key kept at ``path``, making it on first use."""
    if not path.exists():
        create_key_file(path)
    return _load(str(path), path.stat().st_mtime_ns)


def create_key_file(path: Path) -> bool:
    """Write a new 2048-bit RSA key to ``path`` unless one is there; return whether it did."""
    path.parent.mkdir(parents=True, exist_ok=True)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".signing-key-")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(pem)
        os.chmod(temporary, 0o600)
        os.link(temporary, path)
    except FileExistsError:
        return False
    finally:
        os.unlink(temporary)
    return True


@lru_cache(maxsize=4)
def _load(path: str, _mtime: int) -> SigningKey:
    private_key = serialization.load_pem_private_key(Path(path).read_bytes(), password=None)
    jwk = RSAAlgorithm.to_jwk(private_key.public_key(), as_dict=True)
    kid = thumbprint(jwk)
    public_jwk = {**jwk, "kid": kid, "alg": ALGORITHM, "use": "sig"}
    return SigningKey(private_key=private_key, public_jwk=public_jwk, kid=kid)


def thumbprint(jwk: dict) -> str:
    """Return the RFC 7638 SHA-256 thumbprint of an RSA public JWK, base64url-encoded."""
    members = json.dumps({name: jwk[name] for name in ("e", "kty", "n")}, separators=(",", ":"))
    digest = hashlib.sha256(members.encode()).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
