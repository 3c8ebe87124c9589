from django.apps import AppConfig


class DaywellConfig(AppConfig):
    """Site-wide pieces: the start-up command, demo data, the page shell."""

    name = "daywell"
    verbose_name = "Daywell"
