from django.http import Http404


def _todo(*args, **kwargs):  # placeholder while this module is written
    raise Http404


provider_list = _todo
provider_detail = _todo
provider_update = _todo
venue_create = _todo
venue_update = _todo
listing_create = _todo
listing = _todo
listing_section = _todo
listing_check = _todo
listing_discard = _todo
listing_vacancies = _todo
listing_closure = _todo
listing_confirm = _todo
listing_history = _todo
listing_photo = _todo
report_resolve = _todo
