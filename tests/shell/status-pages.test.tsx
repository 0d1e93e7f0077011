import { renderToStaticMarkup } from "react-dom/server";
import AppError from "@/app/(app)/error";
import AppNotFound from "@/app/(app)/not-found";
import GlobalError from "@/app/global-error";
import NotFound from "@/app/not-found";

// The app's own 404 and error pages (issue 21). An error page shows a
// reference and never the error's message or stack.

const secret = Object.assign(new Error("password authentication failed for user switchboard_app"), { digest: "2904211985" });

test("an error from the server shows its digest as the reference, a retry and a way back, never the message or stack", () => {
  const html = renderToStaticMarkup(<AppError error={secret} retry={() => {}} />);
  expect(html).toContain("Something went wrong on our side");
  expect(html).toContain(">2904211985</code>");
  expect(html).toContain("Try again");
  expect(html).toContain('href="/"');
  expect(html).not.toContain("password authentication");
  expect(html).not.toContain(secret.stack!.split("\n")[1].trim());
});

test("an error thrown in the browser has no digest: the time it was shown is the reference", () => {
  const html = renderToStaticMarkup(<AppError error={new Error("Cannot read properties of undefined")} retry={() => {}} />);
  expect(html).toMatch(/>browser \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z<\/code>/);
  expect(html).not.toContain("Cannot read properties");
});

test("the root layout's own failure brings its own html and body", () => {
  const html = renderToStaticMarkup(<GlobalError error={secret} retry={() => {}} />);
  expect(html).toMatch(/^<html lang="en">(<head><\/head>)?<body /);
  expect(html).toContain("2904211985");
  expect(html).not.toContain("password authentication");
});

test("both 404 pages say what happened and offer the way back", () => {
  for (const page of [<AppNotFound key="app" />, <NotFound key="root" />]) {
    const html = renderToStaticMarkup(page);
    expect(html).toContain("We could not find that page");
    expect(html).toContain("Go to the start page");
  }
});
