"""Make the accounts of a seeded network: NAPP staff, a coordinator per SPO, its learners.

Every account has the one password hash given (argon2 is slow on purpose, so it is
computed once). Producers often have a mobile number and no e-mail, as in NAPP's
trainings; each number and address is unique.
"""

import random

from ..models import Role, User
from .people import MobileNumbers, locale_of, person_name, staff_name

EMAIL_DOMAIN = "example.org"
STAFF_DOMAIN = "napp.example"
# How learners can be reached: a mobile number only, both, or an e-mail address only.
CONTACTS = (("mobile", 55), ("both", 25), ("email", 20))


class Accounts:
    """Write user rows with unique identifiers and ids chosen up front."""

    def __init__(self, writer, rng: random.Random, password_hash: str):
        """Write through ``writer``, drawing names and numbers from ``rng``."""
        self.writer = writer
        self.rng = rng
        self.mobiles = MobileNumbers(rng)
        self.password_hash = password_hash
        self.contacts, self.contact_weights = zip(*CONTACTS, strict=True)

    def row(self, name: str, role: str, created_at, **fields) -> dict:
        """Queue a user row and return it (its ``id`` set), so callers may still complete it."""
        row = {
            "id": self.writer.new_id(User),
            "email": None,
            "mobile": None,
            "username": None,
            "name": name,
            "password_hash": self.password_hash,
            "must_change_password": False,
            "role": role,
            "organization_id": None,
            "creates_courses": False,
            "locale": None,
            "active": True,
            "created_at": created_at,
            "last_login_at": None,
            "session_token": f"{self.rng.getrandbits(128):032x}",
            **fields,
        }
        self.writer.add(User, row)
        return row

    def staff(self, number: int, role: str, created_at) -> dict:
        """Queue a NAPP trainer or admin with an e-mail address at NAPP."""
        login = "admin" if role == Role.ADMIN else f"trainer{number}"
        return self.row(
            staff_name(self.rng),
            role,
            created_at,
            email=f"{login}@{STAFF_DOMAIN}",
            locale=self.rng.choice(("en", "zh_Hans")),
            creates_courses=role == Role.TRAINER and number == 1,
        )

    def coordinator(self, spo: dict, iso: str, created_at) -> dict:
        """Queue the SPO's coordinator, reachable by e-mail and mobile."""
        return self.row(
            person_name(self.rng, iso, spo["region"]),
            Role.COORDINATOR,
            created_at,
            email=f"coordinator.{spo['slug']}@{EMAIL_DOMAIN}",
            mobile=self.mobiles.next(iso),
            organization_id=spo["id"],
            locale=locale_of(iso),
        )

    def learner(self, spo: dict, iso: str, created_at) -> dict:
        """Queue a member of the SPO, with a mobile number, an e-mail address or both."""
        contact = self.rng.choices(self.contacts, self.contact_weights)[0]
        row = self.row(
            person_name(self.rng, iso, spo["region"]),
            Role.LEARNER,
            created_at,
            organization_id=spo["id"],
            locale=locale_of(iso),
        )
        if contact != "email":
            row["mobile"] = self.mobiles.next(iso)
        if contact != "mobile":
            row["email"] = f"member{row['id']}.{spo['slug']}@{EMAIL_DOMAIN}"
        return row
