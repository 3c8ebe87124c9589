from django.http import Http404


def _todo(*args, **kwargs):  # placeholder while this module is written
    raise Http404


review_queue = _todo
change_review = _todo
report_list = _todo
report_resolve = _todo
listing_history = _todo
