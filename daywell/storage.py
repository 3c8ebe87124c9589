from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """Hashed, compressed static files for production.

    GOV.UK Frontend's CSS names the GOV.UK crest (for the Crown copyright footer logo), which a
    council service must not show, so we do not ship it; URLs inside CSS are therefore left as
    written instead of being rewritten to hashed names (our own CSS refers to no other files).
    """

    patterns = ()
