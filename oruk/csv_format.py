"""Daywell's CSV template: one row per opportunity, for bulk upload by providers or the council,
and the same columns for the CSV exports, so an exported file can be uploaded again.

`read_csv` turns each row into an ORUK 3.0 full service (docs/open-referral.md) or a RecordError
naming the row and column, for oruk.importer.import_services. `template_csv` and `column_guide`
are what the open data pages offer to download and read; `opportunity_row` and `directory_csv`
write the exports.

Identifiers are stable: a row's `source_id` (or, without one, its provider's name and title)
always gives the same service id, so uploading a corrected file updates the listings it made
instead of adding them again.
"""

import csv
import datetime
import io
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils import translation
from django.utils.translation import gettext, ngettext, pgettext
from django.utils.translation import gettext_lazy as _

from opportunities.models import AudienceGroup, Cost, Feature, Interest, Opportunity, PaymentRoute, Weekday
from places.models import Ward
from places.postcodes import normalise_postcode
from providers.models import Provider

from .errors import RecordError
from .ids import derived, is_uuid
from .records import attribute, cost_option, fact_attribute, fees_from_options, schedule, term
from .taxonomy import AUDIENCES, FEATURES, INTERESTS, PAYMENT_ROUTES, Taxonomy

logger = logging.getLogger(__name__)

SOURCE = "csv-upload"
WARD_URI = "http://statistics.data.gov.uk/id/statistical-geography/"


@dataclass(frozen=True)
class Column:
    name: str  # the column's name in the file: the standard's, the same in every language
    required: bool
    holds: str  # what it holds, for people (translated)
    example: str  # a value as the file holds it (the template's example row)


COLUMNS = [
    Column("source_id", False, _("Your own reference for the row, such as 'GARDEN-1'. Keep it the same in "
           "later uploads so that they update the listing instead of adding it again. Without it, the "
           "provider's name and the title identify the row."), "GARDEN-1"),
    Column("provider_name", True, _("The name of the organisation or Personal Assistant that runs it."),
           "Moseley Community Growers"),
    Column("provider_kind", False, _("What kind of provider: council service, charity, community group, "
           "social enterprise, private company or Personal Assistant."), "Charity"),
    Column("provider_email", False, _("The provider's email address."), "hello@example.org"),
    Column("provider_phone", False, _("The provider's phone number."), "0121 496 0000"),
    Column("provider_website", False, _("The provider's website, starting https://"), "https://example.org"),
    Column("title", True, _("The name of the activity, up to 200 characters."), "Allotment gardening club"),
    Column("summary", True, _("One or two sentences shown in search results, up to 300 characters."),
           "Grow vegetables and flowers with friendly people at a Moseley allotment."),
    Column("description", True, _("What happens, in as much detail as people need."),
           "We meet every week to plant, weed and harvest. Tea and cake at the end."),
    Column("easy_read_summary", False, _("The listing in Easy Read: short sentences and everyday words."),
           "Come and grow food with us. We have tea and cake."),
    Column("interests", False, _("Kinds of activity, from the list below, separated by semicolons."),
           "Nature and gardening; Socialising and friendship"),
    Column("who_it_is_for", False, _("Groups of people it is for, from the list below, separated by "
           "semicolons. Leave empty if it is for everyone."), "People with a learning disability"),
    Column("access_and_support", False, _("Access and support features, from the list below, separated by "
           "semicolons."), "Step-free access; Accessible toilet"),
    Column("ways_to_pay", False, _("How people can pay, from the list below, separated by semicolons."),
           "Direct payment; Paying for yourself"),
    Column("minimum_age", False, _("The youngest age, as a whole number."), "18"),
    Column("maximum_age", False, _("The oldest age, as a whole number."), ""),
    Column("where", False, _("Where it happens: venue, community, home or online, separated by semicolons. "
           "Empty means at the venue when a venue is given."), "venue"),
    Column("venue_name", False, _("The name of the place it happens."), "Moseley allotments"),
    Column("address_line_1", False, _("The first line of the venue's address (needed with a venue)."),
           "1 Oxford Road"),
    Column("address_line_2", False, _("The second line of the venue's address."), ""),
    Column("town", False, _("The town or city. Empty means Birmingham."), "Birmingham"),
    Column("postcode", False, _("The venue's postcode (needed with a venue)."), "B13 9EH"),
    Column("areas_covered", False, _("For a service that comes to people: the Birmingham wards it covers, "
           "separated by semicolons."), ""),
    Column("times", False, _("Weekly times, separated by semicolons: a day, then the start and end in "
           "24-hour time."), "Monday 10:00-12:00; Wednesday 13:30-15:00"),
    Column("times_by_arrangement", False, _("yes if the times are agreed with each person, otherwise no."),
           "no"),
    Column("free", False, _("yes if it costs nothing, otherwise no."), "no"),
    Column("prices", False, _("Prices in pounds, separated by semicolons: the amount, then a session, an "
           "hour, a day, a week, a month or for the course, then who it is for in brackets if needed."),
           "5.00 a session; 8.00 a session (With 1:1 support)"),
    Column("vacancies", False, _("Whether it is taking new people: yes, waiting list, no or unknown."),
           "yes"),
    Column("how_people_join", False,
           _("self (get in touch yourself), referral (needs a referral) or either."), "either"),
    Column("what_to_do_to_join", False, _("The steps to start going."),
           "Phone or email to book a taster session."),
    Column("contact_name", False, _("Who to ask about it."), "Sam Patel"),
    Column("contact_email", False, _("The email address to ask about it."), "sam@example.org"),
    Column("contact_phone", False, _("The phone number to ask about it."), "0121 496 0001"),
    Column("website", False, _("A web page about the activity, starting https://"), "https://example.org/allotment"),
]  # fmt: skip
COLUMN_NAMES = [column.name for column in COLUMNS]
# Only in council exports; accepted on upload (the uuids keep the same rows), otherwise ignored.
COUNCIL_COLUMNS = ["status", "last_checked_on", "provider_uuid", "listing_uuid", "venue_uuid", "updated_at"]


def is_council_export(text: str) -> bool:
    """Whether a CSV file is the council's own export (only officers can download it): its header
    names the Daywell identifiers, so an upload may update the listings they name."""
    first_line = text.lstrip("\ufeff").split("\n", 1)[0]
    return "listing_uuid" in first_line and "provider_uuid" in first_line


REQUIRED = [column.name for column in COLUMNS if column.required]
LIST_SEPARATOR = ";"
MAX_ROWS = 5000

# The words in a file (kinds of provider, days, units of price, yes and no) are English, whatever
# the language of the pages: a file exported in one language can be uploaded in another.
FILE_LANGUAGE = "en-gb"
YES = {"yes", "y", "true", "1"}
NO = {"no", "n", "false", "0", ""}
with translation.override(FILE_LANGUAGE):
    UNIT_WORDS = {str(label): key for key, label in Cost.Unit.choices} | {
        f"per {key}": key for key, _label in Cost.Unit.choices
    }
    DAYS = {str(label).lower(): value for value, label in Weekday.choices} | {
        str(label)[:3].lower(): value for value, label in Weekday.choices
    }
# re.ASCII: \d is 0-9 only, not every digit Unicode knows ("²", "١").
TIME_RANGE = re.compile(r"^(\d{1,2})[:.](\d{2})\s*(?:-|–|to)\s*(\d{1,2})[:.](\d{2})$", re.ASCII)
PRICE = re.compile(
    r"^£?\s*(?P<amount>\d[\d,]*(?:\.\d{1,2})?)\s+(?P<unit>[a-z ]+?)\s*(?:\((?P<label>[^)]*)\))?$", re.ASCII
)
AGE = re.compile(r"[0-9]{1,3}")
DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r")


def _choice(choices, text: str) -> str | None:
    """A TextChoices key from its key or its label, any case ('waiting list' -> 'waiting_list'). The
    label in English (the file's words, as the exports write them) or in the reader's language."""
    wanted = text.strip().lower().replace("_", " ")
    with translation.override(FILE_LANGUAGE):
        english = {key: str(label).lower() for key, label in choices}
    for key, label in choices:
        if wanted in (key.replace("_", " "), english[key], str(label).lower()):
            return key
    return None


class Vocabulary:
    """The council's lists, read once per file: a name or a slug gives the term."""

    MODELS = {INTERESTS: Interest, AUDIENCES: AudienceGroup, FEATURES: Feature, PAYMENT_ROUTES: PaymentRoute}

    def __init__(self):
        self.terms: dict[Taxonomy, dict[str, tuple[str, str, str]]] = {}
        for taxonomy, model in self.MODELS.items():
            found = {}
            for slug, name, description in model.objects.values_list("slug", "name", "description"):
                found[slug.lower()] = found[name.lower()] = (slug, name, description)
            self.terms[taxonomy] = found
        self.wards = {}
        for code, name in Ward.objects.values_list("code", "name"):
            self.wards[name.lower()] = self.wards[code.lower()] = (code, name)

    def term(self, taxonomy: Taxonomy, text: str):
        return self.terms[taxonomy].get(text.strip().lower())


def _where(name: str, place: str) -> str:
    """A record's label for people: "row 5", or with the file's name, "listings.csv row 5"."""
    if not name:
        return place
    return pgettext("a file's name, then a place in it", "%(name)s %(place)s") % {
        "name": name,
        "place": place,
    }


class _RowProblems:
    def __init__(self, label: str):
        self.label, self.errors = label, []

    def add(self, field: str, reason: str):
        self.errors.append(RecordError(self.label, field, reason))


def _clean(value) -> str:
    text = (value or "").strip()
    # Undo the export's guard against formulas ("'=…" was written for "=…").
    if text[:1] == "'" and text[1:2] in DANGEROUS_START:
        text = text[1:]
    return text


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(LIST_SEPARATOR) if part.strip()]


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def _text_stream(file_obj):
    if isinstance(file_obj, str):
        return io.StringIO(file_obj)
    if isinstance(file_obj, bytes):
        return io.StringIO(file_obj.decode("utf-8-sig"))
    sample = file_obj.read()
    if isinstance(sample, bytes):
        sample = sample.decode("utf-8-sig")
    return io.StringIO(sample)


def read_csv(file_obj, *, name: str = "") -> Iterator[tuple[str, dict | RecordError]]:
    """Each row of a CSV file in Daywell's template as (label "row N", ORUK full service or
    RecordError). N is the row number a spreadsheet shows (the header is row 1). A row with
    several problems gives one RecordError naming each column; a header that is wrong gives one
    error and no rows. Bytes must be UTF-8 (UnicodeDecodeError otherwise); a BOM is fine; the separator may
    be a comma or, as some spreadsheets write it, a semicolon."""
    stream = _text_stream(file_obj)
    text = stream.getvalue().lstrip("\ufeff")
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        label = _where(name, gettext("file"))
        yield label, RecordError(label, "", gettext("The file is empty"))
        return
    except csv.Error as error:
        label = _where(name, gettext("file"))
        yield (
            label,
            RecordError(
                label,
                "",
                gettext("This is not a CSV file Daywell can read (%(error)s)") % {"error": error},
            ),
        )
        return
    columns = [_norm(column).replace(" ", "_") for column in header]
    label = _where(name, gettext("header (row 1)"))
    unknown = [header[i].strip() for i, column in enumerate(columns) if column and column not in COLUMN_NAMES
               and column not in COUNCIL_COLUMNS]  # fmt: skip
    if unknown:
        yield label, RecordError(
            label, ", ".join(unknown),
            ngettext(
                "Unknown column: %(unknown)s. "
                "Use the column names in the template, exactly as they are spelt there",
                "Unknown columns: %(unknown)s. "
                "Use the column names in the template, exactly as they are spelt there",
                len(unknown),
            )
            % {"unknown": ", ".join(unknown)},
        )  # fmt: skip
        return
    missing = [column for column in REQUIRED if column not in columns]
    if missing:
        yield (
            label,
            RecordError(
                label,
                ", ".join(missing),
                ngettext(
                    "The file needs the column %(columns)s",
                    "The file needs the columns %(columns)s",
                    len(missing),
                )
                % {"columns": ", ".join(missing)},
            ),
        )
        return
    duplicated = sorted({column for column in columns if column and columns.count(column) > 1})
    if duplicated:
        yield label, RecordError(label, ", ".join(duplicated), gettext("Each column may appear only once"))
        return
    vocabulary = Vocabulary()
    rows = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            row_label = _where(name, gettext("row %(number)s") % {"number": reader.line_num})
            yield (
                row_label,
                RecordError(row_label, "", gettext("This row cannot be read (%(error)s)") % {"error": error}),
            )
            break
        if not any(cell.strip() for cell in cells):
            continue
        rows += 1
        row_label = _where(name, gettext("row %(number)s") % {"number": reader.line_num})
        if rows > MAX_ROWS:
            yield (
                row_label,
                RecordError(
                    row_label,
                    "",
                    gettext("A file can hold at most %(MAX_ROWS)s rows") % {"MAX_ROWS": MAX_ROWS},
                ),
            )
            break
        if len(cells) > len(columns) and any(cell.strip() for cell in cells[len(columns) :]):
            yield (
                row_label,
                RecordError(row_label, "", gettext("This row has more cells than the header has columns")),
            )
            continue
        row = {
            column: _clean(cells[i]) if i < len(cells) else "" for i, column in enumerate(columns) if column
        }
        try:
            service, problems = _service(row, row_label, vocabulary)
        except Exception:
            # Only the label: the row may hold people's contact details.
            logger.exception("CSV %s could not be read", row_label)
            yield (
                row_label,
                RecordError(
                    row_label, "", gettext("This row could not be read. Check it against the template")
                ),
            )
            continue
        yield row_label, _one_error(row_label, problems) if problems else service


def _one_error(label: str, problems: list[RecordError]) -> RecordError:
    """A row is one record, however many problems it has: one error naming every column."""
    if len(problems) == 1:
        return problems[0]
    columns = list(dict.fromkeys(problem.field for problem in problems))
    return RecordError(label, ", ".join(columns), "; ".join(f"{p.field}: {p.reason}" for p in problems))


def _service(row: dict, label: str, vocabulary: Vocabulary) -> tuple[dict | None, list[RecordError]]:
    p = _RowProblems(label)
    get = row.get

    def required(column: str, limit: int) -> str:
        value = get(column, "")
        if not value:
            p.add(column, gettext("Enter the %(value)s") % {"value": column.replace("_", " ")})
        elif len(value) > limit:
            p.add(
                column,
                gettext("The %(value)s must be %(limit)s characters or fewer")
                % {"value": column.replace("_", " "), "limit": limit},
            )
        return value

    def limited(column: str, limit: int) -> str:
        value = get(column, "")
        if len(value) > limit:
            p.add(
                column,
                gettext("The %(value)s must be %(limit)s characters or fewer")
                % {"value": column.replace("_", " "), "limit": limit},
            )
        return value

    provider_name = required("provider_name", 200)
    title = required("title", 200)
    summary = required("summary", 300)
    description = required("description", 20000)

    source_id = limited("source_id", 200)
    if is_uuid(get("listing_uuid", "")):
        service_id = str(get("listing_uuid")).lower()
    elif source_id:
        service_id = source_id.lower() if is_uuid(source_id) else derived("csv-service", source_id)
    else:
        service_id = derived("csv-service", _norm(provider_name), _norm(title))
    org_id = (
        get("provider_uuid").lower()
        if is_uuid(get("provider_uuid", ""))
        else derived("csv-provider", _norm(provider_name))
    )

    organization = {"id": org_id, "name": provider_name, "description": ""}
    org_attributes = []
    if kind_text := get("provider_kind", ""):
        kind = _choice(Provider.Kind.choices, kind_text)
        if kind is None:
            p.add(
                "provider_kind",
                gettext("'%(text)s' is not a kind of provider: use one of %(kinds)s")
                % {
                    "text": kind_text,
                    "kinds": ", ".join(str(label).lower() for _key, label in Provider.Kind.choices),
                },
            )
        else:
            org_attributes.append(fact_attribute(org_id, f"provider-kind-{kind.replace('_', '-')}"))
    if email := _email(p, "provider_email", get("provider_email", "")):
        organization["email"] = email
    if phone := limited("provider_phone", 40):
        org_attributes.append(fact_attribute(org_id, "provider-phone", phone))
    if website := _url(p, "provider_website", get("provider_website", "")):
        organization["website"] = website
    if org_attributes:
        organization["attributes"] = org_attributes

    service = {
        "id": service_id,
        "name": title,
        "description": description,
        "status": "active",
        "organization_id": org_id,
        "organization": organization,
    }
    attributes = [fact_attribute(service_id, "summary", summary)]
    if easy_read := get("easy_read_summary", ""):
        attributes.append(fact_attribute(service_id, "easy-read-summary", easy_read))

    for column, taxonomy, unknown in (
        (
            "interests",
            INTERESTS,
            gettext("'%(text)s' is not one of Daywell's interests. Use the names in the column guide"),
        ),
        (
            "who_it_is_for",
            AUDIENCES,
            gettext(
                "'%(text)s' is not one of Daywell's groups in 'who it is for'. "
                "Use the names in the column guide"
            ),
        ),
        (
            "access_and_support",
            FEATURES,
            gettext(
                "'%(text)s' is not one of Daywell's access and support features. "
                "Use the names in the column guide"
            ),
        ),
        (
            "ways_to_pay",
            PAYMENT_ROUTES,
            gettext("'%(text)s' is not one of Daywell's ways to pay. Use the names in the column guide"),
        ),
    ):
        seen = set()
        for text in _split(get(column, "")):
            found = vocabulary.term(taxonomy, text)
            if found is None:
                p.add(column, unknown % {"text": text})
            elif found[0] not in seen:
                seen.add(found[0])
                slug, term_name, term_description = found
                attributes.append(
                    attribute(
                        service_id,
                        term(taxonomy.key, taxonomy.id, taxonomy.term_id(slug), term_name, term_description),
                    )
                )

    ages = {}
    for column in ("minimum_age", "maximum_age"):
        value = get(column, "")
        if value:
            # Not str.isdigit(): "²" is a digit to it, but not to int().
            if not AGE.fullmatch(value) or int(value) > 130:
                p.add(
                    column,
                    gettext("The %(value)s must be a whole number between 0 and 130")
                    % {"value": column.replace("_", " ")},
                )
            else:
                ages[column] = int(value)
    if len(ages) == 2 and ages["minimum_age"] > ages["maximum_age"]:
        p.add("maximum_age", gettext("The maximum age must be the same as or more than the minimum age"))
    service.update(ages)

    # Where, and the venue
    venue_columns = ("venue_name", "address_line_1", "address_line_2", "postcode")
    has_venue = any(get(column, "") for column in venue_columns)
    delivery = []
    for text in _split(get("where", "")):
        mode = _choice(Opportunity.Delivery.choices, text)
        if mode is None:
            p.add(
                "where",
                gettext("'%(text)s' is not a place it can happen: use venue, community, home or online")
                % {"text": text},
            )
        elif mode not in delivery:
            delivery.append(mode)
    if has_venue and not delivery:
        delivery = ["venue"]
    if "venue" in delivery and not has_venue:
        p.add("venue_name", gettext("Enter the venue's name, address and postcode, or change 'where'"))
    attributes += [fact_attribute(service_id, f"delivery-{mode}") for mode in delivery]
    if has_venue:
        service["service_at_locations"] = _venue(p, row, org_id, service_id)

    areas = []
    for text in _split(get("areas_covered", "")):
        ward = vocabulary.wards.get(text.lower())
        if ward is None:
            p.add(
                "areas_covered",
                gettext("'%(text)s' is not a Birmingham ward. Use ward names like Moseley or Aston")
                % {"text": text},
            )
        elif ward[0] not in {a["uri"].rsplit("/", 1)[1] for a in areas}:
            areas.append(
                {
                    "id": derived("area", service_id, ward[0]),
                    "service_id": service_id,
                    "name": ward[1],
                    "uri": WARD_URI + ward[0],
                }
            )
    if areas:
        service["service_areas"] = areas

    service["schedules"] = _times(p, get("times", ""), service_id)
    if _yes_no(p, "times_by_arrangement", get("times_by_arrangement", "")):
        attributes.append(fact_attribute(service_id, "times-by-arrangement"))

    is_free = _yes_no(p, "free", get("free", ""))
    costs = _prices(p, get("prices", ""), service_id)
    if is_free and costs:
        p.add("prices", gettext("Leave the prices empty when 'free' is yes"))
    service["cost_options"] = costs
    if is_free:
        attributes.append(fact_attribute(service_id, "free"))
        service["fees"] = "Free"
    elif costs:
        service["fees"] = fees_from_options(costs)

    if vacancies_text := get("vacancies", ""):
        vacancies = _choice(Opportunity.Vacancies.choices, vacancies_text)
        if vacancies is None:
            p.add(
                "vacancies",
                gettext("'%(vacancies_text)s' is not allowed: use yes, waiting list, no or unknown")
                % {"vacancies_text": vacancies_text},
            )
        else:
            attributes.append(fact_attribute(service_id, f"vacancies-{vacancies.replace('_', '-')}"))
    if joining_text := get("how_people_join", ""):
        joining = _choice(Opportunity.Joining.choices, joining_text)
        if joining is None:
            p.add(
                "how_people_join",
                gettext("'%(joining_text)s' is not allowed: use self, referral or either")
                % {"joining_text": joining_text},
            )
        else:
            attributes.append(fact_attribute(service_id, f"joining-{joining}"))
    if how := get("what_to_do_to_join", ""):
        attributes.append(fact_attribute(service_id, "how-to-join", how))

    if contact_name := limited("contact_name", 150):
        service["contacts"] = [
            {"id": derived("contact", service_id), "service_id": service_id, "name": contact_name}
        ]
    if email := _email(p, "contact_email", get("contact_email", "")):
        service["email"] = email
    if phone := limited("contact_phone", 40):
        attributes.append(fact_attribute(service_id, "contact-phone", phone))
    if website := _url(p, "website", get("website", "")):
        service["url"] = website
    service["attributes"] = attributes
    return (None, p.errors) if p.errors else (service, [])


def _email(p: _RowProblems, column: str, value: str) -> str:
    if not value:
        return ""
    try:
        EmailValidator()(value)
    except ValidationError:
        p.add(
            column, gettext("'%(value)s' is not an email address, like name@example.org") % {"value": value}
        )
        return ""
    return value


def _url(p: _RowProblems, column: str, value: str) -> str:
    if not value:
        return ""
    if value.lower().startswith("www."):
        value = "https://" + value
    try:
        URLValidator(schemes=["http", "https"])(value)
    except ValidationError:
        p.add(
            column, gettext("'%(value)s' is not a web address, like https://example.org") % {"value": value}
        )
        return ""
    return value


def _yes_no(p: _RowProblems, column: str, value: str) -> bool:
    value = value.strip().lower()
    if value in YES:
        return True
    if value not in NO:
        p.add(column, gettext("'%(value)s' is not yes or no") % {"value": value})
    return False


def _venue(p: _RowProblems, row: dict, org_id: str, service_id: str) -> list:
    line_1, postcode_text = row.get("address_line_1", ""), row.get("postcode", "")
    venue_name = row.get("venue_name", "") or line_1
    if not line_1:
        p.add("address_line_1", gettext("Enter the first line of the venue's address"))
    postcode = normalise_postcode(postcode_text) if postcode_text else None
    if not postcode_text:
        p.add("postcode", gettext("Enter the venue's postcode"))
    elif postcode is None:
        p.add(
            "postcode",
            gettext("'%(postcode_text)s' is not a full UK postcode, like B13 8JP")
            % {"postcode_text": postcode_text},
        )
    for column, limit in (
        ("venue_name", 200),
        ("address_line_1", 200),
        ("address_line_2", 200),
        ("town", 100),
    ):
        if len(row.get(column, "")) > limit:
            p.add(
                column,
                gettext("The %(value)s must be %(limit)s characters or fewer")
                % {"value": column.replace("_", " "), "limit": limit},
            )
    venue_uuid = row.get("venue_uuid", "")
    location_id = (
        venue_uuid.lower()
        if is_uuid(venue_uuid)
        else derived("csv-venue", org_id, _norm(venue_name), (postcode or "").replace(" ", ""))
    )
    location = {
        "id": location_id,
        "location_type": "physical",
        "name": venue_name,
        "addresses": [
            {
                "id": derived("address", location_id),
                "location_id": location_id,
                "address_1": line_1,
                "city": row.get("town", "") or "Birmingham",
                "state_province": "West Midlands",
                "postal_code": postcode or "",
                "country": "GB",
                "address_type": "physical",
            }
        ],
    }
    if line_2 := row.get("address_line_2", ""):
        location["attributes"] = [fact_attribute(location_id, "address-line-2", line_2)]
    return [
        {
            "id": derived("service-at-location", service_id, location_id),
            "service_id": service_id,
            "location_id": location_id,
            "location": location,
        }
    ]


def _times(p: _RowProblems, value: str, service_id: str) -> list:
    schedules, seen = [], set()
    for part in _split(value):
        day_text, _, rest = part.partition(" ")
        weekday = DAYS.get(day_text.strip().lower().rstrip("s").rstrip(",")) if day_text else None
        if weekday is None:
            weekday = DAYS.get(day_text.strip().lower().rstrip(","))
        match = TIME_RANGE.match(rest.strip())
        if weekday is None or not match:
            p.add(
                "times",
                gettext("'%(part)s' is not a day and times like 'Monday 10:00-12:00'") % {"part": part},
            )
            continue
        h1, m1, h2, m2 = (int(group) for group in match.groups())
        if h1 > 23 or h2 > 23 or m1 > 59 or m2 > 59:
            p.add(
                "times",
                gettext("'%(part)s' has a time that does not exist: use 24-hour times like 13:30")
                % {"part": part},
            )
            continue
        opens, closes = f"{h1:02d}:{m1:02d}", f"{h2:02d}:{m2:02d}"
        if closes <= opens:
            p.add("times", gettext("'%(part)s' ends before it starts") % {"part": part})
            continue
        if (weekday, opens, closes) not in seen:
            seen.add((weekday, opens, closes))
            schedules.append(schedule(service_id, weekday, opens, closes))
    return schedules


def _prices(p: _RowProblems, value: str, service_id: str) -> list:
    costs, seen = [], set()
    for part in _split(value):
        match = PRICE.match(part.strip())
        unit = UNIT_WORDS.get(" ".join(match["unit"].split()).lower()) if match else None
        if not match or unit is None:
            p.add(
                "prices",
                gettext(
                    "'%(part)s' is not a price like '5.00 a session' or '8.00 an hour (With 1:1 support)'"
                )
                % {"part": part},
            )
            continue
        try:
            amount = Decimal(match["amount"].replace(",", ""))
        except InvalidOperation:
            amount = None
        if amount is None or not amount.is_finite():
            p.add("prices", gettext("'%(part)s' is not an amount of money") % {"part": part})
            continue
        # Checked before rounding: rounding a very long number fails.
        if amount >= Decimal("1000000"):
            p.add("prices", gettext("'%(part)s' is more than Daywell can hold (999,999.99)") % {"part": part})
            continue
        amount = amount.quantize(Decimal("0.01"))
        label = (match["label"] or "").strip()[:100]
        if (amount, unit, label) not in seen:
            seen.add((amount, unit, label))
            costs.append(cost_option(service_id, amount, unit, label))
    return costs


# --- The template and its guide --------------------------------------------------------------------
def template_csv() -> str:
    """The header and one example row."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMN_NAMES)
    writer.writerow([column.example for column in COLUMNS])
    return out.getvalue()


def column_guide() -> list[dict]:
    """Each column for the guide page: name, required, what it holds, an example and, for the
    columns that take names from the council's lists, the names allowed."""
    allowed = {
        "interests": list(Interest.objects.values_list("name", flat=True)),
        "who_it_is_for": list(AudienceGroup.objects.values_list("name", flat=True)),
        "access_and_support": list(Feature.objects.values_list("name", flat=True)),
        "ways_to_pay": list(PaymentRoute.objects.values_list("name", flat=True)),
        "areas_covered": list(Ward.objects.values_list("name", flat=True)),
        "provider_kind": [str(label) for _, label in Provider.Kind.choices],
        "vacancies": ["yes", "waiting list", "no", "unknown"],
        "how_people_join": ["self", "referral", "either"],
        "where": ["venue", "community", "home", "online"],
        "times_by_arrangement": ["yes", "no"],
        "free": ["yes", "no"],
    }
    return [
        {
            "name": column.name,
            "required": column.required,
            "holds": column.holds,
            "example": column.example,
            "allowed": allowed.get(column.name, []),
        }
        for column in COLUMNS
    ]


# --- Exports ----------------------------------------------------------------------------------------
def export_queryset(queryset):
    return queryset.select_related("provider").prefetch_related(
        "interests", "audiences", "features", "payment_routes", "venues", "areas", "sessions", "costs"
    )


def _guard(value) -> str:
    """A cell a spreadsheet would run as a formula starts with a quote instead."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(DANGEROUS_START) else text


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def opportunity_row(opportunity: Opportunity, *, council: bool = False) -> dict:
    """One listing as a row of the template (and, for council officers, its status and ids), in the
    file's words (English) whatever the reader's language, so that it can be uploaded again."""
    with translation.override(FILE_LANGUAGE):
        return _opportunity_row(opportunity, council=council)


def _opportunity_row(opportunity: Opportunity, *, council: bool) -> dict:
    o = opportunity
    provider = o.provider
    venues = list(o.venues.all())
    venue = venues[0] if venues else None
    row = {
        "source_id": str(o.uuid),
        "provider_name": provider.name if provider else "",
        "provider_kind": provider.get_kind_display() if provider else "",
        "provider_email": provider.email if provider else "",
        "provider_phone": provider.phone if provider else "",
        "provider_website": provider.website if provider else "",
        "title": o.title,
        "summary": o.summary,
        "description": o.description,
        "easy_read_summary": o.easy_read_summary,
        "interests": "; ".join(term.name for term in o.interests.all()),
        "who_it_is_for": "; ".join(term.name for term in o.audiences.all()),
        "access_and_support": "; ".join(term.name for term in o.features.all()),
        "ways_to_pay": "; ".join(term.name for term in o.payment_routes.all()),
        "minimum_age": "" if o.min_age is None else o.min_age,
        "maximum_age": "" if o.max_age is None else o.max_age,
        "where": "; ".join(o.delivery),
        "venue_name": venue.name if venue else "",
        "address_line_1": venue.address_line_1 if venue else "",
        "address_line_2": venue.address_line_2 if venue else "",
        "town": venue.town if venue else "",
        "postcode": venue.postcode if venue else "",
        "areas_covered": "; ".join(ward.name for ward in o.areas.all()),
        "times": "; ".join(
            f"{session.get_weekday_display()} {session.start:%H:%M}-{session.end:%H:%M}"
            for session in o.sessions.all()
        ),
        "times_by_arrangement": _yes(o.by_arrangement),
        "free": _yes(o.is_free),
        "prices": "; ".join(
            f"{cost.amount:.2f} {cost.get_unit_display()}" + (f" ({cost.label})" if cost.label else "")
            for cost in o.costs.all()
        ),
        "vacancies": {"yes": "yes", "waiting_list": "waiting list", "no": "no"}.get(o.vacancies, "unknown"),
        "how_people_join": o.joining,
        "what_to_do_to_join": o.how_to_join,
        "contact_name": o.contact_name,
        "contact_email": o.contact_email,
        "contact_phone": o.contact_phone,
        "website": o.website,
    }
    if council:
        row.update(
            status=o.status,
            last_checked_on=o.last_checked_on.isoformat() if o.last_checked_on else "",
            provider_uuid=str(provider.uuid) if provider else "",
            listing_uuid=str(o.uuid),
            venue_uuid=str(venue.uuid) if venue else "",
            updated_at=o.updated_at.isoformat() if o.updated_at else "",
        )
    return {key: _guard(value) for key, value in row.items()}


def directory_csv(queryset: Iterable[Opportunity], *, council: bool = False, out) -> int:
    """Write the listings to `out` (a text file) in the template's columns; returns the count."""
    columns = COLUMN_NAMES + (COUNCIL_COLUMNS if council else [])
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    count = 0
    rows = export_queryset(queryset) if hasattr(queryset, "prefetch_related") else queryset
    for opportunity in rows.iterator(chunk_size=500) if hasattr(rows, "iterator") else rows:
        writer.writerow(opportunity_row(opportunity, council=council))
        count += 1
    return count


def export_filename(stem: str) -> str:
    return f"{stem}-{datetime.date.today():%Y-%m-%d}.csv"
