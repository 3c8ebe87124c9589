"""The first text of the guidance pages, in plain English and Easy Read, written in "Daywell text".

Council officers edit these pages in the database; this is what a new site starts with. Each page has:
slug, title, summary, audience ("people" or "providers"), position (its order in the list), body (plain
English) and easy_read_title, easy_read_body (Easy Read: every idea is its own `[icon:NAME]` row).

tests/guidance/test_readability.py measures every page with a standard readability formula and checks
the Easy Read rules; the targets it enforces are stated there and in the README.
"""

from textwrap import dedent


def _text(text: str) -> str:
    return dedent(text).strip()


ADULT_SOCIAL_CARE = "[0121 303 1234](tel:01213031234)"

PAGES: list[dict] = [
    # --- For people, their families and carers -------------------------------------------------------
    {
        "slug": "good-day",
        "title": "Day opportunities and having a good day",
        "summary": "What day opportunities are, what makes a good day, and how to use Daywell to find things "
        "to do.",
        "audience": "people",
        "position": 1,
        "body": _text(
            """
            Day opportunities are things you can do in the day. They are for adults who need some care
            or support.

            They include clubs, classes, sport, art, music, gardening, volunteering and help to find work.
            Some happen at a day centre. Many happen in ordinary places, like libraries, parks, cafes and
            sports centres.

            ## What a good day looks like

            A good day is different for everyone. It is about what matters to you. These 4 questions can
            help you think about it.

            ### Does it give you a purpose?

            A good day gives you a reason to get up. That might be learning something new, doing a job,
            helping other people or getting better at something you enjoy.

            ### Does it happen in ordinary places?

            You have the right to use the same places as everyone else. That means shops, parks, colleges,
            gyms and workplaces near where you live.

            ### Do you get the right support?

            The right support helps you do things for yourself. It does not take over. Support might come
            from staff, a [Personal Assistant](/guidance/personal-assistants/), family or friends.

            ### Do you meet people?

            A good day lets you spend time with people you like. You can keep up with friends and make
            new ones.

            ## Find things to do on Daywell

            1. Go to [find day opportunities](/opportunities/).
            2. Search for things you enjoy, or enter your postcode to see what is near you.
            3. Use the filters to choose the days, the cost and the support you need.
            4. Open a listing to read what happens, how to join and who to contact.

            Many listings have an Easy Read summary. Some show a **Council checked** badge.
            [Find out what Council checked means](/council-checked/).

            > You do not have to do this on your own. A family member, carer, friend or social worker can
            help you look.

            ## Paying for day opportunities

            Some activities are free. Others cost money. You might be able to pay with a
            [direct payment](/guidance/direct-payments/).

            If you need support and have not had a needs assessment, you can
            [ask the council for one](/guidance/assessments/). You might also find it hard to get there:
            read about [transport and travel](/guidance/getting-there/).
            """
        ),
        "easy_read_title": "Having a good day",
        "easy_read_body": _text(
            """
            [icon:calendar] **Day opportunities** are things to do in the day.

            [icon:people] They are for adults who need some **support**.

            [icon:arts-crafts] You might do **art**, sport, music or cooking.

            [icon:work] You might **work** or **volunteer**.

            [icon:map] They can happen in **ordinary places**, like parks, cafes and libraries.

            ## What is a good day?

            [icon:star] A good day is **different** for everyone.

            [icon:question] Ask yourself these **4 questions**.

            [icon:heart] Does it give me a **purpose**? This means a reason to get up.

            [icon:home] Does it happen in **ordinary places**? Like the shops or the park.

            [icon:help] Do I get the **right support**? Good support helps you do things yourself.

            [icon:people] Do I **meet people**? You can see friends and make new ones.

            ## Find things to do

            [icon:search] Use Daywell to **find** things to do.

            [icon:map] Put in your **postcode**. You can see things near you.

            [icon:list] Choose the **days** and the **support** you need.

            [icon:easy-read] Many activities have an **Easy Read** summary.

            [icon:carer] Someone can **help you** look.

            [icon:money] Some activities are **free**. Some cost money.
            """
        ),
    },
    {
        "slug": "direct-payments",
        "title": "Direct payments and personal budgets",
        "summary": "What direct payments and personal budgets are, what they can pay for, how to ask for one "
        "and how to find activities that accept them.",
        "audience": "people",
        "position": 2,
        "body": _text(
            f"""
            A direct payment is money from the council that you spend on your own care and support. You
            choose the support and who gives it.

            It can help you do the things that matter to you, like going to a club or having a
            [Personal Assistant](/guidance/personal-assistants/).

            ## What a personal budget is

            A personal budget is the amount of money the council agrees your support will cost. You get
            one if a [needs assessment](/guidance/assessments/) shows you are eligible for support.

            You can have your personal budget:

            - as a direct payment, paid to you to spend yourself
            - managed by the council, which arranges your support for you
            - managed by a provider you choose (this is sometimes called an individual service fund)
            - as a mix of these

            You might need to pay something towards your support. The council works this out with a
            financial assessment. This looks at your income and savings.

            ## What a direct payment can pay for

            A direct payment is for the needs in your care and support plan. You agree this plan with the
            council. It can pay for things like:

            - a Personal Assistant
            - day opportunities, clubs and classes
            - support to go out, travel or see friends
            - a short break

            It is not usually for everyday living costs, like rent, bills or food.

            If you are not sure whether you can spend it on something, ask Adult Social Care before you
            spend it.

            ## How to ask for a direct payment

            If you already get support from the council, ask your social worker. If you do not, ask for a
            [needs assessment](/guidance/assessments/) first.

            Phone Birmingham City Council Adult Social Care on {ADULT_SOCIAL_CARE}.

            You can get help to manage a direct payment. A family member, a friend or a support service
            can help you.

            You need to keep records of how you spend the money. The council may ask to see them.

            Carers can sometimes get a direct payment too, after a
            [carer's assessment](/guidance/carers-assessments/).

            ## Find activities that accept direct payments

            Many listings say how you can pay. If you can pay with a direct payment, you will see a
            green **Direct payment accepted** label. If a listing does not say, ask the provider.

            To see only these activities, choose **Direct payment** under **Ways to pay** in the filters.
            Or go straight to
            [activities that accept direct payments](/opportunities/?payment=direct-payment).

            Check with the provider before you book. Ask what it costs and how they would like to be paid.
            """
        ),
        "easy_read_title": "Direct payments",
        "easy_read_body": _text(
            f"""
            [icon:money] A **direct payment** is money from the council.

            [icon:person] You use it to pay for your **support**.

            [icon:tick] **You choose** what support you get.

            [icon:people] You choose **who** helps you.

            [icon:council] The council works out how much money you need. This is your **personal budget**.

            ## What you can pay for

            [icon:calendar] You can pay for **activities** and clubs.

            [icon:person] You can pay a **Personal Assistant**. This is someone who helps you.

            [icon:walk] You can pay for help to **go out**.

            [icon:cross] It is **not** for rent, bills or food.

            [icon:question] Not sure? **Ask the council** before you spend it.

            ## How to get a direct payment

            [icon:talk] First the council **talks** to you about the help you need.

            [icon:money] You might need to **pay something** towards your support.

            [icon:phone] **Phone** the council on {ADULT_SOCIAL_CARE}.

            [icon:phone] Hard to hear or speak on the phone? Use **Relay UK**. Dial
            [18001 0121 303 1234](tel:18001-01213031234).

            [icon:help] Someone can **help you** with the money.

            [icon:document] You need to **keep a record** of what you spend.

            [icon:carer] **Carers** can sometimes get a direct payment too.

            ## Find activities you can pay for

            [icon:badge] Look for the words **Direct payment accepted**.

            [icon:search] **Find them** on Daywell:
            [activities you can pay for](/opportunities/?payment=direct-payment).

            [icon:talk] Ask the activity what it **costs** before you go.
            """
        ),
    },
    {
        "slug": "personal-assistants",
        "title": "Personal Assistants",
        "summary": "What a Personal Assistant does, how to find one on Daywell, what it means to employ one "
        "and which checks to ask about.",
        "audience": "people",
        "position": 3,
        "body": _text(
            f"""
            A Personal Assistant (PA) is someone you choose to support you. They work for you, at times
            that suit you.

            ## What a Personal Assistant does

            A PA helps with the things you need. This might include:

            - going out to activities, the shops or to see friends
            - travelling by bus or train
            - cooking, shopping and jobs around the home
            - personal care, like washing and dressing
            - going to appointments and dealing with letters

            You and your PA agree what they will do. Write it down so you both know.

            ## Find a Personal Assistant on Daywell

            Some PAs list their services on Daywell. Their listings have a purple
            **Personal Assistant** label.

            To see only PAs, tick **Only Personal Assistants** in the filters. Or go straight to
            [Personal Assistants on Daywell](/opportunities/?pa=1). Enter your postcode to find PAs who
            work near you.

            You can also find a PA through friends, local groups and support services.

            Many people pay their PA with a [direct payment](/guidance/direct-payments/). You can also pay
            with your own money.

            You usually cannot use a direct payment to pay a partner or relative who lives with you. Ask
            Adult Social Care if this is what you want.

            ## Employing a Personal Assistant

            If you employ a PA yourself, you become an employer. Employers have legal duties. You do not
            have to do it alone: support services can help you.

            As an employer you usually need to:

            - give your PA a written contract, which sets out their job, hours and pay
            - pay at least the National Minimum Wage, and holiday pay
            - take off tax and National Insurance from their pay
            - set up a workplace pension, if your PA can join one
            - have employer's liability insurance
            - check they have the right to work in the UK

            A payroll service can work out your PA's pay, tax and payslips for you. Some insurers sell
            insurance made for people who employ a PA.

            Ask Adult Social Care on {ADULT_SOCIAL_CARE} whether your direct payment can pay for payroll
            support and insurance.

            Some PAs are self-employed. They sort out their own tax and insurance. There are strict rules
            about who counts as self-employed. If you are not sure, ask HM Revenue and Customs (HMRC) or a
            support service.

            ## Checks to ask about

            Before a PA starts, ask about:

            - a **DBS check**, which is a check of criminal records
            - **references**: ask for 2, and contact the people yourself
            - **training**: for example in first aid, moving people safely or giving medicines
            - **insurance**, if they are self-employed

            DBS stands for Disclosure and Barring Service. Ask to see their DBS certificate, and check its
            date.

            Some PAs on Daywell show a **Council checked** badge. It means the council has checked their
            DBS check, insurance and other papers. [Find out what Council checked means](/council-checked/).

            Meet a PA before you decide. You can have someone with you. If you are ever worried about how
            a PA treats you, read [staying safe and raising a concern](/guidance/staying-safe/).
            """
        ),
        "easy_read_title": "Personal Assistants",
        "easy_read_body": _text(
            f"""
            [icon:person] A **Personal Assistant** helps you live your life. We say **PA** for short.

            [icon:tick] **You choose** your PA.

            [icon:walk] A PA can help you **go out**.

            [icon:cooking-food] A PA can help with **cooking** and shopping.

            [icon:personal-care] A PA can help you **wash** and get dressed.

            [icon:calendar] You agree what your PA does, and **when**.

            ## Find a PA

            [icon:search] **Find a PA** on Daywell: [Personal Assistants](/opportunities/?pa=1).

            [icon:badge] Look for the words **Personal Assistant**.

            [icon:money] You can pay a PA with a **direct payment**.

            [icon:cross] You usually **cannot** pay a family member who lives with you.

            ## Being an employer

            [icon:key] If you pay your PA yourself, you might be their **employer**.

            [icon:document] Your PA needs a **contract**. This says their job, hours and pay.

            [icon:money] A **payroll service** can work out their pay and tax.

            [icon:shield] You need **insurance**.

            [icon:help] You can get **help** with all of this.

            [icon:phone] **Ask** the council on {ADULT_SOCIAL_CARE}.

            ## Checks

            [icon:document] Ask to see their **DBS check**. This is a check for past crimes.

            [icon:talk] Ask for **references**. These are people who know their work.

            [icon:badge] Some PAs have a **Council checked** badge.

            [icon:people] **Meet** your PA first. You can take someone with you.

            [icon:warning] If you feel **unsafe**, tell someone.
            """
        ),
    },
    {
        "slug": "assessments",
        "title": "Getting a needs assessment from adult social care",
        "summary": "Who can ask for a needs assessment, how to ask, what happens and what comes next. It is "
        "free.",
        "audience": "people",
        "position": 4,
        "body": _text(
            f"""
            If you need help with everyday life, you can ask the council for a needs assessment. It is
            free.

            A needs assessment is a conversation with someone from the council. It is about what you find
            hard and what you want to do. It helps the council decide what support you can get.

            ## Who can ask

            You can ask for a needs assessment if you are 18 or over and you think you need care or
            support. It does not matter how much money you have.

            Young people can ask before they turn 18, to plan for adult life.

            Someone else can ask for you, like a family member, a carer or your doctor. They should ask you
            first.

            ## How to ask

            Phone Birmingham City Council Adult Social Care on {ADULT_SOCIAL_CARE}. Tell them you would
            like a needs assessment.

            If you find it hard to hear or speak on the phone, use Relay UK. Dial
            [18001 0121 303 1234](tel:18001-01213031234).

            ## What happens at the assessment

            Someone from adult social care will talk with you. This might be in person, on the phone or on
            a video call.

            They will ask about:

            - what you can do, and what you find hard
            - what matters to you and what you would like to do
            - the help you already get, for example from family
            - your health, your home and getting out and about

            Tell them about the things you enjoy and want to do in the day.
            [Having a good day](/guidance/good-day/) can help you think about this.

            You can have someone with you, like a family member or a friend. If you find it hard to take
            part and have nobody to help, you may be able to get an advocate. An advocate is someone
            independent who helps you say what you want.

            ## What happens next

            The council will tell you if you are eligible for support. Eligible means you meet the national
            rules for getting care and support from the council.

            If you are eligible, you and the council make a care and support plan. It says what support you
            will get and how much it costs. This amount is your
            [personal budget](/guidance/direct-payments/).

            The council will also do a financial assessment. This decides if you need to pay towards your
            support.

            If you are not eligible, the council will tell you why in writing. They should also tell you
            about other help near you.

            If your needs change, you can ask for a new assessment.

            If you look after someone, you can ask for a
            [carer's assessment](/guidance/carers-assessments/) too.
            """
        ),
        "easy_read_title": "Asking the council for help",
        "easy_read_body": _text(
            f"""
            [icon:council] The council can help adults who need **support**.

            [icon:talk] First they **talk** to you about your life. This is called an **assessment**.

            [icon:tick] An assessment is **free**.

            [icon:person] You can ask if you are **18 or over**.

            [icon:money] It does not matter how much **money** you have.

            ## How to ask

            [icon:phone] **Phone** the council on {ADULT_SOCIAL_CARE}.

            [icon:phone] Hard to hear or speak on the phone? Use **Relay UK**. Dial
            [18001 0121 303 1234](tel:18001-01213031234).

            [icon:talk] Say you want an **assessment**.

            [icon:carer] Someone can ask **for you**.

            ## What happens

            [icon:question] They ask what you find **hard**.

            [icon:heart] They ask what **matters** to you.

            [icon:star] Tell them what you like to **do** in the day.

            [icon:people] You can have someone **with you**.

            [icon:help] An **advocate** can help you say what you want.

            ## After the assessment

            [icon:document] The council tells you if you can get **support**.

            [icon:list] You make a **plan** together.

            [icon:money] They check if you need to **pay** something.

            [icon:calendar] If things change, you can ask **again**.
            """
        ),
    },
    {
        "slug": "carers-assessments",
        "title": "Carers' assessments",
        "summary": "If you look after someone, you can ask for a carer's assessment. It is free and it is "
        "about your own needs.",
        "audience": "people",
        "position": 5,
        "body": _text(
            f"""
            A carer is someone who looks after a family member or friend who could not manage without
            them. You might not live with them. Most carers are not paid for caring.

            If you are a carer aged 18 or over, you can ask the council for a carer's assessment. It is
            free.

            ## What a carer's assessment is

            A carer's assessment is a conversation about you and your life. It looks at how caring affects
            you: your health, your work or studies, your free time and your own plans.

            It is about your needs, not the needs of the person you care for.

            ## Who can have one

            You can have one if you look after someone and caring affects you. It does not matter:

            - how much care you give
            - how much money you have
            - whether the person you care for gets support from the council

            ## How to ask

            Phone Birmingham City Council Adult Social Care on {ADULT_SOCIAL_CARE}. Tell them you are a
            carer and you would like a carer's assessment.

            You can have it on your own, or at the same time as the assessment of the person you care for.
            It is your choice.

            ## What support might follow

            After your assessment, the council will tell you if you are eligible for support. Support for
            carers might include:

            - information and advice
            - a break from caring
            - help to look after your own health
            - a [direct payment](/guidance/direct-payments/) to spend on things that help you
            - meeting other carers at local groups

            Day opportunities can give you a break too, while the person you care for does something they
            enjoy. [Find day opportunities](/opportunities/).

            Some groups on Daywell are for carers themselves.
            [Find activities and groups for carers](/opportunities/?group=carers).

            If the person you care for has not had a needs assessment, they can ask for one. Read
            [getting a needs assessment](/guidance/assessments/).
            """
        ),
        "easy_read_title": "Help for carers",
        "easy_read_body": _text(
            f"""
            [icon:carer] A **carer** looks after a family member or friend.

            [icon:heart] Caring can be **hard work**.

            [icon:council] The council can help **carers** too.

            [icon:talk] First they talk to you. This is called a **carer's assessment**.

            [icon:tick] It is **free**.

            [icon:person] It is about **you**, not the person you care for.

            [icon:money] It does not matter how much **money** you have.

            ## How to ask

            [icon:phone] **Phone** the council on {ADULT_SOCIAL_CARE}.

            [icon:phone] Hard to hear or speak on the phone? Use **Relay UK**. Dial
            [18001 0121 303 1234](tel:18001-01213031234).

            [icon:talk] Say you are a **carer**.

            ## What they ask about

            [icon:health-wellbeing] They ask about your **health**.

            [icon:work] They ask about **work** or college.

            [icon:clock] They ask about your **free time**.

            ## Help you might get

            [icon:help] You might get **advice**.

            [icon:home] You might get a **break** from caring.

            [icon:money] You might get a **direct payment**.

            [icon:people] You can meet other carers in a **group**.

            [icon:search] **Groups for carers** are on Daywell: [find a group](/opportunities/?group=carers).
            """
        ),
    },
    {
        "slug": "getting-there",
        "title": "Getting there: transport and travelling on your own",
        "summary": "Ways to get to day opportunities, help with the cost of travel, and support to learn to "
        "travel on your own.",
        "audience": "people",
        "position": 6,
        "body": _text(
            f"""
            There are lots of ways to get to activities in Birmingham. Some activities can pick you up.
            Others are near a bus stop, a train station or a tram stop.

            ## Buses, trains and trams

            Network West Midlands has journey planners and timetables for buses, trains and trams in
            Birmingham. Search online for Network West Midlands.

            Most buses and trams have space for a wheelchair. You can ask for help at train stations, and
            you can book it before you travel.

            ## Help with the cost of travel

            ### Disabled person's bus pass

            If you are eligible, you can travel on buses for free at certain times. Ask Network West
            Midlands how to apply and when you can use it.

            If you need someone with you when you travel, ask if they can travel free too.

            ### Disabled Persons Railcard

            A Disabled Persons Railcard takes a third off most train fares. It is for you and an adult
            travelling with you.

            ### Blue Badge

            A Blue Badge lets you park closer to where you are going. You can apply to the council.

            ### Access to Work

            Access to Work can help with the cost of getting to a paid job, if you cannot use buses or
            trains. It is for work, not for day activities.

            ## Ring and Ride and community transport

            Ring and Ride is a minibus service that takes you from door to door. It is for people who find
            it hard to use ordinary buses. Ask Network West Midlands how to join and book a journey.

            Community transport is run by local charities and groups. Some have minibuses with a lift for
            wheelchairs.

            ## Transport from the activity

            Some activities can pick you up and take you home. Their listings on Daywell show
            **Transport provided**. Ask the provider if this costs extra.

            Other listings show **Near accessible public transport**. Many listings also say if there is
            **parking**.

            To find these, use **Access and support you need** in the filters. Or go straight to
            [activities with transport provided](/opportunities/?access=transport-provided).

            ## Learning to travel on your own

            Travel training helps you learn to make a journey by yourself. A trainer goes with you at
            first. Bit by bit they step back, until you feel safe to go on your own.

            Travel training can help you feel more confident and do more things. Ask Adult Social Care on
            {ADULT_SOCIAL_CARE}, or your school or college, about travel training.

            ## Travelling safely

            - plan your journey, and know what to do if something goes wrong
            - carry your phone, and a card with the name and number of someone to call
            - tell someone where you are going and when you will be back
            """
        ),
        "easy_read_title": "Getting there",
        "easy_read_body": _text(
            f"""
            [icon:map] There are lots of ways to get to **activities**.

            [icon:bus] You can go by **bus**, train or tram.

            [icon:walk] You might **walk** there.

            [icon:transport-provided] Some activities can **pick you up**. Look for **Transport provided**.

            [icon:public-transport] Some places are near **buses and trains**.

            [icon:parking] Some places have **parking**.

            ## Help with the cost

            [icon:bus] You might get a free **bus pass**.

            [icon:money] A **railcard** makes train tickets cheaper.

            [icon:car] A **Blue Badge** helps you park close by.

            [icon:home] **Ring and Ride** is a minibus. It picks you up from home.

            [icon:people] Local groups run **community transport**.

            ## Travel on your own

            [icon:walk] **Travel training** helps you learn a journey.

            [icon:person] A **trainer** goes with you at first.

            [icon:star] Then you can go **on your own**.

            [icon:phone] **Ask** the council about travel training on {ADULT_SOCIAL_CARE}.

            ## Stay safe

            [icon:map] **Plan** your journey before you go.

            [icon:phone] Take your **phone** with you.

            [icon:talk] Tell someone **where** you are going.
            """
        ),
    },
    {
        "slug": "staying-safe",
        "title": "Staying safe and raising a concern",
        "summary": "How to stay safe at activities, what abuse can look like, and who to tell if you are "
        "worried.",
        "audience": "people",
        "position": 7,
        "body": _text(
            f"""
            Everyone has the right to be safe. If you think someone is being hurt, or is at risk of harm,
            tell someone.

            ! If someone is in danger now, call 999.

            ## Staying safe at activities

            Good providers help you stay safe. Before you go, you can ask them:

            - how they keep people safe from harm and abuse (this is called safeguarding)
            - whether staff have had a DBS check, which is a check of criminal records
            - who you can talk to if something is wrong
            - how to make a complaint

            Some listings show a **Council checked** badge. It means the council has checked the provider's
            safeguarding policy, insurance and staff checks.
            [Find out what Council checked means](/council-checked/).

            Visit first if you can. Take someone you trust with you.

            ## What abuse can look like

            Abuse is when someone treats you badly. It can be:

            - hurting your body, like hitting or pushing
            - saying things that scare or upset you, or making threats
            - touching you in a sexual way when you do not want it
            - taking your money or things, or putting pressure on you about money
            - not giving you the care or help you need (this is called neglect)
            - treating you badly because of who you are, like your disability, race or religion
            - making you work for little or no pay

            Abuse can happen anywhere: at home, at an activity, in a care service or online. It can be done
            by someone you know, like a family member, a friend, a carer or a member of staff.

            Abuse is never your fault.

            ## How to raise a concern

            If someone is in danger now, call 999.

            Phone Birmingham City Council Adult Social Care on {ADULT_SOCIAL_CARE}.

            In the evening, at weekends and on bank holidays, phone the Emergency Duty Team on
            [0121 675 4806](tel:01216754806).

            Or [report a concern](/report-a-concern/) on Daywell. Only the council's safeguarding officers
            can read it. The form is not for emergencies.

            If you find it hard to hear or speak on the phone, use Relay UK. Dial
            [18001 0121 303 1234](tel:18001-01213031234).

            To talk to the police when it is not an emergency, call 101.

            You do not need proof. Tell us what you know. On the Daywell form, you can choose not to give
            your name.

            ## What happens next

            A safeguarding officer will look at what you tell them. Where they can, they will talk to the
            person and ask what they want to happen.

            If something on a listing is wrong but nobody is at risk, use the "Is something wrong here?"
            link on that listing.
            """
        ),
        "easy_read_title": "Staying safe",
        "easy_read_body": _text(
            f"""
            [icon:shield] Everyone has the right to be **safe**.

            [icon:warning] Is someone in **danger now**? Phone **999**.

            ## At activities

            [icon:question] Ask how staff keep you **safe**.

            [icon:badge] Look for the **Council checked** badge.

            [icon:people] Visit first with someone you **trust**.

            ## What abuse is

            [icon:cross] **Abuse** is when someone treats you badly.

            [icon:warning] Someone might **hurt** you.

            [icon:talk] Someone might say things that **scare** you.

            [icon:person] Someone might touch you when you do **not want** them to.

            [icon:money] Someone might take your **money**.

            [icon:help] Someone might not give you the **help** you need.

            [icon:heart] Abuse is **never your fault**.

            ## Tell someone

            [icon:talk] Tell someone you **trust**.

            [icon:phone] **Phone** the council on {ADULT_SOCIAL_CARE}.

            [icon:phone] Hard to hear or speak on the phone? Use **Relay UK**. Dial
            [18001 0121 303 1234](tel:18001-01213031234).

            [icon:clock] **At night** or at weekends, phone [0121 675 4806](tel:01216754806).

            [icon:form] Or fill in our **form** to [report a concern](/report-a-concern/).

            [icon:warning] The form is **not for emergencies**.

            [icon:shield] Only the **council team** that keeps people safe can read it.

            [icon:tick] You do not need **proof**.

            [icon:shield] The council will help keep people **safe**.
            """
        ),
    },
    # --- For providers ------------------------------------------------------------------------------
    {
        "slug": "for-providers-listing",
        "title": "How to list your day opportunities on Daywell",
        "summary": "How organisations and Personal Assistants join Daywell, add listings, get them approved "
        "and keep them up to date.",
        "audience": "providers",
        "position": 8,
        "body": _text(
            f"""
            Organisations and self-employed Personal Assistants can list their day opportunities on
            Daywell. This includes charities, community groups, day centres and businesses.

            ## Ask to join

            1. [Ask to join Daywell](/provider/join/). Tell us who you are and what you offer.
            2. Someone at the council reads your request. They may phone you if they have questions.
            3. If the council says yes, we email you a link to create your account.

            Once you have an account, you can invite other people from your organisation to your team.

            ## Add a listing

            Each activity has its own listing. The listing is split into short sections, so you can fill
            them in one at a time:

            - about the activity: its name, a short summary and what happens
            - who it is for
            - where it happens
            - when it happens
            - what it costs and how people can pay
            - access and support
            - how to join and how to get in touch
            - an Easy Read summary

            Say whether people can pay with a direct payment. Many people look for this.

            Read [how to write an Easy Read summary](/guidance/for-providers-easy-read/).

            ## The council checks your listing

            When your listing is ready, choose **Send for approval**. Daywell tells you if anything
            important is missing. A council officer then checks the listing before the public can see it.

            If you change a published listing, the council approves the change before people see it.

            You can change some things straight away, like whether you are taking new people or if you are
            closed for a while.

            The council also checks your organisation. Read
            [what the council checks](/guidance/for-providers-checks/).

            ## Keep your listings up to date

            People need to trust what they read. Check your listings often.

            If a listing has not been checked for 6 months, we email you a reminder.

            The email has a **still current** link. If nothing has changed, open the link to confirm. You do
            not need to sign in.

            If a listing goes a year without a check, we stop showing it in search. We do not delete it. It
            shows again as soon as you confirm it.

            If an activity stops or is full, change your listing straight away.

            For help, phone Adult Social Care on {ADULT_SOCIAL_CARE}.
            """
        ),
        "easy_read_title": "Putting your activities on Daywell",
        "easy_read_body": _text(
            """
            [icon:form] **First**, [ask to join Daywell](/provider/join/).

            [icon:council] The council reads your **request**.

            [icon:email] If they say yes, we **email** you a link.

            [icon:key] Use the link to make your **account**.

            ## Add a listing

            [icon:list] Each activity has its own **listing**.

            [icon:document] Fill in one **part** at a time.

            [icon:calendar] Say **when** it happens.

            [icon:money] Say what it **costs**.

            [icon:step-free] Say what **access** and support you give.

            [icon:easy-read] Write an **Easy Read** summary.

            ## The council checks it

            [icon:council] Send your listing to the **council**.

            [icon:tick] The council **checks** it.

            [icon:search] Then people can **find** it.

            ## Keep it up to date

            [icon:calendar] **Check** your listings often.

            [icon:email] After **6 months**, we send you a reminder.

            [icon:tick] Nothing has changed? Open the **still current** link in the email.

            [icon:cross] After **1 year** with no check, we **hide** the listing.
            """
        ),
    },
    {
        "slug": "for-providers-checks",
        "title": "What the council checks",
        "summary": "The papers the council checks before your listings show the Council checked badge, and "
        "how to keep the badge.",
        "audience": "providers",
        "position": 9,
        "body": _text(
            """
            Before your listings show the **Council checked** badge, a council officer checks your papers.
            Organisations and Personal Assistants are checked against the same standards.

            ## What the council checks

            ### Safeguarding policy

            Your policy says what you do to keep people safe from harm and abuse. It says who staff tell if
            they are worried.

            ### Public liability insurance

            You have public liability insurance, and it is in date.

            ### DBS checks

            The people who work with adults have had a check of criminal records from the Disclosure and
            Barring Service (DBS). A Personal Assistant needs a DBS check of themself.

            ### CQC registration

            You may need to be registered with the Care Quality Commission (CQC) if you give personal care.
            Personal care is help with things like washing, dressing, eating or going to the toilet. If you
            are registered, the council also looks at your CQC rating.

            ### Complaints procedure

            Your procedure says how people can tell you if something goes wrong, and what you do about it.

            Each check has a date and the name of the officer who made it. The council will tell you how to
            send your papers.

            If you are not sure whether you need to register with the CQC, ask the CQC.

            ## What the badge means

            The badge shows only when every check has passed. The date on it is the day the last of those
            checks was made.

            It does not mean the council runs, pays for or recommends your activity.
            [Read what Council checked means](/council-checked/).

            ## Keeping the badge

            Insurance and DBS checks run out. Before they do, we email you to ask for new papers.

            If a check runs out, your listings stop showing the badge. We do not hide or change your
            listings. The badge comes back when the council checks your new papers.

            Read [how to list your day opportunities](/guidance/for-providers-listing/).
            """
        ),
        "easy_read_title": "What the council checks",
        "easy_read_body": _text(
            """
            [icon:council] The council **checks** the people who run activities.

            [icon:badge] If they pass, their listings get a **Council checked** badge.

            [icon:person] **Personal Assistants** are checked in the same way.

            [icon:form] The council tells you how to **send** your papers.

            ## What the council looks at

            [icon:shield] How you keep people **safe** from harm.

            [icon:document] Your **insurance**. It must be in date.

            [icon:person] **DBS checks** for staff. These are checks for past crimes.

            [icon:personal-care] Do you help people wash or dress? Then the **CQC** may need to check you.

            [icon:talk] How people can **complain** if something goes wrong.

            ## Keep your badge

            [icon:calendar] Insurance and DBS checks **run out**.

            [icon:email] We **email** you before they run out.

            [icon:form] Send the council your **new papers**.

            [icon:cross] If a check runs out, the badge **goes away**.

            [icon:tick] It comes **back** when the council checks your new papers.

            [icon:cross] The badge does **not** mean the council runs your activity.
            """
        ),
    },
    {
        "slug": "for-providers-easy-read",
        "title": "How to write an Easy Read summary",
        "summary": "Easy Read helps people with a learning disability, and many others, understand what you "
        "offer. Here is how to write a good summary.",
        "audience": "providers",
        "position": 10,
        "body": _text(
            """
            Easy Read is a way of writing that is easy to understand. It helps people with a learning
            disability. It also helps people who are learning English, people with dementia and people who
            are tired or stressed.

            Every listing on Daywell can have an Easy Read summary. People who choose Easy Read on Daywell
            see your Easy Read summary.

            ## How to write Easy Read

            - Keep sentences short: 15 words or fewer.
            - Put one idea in each sentence.
            - Use everyday words. Say "help", not "facilitate". Say "start", not "commence".
            - Speak to the reader: "You can come on Tuesdays".
            - Say what happens, where, when, what it costs and who to contact.
            - Write numbers as digits: "2 hours", not "two hours".
            - Do not write whole words in capitals.
            - Do not use jargon or short forms like "PBS". If you need a hard word, say what it means.

            ## Make key words stand out

            In Easy Read leaflets, the most important words are in **bold**. For example: "We meet on
            **Tuesdays**. It is **free**."

            Your summary on Daywell is plain text, so bold does not show. Instead, put the key words near
            the start of each sentence. Put each sentence on a new line.

            ## Pictures

            In Easy Read leaflets, each idea has a picture beside it. The picture helps people understand
            the words. Use the same picture for the same thing each time. Photos of your real place and
            people work well.

            Daywell shows a picture beside each interest and access feature on your listing. So in your
            summary, you only need to write the words.

            ## Before and after

            ### A gardening group

            Before:

            > We facilitate person-centred horticultural sessions in a supportive community environment.

            After:

            > We grow fruit and vegetables. You can come on **Tuesdays**. We start at 10 in the morning. We
            finish at 2 in the afternoon. Our staff can help you.

            ### Paying and getting help

            Before:

            > Participants requiring assistance with personal care must be accompanied. A nominal charge
            applies for refreshments.

            After:

            > You can bring a **carer** to help you. Drinks and biscuits cost **50p**.

            ## Check your summary

            - Read it out loud. If you run out of breath, the sentence is too long.
            - Ask someone who comes to your activity to read it and tell you what they think.
            - Keep it short. A few sentences are enough.

            Read [how to list your day opportunities](/guidance/for-providers-listing/).
            """
        ),
        "easy_read_title": "Writing Easy Read",
        "easy_read_body": _text(
            """
            [icon:easy-read] **Easy Read** is writing that is easy to understand.

            [icon:people] It helps **lots of people**.

            [icon:document] Your listing can have an **Easy Read** summary.

            ## How to write it

            [icon:list] Use **short** sentences.

            [icon:tick] Put **one idea** in each sentence.

            [icon:talk] Use **everyday** words.

            [icon:cross] Do not say **facilitate**.

            [icon:tick] Say **help**.

            [icon:person] Talk to the reader. Say **you**.

            [icon:list] Put each sentence on a **new line**.

            ## What to say

            [icon:calendar] Say **when** it happens.

            [icon:map] Say **where** it happens.

            [icon:money] Say what it **costs**.

            [icon:phone] Say **who** to contact.

            ## Pictures

            [icon:heart] A **picture** beside each idea helps.

            [icon:tick] Daywell adds **pictures** for you.

            ## Check it

            [icon:talk] Read it **out loud**.

            [icon:people] Ask someone who comes to your activity to **check** it.
            """
        ),
    },
]
