// Statements sent without a name are parsed and planned by PostgreSQL on every execution. Named, each
// connection parses one once and may settle on a generic plan after a few runs (issue 11: the dashboard
// spent most of its time waiting on statements planned anew). Names are per process and the texts are
// Drizzle's, with parameters as placeholders, so a few hundred names cover everything Parley sends.

/** Queries and writes are worth preparing; DDL (migrations), BEGIN/COMMIT and SET are left unnamed. */
const PREPARABLE = /^\s*\(?\s*(select|insert|update|delete|with)\b/i;

/**
 * A function answering the name a statement's text is prepared under, the same name for the same text;
 * undefined for text not worth preparing and once `limit` names are taken (a bound on what each
 * connection holds on the server, should some code build texts without end).
 */
export function statementNames(limit = 2_000): (text: string) => string | undefined {
  const names = new Map<string, string>();
  return (text) => {
    const known = names.get(text);
    if (known !== undefined) return known;
    if (names.size >= limit || !PREPARABLE.test(text)) return undefined;
    const name = `parley_s${names.size + 1}`;
    names.set(text, name);
    return name;
  };
}
