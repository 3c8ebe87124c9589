"""The council's reference lists. Slugs are a public contract: search links use them."""

# (slug, name, description)
INTERESTS = [
    ("work", "Work", "Paid jobs, work experience and help to find work."),
    ("volunteering", "Volunteering", "Giving your time to help others or your community."),
    ("learning", "Learning and skills", "Courses and classes to learn something new."),
    ("independent-living", "Independent living skills", "Cooking, money, travel and looking after a home."),
    ("sport", "Sport and fitness", "Sports, exercise, swimming, walking and dance."),
    ("arts-crafts", "Arts and crafts", "Painting, drawing, pottery, sewing and making things."),
    ("music-drama", "Music and drama", "Singing, playing music, acting and performing."),
    ("nature-gardening", "Nature and gardening", "Gardens, allotments, parks and the outdoors."),
    ("cooking-food", "Cooking and food", "Cooking, baking and eating together."),
    ("socialising", "Socialising and friendship", "Meeting people, making friends and having fun."),
    ("health-wellbeing", "Health and wellbeing", "Keeping well in body and mind."),
    ("faith-culture", "Faith and culture", "Faith groups, culture and heritage."),
    ("technology", "Technology", "Computers, phones, tablets and staying safe online."),
    ("days-out", "Trips and days out", "Visits, outings and holidays."),
    ("animals", "Animals", "Caring for and being around animals."),
    ("games", "Games and hobbies", "Board games, quizzes, clubs and hobbies."),
]

# (slug, name, category, description)
FEATURES = [
    ("step-free", "Step-free access", "access", "You can get in and around without steps."),
    ("accessible-toilet", "Accessible toilet", "access", "A toilet for disabled people."),
    (
        "changing-places",
        "Changing Places toilet",
        "access",
        "A bigger accessible toilet with a hoist and an adult changing bench.",
    ),
    ("hoist", "Hoist", "access", "Equipment to help lift and move a person safely."),
    ("quiet-space", "Quiet space", "access", "A calm room to take a break."),
    ("sensory-room", "Sensory room", "access", "A room with lights, sounds and things to touch."),
    ("hearing-loop", "Hearing loop", "communication", "Helps people who use hearing aids."),
    ("bsl", "British Sign Language (BSL)", "communication", "Staff or interpreters who sign in BSL."),
    ("makaton", "Makaton", "communication", "Staff who use Makaton signs and symbols."),
    ("easy-read", "Easy Read information", "communication", "Information in Easy Read."),
    ("autism-friendly", "Autism-friendly", "support", "Staff trained to support autistic people."),
    ("dementia-friendly", "Dementia-friendly", "support", "Staff trained to support people with dementia."),
    ("personal-care", "Personal care", "support", "Help with going to the toilet, eating or drinking."),
    ("one-to-one", "1:1 support", "support", "One member of staff just for you, if you need it."),
    ("medication-support", "Medication support", "support", "Staff can help you take your medicine."),
    (
        "pbs-trained",
        "Positive behaviour support",
        "support",
        "Staff trained in positive behaviour support (PBS).",
    ),
    ("transport-provided", "Transport provided", "travel", "The provider can pick you up and take you home."),
    ("parking", "Parking", "travel", "Parking at or near the venue, with disabled spaces."),
    (
        "public-transport",
        "Near accessible public transport",
        "travel",
        "A step-free bus stop, tram stop or station close by.",
    ),
]

AUDIENCES = [
    ("learning-disability", "People with a learning disability", ""),
    ("autism", "Autistic people", ""),
    ("older-people", "Older people", ""),
    ("dementia", "People living with dementia", ""),
    ("mental-health", "People with mental health needs", ""),
    ("physical-disability", "People with a physical disability", ""),
    ("sensory-impairment", "People who are blind, deaf or have sight or hearing loss", ""),
    ("young-adults", "Young adults moving on from school or college (18 to 25)", ""),
    ("carers", "Carers", ""),
]

PAYMENT_ROUTES = [
    (
        "direct-payment",
        "Direct payment",
        "Money from the council that you choose how to spend on your support.",
    ),
    (
        "personal-budget",
        "Personal budget or individual service fund",
        "The council or a provider manages your budget for you.",
    ),
    ("self-funded", "Paying for yourself", "You pay with your own money."),
    ("council-arranged", "Arranged by the council", "Your social worker arranges and pays for it."),
]
