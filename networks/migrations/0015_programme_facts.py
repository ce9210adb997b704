"""The URBACT programme's own facts, shipped with the portal rather than with the demo: the
programmes, their network types and the phase templates of each type in each programme, as
the programme's documents give them. A stage whose length they do not state has no months.

Sources: URBACT III Guide to Transfer Networks, phase 2 (2018); URBACT III Action Planning
Networks (phase 1 of about 6 months, phase 2 of about 24); for URBACT IV, urbact.eu's pages on
the Action Planning Networks (1 June 2023 - 31 December 2025, an activation stage), the
Innovation Transfer Networks (24 months: Understand 6, Adapt 12, Preparing for Re-use 6), the
Transfer Networks (30 months: Understand, Adapt, Re-use) and the call for Action Networks
(30 months; an ignition phase, then a hands-on phase; the third is not named in the text
found).

Rows an editor already made (by slug, or a template of the same type and number for any
programme, which becomes URBACT III's) are kept as they are."""

from django.db import migrations

PROGRAMMES = [
    ("urbact-ii", "URBACT II", 2007, 2013),
    ("urbact-iii", "URBACT III", 2014, 2020),
    ("urbact-iv", "URBACT IV", 2021, 2027),
]

NETWORK_TYPES = [
    ("transfer-network", "Labās prakses pārneses tīkls", "Transfer Network"),
    ("action-planning-network", "Rīcības plānošanas tīkls", "Action Planning Network"),
    ("implementation-network", "Īstenošanas tīkls", "Implementation Network"),
    ("innovation-transfer-network", "Inovāciju pārneses tīkls", "Innovation Transfer Network"),
    ("action-network", "Rīcības tīkls", "Action Network"),
]

# (programme, type, phase number, stated months or None, [(period kind, months or None)],
#  [(milestone month, Latvian title, English title)])
TEMPLATES = [
    ("urbact-iii", "transfer-network", 1, None, [("development", 6)], []),
    (
        "urbact-iii",
        "transfer-network",
        2,
        None,
        [("learning", 18), ("sharing", 6)],
        [
            (3, "Labās prakses pārneses plāni", "Transfer Plans"),
            (12, "Starpposma rezultāti", "Mid-point outputs"),
            (18, "Mācīšanās perioda beigas", "End of the learning period"),
        ],
    ),
    (
        "urbact-iii",
        "action-planning-network",
        1,
        None,
        [("development", 6)],
        [(6, "Bāzes pētījums", "Baseline study")],
    ),
    (
        "urbact-iii",
        "action-planning-network",
        2,
        None,
        [("development", 24)],
        [(24, "Integrētie rīcības plāni", "Integrated Action Plans")],
    ),
    ("urbact-iv", "action-planning-network", 1, 31, [("activation", None)], []),
    (
        "urbact-iv",
        "innovation-transfer-network",
        1,
        24,
        [("understand", 6), ("adapt", 12), ("reuse", 6)],
        [],
    ),
    (
        "urbact-iv",
        "transfer-network",
        1,
        30,
        [("understand", None), ("adapt", None), ("reuse", None)],
        [],
    ),
    ("urbact-iv", "action-network", 1, 30, [("ignition", None), ("hands_on", None)], []),
]


def add_facts(apps, schema_editor):
    Programme = apps.get_model("networks", "Programme")
    NetworkType = apps.get_model("networks", "NetworkType")
    PhaseTemplate = apps.get_model("networks", "PhaseTemplate")
    PeriodTemplate = apps.get_model("networks", "PeriodTemplate")
    MilestoneTemplate = apps.get_model("networks", "MilestoneTemplate")
    programmes = {}
    for slug, name, start, end in PROGRAMMES:
        programmes[slug] = (
            Programme.objects.filter(slug=slug).first()
            or Programme.objects.filter(name=name).first()
            or Programme.objects.create(slug=slug, name=name, start_year=start, end_year=end)
        )
    types = {}
    for slug, name_lv, name_en in NETWORK_TYPES:
        types[slug], _created = NetworkType.objects.get_or_create(
            slug=slug, defaults={"name": name_lv, "name_lv": name_lv, "name_en": name_en}
        )
    for programme, network_type, number, months, periods, milestones in TEMPLATES:
        programme, network_type = programmes[programme], types[network_type]
        if PhaseTemplate.objects.filter(
            programme=programme, network_type=network_type, number=number
        ).exists():
            continue
        shared = PhaseTemplate.objects.filter(
            programme=None, network_type=network_type, number=number
        ).first()
        if shared is not None and programme.slug == "urbact-iii":
            shared.programme = programme  # the demo's templates were URBACT III's
            shared.save(update_fields=["programme"])
            continue
        template = PhaseTemplate.objects.create(
            programme=programme, network_type=network_type, number=number, months=months
        )
        PeriodTemplate.objects.bulk_create(
            PeriodTemplate(template=template, kind=kind, months=length, order=order)
            for order, (kind, length) in enumerate(periods)
        )
        MilestoneTemplate.objects.bulk_create(
            MilestoneTemplate(
                template=template, month=month, title=title_lv, title_lv=title_lv, title_en=title_en
            )
            for month, title_lv, title_en in milestones
        )


class Migration(migrations.Migration):
    dependencies = [("networks", "0014_programme_phase_templates_and_whole_network_approvals")]

    operations = [migrations.RunPython(add_facts, migrations.RunPython.noop)]
