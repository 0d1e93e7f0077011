import { formatPhone, parsePhone, phoneSearchTerms } from "@/lib/contacts/phone";

describe("parsePhone in a US workspace", () => {
  test.each(["(201) 555-0123", "201.555.0123", "1 201 555 0123", "+1 201 555 0123", "011 1 201 555 0123", "+1 (201) 555-0123", " 2015550123 "])(
    "%s is +12015550123",
    (input) => {
      expect(parsePhone(input, "US")).toEqual({ ok: true, phone: { e164: "+12015550123", digits: "12015550123", country: "US" } });
    },
  );

  test("+44 20 7946 0958 is a UK number", () => {
    expect(parsePhone("+44 20 7946 0958", "US")).toEqual({
      ok: true,
      phone: { e164: "+442079460958", digits: "442079460958", country: "GB" },
    });
  });

  test.each([
    ["555-0100", "This phone number is too short."],
    ["12", "This phone number is too short."],
    ["+1 201 555 0123 4567", "This phone number is too long."],
    ["call me", "Phone numbers can only contain digits, spaces and + ( ) - ."],
    ["1-800-FLOWERS", "Phone numbers can only contain digits, spaces and + ( ) - ."],
    ["---", "Enter a phone number, like (201) 555-0123 or +44 20 7946 0958."],
    ["(201) 155-0123", "This is not a valid phone number. Enter it like (201) 555-0123 or +44 20 7946 0958."],
  ])("%s is refused: %s", (input, message) => {
    expect(parsePhone(input, "US")).toEqual({ ok: false, message });
  });
});

test("a UK workspace reads national numbers as UK", () => {
  expect(parsePhone("020 7946 0958", "GB")).toMatchObject({ ok: true, phone: { e164: "+442079460958" } });
  expect(parsePhone("07400 123456", "GB")).toMatchObject({ ok: true, phone: { e164: "+447400123456", country: "GB" } });
});

test("display: national for the workspace's country, international otherwise", () => {
  expect(formatPhone("+12015550123", "US")).toBe("(201) 555-0123");
  expect(formatPhone("+442079460958", "US")).toBe("+44 20 7946 0958");
  expect(formatPhone("+442079460958", "GB")).toBe("020 7946 0958");
  expect(formatPhone(null, "US")).toBe("");
});

test("search terms: digits of any format, trunk prefix dropped, exact number when whole", () => {
  expect(phoneSearchTerms("201 555 0123", "US")).toEqual({ digits: ["2015550123"], e164: "+12015550123" });
  expect(phoneSearchTerms("+1 (201) 555-0123", "US")).toEqual({ digits: ["12015550123"], e164: "+12015550123" });
  expect(phoneSearchTerms("5550123", "US")).toEqual({ digits: ["5550123"], e164: null });
  expect(phoneSearchTerms("020 7946 0958", "GB")).toEqual({ digits: ["02079460958", "2079460958"], e164: "+442079460958" });
  expect(phoneSearchTerms("jane", "US")).toBeNull();
  expect(phoneSearchTerms("12", "US")).toBeNull();
});
