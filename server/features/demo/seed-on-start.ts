import { count } from 'drizzle-orm';
import type { Deps } from '../../deps';
import { firms } from '../../platform/db/schema';
import { Problem } from '../../platform/http/problem';
import { seedDemoActivity } from './activity';
import { type DemoFirm, demoLogins, seedDemo } from './seed-demo';

/**
 * Seeds the demo firm, with weeks of activity, into an empty database: by default on the embedded
 * database, on PostgreSQL only with PARLEY_DEMO=1; never with PARLEY_DEMO=0. (Tests seed the bare
 * firm with seedDemo alone, so their counts do not depend on the story.)
 */
export async function seedDemoIfWanted(deps: Deps): Promise<DemoFirm | null> {
  const wanted = deps.config.PARLEY_DEMO ?? deps.database.engine === 'pglite';
  if (!wanted) return null;
  const [row] = await deps.db.select({ n: count() }).from(firms);
  if ((row?.n ?? 0) > 0) return null;
  // The customers' service areas need the ZIP-code places; they load on another core meanwhile.
  deps.geocoder.prepare?.();
  let demo: DemoFirm;
  try {
    demo = await seedDemo(deps, deps.config.PARLEY_DEMO_PASSWORD);
  } catch (error) {
    // Another process sharing the database seeded it first.
    if (error instanceof Problem && error.slug === 'email-taken') return null;
    throw error;
  }
  await seedDemoActivity(deps, demo);
  return demo;
}

/** The demo logins as printed on the console at start (the only place a generated password appears). */
export function describeDemoLogins(demo: DemoFirm, url: string): string {
  const pw = demo.passwordWasGenerated ? demo.password : '(the value of PARLEY_DEMO_PASSWORD)';
  return [
    '',
    `Parley is running at ${url} with the demo firm "Demo Law LLP".`,
    `  Staff sign-in (${url}/):`,
    ...Object.entries(demoLogins)
      .filter(([k]) => k !== 'portalClient')
      .map(([role, email]) => `    ${email.padEnd(30)} ${role}`),
    `  Client portal (${url}/portal): ${demoLogins.portalClient}`,
    `  Password for all of them: ${pw}`,
    demo.passwordWasGenerated ? '  This password is shown only now; note it.' : '',
    '',
  ].join('\n');
}
