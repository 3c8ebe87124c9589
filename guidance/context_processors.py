EASY_READ_COOKIE = "daywell_easy_read"


def easy_read(request):
    """EASY_READ in every template: the reader switched Easy Read on (a cookie, see the cookies page)."""
    return {"EASY_READ": request.COOKIES.get(EASY_READ_COOKIE) == "1"}
