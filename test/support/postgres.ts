/** The same server as url, database "postgres" (for CREATE/DROP DATABASE). */
export function adminUrl(url: string): string {
  return databaseUrlFor(url, 'postgres');
}

/** The same server as url, another database. */
export function databaseUrlFor(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
