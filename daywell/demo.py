"""Demo data: placeholder until the generator lands."""

from dataclasses import dataclass


@dataclass(frozen=True)
class DemoAccount:
    email: str
    password: str
    role: str
    role_label: str
    full_name: str


DEMO_ACCOUNTS: list[DemoAccount] = []
