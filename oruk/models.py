"""What the importer remembers about other directories' records (oruk.importer)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SourceRecord(models.Model):
    """One record of an outside feed (a service, organization or location) and the Daywell row
    made from it. The digest of the record as last imported makes a second import of the same
    feed change nothing, and a newer version update only what changed."""

    class Kind(models.TextChoices):
        SERVICE = "service", _("Service")
        ORGANIZATION = "organization", _("Organization")
        LOCATION = "location", _("Location")

    source = models.CharField(max_length=100, help_text=_("Which feed, for example 'bucks-outpost'."))
    kind = models.CharField(max_length=12, choices=Kind.choices)
    source_id = models.CharField(max_length=200)
    digest = models.CharField(max_length=64)
    opportunity = models.ForeignKey(
        "opportunities.Opportunity", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    provider = models.ForeignKey(
        "providers.Provider", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    venue = models.ForeignKey(
        "providers.Venue", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # Problems a council officer should look at, in words ("Location unknown: no postcode and
    # no coordinates").
    flags = models.JSONField(default=list, blank=True)
    first_imported_at = models.DateTimeField(auto_now_add=True)
    last_imported_at = models.DateTimeField()

    class Meta:
        ordering = ["source", "kind", "source_id"]
        constraints = [
            models.UniqueConstraint(fields=["source", "kind", "source_id"], name="one_record_per_source_id"),
            models.CheckConstraint(
                condition=models.Q(kind__in=["service", "organization", "location"]),
                name="source_record_kind_known",
            ),
        ]

    def __str__(self):
        return f"{self.source} {self.kind} {self.source_id}"


class SourceTag(models.Model):
    """A taxonomy term from another directory that has no Daywell term yet. A council officer
    maps it to an interest, a group or a feature; until then it is kept on the listings."""

    taxonomy = models.CharField(max_length=200, blank=True)
    term_id = models.CharField(max_length=200, blank=True)
    name = models.CharField(max_length=200)
    opportunities = models.ManyToManyField(
        "opportunities.Opportunity", blank=True, related_name="source_tags"
    )
    interest = models.ForeignKey(
        "opportunities.Interest", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    audience = models.ForeignKey(
        "opportunities.AudienceGroup", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    feature = models.ForeignKey(
        "opportunities.Feature", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    ignored = models.BooleanField(default=False, help_text=_("Looked at: no Daywell term fits."))
    mapped_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    mapped_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["taxonomy", "term_id", "name"], name="one_source_tag_per_term"),
        ]

    def __str__(self):
        return f"{self.name} ({self.taxonomy})" if self.taxonomy else self.name

    @property
    def is_mapped(self) -> bool:
        return bool(self.interest_id or self.audience_id or self.feature_id or self.ignored)
