from django.apps import AppConfig


class OrukConfig(AppConfig):
    name = "oruk"
    verbose_name = "Open Referral UK"
