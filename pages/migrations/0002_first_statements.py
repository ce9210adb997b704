"""The first accessibility statement and privacy notice, in Latvian and English, written for
this portal as it is built (no analytics, nothing loaded from other sites, no cookies on
public pages). NCP editors keep them current in the admin; they may add and change the
statements, never delete them. Partner editors get no permission here."""

import datetime

from django.db import migrations

from core.groups import NCP_EDITOR, grant

PREPARED = datetime.date(2026, 12, 3)

ACCESSIBILITY_LV = """
<p>Viedās administrācijas un reģionālās attīstības ministrija (VARAM) kā URBACT nacionālais kontaktpunkts Latvijā apņemas šo tīmekļvietni veidot piekļūstamu saskaņā ar Ministru kabineta 2020. gada 14. jūlija noteikumiem Nr. 445 “Kārtība, kādā iestādes ievieto informāciju internetā”, kas pārņem Eiropas Parlamenta un Padomes Direktīvu (ES) 2016/2102.</p>
<p>Šis paziņojums attiecas uz URBACT nacionālā kontaktpunkta portālu: tā publiskajām lapām latviešu un angļu valodā (ziņas, sadarbības tīkli, labās prakses, rezultāti, pilsētas, valstis, pasākumi un šie paziņojumi).</p>
<h2>Nepiekļūstams saturs</h2>
<p>Turpmāk minētais saturs nav piekļūstams šādu iemeslu dēļ.</p>
<h3>Neatbilstība prasībām</h3>
<ul>
<li>Rezultātu bibliotēkas dokumentus un progresa ziņām pievienotos dokumentus (PDF un biroja datnes: pārneses plānus, mācīšanās žurnālus, integrētos rīcības plānus, gala produktus) sagatavo partneru pilsētas un tīkli. Daudzi no tiem nav veidoti kā piekļūstami dokumenti: tiem var trūkt virsrakstu struktūras, pareizas lasīšanas secības un attēlu un diagrammu teksta alternatīvu (WCAG 1.1.1, 1.3.1, 1.3.2).</li>
<li>Progresa ziņām pievienotajām fotogrāfijām ir teksta alternatīva tikai tad, ja partnera redaktors to ir uzrakstījis (WCAG 1.1.1).</li>
<li>Tīkla lapas partneru pilsētu kartes atzīmes nevar sasniegt ar tastatūru (WCAG 2.1.1). Tā pati informācija ir blakus esošajā partneru tabulā, kas ir pilnībā piekļūstama.</li>
<li>Dokumentu nosaukumi citās valodās nav marķēti ar to valodu (WCAG 3.1.2).</li>
</ul>
<h3>Nesamērīgs slogs</h3>
<p>Ministrija neatsaucas uz nesamērīgu slogu.</p>
<h3>Saturs, uz kuru neattiecas piekļūstamības prasības</h3>
<ul>
<li>Biroja datņu formātā (PDF, teksta, izklājlapu un prezentāciju datnes) publicēti dokumenti, kas publicēti pirms 2018. gada 23. septembra, piemēram, agrāko URBACT tīklu dokumenti.</li>
<li>Trešo personu saturs, ko Ministrija nav finansējusi, izstrādājusi un ko tā nekontrolē: partneru pilsētu un tīklu dokumenti un lapas citās tīmekļvietnēs (urbact.eu un tīklu pašu vietnēs), uz kurām šeit ir saites.</li>
</ul>
<h2>Paziņojuma sagatavošana</h2>
<p>Paziņojums sagatavots 2026. gada 3. decembrī. Izmantotā metode ir pašnovērtējums. Galvenās publiskās lapas (sākumlapa, sadarbības tīklu saraksts un tīklu lapas, progresa ziņas, pilsētu un valstu lapas, pasākumi, meklēšana, labās prakses, rezultāti un šie paziņojumi) pārbaudītas ar automātisko rīku axe-core datora (1280 pikseļu) un tālruņa (360 pikseļu) ekrāna platumā, un nopietnas vai kritiskas problēmas netika atrastas. Šis rīks cita starpā pārbauda teksta kontrastu, formu lauku nosaukumus, teksta alternatīvas un virsrakstu un orientieru struktūru; vēl viena automātiska pārbaude apliecina, ka tastatūras fokuss ir redzams un saite “Pāriet uz saturu” ir pirmā. Automātiskās pārbaudes atkārto ikreiz, kad mainās portāla programmatūra. Portālu nav vērtējis ārējs auditors, un tas nav testēts kopā ar cilvēkiem ar invaliditāti.</p>
<h2>Atsauksmes un saziņa</h2>
<p>Ja pamanāt piekļūstamības problēmu, kas šeit nav minēta, vai vēlaties saņemt šīs vietnes saturu piekļūstamā veidā (piemēram, dokumenta tekstu), rakstiet Ministrijai uz <a href="mailto:pasts@varam.gov.lv">pasts@varam.gov.lv</a>, tēmā norādot “URBACT portāla piekļūstamība”, vai pa pastu: Peldu iela 25, Rīga, LV-1494. Atbildi sniegsim Iesniegumu likumā noteiktajā termiņā, ne vēlāk kā viena mēneša laikā.</p>
<h2>Sūdzību iesniegšana</h2>
<p>Ja neesat apmierināts ar saņemto atbildi, varat iesniegt sūdzību Ministrijas valsts sekretāram uz tām pašām adresēm. Jūs varat vērsties arī Tiesībsarga birojā (Baznīcas iela 25, Rīga, LV-1010, <a href="https://www.tiesibsargs.lv">www.tiesibsargs.lv</a>), kas izskata iesniegumus par atšķirīgu attieksmi, arī invaliditātes dēļ.</p>
"""

ACCESSIBILITY_EN = """
<p>The Ministry of Smart Administration and Regional Development of the Republic of Latvia (VARAM), as the URBACT National Contact Point in Latvia, is committed to making this website accessible in accordance with Cabinet Regulation No. 445 of 14 July 2020 “Procedures by which institutions publish information on the internet”, which transposes Directive (EU) 2016/2102 of the European Parliament and of the Council.</p>
<p>This statement applies to the URBACT National Contact Point portal: its public pages in Latvian and English (news, networks, good practices, outputs, cities, countries, events and these statements).</p>
<h2>Non-accessible content</h2>
<p>The content listed below is not accessible for the following reasons.</p>
<h3>Non-compliance with the requirements</h3>
<ul>
<li>Documents in the outputs library and those attached to progress updates (PDF and office files: transfer plans, learning logs, integrated action plans, final products) are written by the partner cities and networks. Many were not produced as accessible documents: they may lack a heading structure, a correct reading order and text alternatives for images and charts (WCAG 1.1.1, 1.3.1, 1.3.2).</li>
<li>Photos attached to progress updates have a text alternative only when the partner editor wrote one (WCAG 1.1.1).</li>
<li>The markers on the map of partner cities on network pages cannot be reached with a keyboard (WCAG 2.1.1). The table of partners next to the map gives the same information and is fully accessible.</li>
<li>Titles of documents in other languages are not marked with their language (WCAG 3.1.2).</li>
</ul>
<h3>Disproportionate burden</h3>
<p>The Ministry does not claim a disproportionate burden.</p>
<h3>Content not within the scope of the accessibility requirements</h3>
<ul>
<li>Documents in office file formats (PDF, text, spreadsheet and presentation files) published before 23 September 2018, such as documents of earlier URBACT networks.</li>
<li>Third-party content that the Ministry neither funded nor developed and does not control: documents and pages of partner cities and networks on other websites (urbact.eu and the networks' own sites) linked from here.</li>
</ul>
<h2>Preparation of this statement</h2>
<p>This statement was prepared on 3 December 2026. The method used is a self-assessment. The main public pages (home, the network list and network pages, progress updates, city and country pages, events, search, good practices, outputs and these statements) were checked with the automated tool axe-core at desktop (1280 pixels) and phone (360 pixels) widths, with no serious or critical problem found. That tool checks, among other things, text contrast, form labels, text alternatives and the structure of headings and landmarks; a further automated check confirms that keyboard focus is visible and that the “Skip to content” link comes first. The automated checks are repeated whenever the portal's software changes. The portal has not been evaluated by an external auditor and has not been tested with people with disabilities.</p>
<h2>Feedback and contact information</h2>
<p>If you notice an accessibility problem not mentioned here, or need content of this site in an accessible form (for example the text of a document), write to the Ministry at <a href="mailto:pasts@varam.gov.lv">pasts@varam.gov.lv</a> with “URBACT portal accessibility” in the subject, or by post to Peldu iela 25, Rīga, LV-1494. We answer within the time the Law on Submissions sets, at most one month.</p>
<h2>Enforcement procedure</h2>
<p>If you are not satisfied with our answer, you can complain to the State Secretary of the Ministry at the same addresses. You can also turn to the Ombudsman's Office of the Republic of Latvia (Baznīcas iela 25, Rīga, LV-1010, <a href="https://www.tiesibsargs.lv">www.tiesibsargs.lv</a>), which examines complaints about unequal treatment, including on the ground of disability.</p>
"""

PRIVACY_LV = """
<p>Šis paziņojums skaidro, kādus personas datus apstrādā URBACT nacionālā kontaktpunkta portāls, kādēļ, cik ilgi tos glabā un kādas ir Jūsu tiesības. Tas sagatavots saskaņā ar Vispārīgo datu aizsardzības regulu (Regula (ES) 2016/679, VDAR) un Fizisko personu datu apstrādes likumu.</p>
<h2>Pārzinis</h2>
<p>Viedās administrācijas un reģionālās attīstības ministrija (VARAM), URBACT nacionālais kontaktpunkts Latvijā. Adrese: Peldu iela 25, Rīga, LV-1494. E-pasts: <a href="mailto:pasts@varam.gov.lv">pasts@varam.gov.lv</a>. Tīmekļvietne: <a href="https://www.varam.gov.lv">www.varam.gov.lv</a>. Ministrijas datu aizsardzības speciālistam varat rakstīt uz tām pašām adresēm ar norādi “Datu aizsardzības speciālistam”.</p>
<h2>Publiskās vietnes apmeklētāji</h2>
<ul>
<li>Publiskajās lapās nav formu, kas sūtītu personas datus: filtri darbojas tikai ar lapas adresi.</li>
<li>Vietnē nav apmeklējumu analītikas, reklāmas, izsekošanas vai sociālo tīklu pogu. Lapas neielādē neko no citām vietnēm: fonti, skripti un stili nāk no šīs pašas vietnes.</li>
<li>Publiskās lapas neiestata sīkdatnes. Valoda ir daļa no adreses (/lv/ vai /en/); vietnes sākuma adrese izvēlas latviešu vai angļu valodu pēc valodas, ko pieprasa Jūsu pārlūks, un neko nesaglabā.</li>
<li>Atverot lapu, Jūsu pārlūks nosūta serverim Jūsu IP adresi un ziņas par pārlūku, kā tas notiek jebkurā vietnē. Portāls pats tās nereģistrē. Ja portāla mitināšanas servera piekļuves žurnālos tās tiek pierakstītas drošības un kļūdu novēršanas vajadzībām, žurnālus glabā ne ilgāk kā 30 dienas un citiem nolūkiem neizmanto.</li>
<li>Tīklu lapās partneru pilsētu karti zīmē no šīs vietnes datiem, bez fona kartes attēliem. Ja nacionālais kontaktpunkts pievienos fona karti no karšu pakalpojuma, šis paziņojums šo pakalpojumu nosauks, pirms tas tiek ieslēgts.</li>
<li>Citām vietnēm, uz kurām ir saites (urbact.eu, tīklu vietnes, ārēji dokumenti), ir savi privātuma paziņojumi.</li>
</ul>
<h2>Redaktori (nacionālā kontaktpunkta darbinieki un partneru redaktori)</h2>
<p>Par cilvēkiem, kas pieslēdzas administrācijas sadaļai, lai rediģētu portālu, glabājam:</p>
<ul>
<li>kontu: lietotājvārdu, vārdu un uzvārdu, e-pasta adresi, paroli vienvirziena jaucējvērtības veidā (nekad pašu paroli), grupas un tiesības, tīklus, ko partnera redaktors rediģē, konta izveides un pēdējās pieslēgšanās laiku;</li>
<li>redakcijas vēsturi: kurš uzrakstījis katru ziņu un progresa ziņu, kurš ko un kad mainījis (izmaiņu vēsture ziņām, tīkliem un progresa ziņām un administrācijas darbību žurnāls), kā arī pārskatīšanas komentārus;</li>
<li>pieslēgšanās drošības ierakstus: par katru neveiksmīgu pieslēgšanos – izmantoto lietotājvārdu, IP adresi, pārlūka identifikāciju un laiku, lai apturētu paroļu minēšanu (pēc 5 neveiksmēm pieslēgšanās tiek bloķēta uz 15 minūtēm), un par katru veiksmīgu pieslēgšanos un atslēgšanos – tās pašas ziņas;</li>
<li>portāla sūtītos e-pastus: saiti paroles izvēlei jaunam partnera redaktoram un paziņojumus darbiniekiem, kad progresa ziņa iesniegta pārskatīšanai.</li>
</ul>
<p>Nolūks un tiesiskais pamats: nacionālā kontaktpunkta informācijas pakalpojums par URBACT programmu un uzskaite par to, kas un kad publicēts, kā sabiedrības interesēs veicams uzdevums (VDAR 6. panta 1. punkta e) apakšpunkts), un administrācijas sadaļas drošība (VDAR 32. pants).</p>
<h2>Sīkdatnes</h2>
<p>Publiskās lapas sīkdatnes neiestata. Administrācijas sadaļa (/admin/) izmanto tikai tās darbībai nepieciešamas sīkdatnes, kurām piekrišana nav vajadzīga:</p>
<table>
<thead><tr><th scope="col">Sīkdatne</th><th scope="col">Nolūks</th><th scope="col">Glabāšanas laiks</th></tr></thead>
<tbody>
<tr><td>sessionid</td><td>uztur redaktora pieslēgšanos</td><td>līdz atslēgšanās brīdim, ne ilgāk kā divas nedēļas</td></tr>
<tr><td>csrftoken</td><td>aizsargā administrācijas formas pret starpvietņu pieprasījumu viltošanu; to iestata, atverot pieslēgšanās lapu vai citu administrācijas formu</td><td>viens gads</td></tr>
<tr><td>messages</td><td>nodod nākamajai lapai paziņojumu, piemēram, “saglabāts”</td><td>līdz paziņojums parādīts</td></tr>
</tbody>
</table>
<h2>Glabāšanas laiks</h2>
<ul>
<li>Konti: kamēr cilvēks rediģē nacionālā kontaktpunkta vai tīkla vārdā. Kad viņš rediģēšanu beidz, kontu deaktivizē; pēc pieprasījuma to dzēš.</li>
<li>Redakcijas vēsture: kamēr glabā saturu, uz ko tā attiecas, kā Ministrijas publikāciju uzskaiti.</li>
<li>Sesijas: beidzas, kad redaktors atslēdzas, vai pēc divām nedēļām.</li>
<li>Neveiksmīgu pieslēgšanos ieraksti: dzēsti pēc veiksmīgas pieslēgšanās vai tad, kad pagājis 15 minūšu bloķēšanas laiks.</li>
<li>Veiksmīgu pieslēgšanos ieraksti: viens gads, pēc tam tos dzēš.</li>
</ul>
<h2>Saņēmēji</h2>
<p>Datus redz tikai nacionālā kontaktpunkta darbinieki, Ministrijas IT darbinieki un mitināšanas pakalpojuma sniedzējs, kas datus apstrādā Ministrijas uzdevumā. Datus nepārdod, nenodod mārketingam un neizmanto profilēšanai, un tos nenodod uz valstīm ārpus Eiropas Savienības un Eiropas Ekonomikas zonas.</p>
<h2>Jūsu tiesības</h2>
<p>Jūs varat lūgt Ministrijai piekļuvi saviem datiem, to labošanu, dzēšanu vai apstrādes ierobežošanu un iebilst pret apstrādi (VDAR 15.–18. un 21. pants), rakstot uz iepriekš minētajām adresēm. Jums ir arī tiesības iesniegt sūdzību Datu valsts inspekcijā (Elijas iela 17, Rīga, LV-1050, <a href="https://www.dvi.gov.lv">www.dvi.gov.lv</a>).</p>
"""

PRIVACY_EN = """
<p>This notice explains what personal data the URBACT National Contact Point portal processes, why, for how long, and what rights you have. It follows the General Data Protection Regulation (Regulation (EU) 2016/679, GDPR) and Latvia's Personal Data Processing Law.</p>
<h2>Controller</h2>
<p>The Ministry of Smart Administration and Regional Development of the Republic of Latvia (Viedās administrācijas un reģionālās attīstības ministrija, VARAM), the URBACT National Contact Point in Latvia. Address: Peldu iela 25, Rīga, LV-1494. E-mail: <a href="mailto:pasts@varam.gov.lv">pasts@varam.gov.lv</a>. Website: <a href="https://www.varam.gov.lv">www.varam.gov.lv</a>. You can write to the Ministry's data protection officer at the same addresses, marked “For the data protection officer”.</p>
<h2>Visitors of the public site</h2>
<ul>
<li>The public pages have no forms that send personal data: the filters work through the page address only.</li>
<li>There is no visitor analytics, advertising, tracking or social media button. The pages load nothing from other websites: fonts, scripts and styles come from this site itself.</li>
<li>The public pages set no cookies. The language is part of the address (/lv/ or /en/); the site's home address chooses Latvian or English from the language your browser asks for, and stores nothing.</li>
<li>When you open a page, your browser sends the server your IP address and details of the browser, as with any website. The portal itself does not record them. Where the server hosting the portal writes them to its access logs for security and troubleshooting, those logs are kept no longer than 30 days and used for nothing else.</li>
<li>Network pages draw the map of partner cities from this site's data, without background map images. Should the National Contact Point add a background map from a map tile service, this notice will name that service before it is switched on.</li>
<li>Other websites linked from here (urbact.eu, the networks' sites, external documents) have their own privacy notices.</li>
</ul>
<h2>Editors (National Contact Point staff and partner editors)</h2>
<p>For people who sign in to the back office to edit the portal, we keep:</p>
<ul>
<li>the account: user name, first and last name, e-mail address, the password as a one-way hash (never the password itself), groups and permissions, the networks a partner editor works on, and when the account was created and last used;</li>
<li>the editorial record: who wrote each news article and progress update, who changed what and when (the history of changes to articles, networks and progress updates, and the back office's log of actions), and review comments;</li>
<li>sign-in security records: for each failed sign-in, the user name tried, the IP address, the browser's identification and the time, to stop password guessing (after 5 failures sign-in is blocked for 15 minutes); and the same details of each successful sign-in and sign-out;</li>
<li>the e-mails the portal sends: the link to choose a password for a new partner editor, and notices to staff when a progress update is submitted for review.</li>
</ul>
<p>Purpose and legal basis: the National Contact Point's information service on the URBACT programme and a record of what was published, by whom and when, as a task carried out in the public interest (GDPR Article 6(1)(e)), and the security of the back office (GDPR Article 32).</p>
<h2>Cookies</h2>
<p>The public pages set no cookies. The back office (/admin/) uses only the cookies it needs to work, which need no consent:</p>
<table>
<thead><tr><th scope="col">Cookie</th><th scope="col">Purpose</th><th scope="col">Kept</th></tr></thead>
<tbody>
<tr><td>sessionid</td><td>keeps an editor signed in</td><td>until sign-out, at most two weeks</td></tr>
<tr><td>csrftoken</td><td>protects the back office's forms against cross-site request forgery; set when the sign-in page or another back-office form is opened</td><td>one year</td></tr>
<tr><td>messages</td><td>carries a notice such as “saved” to the next page</td><td>until the notice is shown</td></tr>
</tbody>
</table>
<h2>Retention</h2>
<ul>
<li>Accounts: while the person edits for the National Contact Point or a network. When they stop, the account is deactivated; it is deleted on request.</li>
<li>The editorial record: as long as the content it concerns is kept, as the Ministry's record of its publications.</li>
<li>Sessions: end at sign-out or after two weeks.</li>
<li>Records of failed sign-ins: deleted after a successful sign-in or once the 15-minute block has passed.</li>
<li>Records of successful sign-ins: one year, then deleted.</li>
</ul>
<h2>Recipients</h2>
<p>Only the National Contact Point's staff, the Ministry's IT staff and the hosting provider, which processes the data on the Ministry's behalf, see the data. They are not sold, not passed on for marketing, not used for profiling, and not transferred to countries outside the European Union and the European Economic Area.</p>
<h2>Your rights</h2>
<p>You may ask the Ministry for access to your data, for their correction, erasure or the restriction of their processing, and object to their processing (GDPR Articles 15–18 and 21), by writing to the addresses above. You also have the right to lodge a complaint with the Data State Inspectorate of Latvia (Datu valsts inspekcija, Elijas iela 17, Rīga, LV-1050, <a href="https://www.dvi.gov.lv">www.dvi.gov.lv</a>).</p>
"""

PAGES = [
    {
        "kind": "accessibility",
        "title_lv": "Piekļūstamības paziņojums",
        "title_en": "Accessibility statement",
        "body_lv": ACCESSIBILITY_LV.strip(),
        "body_en": ACCESSIBILITY_EN.strip(),
        "conformance": "partial",
    },
    {
        "kind": "privacy",
        "title_lv": "Privātuma paziņojums",
        "title_en": "Privacy notice",
        "body_lv": PRIVACY_LV.strip(),
        "body_en": PRIVACY_EN.strip(),
        "conformance": "",
    },
]


def create_pages(apps, schema_editor):
    Page = apps.get_model("pages", "Page")
    for row in PAGES:
        if not Page.objects.filter(kind=row["kind"]).exists():
            Page.objects.create(
                **row,
                title=row["title_lv"],
                body=row["body_lv"],
                last_reviewed=PREPARED,
            )
    grant(apps, NCP_EDITOR, "pages", ["add_page", "change_page", "view_page"])


def remove_pages(apps, schema_editor):
    apps.get_model("pages", "Page").objects.filter(kind__in=[row["kind"] for row in PAGES]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0001_initial"),
        ("urbact_portal", "0001_editor_groups"),
    ]

    operations = [migrations.RunPython(create_pages, remove_pages)]
