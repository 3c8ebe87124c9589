from django.http import Http404


def _todo(*args, **kwargs):  # placeholder while this module is written
    raise Http404


join_request_list = _todo
join_request_review = _todo
provider_invite = _todo
