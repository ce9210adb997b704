"""The privacy notice tells subscribers and event registrants what is kept and for how long
(an address never confirmed: forgotten after 7 days; registrants: deleted 30 days after the
event, the defaults of SUBSCRIPTIONS_FORGET_UNCONFIRMED_DAYS and REGISTRATIONS_KEEP_DAYS).
A notice the editors have already changed keeps its wording: the section is added before its
cookies section, and the old line about forms is replaced only where it is still there."""

from django.db import migrations

OLD_FORMS = {
    "lv": "<li>Publiskajās lapās nav formu, kas sūtītu personas datus: filtri darbojas tikai ar lapas adresi.</li>",
    "en": "<li>The public pages have no forms that send personal data: the filters work through the page address only.</li>",
}
NEW_FORMS = {
    "lv": "<li>Personas datus sūta tikai e-pasta abonēšanas un pasākumu reģistrācijas formas (skatīt zemāk); filtri darbojas tikai ar lapas adresi.</li>",
    "en": "<li>Only the email subscription and event registration forms send personal data (see below); the filters work through the page address only.</li>",
}
BEFORE = {"lv": "<h2>Sīkdatnes</h2>", "en": "<h2>Cookies</h2>"}
SECTION = {
    "lv": """<h2>E-pasta abonēšana un reģistrācija pasākumiem</h2>
<ul>
<li>Ja abonējat jaunumus, mēs glabājam jūsu e-pasta adresi, valodu, izvēlēto biežumu, ko sekojat, jums parādīto piekrišanas tekstu ar laiku, kad to apstiprinājāt, un ierakstu par to, kas jums nosūtīts. Nekas netiek sūtīts, pirms neesat apstiprinājis adresi ar saiti e-pastā; adrese, kas netiek apstiprināta, tiek dzēsta pēc 7 dienām. Katrā e-pastā ir saite, ar kuru vienā klikšķī atteikties, un saite uz lapu, kur mainīt izvēli vai dzēst visu uzreiz.</li>
<li>Ja reģistrējaties nacionālā kontaktpunkta pasākumam, mēs glabājam jūsu vārdu, organizāciju, e-pasta adresi, pilsētu un piekrišanu, lai pasākumu organizētu un jūs par to informētu. Šos datus redz tikai nacionālā kontaktpunkta darbinieki; tie tiek dzēsti 30 dienas pēc pasākuma vai uzreiz, kad reģistrāciju atceļat.</li>
<li>Abas formas izmanto sīkdatni csrftoken, kas aizsargā formu pret viltotiem pieprasījumiem; tā nav nepieciešama piekrišana. Lai novērstu ļaunprātīgu izmantošanu, pieprasījumu skaitu no vienas adreses un vienas interneta adreses skaita vienu stundu.</li>
<li>Tiesiskais pamats: jūsu piekrišana (VDAR 6. panta 1. punkta a) apakšpunkts), ko varat atsaukt jebkurā brīdī.</li>
</ul>
""",
    "en": """<h2>Email subscriptions and event registration</h2>
<ul>
<li>If you subscribe to news, we keep your email address, language, chosen frequency, what you follow, the consent text you were shown with the time you confirmed it, and a record of what was sent to you. Nothing is sent before you confirm the address through the link in an email; an address that is never confirmed is deleted after 7 days. Every email has a link to unsubscribe in one click and a link to a page where you change your choice or delete everything at once.</li>
<li>If you register for a National Contact Point event, we keep your name, organisation, email address, city and consent to organise the event and tell you about it. Only National Contact Point staff see these details; they are deleted 30 days after the event, or at once when you cancel your registration.</li>
<li>Both forms use the csrftoken cookie, which protects the form against forged requests and needs no consent. To prevent abuse, the number of requests from one email address and one internet address is counted for an hour.</li>
<li>Legal basis: your consent (GDPR Article 6(1)(a)), which you can withdraw at any time.</li>
</ul>
""",
}


def add_section(apps, schema_editor):
    Page = apps.get_model("pages", "Page")
    page = Page.objects.filter(kind="privacy").first()
    if page is None:
        return
    fields = []
    for code in ("lv", "en"):
        name = f"body_{code}"
        body = getattr(page, name, None)
        if not body or SECTION[code] in body:
            continue
        body = body.replace(OLD_FORMS[code], NEW_FORMS[code])
        if BEFORE[code] in body:
            body = body.replace(BEFORE[code], SECTION[code] + BEFORE[code], 1)
        else:
            body += "\n" + SECTION[code]
        setattr(page, name, body)
        fields.append(name)
    if fields:
        page.body = page.body_lv or page.body
        page.save(update_fields=[*fields, "body"])


def remove_section(apps, schema_editor):
    Page = apps.get_model("pages", "Page")
    page = Page.objects.filter(kind="privacy").first()
    if page is None:
        return
    for code in ("lv", "en"):
        name = f"body_{code}"
        body = getattr(page, name, None) or ""
        body = body.replace(SECTION[code], "").replace(NEW_FORMS[code], OLD_FORMS[code])
        setattr(page, name, body)
    page.body = page.body_lv
    page.save()


class Migration(migrations.Migration):
    dependencies = [("pages", "0002_first_statements")]

    operations = [migrations.RunPython(add_section, remove_section)]
