from django.conf import settings

# The parts of the site that make up the council workspace, for the header's "Council workspace" tab.
COUNCIL_APPS = (
    "council",
    "council_data",
    "council_checks",
    "council_concerns",
    "insight",
    "council_guidance",
)


def service(request):
    return {
        "SERVICE_NAME": settings.SERVICE_NAME,
        "COUNCIL_NAME": settings.COUNCIL_NAME,
        "PHASE": settings.PHASE,
        "COUNCIL_APPS": COUNCIL_APPS,
    }
