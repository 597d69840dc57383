import { createContact } from '../../contacts/create-contact';
import { createMatter } from '../../matters/create-matter';
import type { DemoContext } from './context';

/** What the third matter part made, for the parts that follow. */
export interface ThirdMatter {
  matterId: string;
  /** Maria Garcia (from the base firm) and Luis Garcia, her husband. */
  contactIds: [string, string];
}

/** A third matter, a couple's immigration case, with two clients, opened three weeks ago. */
export async function seedThirdMatter(ctx: DemoContext): Promise<ThirdMatter> {
  ctx.setTime(21, '15:00');
  const actor = ctx.actor('attorney1');
  const luis = await createContact(ctx.deps, {
    actor,
    contact: {
      name: 'Luis Garcia',
      phones: [{ number: '+13105550188', label: 'mobile' }],
      emails: [{ address: 'luis.garcia@example.com', label: 'personal' }],
      address: '1200 Ocean Ave, Santa Monica, CA 90401',
    },
  });
  const maria = ctx.demo.contactIds[2] as string;
  const matter = await createMatter(ctx.deps, {
    actor,
    matter: {
      number: '2026-0003',
      name: 'Garcia Family Visa Petition',
      ownerId: ctx.demo.userIds.attorney1,
      assigneeIds: [ctx.demo.userIds.attorney1, ctx.demo.userIds.attorney2],
      contactIds: [maria, luis.row.id],
    },
  });
  return { matterId: matter.view.row.id, contactIds: [maria, luis.row.id] };
}
