"""Make and read certificate serials: 80 random bits in Crockford's base 32.

The alphabet has no I, L, O or U, so a serial copied by hand from paper cannot
mix up look-alike characters; when someone types O for 0 or I/L for 1 anyway,
:func:`normalize_serial` reads it the way they meant.
"""

import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 16  # 16 characters x 5 bits = 80 bits of randomness
GROUP = 4
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})


def new_serial() -> str:
    """Return a fresh random serial in its canonical form (16 characters, no dashes)."""
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def format_serial(serial: str) -> str:
    """Return ``serial`` grouped for reading aloud and printing: ``ABCD-EFGH-JKMN-PQRS``."""
    return "-".join(serial[i : i + GROUP] for i in range(0, len(serial), GROUP))


def normalize_serial(text: str) -> str | None:
    """Return the canonical serial ``text`` stands for, or None if it cannot be one.

    Case, spaces and dashes are ignored, and look-alike letters are read as digits.
    """
    cleaned = "".join(text.split()).replace("-", "").upper().translate(_READ_AS)
    if len(cleaned) != LENGTH or any(char not in ALPHABET for char in cleaned):
        return None
    return cleaned
