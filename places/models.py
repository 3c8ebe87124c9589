from django.db import models
from django.utils.translation import gettext_lazy as _


class Constituency(models.Model):
    """A UK parliamentary constituency (2024 boundaries) covering part of Birmingham."""

    code = models.CharField(max_length=9, unique=True)
    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = _("constituencies")

    def __str__(self):
        return self.name

    @property
    def short_name(self) -> str:
        return self.name.removeprefix("Birmingham ")


class Ward(models.Model):
    """One of Birmingham's 69 wards (2018 boundaries)."""

    code = models.CharField(max_length=9, unique=True)
    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, unique=True)
    constituency = models.ForeignKey(Constituency, on_delete=models.PROTECT, related_name="wards")
    latitude = models.FloatField()
    longitude = models.FloatField()
    area_km2 = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Postcode(models.Model):
    """A Birmingham postcode with its centroid and ward (ONS postcode directory)."""

    postcode = models.CharField(max_length=8, primary_key=True)  # 'B13 8JP'
    outcode = models.CharField(max_length=4, db_index=True)
    latitude = models.FloatField()
    longitude = models.FloatField()
    ward = models.ForeignKey(Ward, null=True, blank=True, on_delete=models.SET_NULL)

    def __str__(self):
        return self.postcode


class Outcode(models.Model):
    """The centre of a postcode district, the fallback for postcodes outside Birmingham."""

    outcode = models.CharField(max_length=4, primary_key=True)
    latitude = models.FloatField()
    longitude = models.FloatField()

    def __str__(self):
        return self.outcode
