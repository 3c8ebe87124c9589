from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from . import markup


class GuidancePageQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True)


class GuidancePage(models.Model):
    """An information page, written in Daywell text (guidance/markup.py), with an optional Easy Read
    version. Officers edit it in the council workspace; every save keeps a GuidanceRevision."""

    class Audience(models.TextChoices):
        PEOPLE = "people", _("For people and carers")
        PROVIDERS = "providers", _("For providers")

    slug = models.SlugField(max_length=80, unique=True)
    title = models.CharField(max_length=150)
    summary = models.CharField(
        max_length=300, help_text=_("One sentence, shown in lists and as the page's description.")
    )
    audience = models.CharField(max_length=20, choices=Audience.choices, default=Audience.PEOPLE)
    position = models.PositiveSmallIntegerField(default=0)
    body = models.TextField()
    easy_read_title = models.CharField(max_length=150, blank=True)
    easy_read_body = models.TextField(blank=True)
    published = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Goes up with every save, so that two officers editing at once cannot overwrite each other.
    content_revision = models.PositiveIntegerField(default=0)
    # Still the text that ships with Daywell (guidance/content.py): no officer has saved the page, so a
    # corrected shipped text may replace it. An officer's save turns it off for good.
    as_shipped = models.BooleanField(default=True)

    objects = GuidancePageQuerySet.as_manager()

    class Meta:
        ordering = ["audience", "position", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("guidance:page", kwargs={"slug": self.slug})

    @property
    def has_easy_read(self) -> bool:
        return bool(self.easy_read_body.strip())

    def body_html(self):
        return markup.render(self.body)

    def easy_read_html(self):
        return markup.render(self.easy_read_body, easy_read=True)


class GuidanceRevision(models.Model):
    """One saved version of a page, so an edit never loses what was there before."""

    page = models.ForeignKey(GuidancePage, on_delete=models.CASCADE, related_name="revisions")
    title = models.CharField(max_length=150)
    summary = models.CharField(max_length=300)
    body = models.TextField()
    easy_read_title = models.CharField(max_length=150, blank=True)
    easy_read_body = models.TextField(blank=True)
    published = models.BooleanField(default=True)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    saved_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-saved_at", "-pk"]

    def __str__(self):
        return f"{self.title} ({self.saved_at:%d %b %Y %H:%M})"
