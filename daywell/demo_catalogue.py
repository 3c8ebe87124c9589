"""The demo's catalogue: invented activities, organisations and places to draw from.

Only the five council day centres are real names; everything else is made up. `daywell.demo`
turns this catalogue into rows.
"""

from __future__ import annotations

from dataclasses import dataclass

from providers.models import Provider

# --- Activities: what opportunities are about ---------------------------------------------------
# Provider kinds, in short: C council, H charity, M community or faith group, S social enterprise,
# P private company, A Personal Assistant.
KIND_CODES = {
    "C": Provider.Kind.COUNCIL,
    "H": Provider.Kind.CHARITY,
    "M": Provider.Kind.COMMUNITY,
    "S": Provider.Kind.SOCIAL_ENTERPRISE,
    "P": Provider.Kind.PRIVATE,
    "A": Provider.Kind.PERSONAL_ASSISTANT,
}


@dataclass(frozen=True)
class Activity:
    key: str
    title: str
    summary: str
    description: str
    easy_read: str
    interests: tuple[str, ...]
    audiences: tuple[str, ...]
    features: tuple[str, ...]
    delivery: tuple[str, ...]
    kinds: str
    times: str  # centre, day, morning, afternoon, evening, weekend, arranged
    price: str  # free, low, session, day, hour
    joining: str = "either"
    ages: tuple[int | None, int | None] = (18, None)


LD = "learning-disability"
A = Activity
ACTIVITIES: list[Activity] = [
    # Council day centres
    A(
        "day-service",
        "Day service",
        "A full day with activities, lunch and care. For adults with a learning disability, "
        "autism or a physical disability.",
        "Come for the whole day. We plan activities with you. You can do art, music, cooking and "
        "games. We go out into the community too.\n\nStaff can help with personal care, eating "
        "and taking medicine. We have a Changing Places toilet and a sensory room.",
        "A day at the centre.\nYou can do art, music and cooking.\nYou have lunch with friends.\n"
        "Staff help you if you need it.",
        ("socialising", "arts-crafts", "music-drama"),
        (LD, "autism", "physical-disability"),
        ("personal-care", "medication-support", "changing-places", "hoist", "one-to-one"),
        ("venue", "community"),
        "C",
        "centre",
        "day",
        "referral",
    ),
    A(
        "sensory",
        "Sensory sessions",
        "Calm sessions in our sensory room with lights, sounds and things to touch.",
        "Our sensory room is calm and quiet. There are bubble tubes, soft lights, music and "
        "things to touch. Staff stay with you the whole time.\n\nSessions suit people with "
        "profound and multiple learning disabilities, and autistic people who like a calm space.",
        "A calm room.\nLights, music and things to touch.\nStaff stay with you.",
        ("health-wellbeing",),
        (LD, "autism"),
        ("sensory-room", "quiet-space", "one-to-one", "hoist"),
        ("venue",),
        "CHP",
        "morning",
        "session",
        "either",
    ),
    A(
        "gardening-project",
        "Gardening project",
        "Grow fruit, vegetables and flowers in our garden. Raised beds mean you can garden "
        "from a wheelchair.",
        "We grow vegetables, fruit and flowers. You can plant seeds, water, weed and pick. We "
        "have raised beds and wide paths.\n\nWe sell some of what we grow. We cook some of it "
        "too. Wear old clothes. We lend you gloves and boots.",
        "Grow plants and vegetables.\nWork outside in the garden.\nWe lend you gloves and boots.",
        ("nature-gardening", "work"),
        (LD, "mental-health", "physical-disability"),
        ("step-free", "accessible-toilet"),
        ("venue",),
        "CHMS",
        "day",
        "session",
    ),
    A(
        "dementia-day",
        "Dementia day club",
        "A friendly day club for people living with dementia. It gives carers a break too.",
        "Spend the day with others. We chat, sing, do gentle exercise and play games. There is a "
        "hot lunch and tea and cake.\n\nOur staff are trained to support people with dementia. "
        "Carers can drop off and pick up, or stay for a cup of tea.",
        "",
        ("socialising", "health-wellbeing", "music-drama"),
        ("dementia", "older-people", "carers"),
        ("dementia-friendly", "personal-care", "accessible-toilet", "transport-provided"),
        ("venue",),
        "CHP",
        "day",
        "day",
        "either",
        (50, None),
    ),
    A(
        "complex-needs",
        "Day support for people with complex needs",
        "Small groups with a high staff ratio, for adults with complex health needs.",
        "We work in small groups. Many people have 1:1 or 2:1 support. Our nurses and carers "
        "know about epilepsy, PEG feeding and positive behaviour support.\n\nWe have hoists, a "
        "Changing Places toilet and a sensory room.",
        "Small groups.\nLots of staff to help you.\nNurses and carers who know you.",
        ("health-wellbeing", "socialising"),
        (LD, "physical-disability", "autism"),
        ("changing-places", "hoist", "personal-care", "medication-support", "pbs-trained"),
        ("venue",),
        "CP",
        "centre",
        "day",
        "referral",
    ),
    A(
        "life-skills",
        "Life skills: cooking, money and shopping",
        "Learn to cook simple meals, shop on a budget and manage money.",
        "Each week we plan a meal. We go shopping together, then cook and eat it. You learn to "
        "use money and read labels.\n\nThe course helps you get ready to live more "
        "independently.",
        "Learn to cook.\nLearn to shop.\nLearn about money.",
        ("independent-living", "cooking-food", "learning"),
        (LD, "young-adults", "autism"),
        ("easy-read", "makaton"),
        ("venue", "community"),
        "CHSP",
        "day",
        "session",
        "either",
        (18, 35),
    ),
    A(
        "art-room",
        "Art and craft sessions",
        "Paint, draw and make things. Everyone is welcome, whatever your skill.",
        "Try painting, drawing, collage and clay. We have all the materials. You can work on "
        "your own project or join a group one.\n\nWe show our work at an exhibition each summer.",
        "Paint and draw.\nMake things with clay.\nShow your art.",
        ("arts-crafts",),
        (),
        ("step-free", "accessible-toilet"),
        ("venue",),
        "CHM",
        "afternoon",
        "low",
        "self",
    ),
    A(
        "music-movement",
        "Music and movement",
        "Sing, play instruments and move to music in a relaxed group.",
        "We sing songs, play drums and shakers and dance. You can join in sitting down. No "
        "experience needed.",
        "Sing songs.\nPlay drums.\nDance or move to music.",
        ("music-drama", "health-wellbeing"),
        (LD, "older-people"),
        ("step-free", "makaton"),
        ("venue",),
        "CHM",
        "morning",
        "low",
        "self",
    ),
    A(
        "travel-training",
        "Travel training",
        "Learn to travel on buses, trains and trams on your own, with a trainer.",
        "A trainer travels with you on the routes you need. You practise until you feel "
        "confident. Then the trainer steps back.\n\nWe also help you use a bus pass and plan "
        "journeys on your phone.",
        "Learn to go on the bus.\nA trainer goes with you.\nThen you go on your own.",
        ("independent-living",),
        (LD, "autism", "young-adults"),
        ("one-to-one", "public-transport"),
        ("community",),
        "CHS",
        "day",
        "hour",
        "either",
        (18, 40),
    ),
    # Charities and community groups
    A(
        "friendship-club",
        "Evening friendship club",
        "A night out with friends. Music, games, food and a chat.",
        "Meet friends after the working week. We play games, listen to music and share food. "
        "Some nights we go bowling or to the cinema.\n\nSupport workers and carers are welcome.",
        "Meet friends.\nPlay games and eat food.\nSometimes we go out.",
        ("socialising", "games"),
        (LD, "autism"),
        ("accessible-toilet", "makaton", "easy-read"),
        ("venue", "community"),
        "HM",
        "evening",
        "low",
        "self",
    ),
    A(
        "disco",
        "Disco night",
        "A monthly disco with a DJ, soft drinks and a quiet room if you need a break.",
        "Dance to your favourite songs. Ask the DJ for a request. There is a quiet room if it "
        "gets too much.\n\nCarers and support workers get in free.",
        "Dance to music.\nA DJ plays songs.\nThere is a quiet room.",
        ("socialising", "music-drama"),
        (LD, "autism", "young-adults"),
        ("quiet-space", "accessible-toilet", "autism-friendly"),
        ("venue",),
        "HMS",
        "evening",
        "low",
        "self",
        (18, None),
    ),
    A(
        "drama",
        "Drama group",
        "Act, improvise and put on shows. Build confidence and make friends.",
        "We play drama games and make up scenes. Each year we put on a show for family and "
        "friends. You can act, help backstage or make costumes.",
        "Act and play drama games.\nPut on a show.\nMake friends.",
        ("music-drama", "socialising"),
        (LD, "autism", "mental-health"),
        ("step-free", "autism-friendly"),
        ("venue",),
        "HS",
        "evening",
        "session",
        "self",
    ),
    A(
        "choir",
        "Inclusive choir",
        "A friendly choir for everyone. You do not need to read music.",
        "We sing pop songs, gospel and old favourites. We learn by ear. We sign some songs in "
        "Makaton.\n\nWe sing at events around Birmingham.",
        "Sing in a choir.\nLearn songs by listening.\nSing at events.",
        ("music-drama", "socialising"),
        (),
        ("hearing-loop", "makaton", "step-free"),
        ("venue",),
        "HM",
        "evening",
        "low",
        "self",
    ),
    A(
        "walking-football",
        "Walking football",
        "Football without running. Gentle, friendly and good for your health.",
        "Walking football is slower and safer than normal football. There is no running and no "
        "tackling from behind. Anyone can play.\n\nWear trainers and bring water.",
        "Play football.\nNo running.\nBring trainers and water.",
        ("sport", "health-wellbeing"),
        ("older-people", "mental-health", LD),
        ("accessible-toilet", "parking"),
        ("venue",),
        "HM",
        "weekend",
        "low",
        "self",
    ),
    A(
        "swimming",
        "Adapted swimming",
        "Swim in a warm pool with a hoist and changing room. Instructors can help.",
        "The pool is warm. There is a hoist into the water and a big changing room. "
        "Instructors can give 1:1 lessons.\n\nYou can bring a carer to help in the water.",
        "Swim in a warm pool.\nA hoist helps you in.\nA teacher can help you.",
        ("sport", "health-wellbeing"),
        ("physical-disability", LD),
        ("hoist", "changing-places", "accessible-toilet", "parking"),
        ("venue",),
        "HP",
        "weekend",
        "session",
        "self",
    ),
    A(
        "boccia",
        "Boccia club",
        "Boccia is a ball game you can play from a chair. Friendly club, all abilities.",
        "Boccia is like bowls. You throw or roll balls towards a white ball. You can use a "
        "ramp if you need one.\n\nSome of our players enter regional competitions.",
        "",
        ("sport", "games"),
        ("physical-disability", "older-people", LD),
        ("step-free", "accessible-toilet"),
        ("venue",),
        "HM",
        "afternoon",
        "low",
        "self",
    ),
    A(
        "seated-exercise",
        "Seated exercise for older people",
        "Gentle exercise from a chair to keep you strong and steady on your feet.",
        "Our instructor leads gentle exercises you do sitting down. They help with balance, "
        "strength and stiff joints. Stay for tea afterwards.",
        "",
        ("sport", "health-wellbeing"),
        ("older-people", "physical-disability"),
        ("step-free", "hearing-loop"),
        ("venue",),
        "HMP",
        "morning",
        "low",
        "self",
        (55, None),
    ),
    A(
        "park-walk",
        "Park walk",
        "A short, friendly walk in the park. Go at your own pace.",
        "We walk for about an hour on flat paths. Walk leaders stay at the back so no one is "
        "left behind. We finish with a hot drink.\n\nIt is free. Just turn up.",
        "Walk in the park.\nGo at your own speed.\nHave a drink after.",
        ("sport", "nature-gardening", "health-wellbeing"),
        ("older-people", "mental-health"),
        ("public-transport",),
        ("community",),
        "HM",
        "morning",
        "free",
        "self",
    ),
    A(
        "allotment",
        "Allotment group",
        "Grow your own food on a shared allotment. Fresh air and good company.",
        "We share a big allotment. We grow potatoes, beans, herbs and flowers. There is a shed "
        "with tools, a kettle and a toilet.\n\nTake home what you grow.",
        "Grow food.\nWork outside.\nTake food home.",
        ("nature-gardening",),
        ("mental-health", LD, "older-people"),
        ("parking",),
        ("community",),
        "HMS",
        "day",
        "free",
        "self",
    ),
    A(
        "cook-and-eat",
        "Cook and eat",
        "Cook a healthy meal together, then sit down and eat it.",
        "Each session we cook a simple, healthy dish. Everyone helps. Then we eat together.\n\n"
        "Take the recipe home to try again. Tell us about any allergies.",
        "Cook food with a group.\nEat together.\nTake the recipe home.",
        ("cooking-food", "independent-living", "socialising"),
        (),
        ("step-free", "easy-read"),
        ("venue",),
        "HMS",
        "day",
        "session",
    ),
    A(
        "lunch-club",
        "Lunch club",
        "A hot two-course lunch and good company, every week.",
        "Come for a hot meal cooked on site. There is tea, coffee and a chat. Sometimes we have "
        "bingo or a singer.\n\nWe cater for halal, vegetarian and soft diets.",
        "",
        ("cooking-food", "socialising"),
        ("older-people",),
        ("step-free", "accessible-toilet", "transport-provided"),
        ("venue",),
        "MH",
        "day",
        "low",
        "self",
        (60, None),
    ),
    A(
        "memory-cafe",
        "Memory café",
        "A relaxed café for people living with dementia and the people who care for them.",
        "Drop in for tea, cake and a chat. We have music, reminiscence and quizzes. Staff can "
        "answer questions about dementia and support.",
        "",
        ("socialising", "health-wellbeing"),
        ("dementia", "carers", "older-people"),
        ("dementia-friendly", "step-free", "hearing-loop"),
        ("venue",),
        "HM",
        "afternoon",
        "free",
        "self",
    ),
    A(
        "carers-coffee",
        "Carers' coffee morning",
        "Time out for unpaid carers. Meet others, get advice and have a break.",
        "Caring can be hard. Come and meet other carers over coffee. An adviser comes each month "
        "to help with benefits and carers' assessments.",
        "",
        ("socialising", "health-wellbeing"),
        ("carers",),
        ("step-free",),
        ("venue",),
        "HM",
        "morning",
        "free",
        "self",
    ),
    A(
        "get-online",
        "Get online: phones and tablets",
        "Learn to use a phone or tablet. Video call family, shop and stay safe online.",
        "Bring your own phone or tablet, or borrow one of ours. A tutor helps you at your own "
        "pace. Learn to send messages, make video calls and spot scams.",
        "Learn to use a phone or tablet.\nCall your family on video.\nStay safe online.",
        ("technology", "learning"),
        ("older-people", LD),
        ("step-free", "easy-read"),
        ("venue", "online"),
        "HMS",
        "morning",
        "free",
        "self",
    ),
    A(
        "book-group",
        "Book and story group",
        "Read and share stories together. Easy Read and audio books too.",
        "We read a book together over a few weeks. We use Easy Read and audio books, so anyone "
        "can join. We talk about the story and what we liked.",
        "Read stories together.\nListen to books.\nTalk about the story.",
        ("learning", "socialising"),
        (LD, "sensory-impairment"),
        ("easy-read", "hearing-loop"),
        ("venue",),
        "HM",
        "afternoon",
        "free",
        "self",
    ),
    A(
        "photography",
        "Photography club",
        "Take photos around Birmingham and learn to edit them.",
        "We go on photo walks around the city and parks. Learn to use a camera or your phone. "
        "Our photos go in an exhibition each year.",
        "Take photos.\nWalk around the city.\nShow your photos.",
        ("arts-crafts", "days-out"),
        ("mental-health", "autism", LD),
        ("public-transport",),
        ("community",),
        "HS",
        "weekend",
        "session",
        "self",
    ),
    A(
        "pottery",
        "Pottery workshop",
        "Make bowls, mugs and tiles with clay. We fire them in our kiln.",
        "Learn to make pots by hand and on the wheel. We fire and glaze your work so you can "
        "take it home.\n\nSome work is sold in our shop.",
        "Make things with clay.\nTake them home.",
        ("arts-crafts", "work"),
        ("mental-health", LD),
        ("step-free",),
        ("venue",),
        "SH",
        "day",
        "session",
    ),
    A(
        "sewing",
        "Sewing circle",
        "Sew, knit and mend with others. Beginners welcome.",
        "Bring a project or start a new one. We have sewing machines, wool and fabric. Learn "
        "from each other over a cup of tea.",
        "",
        ("arts-crafts", "socialising"),
        ("older-people", "mental-health"),
        ("step-free", "hearing-loop"),
        ("venue",),
        "MH",
        "afternoon",
        "low",
        "self",
    ),
    A(
        "games-night",
        "Games night",
        "Board games, card games and video games. Snacks included.",
        "Play board games, card games or the games console. Learn a new game or teach us one. "
        "It is relaxed and friendly.",
        "Play games.\nEat snacks.\nMake friends.",
        ("games", "socialising"),
        ("autism", LD, "young-adults"),
        ("autism-friendly", "quiet-space"),
        ("venue",),
        "HS",
        "evening",
        "low",
        "self",
        (18, 35),
    ),
    A(
        "mens-shed",
        "Men's shed",
        "Woodwork, repairs and a cuppa. A place to make things and make friends.",
        "Our shed has woodwork tools and benches. Make bird boxes, fix furniture or help with "
        "community projects. Women are welcome on Wednesdays.",
        "",
        ("arts-crafts", "socialising", "volunteering"),
        ("older-people", "mental-health"),
        ("parking",),
        ("venue",),
        "MH",
        "day",
        "free",
        "self",
    ),
    A(
        "dance",
        "Inclusive dance class",
        "Dance for all abilities, including wheelchair users.",
        "Learn routines to pop, Bollywood and musical songs. Every move can be done standing or "
        "sitting. We perform at festivals in the summer.",
        "Dance to music.\nYou can dance sitting down.\nPerform at festivals.",
        ("sport", "music-drama"),
        (LD, "physical-disability"),
        ("step-free", "accessible-toilet"),
        ("venue",),
        "HM",
        "evening",
        "session",
        "self",
    ),
    A(
        "yoga",
        "Gentle yoga",
        "Slow, gentle yoga to help you relax. Chair options for every pose.",
        "Our teacher shows you simple stretches and breathing. Use a mat or a chair. Classes "
        "are small and calm.",
        "",
        ("health-wellbeing", "sport"),
        ("mental-health", "older-people"),
        ("quiet-space", "step-free"),
        ("venue", "online"),
        "HP",
        "morning",
        "session",
        "self",
    ),
    A(
        "wellbeing-drop-in",
        "Wellbeing drop-in",
        "Somewhere to talk, have a drink and get support with your mental health.",
        "No appointment needed. Talk to a support worker or just sit with others. We can help "
        "you find counselling, housing and benefits advice.",
        "",
        ("health-wellbeing", "socialising"),
        ("mental-health",),
        ("quiet-space", "step-free"),
        ("venue",),
        "HM",
        "afternoon",
        "free",
        "self",
    ),
    A(
        "autistic-social",
        "Autistic adults' social group",
        "A calm social group run by and for autistic adults.",
        "We meet in a quiet room with low lighting. There is no pressure to talk. Do an "
        "activity, chat about your interests or just be there.\n\nWe share the plan for each "
        "session a week before.",
        "A group for autistic adults.\nA quiet room.\nYou do not have to talk.",
        ("socialising", "games"),
        ("autism",),
        ("autism-friendly", "quiet-space"),
        ("venue",),
        "H",
        "evening",
        "free",
        "self",
    ),
    A(
        "elders-club",
        "Elders' day club",
        "A day club for older people with food, prayer space and activities in your language.",
        "Meet friends, share a hot meal and take part in activities. Staff speak English, "
        "Punjabi, Urdu and Bengali. There is space to pray.",
        "",
        ("faith-culture", "socialising", "cooking-food"),
        ("older-people", "dementia"),
        ("step-free", "transport-provided", "dementia-friendly"),
        ("venue",),
        "M",
        "day",
        "low",
        "self",
        (60, None),
    ),
    A(
        "community-kitchen",
        "Community kitchen volunteering",
        "Help cook and serve free meals to people in your area.",
        "Volunteers prepare, cook and serve meals. You learn food hygiene and kitchen skills. "
        "We give you a certificate.",
        "Help cook food.\nServe food to people.\nGet a certificate.",
        ("volunteering", "cooking-food", "faith-culture"),
        (),
        ("step-free",),
        ("venue",),
        "MHS",
        "weekend",
        "free",
        "self",
    ),
    A(
        "cafe-work",
        "Café work experience",
        "Work in our community café. Learn to make drinks, serve customers and use the till.",
        "You work shifts in our café with a job coach. Learn barista skills, food hygiene and "
        "customer service.\n\nMany trainees go on to paid jobs.",
        "Work in a café.\nMake drinks and serve people.\nA job coach helps you.",
        ("work", "cooking-food", "learning"),
        (LD, "autism", "young-adults"),
        ("one-to-one", "easy-read"),
        ("venue",),
        "S",
        "day",
        "day",
        "either",
        (18, 35),
    ),
    A(
        "horticulture",
        "Horticulture traineeship",
        "Train in gardening and grounds work. Work towards a qualification.",
        "Work in our nursery and on community gardens. Learn to grow plants, use tools safely "
        "and look after green spaces. You can work towards a Level 1 qualification.",
        "Learn gardening skills.\nWork outside.\nGet a qualification.",
        ("work", "nature-gardening", "learning"),
        (LD, "mental-health"),
        ("one-to-one",),
        ("venue", "community"),
        "S",
        "day",
        "day",
        "referral",
    ),
    A(
        "print-workshop",
        "Print and design workshop",
        "Design and print cards, posters and T-shirts that we sell.",
        "Use screen printing and computers to make things people buy. You help with the whole "
        "job, from design to packing orders.",
        "",
        ("work", "arts-crafts", "technology"),
        (LD, "autism"),
        ("step-free", "autism-friendly"),
        ("venue",),
        "S",
        "day",
        "session",
    ),
    A(
        "job-club",
        "Job club",
        "Help to find work: CVs, applications, interviews and work trials.",
        "Meet a job coach every week. Get help with your CV and applications. Practise "
        "interviews. We know local employers who want to hire disabled people.",
        "Get help to find a job.\nWrite your CV.\nPractise interviews.",
        ("work", "learning"),
        (LD, "autism", "mental-health", "young-adults"),
        ("easy-read", "one-to-one"),
        ("venue", "online"),
        "HS",
        "morning",
        "free",
        "self",
    ),
    A(
        "bike-workshop",
        "Bike repair workshop",
        "Learn to fix bikes. Refurbished bikes go back to the community.",
        "Learn to mend punctures, fix brakes and service bikes. Work alongside our mechanics. "
        "After ten sessions you can earn a bike of your own.",
        "",
        ("work", "learning", "sport"),
        ("mental-health", "young-adults"),
        ("step-free",),
        ("venue",),
        "S",
        "afternoon",
        "free",
        "self",
    ),
    A(
        "farm",
        "Farm volunteering with animals",
        "Feed and care for goats, pigs, chickens and rabbits on a city farm.",
        "Help look after the animals. Feed them, clean them out and check they are well. Wear "
        "old clothes and boots.",
        "Look after animals.\nFeed them and clean them out.\nWear old clothes.",
        ("animals", "volunteering", "nature-gardening"),
        (LD, "mental-health", "autism"),
        ("accessible-toilet", "parking"),
        ("venue",),
        "HS",
        "day",
        "session",
    ),
    A(
        "days-out",
        "Weekend days out",
        "Trips to places like the seaside, museums and safari parks, with support.",
        "Each month we go somewhere new. We travel by accessible minibus. Staff come with you "
        "all day.\n\nPrices include travel. Bring money for lunch and gifts.",
        "Go on trips.\nTravel on a minibus.\nStaff come with you.",
        ("days-out", "socialising"),
        (LD, "physical-disability", "autism"),
        ("transport-provided", "personal-care", "one-to-one"),
        ("community",),
        "HP",
        "weekend",
        "day",
        "self",
    ),
    A(
        "online-quiz",
        "Online quiz and chat",
        "Join a fun quiz from home on Zoom. Meet people without leaving the house.",
        "We meet online every week. There is a quiz, a chat and sometimes a guest. We can help "
        "you get set up on Zoom.",
        "A quiz on the computer.\nChat to people from home.",
        ("games", "socialising", "technology"),
        ("physical-disability", "older-people", "mental-health"),
        ("easy-read",),
        ("online",),
        "HM",
        "evening",
        "free",
        "self",
    ),
    A(
        "sight-loss-club",
        "Social club for people with sight loss",
        "Meet others with sight loss. Talks, outings, audio books and technology help.",
        "We meet for a chat, a talk or an outing. Volunteers can guide you from the bus stop. "
        "Try talking books and magnifiers.",
        "",
        ("socialising", "technology"),
        ("sensory-impairment", "older-people"),
        ("step-free", "public-transport"),
        ("venue",),
        "H",
        "afternoon",
        "low",
        "self",
    ),
    A(
        "deaf-club",
        "Deaf social club",
        "A social club for Deaf people and BSL users. Games, talks and friendship.",
        "Everything is in British Sign Language. We play games, have talks and go on trips. "
        "Hearing friends and family who sign are welcome.",
        "",
        ("socialising", "faith-culture"),
        ("sensory-impairment",),
        ("bsl", "hearing-loop"),
        ("venue",),
        "HM",
        "evening",
        "low",
        "self",
    ),
    # Private providers and Personal Assistants
    A(
        "day-opportunities",
        "Day opportunities",
        "Person-centred days in our centre and out in the community, planned around you.",
        "We plan your week with you. Choose from art, cooking, sport, trips and work skills. "
        "We have small groups and 1:1 support.\n\nWe can collect you from home.",
        "We plan your day with you.\nDo things you like.\nWe can pick you up.",
        ("socialising", "independent-living", "days-out"),
        (LD, "autism", "physical-disability"),
        ("personal-care", "transport-provided", "one-to-one", "pbs-trained"),
        ("venue", "community"),
        "PH",
        "centre",
        "day",
        "either",
    ),
    A(
        "outreach",
        "Community outreach support",
        "A support worker helps you get out and do the things you enjoy.",
        "Your support worker helps you go shopping, to the gym, to college or to see friends. "
        "We match you with someone who shares your interests. Times are agreed with you.",
        "A support worker goes out with you.\nYou choose what to do.",
        ("independent-living", "socialising"),
        (LD, "autism", "mental-health"),
        ("one-to-one", "pbs-trained"),
        ("community", "home"),
        "PH",
        "arranged",
        "hour",
        "either",
    ),
    A(
        "pa-out-and-about",
        "Support to get out and about",
        "I am a Personal Assistant. I can support you to go out, see friends and try new things.",
        "I have worked as a support worker for many years. I can drive and have a car. I can "
        "support you to go to clubs, the shops, the gym or days out.\n\nWe agree the times "
        "together. You can pay me with a direct payment.",
        "I can help you go out.\nWe choose times together.\nYou can pay with a direct payment.",
        ("socialising", "days-out", "independent-living"),
        (LD, "autism", "physical-disability"),
        ("one-to-one", "personal-care"),
        ("community", "home"),
        "A",
        "arranged",
        "hour",
        "self",
    ),
    A(
        "pa-home-skills",
        "Help at home: cooking and daily routines",
        "A Personal Assistant to help you cook, clean, plan your week and manage money.",
        "I can help you build skills to live more independently. We can cook together, plan "
        "shopping and sort out bills.\n\nWe agree the times together.",
        "I help you at home.\nWe cook and plan together.",
        ("independent-living", "cooking-food"),
        (LD, "mental-health", "young-adults"),
        ("one-to-one", "medication-support"),
        ("home",),
        "A",
        "arranged",
        "hour",
        "self",
    ),
    A(
        "pa-active",
        "Gym and swimming buddy",
        "A Personal Assistant who goes to the gym, pool or park with you.",
        "I am a qualified fitness instructor. I can go with you to the gym, swimming or for a "
        "walk, and help you set goals.\n\nWe agree the times together.",
        "I go to the gym or pool with you.\nWe set goals together.",
        ("sport", "health-wellbeing"),
        (LD, "autism", "mental-health"),
        ("one-to-one",),
        ("community",),
        "A",
        "arranged",
        "hour",
        "self",
    ),
]
ACTIVITY_BY_KEY = {activity.key: activity for activity in ACTIVITIES}
ACTIVITIES_BY_KIND = {
    code: [activity for activity in ACTIVITIES if code in activity.kinds] for code in KIND_CODES
}

# --- Providers --------------------------------------------------------------------------------
# (name, kind code, ward, activity keys, venues). The council's centres are real and still open;
# every other organisation is invented.
COUNCIL_CENTRES = [
    ("Alderman Bowen Day Centre", "Bordesley Green", "Alderman Bowen"),
    ("Ebrook Day Centre", "Sutton Trinity", "Ebrook"),
    ("Elwood Day Centre", "Erdington", "Elwood"),
    ("Hockley Centre", "Soho & Jewellery Quarter", "Hockley"),
    ("Moseley Centre", "Moseley", "Moseley"),
]
COUNCIL_ACTIVITIES = (
    "day-service",
    "complex-needs",
    "sensory",
    "gardening-project",
    "art-room",
    "life-skills",
    "music-movement",
    "dementia-day",
    "travel-training",
)

# fmt: off
CURATED_PROVIDERS: list[tuple[str, str, str, tuple[str, ...], int]] = [
    # Charities
    ("Brightside Friends Birmingham", "H", "Edgbaston",
     ("friendship-club", "disco", "days-out", "cook-and-eat", "choir"), 2),
    ("Canal Side Arts Trust", "H", "Ladywood", ("art-room", "pottery", "drama", "photography"), 1),
    ("Kingfisher Autism Network", "H", "Hall Green North",
     ("autistic-social", "games-night", "life-skills", "job-club"), 1),
    ("Rea Valley Community Gardens", "H", "Stirchley", ("gardening-project", "allotment", "farm"), 2),
    ("Open Table Cooking Project", "H", "Sparkhill", ("cook-and-eat", "community-kitchen"), 1),
    ("Heartwood Dementia Support", "H", "Sutton Four Oaks",
     ("memory-cafe", "dementia-day", "carers-coffee", "music-movement"), 1),
    ("Lickey Hills Walking Friends", "H", "Rubery & Rednal",
     ("park-walk", "walking-football", "seated-exercise"), 1),
    ("Tame Valley Mind Matters", "H", "Castle Vale",
     ("wellbeing-drop-in", "yoga", "allotment", "online-quiz"), 1),
    ("Spotlight Inclusive Theatre", "H", "Soho & Jewellery Quarter",
     ("drama", "dance", "choir"), 1),
    ("Handsworth Park Sport Together", "H", "Handsworth",
     ("walking-football", "boccia", "swimming", "dance"), 1),
    ("Clearview Sight Loss Birmingham", "H", "Harborne", ("sight-loss-club", "get-online"), 1),
    ("Signing Hands Deaf Centre", "H", "Aston", ("deaf-club", "get-online"), 1),
    ("Northfield Carers Together", "H", "Northfield", ("carers-coffee", "memory-cafe"), 1),
    ("Yardley Days Out Club", "H", "Yardley East", ("days-out", "disco", "friendship-club"), 1),
    ("Stepping Stones Learning Disability Trust", "H", "Kingstanding",
     ("day-opportunities", "life-skills", "friendship-club", "outreach"), 2),
    ("Cole Valley Wildlife Volunteers", "H", "Shard End", ("farm", "park-walk", "allotment"), 1),
    ("Bournville Book and Story Club", "H", "Bournville & Cotteridge",
     ("book-group", "get-online"), 1),
    ("Sutton Boccia and Bowls Association", "H", "Sutton Reddicap", ("boccia", "seated-exercise"), 1),
    ("Perry Barr Young Adults Project", "H", "Perry Barr",
     ("games-night", "travel-training", "job-club", "disco"), 1),
    ("Acorn Wellbeing Hub", "H", "Acocks Green",
     ("wellbeing-drop-in", "yoga", "sewing", "online-quiz"), 1),
    ("Quinton Music Makers", "H", "Quinton", ("choir", "music-movement"), 1),
    ("Longbridge Splash Swimming Club", "H", "Longbridge & West Heath", ("swimming",), 1),
    ("Hodge Hill Friendship Network", "H", "Bromford & Hodge Hill",
     ("friendship-club", "lunch-club", "online-quiz"), 1),
    ("Small Heath Sensory Space", "H", "Small Heath", ("sensory", "music-movement"), 1),
    # Community and faith groups
    ("St Barnabas Church Lunch Club", "M", "Erdington", ("lunch-club", "memory-cafe"), 1),
    ("Sparkbrook Elders' Centre", "M", "Sparkbrook & Balsall Heath East",
     ("elders-club", "seated-exercise", "lunch-club"), 1),
    ("Guru Nanak Seva Day Club", "M", "Handsworth Wood",
     ("elders-club", "community-kitchen", "get-online"), 1),
    ("Al-Noor Community Association", "M", "Alum Rock",
     ("elders-club", "community-kitchen", "carers-coffee"), 1),
    ("Kings Heath Men's Shed", "M", "Brandwood & King's Heath", ("mens-shed",), 1),
    ("Stechford Knit and Natter", "M", "Yardley West & Stechford", ("sewing",), 1),
    ("Pype Hayes Park Friends", "M", "Pype Hayes", ("park-walk", "allotment"), 1),
    ("Druids Heath Community Kitchen", "M", "Druids Heath & Monyhull",
     ("community-kitchen", "cook-and-eat"), 1),
    ("Shard End Tuesday Club", "M", "Shard End", ("lunch-club", "boccia"), 1),
    ("Lozells Caribbean Elders", "M", "Lozells", ("elders-club", "music-movement"), 1),
    ("Weoley Castle Community Choir", "M", "Weoley & Selly Oak", ("choir",), 1),
    ("Mere Green Memory Café", "M", "Sutton Mere Green", ("memory-cafe",), 1),
    ("Tile Cross Games Club", "M", "Glebe Farm & Tile Cross", ("games-night", "online-quiz"), 1),
    ("Billesley Chair Fit", "M", "Billesley", ("seated-exercise", "park-walk"), 1),
    ("Newtown Art Space", "M", "Newtown", ("art-room", "sewing"), 1),
    ("Frankley Friendship Group", "M", "Frankley Great Park", ("friendship-club", "lunch-club"), 1),
    ("Ward End Sisters' Circle", "M", "Ward End", ("sewing", "cook-and-eat", "carers-coffee"), 1),
    ("Hall Green Deaf Fellowship", "M", "Hall Green South", ("deaf-club",), 1),
    ("Oscott Walking Football", "M", "Oscott", ("walking-football",), 1),
    ("Sheldon Heath Community Hub", "M", "Sheldon", ("get-online", "book-group", "lunch-club"), 1),
    # Social enterprises
    ("Brindle Café Co-operative", "S", "Bordesley & Highgate", ("cafe-work", "cook-and-eat"), 1),
    ("Greenshoots Horticulture CIC", "S", "King's Norton North",
     ("horticulture", "gardening-project"), 2),
    ("Inkwell Print Works", "S", "Soho & Jewellery Quarter", ("print-workshop", "photography"), 1),
    ("Spokes and Sprockets CIC", "S", "Bournbrook & Selly Park", ("bike-workshop",), 1),
    ("Kiln Lane Pottery CIC", "S", "Tyseley & Hay Mills", ("pottery",), 1),
    ("Meadow Farm Enterprises", "S", "Sutton Walmley & Minworth", ("farm", "horticulture"), 1),
    ("Digital Doorway CIC", "S", "Nechells", ("get-online", "job-club"), 1),
    ("Pathway to Work CIC", "S", "Gravelly Hill", ("job-club", "cafe-work", "travel-training"), 1),
    ("The Green Ladle Social Kitchen", "S", "Balsall Heath West",
     ("community-kitchen", "cook-and-eat"), 1),
    ("Heartlands Makers CIC", "S", "Heartlands", ("print-workshop", "pottery"), 1),
    # Private companies
    ("Larkrise Day Services Ltd", "P", "Sutton Vesey",
     ("day-opportunities", "days-out", "dementia-day"), 1),
    ("Meadowsweet Support Ltd", "P", "Allens Cross", ("outreach", "day-opportunities"), 1),
    ("Three Rivers Care and Support Ltd", "P", "Garretts Green",
     ("complex-needs", "sensory", "outreach"), 1),
    ("Silverbirch Active Ltd", "P", "Sutton Wylde Green", ("swimming", "yoga", "seated-exercise"), 1),
    ("Marigold Day Opportunities Ltd", "P", "Holyhead", ("day-opportunities", "life-skills"), 1),
    ("Brookfield Community Support Ltd", "P", "Highter's Heath", ("outreach",), 1),
    ("Oakhurst Specialist Day Care Ltd", "P", "King's Norton South",
     ("complex-needs", "dementia-day"), 1),
    ("Tamarind Home Support Ltd", "P", "South Yardley", ("outreach", "dementia-day"), 1),
    ("Harbour Light Days Ltd", "P", "Perry Common", ("day-opportunities", "days-out"), 1),
    # Personal Assistants
    ("Amira Hussain, Personal Assistant", "A", "Sparkhill", ("pa-out-and-about",), 0),
    ("Dean Whitfield, Personal Assistant", "A", "Erdington", ("pa-active",), 0),
    ("Chloe Barnes, Personal Assistant", "A", "Harborne", ("pa-home-skills",), 0),
    ("Marcus Grant, Personal Assistant", "A", "Stockland Green", ("pa-out-and-about",), 0),
    ("Harpreet Kaur, Personal Assistant", "A", "Hall Green South", ("pa-home-skills",), 0),
    ("Sophie Nolan, Personal Assistant", "A", "Sutton Four Oaks", ("pa-active",), 0),
    ("Kwame Mensah, Personal Assistant", "A", "Handsworth", ("pa-out-and-about",), 0),
    ("Rachel Doyle, Personal Assistant", "A", "Northfield", ("pa-home-skills",), 0),
    ("Imran Ali, Personal Assistant", "A", "Small Heath", ("pa-out-and-about",), 0),
    ("Jade Thompson, Personal Assistant", "A", "Ladywood", ("pa-active",), 0),
    ("Liam O'Brien, Personal Assistant", "A", "Bournbrook & Selly Park", ("pa-home-skills",), 0),
    ("Nadia Begum, Personal Assistant", "A", "Ward End", ("pa-out-and-about",), 0),
]
# fmt: on

KIND_DESCRIPTIONS = {
    "H": (
        "{name} is a registered charity based in {place}. We help adults with care and support "
        "needs to have good days, make friends and try new things. Our staff and volunteers are "
        "DBS checked and trained."
    ),
    "M": (
        "{name} is a community group in {place}, run by local volunteers. Everyone is welcome. "
        "We keep our prices low and some of our activities are free."
    ),
    "S": (
        "{name} is a social enterprise in {place}. We give people real work and training. The "
        "money we make goes back into the project."
    ),
    "P": (
        "{name} is a private provider of day opportunities and support in {place} and across "
        "Birmingham. We work with people who pay with a direct payment or their own money, and "
        "with the council."
    ),
    "A": (
        "I am a self-employed Personal Assistant (PA) living in {place}. I have an enhanced DBS "
        "check, first aid training and public liability insurance. I support adults in {place} "
        "and nearby areas."
    ),
}
COUNCIL_DESCRIPTION = (
    "{name} is one of Birmingham City Council's day centres. It supports adults with learning "
    "disabilities, autistic people, people with physical disabilities and older people, including "
    "people living with dementia. Most people are referred by their social worker. Call Adult "
    "Social Care on 0121 303 1234 to ask about a place."
)

# Word lists for the generated providers of larger counts.
# fmt: off
NAME_WORDS = (
    "Bluebell", "Kingfisher", "Lantern", "Compass", "Harbour", "Rosewood", "Oak Tree", "Willow",
    "Beacon", "Meadow", "Horizon", "Cedar", "Skylark", "Hazel", "Brook", "Sunflower", "Ivy",
    "Maple", "Heron", "Rowan", "Foxglove", "Hawthorn", "Linden", "Poppy", "Juniper", "Wren",
)
KIND_NAME_ENDINGS = {
    "H": ("Trust", "Foundation", "Project", "Network", "Partnership", "Support"),
    "M": ("Community Group", "Friendship Club", "Community Association", "Social Club", "Circle"),
    "S": ("CIC", "Co-operative", "Works", "Enterprises"),
    "P": ("Care Ltd", "Support Services Ltd", "Day Services Ltd", "Living Ltd"),
}
GENERATED_KIND_WEIGHTS = (("H", 30), ("M", 25), ("S", 12), ("P", 18), ("A", 15))
FIRST_NAMES = (
    "Aisha", "Ben", "Carys", "Daniel", "Ellie", "Farah", "George", "Hannah", "Ibrahim", "Jasmine",
    "Kieran", "Leah", "Mohammed", "Niamh", "Owen", "Parveen", "Rhys", "Sana", "Tariq", "Una",
    "Vikram", "Winston", "Yasmin", "Zoe", "Gurpreet", "Shanice", "Patrick", "Mei", "Tomasz",
)
LAST_NAMES = (
    "Ahmed", "Bennett", "Campbell", "Davies", "Evans", "Francis", "Gill", "Hughes", "Iqbal",
    "Jones", "Khan", "Lewis", "Murphy", "Nowak", "Okafor", "Patel", "Quinn", "Rahman", "Singh",
    "Taylor", "Walker", "Williams", "Young", "Clarke", "Brown", "Hussain", "Kowalski",
)
STREETS = (
    "Church Road", "Station Road", "Park Road", "High Street", "Victoria Road", "Albert Road",
    "Grove Lane", "Mill Lane", "School Road", "Chapel Street", "Green Lane", "New Road",
    "Springfield Road", "Manor Road", "The Crescent", "Willow Avenue", "Orchard Way", "Elm Road",
)
VENUE_PATTERNS = (
    "{place} Community Centre",
    "{place} Library",
    "{place} Leisure Centre",
    "{place} Neighbourhood Office",
    "St {saint}'s Church Hall",
    "{short} Hub, {place}",
    "{place} Park Pavilion",
    "The {word} Centre, {place}",
)
SAINTS = ("Mary", "John", "Peter", "Andrew", "Michael", "Paul", "Luke", "Margaret", "Chad")
COST_LABELS = ("", "", "", "Standard", "Members")
WEEKDAY_PLURALS = (
    "Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays", "Saturdays", "Sundays",
)
# fmt: on
