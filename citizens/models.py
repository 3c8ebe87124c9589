# CitizenProfile and who may act for a person arrive with the citizen profiles issue.
