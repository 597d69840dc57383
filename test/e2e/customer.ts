// A customer's phone for a browser test, in the fictional 312-555 range (the demo firm's customers are
// in 310 and 202). Numbers come from a per-process counter, so two tests of one file (one app, one
// database) never text from the same number: a repeated number would append to the earlier test's
// conversation instead of opening a new one.
let counter = Math.floor(Math.random() * 5000);

/** A number no other test of this file has used, as E.164 and as the UI shows it. */
export function newCustomer(): { e164: string; shown: string } {
  counter = (counter + 1) % 10_000;
  const line = String(counter).padStart(4, '0');
  return { e164: `+1312555${line}`, shown: `+1 312 555 ${line}` };
}
