"""What an adapter or the importer says about a record it cannot take."""

from dataclasses import dataclass


@dataclass(frozen=True)
class RecordError:
    """One bad record: which record, which field, why (in plain words). The record is skipped;
    the rest of the import goes on."""

    record: str  # "row 5", "services.json item 3 (id 6f1c…)", "service 'Art club'"
    field: str  # "postcode", "schedules[0].opens_at"; "" for the record as a whole
    reason: str  # "Enter a real postcode, like B13 8JP"

    def __str__(self):
        where = f"{self.record}, {self.field}" if self.field else self.record
        return f"{where}: {self.reason}"
