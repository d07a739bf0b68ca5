"""Build, sign and check Open Badges 3.0 credentials (``OpenBadgeCredential`` as a VC-JWT).

The JWT payload is the credential itself, as Open Badges 3.0 section 8.2 asks, with
the registered claims ``iss`` (the issuer's id), ``jti`` (the credential's id) and
``nbf`` (``validFrom``). The header names the signing key by its thumbprint and
carries the public key, so wallets can check the signature offline; this academy
trusts only its own key, never one a token brings.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

import jwt

from ..models import Certificate
from .keys import ALGORITHM, SigningKey

CONTEXTS = (
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
)
TYPES = ("VerifiableCredential", "OpenBadgeCredential")
CRITERIA = (
    "Read every required module of the course and pass each module's quiz "
    "(or have a trainer record the module as completed)."
)


@dataclass(frozen=True)
class Links:
    """The public addresses a credential points at; views build them with ``url_for``."""

    issuer: str
    home: str
    verify: Callable[[str], str]
    achievement: Callable[[str], str]


def valid_from(certificate: Certificate) -> datetime:
    """Return the issue time as an aware UTC datetime, to the second."""
    return certificate.issued_at.replace(tzinfo=UTC, microsecond=0)


def build_credential(certificate: Certificate, links: Links) -> dict:
    """Return the credential ``certificate`` stands for, from its snapshot only."""
    title = certificate.course_title("en")
    return {
        "@context": list(CONTEXTS),
        "id": links.verify(certificate.serial),
        "type": list(TYPES),
        "issuer": {
            "id": links.issuer,
            "type": ["Profile"],
            "name": certificate.issuer_name,
            "url": links.home,
        },
        "validFrom": valid_from(certificate).isoformat().replace("+00:00", "Z"),
        "name": title,
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [
                {
                    "type": "IdentityObject",
                    "identityHash": certificate.identity_hash,
                    "identityType": certificate.identity_type,
                    "hashed": True,
                    "salt": certificate.identity_salt,
                }
            ],
            "achievement": {
                "id": links.achievement(certificate.course_slug),
                "type": ["Achievement"],
                "achievementType": "Course",
                "name": title,
                "description": _description(certificate),
                "criteria": {"narrative": CRITERIA},
                "inLanguage": "en",
            },
        },
    }


def _description(certificate: Certificate) -> str:
    other = certificate.course_title("zh")
    title = certificate.course_title("en")
    names = f"{title} ({other})" if other and other != title else title
    return f"Completed the Producer Academy course {names}, issued by {certificate.issuer_name}."


def sign_credential(credential: dict, key: SigningKey) -> str:
    """Return ``credential`` signed as a compact VC-JWT (RS256)."""
    issued = datetime.fromisoformat(credential["validFrom"].replace("Z", "+00:00"))
    claims = {
        **credential,
        "iss": credential["issuer"]["id"],
        "jti": credential["id"],
        "nbf": int(issued.timestamp()),
    }
    public = {name: key.public_jwk[name] for name in ("kty", "n", "e")}
    headers = {"kid": key.kid, "typ": "JWT", "jwk": public}
    return jwt.encode(claims, key.private_key, algorithm=ALGORITHM, headers=headers)


@dataclass
class Check:
    """What checking a pasted credential found: its claims, or why it is not valid."""

    claims: dict | None = None
    problems: list[str] = field(default_factory=list)


def check_signature(token: str, key: SigningKey, messages: dict[str, str]) -> Check:
    """Check that ``token`` is a well-formed VC-JWT signed by ``key``; return its claims.

    ``messages`` maps problem codes to the reader's wording (the caller translates).
    """
    token = "".join(token.split())
    try:
        header = jwt.get_unverified_header(token)
    except jwt.InvalidTokenError:
        return Check(problems=[messages["malformed"]])
    if header.get("alg") != ALGORITHM or header.get("kid") != key.kid:
        return Check(problems=[messages["other_key"]])
    try:
        claims = jwt.decode(
            token,
            key.public_key,
            algorithms=[ALGORITHM],
            options={"require": ["iss", "jti", "nbf"], "verify_aud": False},
        )
    except jwt.InvalidSignatureError:
        return Check(problems=[messages["signature"]])
    except jwt.ImmatureSignatureError:
        return Check(problems=[messages["not_yet_valid"]])
    except jwt.InvalidTokenError:
        return Check(problems=[messages["malformed"]])
    return Check(claims=claims, problems=check_fields(claims, messages))


def check_fields(claims: dict, messages: dict[str, str]) -> list[str]:
    """Return what is missing or inconsistent in a credential's claims."""
    problems = []
    contexts = claims.get("@context")
    if not isinstance(contexts, list) or any(context not in contexts for context in CONTEXTS):
        problems.append(messages["context"])
    types = claims.get("type")
    if not isinstance(types, list) or any(name not in types for name in TYPES):
        problems.append(messages["type"])
    issuer = claims.get("issuer")
    if not isinstance(issuer, dict) or issuer.get("id") != claims.get("iss"):
        problems.append(messages["issuer"])
    if claims.get("id") != claims.get("jti"):
        problems.append(messages["id"])
    subject = claims.get("credentialSubject")
    achievement = subject.get("achievement") if isinstance(subject, dict) else None
    if not isinstance(achievement, dict) or not achievement.get("criteria"):
        problems.append(messages["achievement"])
    return problems


def matches_record(claims: dict, expected: dict) -> bool:
    """Tell whether the signed claims say what the certificate's record says.

    Addresses are left out: the same academy may be reached under several host names.
    """
    subject, record = claims.get("credentialSubject") or {}, expected["credentialSubject"]
    achievement = subject.get("achievement") or {}
    return (
        claims.get("validFrom") == expected["validFrom"]
        and claims.get("name") == expected["name"]
        and subject.get("identifier") == record["identifier"]
        and achievement.get("name") == record["achievement"]["name"]
    )
