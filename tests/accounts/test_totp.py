"""The authenticator-app codes follow RFC 6238 exactly."""

import base64
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from accounts import totp

RFC_KEY = b"12345678901234567890"  # RFC 6238 appendix B, SHA-1


@pytest.mark.parametrize(
    ("unix_time", "expected"),
    [
        (59, "94287082"),
        (1111111109, "07081804"),
        (1111111111, "14050471"),
        (1234567890, "89005924"),
        (2000000000, "69279037"),
        (20000000000, "65353130"),
    ],
)
def test_rfc_6238_sha1_test_vectors(unix_time, expected):
    assert totp.totp(RFC_KEY, unix_time, digits=8) == expected


def test_six_digit_codes_are_the_last_six_digits_of_the_same_number():
    assert totp.totp(RFC_KEY, 59) == "287082"
    assert totp.totp(RFC_KEY, 1111111109) == "081804"  # keeps its leading zero


def test_a_code_matches_its_own_step_and_one_either_side_only():
    secret = base64.b32encode(RFC_KEY).decode()
    assert totp.matching_steps(secret, "287082", 59) == [1]
    assert totp.matching_steps(secret, "287082", 59 + 30) == [1]  # the phone is 30 s behind
    assert totp.matching_steps(secret, "287082", 59 - 30) == [1]  # the phone is 30 s ahead
    assert totp.matching_steps(secret, "287082", 59 + 60) == []
    assert totp.matching_steps(secret, "287083", 59) == []


def test_new_secrets_are_160_random_bits_in_base32():
    first, second = totp.new_secret(), totp.new_secret()
    assert first != second
    assert len(totp.secret_bytes(first)) == 20
    assert totp.grouped("ABCDEFGHIJKL") == "ABCD EFGH IJKL"
    assert totp.secret_bytes(totp.grouped(first)) == totp.secret_bytes(first)


def test_provisioning_uri_is_what_authenticator_apps_read():
    uri = totp.provisioning_uri(secret="JBSWY3DPEHPK3PXP", account="sam@example.org", issuer="Daywell")
    parts = urlsplit(uri)
    assert parts.scheme == "otpauth" and parts.netloc == "totp"
    assert unquote(parts.path) == "/Daywell:sam@example.org"
    query = parse_qs(parts.query)
    assert query == {
        "secret": ["JBSWY3DPEHPK3PXP"],
        "issuer": ["Daywell"],
        "algorithm": ["SHA1"],
        "digits": ["6"],
        "period": ["30"],
    }
