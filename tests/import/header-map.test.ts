import fs from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { autoMap, IMPORT_FIELDS } from "@/lib/import/fields";
import { candidateOf, HEADER_MAP, isMobileLabel, listRulesFor, mapHeaders, normalizeHeader, recognizeFormat, splitListNames } from "@/lib/import/header-map";
import { detectDelimiter } from "@/lib/import/sniff";
import { VCARD_COLUMNS } from "@/lib/import/vcard";
import { planFor } from "@/lib/import/mapping-plan";
import { FIXTURES } from "./support";

// Each fixture holds a header line as the product publishes it (and a row or
// two, imported in formats.test.ts): every column a contact field exists for
// maps itself, with no manual step.

function headerOf(file: string): string[] {
  const text = fs.readFileSync(path.join(FIXTURES, "formats", file), "utf8");
  return (parse(text, { delimiter: detectDelimiter(text), relax_column_count: true, to_line: 1 }) as string[][])[0];
}

/** The mapped columns only: header → target. */
function mapped(headers: string[]): Record<string, string> {
  const { mapping } = mapHeaders(headers, []);
  return Object.fromEntries(headers.map((h, i) => [h, mapping[i]]).filter(([, t]) => t));
}

const ADDRESS_1 = { "Address 1 - Street": "addressStreet", "Address 1 - City": "addressCity", "Address 1 - Region": "addressState", "Address 1 - Postal Code": "addressZip", "Address 1 - Country": "addressCountry" };

describe("published export formats map themselves", () => {
  test.each([
    ["google.csv", "google", {
      "First Name": "firstName", "Last Name": "lastName", "Organization Name": "company", "Organization Title": "new:text", Birthday: "new:text", Notes: "notes", Labels: "lists",
      "E-mail 1 - Value": "email", "E-mail 2 - Value": "email:2", "Phone 1 - Label": "phoneType", "Phone 1 - Value": "phone", "Phone 2 - Label": "phoneType", "Phone 2 - Value": "phone:2", ...ADDRESS_1,
    }],
    ["google-legacy.csv", "google-legacy", {
      Name: "name", "Given Name": "firstName", "Family Name": "lastName", Birthday: "new:text", Notes: "notes", "Group Membership": "lists", "E-mail 1 - Value": "email",
      "Phone 1 - Type": "phoneType", "Phone 1 - Value": "phone", "Phone 2 - Type": "phoneType", "Phone 2 - Value": "phone:2", "Organization 1 - Name": "company", "Organization 1 - Title": "new:text",
    }],
    ["outlook.csv", "outlook", {
      "First Name": "firstName", "Last Name": "lastName", "E-mail Address": "email", "E-mail 2 Address": "email:2", "E-mail 3 Address": "email:3",
      // Mobile, then Primary, Business, Home (the order), then the second and other numbers.
      "Mobile Phone": "phone", "Primary Phone": "phone:2", "Business Phone": "phone:3", "Home Phone": "phone:4", "Business Phone 2": "phone:5", "Home Phone 2": "phone:6", "Other Phone": "phone:7",
      "Job Title": "new:text", Company: "company", "Business Street": "addressStreet", "Business City": "addressCity", "Business State": "addressState", "Business Postal Code": "addressZip", "Business Country/Region": "addressCountry", Notes: "notes",
    }],
    ["hubspot.csv", "hubspot", {
      "Record ID": "externalId", "First Name": "firstName", "Last Name": "lastName", Email: "email", "Mobile Phone Number": "phone", "Phone Number": "phone:2", "Company Name": "company", "Job Title": "new:text",
      "Street Address": "addressStreet", City: "addressCity", "State/Region": "addressState", "Postal Code": "addressZip", "Country/Region": "addressCountry",
    }],
    ["salesforce.csv", "salesforce", {
      "Contact ID": "externalId", "First Name": "firstName", "Last Name": "lastName", Title: "new:text", "Account Name": "company", "Mailing Street": "addressStreet", "Mailing City": "addressCity",
      "Mailing State/Province": "addressState", "Mailing Zip/Postal Code": "addressZip", "Mailing Country": "addressCountry", Mobile: "phone", Phone: "phone:2", Email: "email",
    }],
    ["salesforce-contact.csv", "salesforce-api", {
      Id: "externalId", LastName: "lastName", FirstName: "firstName", Name: "name", MailingStreet: "addressStreet", MailingCity: "addressCity", MailingState: "addressState", MailingPostalCode: "addressZip", MailingCountry: "addressCountry",
      MobilePhone: "phone", Phone: "phone:2", HomePhone: "phone:3", OtherPhone: "phone:4", Email: "email", Title: "new:text", Birthdate: "new:text", Description: "notes",
    }],
    ["zoho.csv", "zoho", {
      "Record Id": "externalId", "First Name": "firstName", "Last Name": "lastName", "Full Name": "name", "Account Name": "company", Email: "email", "Secondary Email": "email:2", Title: "new:text",
      Mobile: "phone", Phone: "phone:2", "Home Phone": "phone:3", "Other Phone": "phone:4", "Date of Birth": "new:text", "Mailing Street": "addressStreet", "Mailing City": "addressCity",
      "Mailing State": "addressState", "Mailing Zip": "addressZip", "Mailing Country": "addressCountry", Description: "notes", Tag: "lists",
    }],
    ["pipedrive.csv", "pipedrive", {
      "Person - ID": "externalId", "Person - Name": "name", "Person - First name": "firstName", "Person - Last name": "lastName", "Person - Label": "lists", "Person - Organization": "company",
      "Person - Email - Work": "email", "Person - Email - Home": "email:2", "Person - Email - Other": "email:3",
      "Person - Phone - Mobile": "phone", "Person - Phone - Work": "phone:2", "Person - Phone - Home": "phone:3", "Person - Phone - Other": "phone:4", "Person - Postal address": "addressStreet", "Person - Notes": "notes",
    }],
    ["mailchimp.csv", "mailchimp", {
      "Email Address": "email", "First Name": "firstName", "Last Name": "lastName", Address: "addressStreet", "Phone Number": "phone", Birthday: "new:text", Company: "company", NOTES: "notes", TAGS: "lists",
    }],
  ])("%s → %s", (file, formatId, expected) => {
    const headers = headerOf(file);
    expect(recognizeFormat(headers)?.id).toBe(formatId);
    expect(mapped(headers)).toEqual(expected);
  });
});

describe("headers in six languages", () => {
  const address = (street: string, zip: string, city: string, country: string) => ({ [street]: "addressStreet", [zip]: "addressZip", [city]: "addressCity", [country]: "addressCountry" });
  test.each([
    // The mobile column is the first choice, the landline the second.
    ["german.csv", { Vorname: "firstName", Nachname: "lastName", Firma: "company", Handy: "phone", Telefon: "phone:2", "E-Mail": "email", Notizen: "notes", ...address("Straße", "PLZ", "Ort", "Land") }],
    ["french.csv", { "Prénom": "firstName", Nom: "lastName", "Société": "company", Portable: "phone", "Téléphone": "phone:2", Courriel: "email", Remarques: "notes", ...address("Adresse", "Code postal", "Ville", "Pays") }],
    ["spanish.csv", { Nombre: "firstName", Apellidos: "lastName", Empresa: "company", "Móvil": "phone", "Teléfono": "phone:2", "Correo electrónico": "email", Notas: "notes", ...address("Dirección", "Código postal", "Ciudad", "País") }],
    ["portuguese.csv", { Nome: "firstName", Sobrenome: "lastName", Empresa: "company", Celular: "phone", Telefone: "phone:2", "E-mail": "email", "Observações": "notes", ...address("Endereço", "CEP", "Cidade", "País") }],
    ["italian.csv", { Nome: "firstName", Cognome: "lastName", Azienda: "company", Cellulare: "phone", Telefono: "phone:2", Email: "email", Note: "notes", ...address("Indirizzo", "CAP", "Città", "Paese") }],
    ["dutch.csv", { Voornaam: "firstName", Achternaam: "lastName", Bedrijf: "company", Mobiel: "phone", Telefoon: "phone:2", "E-mailadres": "email", Notities: "notes", ...address("Adres", "Postcode", "Plaats", "Land") }],
  ])("%s", (file, expected) => {
    expect(mapped(headerOf(file))).toEqual(expected);
  });

  test("a bare name word is the surname beside a first name, the first name beside a surname, else the whole name", () => {
    expect(autoMap(["Vorname", "Name", "Telefon"], [])).toEqual(["firstName", "lastName", "phone"]);
    expect(autoMap(["Nombre", "Apellido", "Email"], [])).toEqual(["firstName", "lastName", "email"]);
    expect(autoMap(["Nom", "Téléphone"], [])).toEqual(["name", "phone"]);
    expect(autoMap(["Name", "Phone"], [])).toEqual(["name", "phone"]);
  });
});

describe("the mapping table", () => {
  test("a Switchboard export and a vCard's columns are recognised and map completely", () => {
    const exported = ["First name", "Last name", "Company", "Phone", "Email", "Notes", "External ID", "Status", "Preferred channel", "Time zone", "Street", "City", "State", "ZIP", "Country", "Lists", "SMS consent", "WhatsApp consent", "Email consent"];
    expect(recognizeFormat(exported)?.id).toBe("switchboard");
    expect(autoMap(exported, [])).toEqual(["firstName", "lastName", "company", "phone", "email", "notes", "externalId", "status", "preferredChannel", "timezone", "addressStreet", "addressCity", "addressState", "addressZip", "addressCountry", "lists", "consentSms", "consentWhatsapp", "consentEmail"]);
    expect(recognizeFormat([...VCARD_COLUMNS])?.id).toBe("vcard");
    expect(autoMap([...VCARD_COLUMNS], [])).toEqual([
      "name", "firstName", "lastName", "company", "phoneType", "phone", "phoneType", "phone:2", "phoneType", "phone:3", "email", "email:2",
      "addressStreet", "addressCity", "addressState", "addressZip", "addressCountry", "notes", "lists", "new:text", "new:text", "timezone", "externalId",
    ]);
  });

  test("an attribute the workspace has beats a format's new attribute, and a field is filled by one column", () => {
    expect(autoMap(["Phone 1 - Value", "Birthday", "Notes", "Comments"], [{ key: "birthday", label: "Birthday" }])).toEqual(["phone", "attr.birthday", "notes", ""]);
  });

  test("a phone label with no phone column after it is ignored", () => {
    expect(autoMap(["Phone 1 - Value", "Phone 1 - Label"], [])).toEqual(["phone", ""]);
  });

  test("every target in the table is one the mapping screen accepts", () => {
    const fields = new Set(["name", "firstName", "lastName", "company", "notes", "externalId", "status", "preferredChannel", "timezone", "addressStreet", "addressCity", "addressState", "addressZip", "addressCountry", "lists", "consentSms", "consentWhatsapp", "consentEmail", "phoneType", ""]);
    const valid = (t: string) => fields.has(t) || /^(phone|email):\d+$/.test(t) || t === "new:text";
    // The fields are the mapping screen's own (lib/import/fields.ts), the table's extra targets apart.
    expect([...fields].filter((f) => f && f !== "phoneType").sort()).toEqual(IMPORT_FIELDS.map((f) => f.id).filter((f) => f !== "phone" && f !== "email").sort());
    const targets = [...Object.keys(HEADER_MAP.fields), ...HEADER_MAP.patterns.map((p) => p.target.replace("{n}", "1")), ...HEADER_MAP.formats.flatMap((f) => Object.values(f.columns))];
    expect(targets.filter((t) => !valid(t))).toEqual([]);
    // Headers in the table are written normalized, or they would never match.
    const headers = [...Object.values(HEADER_MAP.fields).flat(), ...HEADER_MAP.formats.flatMap((f) => [...Object.keys(f.columns), ...f.signature, ...(f.anyOf ?? [])])];
    expect(headers.filter((h) => normalizeHeader(h) !== h)).toEqual([]);
  });
});

test("a phone label says mobile in any language; list cells split as their format writes them", () => {
  expect(["Mobile", "* Mobile", "CELL,VOICE", "Handy", "Móvil", "celular", "Mobiel"].every(isMobileLabel)).toBe(true);
  expect(["Work", "Home", "", "Main", "Mobility Ltd"].some(isMobileLabel)).toBe(false);
  const google = listRulesFor(headerOf("google.csv"));
  expect(splitListNames("* myContacts ::: Customers ::: VIP", google)).toEqual(["Customers", "VIP"]);
  expect(splitListNames("* My Contacts ::: * starred ::: Partners", listRulesFor(headerOf("google-legacy.csv")))).toEqual(["Partners"]);
  expect(splitListNames('"Customers","VIP"', listRulesFor(headerOf("mailchimp.csv")))).toEqual(["Customers", "VIP"]);
  expect(splitListNames("Customer, VIP", listRulesFor(headerOf("pipedrive.csv")))).toEqual(["Customer", "VIP"]);
  // Outside a format nothing is dropped or unquoted: "My contacts" and "VIP" are the user's own lists.
  expect(splitListNames('Alpha|My contacts|"VIP"')).toEqual(["Alpha", "My contacts", '"VIP"']);
  expect(splitListNames("* myContacts ::: Customers")).toEqual(["* myContacts", "Customers"]);
});

test("a Google export is recognised without a phone column; German and Spanish Outlook headers map", () => {
  expect(recognizeFormat(["First Name", "Last Name", "Labels", "E-mail 1 - Label", "E-mail 1 - Value", "Address 1 - Street"])?.id).toBe("google");
  expect(autoMap(["Vorname", "Nachname", "E-Mail-Adresse", "Mobiltelefon", "Telefon geschäftlich", "Straße geschäftlich", "Ort geschäftlich", "Postleitzahl geschäftlich", "Kategorien"], [])).toEqual([
    "firstName", "lastName", "email", "phone", "phone:2", "addressStreet", "addressCity", "addressZip", "lists",
  ]);
  expect(autoMap(["Nombre", "Apellidos", "Dirección de correo electrónico", "Teléfono móvil"], [])).toEqual(["firstName", "lastName", "email", "phone"]);
});

test("an English Name beside First Name stays the whole name; a saved mapping's choices have one spelling each", () => {
  expect(autoMap(["First Name", "Name", "Email"], [])).toEqual(["firstName", "name", "email"]);
  expect(["phone", "phone:2", "phone:20", "email:3"].map((t) => candidateOf(t)?.tier)).toEqual([1, 2, 20, 3]);
  expect(["phone:1", "phone:0", "phone:02", "phone:21", "phones"].map(candidateOf)).toEqual([null, null, null, null, null]);
});

test("an attribute proposed for a column that is empty in every sample row is not mapped", () => {
  const headers = ["Full name", "Phone", "Birthday", "Job title"];
  expect(autoMap(headers, [{ key: "birthday", label: "Birthday" }], [["Ann", "+1 201 555 0100", "", ""]])).toEqual(["name", "phone", "", ""]);
  expect(autoMap(headers, [{ key: "birthday", label: "Birthday" }], [["Ann", "+1 201 555 0100", "1990-01-02", "Buyer"]])).toEqual(["name", "phone", "attr.birthday", "new:text"]);
});

test("a phone label labels the phone right after it, never one further on", () => {
  expect(planFor(["phoneType", "phone"]).phones).toEqual([{ index: 1, rank: 1, labelIndex: 0 }]);
  expect(planFor(["phoneType", "email", "phone"]).phones).toEqual([{ index: 2, rank: 1, labelIndex: -1 }]);
  expect(planFor(["phoneType", "phone", "phone:2"]).phones.map((p) => p.labelIndex)).toEqual([0, -1]);
});
