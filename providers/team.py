from django.http import Http404


def _todo(*args, **kwargs):  # placeholder while this module is written
    raise Http404


join_request_create = _todo
join_request_sent = _todo
invitation_accept = _todo
team = _todo
team_invite = _todo
team_remove = _todo
