"""Time-based one-time codes (RFC 6238) and their QR code: the parts that need no database."""

import hmac
import secrets
from datetime import datetime

import pyotp
from markupsafe import Markup

# One 30-second step either side of now, for a phone clock a little off and a code typed slowly.
DRIFT_STEPS = 1
RECOVERY_CODE_COUNT = 10
# 16 characters of 32 possible: 80 bits, too many to guess even against the stored hash.
_RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
_RECOVERY_GROUPS, _RECOVERY_GROUP_LENGTH = 4, 4


def new_secret() -> str:
    return pyotp.random_base32()


def provisioning_uri(secret: str, email: str, issuer: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=email, issuer_name=issuer)


def qr_code_svg(uri: str, title: str) -> Markup:
    """The QR code as inline SVG, drawn here: the secret never leaves the portal."""
    import segno  # here: only the page that sets up a second factor draws one, and no worker need carry it

    return Markup(segno.make(uri, error="m").svg_inline(scale=4, dark="#000", light="#fff", title=title))


def grouped_secret(secret: str) -> str:
    """The key in groups of four, easier to type into an app by hand."""
    return " ".join(secret[index:index + 4] for index in range(0, len(secret), 4))


def matching_step(secret: str, code: str, at: datetime) -> int | None:
    """The time step whose code this is, within the drift window, or None."""
    code = "".join(code.split())
    if len(code) != 6 or not code.isdigit():
        return None
    generator = pyotp.TOTP(secret)
    current = generator.timecode(at)
    for step in range(current - DRIFT_STEPS, current + DRIFT_STEPS + 1):
        if hmac.compare_digest(generator.generate_otp(step), code):
            return step
    return None


def new_recovery_code() -> str:
    characters = "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(_RECOVERY_GROUPS * _RECOVERY_GROUP_LENGTH))
    return "-".join(characters[index:index + _RECOVERY_GROUP_LENGTH]
                    for index in range(0, len(characters), _RECOVERY_GROUP_LENGTH))


def normalise_recovery_code(code: str) -> str:
    """As stored: lower case, without the dashes and spaces people may type or leave out."""
    return "".join(character for character in code.lower() if character.isalnum())
